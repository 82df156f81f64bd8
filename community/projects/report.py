"""The funder report of a project: for a period, the indicators funders ask for, read from
the records the partners keep on the site (never typed a second time). One page, an XLSX
workbook and a PDF are written from the same sections.

Each section is computed by its own function of the report's Records (the project, the
period, today, and what several sections read, read once) and returns a Section: a title, a few headline figures, a note saying where the figures come from, and
one table written twice — as text for the page and the PDF (quantities, money and dates
as the language writes them) and as values for the workbook (numbers stay numbers).
SECTIONS lists them in the report's order: a new indicator (the deliveries' quality
conformity, the partners' own commitments) is one more function appended there, nothing
else changes.

What the records cannot say, the report does not invent. No record ties an action, a
commitment or an event to one funder: a report for one funder names that funder and
shows the project's figures, as a funder's report does for the project it funds."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import cached_property

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from directory import formatting
from directory.models import Producer

from .. import access
from ..commitments.models import delivered_total
from ..models import Commitment, Organisation, Registration
from .models import LATE, Action, Deliverable, Meeting, Status

# What the report counts as local supply, from the producer's entry in the directory:
# the Montréal area and the neighbouring regions (Montérégie, Laurentides...), where the
# farms a project signs crop contracts with are. Elsewhere in Québec and imported are not.
LOCAL_CLASSES = (Producer.DistanceClass.LOCAL, Producer.DistanceClass.REGIONAL)


@dataclass
class Period:
    starts_on: date
    ends_on: date

    def __contains__(self, day):
        return self.starts_on <= day <= self.ends_on

    @property
    def days(self):
        return (self.ends_on - self.starts_on).days + 1


@dataclass
class Section:
    key: str
    title: str
    sheet: str  # the workbook's sheet name: short (a spreadsheet cuts it at 31 characters)
    note: str = ""
    recorded: bool = True
    figures: list = field(default_factory=list)  # [(label, text)]
    header: list = field(default_factory=list)  # the page's and the PDF's columns
    rows: list = field(default_factory=list)  # [[text]]
    sheet_header: list = field(default_factory=list)  # the workbook's columns
    sheet_rows: list = field(default_factory=list)  # [[value]]
    empty: str = ""


@dataclass
class Records:
    project: object
    period: Period
    today: date

    @cached_property
    def partners(self):
        return list(Organisation.objects.filter(project_partnerships__project=self.project))

    @cached_property
    def commitments(self):
        return partners_commitments(self.partners, self.period)


def default_period(project):
    """The whole project: what a funder's final report covers."""
    return Period(project.starts_on, project.ends_on)


def last_quarter(project, today):
    """The last calendar quarter ended before today, within the project's period (the
    whole project when it did not run then): what an interim report covers."""
    first_of_quarter = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    ends = first_of_quarter - timedelta(days=1)
    starts = date(ends.year, ends.month - 2, 1)
    starts, ends = max(starts, project.starts_on), min(ends, project.ends_on)
    if starts > ends:
        return default_period(project)
    return Period(starts, ends)


# The action plan ---------------------------------------------------------------------------


