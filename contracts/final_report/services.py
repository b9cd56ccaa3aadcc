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

from contracts.final_report import rules, selectors
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
def report_start(*, contract: Contract, by, now: datetime | None = None) -> FinalReport:
    now = now or _now()
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    report, _created = FinalReport.objects.get_or_create(
        contract=contract, defaults={"grant_received": contract.grant_total, "updated_at": now, "updated_by": by})
    if report.is_editable:
        _ensure_rows(report)
    return report


@transaction.atomic
def report_save(*, report: FinalReport, by, revision: int, execution: str, other_information: str,
                grant_received: Decimal, results: dict[int, tuple[Decimal | None, str]],
                costs: dict[int, tuple[Decimal | None, Decimal | None]], now: datetime | None = None) -> FinalReport:
    """Save what is typed, complete or not (checks come at submission)."""
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


def _money(value: Decimal) -> str:
    return str(Decimal(value).quantize(Decimal("0.01")))


def report_snapshot(report: FinalReport, *, submitted_at: datetime) -> dict:
    contract = report.contract
    call = contract.call
    results, costs = selectors.report_rows(report)
    money = selectors.report_settlement(report, costs)
    day = timezone.localtime(submitted_at).date()
    return {
        "contract": {"number": contract.number, "signed_on": contract.signed_on.isoformat(),
                     "start": contract.start_date.isoformat(), "end": contract.end_date.isoformat(),
                     "grant": _money(contract.grant_total), "report_due": contract.report_due.isoformat()},
        "title": contract.offer.title,
        "offer_number": contract.offer.number,
        "grantees": [contract.offer.organisation.name, *[p.organisation.name for p in contract.offer.partners.all()]],
        "authority": call.authority.name,
        "execution": report.execution,
        "other_information": report.other_information,
        "results": [
            {"action": r.result.action.code, "name": r.result.name, "unit": r.result.unit,
             "declared": str(r.result.value), "achieved": str(r.achieved),
             "deviation": str(rules.deviation(r.result.value, r.achieved)) if r.result.value else None,
             "flagged": rules.deviation_flagged(r.result.value, r.achieved, call.result_change_limit),
             "justification": r.justification}
            for r in results
        ],
        "costs": [
            {"action": c.cost.action.code, "name": c.cost.name, "kind": c.cost.kind,
             "planned_total": _money(c.cost.total), "planned_grant": _money(c.cost.grant),
             "actual_total": _money(c.actual_total), "actual_grant": _money(c.actual_grant),
             "overrun": _money(rules.item_overrun(rules.CostActual(c.cost.name, c.cost.total, c.cost.grant,
                                                                   c.actual_total, c.actual_grant),
                                                  call.cost_shift_limit))}
            for c in costs
        ],
        "settlement": {"received": _money(money.received), "used": _money(money.used),
                       "actual_total": _money(money.actual_total), "own": _money(money.own),
                       "unused": _money(money.unused), "overrun": _money(money.overrun),
                       "allowed_by_share": _money(money.allowed_by_share), "over_share": _money(money.over_share),
                       "to_return": _money(money.to_return), "max_share": str(money.max_share),
                       "tolerance": str(call.cost_shift_limit), "result_limit": str(call.result_change_limit)},
        "attachments": [{"name": a.original_name, "description": a.description, "sha256": a.sha256, "size": a.size}
                        for a in report.attachments.all()],
        "submitted_at": submitted_at.isoformat(),
        "late": rules.is_late(contract.report_due, day),
        "days_late": rules.days_late(contract.report_due, day),
    }


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
    data = report_snapshot(report, submitted_at=now)
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
           to_return=data["settlement"]["to_return"])
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
           version=version.number, sections=sorted(comments))
    if accept:
        title = _("Final report on contract %(number)s accepted") % {"number": contract.number}
        body = _("Grant to return: %(amount)s.") % {"amount": format_money(Decimal(version.data["settlement"]["to_return"]))}
    else:
        title = _("Final report on contract %(number)s returned for corrections") % {"number": contract.number}
        body = "\n".join(f"{SECTIONS[k]}: {v}" for k, v in comments.items())
    outbox.notify_offerors(contract.offer, kind=Message.Kind.REPORT_REVIEWED, object_key=f"report-review:{review.pk}",
                           title=title, body=body, url=contract.get_absolute_url())
    return review


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
                   sha256=attachment.sha256)
        except Exception:
            attachment.file.delete(save=False)
            raise
    return attachment
