"""Settings shared by every mode. Values that differ between machines come from the
environment; dev, test and production adjust the rest."""

import os
from pathlib import Path

from django.utils.translation import gettext_lazy as _

import dj_database_url
import xstatic.pkg.leaflet
import xstatic.pkg.leaflet_markercluster

BASE_DIR = Path(__file__).resolve().parents[2]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The network's name, shown in titles and email subjects.
SITE_NAME = os.environ.get("SITE_NAME", "SALIM")

INSTALLED_APPS = [
    "directory",
    "community",
    "cms",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.sitemaps",
    "wagtail_modeladmin",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "django.contrib.admin",  # wagtail-modeladmin builds on its list filters; not routed
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "django_tasks",
    "django_tasks_db",
]

# Background work (emails and other fan-outs) waits in the database until a worker
# (`manage.py db_worker`, `make worker`) runs it: no broker, and nothing is lost when the
# mail server or the worker is down.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "community.page_cache.PageCacheMiddleware",
    "cms.middleware.NulCookieMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "cms.middleware.PrivateResponsesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "cms.middleware.ContentSecurityPolicyMiddleware",
    "cms.middleware.NulCharacterMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "cms.middleware.KeptSiteMiddleware",
    "cms.middleware.PageCreatedTwiceMiddleware",
]

ROOT_URLCONF = "urls"
WSGI_APPLICATION = "wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                "cms.context_processors.site_name",
            ],
            # Our `date` filter replaces Django's in every template: "1er décembre 2026".
            "builtins": ["directory.templatetags.dates"],
        },
    },
]

# SQLite by default (zero set-up); PostgreSQL through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions take the write lock at BEGIN, so concurrent writers wait
    # (up to "timeout" seconds) instead of failing with "database is locked" mid-way;
    # WAL lets readers carry on while one writer works. Connections are kept, as on
    # PostgreSQL: opening one (and its pragmas) costs more than a page from the cache.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "community.User"

# allauth keeps its rate-limit counters in the default cache, so every server process
# must share it: the database by default, Redis when REDIS_URL is set.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "salim",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "cache_table",
        }
    }

# Public pages for anonymous visitors come from the "pages" cache (community.page_cache),
# in each process's memory: a page is served for about a static file's cost, and kept
# pages are found under a version every process reads from the shared cache. A cache of
# its own, so that addresses without end (searches, filters) never push out rate-limit
# counters. Kept at most this many seconds (0: no page cache); any change to what they
# show is seen on the next request.
CACHES["pages"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "pages",
    "OPTIONS": {"MAX_ENTRIES": 500},
}
# Wagtail finds an image's renditions in the "renditions" cache before the database. In
# each process's memory: a rendition's key holds the image's file hash and focal point,
# so a new file or focal point is a new key, and nothing there goes stale but a
# rendition deleted by hand (`wagtail_update_image_renditions --purge-only`), for at most
# the timeout.
CACHES["renditions"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "renditions",
    "TIMEOUT": 3600,
    "OPTIONS": {"MAX_ENTRIES": 2000},
}
PAGE_CACHE_ALIAS = "pages"
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "60"))
PAGE_CACHE_VIEWS = {
    "wagtail_serve",  # home, events, event, resources, funding, Carte proximité, pages
    "directory:producer_list",
    "directory:producer_detail",
    "directory:product_detail",
    "directory:in_season",
    "community:network_figures",
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Languages: French first, English second. URLs carry the language (/fr/, /en/).
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates as each language writes them (site/formats/: Québec's French, English Canada's).
FORMAT_MODULE_PATH = ["formats"]
TIME_ZONE = "America/Montreal"
USE_I18N = True
USE_TZ = True

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Leaflet and its marker clustering plugin come from their XStatic packages, served as
# /static/leaflet/ and /static/leaflet-markercluster/.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("leaflet", xstatic.pkg.leaflet.BASE_DIR),
    ("leaflet-markercluster", xstatic.pkg.leaflet_markercluster.BASE_DIR),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "directory.staticfiles.StaticFilesStorage"},
}
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    # Shared media for several app servers: any S3-compatible service. The AWS_* and
    # AWS_S3_ENDPOINT_URL variables are read by django-storages itself.
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = True

# Documents are served only through Wagtail's view, which checks privacy.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "doc",
    "docx",
    "odt",
    "xls",
    "xlsx",
    "ods",
    "csv",
    "ppt",
    "pptx",
    "odp",
    "txt",
    "jpg",
    "jpeg",
    "png",
    "webp",
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Checks that a document's content is what its extension says (images: Wagtail does).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cms.forms.DocumentForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Django's default of 1,000 fields is less than the producer entry sends at its bound
# (100 offers of up to 21 fields each, with all twelve months ticked, plus the entry).
DATA_UPLOAD_MAX_NUMBER_FIELDS = 3000