def plan_section(records):
    """Actions and deliverables due in the period: how many, how many done, which are late
    (still expected past their due date), each with its owner and dates."""
    project, period, today = records.project, records.period, records.today
    due = Q(due_on__gte=period.starts_on, due_on__lte=period.ends_on)
    actions = list(
        Action.objects.filter(due, work_package__project=project)
        .select_related("owner", "owner_person")
        .order_by("due_on", "pk")
    )
    deliverables = list(
        Deliverable.objects.filter(due, action__work_package__project=project)
        .select_related("owner", "owner_person")
        .order_by("due_on", "pk")
    )
    items = sorted(
        [(_("Action"), item) for item in actions]
        + [(_("Deliverable"), item) for item in deliverables],
        key=lambda pair: (pair[1].due_on, pair[0], pair[1].title),
    )

    def count(things, status=None):
        if status == LATE:
            return sum(1 for thing in things if thing.is_late(today))
        return sum(1 for thing in things if status is None or thing.status == status)

    section = Section(
        "plan",
        _("Action plan: due in the period"),
        _("Action plan"),
        note=_(
            "Actions and deliverables whose due date falls in the period, as their owners "
            "keep them in the action plan. Late: still expected after its due date."
        ),
        empty=_("No action or deliverable is due in the period."),
    )
    for label, things in (
        (pgettext("report", "Deliverables"), deliverables),
        (pgettext("report", "Actions"), actions),
    ):
        section.figures.append(
            (
                label,
                _("Due: %(due)s · done: %(done)s · late: %(late)s")
                % {
                    "due": count(things),
                    "done": count(things, Status.DONE),
                    "late": count(things, LATE),
                },
            )
        )
    section.header = [_("Kind"), _("Title"), _("Owner"), _("Due"), pgettext("plan", "Status")]
    section.sheet_header = [*section.header[:3], _("Person in charge"), *section.header[3:]]
    for kind, item in items:
        status = _("late") if item.is_late(today) else item.get_status_display()
        person = item.owner_person.public_name if item.owner_person else ""
        owner = f"{item.owner.name} ({person})" if person else item.owner.name
        section.rows.append([kind, item.title, owner, formatting.date(item.due_on), status])
        section.sheet_rows.append([kind, item.title, item.owner.name, person, item.due_on, status])
    return section


# Seasonal commitments ----------------------------------------------------------------------


def partners_commitments(partners, period):
    """The accepted commitments of the partners as buyers running in the period, each with
    delivered_in_period (the deliveries logged on a day of the period, but for those
    refused for quality, which went back). One query."""
    return list(
        Commitment.objects.filter(
            organisation__in=partners,
            status=Commitment.Status.ACCEPTED,
            starts_on__lte=period.ends_on,
            ends_on__gte=period.starts_on,
        )
        .select_related("product", "producer", "organisation")
        .annotate(
            delivered_in_period=delivered_total(
                "deliveries__",
                among=Q(
                    deliveries__delivered_on__gte=period.starts_on,
                    deliveries__delivered_on__lte=period.ends_on,
                ),
            )
        )
        .order_by("starts_on", "pk")
    )


def contracted_in_period(commitment, period):
    """The part of the commitment's volume that falls in the period, day for day: 40 kg a
    week over the four weeks of the period is 160 kg, whatever the commitment's length."""
    starts = max(commitment.starts_on, period.starts_on)
    ends = min(commitment.ends_on, period.ends_on)
    return commitment.daily_quantity * ((ends - starts).days + 1)


def _value(quantity, commitment):
    if commitment.price_per_unit is None:
        return None
    return quantity * commitment.price_per_unit


def _add(total, amount):
    return amount if total is None else total + (amount or 0)


def _sum_or_none(values):
    known = [value for value in values if value is not None]
    return sum(known, Decimal(0)) if known else None


def _rounded(value):
    return None if value is None else Decimal(value).quantize(Decimal("0.01"))


