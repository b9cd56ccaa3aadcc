"""Final-report reminders: 14 and 3 days before the due day and the day after it, at 9:00 Warsaw
time, once each, to the grantee's members while the report is not submitted."""
from datetime import date, datetime, time, timedelta

import pytest

from contracts.final_report import services as services_final
from contracts.models import Contract
from notifications import rules, services
from notifications.models import Message
from tests_support.contracts import funded

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(reference_call, clerk, mayor):
    return funded(reference_call, clerk, mayor)


def nine(day: date, minutes: int = 5) -> datetime:
    return datetime.combine(day, time(9, minutes), tzinfo=rules.WARSAW)


def test_the_moments_keep_the_wall_clock_across_the_daylight_saving_change():
    due = date(2020, 4, 7)  # summer time since 29 March; 14 days before is winter time
    assert rules.report_reminder_moment(due, 14).utcoffset() == timedelta(hours=1)
    assert rules.report_reminder_moment(due, 3).utcoffset() == timedelta(hours=2)
    assert rules.report_reminder_moment(due, 14).hour == rules.report_reminder_moment(due, 3).hour == 9
    assert rules.report_reminder_moment(due, -1).date() == date(2020, 4, 8)


def test_each_reminder_once_then_overdue(world):
    contract = world.contract
    due = contract.report_due
    assert services.plan_reminders(now=nine(due - timedelta(days=15))) == 0
    for _round in range(2):  # a second pass creates nothing new
        services.plan_reminders(now=nine(due - timedelta(days=14)))
    rows = Message.objects.filter(object_key=f"contract:{contract.pk}")
    assert list(rows.values_list("kind", flat=True).distinct()) == ["report_14d"]
    assert rows.filter(user=world.grantee).count() == 1
    services.plan_reminders(now=nine(due - timedelta(days=3)))
    services.plan_reminders(now=nine(due + timedelta(days=1)))
    kinds = set(Message.objects.filter(object_key=f"contract:{contract.pk}").values_list("kind", flat=True))
    assert kinds == {"report_14d", "report_3d", "report_overdue"}


def test_a_submitted_report_gets_no_reminder_and_a_queued_one_is_cancelled(world):
    contract = world.contract
    services.plan_reminders(now=nine(contract.report_due - timedelta(days=3)))
    message = Message.objects.get(object_key=f"contract:{contract.pk}", user=world.grantee)
    assert services.still_applies(message)
    report = services_final.report_start(contract=contract, by=world.grantee)
    results = {r.pk: (r.value, "") for r in contract.results.all()}
    costs = {c.pk: (c.total, c.grant) for c in contract.costs.all()}
    report = services_final.report_save(report=report, by=world.grantee, revision=report.revision, execution="Zrobione.",
                                        other_information="", grant_received=contract.grant_total, results=results,
                                        costs=costs, statements=True, texts={"results_description": "Osiągnięte."},
                                        sources={"own_financial": sum(c.total - c.grant for c in contract.costs.all()),
                                                 "own_personal": 0, "own_in_kind": 0, "recipient_fees": 0})
    services_final.report_submit(report=report, by=world.grantee)
    assert not services.still_applies(message)
    services.plan_reminders(now=nine(contract.report_due + timedelta(days=1)))
    assert not Message.objects.filter(object_key=f"contract:{contract.pk}", kind="report_overdue").exists()


def test_a_user_who_left_the_organisation_is_not_reminded(world):
    contract = Contract.objects.get(pk=world.contract.pk)
    services.plan_reminders(now=nine(contract.report_due - timedelta(days=14)))
    message = Message.objects.get(object_key=f"contract:{contract.pk}", user=world.grantee)
    world.grantee.memberships.all().delete()
    assert not services.still_applies(message)
