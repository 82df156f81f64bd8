from django import template

from community.events.forms import RegistrationForm

register = template.Library()


@register.simple_tag
def registration_form(event, user):
    """The event's registration questions, as an empty form for this person."""
    return RegistrationForm(event, user)
