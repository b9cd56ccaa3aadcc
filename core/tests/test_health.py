"""`/health/` for load balancers: 200 when the database, the storage of uploads, Redis and the
Celery broker answer, 500 when one does not; plain text naming each check, never a host, a
port or a reason; not redirected to HTTPS in production, since a balancer may probe over HTTP."""
import json
import os
import socket
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import override_settings

from core.tests.test_deploy_settings import ROOT, _production_env

pytestmark = pytest.mark.django_db
URL = "/health/"


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens once the socket is closed


def _real_redis_url() -> str:
    url = settings.REDIS_URL or os.environ.get("HEALTH_REDIS_URL", "redis://127.0.0.1:6379/0")
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.exceptions.RedisError as exc:
        reason = f"Redis at {url} does not answer: {exc}"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true: {reason}", pytrace=False)
        pytest.skip(reason)
    return url


@override_settings(REDIS_URL="")
def test_without_redis_the_database_and_the_storage_are_checked(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == "database: OK\nstorage: OK\n"
    assert "no-cache" in response["Cache-Control"]
    assert not response.cookies


def test_with_a_broker_that_answers_every_check_is_ok(client):
    url = _real_redis_url()
    with override_settings(REDIS_URL=url, CELERY_BROKER_URL=url):
        response = client.get(URL)
    assert response.status_code == 200, response.content
    assert response.content.decode() == "database: OK\nstorage: OK\nredis: OK\ncelery broker: OK\n"


def test_an_unreachable_broker_answers_500_without_saying_where_it_is(client):
    port = _closed_port()
    url = f"redis://:s3cret@127.0.0.1:{port}/3"
    with override_settings(REDIS_URL=url, CELERY_BROKER_URL=url):
        response = client.get(URL)
    assert response.status_code == 500
    body = response.content.decode()
    assert body == "database: OK\nstorage: OK\nredis: unavailable\ncelery broker: unavailable\n"
    assert str(port) not in body and "s3cret" not in body
    with override_settings(REDIS_URL=url, CELERY_BROKER_URL=url):
        assert client.head(URL).status_code == 500  # a balancer probing with HEAD learns the same


@override_settings(REDIS_URL="")
def test_options_is_refused_rather_than_answered_ok_without_checking(client):
    assert client.options(URL).status_code == 405
    assert client.post(URL).status_code in (403, 405)


def test_uploads_that_cannot_be_written_answer_500(client, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with override_settings(REDIS_URL="", MEDIA_ROOT=str(blocker / "media")):  # a directory under a file
        response = client.get(URL)
    assert response.status_code == 500
    assert response.content.decode() == "database: OK\nstorage: unavailable\n"


@override_settings(REDIS_URL="")
def test_the_answer_is_plain_text_whatever_format_is_asked_for(client):
    for query, accept in (("?format=json", "*/*"), ("", "application/json"), ("?format=openmetrics", "*/*"),
                          ("", "image/png")):
        response = client.get(URL + query, HTTP_ACCEPT=accept)
        assert response.status_code == 200, (query, accept)
        assert response.content.decode() == "database: OK\nstorage: OK\n", (query, accept)


def _production_setting(name: str):
    code = f"import django, json; django.setup(); from django.conf import settings; print(json.dumps(settings.{name}))"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=_production_env(),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_in_production_the_probe_over_http_is_not_redirected_but_pages_are(client):
    exempt = _production_setting("SECURE_REDIRECT_EXEMPT")
    with override_settings(SECURE_SSL_REDIRECT=True, SECURE_REDIRECT_EXEMPT=exempt, REDIS_URL=""):
        assert client.get(URL).status_code == 200
        assert client.get("/").status_code == 301
        assert client.get(URL + "extra/").status_code in (301, 404)  # only the probe itself is exempt
