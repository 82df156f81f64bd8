"""The data the scale-out check needs, made through the site's own rules (run by
tests/scale_out/run.py with `manage.py shell -c`, under the production settings): an
organisation proposed and approved, people who ask to join it and are approved, a forum
topic with followers, a members' event with ten seats and fifty members to fill it.
Prints what the check needs to know, as JSON on its last line."""

import json
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import Locale

from allauth.account.models import EmailAddress

from cms import demo
from cms.models import EventIndexPage, EventPage
from community.forums import rules as forums
from community.models import ForumCategory, Membership, Organisation
from community.organisations import rules as organisations

PASSWORD = "scale-out-check-password-2026"
REGISTRANTS = 50
SEATS = 10


def person(email, hashed):
    user = get_user_model().objects.create(
        username=email.split("@")[0], email=email, password=hashed
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


@transaction.atomic
def seed():
    # One hash for everyone: each of these costs a fifth of a second in production.
    hashed = make_password(PASSWORD)
    founder = person("fondatrice@scale.example", hashed)
    kitchen = organisations.propose_organisation(
        founder, "Cuisine collective d'essai", Organisation.Kind.COMMUNITY_KITCHEN
    )
    organisations.approve_organisation(kitchen)

    def member(email):
        user = person(email, hashed)
        organisations.decide(organisations.ask_to_join(user, kitchen), approve=True)
        return user

    signed_in = member("membre@scale.example")
    locked = member("verrou@scale.example")
    author = member("autrice@scale.example")
    followers = [member(f"abonne-{number}@scale.example") for number in (1, 2, 3)]
    poster_a = member("poste-a@scale.example")
    poster_b = member("poste-b@scale.example")

    category = ForumCategory.objects.create(
        name_fr="Logistique et entreposage", name_en="Logistics and storage"
    )
    topic = forums.start_topic(author, category, "Tournée partagée", "Qui a un camion ?")
    for follower in followers:
        forums.follow(follower, topic=topic)

    # As cms.demo builds the site: the home page at the default site's root, then the
    # events section and a members' event with ten seats.
    french = Locale.objects.get_or_create(language_code="fr")[0]
    home = demo.home_page(french)
    demo.at_configured_address()
    index = demo.publish(
        home.add_child(instance=EventIndexPage(title="Ateliers et visites", slug="evenements")),
        {},
    )
    starts_at = timezone.now() + timedelta(days=7)
    event = demo.publish(
        index.add_child(
            instance=EventPage(
                title="Visite de la ferme d'essai",
                slug="visite-ferme-essai",
                audience=EventPage.Audience.MEMBERS,
                starts_at=starts_at,
                ends_at=starts_at + timedelta(hours=3),
                capacity=SEATS,
            )
        ),
        {},
    )

    # Fifty members at once: their memberships saved as decide() saves an approval,
    # without a welcome email each (as cms.demo does for the demo member).
    registrants = []
    for number in range(1, REGISTRANTS + 1):
        user = person(f"inscrit-{number:02}@scale.example", hashed)
        Membership.objects.create(
            user=user,
            organisation=kitchen,
            status=Membership.Status.APPROVED,
            decided_at=timezone.now(),
        )
        registrants.append(user.email)

    with translation.override("en"):
        paths = {
            "login": reverse("account_login"),
            "logout": reverse("account_logout"),
            "account": reverse("community:account"),
            "topic": reverse("community:forum_topic", args=[topic.pk]),
            "my_events": reverse("community:my_events"),
        }
    facts = {
        "password": PASSWORD,
        "signed_in": signed_in.email,
        "locked": locked.email,
        "poster_a": poster_a.email,
        "poster_b": poster_b.email,
        # Who follows the topic once each poster has written (the author follows it;
        # a poster follows it from their post on, and is not written about their own).
        "told_of_a": sorted([author.email, *(f.email for f in followers)]),
        "told_of_b": sorted([author.email, poster_a.email, *(f.email for f in followers)]),
        "topic_id": topic.pk,
        "event_id": event.pk,
        "event_path": event.url,
        "event_title": event.title,
        "seats": SEATS,
        "registrants": registrants,
        "people": get_user_model().objects.count(),
        "login_failed_rate": settings.ACCOUNT_RATE_LIMITS["login_failed"],
        "paths": paths,
    }
    transaction.on_commit(lambda: print(json.dumps(facts)))
