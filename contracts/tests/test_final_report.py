"""The final report through the services: submission checks, versions, lateness, the review."""
from datetime import datetime, time, timedelta
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from notifications.models import Message
from contracts.final_report import services as services_final
from contracts.final_report.models import FinalReport
from tests_support.contracts import funded

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(reference_call, clerk, mayor):
    return funded(reference_call, clerk, mayor)


def fill(report, by, *, short=None, justification="", spend=D("1"), received=None):
    contract = report.contract
    results = {}
    for r in contract.results.all():
        achieved = r.value * (1 - short) if short and r == contract.results.first() else r.value
        results[r.pk] = (achieved, justification if short and r == contract.results.first() else "")
    costs = {c.pk: ((c.total * spend).quantize(D("0.01")), (c.grant * spend).quantize(D("0.01")))
             for c in contract.costs.all()}
    own = sum((total - grant for total, grant in costs.values()), D("0.00"))
    return services_final.report_save(report=report, by=by, revision=report.revision, execution="Zrobione.",
                                      other_information="", grant_received=received or contract.grant_total,
                                      results=results, costs=costs, statements=True,
                                      texts={"results_description": "Rezultaty osiągnięte."},
                                      sources={"own_financial": own, "own_personal": D("0"), "own_in_kind": D("0"),
                                               "recipient_fees": D("0")})


def at(day, hour=12):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def test_an_empty_report_cannot_be_submitted(world):
    report = services_final.report_start(contract=world.contract, by=world.grantee)
    with pytest.raises(ValidationError) as exc:
        services_final.report_submit(report=report, by=world.grantee)
    assert len(exc.value.messages) >= 3
    assert FinalReport.objects.get(pk=report.pk).state == "draft"


def test_a_result_15_percent_short_needs_a_justification(world):
    report = services_final.report_start(contract=world.contract, by=world.grantee)
    report = fill(report, world.grantee, short=D("0.15"))
    with pytest.raises(ValidationError) as exc:
        services_final.report_submit(report=report, by=world.grantee)
    assert len(exc.value.messages) == 1
    report = fill(FinalReport.objects.get(pk=report.pk), world.grantee, short=D("0.15"), justification="Grypa.")
    version = services_final.report_submit(report=report, by=world.grantee)
    flagged = [r for r in version.data["results"] if r["flagged"]]
    assert len(flagged) == 1 and D(flagged[0]["deviation"]) == D("-0.15")


def test_unspent_grant_is_to_be_returned(world):
    report = services_final.report_start(contract=world.contract, by=world.grantee)
    report = fill(report, world.grantee, spend=D("0.9"))
    version = services_final.report_submit(report=report, by=world.grantee)
    assert version.data["settlement"]["unused"] == "810.00"
    assert D(version.data["settlement"]["to_return"]) == D("810.00")


def test_lateness_is_recorded_with_the_version(world):
    contract = world.contract
    report = fill(services_final.report_start(contract=contract, by=world.grantee), world.grantee)
    version = services_final.report_submit(report=report, by=world.grantee,
                                           now=at(contract.report_due + timedelta(days=1)))
    assert version.late and version.data["days_late"] == 1


def test_on_the_due_day_the_report_is_on_time(world):
    contract = world.contract
    report = fill(services_final.report_start(contract=contract, by=world.grantee), world.grantee)
    version = services_final.report_submit(report=report, by=world.grantee, now=at(contract.report_due, 23))
    assert not version.late


def test_return_with_comments_then_accept_keeps_every_version(world, clerk):
    report = fill(services_final.report_start(contract=world.contract, by=world.grantee), world.grantee)
    services_final.report_submit(report=report, by=world.grantee)
    with pytest.raises(ValidationError):
        services_final.report_review(report=report, by=clerk, accept=False, comments={"results": "  "})
    services_final.report_review(report=report, by=clerk, accept=False, comments={"costs": "Brak faktury."})
    report = FinalReport.objects.get(pk=report.pk)
    assert report.state == "returned" and report.is_editable
    with pytest.raises(ValidationError):  # a returned report is not reviewed again before resubmission
        services_final.report_review(report=report, by=clerk, accept=True, comments={})
    report = fill(report, world.grantee, spend=D("0.99"))
    services_final.report_submit(report=report, by=world.grantee)
    services_final.report_review(report=report, by=clerk, accept=True, comments={})
    report = FinalReport.objects.get(pk=report.pk)
    assert report.state == "accepted" and not report.is_editable
    versions = list(report.versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[0].review.outcome == "returned" and versions[0].review.comments == {"costs": "Brak faktury."}
    assert versions[0].data["settlement"]["to_return"] == "0.00" and versions[1].data["settlement"]["to_return"] != "0.00"
    assert Message.objects.filter(kind="report_reviewed").count() == 2
    with pytest.raises(ValidationError):
        fill(report, world.grantee)


def test_a_stale_save_is_refused(world):
    report = services_final.report_start(contract=world.contract, by=world.grantee)
    fill(report, world.grantee)
    with pytest.raises(ValidationError, match="Ktoś inny zapisał"):
        fill(report, world.grantee)  # the same old revision
