"""The reminder to the clerks when a publication the Act requires is not recorded a day after the
document was made: planned once, idempotent, not sent once recorded, never for old documents."""
from datetime import timedelta

import pytest
from django.utils import timezone

from competition.models import Call
from competition.rules import WARSAW
from competition.services import publication as services
from notifications import services as outbox
from notifications.models import Message
from tests_support.factories import ClerkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(reference_call):
    Call.objects.filter(pk=reference_call.pk).update(published_at=timezone.now() - timedelta(hours=25))
    return Call.objects.get(pk=reference_call.pk)


def _reminders():
    return Message.objects.filter(kind=Message.Kind.PUBLICATION_MISSING)


def test_clerks_are_reminded_once_a_day_after_the_announcement(call, clerk):
    other = ClerkFactory()
    assert outbox.plan_reminders() >= 2
    rows = list(_reminders())
    assert {m.email for m in rows} == {clerk.email, other.email}
    assert all(m.object_key == f"call:{call.pk}:announcement:0" for m in rows)
    assert rows[0].due_at == call.published_at + timedelta(days=1)
    assert "publication" in rows[0].body and call.slug in rows[0].body
    outbox.plan_reminders()
    outbox.plan_reminders(now=timezone.now() + timedelta(hours=5))
    assert _reminders().count() == 2  # idempotent: the due moment is fixed


def test_no_reminder_before_a_day_has_passed(reference_call, clerk):
    outbox.plan_reminders()
    assert not _reminders().exists()


def test_no_reminder_when_everything_required_is_recorded(call, clerk):
    day = call.published_at.astimezone(WARSAW).date()
    services.publication_record(call=call, document="announcement:0", by=clerk, place="bip",
                                address="https://bip.example.org/a", published_from=day)
    services.publication_record(call=call, document="announcement:0", by=clerk, place="notice_board",
                                address="", published_from=day)
    outbox.plan_reminders()
    assert not _reminders().exists()


def test_a_reminder_recorded_meanwhile_is_not_sent(call, clerk):
    outbox.plan_reminders()
    message = _reminders().get()
    day = call.published_at.astimezone(WARSAW).date()
    assert outbox.still_applies(message)
    services.publication_record(call=call, document="announcement:0", by=clerk, place="bip",
                                address="https://bip.example.org/a", published_from=day)
    assert outbox.still_applies(message)  # the notice board is still missing
    services.publication_record(call=call, document="announcement:0", by=clerk, place="notice_board",
                                address="", published_from=day)
    assert not outbox.still_applies(message)


def test_no_reminder_for_an_old_document(call, clerk):
    outbox.plan_reminders(now=timezone.now() + timedelta(days=30))
    assert not _reminders().exists()
