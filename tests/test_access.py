"""Every route of ours answers each kind of person as its rule says, on real records.

The URLconf is enumerated (site pages and our Wagtail admin views alike) and each route's
URL is filled from one small world: organisation A with its admin and a member,
organisation B with its admin, a producer's member, an account without membership, A's
admin whose membership an editor suspended, the member of a producer's business the
network approved and then refused, the network's staff (editors, moderators, a superuser
in no group), an admin user without rights, and a record of every kind belonging to A or
to the producer. A route missing
from RULES, or with a URL part that FILL does not know, fails the first test: a new view
is checked the day it is added.

For each person, each route answers what its rule says: anonymous visitors are sent to
the site's sign-in page; people outside the route's audience get the friendly 403 page
(or a 404 where the record is looked up among their own); in the admin, people without
access to it are sent to sign in, admin users without the view's permission back to the
admin's home; the audience gets the page. POSTs are sent
with a real action: refused, they change nothing; allowed, they change something (so
the action the refusal is checked with is one that would work). Every request runs in a
savepoint rolled back afterwards, so that no request changes what the next one sees.

The rules are written from the views' intended audience, not read from their code: a
view that loses a permission check answers someone it should not, and this fails."""

import io
import re
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

import pytest
from PIL import Image

from community.availability import rules as availability_rules
from community.freshness import rules as freshness_rules
from community.models import (
    Answer,
    Claim,
    Commitment,
    Deliverable,
    Delivery,
    FollowUp,
    ForumCategory,
    FreshnessCheck,
    Interaction,
    Learning,
    Meeting,
    Membership,
    Organisation,
    Outcome,
    PartnerCommitment,
    PartnerDelivery,
    Post,
    PostReport,
    PriceRequest,
    PriceRound,
    ProjectGroup,
    Registration,
)
from community.price_requests import rules as price_rules
from community.projects import rules as project_rules
from directory.models import Producer

from .community.helpers import failed_delivery, make_need

OUR_APPS = ("cms", "community", "directory")

# The people of the world.
ANONYMOUS = "anonymous"
OUTSIDER = "outsider"  # signed in, asked to join A, member of nothing yet
MEMBER_B = "member_b"  # admin of organisation B
MEMBER_A = "member_a"
ADMIN_A = "admin_a"
PRODUCER = "producer"  # member of the producer's business
SUSPENDED = "suspended"  # was an admin of A: an editor suspended the membership
STALE_PRODUCER = "stale_producer"  # member of a business the network approved, then refused
EDITOR = "editor"  # network staff, Editors group only
MODERATOR = "moderator"  # network staff, Moderators group only
SUPERUSER = "superuser"  # network staff as a superuser, in no group
WRITER = "writer"  # may open the Wagtail admin, nothing more (no membership either)
ROLES = [
    ANONYMOUS,
    OUTSIDER,
    MEMBER_B,
    MEMBER_A,
    ADMIN_A,
    PRODUCER,
    SUSPENDED,
    STALE_PRODUCER,
    EDITOR,
    MODERATOR,
    SUPERUSER,
    WRITER,
]

EVERYONE = frozenset(ROLES)
ACCOUNTS = EVERYONE - {ANONYMOUS}
STAFF = frozenset({EDITOR, MODERATOR, SUPERUSER})
ORG_A = frozenset({MEMBER_A, ADMIN_A})
BUYERS = ORG_A | {MEMBER_B}  # members of community organisations
MEMBERS = BUYERS | {PRODUCER}
READERS = MEMBERS | STAFF  # the forums' and boards' readers
# A's project: A leads it (its admin coordinates), the producer's business is a partner;
# B is the partner of another project.
PROJECT_PARTNERS = ORG_A | {PRODUCER}
COORDINATORS = frozenset({ADMIN_A}) | STAFF
# A's project's steering committee: A's member is in it, the farm's (a partner) is not.
GROUP_READERS = frozenset({MEMBER_A}) | COORDINATORS

# What a response is, for these rules: a status code, or where a redirect goes.
LOGIN = "sign-in"  # the site's (allauth's) sign-in page, next= the page asked for
ADMIN_HOME = "admin home"  # Wagtail's answer to an admin user refused a view
REDIRECT = "redirect"  # any other redirect: a done action, or a refusal with a message


def day(days=0):
    return (timezone.localdate() + timedelta(days=days)).isoformat()


@dataclass(frozen=True)
class Rule:
    """who: the people the route is for. post: None when the route takes no POST;
    FORM when it takes a form this sweep does not fill (a refused POST must still be
    refused); else payload(world, person) → the data of an action that works for the
    route's people (post_who, by default who). refused: what the others (signed in)
    get, post_refused for POSTs when it differs; also: answers for particular people."""

    who: frozenset
    get: bool = True
    post: object = None
    post_who: frozenset | None = None
    ok: object = 200
    refused: object = 403
    post_refused: object = None
    also: dict = field(default_factory=dict)


FORM = "form"
PUBLIC = Rule(EVERYONE)


# Accounts that are no readers are refused before a record is looked up.
NON_READERS = dict.fromkeys([OUTSIDER, SUSPENDED, STALE_PRODUCER, WRITER], 403)


def nothing(world, user):
    return {}


def confirmation(record):
    """A deletion's confirmation, of what its page lists."""
    return {"contents": project_rules.confirmation_key(project_rules.what_goes(record))}


