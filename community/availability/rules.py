"""Weekly availability's rules: the signed link a producer sends its week through, the
week saved (its prices reaching the price history and its offers), the weekly email
asking each producer, and the weekly digest to buying organisations.

A link is signed (community.signed_links, a salt of its own) over one producer and the
Monday of the week it was sent for: it opens that producer's form, nothing else, and
works for that week and the next, so a late answer still gets through; after that the
next weekly email brings a new one."""

from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from directory.models import Availability, Offer, PriceObservation, Producer, end_of_week

from .. import access, signed_links
from ..emails import compose, queue
from ..models import Need, Organisation
from ..workspace.contacting import members_by_producer, recipients
from .models import WeeklyMailing

# One purpose, one salt: a link signed for something else never opens this form.
LINK_SALT = "community.availability.week"
LINK_VIEW = "community:availability_link"
LINK_WEEKS = 2  # the week it was sent for, and the next
# Allauth's rate limits (ACCOUNT_RATE_LIMITS), as the sign-in's: in the shared cache.
RATE_LIMIT = "availability_answer"
# The price history's source for prices sent this way (stored as written, like an editor's).
PRICE_SOURCE = "Disponibilités de la semaine"


def week_of(day):
    """The Monday of the day's week."""
    return day - timedelta(days=day.weekday())


# Links -----------------------------------------------------------------------------------


def token_for(producer, today=None):
    week = week_of(today or timezone.localdate())
    return signed_links.sign(LINK_SALT, p=producer.pk, w=week.toordinal())


def link_args(producer, today=None):
    return (LINK_VIEW, [producer.pk, token_for(producer, today)])


def open_link(producer_id, token, today=None):
    """The producer the link opens, for the producer of the address; LinkRefused otherwise."""
    ids = signed_links.unsign(LINK_SALT, token, p=producer_id)
    producer = Producer.objects.filter(pk=ids["p"]).first()
    if producer is None or "w" not in ids:
        raise signed_links.LinkRefused("broken")
    try:
        sent_for = date.fromordinal(ids["w"])
    except (ValueError, OverflowError):
        raise signed_links.LinkRefused("broken") from None
    if (today or timezone.localdate()) >= sent_for + timedelta(weeks=LINK_WEEKS):
        raise signed_links.LinkRefused("closed", producer)
    return producer


# The week's lines ------------------------------------------------------------------------


def current_lines(producer, today=None):
    return list(producer.availabilities.current(today).select_related("product"))


def lines_to_start_from(producer, today=None):
    """This week's lines once sent; else those the producer sent last (last week's)."""
    lines = current_lines(producer, today)
    if lines:
        return lines
    last = producer.availabilities.order_by("-created_at").values_list("created_at", flat=True)
    latest = last.first()
    if latest is None:
        return []
    # The lines of one send are written within the same moment.
    return list(
        producer.availabilities.filter(
            created_at__gte=latest - timedelta(minutes=5)
        ).select_related("product")
    )


@transaction.atomic
def save_week(producer, lines, *, source, by=None):
    """The producer's lines for the week, replacing those still current (a line left out
    is no longer available). Each price reaches the price history (one observation per
    product and unit a day) and the producer's offer of the product in that unit."""
    Producer.objects.select_for_update().filter(pk=producer.pk).first()  # two sends: in turn
    today = timezone.localdate()
    producer.availabilities.current(today).delete()
    saved = []
    for line in lines:
        availability = Availability(
            producer=producer,
            product=line["product"],
            quantity=line["quantity"],
            unit=line["unit"],
            price=line["price"],
            available_until=line.get("available_until") or end_of_week(today),
            source=source,
            entered_by=by,
        )
        availability.save()
        saved.append(availability)
        _record_price(producer, availability, today, by)
    return saved


def _record_price(producer, availability, today, by):
    PriceObservation.objects.filter(
        producer=producer,
        product=availability.product,
        unit=availability.unit,
        observed_on=today,
        source=PRICE_SOURCE,
    ).delete()
    PriceObservation.objects.create(
        product=availability.product,
        observed_on=today,
        price=availability.price,
        unit=availability.unit,
        origin=producer.distance_class or Producer.DistanceClass.LOCAL,
        producer=producer,
        source=PRICE_SOURCE,
    )
    for offer in Offer.objects.filter(
        producer=producer, product=availability.product, unit=availability.unit
    ):
        offer.price, offer.price_seen_on, offer.updated_by = availability.price, today, by
        offer.save(update_fields=["price", "price_seen_on", "updated_by", "updated_at"])


