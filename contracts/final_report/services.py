"""Writes of the grantee's final report. Each function is one atomic, recorded change.

Flow: the grantee writes the report (`report_save`, as often as needed) → submits it
(`report_submit`: every rule checked, a `ReportVersion` frozen with its control sum, lateness
recorded) → a clerk accepts it or returns it with comments per section (`report_review`) → a
returned report is corrected and submitted again as the next version.
"""
import hashlib
import json
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from contracts.final_report import rules, selectors, snapshot
from contracts.final_report.models import (FinalReport, ReportAttachment, ReportCost, ReportResult, ReportReview,
                                          ReportVersion)
from contracts.final_report.rules import SECTIONS
from contracts.models import Contract, ContractEvent
from core.money import format_money
from notifications import services as outbox
from notifications.models import Message
from offers.attachments import check_upload


def _now() -> datetime:
    return timezone.now()


def _event(contract: Contract, kind: str, by, now: datetime, **details) -> None:
    ContractEvent.objects.create(contract=contract, kind=kind, by=by, at=now, details=details)


def _ensure_rows(report: FinalReport) -> None:
    """A row per result and cost item of the contract (items added by later changes too)."""
    contract = report.contract
    have = set(report.results.values_list("result_id", flat=True))
    ReportResult.objects.bulk_create(ReportResult(report=report, result=r) for r in contract.results.all()
                                     if r.pk not in have)
    have = set(report.costs.values_list("cost_id", flat=True))
    ReportCost.objects.bulk_create(ReportCost(report=report, cost=c) for c in contract.costs.all() if c.pk not in have)


@transaction.atomic
def report_start(*, contract: Contract, by, period: rules.Period | None = None,
                 now: datetime | None = None) -> FinalReport:
    """The report of a period (by default the final one), started with the grant received in it
    and the persons who sign as the offer names them."""
    now = now or _now()
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    period = period or selectors.period_get(contract, None)
    report, _created = FinalReport.objects.get_or_create(
        contract=contract, kind=period.kind, period_end=period.end,
        defaults={"period_start": period.start, "due": period.due,
                  "grant_received": selectors.received_in_period(contract, period),
                  "signatories": selectors.default_signatories(contract), "updated_at": now, "updated_by": by})
    if report.is_editable:
        _ensure_rows(report)
    return report


def _set_fields(report: FinalReport, texts: dict, sources: dict, statements: bool | None) -> None:
    for key, value in texts.items():
        if key in rules.TEXTS:
            setattr(report, key, value)
    for key, value in sources.items():
        if key in rules.SOURCES and key != "grant":
            setattr(report, key, value)
    if statements is not None:
        report.statements = statements


@transaction.atomic
def report_save(*, report: FinalReport, by, revision: int, execution: str, other_information: str,
                grant_received: Decimal, results: dict[int, tuple[Decimal | None, str]],
                costs: dict[int, tuple[Decimal | None, Decimal | None]], sources: dict | None = None,
                texts: dict | None = None, statements: bool | None = None,
                now: datetime | None = None) -> FinalReport:
    """Save what is typed, complete or not (checks come at submission): the texts (`texts`: the
    other fields of `TEXTS`), the rows, the sources other than the grant (`sources`: {key:
    amount or None}), whether the statements are made."""
    now = now or _now()
    report = FinalReport.objects.select_for_update().get(pk=report.pk)
    if not report.is_editable:
        raise ValidationError(_("The report is %(state)s; it cannot be changed now.")
                              % {"state": report.get_state_display()})
    if revision != report.revision:
        raise ValidationError(_("Somebody else saved the report while you were editing it. Your text is kept "
                                "below; compare it with the saved report before saving again."))
    if grant_received < 0:
        raise ValidationError(_("The grant received cannot be negative."))
    report.execution, report.other_information, report.grant_received = execution, other_information, grant_received
    _set_fields(report, texts or {}, sources or {}, statements)
    report.revision += 1
    report.updated_at, report.updated_by = now, by
    report._history_user = by
    report.save()
    for row in report.results.all():
        if row.result_id in results:
            row.achieved, row.justification = results[row.result_id]
            row.save(update_fields=["achieved", "justification"])
    for row in report.costs.all():
        if row.cost_id in costs:
            row.actual_total, row.actual_grant = costs[row.cost_id]
            row.save(update_fields=["actual_total", "actual_grant"])
    return report


