"""Commission reminders: before the scoring deadline to members with work left, to the chair when all is in."""
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from competition.models import Call
from evaluation.merit import services as services_merit
from evaluation.models import ScoreSheet
from notifications import services
from notifications.models import Message
from tests_support.merit import declare_all, merit_call, score


@pytest.fixture
def mc(reference_call, clerk):
    return merit_call(reference_call, clerk)


@pytest.fixture
def deadline(mc):
    moment = (timezone.now() + timedelta(days=3, hours=1)).replace(microsecond=0)
    Call.objects.filter(pk=mc.call.pk).update(scoring_deadline=moment)
    return moment


def three_days_before(deadline):
    return deadline - timedelta(days=3) + timedelta(minutes=1)


def recipients(kind):
    return sorted(Message.objects.filter(kind=kind).values_list("email", flat=True))


def test_scoring_reminder_goes_only_to_members_with_work_left_and_only_once(mc, deadline):
    declare_all(mc)
    for offer in mc.offers:
        score(mc.chair, offer)
    score(mc.members[0], mc.offers[0])
    now = three_days_before(deadline)
    services.plan_reminders(now=now)
    services.plan_reminders(now=now + timedelta(minutes=1))
    # the chair is done; the expert owes declarations only (made); two members have sheets left
    assert recipients("scoring_3d") == sorted(m.user.email for m in mc.members)
    body = Message.objects.get(kind="scoring_3d", email=mc.members[0].user.email).body
    assert "2" in body  # two sheets left for the first member


def test_member_who_finished_before_sending_gets_nothing(mc, deadline):
    declare_all(mc)
    services.plan_reminders(now=three_days_before(deadline))
    for seat in mc.scorers:
        for offer in mc.offers:
            score(seat, offer)
    counts = services.send_due(now=three_days_before(deadline) + timedelta(minutes=1))
    sent_to = {m.to[0] for m in mail.outbox}
    assert not sent_to & {m.user.email for m in mc.scorers}
    assert counts.get(Message.State.CANCELLED) == 3


def test_undeclared_expert_is_reminded_too(mc, deadline):
    services.plan_reminders(now=three_days_before(deadline))
    assert mc.expert.user.email in recipients("scoring_3d")


def test_chair_is_told_once_when_everything_is_in_and_again_after_a_resubmission(mc):
    declare_all(mc)
    for seat in mc.scorers:
        for offer in mc.offers:
            score(seat, offer)
    services.plan_reminders()
    services.plan_reminders()
    assert recipients("commission_complete") == [mc.chair.user.email]
    sheet = ScoreSheet.objects.get(member=mc.members[0], offer=mc.offers[0])
    services_merit.sheet_reopen(sheet=sheet, by=mc.chair.user, reason="Poprawka")
    services.plan_reminders()
    assert Message.objects.filter(kind="commission_complete").count() == 1
    score(mc.members[0], mc.offers[0])
    services.plan_reminders()
    assert Message.objects.filter(kind="commission_complete").count() == 2


def test_nothing_after_the_stage_is_closed(mc, deadline):
    declare_all(mc)
    services.plan_reminders(now=three_days_before(deadline))
    services_merit.merit_close(call=mc.call, by=mc.chair.user, reason="Zamknięcie przed terminem")
    services.send_due(now=three_days_before(deadline) + timedelta(minutes=1))
    reminded = {m.email for m in Message.objects.filter(kind="scoring_3d")}
    assert reminded and not [m for m in mail.outbox if m.to[0] in reminded and "przypomnienie" in m.subject.lower()]
    assert not Message.objects.filter(kind="scoring_3d", state=Message.State.SENT).exists()
