"""iCalendar (.ics) for events: one event to add to a calendar, and the feed of
upcoming events that calendar applications subscribe to."""

from django.utils import timezone

import icalendar

from directory.links import page_url, site_host

PRODUCT_ID = "-//SALIM//Site du réseau//FR"


def _component(event):
    component = icalendar.Event()
    # The same identifier in every file and feed, so calendars update the event in place.
    component.add("uid", f"event-{event.translation_key}@{site_host()}")
    component.add("dtstamp", timezone.now())
    component.add("dtstart", event.starts_at)
    component.add("dtend", event.ends_at)
    component.add("summary", event.title)
    if event.intro:
        component.add("description", event.intro)
    location = ", ".join(part for part in (event.place_name, event.address) if part)
    if location:
        component.add("location", location)
    component.add("url", page_url(event))
    component.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    return component


def calendar(events, name):
    cal = icalendar.Calendar()
    cal.add("prodid", PRODUCT_ID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    cal.add("method", "PUBLISH")
    for event in events:
        cal.add_component(_component(event))
    return cal.to_ical()


def deadlines_calendar(deadlines, name):
    """Funding deadlines as all-day events."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODUCT_ID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    host = site_host()
    for deadline in deadlines:
        guide = deadline.page
        component = icalendar.Event()
        component.add("uid", f"funding-deadline-{deadline.pk}@{host}")
        component.add("dtstamp", timezone.now())
        component.add("dtstart", deadline.date)
        summary = f"{guide.title} — {deadline.label}" if deadline.label else guide.title
        component.add("summary", summary)
        component.add("url", page_url(guide))
        cal.add_component(component)
    return cal.to_ical()
