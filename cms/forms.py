"""The Wagtail admin's document form (WAGTAILDOCS_DOCUMENT_FORM_BASE): Wagtail checks
the extension only, so the content is checked against it too."""

from wagtail.documents.forms import BaseDocumentForm

from directory.uploads import check_content


class DocumentForm(BaseDocumentForm):
    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and "file" in self.changed_data:
            check_content(file)
        return file