@transaction.atomic
def report_submit(*, report: FinalReport, by, now: datetime | None = None) -> ReportVersion:
    now = now or _now()
    report = FinalReport.objects.select_for_update().select_related("contract__call", "contract__offer").get(
        pk=report.pk)
    if not report.is_editable:
        raise ValidationError(_("The report is %(state)s; it cannot be submitted now.")
                              % {"state": report.get_state_display()})
    _ensure_rows(report)
    problems = selectors.report_problems(report)
    if problems:
        raise ValidationError([message for _section, message in problems])
    data = snapshot.report_snapshot(report, submitted_at=now)
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
    version = ReportVersion.objects.create(
        report=report, number=report.versions.count() + 1, data=data, checksum=hashlib.sha256(canonical).hexdigest(),
        submitted_at=now, submitted_by=by, late=data["late"])
    report.state = FinalReport.State.SUBMITTED
    report.revision += 1
    report.updated_at, report.updated_by = now, by
    report._history_user = by
    report.save()
    _event(report.contract, ContractEvent.Kind.REPORT_SUBMITTED, by, now, version=version.number, late=version.late,
           to_return=data["settlement"]["to_return"], **_which(report))
    return version


@transaction.atomic
def report_review(*, report: FinalReport, by, accept: bool, comments: dict[str, str],
                  now: datetime | None = None) -> ReportReview:
    now = now or _now()
    report = FinalReport.objects.select_for_update().select_related("contract__offer").get(pk=report.pk)
    if report.state != FinalReport.State.SUBMITTED:
        raise ValidationError(_("Only a submitted report is reviewed; this one is %(state)s.")
                              % {"state": report.get_state_display()})
    comments = {k: v.strip() for k, v in comments.items() if k in SECTIONS and v and v.strip()}
    if not accept and not comments:
        raise ValidationError(_("Write at least one comment saying what the grantee must correct."))
    version = report.versions.order_by("-number").first()
    review = ReportReview.objects.create(version=version, by=by, at=now, comments=comments,
                                         outcome=ReportReview.Outcome.ACCEPTED if accept else ReportReview.Outcome.RETURNED)
    report.state = FinalReport.State.ACCEPTED if accept else FinalReport.State.RETURNED
    report.revision += 1
    report.updated_at, report.updated_by = now, by
    report._history_user = by
    report.save()
    contract = report.contract
    _event(contract, ContractEvent.Kind.REPORT_ACCEPTED if accept else ContractEvent.Kind.REPORT_RETURNED, by, now,
           version=version.number, sections=sorted(comments), **_which(report))
    values = {"number": contract.number, "report": rules.period_name(report.kind, report.period_end.year)}
    if accept:
        title = _("%(report)s on contract %(number)s accepted") % values
        body = _("Grant to return: %(amount)s.") % {"amount": format_money(Decimal(version.data["settlement"]["to_return"]))}
    else:
        title = _("%(report)s on contract %(number)s returned for corrections") % values
        body = "\n".join(f"{SECTIONS[k]}: {v}" for k, v in comments.items())
    outbox.notify_offerors(contract.offer, kind=Message.Kind.REPORT_REVIEWED, object_key=f"report-review:{review.pk}",
                           title=title, body=body, url=contract.get_absolute_url())
    return review


def _which(report: FinalReport) -> dict:
    """What the contract's history records of which report it was."""
    return {"report": report.kind, "period_end": report.period_end.isoformat()}


def _editable(report: FinalReport) -> FinalReport:
    locked = FinalReport.objects.select_for_update().get(pk=report.pk)
    if not locked.is_editable:
        raise ValidationError(_("The report is %(state)s; it cannot be changed now.")
                              % {"state": locked.get_state_display()})
    return locked


def report_attachment_add(*, report: FinalReport, upload, description: str, by,
                          now: datetime | None = None) -> ReportAttachment:
    """Check `upload` by content and size (the offer's rules: PDF or image, at most 10 MB) and
    store it under a random name while the report can be changed."""
    now = now or _now()
    checked = check_upload(upload)
    with transaction.atomic():
        locked = _editable(report)
        attachment = ReportAttachment(report=locked, original_name=checked.original_name,
                                      content_type=checked.kind.content_type, size=upload.size, sha256=checked.sha256,
                                      description=(description or "").strip()[:300], uploaded_by=by, uploaded_at=now)
        attachment.file.save(checked.stored_name, File(upload), save=False)
        try:
            attachment.save()
            _event(locked.contract, ContractEvent.Kind.REPORT_ATTACHMENT, by, now, name=attachment.original_name,
                   sha256=attachment.sha256, **_which(locked))
        except Exception:
            attachment.file.delete(save=False)
            raise
    return attachment
