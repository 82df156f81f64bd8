"""Factory fixtures: each returns a callable with unique defaults, so a test builds only
what it needs. Users are named after their roles."""

import contextlib
import itertools
import logging
import os
import re
from datetime import datetime
from io import StringIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import caches
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import translation

from wagtail.models import Locale, Page, PageViewRestriction, Site

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django_tasks import TaskResultStatus
from django_tasks.signals import task_finished

from cms.models import FooterText, HomePage, NavigationLink, NavigationSettings, StandardPage

# Factories of each app, available to every test (browser tests included).
pytest_plugins = [
    "tests.fixtures.community",
    "tests.fixtures.directory",
    "tests.fixtures.events",
    "tests.fixtures.projects",
    "tests.fixtures.resources",
]

PASSWORD = "a-long-password-for-tests"
_sequence = itertools.count(1)


def _test_now():
    """SALIM_TEST_NOW (an ISO 8601 instant with its offset, 2027-01-01T04:30:00Z) or None."""
    value = os.environ.get("SALIM_TEST_NOW")
    if not value:
        return None
    instant = datetime.fromisoformat(value)
    if instant.tzinfo is None:
        raise pytest.UsageError(f"SALIM_TEST_NOW={value} needs an offset (Z or -05:00).")
    return instant


TEST_NOW = _test_now()


@pytest.fixture(scope="session", autouse=True)
def _emails_leave_through_the_outbox(django_test_environment):
    """Django's test set-up makes every email go straight to mail.outbox; on the site,
    they go to the outbox, which sends them with OUTBOX_EMAIL_BACKEND (locmem in tests,
    so that they reach mail.outbox the same)."""
    settings.EMAIL_BACKEND = "community.outbox.backends.OutboxBackend"


@pytest.fixture(autouse=True)
def _clock(request):
    """With SALIM_TEST_NOW set, every test starts at that instant and the clock ticks on
    from there (see README "Tests at awkward instants"). A test that sets its own instant
    with time-machine keeps it; browser tests keep the real clock, which Chromium shares."""
    if (
        TEST_NOW is None
        or "time_machine" in request.fixturenames
        or request.node.get_closest_marker("e2e")
    ):
        yield
        return
    with time_machine.travel(TEST_NOW, tick=True):
        yield


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate-limit counters live in the cache, and kept pages in theirs: each test starts
    with none."""
    for each in caches.all():
        each.clear()
    yield
    for each in caches.all():
        each.clear()


@pytest.fixture
def page_cache(settings):
    """The page cache on, as on the site (settings.test turns it off elsewhere)."""
    settings.PAGE_CACHE_SECONDS = 60


@pytest.fixture(autouse=True)
def _site_language():
    """Each test starts in the site's default language: a request in English leaves
    English active in the thread, which would otherwise leak into the next test."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


# Any other name for the site in what it sends: the request's host, the Site record's.
OTHER_SITE_ADDRESSES = re.compile(r"https?://(localhost|testserver|127\.0\.0\.1|\[::1\])\b")


def assert_emails_link_to_the_site_address(messages):
    """Every link in these emails and in their attachments (.ics) uses the site's
    configured address (settings.test: https://salim.example:8443)."""
    for message in messages:
        parts = [message.body, *(alt[0] for alt in getattr(message, "alternatives", []))]
        parts += [
            item[1] if isinstance(item, tuple) else item.get_payload(decode=True)
            for item in message.attachments
        ]
        for part in parts:
            text = part.decode(errors="replace") if isinstance(part, bytes) else str(part)
            wrong = OTHER_SITE_ADDRESSES.search(text)
            assert wrong is None, f"{message.subject!r} links to {wrong.group(0)}"


@pytest.fixture(autouse=True)
def _emails_link_to_the_site_address():
    """Whatever a test sends links to the site's configured address."""
    yield
    assert_emails_link_to_the_site_address(getattr(mail, "outbox", []))


