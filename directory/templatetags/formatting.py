"""The template side of directory.formatting: {{ offer.price|money }}, {{ lot.remaining|number }},
{{ need.quantity|quantity:need.unit }}, {{ offer.price|price_per:offer.unit }},
{{ unit|unit_label }}, {{ share|percent }}, {{ change|signed_percent }},
{{ event.starts_at|weekday_datetime }},
{{ day|weekday_date }}."""

from django import template

from directory import formatting

register = template.Library()

register.filter("money", formatting.money)
register.filter("number", formatting.number)
register.filter("quantity", formatting.quantity)
register.filter("price_per", formatting.price_per)
register.filter("unit_label", formatting.unit_label)
register.filter("percent", formatting.percent)
register.filter("hours", formatting.hours)
register.filter("signed_percent", formatting.signed_percent)
register.filter("weekday_datetime", formatting.weekday_datetime)
register.filter("weekday_date", formatting.weekday_date)