def availability_lines(world):
    """This week's line of the farm: its carrots, 30 kg at 1,20 $/kg."""
    return {
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "0",
        "lines-0-product": world["product"].pk,
        "lines-0-quantity": "30",
        "lines-0-unit": "kg",
        "lines-0-price": "1,20",
        "lines-0-available_until": "",
    }


def staff_page(**rule):
    """Our views in the Wagtail admin: for staff; people without access to the admin
    are sent to sign in (Wagtail's rule), with the site's sign-in page; admin users
    without the view's permission are sent back to the admin's home."""
    return Rule(STAFF, refused=LOGIN, also={WRITER: ADMIN_HOME}, **rule)


RULES = {
    # Public pages and files.
    "sitemap": PUBLIC,
    "robots_txt": PUBLIC,
    "search": PUBLIC,
    "events_feed": PUBLIC,
    "event_ical": PUBLIC,
    "funding_deadlines_feed": PUBLIC,
    "community:network_figures": PUBLIC,
    "directory:producer_list": PUBLIC,
    "directory:producer_geojson": PUBLIC,
    "directory:producer_detail": PUBLIC,
    "directory:product_detail": PUBLIC,
    "directory:in_season": PUBLIC,
    # A person's own pages: any account.
    "community:my_events": Rule(ACCOUNTS),
    "community:my_space": Rule(ACCOUNTS),
    "community:account": Rule(ACCOUNTS, post=FORM),
    "community:account_data": Rule(ACCOUNTS),
    "community:join": Rule(
        ACCOUNTS,
        post=lambda w, u: {
            "action": "propose",
            "propose-name": "Popote du quartier",
            "propose-kind": "food_bank",
        },
    ),
    "community:organisation_requests": Rule(
        ACCOUNTS,
        post=lambda w, u: {"membership": w["request"].pk, "decision": "approve"},
        post_who=frozenset({ADMIN_A}),
        post_refused=404,
    ),
    # Events: members-only events take members' and staff's registrations; others are
    # sent back to the event with a message.
    "community:event_register": Rule(
        ACCOUNTS, get=False, post=nothing, post_who=READERS, post_refused=REDIRECT
    ),
    "community:registration_cancel": Rule(frozenset({MEMBER_A}), post=nothing, refused=404),
    # The members' directory of organisations; a profile is edited by its admins and staff.
    "community:organisation_list": Rule(READERS),
    "community:organisation_detail": Rule(READERS),
    "community:organisation_edit": Rule(frozenset({ADMIN_A}) | STAFF, post=FORM),
    "community:producer_entry": Rule(frozenset({PRODUCER}), post=FORM),
    "share_resource": Rule(
        READERS,
        post=lambda w, u: {
            "title": "Notre grille de menus",
            "summary": "Des menus de saison pour 40 personnes.",
            "topic": "procurement",
            "kind": "guide",
            "material_language": "fr",
            "link": "https://example.org/menus",
        },
    ),
    # Forums: members read and write; moderators (staff) moderate.
    "community:forum_index": Rule(READERS),
    "community:forum_search": Rule(READERS),
    "community:forum_moderation": Rule(STAFF),
    "community:forum_category": Rule(READERS),
    "community:forum_topic_create": Rule(
        READERS,
        post=lambda w, u: {"title": "Qui livre à Lachine ?", "body": "Bonjour à toutes."},
    ),
    "community:forum_category_follow": Rule(
        READERS, get=False, post=lambda w, u: {"follow": "yes"}
    ),
    "community:forum_topic": Rule(READERS, post=lambda w, u: {"body": "Merci pour l'adresse."}),
    "community:forum_topic_follow": Rule(READERS, get=False, post=lambda w, u: {"follow": "yes"}),
    "community:forum_topic_moderate": Rule(STAFF, get=False, post=lambda w, u: {"action": "lock"}),
    "community:forum_post": Rule(READERS, ok=REDIRECT),
    "community:forum_post_edit": Rule(
        frozenset({MEMBER_A}) | STAFF, post=lambda w, u: {"body": "Texte corrigé."}
    ),
    "community:forum_post_history": Rule(READERS),
    "community:forum_post_report": Rule(
        READERS, post=lambda w, u: {"reason": "Publicité sans rapport."}
    ),
    "community:forum_post_moderate": Rule(
        STAFF, post=lambda w, u: {"action": "hide", "reason": "Hors sujet."}
    ),
    # Needs: community organisations post and manage theirs; producers answer.
    "community:need_list": Rule(READERS),
    "community:need_create": Rule(BUYERS, post=FORM),
    "community:needs_for_me": Rule(frozenset({PRODUCER})),
    # Everyone in the network reads a need; its conversation is for the organisation,
    # the staff and the producers who answered.
    "community:need_detail": Rule(
        READERS,
        post=lambda w, u: {"action": "message", "message-body": "Livrez-vous le mardi ?"},
        post_who=ORG_A | STAFF | {PRODUCER},
    ),
    "community:need_edit": Rule(ORG_A, post=FORM),
    "community:need_status": Rule(ORG_A, get=False, post=lambda w, u: {"action": "pause"}),
    "community:answer_withdraw": Rule(
        frozenset({PRODUCER}), get=False, post=nothing, refused=404, also=NON_READERS
    ),
    "community:answer_accept": Rule(ORG_A, get=False, post=nothing),
    # Price requests: the need's organisation asks and compares, or the staff on its
    # behalf; a producer answers through its signed link, with or without an account.
    "community:price_request_send": Rule(
        ORG_A | STAFF,
        post=lambda w, u: {"producers": [w["far_farm"].pk], "deadline": day(5)},
    ),
    "community:price_request_compare": Rule(
        ORG_A | STAFF, post=lambda w, u: {"accept": [w["price_request"].pk]}
    ),
    "community:price_request_phone": Rule(
        ORG_A | STAFF,
        post=lambda w, u: {"choice": "decline", "decline_reason": "no_stock"},
    ),
    "community:price_answer": PUBLIC,
    # Weekly availability: the producer's members from the site; anyone holding the
    # producer's signed link, with or without an account.
    "community:availability": Rule(frozenset({PRODUCER}), post=lambda w, u: availability_lines(w)),
    "community:availability_link": PUBLIC,
    # A producer's freshness check, through its signed link (no account).
    "community:freshness_check": PUBLIC,
    "community:freshness_change": PUBLIC,
    "community:buying_together": Rule(BUYERS | STAFF),
    "community:pool_conversation": Rule(
        ORG_A | STAFF, post=lambda w, u: {"message-body": "On commande ensemble ?"}
    ),
    # Surplus lots: producers post and close theirs; organisations claim.
    "community:surplus_list": Rule(READERS),
    "community:surplus_create": Rule(frozenset({PRODUCER}), post=FORM),
    "community:surplus_detail": Rule(
        READERS,
        post=lambda w, u: {
            "organisation": w["organisation_b" if u == w[MEMBER_B] else "organisation"].pk,
            "quantity": "5",
        },
        post_who=BUYERS,
    ),
    "community:surplus_close": Rule(
        frozenset({PRODUCER}), get=False, post=nothing, refused=404, also=NON_READERS
    ),
    "community:claim_pickup": Rule(frozenset({PRODUCER}), get=False, post=nothing),
    # Seasonal commitments: the two sides, and staff who read them.
    "community:commitment_list": Rule(READERS),
    "community:commitment_create": Rule(BUYERS, post=FORM),
    # Staff read commitments; a delivery they try to log is refused on the form.
    "community:commitment_detail": Rule(
        ORG_A | STAFF | {PRODUCER},
        post=lambda w, u: {
            "action": "delivery",
            "delivery-delivered_on": day(),
            "delivery-quantity": "5",
            "delivery-conformity": "accepted",
        },
        post_who=ORG_A | {PRODUCER},
        also=dict.fromkeys(STAFF, 200),
    ),
    # A delivery's photo: the two sides and staff, never the other members.
    "community:delivery_photo": Rule(ORG_A | STAFF | {PRODUCER}),
    # Projects: their partners read them; the lead's coordinators and staff keep the plan.
    "community:project_list": Rule(READERS),
    "community:project_detail": Rule(PROJECT_PARTNERS | STAFF),
    # The funder report: those who answer to the funders.
    "community:project_report": Rule(COORDINATORS),
    "community:work_package_create": Rule(
        COORDINATORS, post=lambda w, u: {"number": "2", "title": "Achats groupés"}
    ),
    "community:work_package_edit": Rule(
        COORDINATORS, post=lambda w, u: {"number": "1", "title": "Diagnostic des cantines"}
    ),
    "community:project_action_create": Rule(
        COORDINATORS,
        post=lambda w, u: {
            "title": "Visite des cuisines",
            "owner": w["organisation"].pk,
            "due_on": day(10),
            "status": "planned",
        },
    ),
    "community:project_action_edit": Rule(
        COORDINATORS,
        post=lambda w, u: {
            "title": "Inventaire des menus",
            "owner": w["organisation"].pk,
            "due_on": day(20),
            "status": "in_progress",
        },
    ),
    "community:deliverable_create": Rule(
        COORDINATORS,
        post=lambda w, u: {
            "title": "Carte des fournisseurs",
            "owner": w["organisation"].pk,
            "due_on": day(15),
            "status": "planned",
            "link": "https://example.org/carte",
        },
    ),
    "community:deliverable_edit": Rule(
        COORDINATORS,
        post=lambda w, u: {
            "title": "Rapport de diagnostic",
            "owner": w["organisation"].pk,
            "due_on": day(25),
            "status": "done",
        },
    ),
    # Partners' commitments and deleting plan items: the coordinators and staff.
    "community:project_commitment_create": Rule(
        COORDINATORS,
        post=lambda w, u: {
            "partner": w["project"].partners.get(role="farmer").pk,
            "kind": "volume",
            "quantity": "500",
            "unit": "kg",
            "due_on": day(60),
        },
    ),
    "community:project_commitment_edit": Rule(
        COORDINATORS,
        post=lambda w, u: {
            "partner": w["partner_commitment"].partner_id,
            "kind": "money",
            "quantity": "2000",
            "due_on": day(90),
        },
    ),
    "community:project_delivery_create": Rule(
        COORDINATORS, post=lambda w, u: {"delivered_on": day(), "quantity": "100"}
    ),
    "community:project_commitment_delete": Rule(
        COORDINATORS, post=lambda w, u: confirmation(w["partner_commitment"])
    ),
    "community:project_delivery_delete": Rule(
        COORDINATORS, post=lambda w, u: confirmation(w["partner_delivery"])
    ),
    "community:work_package_delete": Rule(
        COORDINATORS, post=lambda w, u: confirmation(w["work_package"])
    ),
    "community:project_action_delete": Rule(
        COORDINATORS, post=lambda w, u: confirmation(w["project_action"])
    ),
    "community:deliverable_delete": Rule(
        COORDINATORS, post=lambda w, u: confirmation(w["deliverable"])
    ),
    # Project groups: their members, the coordinators and staff; the coordinators keep them.
    "community:project_group_create": Rule(
        COORDINATORS,
        post=lambda w, u: {"kind": "working", "name": "Logistique", "members": [w[MEMBER_A].pk]},
    ),
    "community:project_group": Rule(GROUP_READERS),
    "community:project_group_edit": Rule(
        COORDINATORS,
        post=lambda w, u: {
            "kind": "steering",
            "name": "Comité de pilotage",
            "members": [w[MEMBER_A].pk, w[ADMIN_A].pk],
        },
    ),
    "community:meeting_create": Rule(
        COORDINATORS,
        post=lambda w, u: {
            "starts_at": f"{day(10)}T14:00",
            "ends_at": f"{day(10)}T16:00",
            "place": "Salle du conseil",
        },
    ),
    "community:meeting_detail": Rule(GROUP_READERS),
    "community:meeting_agenda": Rule(COORDINATORS, post=lambda w, u: {"agenda": "1. Budget"}),
    "community:meeting_minutes": Rule(
        COORDINATORS,
        post=lambda w, u: {
            "minutes": "Le comité valide le diagnostic.",
            "decisions": "Valider le diagnostic",
            "action-TOTAL_FORMS": "0",
            "action-INITIAL_FORMS": "0",
        },
    ),
    "community:meeting_attendance": Rule(
        COORDINATORS, post=lambda w, u: {"attendees": [w[MEMBER_A].pk]}
    ),
    # Our views in the Wagtail admin.
    "community_dashboard": staff_page(),
    "community_workspace": staff_page(),
    "community_producer_timeline": staff_page(),
    "community_organisation_timeline": staff_page(),
    "community_my_follow_ups": staff_page(),
    "community_follow_up_done": staff_page(get=False, post=nothing),
    "community_triage": staff_page(),
    "community_freshness_campaign": staff_page(),
    "community_contact_candidates": staff_page(get=False, post=nothing),
    "community_organisation_approve": staff_page(post=nothing),
    "community_registration_cancel": staff_page(post=nothing),
    "community_registration_move": staff_page(post=lambda w, u: {"event": w["members_event"].pk}),
    "community_failed_deliveries": staff_page(),
    "community_price_rounds": staff_page(),
    "community_retry_delivery": staff_page(get=False, post=nothing),
    "cms_event_repeat": staff_page(post=lambda w, u: {"frequency": "weekly", "count": "1"}),
    "cms_learning_to_resource": staff_page(post=nothing),
    "closed_funding_guides": staff_page(),
    "closed_funding_guides_results": staff_page(),
    "directory_mark_verified": staff_page(post=nothing),
    "directory_import": staff_page(post=FORM),
}

