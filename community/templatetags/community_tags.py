from django import template

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
