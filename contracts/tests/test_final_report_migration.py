"""A database made by the release before the final report moved to contracts keeps every row.

The models moved from `reports` to `contracts` in the migration state only, their tables kept
(`contracts/0004_final_report`, `reports/0006_final_report`). The test migrates its database back
to the nodes before the move, writes a report, its history, a version, a review, an attachment
and a result and cost row through the models of that release (`reports.*` in the historical
state), migrates forward and finds every row through `contracts.*` with the same values.
Run on SQLite and on PostgreSQL (`DATABASE_URL=postgres://...`).
"""
from datetime import timedelta
from decimal import Decimal as D

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from contracts.final_report.models import (FinalReport, ReportAttachment, ReportCost, ReportResult, ReportReview,
                                          ReportVersion)
from tests_support.contracts import funded

BEFORE_THE_MOVE = [("reports", "0005_pdf_document_subject"), ("contracts", "0003_text_length_limits")]
MOVED = {"FinalReport": FinalReport, "HistoricalFinalReport": FinalReport.history.model,
         "ReportVersion": ReportVersion, "ReportReview": ReportReview, "ReportAttachment": ReportAttachment,
         "ReportResult": ReportResult, "ReportCost": ReportCost}


def _migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()  # what is applied changed
    return executor


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _write_with_the_old_models(apps, contract, grantee, clerk) -> None:
    now = timezone.now().replace(microsecond=0)
    report = apps.get_model("reports", "FinalReport").objects.create(
        contract_id=contract.pk, state="accepted", execution="Warsztaty odbyły się.", other_information="Brak.",
        grant_received=D("8100.00"), revision=4, updated_at=now, updated_by_id=clerk.pk)
    apps.get_model("reports", "HistoricalFinalReport").objects.create(
        id=report.pk, contract_id=contract.pk, state="submitted", execution="Warsztaty odbyły się.",
        other_information="", grant_received=D("8100.00"), revision=3, updated_at=now - timedelta(hours=1),
        updated_by_id=grantee.pk, history_date=now - timedelta(hours=1), history_type="~", history_user_id=grantee.pk)
    version = apps.get_model("reports", "ReportVersion").objects.create(
        report=report, number=1, data={"settlement": {"to_return": "0.00"}}, checksum="a" * 64,
        submitted_at=now - timedelta(hours=1), submitted_by_id=grantee.pk, late=True)
    apps.get_model("reports", "ReportReview").objects.create(
        version=version, outcome="accepted", comments={"costs": "Dobrze."}, by_id=clerk.pk, at=now)
    apps.get_model("reports", "ReportAttachment").objects.create(
        report=report, file="reports/2026/12/lista-obecnosci.pdf", original_name="lista obecności.pdf",
        content_type="application/pdf", size=1234, sha256="b" * 64, description="Lista obecności",
        uploaded_by_id=grantee.pk, uploaded_at=now - timedelta(hours=2))
    result = contract.results.first()
    apps.get_model("reports", "ReportResult").objects.create(report=report, result_id=result.pk, achieved=D("17.00"),
                                                             justification="Grypa.")
    cost = contract.costs.first()
    apps.get_model("reports", "ReportCost").objects.create(report=report, cost_id=cost.pk, actual_total=D("100.00"),
                                                           actual_grant=D("90.00"))


@pytest.mark.django_db(transaction=True)
def test_a_database_of_the_release_before_the_move_keeps_every_final_report_row(reference_call, clerk, mayor):
    world = funded(reference_call, clerk, mayor)
    latest = _latest()
    try:
        executor = _migrate(BEFORE_THE_MOVE)
        old = executor.loader.project_state(BEFORE_THE_MOVE).apps
        _write_with_the_old_models(old, world.contract, world.grantee, clerk)
        before = {name: list(old.get_model("reports", name).objects.order_by("pk").values()) for name in MOVED}
    finally:
        _migrate(latest)

    after = {name: list(model.objects.order_by("pk").values()) for name, model in MOVED.items()}
    # every column the old release had keeps its value (the new ones are the 2018 report model's)
    assert {name: [{k: row[k] for k in old_row} for row, old_row in zip(rows, before[name])]
            for name, rows in after.items()} == before
    assert all(len(rows) == 1 for rows in after.values())
    report = FinalReport.objects.get(contract=world.contract)
    c = world.contract
    # a report of the old release is the final one: the whole task, due when the contract says
    assert (report.kind, report.period_start, report.period_end, report.due) == (
        "final", c.start_date, c.end_date, c.report_due)
    assert (report.history.get().period_end, report.history.get().due) == (c.end_date, c.report_due)
    assert report.versions.get().review.comments == {"costs": "Dobrze."}
    assert report.attachments.get().file.name == "reports/2026/12/lista-obecnosci.pdf"
    assert [h.state for h in report.history.all()] == ["submitted"]