# Each URL part of each route, from the world: (route, part) → the world's key.
FILL = {
    ("event_ical", "event_id"): "event",
    ("community:event_register", "event_id"): "members_event",
    ("community:registration_cancel", "pk"): "registration",
    ("community:organisation_detail", "pk"): "organisation",
    ("community:organisation_edit", "pk"): "organisation",
    ("community:forum_category", "pk"): "category",
    ("community:forum_topic_create", "pk"): "category",
    ("community:forum_category_follow", "pk"): "category",
    ("community:forum_topic", "pk"): "topic",
    ("community:forum_topic_follow", "pk"): "topic",
    ("community:forum_topic_moderate", "pk"): "topic",
    ("community:forum_post", "pk"): "post",
    ("community:forum_post_edit", "pk"): "post",
    ("community:forum_post_history", "pk"): "post",
    ("community:forum_post_report", "pk"): "other_post",
    ("community:forum_post_moderate", "pk"): "post",
    ("community:need_detail", "pk"): "need",
    ("community:need_edit", "pk"): "need",
    ("community:need_status", "pk"): "need",
    ("community:answer_withdraw", "pk"): "answer",
    ("community:answer_accept", "pk"): "answer",
    ("community:pool_conversation", "product_id"): "product",
    ("community:price_request_send", "pk"): "need",
    ("community:price_request_compare", "pk"): "need",
    ("community:price_request_phone", "pk"): "price_request",
    ("community:price_answer", "pk"): "need",
    ("community:price_answer", "token"): "price_token",
    ("community:availability_link", "pk"): "farm",
    ("community:availability_link", "token"): "availability_token",
    ("community:freshness_check", "pk"): "farm",
    ("community:freshness_check", "token"): "freshness_token",
    ("community:freshness_change", "pk"): "farm",
    ("community:freshness_change", "token"): "freshness_token",
    ("community:surplus_detail", "pk"): "lot",
    ("community:surplus_close", "pk"): "lot",
    ("community:claim_pickup", "pk"): "claim",
    ("community:commitment_detail", "pk"): "commitment",
    ("community:delivery_photo", "pk"): "commitment",
    ("community:delivery_photo", "delivery_pk"): "delivery",
    ("community:project_detail", "pk"): "project",
    ("community:project_report", "pk"): "project",
    ("community:work_package_create", "pk"): "project",
    ("community:work_package_edit", "pk"): "work_package",
    ("community:project_action_create", "pk"): "work_package",
    ("community:project_action_edit", "pk"): "project_action",
    ("community:deliverable_create", "pk"): "project_action",
    ("community:deliverable_edit", "pk"): "deliverable",
    ("community:project_commitment_create", "pk"): "project",
    ("community:project_commitment_edit", "pk"): "partner_commitment",
    ("community:project_delivery_create", "pk"): "partner_commitment",
    ("community:project_commitment_delete", "pk"): "partner_commitment",
    ("community:project_delivery_delete", "pk"): "partner_delivery",
    ("community:work_package_delete", "pk"): "work_package",
    ("community:project_action_delete", "pk"): "project_action",
    ("community:deliverable_delete", "pk"): "deliverable",
    ("community:project_group_create", "pk"): "project",
    ("community:project_group", "pk"): "group",
    ("community:project_group_edit", "pk"): "group",
    ("community:meeting_create", "pk"): "group",
    ("community:meeting_detail", "pk"): "meeting",
    ("community:meeting_agenda", "pk"): "meeting",
    ("community:meeting_minutes", "pk"): "meeting",
    ("community:meeting_attendance", "pk"): "meeting",
    ("directory:producer_detail", "slug"): "farm",
    ("directory:product_detail", "slug"): "product",
    ("community_producer_timeline", "pk"): "farm",
    ("community_organisation_timeline", "pk"): "organisation",
    ("community_follow_up_done", "pk"): "follow_up",
    ("community_contact_candidates", "pk"): "need_to_triage",
    ("community_organisation_approve", "pk"): "proposed_organisation",
    ("community_registration_cancel", "pk"): "registration",
    ("community_registration_move", "pk"): "registration",
    ("community_retry_delivery", "pk"): "failed_delivery",
    ("cms_event_repeat", "page_id"): "event",
    ("cms_learning_to_resource", "pk"): "learning",
    ("directory_mark_verified", "pk"): "farm",
}