# Asking producers ------------------------------------------------------------------------


def _claim(kind, week, **target):
    """The week's email to this producer or organisation, claimed in one INSERT: a second
    run, even at the same moment, finds it taken."""
    try:
        with transaction.atomic():
            WeeklyMailing.objects.create(kind=kind, week=week, **target)
    except IntegrityError:
        return False
    return True


def ask_producers(today=None):
    """Once a week (run it every Monday): each producer with offers and someone to write
    to is asked what it has this week, one delivery each. Returns how many were queued."""
    today = today or timezone.localdate()
    week = week_of(today)
    producers = list(Producer.objects.filter(offers__isnull=False).distinct().order_by("pk"))
    members = members_by_producer(producers)
    queued = 0
    for producer in producers:
        if recipients(producer, members) and _claim(
            WeeklyMailing.Kind.ASK, week, producer=producer
        ):
            queue(
                f"weekly availability of producer {producer.pk}",
                asking_emails,
                producer.pk,
                today.isoformat(),
            )
            queued += 1
    return queued


def asking_emails(producer_id, today):
    """ "Still available? Change prices?": the producer's lines and its link, to each of
    its members in their language (or its entry's address)."""
    producer = Producer.objects.get(pk=producer_id)
    today = date.fromisoformat(today)
    lines = lines_to_start_from(producer, today)
    context = {
        "producer": producer,
        "lines": lines,
        "current": bool(lines) and lines[0].available_until >= today,
        "until": end_of_week(today),
    }
    link = link_args(producer, today)
    return [
        compose(recipient, "community/availability/email/ask", context, link)
        for recipient in recipients(producer, members_by_producer([producer]))
    ]


# Digest to buying organisations ----------------------------------------------------------


def buyers():
    """The approved community organisations (not producers' businesses) with a borough."""
    return Organisation.objects.filter(
        status=Organisation.Status.APPROVED, producer__isnull=True, borough__isnull=False
    )


def available_near(organisation, today=None):
    """This week's lines of producers in the organisation's borough or region, or
    delivering there, among the products it usually buys or has open needs for."""
    today = today or timezone.localdate()
    needs = Need.objects.filter(
        organisation=organisation, status=Need.Status.OPEN, wanted_until__gte=today
    )
    wanted = Q(product__in=organisation.products_usually_bought.all())
    wanted |= Q(product__in=needs.filter(product__isnull=False).values("product"))
    wanted |= Q(product__category__in=needs.filter(category__isnull=False).values("category"))
    near = Q(producer__area=organisation.borough_id) | Q(
        producer__delivery_areas=organisation.borough_id
    )
    matching = Availability.objects.current(today).filter(wanted).filter(near)
    return list(
        Availability.objects.filter(pk__in=matching.values("pk"))
        .select_related("producer", "product")
        .order_by("product__name_fr", "producer__name", "pk")
    )


def send_digests(today=None):
    """Once a week (run it every Monday, after producers have had time to answer, e.g.
    Wednesday): to each buying organisation with something that matches, one delivery
    to its members; nothing when nothing matches. Returns how many were queued."""
    today = today or timezone.localdate()
    week = week_of(today)
    queued = 0
    for organisation in buyers().select_related("borough"):
        if available_near(organisation, today) and _claim(
            WeeklyMailing.Kind.DIGEST, week, organisation=organisation
        ):
            queue(
                f"availability digest to organisation {organisation.pk}",
                digest_emails,
                organisation.pk,
                today.isoformat(),
            )
            queued += 1
    return queued


def digest_emails(organisation_id, today):
    organisation = buyers().select_related("borough").get(pk=organisation_id)
    lines = available_near(organisation, date.fromisoformat(today))
    if not lines:
        return []
    context = {"organisation": organisation, "lines": lines}
    members = access.members_of(Organisation.objects.filter(pk=organisation.pk)).distinct()
    return [
        compose(
            user, "community/availability/email/digest", context, ("directory:producer_list", [])
        )
        for user in members
    ]
