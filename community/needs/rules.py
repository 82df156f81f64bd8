"""The needs board's rules: who posts, manages and answers needs, who sees budgets,
the producers suggested for a need, and the emails that put the two sides in touch."""

import dataclasses

from django.db import IntegrityError, transaction
from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from directory.models import Producer, Product

from .. import access, versions
from ..emails import compose, send_after_commit
from ..forums import rules as forums
from ..models import Organisation, Post, Topic
from .matching import NeedFacts, offer_facts, rank
from .models import Answer, Need


class NeedRefused(Exception):
    """Why an action on a need cannot be taken, in words for the person."""


def can_manage(user, need):
    return access.is_member_of(user, need.organisation_id)


def sees_budget(user, need):
    """An organisation's budget is for itself, the network's staff, and the producers
    whose answer it accepted."""
    return (
        can_manage(user, need)
        or access.is_board_staff(user)
        or need.answers.filter(
            status=Answer.Status.ACCEPTED, producer__in=access.producers_of(user)
        ).exists()
    )


def need_facts(need):
    """What matching weighs offers against (matching.NeedFacts)."""
    return NeedFacts(
        quantity=need.quantity,
        unit=need.unit,
        frequency=need.frequency,
        wanted_from=need.wanted_from,
        wanted_until=need.wanted_until,
        quality=need.quality,
        organic_required=need.organic_required,
        budget_per_unit=need.budget_per_unit,
        delivery_required=need.delivery_required,
        borough_id=need.organisation.borough_id,
        pickup_refrigerated=need.pickup_refrigerated,
        pickup_max_load_kg=need.pickup_max_load_kg,
    )


def product_ids(need):
    if need.product_id:
        return [need.product_id]
    return list(Product.objects.filter(category=need.category_id).values_list("pk", flat=True))


def listed():
    """Needs as the board lists them: with their organisation, what they want, and how
    many answers they have (withdrawn ones aside), newest first."""
    return (
        Need.objects.select_related("organisation__borough", "product", "category")
        .annotate(answer_count=Count("answers", filter=~Q(answers__status=Answer.Status.WITHDRAWN)))
        .order_by("-created_at", "-pk")
    )


def needs_for_producers(producers, limit):
    """Open needs that the producers' offers could supply: (need, best match) pairs,
    newest need first, among the `limit` newest needs for their products (a fixed
    handful of queries, whatever the number of needs)."""
    producer_ids = {producer.pk for producer in producers}
    offers = offer_facts(
        Product.objects.filter(offers__producer__in=producer_ids).values("pk"), producer_ids
    )
    matches = []
    today = timezone.localdate()
    for need in _needs_for_products({offer.product_id for offer in offers})[:limit]:
        products = _products_of(need)
        # Producers do not learn budgets: ranked as if the need had none.
        unbudgeted = dataclasses.replace(need_facts(need), budget_per_unit=None)
        fits = rank(unbudgeted, [o for o in offers if o.product_id in products], today=today)
        if fits:
            matches.append((need, fits[0]))
    return matches


def _needs_for_products(product_ids):
    """Open needs for one of the products or for a category holding one, with each
    category's products read in the same query for all."""
    return (
        listed()
        .open()
        .filter(Q(product__in=product_ids) | Q(category__products__in=product_ids))
        .prefetch_related(
            Prefetch("category__products", queryset=Product.objects.only("pk", "category_id"))
        )
        .distinct()
    )


def _products_of(need):
    """The ids of the products a need covers: its product, or its category's (prefetched
    by _needs_for_products, where needs.product_ids would query for each need)."""
    if need.product_id:
        return {need.product_id}
    return {product.pk for product in need.category.products.all()}


