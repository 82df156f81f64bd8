"""The need page's one way into price requests: {% price_request_link need %} shows "Ask
for prices" (or the prices received, once asked) to those who may ask: the need's
organisation and the staff."""

from django import template

from ..price_requests import rules
from ..price_requests.models import PriceRequest

register = template.Library()


@register.inclusion_tag("community/price_requests/_need_link.html", takes_context=True)
def price_request_link(context, need):
    request = context.get("request")
    shown = request is not None and rules.may_ask(request.user, need)
    asked = shown and PriceRequest.objects.filter(round__need=need).exists()
    return {"need": need, "shown": shown and (asked or rules.takes_answers(need)), "asked": asked}
