"""The organisation's page shows its history to its members (test client)."""
import re
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from organisations.models import Invitation
from organisations.tests.test_organisation_views import FORM, _invite, _urls
from tests_support.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def membership(db):
    return MembershipFactory()


def test_members_read_the_history_in_polish_with_who_and_warsaw_time(client, membership):
    membership.user.full_name = "Anna Kowalska"
    membership.user.save()
    client.force_login(membership.user)
    urls = _urls(membership.organisation.pk)
    assert client.post(urls["edit"], {**FORM, "name": "Nowa Nazwa",
                                      "bank_account": "PL04 3186 0913 9099 6030 8246 2819"}).status_code == 302

    body = " ".join(re.sub(r"<[^>]+>", "", client.get(urls["detail"]).content.decode()).split())
    assert "Historia organizacji" in body
    record = membership.organisation.history.first()
    assert record.history_user == membership.user
    when = timezone.localtime(record.history_date, timezone.get_fixed_timezone(0))
    warsaw = record.history_date.astimezone(ZoneInfo("Europe/Warsaw"))
    assert warsaw.strftime("%d.%m.%Y %H:%M") in body
    assert when.strftime("%H:%M") != warsaw.strftime("%H:%M")  # the page is not in UTC
    assert "Zmieniono dane organizacji" in body
    assert "Anna Kowalska" in body
    assert "Nazwa: Stowarzyszenie Testowe" in body and "→ Nowa Nazwa" in body
    assert ("Rachunek bankowy (IBAN): PL61 1090 1014 0000 0712 1981 2874 → PL04 3186 0913 9099 6030 8246 2819"
            in body)


def test_the_history_lists_invitations_and_new_members(client, membership, django_capture_on_commit_callbacks):
    _invite(client, membership, "kolega@example.org", django_capture_on_commit_callbacks)
    colleague = UserFactory(email="kolega@example.org", full_name="Jan Nowak")
    invitation = Invitation.objects.get(email="kolega@example.org")
    client.force_login(colleague)
    client.post(reverse("offers:invitation_accept", kwargs={"token": invitation.token}))

    body = client.get(_urls(membership.organisation.pk)["detail"]).content.decode()
    assert "Wysłano zaproszenie na adres kolega@example.org" in body
    assert "Przyjęto zaproszenie wysłane na adres kolega@example.org" in body
    assert "Do organizacji dołączyła osoba: Jan Nowak" in body
    assert invitation.token not in body


def test_the_history_reads_the_same_queries_for_few_and_many_changes(client, membership, django_assert_num_queries):
    client.force_login(membership.user)
    urls = _urls(membership.organisation.pk)

    def edits(names):
        for name in names:
            assert client.post(urls["edit"], {**FORM, "name": name}).status_code == 302
            MembershipFactory(organisation=membership.organisation)

    edits([f"Nazwa {k}" for k in range(3)])
    client.get(urls["detail"])
    with CaptureQueriesContext(connection) as few:
        assert client.get(urls["detail"]).status_code == 200
    count = len(few)  # read now: the next request resets the connection's query log
    edits([f"Nazwa {k}" for k in range(3, 30)])
    with django_assert_num_queries(count):
        body = client.get(urls["detail"]).content.decode()
    assert "Nazwa 29" in body
    print(f"organisation page: {count} queries with 3 and with 30 edits")  # shown with `pytest -s`
