from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from competition.models import Call
from evaluation.formal import services as formal_services
from notifications import rules, services
from notifications.models import Message
from offers import services as offer_services
from tests_support.factories import MembershipFactory
from tests_support.offers import make_offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(reference_call):
    member = MembershipFactory(organisation__legal_form="association")
    MembershipFactory(organisation=member.organisation)  # a colleague
    return make_offer(call=reference_call, organisation=member.organisation, user=member.user)


def _week_before(call):
    return rules.due_moment(call.submission_deadline, timedelta(days=7))


def test_members_of_organisations_with_a_draft_get_the_reminder_once(reference_call, draft):
    moment = _week_before(reference_call)
    assert services.plan_reminders(now=moment) == 2
    assert services.plan_reminders(now=moment + timedelta(minutes=1)) == 0  # beat again: nothing new
    assert Message.objects.filter(kind="submission_7d").count() == 2


def test_nothing_is_planned_before_the_moment(reference_call, draft):
    assert services.plan_reminders(now=_week_before(reference_call) - timedelta(seconds=1)) == 0


def test_submitted_and_withdrawn_offers_get_no_deadline_reminder(reference_call, draft):
    user = draft.organisation.memberships.first().user
    offer_services.offer_submit(offer=draft, by=user)
    assert services.plan_reminders(now=_week_before(reference_call)) == 0
    offer_services.offer_withdraw(offer=draft, by=user)
    assert services.plan_reminders(now=_week_before(reference_call)) == 0


def test_users_who_turned_reminders_off_get_none(reference_call, draft):
    for m in draft.organisation.memberships.all():
        m.user.reminders_enabled = False
        m.user.save()
    assert services.plan_reminders(now=_week_before(reference_call)) == 0


def test_a_reminder_that_no_longer_applies_is_cancelled_not_sent(reference_call, draft):
    moment = _week_before(reference_call)
    services.plan_reminders(now=moment)
    user = draft.organisation.memberships.first().user
    offer_services.offer_submit(offer=draft, by=user)
    counts = services.send_due(now=moment)
    assert counts == {"cancelled": 2}
    assert mail.outbox == []


def test_a_user_who_left_the_organisation_gets_nothing(reference_call, draft):
    moment = _week_before(reference_call)
    services.plan_reminders(now=moment)
    leaving = draft.organisation.memberships.last()
    leaving.delete()
    counts = services.send_due(now=moment)
    assert counts == {"sent": 1, "cancelled": 1}


def test_due_reminders_are_sent_once_however_many_passes(reference_call, draft):
    moment = _week_before(reference_call)
    services.plan_reminders(now=moment)
    assert services.send_due(now=moment) == {"sent": 2}
    assert services.send_due(now=moment + timedelta(hours=1)) == {}
    assert len(mail.outbox) == 2
    assert "19.12.2026" in mail.outbox[0].subject or reference_call.title[:20] in mail.outbox[0].subject


def test_a_failed_send_is_retried_with_backoff_then_given_up(reference_call, draft, settings):
    settings.EMAIL_BACKEND = "tests_support.mail.FailingBackend"
    now = _week_before(reference_call)
    services.plan_reminders(now=now)
    assert services.send_due(now=now) == {"pending": 2}
    message = Message.objects.first()
    assert message.attempts == 1 and "SMTP" in message.last_error
    assert message.next_attempt_at == now + rules.RETRY_BACKOFF[0]
    assert services.send_due(now=now) == {}  # not before the backoff
    for attempt in range(2, rules.MAX_ATTEMPTS + 1):
        now = Message.objects.get(pk=message.pk).next_attempt_at
        services.send_due(now=now)
    assert Message.objects.get(pk=message.pk).state == Message.State.FAILED


def test_a_message_claimed_by_a_dead_worker_is_sent_later(reference_call, draft):
    now = _week_before(reference_call)
    services.plan_reminders(now=now)
    services.claim(now=now)  # the worker dies here
    assert services.send_due(now=now) == {}
    assert services.send_due(now=now + rules.CLAIM_TIMEOUT) == {"sent": 2}


