from django import template
from django.utils.html import format_html_join
from django.utils.translation import gettext

from community import access
from community.events.forms import RegistrationForm

register = template.Library()


@register.simple_tag
def registration_form(event, user):
    """The event's registration questions, as an empty form for this person."""
    return RegistrationForm(event, user)


@register.filter
def member_or_staff(user):
    """Whether the members' area (the forums and the boards) is open to this person."""
    return access.is_member_or_staff(user)


@register.simple_tag
def triage_candidates(item, timeline_start):
    """A triaged need's candidates as list items, each a link to the producer's timeline
    (`timeline_start`, its id and a slash), marked when written to. Written here rather
    than by a loop in the template: the triage page shows thousands of them."""
    written_to = item.written_to
    written = " (%s)" % gettext("written to")  # noqa: UP031 - xgettext skips f-strings
    return format_html_join(
        "",
        '<li><a href="{}{}/">{}</a>{}</li>',
        (
            (timeline_start, pk, name, written if pk in written_to else "")
            for pk, name in item.candidates
        ),
    )


@register.simple_tag
def account_menu(user):
    """{members: the members' area is open, projects: the person has projects to see}."""
    members, projects = access.account_menu(user)
    return {"members": members, "projects": projects}
