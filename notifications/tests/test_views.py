from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from notifications.models import Message
from tests_support.factories import UserFactory, official_authorities

pytestmark = pytest.mark.django_db

URL = "/manage/outbox/"


def _message(n: int, *, state=Message.State.SENT, **extra) -> Message:
    """A message about the work of the authority the tests' clerks serve (the outbox shows a clerk
    only their authorities' messages)."""
    now = timezone.now()
    user = UserFactory()
    extra.setdefault("authority_id", official_authorities()[0].pk)
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


def test_the_log_is_paged_newest_due_first(as_role):
    for n in range(1, 31):
        _message(n)
    client = as_role("clerk")
    first = client.get(URL).context["listing"]
    assert [m.object_key for m in first.rows][:2] == ["offer:1", "offer:2"]  # the newest due first
    assert len(first.rows) == 25
    assert "Wyświetlono 1–25 z 30" in first.summary
    second = client.get(URL, {"page": "2"}).context["listing"]
    assert [m.object_key for m in second.rows] == [f"offer:{n}" for n in range(26, 31)]
    assert client.get(URL, {"page": "99"}).context["listing"].page.number == 2  # past the end: the last page


def test_search_kind_and_sort(as_role):
    _message(1)
    _message(2)
    Message.objects.filter(object_key="offer:1").update(email="ala@example.org")
    Message.objects.filter(object_key="offer:2").update(email="ola@example.org", kind=Message.Kind.SUBMISSION_7D)
    client = as_role("clerk")
    assert [m.object_key for m in client.get(URL, {"q": "ALA@"}).context["listing"].rows] == ["offer:1"]
    kind = client.get(URL, {"kind": Message.Kind.SUBMISSION_7D}).context["listing"].rows
    assert [m.object_key for m in kind] == ["offer:2"]
    oldest = client.get(URL, {"sort": "due"}).context["listing"].rows
    assert [m.object_key for m in oldest] == ["offer:2", "offer:1"]
    body = client.get(URL, {"sort": "due"}).content.decode()
    assert 'aria-sort="ascending"' in body


def test_bad_parameters_are_ignored_with_a_polish_message(as_role):
    _message(1)
    response = as_role("clerk").get(URL, {"kind": "nonsense", "sort": "password", "page": "x"})
    assert response.status_code == 200
    assert [m.object_key for m in response.context["listing"].rows] == ["offer:1"]
    assert "Wybierz poprawną wartość" in response.content.decode()


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