# Pages that are not routes of ours but hold the members' records: Wagtail serves them.
EXTRA = {
    "hidden topic": (
        lambda w: reverse("community:forum_topic", args=[w["hidden_topic"].pk]),
        Rule(STAFF, refused=404, also=NON_READERS),
    ),
    "hidden post": (
        lambda w: reverse("community:forum_post", args=[w["hidden_post"].pk]),
        Rule(STAFF, ok=REDIRECT, refused=404, also=NON_READERS),
    ),
    "members' resource page": (lambda w: w["members_page"].url, Rule(READERS)),
    # A price request's link opens its own need's answer only; tampered, nothing.
    "another need's price link": (
        lambda w: reverse(
            "community:price_answer", args=[w["need_to_triage"].pk, w["price_token"]]
        ),
        Rule(EVERYONE, ok=400),
    ),
    "tampered price link": (
        lambda w: reverse("community:price_answer", args=[w["need"].pk, w["price_token"][:-1]]),
        Rule(EVERYONE, ok=400),
    ),
    # A producer's availability link opens its own form only; tampered, nothing.
    "another producer's availability link": (
        lambda w: reverse(
            "community:availability_link", args=[w["far_farm"].pk, w["availability_token"]]
        ),
        Rule(EVERYONE, ok=400),
    ),
    "tampered availability link": (
        lambda w: reverse(
            "community:availability_link", args=[w["farm"].pk, w["availability_token"][:-1]]
        ),
        Rule(EVERYONE, ok=400),
    ),
    # A freshness check's link opens its own entry only; tampered, nothing.
    "another entry's freshness link": (
        lambda w: reverse(
            "community:freshness_check", args=[w["far_farm"].pk, w["freshness_token"]]
        ),
        Rule(EVERYONE, ok=400),
    ),
    "tampered freshness link": (
        lambda w: reverse(
            "community:freshness_change", args=[w["farm"].pk, w["freshness_token"][:-1]]
        ),
        Rule(EVERYONE, ok=400),
    ),
    "members' file": (lambda w: w["members_document"].url, Rule(READERS)),
    # B's coordinator keeps B's project's commitments; A's, only A's.
    "another project's commitment": (
        lambda w: reverse("community:project_commitment_edit", args=[w["partner_commitment_b"].pk]),
        Rule(frozenset({MEMBER_B}) | STAFF),
    ),
    # A project group's forum category and its topics: the group's readers only.
    "a project group's forum": (
        lambda w: reverse("community:forum_category", args=[w["group"].category.pk]),
        Rule(GROUP_READERS),
    ),
    "a project group's topic": (
        lambda w: reverse("community:forum_topic", args=[w["group_topic"].pk]),
        Rule(GROUP_READERS, refused=404, also=NON_READERS),
    ),
}

