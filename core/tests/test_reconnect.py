"""A request whose database connection was cut under it runs once more (core.middleware.ReconnectMiddleware)."""
from unittest import mock

import psycopg2
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, OperationalError, connection
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse

from core.middleware import ReconnectMiddleware
from offers.models import Offer, OfferEvent, OfferVersion
from tests_support.factories import MembershipFactory
from tests_support.offers import make_offer
from tests_support.postgres import require_postgres


def _lost(message="server closed the connection unexpectedly", pgcode=None):
    """Django's error over psycopg2's, as a query on a connection the server closed raises it."""
    cause = type("DriverError", (psycopg2.OperationalError,), {"pgcode": pgcode})(message)
    error = OperationalError(message)
    error.__cause__ = cause
    return error


def _middleware(*statuses, error=None):
    """The middleware around views answering `statuses` in turn; a 500 raised `error` first."""
    answers = iter(statuses)
    calls = []

    def get_response(request):
        status = next(answers)
        calls.append(status)
        if status == 500:
            assert middleware.process_exception(request, error or _lost()) is None
        return HttpResponse(status=status)

    middleware = ReconnectMiddleware(get_response)
    return middleware, calls


def _run(middleware, request):
    """The middleware on `request`, with no real connection to close (unit tests have no database)."""
    with mock.patch("core.middleware.connections") as connections:
        connections.all.return_value = []
        return middleware(request)


def test_a_server_error_on_a_lost_connection_is_run_again_on_a_new_one():
    middleware, calls = _middleware(500, 302)
    dead = mock.Mock()
    with mock.patch("core.middleware.connections") as connections:
        connections.all.return_value = [dead]
        response = middleware(RequestFactory().post("/offers/1/submit/"))
    assert response.status_code == 302 and calls == [500, 302]
    dead.close_if_unusable_or_obsolete.assert_called_once_with()


def test_it_is_run_again_only_once():
    middleware, calls = _middleware(500, 500, 302)
    response = _run(middleware, RequestFactory().post("/offers/1/submit/"))
    assert response.status_code == 500 and calls == [500, 500]


@pytest.mark.parametrize("error", [
    _lost(pgcode="55P03"),  # lock_not_available: a live connection
    _lost(pgcode="40001"),  # serialization_failure
    IntegrityError("duplicate key value violates unique constraint"),
    OperationalError("database is locked"),  # SQLite's: no PostgreSQL driver behind it
    ValueError("not a database error"),
], ids=["lock timeout", "serialization", "integrity", "sqlite", "other"])
def test_a_server_error_that_is_no_lost_connection_is_not_run_again(error):
    middleware, calls = _middleware(500, 302, error=error)
    response = _run(middleware, RequestFactory().post("/offers/1/submit/"))
    assert response.status_code == 500 and calls == [500]


@pytest.mark.parametrize("error", [_lost(), _lost(pgcode="57P01"), _lost(pgcode="08006")],
                         ids=["closed", "terminated", "connection failure"])
def test_every_form_of_a_lost_connection_is_recognised(error):
    middleware, calls = _middleware(500, 302, error=error)
    assert _run(middleware, RequestFactory().post("/offers/1/submit/")).status_code == 302


def test_an_answer_that_is_not_a_server_error_is_never_run_again():
    middleware, calls = _middleware(409, 302)
    assert _run(middleware, RequestFactory().post("/offers/1/other/")).status_code == 409 and calls == [409]


def test_a_request_with_uploaded_files_is_not_run_again():
    middleware, calls = _middleware(500, 302)
    upload = SimpleUploadedFile("statut.pdf", b"%PDF-1.4 statut", content_type="application/pdf")
    response = _run(middleware, RequestFactory().post("/offers/1/attachments/", {"file": upload}))
    assert response.status_code == 500 and calls == [500]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_submission_whose_connection_is_killed_mid_way_is_accepted_once(reference_call):
    require_postgres()
    member = MembershipFactory(organisation__legal_form="association")
    offer = make_offer(call=reference_call, organisation=member.organisation, user=member.user)
    client = Client(raise_request_exception=False)  # the first run's error is logged, not raised
    client.force_login(member.user)
    original, kills = OfferEvent.objects.create, []

    def kill_once_then_continue(*args, **kwargs):
        """The first run has written the version row; now the server drops its connection."""
        if not kills:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                pid = cursor.fetchone()[0]
            s = connection.settings_dict
            other = psycopg2.connect(dbname=s["NAME"], user=s["USER"], password=s["PASSWORD"] or None,
                                     host=s["HOST"] or None, port=s["PORT"] or None)
            other.autocommit = True
            with other.cursor() as cursor:
                cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
            other.close()
            kills.append(pid)
        return original(*args, **kwargs)

    with mock.patch.object(OfferEvent.objects, "create", side_effect=kill_once_then_continue):
        response = client.post(reverse("offers:offer_submit", kwargs={"pk": offer.pk}))

    assert kills, "the connection was never killed: the test proves nothing"
    assert response.status_code == 302
    offer = Offer.objects.get(pk=offer.pk)
    assert offer.state == Offer.State.SUBMITTED
    assert OfferVersion.objects.filter(offer=offer).count() == 1
