from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from notifications.models import Message
from tests_support.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/manage/outbox/"


def _message(n: int, *, state=Message.State.SENT, **extra) -> Message:
    now = timezone.now()
    user = UserFactory()
    return Message.objects.create(kind=Message.Kind.SUBMISSION_1D, user=user, email=user.email,
                                  object_key=f"offer:{n}", due_at=now - timedelta(minutes=n), subject="Przypomnienie",
                                  body="Treść", state=state, next_attempt_at=now, **extra)


def test_the_url_is_named():
    assert reverse("notifications:outbox_list") == URL


@pytest.mark.parametrize(("role", "status"), [("clerk", 200), ("applicant", 403), ("outsider", 403),
                                               ("commission_member", 403), ("anonymous", 302)])
def test_only_clerks_see_the_outbox(as_role, role, status):
    response = as_role(role).get(URL)
    assert response.status_code == status
    if role == "anonymous":
        assert response.url.startswith(reverse("accounts:login"))


def test_the_log_shows_the_columns_and_highlights_failures_in_words(as_role):
    _message(1, sent_at=timezone.now(), attempts=1)
    _message(2, state=Message.State.FAILED, attempts=5, last_error="SMTPServerDisconnected('Connection closed')")
    body = as_role("clerk").get(URL).content.decode()
    assert "offer:1" in body and "offer:2" in body
    assert "SMTPServerDisconnected" in body
    assert body.count("table-danger") == 1
    assert str(Message.State.FAILED.label) in body


def test_filter_by_state(as_role):
    _message(1)
    _message(2, state=Message.State.FAILED)
    client = as_role("clerk")
    body = client.get(URL, {"state": "failed"}).content.decode()
    assert "offer:2" in body and "offer:1" not in body
    unknown = client.get(URL, {"state": "nonsense"}).content.decode()  # ignored: everything is shown
    assert "offer:1" in unknown and "offer:2" in unknown


def test_at_most_200_newest_are_shown(as_role):
    for n in range(1, 203):
        _message(n)
    response = as_role("clerk").get(URL)
    shown = response.context["outbox"]
    assert len(shown) == 200
    assert shown[0].object_key == "offer:1"  # the newest due first


def test_the_number_of_queries_does_not_grow_with_the_rows(as_role):
    client = as_role("clerk")
    _message(1)
    with CaptureQueriesContext(connection) as few:
        assert client.get(URL).status_code == 200
    for n in range(2, 30):
        _message(n, state=Message.State.FAILED if n % 3 else Message.State.PENDING)
    with CaptureQueriesContext(connection) as many:
        assert client.get(URL).status_code == 200
    assert len(many) == len(few)
