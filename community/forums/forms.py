"""Writing in the forums: a post, a new topic; reporting a post, hiding one."""

from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

MARKDOWN_HELP = _(
    "Markdown: **bold**, *italic*, [a link](https://…), > a quotation, - a list. "
    "Web addresses become links."
)


class PostForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        help_text=MARKDOWN_HELP,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].validators.append(
            MaxLengthValidator(settings.FORUM_LIMITS["post_max_length"])
        )


class TopicForm(PostForm):
    title = forms.CharField(label=_("Title"), min_length=5, max_length=200)
    field_order = ["title", "body"]


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with this post?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason shown in place of the post"),
        max_length=300,
        widget=forms.TextInput,
    )
