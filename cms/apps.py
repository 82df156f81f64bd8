from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Pages")

    def ready(self):
        from wagtail.signals import page_published

        from .models import ResourcePage
        from .sharing import release_documents

        page_published.connect(
            release_documents, sender=ResourcePage, dispatch_uid="cms-release-documents"
        )
