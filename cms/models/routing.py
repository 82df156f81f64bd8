"""Routing to the pages of a section whose pages are all of one type."""


class OneTypeChildrenMixin:
    """For a page whose subpage_types name one type: Wagtail's route() reads the child a
    request asks for as a Page, then again as its type; this reads it once, as its type.
    Anything else (another type's page, no such page) is routed as Wagtail does."""

    def routed_children(self):
        """The children a request may be routed to; a section adds what its pages show."""
        [child_model] = self.clean_subpage_models()
        return child_model.objects.child_of(self)

    def route(self, request, path_components):
        if path_components:
            children = self.routed_children()
            try:
                child = children.get(slug=path_components[0])
            except children.model.DoesNotExist:
                pass
            else:
                child._cached_parent_obj = self  # as Wagtail does: its parent is not read again
                return child.route(request, path_components[1:])
        return super().route(request, path_components)
