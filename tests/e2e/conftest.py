"""Browser tests: Playwright driving the system's Chromium (Debian's chromium package),
never a browser Playwright downloads. Without Chromium they are skipped, except under CI,
where they must run."""

import os
import shutil

from django.db import connections

import pytest

CHROMIUM = (
    os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser(django_db_setup):
    if not CHROMIUM:
        message = "Chromium is not installed (apt-get install chromium): browser tests skipped."
        if os.environ.get("CI"):
            pytest.fail("Under CI the browser tests must run, but " + message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the
    # fixtures make are still plain synchronous calls.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    serialized = {
        c.alias: c._test_serialized_contents
        for c in connections.all()
        if hasattr(c, "_test_serialized_contents")
    }
    with sync_playwright() as playwright:
        # With Playwright's event loop running, Django's connection handler keeps its
        # connections per context: hand the new ones what serialized rollback needs to
        # restore, after each test, what migrations wrote (root page, locales, groups).
        for alias, contents in serialized.items():
            connections[alias]._test_serialized_contents = contents
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def page(browser, django_db_serialized_rollback, live_server):
    """A fresh browser tab on the live server, over a database as migrations left it."""
    context = browser.new_context(base_url=live_server.url, locale="fr-CA")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def axe():
    from axe_playwright_python.sync_playwright import Axe

    def check(page):
        results = Axe().run(page)
        assert results.violations_count == 0, results.generate_report()

    return check
