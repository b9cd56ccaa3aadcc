"""A funded contract backdated so that its grant has left the budget, and its final report
accepted through the services: for the tests of control and returns."""
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from contracts.final_report import services as report_services
from contracts.models import Contract

SIGNED_DAYS_AGO = 90
TRANSFERRED_DAYS_AGO = 80


def backdated(contract: Contract) -> Contract:
    """The contract signed 90 days ago and its grant transferred in one tranche 80 days ago."""
    today = timezone.localdate()
    signed = today - timedelta(days=SIGNED_DAYS_AGO)
    payments = [{"due": (today - timedelta(days=TRANSFERRED_DAYS_AGO)).isoformat(), "amount": str(contract.grant_total)}]
    Contract.objects.filter(pk=contract.pk).update(signed_on=signed, spending_from=signed, payments=payments)
    return Contract.objects.get(pk=contract.pk)


def report_accepted(contract: Contract, grantee, clerk):
    """The final report: everything spent as planned, every result achieved, accepted."""
    report = report_services.report_start(contract=contract, by=grantee)
    report = report_services.report_save(
        report=report, by=grantee, revision=report.revision, execution="Zadanie wykonano zgodnie z harmonogramem.",
        other_information="", grant_received=contract.grant_total,
        results={r.pk: (r.value, "") for r in contract.results.all()},
        costs={c.pk: (c.total, c.grant) for c in contract.costs.all()}, statements=True,
        texts={"results_description": "Rezultaty osiągnięto w pełni.", "other_revenue": "Brak.",
               "recipient_fees_info": "Nie pobierano."},
        sources={"own_financial": sum((c.total - c.grant for c in contract.costs.all()), Decimal("0.00")),
                 "own_personal": Decimal("0.00"), "own_in_kind": Decimal("0.00"), "recipient_fees": Decimal("0.00")})
    report_services.report_submit(report=report, by=grantee)
    report_services.report_review(report=report, by=clerk, accept=True, comments={})
    return report


def ensure_interest_rates() -> None:
    """The rate table as its data migration loads it. A transactional test (a migration test, a
    browser test) empties every table when it ends, data migrations' rows included; the tests of
    interest need the table as an installation has it."""
    import importlib

    from django.apps import apps

    from controls.models import InterestRate

    if not InterestRate.objects.exists():
        importlib.import_module("controls.migrations.0002_interest_rates").load(apps, None)
