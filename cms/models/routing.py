"""Routing to the pages of a section whose pages are all of one type."""


class OneTypeChildrenMixin:
    """For a page whose subpage_types name one type: Wagtail's route() reads the child a
    request asks for as a Page, then again as its type; this reads it once, as its type.
    Anything else (another type's page, no such page) is routed as Wagtail does."""

    def route(self, request, path_components):
        [child_model] = self.clean_subpage_models()
        if path_components:
            try:
                child = child_model.objects.child_of(self).get(slug=path_components[0])
            except child_model.DoesNotExist:
                pass
            else:
                child._cached_parent_obj = self  # as Wagtail does: its parent is not read again
                return child.route(request, path_components[1:])
        return super().route(request, path_components)
