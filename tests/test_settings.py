"""Settings per mode: production is strict and deploy-checked, SQLite waits its turn."""

import os
import subprocess
import sys
import threading
from pathlib import Path

from django.conf import settings
from django.db import connection, connections, transaction
from django.db.utils import load_backend

import pytest

ROOT = Path(__file__).resolve().parents[1]

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "settings.production",
    "SECRET_KEY": "x" * 64 + "production-like-secret-key-for-the-deploy-check",
    "ALLOWED_HOSTS": "salim.example",
    "WAGTAILADMIN_BASE_URL": "https://salim.example",
    "DEFAULT_FROM_EMAIL": "SALIM <noreply@salim.example>",
}


def manage(*args, env):
    # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE belongs to this process only.
    leave_out = {
        *PRODUCTION_ENV,
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "DATABASE_URL",
        "REDIS_URL",
        "OUTBOX_RETRY_DELAYS",
    }
    clean = {key: value for key, value in os.environ.items() if key not in leave_out}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check_with_warnings_as_failures():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DEFAULT_FROM_EMAIL"])
def test_production_refuses_to_start_without_a_required_variable(missing):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != missing}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert f"The environment variable {missing} must be set" in result.stderr


def test_default_cache_is_shared_between_processes_unless_redis_is_configured():
    """Rate-limit counters must be shared: the database cache, or Redis."""
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    without_redis = manage("shell", "-c", code, env=PRODUCTION_ENV)
    with_redis = manage(
        "shell", "-c", code, env={**PRODUCTION_ENV, "REDIS_URL": "redis://127.0.0.1:6379/0"}
    )
    assert without_redis.stdout.splitlines()[-1] == "django.core.cache.backends.db.DatabaseCache"
    assert with_redis.stdout.splitlines()[-1] == "django.core.cache.backends.redis.RedisCache"


def test_production_shortens_the_outbox_delays_only_when_told():
    code = "from community.outbox.tasks import retry_delays; print(retry_delays())"
    default = manage("shell", "-c", code, env=PRODUCTION_ENV)
    told = manage("shell", "-c", code, env={**PRODUCTION_ENV, "OUTBOX_RETRY_DELAYS": "0.05, 2"})
    assert default.stdout.splitlines()[-1] == "[1, 2, 5, 10, 30, 60, 120, 240]"
    assert told.stdout.splitlines()[-1] == "[0.05, 2.0]"


def test_error_reports_reach_the_admins_with_the_database_down():
    """Every other email waits in the outbox, in the database; a server error report must
    not depend on it, since the database may be what failed."""
    code = (
        "import logging; from django.core import mail; "
        "logging.getLogger('django.request').error('Internal Server Error: /fr/'); "
        "print([message.to for message in mail.outbox])"
    )
    env = {
        **PRODUCTION_ENV,
        "DATABASE_URL": "postgres://salim@127.0.0.1:1/salim",  # nobody listens there
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "ADMIN_EMAILS": "ops@salim.example",
    }
    result = manage("shell", "-c", code, env=env)
    assert result.stdout.splitlines()[-1] == "[['ops@salim.example']]", result.stderr


def test_the_static_files_collect_under_production_settings(tmp_path):
    """What `make run` and a deployment do first: every package's files (Leaflet's
    plugins included) get their compressed, hashed copies, or nothing starts."""
    code = (
        "from django.core.management import call_command\n"
        "from django.test.utils import override_settings\n"
        f"with override_settings(STATIC_ROOT={str(tmp_path)!r}):\n"
        "    call_command('collectstatic', '--noinput', verbosity=0)\n"
        "print('collected')"
    )
    result = manage("shell", "-c", code, env=PRODUCTION_ENV)
    assert result.stdout.splitlines()[-1:] == ["collected"], result.stderr[-2000:]
    assert list(tmp_path.glob("leaflet-markercluster/leaflet.markercluster.*.js.gz"))


def test_database_url_selects_postgresql():
    code = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    result = manage(
        "shell",
        "-c",
        code,
        env={**PRODUCTION_ENV, "DATABASE_URL": "postgres://salim@db.example:5432/salim"},
    )
    assert result.stdout.splitlines()[-1] == "django.db.backends.postgresql"


def file_database(path):
    """Settings for a SQLite file database configured as the site configures SQLite."""
    from settings import base

    if base.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("DATABASE_URL points at another database")
    return connections.configure_settings(
        {"default": {**base.DATABASES["default"], "NAME": str(path)}}
    )["default"]


def open_connection(settings_dict):
    """A connection of this thread, reachable by transaction.atomic(using="file")."""
    wrapper = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, "file")
    connections["file"] = wrapper
    return wrapper


@pytest.fixture
def unblocked(django_db_blocker):
    """These tests open their own file databases, outside the test database."""
    with django_db_blocker.unblock():
        yield


def test_sqlite_runs_in_wal_mode_with_immediate_transactions(tmp_path, unblocked):
    wrapper = open_connection(file_database(tmp_path / "db.sqlite3"))
    with wrapper.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
    assert wrapper.transaction_mode == "IMMEDIATE"
    wrapper.close()


def test_concurrent_sqlite_writers_wait_instead_of_failing(tmp_path, unblocked):
    """Twenty threads each read then write in one transaction: none fails with
    "database is locked" and no increment is lost."""
    settings_dict = file_database(tmp_path / "db.sqlite3")
    setup = open_connection(settings_dict)
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE counter (value INTEGER)")
        cursor.execute("INSERT INTO counter VALUES (0)")
    setup.close()
    errors = []
    start = threading.Barrier(20)

    def increment():
        wrapper = open_connection(settings_dict)
        start.wait()
        try:
            with transaction.atomic(using="file"), wrapper.cursor() as cursor:
                cursor.execute("SELECT value FROM counter")
                value = cursor.fetchone()[0]
                cursor.execute("UPDATE counter SET value = %s", [value + 1])
        except Exception as error:  # noqa: BLE001 - every failure is what we count
            errors.append(error)
        finally:
            wrapper.close()

    threads = [threading.Thread(target=increment) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    check = open_connection(settings_dict)
    with check.cursor() as cursor:
        cursor.execute("SELECT value FROM counter")
        assert cursor.fetchone()[0] == 20
    check.close()
    assert errors == []


def test_test_run_uses_the_configured_database_engine():
    assert connection.vendor in {"sqlite", "postgresql"}
    assert settings.AUTH_USER_MODEL == "community.User"