# The site's 403 page: accounts that are no members yet are asked to join; members and
# staff refused a record are told it is someone else's.
FRIENDLY_403 = {
    role: "Demander à rejoindre un organisme" if role in NON_READERS else "Accès refusé"
    for role in ROLES
}

# What only some of those who open a page may read on it: (route, text, who reads it).
SECRETS = [
    ("community:need_detail", lambda w: gettext("Budget per unit"), ORG_A | STAFF),
    ("community:need_detail", lambda w: w["answer"].message, ORG_A | STAFF | {PRODUCER}),
    ("community:organisation_detail", lambda w: gettext("Monthly food budget"), ORG_A | STAFF),
    # The need's budget (2,50 $/kg) never reaches whoever holds a producer's link.
    ("community:price_answer", lambda w: "2,50", frozenset()),
    ("community:price_answer", lambda w: w["farm"].name, EVERYONE),
    ("community:freshness_check", lambda w: w["farm"].name, EVERYONE),
    (
        "community:surplus_detail",
        lambda w: f"<h3>{w['organisation'].name}</h3>",
        ORG_A | STAFF | {PRODUCER},
    ),
    # Each project is listed to its own partners only.
    ("community:project_list", lambda w: w["project"].name, PROJECT_PARTNERS | STAFF),
    ("community:project_list", lambda w: w["project_b"].name, {MEMBER_B} | STAFF),
    # A's page shows the farm's commitment, never B's project's; only editors see the links.
    ("community:project_detail", lambda w: "Carottes", PROJECT_PARTNERS | STAFF),
    ("community:project_detail", lambda w: "5\xa0000,00\xa0$", frozenset()),
    (
        "community:project_detail",
        lambda w: reverse("community:project_delivery_create", args=[w["partner_commitment"].pk]),
        COORDINATORS,
    ),
    # A project group is listed to those who may open it; its forum category too.
    ("community:project_detail", lambda w: w["group"].name, GROUP_READERS),
    ("community:forum_index", lambda w: w["group"].category.name_fr, GROUP_READERS),
]