# The directory: an entry not verified for this many days is "stale", and so is a price
# seen longer ago than a season.
DIRECTORY_STALE_AFTER_DAYS = int(os.environ.get("DIRECTORY_STALE_AFTER_DAYS", "180"))
DIRECTORY_PRICE_STALE_AFTER_DAYS = int(os.environ.get("DIRECTORY_PRICE_STALE_AFTER_DAYS", "120"))
# The freshness check (community.freshness): an entry not verified for this many days is
# emailed "Is this still right?", at most once in that many days; its link works this long.
DIRECTORY_FRESHNESS_ASK_AFTER_DAYS = int(
    os.environ.get("DIRECTORY_FRESHNESS_ASK_AFTER_DAYS", "150")
)
DIRECTORY_FRESHNESS_LINK_DAYS = int(os.environ.get("DIRECTORY_FRESHNESS_LINK_DAYS", "30"))

# The workspace's triage: a need with fitting producers but no answer after this many days
# asks for the procurement specialist (the page lets them choose another number).
WORKSPACE_UNANSWERED_AFTER_DAYS = 3

# Forum limits in the spirit of Discourse's defaults (rate_limit_create_post,
# max_topics_in_first_day, max_replies_in_first_day, newuser_max_links,
# unique_posts_mins, flags before a post is hidden). Moderators are not limited.
FORUM_LIMITS = {
    "seconds_between_posts": 5,
    "new_member_seconds_between_posts": 30,
    "new_member_days": 1,  # a member is "new" for a day after their first approval
    "new_member_topics_per_day": 3,
    "new_member_posts_per_day": 10,
    "new_member_links": 2,
    "topics_per_day": 20,
    "posts_per_day": 100,
    "duplicate_minutes": 10,
    "reports_to_hide": 3,
    "post_max_length": 20000,
}
FORUM_POSTS_PER_PAGE = 20
FORUM_TOPICS_PER_PAGE = 30

WAGTAIL_SITE_NAME = SITE_NAME
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Wagtail's own login forms (the admin's, and the one for members-only pages and files)
# bypass allauth (no rate limit, no email verification): send people to the site's sign-in.
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
# A page or file an editor protected with a password asks for it in the site's look.
WAGTAIL_PASSWORD_REQUIRED_TEMPLATE = "cms/password_required.html"  # noqa: S105 (a template)
WAGTAILDOCS_PASSWORD_REQUIRED_TEMPLATE = "cms/password_required.html"  # noqa: S105
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No calls to Gravatar: editors' avatars are the default one, uploads, or nothing.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Accounts (django-allauth): sign-in by email, verification mandatory.
LOGIN_URL = "account_login"
ACCOUNT_ADAPTER = "community.accounts.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# The name, too: moderators and organisation admins see who asks.
ACCOUNT_SIGNUP_FORM_CLASS = "community.accounts.forms.SignupForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
# Confirming the address signs the person in, only in the browser that signed up (allauth
# keeps that sign-up in its session); anywhere else, the password is still asked.
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# A signed-in member sent to the sign-in page (by the admin, say) sees the form and can
# change account, instead of being bounced back in a loop.
ACCOUNT_AUTHENTICATED_LOGIN_REDIRECTS = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = os.environ.get("HTTP_PROTOCOL", "http")
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "10/h/ip",
    "reset_password": "10/h/ip,3/h/key",
    "reset_password_from_key": "20/h/ip",
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
    # A producer's answer to a price request, through its signed link (no account).
    "price_request_answer": "30/h/ip,10/h/key",
    # A producer's weekly availability, through its signed link (no account).
    "availability_answer": "30/h/ip,10/h/key",
    # A producer's answer to its entry's freshness check, through its signed link.
    "freshness_check": "30/h/ip,10/h/key",
}
# Client IPs behind a proxy: how many proxies in front of the app are ours.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "SALIM <noreply@salim.example>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# Whoever sends an email (our code, allauth, Wagtail) hands it to the outbox, in the
# database; the worker sends it with OUTBOX_EMAIL_BACKEND (dev, test and production set it).
EMAIL_BACKEND = "community.outbox.backends.OutboxBackend"
OUTBOX_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"

# Content-Security-Policy (django-csp). The public site runs only its own scripts and
# styles; map tiles are the one outside source. The Wagtail admin gets its own, looser
# policy (see cms.middleware).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "https://tile.openstreetmap.org"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'", "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}
# What the Wagtail admin needs beyond that (inline scripts and styles of its own).
CONTENT_SECURITY_POLICY_ADMIN_REPLACE = {
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", "https:"],
    "frame-src": ["'self'", "https:"],
}

# Wagtail's live preview shows the page in a frame of the admin, on the same origin;
# DENY would blank it. Other sites still cannot frame ours (CSP frame-ancestors too).
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
