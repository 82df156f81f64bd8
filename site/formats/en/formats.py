"""Dates, times and numbers as English Canada writes them: "Oct 12, 2026", "1:40 PM",
"2026-10-12" (Canada's all-numeric date, never the ambiguous 10/12/2026), "1,234.50"."""

from django.conf.locale.en.formats import *  # noqa: F403

DATE_FORMAT = "M j, Y"
TIME_FORMAT = "g:i A"
DATETIME_FORMAT = "M j, Y, g:i A"
SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d g:i A"
# A date with its weekday and time, for events: "Monday, Oct 12, 2026, 1:40 PM".
WEEKDAY_DATETIME_FORMAT = "l, M j, Y, g:i A"
# A calendar's day: "Monday, Oct 12".
WEEKDAY_DATE_FORMAT = "l, M j"