def our_routes():
    """(name, route, [(converter, part)]) of every URL pattern whose view is ours."""

    def walk(patterns, prefix="", namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif getattr(pattern.callback, "__module__", "").split(".")[0] in OUR_APPS:
                route = prefix + str(pattern.pattern)
                yield namespace + pattern.name, route, re.findall(r"<(?:(\w+):)?(\w+)>", route)

    return sorted({(n, r, tuple(p)) for n, r, p in walk(get_resolver().url_patterns)})


ROUTES = our_routes()


def test_wagtails_own_sign_in_form_sends_people_to_the_sites(client, db):
    response = client.get("/fr/_util/login/?next=/fr/ressources/")
    assert response.status_code == 302
    assert response.url == reverse("account_login") + "?next=/fr/ressources/"


def test_every_route_has_a_rule_and_every_url_part_a_record():
    names = [name for name, _route, _parts in ROUTES]
    assert {"directory:producer_list", "community:need_detail", "community_workspace"} <= set(names)
    unruled = sorted(set(names) - set(RULES))
    assert not unruled, f"routes without a rule in tests/test_access.py RULES: {unruled}"
    assert not set(RULES) - set(names), "rules for routes that are gone"
    unknown = [
        (name, part)
        for name, _route, parts in ROUTES
        for _c, part in parts
        if (name, part) not in FILL
    ]
    assert not unknown, f"URL parts without a record in tests/test_access.py FILL: {unknown}"


@pytest.fixture
def world(
    board,
    user_factory,
    member_factory,
    organisation_factory,
    forum_category_factory,
    topic_factory,
    lot_factory,
    event_factory,
    members_resource,
    producer_factory,
    project_factory,
    action_factory,
):
    """Organisation A (Verdun's kitchen) and the producer (Ferme Lebeau) of the board,
    with a record of every kind; organisation B; everyone who asks."""
    kitchen, farm, farmer = board["kitchen"], board["farm"], board["farmer"]
    editor = user_factory(groups=["Editors"])
    writers = Group.objects.create(name="Writers")
    writers.permissions.add(Permission.objects.get(codename="access_admin"))
    organisation_b = organisation_factory(name="Banque alimentaire de Lachine", kind="food_bank")
    world = {
        OUTSIDER: user_factory(),
        MEMBER_B: member_factory(organisation=organisation_b, role="admin"),
        MEMBER_A: board["cook"],
        ADMIN_A: member_factory(organisation=kitchen, role="admin"),
        PRODUCER: farmer,
        EDITOR: editor,
        MODERATOR: user_factory(groups=["Moderators"]),
        SUPERUSER: user_factory(is_superuser=True),
        WRITER: user_factory(groups=[writers.name]),
        "organisation": kitchen,
        "organisation_b": organisation_b,
        "farm": farm,
        "product": board["carrots"],
    }
    world["request"] = Membership.objects.create(user=world[OUTSIDER], organisation=kitchen)
    # No longer members, the way the admin does it (saved: the Members group follows).
    world[SUSPENDED] = member_factory(organisation=kitchen, role="admin")
    suspended = world[SUSPENDED].memberships.get()
    suspended.status = Membership.Status.SUSPENDED
    suspended.save()
    world[STALE_PRODUCER] = member_factory(
        organisation=organisation_factory(
            name="Ferme Brodeur inc.", kind="producer", producer=producer_factory("Ferme Brodeur")
        )
    )
    refused = world[STALE_PRODUCER].memberships.get().organisation
    refused.status = Organisation.Status.REFUSED
    refused.save()
    world["proposed_organisation"] = organisation_factory(
        name="Popote roulante", status="pending", created_by=world[OUTSIDER]
    )
    Membership.objects.create(
        user=world[OUTSIDER], organisation=world["proposed_organisation"], role="admin"
    )
    # Needs board: a need open to buying together, answered by the farm; one to triage.
    need = world["need"] = make_need(board, buy_together=True)
    world["answer"] = Answer.objects.create(
        need=need,
        producer=farm,
        answered_by=farmer,
        unit_price=Decimal("2.20"),
        quantity=Decimal("40"),
        message="Livraison le mardi.",
    )
    world["need_to_triage"] = make_need(board)
    # Price requests: the farm asked about the need, and answered; the far farm not yet.
    price_round = PriceRound.objects.create(need=need, sent_by=world[MEMBER_A])
    world["price_request"] = PriceRequest.objects.create(
        round=price_round,
        producer=farm,
        status="answered",
        unit_price=Decimal("2.20"),
        unit="kg",
        quantity=Decimal("40"),
        answered_at=timezone.now(),
    )
    world["price_token"] = price_rules.token_for(world["price_request"])
    world["far_farm"] = Producer.objects.get(name="Ferme Lointaine")
    world["availability_token"] = availability_rules.token_for(farm)
    # The farm's entry was asked whether it is still right.
    world["freshness_token"] = freshness_rules.token_for(
        FreshnessCheck.objects.create(producer=farm)
    )
    # Surplus: a lot of the farm, open to all, claimed by A.
    lot = world["lot"] = lot_factory(first_claim_minutes=0)
    world["claim"] = Claim.objects.create(
        lot=lot, organisation=kitchen, claimed_by=world[MEMBER_A], quantity=Decimal("10")
    )
    # A seasonal commitment between A and the farm, with a delivery.
    commitment = world["commitment"] = Commitment.objects.create(
        organisation=kitchen,
        producer=farm,
        product=board["carrots"],
        quantity=Decimal("40"),
        basis="week",
        starts_on=timezone.localdate() - timedelta(days=7),
        ends_on=timezone.localdate() + timedelta(days=60),
        status="accepted",
        decided_at=timezone.now(),
        proposed_by=world[MEMBER_A],
    )
    photo = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 60, 40)).save(photo, "PNG")
    world["delivery"] = Delivery.objects.create(
        commitment=commitment,
        delivered_on=timezone.localdate() - timedelta(days=1),
        quantity=Decimal("40"),
        conformity="remarks",
        reason="Quelques carottes fendues.",
        photo=SimpleUploadedFile("carottes.png", photo.getvalue()),
        logged_by=world[MEMBER_A],
    )
    # Forums: a topic by A's member, answered by B's; a hidden topic and post; a report.
    world["category"] = forum_category_factory(name_fr="Approvisionnement")
    topic = world["topic"] = topic_factory(
        title="Où trouver des carottes en hiver ?",
        category=world["category"],
        posts=[
            (world[MEMBER_A], "Nous cherchons des carottes pour janvier."),
            (world[MEMBER_B], "La ferme Lebeau en a en entrepôt."),
            (board["colleague"], "Merci, nous appelons demain."),
        ],
    )
    world["post"], _reply, world["other_post"] = topic.posts.order_by("created_at")
    PostReport.objects.create(post=world["post"], reporter=farmer, reason="Doublon.")
    # An email whose last try failed: the reply's to the topic's followers.
    world["failed_delivery"] = failed_delivery(world["post"])
    world["hidden_topic"] = topic_factory(category=world["category"], hidden=True)
    hidden = world["hidden_post"] = world["hidden_topic"].posts.get()
    Post.objects.filter(pk=hidden.pk).update(hidden_at=timezone.now(), hidden_reason="Insultes")
    # Events: one open to all accounts (A's member registered), one for members only.
    world["event"] = event_factory(title="Atelier conserves")
    world["members_event"] = event_factory(title="Visite réservée aux membres", audience="members")
    world["registration"] = Registration.objects.create(
        event=world["event"], user=world[MEMBER_A], status="confirmed"
    )
    # The workspace's records about the farm and A.
    Interaction.objects.create(kind="call", producer=farm, notes="Prix 2027", logged_by=editor)
    world["follow_up"] = FollowUp.objects.create(
        what="Rappeler la ferme",
        due_on=timezone.localdate() + timedelta(days=3),
        producer=farm,
        assigned_to=editor,
    )
    Outcome.objects.create(kind="connection", producer=farm, organisation=kitchen, value=100)
    world["learning"] = Learning.objects.create(
        title="Les caisses consignées",
        topic="logistics",
        text="La ferme reprend les caisses vides.",
        producer=farm,
        written_by=editor,
    )
    world["members_page"], world["members_document"] = members_resource
    # A's project, the farm's business a partner, with a plan; B's project, another one.
    farm_business = farmer.memberships.get().organisation
    project = world["project"] = project_factory(
        kitchen, partners=[(farm_business, "farmer")], name="Relocalisons les cantines de Verdun"
    )
    world["project_b"] = project_factory(organisation_b, name="Cantines de Lachine")
    world["project_action"] = action_factory(project, title="Inventaire des menus")
    world["work_package"] = world["project_action"].work_package
    world["deliverable"] = Deliverable.objects.create(
        action=world["project_action"],
        title="Rapport de diagnostic",
        owner=farm_business,
        due_on=timezone.localdate() + timedelta(days=20),
    )
    # The farm's commitment to A's project, with a delivery; B's to its own project.
    world["partner_commitment"] = PartnerCommitment.objects.create(
        partner=project.partners.get(role="farmer"),
        kind="volume",
        quantity=Decimal("2000"),
        unit="kg",
        due_on=timezone.localdate() + timedelta(days=120),
    )
    world["partner_delivery"] = PartnerDelivery.objects.create(
        commitment=world["partner_commitment"],
        delivered_on=timezone.localdate() - timedelta(days=3),
        quantity=Decimal("150"),
        note="Carottes",
    )
    world["partner_commitment_b"] = PartnerCommitment.objects.create(
        partner=world["project_b"].partners.get(),
        kind="money",
        quantity=Decimal("5000"),
        due_on=timezone.localdate() + timedelta(days=120),
    )
    # Its steering committee (A's member in it, not the farm's), which met yesterday.
    group = world["group"] = ProjectGroup.objects.create(
        project=project, kind="steering", name="Comité de pilotage"
    )
    group.members.set([world[MEMBER_A]])
    ForumCategory.objects.create(project_group=group, name_fr="Comité de pilotage · Verdun")
    world["group_topic"] = topic_factory(
        title="Ordre du jour du comité",
        category=group.category,
        posts=[(world[MEMBER_A], "Ajoutons le budget.")],
    )
    yesterday = timezone.now() - timedelta(days=1)
    world["meeting"] = Meeting.objects.create(
        group=group,
        starts_at=yesterday,
        ends_at=yesterday + timedelta(hours=2),
        place="Cuisine collective de Verdun",
    )
    return world


