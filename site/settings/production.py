"""Production: everything from the environment, and a loud failure when a required
variable is missing. `manage.py check --deploy --fail-level WARNING` stays clean."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_list


def required(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set in production.")
    return value


DEBUG = False
SECRET_KEY = required("SECRET_KEY")
required("ALLOWED_HOSTS")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
WAGTAILADMIN_BASE_URL = required("WAGTAILADMIN_BASE_URL")

# HTTPS. Behind a proxy that terminates TLS, set SECURE_PROXY_SSL_HEADER=1 so Django trusts
# its X-Forwarded-Proto header, and TRUSTED_PROXY_COUNT to the number of proxies.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
if env_bool("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"

# How the worker sends (EMAIL_BACKEND itself is the outbox: see base).
OUTBOX_EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = required("DEFAULT_FROM_EMAIL")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
ADMINS = [("Admins", address) for address in env_list("ADMIN_EMAILS")]
# Error reports go straight to the mail server: the outbox needs the database, which may
# be what failed. (Django's own "django" logger, with this handler in place of its own.)
LOGGING = {
    **LOGGING,  # noqa: F405
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "handlers": {
        **LOGGING["handlers"],  # noqa: F405
        "mail_admins": {
            "level": "ERROR",
            "filters": ["require_debug_false"],
            "class": "django.utils.log.AdminEmailHandler",
            "email_backend": OUTBOX_EMAIL_BACKEND,
        },
    },
    "loggers": {"django": {"handlers": ["mail_admins"], "level": "INFO"}},
}

# Minutes before each new try of an email not sent (community.outbox), only when set: a
# check that cannot wait hours for the mail server (tests/scale_out) sets shorter ones.
if os.environ.get("OUTBOX_RETRY_DELAYS"):
    OUTBOX_RETRY_DELAYS = [float(minutes) for minutes in env_list("OUTBOX_RETRY_DELAYS")]