def volumes_section(records):
    """Volumes contracted (the commitments' part in the period) and delivered (logged in
    the period), by product and by producer, with their value at the commitments'
    indicative prices."""
    commitments, period = records.commitments, records.period
    groups = defaultdict(lambda: {"contracted": Decimal(0), "delivered": Decimal(0)})
    values = defaultdict(lambda: {"contracted": None, "delivered": None})
    for commitment in commitments:
        contracted = contracted_in_period(commitment, period)
        delivered = commitment.delivered_in_period or Decimal(0)
        for by, name in (
            (_("Product"), str(commitment.product)),
            (_("Producer"), commitment.producer.name),
        ):
            key = (by, name, commitment.unit)
            groups[key]["contracted"] += contracted
            groups[key]["delivered"] += delivered
            values[key]["contracted"] = _add(
                values[key]["contracted"], _value(contracted, commitment)
            )
            values[key]["delivered"] = _add(values[key]["delivered"], _value(delivered, commitment))
    section = Section(
        "volumes",
        _("Volumes contracted and delivered"),
        _("Volumes"),
        note=_(
            "The accepted seasonal commitments whose buyer is a partner of the project: "
            "contracted is the part of each commitment's volume that falls in the period, "
            "delivered the deliveries logged in the period. Values at the commitments' "
            "indicative prices."
        ),
        empty=_("No partner has an accepted seasonal commitment running in the period."),
    )
    contracted_value = _sum_or_none(_value(contracted_in_period(c, period), c) for c in commitments)
    delivered_value = _sum_or_none(
        _value(c.delivered_in_period or Decimal(0), c) for c in commitments
    )
    section.figures = [
        (_("Commitments"), str(len(commitments))),
        (_("Value contracted"), formatting.money(contracted_value) or "—"),
        (_("Value delivered"), formatting.money(delivered_value) or "—"),
    ]
    section.header = [
        _("By"),
        _("Name"),
        _("Contracted"),
        _("Delivered"),
        _("Value contracted"),
        _("Value delivered"),
    ]
    section.sheet_header = [*section.header[:2], _("Unit"), *section.header[2:]]
    for key in sorted(groups, key=lambda key: (key[0] != _("Product"), key[1], key[2])):
        by, name, unit = key
        quantities, money = groups[key], values[key]
        section.rows.append(
            [
                by,
                name,
                formatting.quantity(quantities["contracted"], unit),
                formatting.quantity(quantities["delivered"], unit),
                formatting.money(money["contracted"]) or "—",
                formatting.money(money["delivered"]) or "—",
            ]
        )
        section.sheet_rows.append(
            [
                by,
                name,
                formatting.unit_label(unit, 2),
                _rounded(quantities["contracted"]),
                _rounded(quantities["delivered"]),
                _rounded(money["contracted"]),
                _rounded(money["delivered"]),
            ]
        )
    return section


def local_supply_section(records):
    """The share of local supply in what the partners bought through their commitments:
    the value delivered in the period, by the producer's distance class in the directory.
    Purchases made outside the site are not recorded, and a delivery without a price
    cannot be weighed against the others: both are left out, and the note says so."""
    commitments = records.commitments
    by_class = defaultdict(Decimal)
    for commitment in commitments:
        value = _value(commitment.delivered_in_period or Decimal(0), commitment)
        if value:
            by_class[commitment.producer.distance_class] += value
    total = sum(by_class.values(), Decimal(0))
    section = Section(
        "local_supply",
        _("Share of local supply"),
        _("Local supply"),
        note=_(
            "Recorded: the deliveries logged in the period against the partners' seasonal "
            "commitments, valued at their indicative prices, by the distance of the "
            "producer's entry in the directory. Local: the Montréal area and the "
            "neighbouring regions. Purchases made outside the site are not recorded."
        ),
        recorded=bool(total),
        empty=_("Not recorded: no delivery with a price was logged in the period."),
    )
    if not total:
        return section
    local = sum((by_class[name] for name in LOCAL_CLASSES), Decimal(0))
    section.figures = [(_("Local supply"), formatting.percent(100 * local / total))]
    section.header = [_("Distance"), _("Value delivered"), _("Share")]
    section.sheet_header = section.header
    for value, label in Producer.DistanceClass.choices:
        if by_class[value]:
            share = 100 * by_class[value] / total
            section.rows.append(
                [str(label), formatting.money(by_class[value]), formatting.percent(share)]
            )
            section.sheet_rows.append(
                [str(label), _rounded(by_class[value]), _rounded(share / 100)]
            )
    return section


# Events ------------------------------------------------------------------------------------