def suggestions(need, with_entries=False):
    """The producers who could supply the need, best first, one line each (their best
    offer), with the reasons. With entries, each match's `producer` is its directory
    entry, with how to order from it (one query for all)."""
    wanted = need_facts(need)
    matches = rank(wanted, offer_facts(product_ids(need), need=wanted), today=timezone.localdate())
    best, seen = [], set()
    for match in matches:
        if match.offer.producer_id not in seen:
            seen.add(match.offer.producer_id)
            best.append(match)
    if with_entries:
        entries = Producer.objects.only(*HOW_TO_ORDER).in_bulk([m.offer.producer_id for m in best])
        for match in best:
            match.producer = entries[match.offer.producer_id]
    return best


# What a suggestion shows of its entry: a link to it and how to order.
HOW_TO_ORDER = (
    "name",
    "slug",
    "phone",
    "email",
    "website",
    "orders_by_phone",
    "orders_by_email",
    "orders_by_website",
    "ordering_platform",
    "order_lead_time_days",
    "delivery_days",
    "pickup_details",
    "minimum_order",
)


def need_view_and_args(need):
    """The need's page as a link for compose: the view's name and its arguments."""
    return ("community:need_detail", [need.pk])


def notify_matching_producers(need_id):
    """Emails to the members of each suggested producer who want emails about needs."""
    need = Need.objects.select_related("organisation", "product", "category").get(pk=need_id)
    producer_ids = [match.offer.producer_id for match in suggestions(need)]
    organisations = Organisation.objects.filter(producer__in=producer_ids)
    return [
        compose(
            user, "community/needs/email/need_matches", {"need": need}, need_view_and_args(need)
        )
        for user in access.members_of(organisations).filter(need_emails=True).distinct()
    ]


def post(need):
    need.save()
    send_after_commit(f"need {need.pk} to its producers", notify_matching_producers, need.pk)
    return need


@transaction.atomic
def answer(need, producer, user, **fields):
    need = Need.objects.select_for_update().get(pk=need.pk)  # not while it is being closed
    if need.status != Need.Status.OPEN or need.is_expired:
        raise NeedRefused(_("This need no longer takes answers."))
    try:
        with transaction.atomic():
            new_answer = Answer.objects.create(
                need=need, producer=producer, answered_by=user, **fields
            )
    except IntegrityError:
        raise NeedRefused(
            _("You have already answered this need. Withdraw your answer to send another.")
        ) from None
    send_after_commit(
        f"answer {new_answer.pk} to the organisation", _tell_organisation, new_answer.pk
    )
    return new_answer


def _tell_organisation(answer_id):
    answer = Answer.objects.select_related("need__organisation", "producer").get(pk=answer_id)
    people = access.members_of([answer.need.organisation]).filter(need_emails=True).distinct()
    context = {"need": answer.need, "answer": answer}
    link = need_view_and_args(answer.need)
    return [compose(user, "community/needs/email/need_answered", context, link) for user in people]


def withdraw(answer):
    # One conditional update: an acceptance made meanwhile is never overwritten.
    withdrawn = Answer.objects.filter(pk=answer.pk, status=Answer.Status.SENT).update(
        status=Answer.Status.WITHDRAWN
    )
    if not withdrawn:
        raise NeedRefused(_("Only an answer not yet accepted can be withdrawn."))
    versions.bump("needs")  # an update() sends no post_save


@transaction.atomic
def accept(answer):
    """Put the organisation and the producer in touch: each gets the other's contact
    details by email. Nobody orders on anybody's behalf."""
    need = Need.objects.select_for_update().get(pk=answer.need_id)  # one decision at a time
    answer = Answer.objects.select_for_update().get(pk=answer.pk)
    if answer.status != Answer.Status.SENT or need.status not in (
        Need.Status.OPEN,
        Need.Status.PAUSED,
    ):
        raise NeedRefused(_("This answer can no longer be accepted."))
    answer.status = Answer.Status.ACCEPTED
    answer.accepted_at = timezone.now()
    answer.save(update_fields=["status", "accepted_at"])
    send_after_commit(f"accepted answer {answer.pk} to both sides", _introduce, answer.pk)
    return answer