def url_of(name, route_parts, world):
    kwargs = {}
    for converter, part in route_parts:
        record = world[FILL[name, part]]
        if isinstance(record, str):  # a signed token
            kwargs[part] = record
        else:
            kwargs[part] = record.slug if converter == "slug" else record.pk
    with translation.override(settings.LANGUAGE_CODE):
        return reverse(name, kwargs=kwargs)


LOGIN_PATHS = set()


def login_paths():
    if not LOGIN_PATHS:
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                LOGIN_PATHS.add(reverse("account_login"))
    return LOGIN_PATHS


def answer_of(response):
    if response.status_code != 302:
        return response.status_code
    target = urlsplit(response.url)
    if target.path == reverse("wagtailadmin_home"):
        return ADMIN_HOME
    if target.path in login_paths() and "next=" in target.query:
        return LOGIN
    return REDIRECT


WRITE = re.compile(r'^\s*(?:INSERT INTO|UPDATE|DELETE FROM)\s+"?(\w+)"?', re.IGNORECASE)
NOT_RECORDS = {"django_session"}  # signing in keeps the session; it is no record of ours


def ask(client, method, url, data=None):
    """The request, inside a savepoint rolled back afterwards so that no request changes
    what the next one sees; response.writes: the tables it wrote to."""
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        response = client.get(url) if method == "get" else client.post(url, data or {})
        transaction.set_rollback(True)
    tables = (WRITE.match(query["sql"]) for query in queries.captured_queries)
    response.writes = sorted({table[1] for table in tables if table} - NOT_RECORDS)
    return response