def events_section(records):
    """Events held in the period that the partners took part in. An event records no
    organiser organisation: it is linked to the project when it visits a partner's farm
    (the producer visited is a partner's directory entry) or when members of the
    partners hold confirmed registrations for it. One query."""
    EventPage = Registration.event.field.related_model  # cms's, without importing cms

    partners, period = records.partners, records.period
    partner_people = access.approved_memberships().filter(organisation__in=partners).values("user")
    confirmed = Q(registrations__status=Registration.Status.CONFIRMED)
    by_partners = confirmed & Q(registrations__user__in=partner_people)
    events = list(
        EventPage.objects.live()
        .filter(
            starts_at__date__gte=period.starts_on,
            starts_at__date__lte=period.ends_on,
            cancelled=False,
        )
        .annotate(
            confirmed_total=Count("registrations", filter=confirmed, distinct=True),
            confirmed_partners=Count("registrations", filter=by_partners, distinct=True),
            attended_partners=Count(
                "registrations",
                filter=by_partners & Q(registrations__attended=True),
                distinct=True,
            ),
        )
        .filter(Q(confirmed_partners__gt=0) | Q(producer__organisation__in=partners))
        .order_by("starts_at", "pk")
    )
    section = Section(
        "events",
        _("Events and participants"),
        _("Events"),
        note=_(
            "Events of the period that visit a partner's farm or that members of the "
            "partners registered for (confirmed registrations). Attended: as the network's "
            "staff recorded it after the event."
        ),
        empty=_("No event of the period is linked to the partners."),
    )
    section.figures = [
        (_("Events"), str(len(events))),
        (
            _("Confirmed registrations of the partners' members"),
            str(sum(event.confirmed_partners for event in events)),
        ),
    ]
    section.header = [
        _("Event"),
        pgettext("event", "Date"),
        _("Partners' members confirmed"),
        _("Of whom attended"),
        _("All confirmed"),
    ]
    section.sheet_header = section.header
    for event in events:
        section.rows.append(
            [
                event.title,
                formatting.date(event.starts_at),
                str(event.confirmed_partners),
                str(event.attended_partners),
                str(event.confirmed_total),
            ]
        )
        section.sheet_rows.append(
            [
                event.title,
                timezone.localtime(event.starts_at).date(),
                event.confirmed_partners,
                event.attended_partners,
                event.confirmed_total,
            ]
        )
    return section


# The report ----------------------------------------------------------------------------------

# Meetings ----------------------------------------------------------------------------------


def meetings_section(records):
    """The project's groups' meetings held in the period (begun by today), with who came
    where the attendance was recorded, against the group's members. One query."""
    period, now = records.period, timezone.now()
    meetings = list(
        Meeting.objects.filter(
            group__project=records.project,
            starts_at__date__gte=period.starts_on,
            starts_at__date__lte=period.ends_on,
            starts_at__lte=now,
        )
        .select_related("group")
        .annotate(
            came=Count("attendees", distinct=True),
            members=Count("group__members", distinct=True),
            decided=Count("decisions", distinct=True),
        )
        .order_by("starts_at", "pk")
    )
    recorded = [meeting for meeting in meetings if meeting.attendance_recorded]
    section = Section(
        "meetings",
        _("Meetings held and attendance"),
        _("Meetings"),
        note=_(
            "Meetings of the project's steering committee and working groups held in the "
            "period, as their coordinators recorded them: who came, out of the group's "
            "members, where the attendance was recorded."
        ),
        empty=_("No meeting of the project's groups was held in the period."),
    )
    came, invited = sum(m.came for m in recorded), sum(m.members for m in recorded)
    section.figures = [
        (_("Meetings held"), str(len(meetings))),
        (
            _("Attendance"),
            _("%(came)s of %(invited)s members (%(share)s)")
            % {
                "came": came,
                "invited": invited,
                "share": formatting.percent(100 * came / invited),
            }
            if invited
            else pgettext("report", "Not recorded"),
        ),
    ]
    section.header = [
        _("Group"),
        pgettext("event", "Date"),
        _("Came"),
        _("Members"),
        _("Decisions"),
        _("Minutes"),
    ]
    section.sheet_header = section.header
    for meeting in meetings:
        came = meeting.came if meeting.attendance_recorded else None
        minutes = (
            pgettext("minutes", "published")
            if meeting.minutes_published_at
            else pgettext("minutes", "not yet published")
        )
        section.rows.append(
            [
                meeting.group.name,
                formatting.date(meeting.starts_at),
                str(came) if came is not None else "—",
                str(meeting.members),
                str(meeting.decided),
                minutes,
            ]
        )
        section.sheet_rows.append(
            [
                meeting.group.name,
                timezone.localtime(meeting.starts_at).date(),
                came,
                meeting.members,
                meeting.decided,
                minutes,
            ]
        )
    return section


SECTIONS = [plan_section, meetings_section, volumes_section, local_supply_section, events_section]


def build(project, period, today):
    """The report's sections, in order."""
    records = Records(project, period, today)
    return [compute(records) for compute in SECTIONS]
