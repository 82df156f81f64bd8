"""Local development: debug on, emails printed to the console."""

import contextlib
import os

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
# A template being edited shows at once: no page cache unless asked for.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0" if DEBUG else "60"))
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-secret-key-not-for-production")
OUTBOX_EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)

with contextlib.suppress(ImportError):
    from .local import *  # noqa: F403 (optional, ignored by git)
