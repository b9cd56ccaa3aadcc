"""The services the suite runs against are the ones intended, and CI cannot pass without them.

With CI=true (set by `.ci/run`) the suite must run on PostgreSQL, with Redis answering and
Chromium installed for the browser tests; each test below fails, never skips, when one is
missing. Outside CI the same checks run when the matching variable is set (DATABASE_URL
pointing at PostgreSQL, REDIS_URL); otherwise they assert the embedded defaults a developer
gets with no services at all: SQLite and eager Celery.
"""
import os
import subprocess
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection

CHROMIUM = Path("/usr/bin/chromium")


def in_ci() -> bool:
    return os.environ.get("CI") == "true"


def wants_postgres() -> bool:
    return in_ci() or os.environ.get("DATABASE_URL", "").startswith("postgres")


def wants_redis() -> bool:
    return in_ci() or bool(os.environ.get("REDIS_URL"))


@pytest.mark.django_db
def test_database_is_postgresql_in_ci_or_when_configured_else_sqlite():
    if wants_postgres():
        assert connection.vendor == "postgresql", (
            f"CI={os.environ.get('CI')!r}, DATABASE_URL={os.environ.get('DATABASE_URL', '')!r}: "
            f"the suite must run on PostgreSQL, but the database is {connection.vendor}"
        )
        with connection.cursor() as cursor:
            cursor.execute("SELECT version()")
            assert cursor.fetchone()[0].startswith("PostgreSQL")
    else:
        assert connection.vendor == "sqlite"


def test_redis_answers_ping_in_ci_or_when_configured_else_celery_is_eager():
    if wants_redis():
        assert settings.REDIS_URL, "CI=true but REDIS_URL is empty: set it (e.g. redis://127.0.0.1:6379/0)"
        client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=3, socket_timeout=3)
        try:
            answered = client.ping()
        except redis.exceptions.RedisError as exc:
            pytest.fail(f"Redis at {settings.REDIS_URL} does not answer PING: {exc}", pytrace=False)
        finally:
            client.close()
        assert answered is True
        assert settings.CELERY_BROKER_URL == settings.REDIS_URL
    else:
        assert settings.REDIS_URL == ""
        assert settings.CELERY_BROKER_URL == "memory://"
        assert settings.CELERY_TASK_ALWAYS_EAGER is True


def test_chromium_for_browser_tests_is_installed_in_ci():
    if in_ci():
        assert CHROMIUM.exists(), f"CI=true but {CHROMIUM} is missing: apt-get install -y chromium"
    if CHROMIUM.exists():
        version = subprocess.run([str(CHROMIUM), "--version"], capture_output=True, text=True, timeout=60)
        assert version.returncode == 0 and "Chromium" in version.stdout, version.stderr
    else:
        # Outside CI the browser tests skip with a reason instead (e2e/conftest.py).
        from e2e.conftest import CHROMIUM as E2E_CHROMIUM
        from e2e.conftest import in_ci as e2e_in_ci

        assert E2E_CHROMIUM == CHROMIUM
        assert e2e_in_ci() is False
