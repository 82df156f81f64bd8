"""Test runs: fast hashing, local-memory cache and email, plain static storage."""

from .base import *  # noqa: F403
from .base import CACHES, STORAGES

DEBUG = False
SECRET_KEY = "test-secret-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
    "renditions": CACHES["renditions"],
}
# The page cache is on in the tests that check it (the `page_cache` fixture): elsewhere
# a test reads the page its records make, as it was built.
PAGE_CACHE_SECONDS = 0
OUTBOX_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The site's configured address differs from the test client's host (testserver) and
# from the Site record (localhost, port 80): a link built from either of them shows.
WAGTAILADMIN_BASE_URL = "https://salim.example:8443"
ALLOWED_HOSTS = ["*"]
# Tests serve static files from the apps and static/ directly: no collectstatic needed.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
# A task runs as soon as it is enqueued (on commit): the tests see its emails at once.
# The outbox's own tests run the database backend and a real worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# SQLite tests run on a file, not in memory: concurrency tests need real separate
# connections with the locking the site runs with (WAL, IMMEDIATE transactions).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "test-db.sqlite3")}  # noqa: F405