def audience(rule, method):
    """Whether the route takes the method, and from whom."""
    if method == "get":
        return rule.get, rule.who
    return rule.post is not None, rule.post_who or rule.who


def expected(rule, role, method):
    """What the rule says this person gets."""
    takes, who = audience(rule, method)
    if role in who:
        if not takes:
            return 405
        return rule.ok if method == "get" else REDIRECT
    if role == ANONYMOUS:
        return LOGIN
    if role in rule.also:
        return rule.also[role]
    if method == "post" and rule.post_refused is not None:
        return rule.post_refused
    return rule.refused


def visitor_answer(visitor, url):
    """An anonymous visitor's answer, once the page cache has had the chance to keep the
    page (a second request)."""
    ask(visitor, "get", url)
    return ask(visitor, "get", url)


@pytest.mark.usefixtures("page_cache")
@pytest.mark.parametrize("role", ROLES)
def test_each_person_gets_what_each_route_allows(client, world, role):
    """With the page cache on, as on the site: anonymous visitors' answers are checked
    as the cache serves them; a signed-in person's page is asked for between two of an
    anonymous visitor's, and neither ever gets the other's."""
    visitor = Client()
    if role != ANONYMOUS:
        client.force_login(world[role])
    client.get("/fr/")  # settings that pages create on first use
    wrong = []
    cases = [(name, url_of(name, parts, world), RULES[name]) for name, _r, parts in ROUTES]
    with translation.override(settings.LANGUAGE_CODE):
        cases += [(name, url(world), rule) for name, (url, rule) in EXTRA.items()]
    for name, url, rule in cases:
        for method in ("get", "post"):
            takes, who = audience(rule, method)
            allowed = takes and role in who
            if method == "post" and (
                rule.who == EVERYONE or name in EXTRA or (allowed and rule.post == FORM)
            ):
                continue  # public pages; forms this sweep does not fill (their tests do)
            payload = rule.post(world, world.get(role)) if callable(rule.post) else {}
            said = f"{method.upper()} {url} ({name})"
            if method == "get" and role == ANONYMOUS:
                response = visitor_answer(client, url)
            elif method == "get":
                visitor_answer(visitor, url)
                response = ask(client, method, url, payload)
                if response.get("X-Page-Cache") == "hit":
                    wrong.append(f"{said} came from the page cache")
                after = answer_of(visitor_answer(visitor, url))
                if after != expected(rule, ANONYMOUS, method) and not (after == 405 and not takes):
                    wrong.append(f"{said}: then an anonymous visitor got {after}")
            else:
                response = ask(client, method, url, payload)
            got, want = answer_of(response), expected(rule, role, method)
            if got != want and not (got == 405 and not takes):
                where = f" to {response['Location']}" if got == REDIRECT else ""
                wrong.append(f"{said} answered {got}{where}, not {want}")
                continue
            if got == 403 and FRIENDLY_403[role] not in response.content.decode():
                wrong.append(f"{said} answered a 403 without {FRIENDLY_403[role]!r}")
            if method == "get" and got == 200:
                for route, text, readers in SECRETS:
                    with translation.override(settings.LANGUAGE_CODE):
                        text = text(world)
                    if route == name and (text in response.content.decode()) != (role in readers):
                        wrong.append(f"{said} {'hid' if role in readers else 'showed'} {text!r}")
            if method == "post":
                if allowed and not response.writes:
                    wrong.append(f"{said} was allowed but changed nothing")
                if not allowed and response.writes:
                    wrong.append(f"{said} was refused but wrote to {response.writes}")
    assert not wrong, f"as {role}:\n" + "\n".join(wrong)
