"""What an applicant sees when the server fails (500) or sheds load (503): pages in Polish that
say how to check whether the offer is in, rendered without a request context or the database."""
import time

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import path


def broken(request):
    raise RuntimeError("a bug")


def fine(request):
    from django.http import HttpResponse
    return HttpResponse("ok")


urlpatterns = [path("broken/", broken), path("fine/", fine)]


@pytest.mark.urls("core.tests.test_error_pages")
@pytest.mark.django_db
def test_a_server_error_shows_how_to_check_whether_the_offer_is_in(settings):
    settings.DEBUG = False
    response = Client(raise_request_exception=False).get("/broken/")
    assert response.status_code == 500
    page = response.content.decode()
    assert '<html lang="pl">' in page
    assert "Moje oferty" in page
    assert "sumę kontrolną" in page
    assert "e-mail" in page
    assert "za minutę" in page
    assert "Server Error (500)" not in page


def _arrived(seconds_ago: float) -> str:
    return f"t={time.time() - seconds_ago:.3f}"


@pytest.mark.urls("core.tests.test_error_pages")
@pytest.mark.django_db
def test_a_request_that_waited_too_long_is_shed_with_the_503_page(settings):
    settings.REQUEST_START_HEADER = "X-Request-Start"
    settings.QUEUE_TIMEOUT_SECONDS = 30
    with CaptureQueriesContext(connection) as queries:
        response = Client().get("/fine/", HTTP_X_REQUEST_START=_arrived(45))
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    page = response.content.decode()
    assert '<meta http-equiv="refresh" content="10">' in page
    assert "szkic" in page.lower()
    assert "spróbuje ponownie" in page
    assert len(queries) == 0


@pytest.mark.urls("core.tests.test_error_pages")
@pytest.mark.django_db
def test_a_request_that_waited_less_is_served(settings):
    settings.REQUEST_START_HEADER = "X-Request-Start"
    settings.QUEUE_TIMEOUT_SECONDS = 30
    response = Client().get("/fine/", HTTP_X_REQUEST_START=_arrived(5))
    assert response.status_code == 200


@pytest.mark.urls("core.tests.test_error_pages")
@pytest.mark.django_db
def test_a_write_that_waited_too_long_is_never_shed(settings):
    """A save or "Złóż ofertę" reached the portal in time: it is judged at its arrival, not refused."""
    settings.REQUEST_START_HEADER = "X-Request-Start"
    settings.QUEUE_TIMEOUT_SECONDS = 30
    response = Client(enforce_csrf_checks=False).post("/fine/", HTTP_X_REQUEST_START=_arrived(45))
    assert response.status_code != 503


@pytest.mark.urls("core.tests.test_error_pages")
@pytest.mark.django_db
@pytest.mark.parametrize("header, value", [
    # no trusted proxy configured: the header is the client's, ignored (a fixed id: the value is
    # computed from the clock, and every xdist worker must collect the same test names)
    pytest.param("", _arrived(3600), id="not-configured"),
    pytest.param("X-Request-Start", "rubbish", id="unreadable"),
    pytest.param("X-Request-Start", None, id="missing"),
])
def test_without_a_configured_readable_header_nothing_is_shed(settings, header, value):
    settings.REQUEST_START_HEADER = header
    settings.QUEUE_TIMEOUT_SECONDS = 30
    extra = {} if value is None else {"HTTP_X_REQUEST_START": value}
    assert Client().get("/fine/", **extra).status_code == 200


def test_the_database_connections_are_health_checked_before_reuse(settings):
    assert all(database.get("CONN_HEALTH_CHECKS") for database in settings.DATABASES.values())