def _introduce(answer_id):
    # Sent whatever the "emails about needs" preference: it carries the contact details
    # the organisation asked for by accepting, and the producer offered by answering.
    answer = Answer.objects.select_related("need__organisation", "producer", "answered_by").get(
        pk=answer_id
    )
    need = answer.need
    context = {"need": need, "answer": answer}
    buyers = access.members_of([need.organisation]).distinct()
    sellers = access.members_of(Organisation.objects.filter(producer=answer.producer_id)).distinct()
    link = need_view_and_args(need)
    return [
        compose(user, "community/needs/email/need_connection_buyer", context, link)
        for user in buyers
    ] + [
        compose(user, "community/needs/email/need_connection_producer", context, link)
        for user in sellers
    ]


def close(need, fulfilled_by=None, price_paid=None):
    need.status = Need.Status.FULFILLED
    need.fulfilled_by = fulfilled_by
    need.price_paid = price_paid
    need.save(update_fields=["status", "fulfilled_by", "price_paid", "updated_at"])


def has_answered(user, need):
    return (
        need.answers.filter(producer__in=access.producers_of(user))
        .exclude(status=Answer.Status.WITHDRAWN)
        .exists()
    )


def in_pool(user, product):
    """Staff, and members of organisations open to buying the product together now."""
    return access.is_board_staff(user) or (
        Need.objects.open()
        .filter(
            product=product,
            buy_together=True,
            organisation__in=access.buying_organisations(user),
        )
        .exists()
    )


def conversation(subject):
    """The messages about a need or about buying a product together, oldest first."""
    field = "need" if isinstance(subject, Need) else "pool_product"
    return forums.with_authors(
        Post.objects.filter(**{f"topic__{field}": subject}, hidden_at__isnull=True)
    )


@transaction.atomic
def discuss_need(need, author, body):
    """A message in the need's conversation (Markdown, sanitised, with the forums' posting
    limits), emailed to the others involved: the organisation and the producers who
    answered."""
    topic, _created = Topic.objects.get_or_create(need=need, defaults={"title": str(need.what)})
    post = forums.reply(author, topic, body)
    send_after_commit(
        f"message {post.pk} about need {need.pk}", _tell_about_need_message, post.pk, need.pk
    )
    return post


@transaction.atomic
def discuss_pool(product, author, body):
    topic, _created = Topic.objects.get_or_create(
        pool_product=product, defaults={"title": str(product)}
    )
    post = forums.reply(author, topic, body)
    send_after_commit(
        f"message {post.pk} about buying {product} together",
        _tell_about_pool_message,
        post.pk,
        product.pk,
    )
    return post


def _tell_about_need_message(post_id, need_id):
    """To the others involved: the organisation and the producers who answered."""
    need = Need.objects.get(pk=need_id)
    people = access.members_of(
        Organisation.objects.filter(
            Q(pk=need.organisation_id)
            | Q(
                producer__need_answers__need=need,
                producer__need_answers__status__in=[Answer.Status.SENT, Answer.Status.ACCEPTED],
            )
        )
    )
    context = {"subject": need.what, "need": need}
    return _tell_about_message(post_id, people, context, need_view_and_args(need))


def _tell_about_pool_message(post_id, product_id):
    """To the organisations buying the product together."""
    product = Product.objects.get(pk=product_id)
    pooling_organisations = Organisation.objects.filter(
        needs__in=Need.objects.open().filter(product=product, buy_together=True)
    )
    people = access.members_of(pooling_organisations)
    link = ("community:pool_conversation", [product.pk])
    return _tell_about_message(post_id, people, {"subject": product}, link)


def _tell_about_message(post_id, people, context, link):
    """The message emailed to the people who want emails about needs, its author left out."""
    post = Post.objects.select_related("author").get(pk=post_id)
    recipients = people.filter(need_emails=True).exclude(pk=post.author_id).distinct()
    context = {**context, "post": post}
    return [
        compose(user, "community/needs/email/need_message", context, link) for user in recipients
    ]