class _FailuresSeen(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.records = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture(autouse=True)
def _no_task_fails_unseen(request):
    """A background task that fails (ours or Wagtail's) fails the test, unless the test
    is about mail failing: tasks run at once in tests, and the task framework would
    otherwise only record the error."""
    failed = []

    def record(sender, task_result, **kwargs):
        if task_result.status == TaskResultStatus.FAILED:
            failed.append(f"{task_result.task.name}: {task_result.errors[-1].traceback}")

    task_finished.connect(record, dispatch_uid="tests-task-failures")
    yield
    task_finished.disconnect(dispatch_uid="tests-task-failures")
    if failed and request.node.get_closest_marker("mail_fails") is None:
        pytest.fail("\n".join(failed))


@pytest.fixture(autouse=True)
def _no_email_fails_unseen(request):
    """The site logs an email that fails rather than fail the person's action
    (community.emails): a test not marked mail_fails fails on such a record, so that a
    broken email template cannot pass for an email that nobody was due."""
    seen = _FailuresSeen()
    loggers = [logging.getLogger("community.emails")]
    for logger in loggers:
        logger.addHandler(seen)
    yield
    for logger in loggers:
        logger.removeHandler(seen)
    if seen.records and request.node.get_closest_marker("mail_fails") is None:
        pytest.fail("\n".join(logging.Formatter().format(record) for record in seen.records))


@pytest.fixture
def locales(db):
    french = Locale.objects.get_or_create(language_code="fr")[0]
    english = Locale.objects.get_or_create(language_code="en")[0]
    return {"fr": french, "en": english}


@pytest.fixture
def home_pages(locales):
    """A French home page at the default site's root and its English translation."""
    root = Page.get_first_root_node()
    for placeholder in root.get_children():  # Wagtail's "Welcome" page
        placeholder.delete()
    home = root.add_child(
        instance=HomePage(
            title="Accueil SALIM",
            slug="accueil",
            locale=locales["fr"],
            intro="Manger local, ensemble.",
        )
    )
    home.save_revision().publish()
    english = root.add_child(
        instance=HomePage(
            title="SALIM home",
            slug="home",
            locale=locales["en"],
            translation_key=home.translation_key,
            intro="Eating local, together.",
        )
    )
    english.save_revision().publish()
    Site.objects.all().delete()
    Site.objects.create(
        hostname="localhost", root_page=home, is_default_site=True, site_name="SALIM"
    )
    return {"fr": home, "en": english}


@pytest.fixture
def page_factory(home_pages, locales):
    """make(title_fr=..., title_en=...) → {"fr": page, "en": page or None}. A page is
    published unless live=False; it has an English translation when title_en is given."""

    def make(title_fr=None, title_en=None, intro_fr="", intro_en="", parent=None, live=True):
        number = next(_sequence)
        title_fr = title_fr or f"Page {number}"
        parent = parent or home_pages["fr"]
        page = parent.add_child(
            instance=StandardPage(
                title=title_fr,
                intro=intro_fr,
                live=live,
                slug=f"page-fr-{number}",
                locale=locales["fr"],
            )
        )
        if live:
            page.save_revision().publish()
        pages = {"fr": page, "en": None}
        if title_en:
            english_parent = parent.get_translation(locales["en"])
            english = english_parent.add_child(
                instance=StandardPage(
                    title=title_en,
                    intro=intro_en,
                    slug=f"page-en-{number}",
                    locale=locales["en"],
                    translation_key=page.translation_key,
                    live=live,
                )
            )
            if live:
                english.save_revision().publish()
            pages["en"] = english
        return pages

    return make


@pytest.fixture
def make_private():
    """Restrict a page to signed-in people (Wagtail's own privacy)."""

    def make(page):
        return PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.LOGIN
        )

    return make


@pytest.fixture
def navigation(home_pages):
    def make(*pages):
        settings = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
        for order, page in enumerate(pages):
            NavigationLink.objects.create(settings=settings, page=page, sort_order=order)
        return settings

    return make


@pytest.fixture
def footer(locales):
    def make(fr, en=None):
        french = FooterText.objects.create(locale=locales["fr"], body=fr)
        if en:
            english = french.copy_for_translation(locales["en"])
            english.body = en
            english.save()
        return french

    return make


@pytest.fixture
def user_factory(db):
    """make(email=..., verified=True, groups=()) → a user who can sign in with PASSWORD."""

    def make(email=None, verified=True, groups=(), **fields):
        number = next(_sequence)
        email = email or f"person{number}@example.org"
        user = get_user_model().objects.create_user(
            username=f"person{number}", email=email, password=PASSWORD, **fields
        )
        EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
        for name in groups:
            user.groups.add(Group.objects.get(name=name))
        return user

    return make


@pytest.fixture
def member(user_factory):
    return user_factory(email="member@example.org", first_name="Alex")


@pytest.fixture
def editor(user_factory):
    """Network staff: Wagtail's Editors (write) and Moderators (publish, review)."""
    return user_factory(
        email="editor@example.org", first_name="Camille", groups=["Editors", "Moderators"]
    )


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    """The demo content loaded once for the tests of a class (a load takes a while), in a
    transaction rolled back after them; each test runs in a savepoint inside it (the db
    fixture), so what one test changes the next does not see. The load keeps the checks
    a test makes of what it does: at the test's instant under SALIM_TEST_NOW, no task
    failing, no email failing, no email linking elsewhere. Its value is what the command
    printed."""
    failed = []

    def record(sender, task_result, **kwargs):
        if task_result.status == TaskResultStatus.FAILED:
            failed.append(f"{task_result.task.name}: {task_result.errors[-1].traceback}")

    seen = _FailuresSeen()
    emails = logging.getLogger("community.emails")
    clock = time_machine.travel(TEST_NOW, tick=True) if TEST_NOW else contextlib.nullcontext()
    out = StringIO()
    with django_db_blocker.unblock(), transaction.atomic():
        task_finished.connect(record, dispatch_uid="tests-demo-task-failures")
        emails.addHandler(seen)
        sent = len(getattr(mail, "outbox", []))
        try:
            with clock, override_settings(DEBUG=True):
                call_command("load_demo_content", stdout=out)
        finally:
            task_finished.disconnect(dispatch_uid="tests-demo-task-failures")
            emails.removeHandler(seen)
        assert not failed, "\n".join(failed)
        assert not seen.records, "\n".join(map(logging.Formatter().format, seen.records))
        assert_emails_link_to_the_site_address(getattr(mail, "outbox", [])[sent:])
        yield out.getvalue()
        transaction.set_rollback(True)