def test_confirmation_reminder_goes_to_offerors_without_a_recorded_confirmation(reference_call, clerk):
    member = MembershipFactory(organisation__legal_form="association")
    offer = make_offer(call=reference_call, organisation=member.organisation, user=member.user, submit=True)
    other = MembershipFactory(organisation__legal_form="foundation")
    delivered = make_offer(call=reference_call, organisation=other.organisation, user=other.user, submit=True)
    formal_services.receipt_record(offer=delivered, received_at=timezone.now(), received_by="sekretariat",
                                   checksum_read=delivered.versions.get().checksum, signed=True, by=clerk)
    moment = rules.due_moment(reference_call.confirmation_deadline, timedelta(days=1))
    services.plan_reminders(now=moment)
    assert list(Message.objects.filter(kind="confirmation_1d").values_list("email", flat=True)) == [member.user.email]
    assert offer.pk


def test_the_submitted_e_mail_carries_the_confirmation_pdf(reference_call, django_capture_on_commit_callbacks):
    member = MembershipFactory(organisation__legal_form="association")
    with django_capture_on_commit_callbacks(execute=True):
        offer = make_offer(call=reference_call, organisation=member.organisation, user=member.user, submit=True)
    message = Message.objects.get(kind="submitted")
    assert message.attachment == f"confirmation:{offer.pk}:1"
    services.send_due()
    sent = mail.outbox[0]
    name, content, mimetype = sent.attachments[0]
    assert mimetype == "application/pdf" and content.startswith(b"%PDF")
    assert offer.versions.get().short_checksum in sent.body


def test_legal_notices_are_sent_even_with_reminders_off(reference_call, django_capture_on_commit_callbacks):
    member = MembershipFactory(organisation__legal_form="association", user__reminders_enabled=False)
    with django_capture_on_commit_callbacks(execute=True):
        make_offer(call=reference_call, organisation=member.organisation, user=member.user, submit=True)
    assert Message.objects.filter(kind="submitted").count() == 1


def test_nothing_is_planned_for_a_closed_call(reference_call, draft, clerk):
    Call.objects.filter(pk=reference_call.pk).update(state=Call.State.SUBMISSION_CLOSED)
    assert services.plan_reminders(now=_week_before(reference_call)) == 0


def test_reminders_queued_before_turning_them_off_are_not_sent(reference_call, draft):
    moment = _week_before(reference_call)
    services.plan_reminders(now=moment)
    for m in draft.organisation.memberships.all():
        m.user.reminders_enabled = False
        m.user.save()
    assert services.send_due(now=moment) == {"cancelled": 2}


def test_a_pass_that_lost_its_claim_does_not_mark_the_row(reference_call, draft, monkeypatch):
    moment = _week_before(reference_call)
    services.plan_reminders(now=moment)
    ids = services.claim(now=moment)
    original = services.EmailMultiAlternatives.send

    def slow_send(self, *args, **kwargs):  # while this SMTP call hangs, another pass reclaims the row
        Message.objects.filter(pk=ids[0]).update(claimed_at=moment + rules.CLAIM_TIMEOUT)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(services.EmailMultiAlternatives, "send", slow_send)
    services.send_one(ids[0], now=moment)
    assert Message.objects.get(pk=ids[0]).state == Message.State.SENDING  # left to the pass that owns it


def test_e_mails_have_a_text_and_an_html_version_in_polish(reference_call, draft):
    moment = _week_before(reference_call)
    services.plan_reminders(now=moment)
    services.send_due(now=moment)
    sent = mail.outbox[0]
    html, mimetype = sent.alternatives[0]
    assert mimetype == "text/html" and '<html lang="pl">' in html
    assert "Dzień dobry" in sent.body and "Przypomnienie" in sent.subject
    assert f"/offers/{draft.pk}/" in sent.body and f"/offers/{draft.pk}/" in html
