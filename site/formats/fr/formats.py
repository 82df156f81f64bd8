"""Dates and times as Québec writes them (the Office québécois de la langue française's
usage): "12 octobre 2026", "9 h 05", "13 h 40", "2026-10-12". What people may type in forms, and
numbers, stay Django's French ones. (Django's own fr_CA formats write the hour's "h"
unescaped, which prints "13 01 40".)"""

from django.conf.locale.fr.formats import *  # noqa: F403

DATE_FORMAT = "j F Y"
TIME_FORMAT = "G\xa0\\h\xa0i"
DATETIME_FORMAT = "j F Y, G\xa0\\h\xa0i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d G\xa0\\h\xa0i"
# A date with its weekday and time, for events: "lundi 12 octobre 2026, 13 h 40".
WEEKDAY_DATETIME_FORMAT = "l j F Y, G\xa0\\h\xa0i"
# A calendar's day: "lundi 12 octobre".
WEEKDAY_DATE_FORMAT = "l j F"
# The first of a month is an ordinal in French: "1er décembre 2026" (directory.formatting.date,
# every template's `date` filter, writes it where a format has the day as "j").
FIRST_OF_MONTH = "1er"
