"""Reads of the formal check, prepared for the clerk's screens.

Views never query models directly. Every list here costs a fixed number of queries however
many offers the call has: the rows are built from prefetched data in Python.
"""
from collections import defaultdict, namedtuple
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from competition.models import Call
from evaluation.formal import rules
from evaluation.models import ConfirmationReceipt, CorrectionRequest, FormalAnswer, FormalEvent, FormalSheet
from offers.models import Offer, OfferPartner, OfferVersion
from offers.rules import section_label
from organisations.models import BankAccountChange, Organisation
from organisations.rules import bank_account_notice
from signatures import selectors as signed_selectors

# Offers the formal check looks at: drafts and withdrawn offers never reach it.
CHECKED_STATES = (Offer.State.SUBMITTED, Offer.State.RETURNED, Offer.State.ADMITTED, Offer.State.REJECTED)

NONE, ON_TIME, LATE, MISMATCH = "none", "on_time", "late", "mismatch"


@dataclass
class ReceiptRow:
    """One recorded paper confirmation, judged against the offer's current version."""

    receipt: ConfirmationReceipt
    matches: bool  # the paper's control sum is the current version's
    on_time: bool
    outdated: bool  # it matched the version submitted then, which a correction has since replaced


@dataclass
class ReceiptStatus:
    """The offer's confirmation in one word: none, on time, late, or mismatch (wrong paper only)."""

    status: str
    received_at: datetime | None
    signed: bool | None
    mismatches: int
    deadline: datetime


@dataclass
class OfferRow:
    offer: Offer
    offerors: list[Organisation]
    version: OfferVersion | None
    receipt: ReceiptStatus
    sheet: FormalSheet | None
    done: bool  # the sheet is confirmed (and approved, where the call asks for four eyes)
    correction: CorrectionRequest | None  # the open one, while the applicant corrects
    # when the lead offeror's bank account last changed, if after (or shortly before) submission
    bank_account_changed: datetime | None = None


@dataclass
class Overview:
    call: Call
    rows: list[OfferRow]
    counts: dict[str, int]
    still_open: list[OfferRow] = field(default_factory=list)
    can_close: bool = False


@dataclass
class SheetPage:
    call: Call
    row: OfferRow
    receipts: list[ReceiptRow]
    answers: list[FormalAnswer]
    corrections: list[CorrectionRequest]
    events: list[dict]
    signed: list[dict] = field(default_factory=list)  # confirmations signed electronically (signed_rows)


# The summary's rows: what `_status` reads of each model, as plain values.
_Offer = namedtuple("_Offer", "pk number state")
_Version = namedtuple("_Version", "number checksum")
_Correction = namedtuple("_Correction", "requested_at resubmitted_at deadline")
_Sheet = namedtuple("_Sheet", "state result")


class _Receipt(namedtuple("_Receipt", "pk received_at checksum_read matches signed voided_at")):
    @property
    def voided(self) -> bool:
        return self.voided_at is not None


# --- the call ------------------------------------------------------------------------------------


def call_get_for_formal_check(*, slug: str) -> Call:
    try:
        return Call.objects.prefetch_related("formal_criteria").get(slug=slug)
    except Call.DoesNotExist:
        raise Http404 from None


def _offers(call: Call) -> QuerySet:
    return (
        Offer.objects.filter(call=call, state__in=CHECKED_STATES)
        .select_related("organisation", "formal_sheet__confirmed_by", "formal_sheet__approved_by")
        .prefetch_related(
            Prefetch("partners", queryset=OfferPartner.objects.select_related("organisation")),
            # the lists show a version's number, sum and time; its snapshot (tens of kB each) is never read
            Prefetch("versions", queryset=OfferVersion.objects.defer("data")),
            Prefetch("receipts", queryset=ConfirmationReceipt.objects.select_related("version", "recorded_by", "voided_by")
                     .defer("version__data")),
            Prefetch("corrections", queryset=CorrectionRequest.objects.select_related("requested_by")),
        )
        .annotate(bank_account_changed_at=Subquery(  # in the same query: the lists stay flat
            BankAccountChange.objects.filter(organisation_id=OuterRef("organisation_id"))
            .order_by("-at").values("at")[:1]))
        .order_by("number", "pk")
    )


# --- rows --------------------------------------------------------------------------------------


def _sheet_of(offer: Offer) -> FormalSheet | None:
    try:
        return offer.formal_sheet
    except FormalSheet.DoesNotExist:
        return None


def confirmation_deadline(call: Call, corrections: list[CorrectionRequest]) -> datetime:
    """The call's delivery deadline, or the correction's when a corrected offer came back later
    (the same choice as `services.compute_check`)."""
    done = [c for c in corrections if c.resubmitted_at is not None]
    if not done:
        return call.confirmation_deadline
    latest = max(done, key=lambda c: c.requested_at)
    return max(call.confirmation_deadline, latest.deadline)


def _receipt_rows(receipts, version: OfferVersion | None, deadline: datetime) -> list[ReceiptRow]:
    rows = []
    for receipt in sorted(receipts, key=lambda r: (r.received_at, r.pk)):
        matches = bool(version) and rules.checksum_matches(receipt.checksum_read, version.checksum)
        rows.append(ReceiptRow(receipt=receipt, matches=matches, on_time=receipt.received_at <= deadline,
                               outdated=receipt.matches and not matches))
    return rows


def _receipt_status(receipts: list[ReceiptRow], deadline: datetime) -> ReceiptStatus:
    receipts = [r for r in receipts if not r.receipt.voided]  # a voided entry is shown, struck, and not counted
    matching = [r for r in receipts if r.matches]
    mismatches = len(receipts) - len(matching)
    if not matching:
        status = MISMATCH if mismatches else NONE
        return ReceiptStatus(status, None, None, mismatches, deadline)
    first = matching[0].receipt
    return ReceiptStatus(ON_TIME if first.received_at <= deadline else LATE, first.received_at, first.signed,
                         mismatches, deadline)


def _status(call: Call, offer, *, versions, corrections, receipts, sheet) -> tuple[OfferRow, list[ReceiptRow]]:
    """The row without its offerors and bank-account notice: what the counters need. Takes the
    offer's versions, corrections, receipts and sheet as models or as `_light` rows."""
    version = max(versions, key=lambda v: v.number, default=None)
    corrections = sorted(corrections, key=lambda c: c.requested_at, reverse=True)
    deadline = confirmation_deadline(call, corrections)
    receipt_rows = _receipt_rows(receipts, version, deadline)
    row = OfferRow(
        offer=offer,
        offerors=[],
        version=version,
        receipt=_receipt_status(receipt_rows, deadline),
        sheet=sheet,
        done=bool(sheet) and rules.can_close([sheet.state], four_eyes=call.four_eyes),
        correction=next((c for c in corrections if c.resubmitted_at is None), None)
        if offer.state == Offer.State.RETURNED else None,
    )
    return row, receipt_rows


def _row(call: Call, offer: Offer) -> tuple[OfferRow, list[ReceiptRow]]:
    row, receipts = _status(call, offer, versions=offer.versions.all(), corrections=offer.corrections.all(),
                            receipts=offer.receipts.all(), sheet=_sheet_of(offer))
    row.offerors = [offer.organisation, *[p.organisation for p in offer.partners.all()]]
    if bank_account_notice(offer.bank_account_changed_at, offer.submitted_at):
        row.bank_account_changed = offer.bank_account_changed_at
    return row, receipts


def _overview(call: Call, rows: list[OfferRow]) -> Overview:
    counts = {NONE: 0, ON_TIME: 0, LATE: 0, MISMATCH: 0, "offers": len(rows), "done": 0,
              "admitted": 0, "rejected": 0, "returned": 0}
    for row in rows:
        counts[row.receipt.status] += 1
        counts["done"] += row.done
        counts["returned"] += bool(row.sheet and row.sheet.state == FormalSheet.State.RETURNED)
        if row.sheet and row.sheet.result:
            counts[row.sheet.result] += 1
    still_open = [row for row in rows if not row.done]
    return Overview(call=call, rows=rows, counts=counts, still_open=still_open,
                    can_close=call.state == Call.State.FORMAL_CHECK and not still_open)


def formal_overview(call: Call) -> Overview:
    """Every offer the formal check looks at, with its confirmation and sheet, and the counters."""
    return _overview(call, [_row(call, offer)[0] for offer in _offers(call)])


def formal_summary(call: Call) -> Overview:
    """The counters and the offers still open, without the rows (the list pages them): the same
    rules as `formal_overview`, over plain tuples of only the columns they need (a model instance
    per offer, version and receipt cost a second at 1 000 offers)."""
    checked = {"offer__call": call, "offer__state__in": CHECKED_STATES}
    parts = {kind: defaultdict(list) for kind in ("versions", "corrections", "receipts")}
    for offer_id, *values in OfferVersion.objects.filter(**checked).values_list("offer_id", "number", "checksum"):
        parts["versions"][offer_id].append(_Version(*values))
    for offer_id, *values in CorrectionRequest.objects.filter(**checked).values_list(
            "offer_id", "requested_at", "resubmitted_at", "deadline"):
        parts["corrections"][offer_id].append(_Correction(*values))
    for offer_id, *values in ConfirmationReceipt.objects.filter(**checked).values_list(
            "offer_id", "pk", "received_at", "checksum_read", "matches", "signed", "voided_at"):
        parts["receipts"][offer_id].append(_Receipt(*values))
    sheets = {offer_id: _Sheet(state, result) for offer_id, state, result in
              FormalSheet.objects.filter(**checked).values_list("offer_id", "state", "result")}
    offers = Offer.objects.filter(call=call, state__in=CHECKED_STATES).order_by("number", "pk")
    rows = [_status(call, _Offer(pk, number, state), versions=parts["versions"][pk],
                    corrections=parts["corrections"][pk], receipts=parts["receipts"][pk], sheet=sheets.get(pk))[0]
            for pk, number, state in offers.values_list("pk", "number", "state")]
    overview = _overview(call, rows)
    overview.rows = []
    return overview


def formal_offer_list(call: Call) -> QuerySet:
    """The offers of the clerk's list, for filtering, sorting and paging (`formal_rows` fills a page)."""
    return Offer.objects.filter(call=call, state__in=CHECKED_STATES).only("pk")


def formal_rows(call: Call, offers: list[Offer]) -> list[OfferRow]:
    """The rows of one page of offers, in the page's order, in a fixed number of queries."""
    by_pk = {offer.pk: offer for offer in _offers(call).filter(pk__in=[o.pk for o in offers])}
    return [_row(call, by_pk[o.pk])[0] for o in offers if o.pk in by_pk]


def sheet_page(*, call: Call, offer_pk: int) -> SheetPage:
    """One offer of the call with its confirmations, its sheet and its history; 404 for another call's offer."""
    offer = _offers(call).filter(pk=offer_pk).first()
    if offer is None:
        raise Http404
    row, receipts = _row(call, offer)
    answers = []
    if row.sheet:
        answers = list(row.sheet.answers.select_related("criterion", "answered_by"))
    events = FormalEvent.objects.filter(offer=offer).select_related("by").order_by("-at", "-pk")
    return SheetPage(call=call, row=row, receipts=receipts, answers=answers,
                     corrections=sorted(offer.corrections.all(), key=lambda c: c.requested_at, reverse=True),
                     events=event_rows(events),
                     signed=signed_selectors.signed_rows(signed_selectors.signed_of_offer(offer)))


def receipt_to_void(page: SheetPage, pk: int) -> ConfirmationReceipt:
    """A receipt of the page's offer (404 for another offer's)."""
    row = next((r for r in page.receipts if r.receipt.pk == pk), None)
    if row is None:
        raise Http404
    return row.receipt


def receipt_get(page: SheetPage, pk: str | None) -> ReceiptRow | None:
    """The receipt just recorded (named in the address after saving), to show its result."""
    return next((r for r in page.receipts if str(r.receipt.pk) == (pk or "")), None)


# --- history -------------------------------------------------------------------------------------


def _shown(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def _moment(value: str) -> str:
    try:
        return timezone.localtime(datetime.fromisoformat(value)).strftime("%d.%m.%Y %H:%M")
    except (TypeError, ValueError):
        return str(value)


def _details(details: dict) -> list[tuple[str, str]]:
    """An event's details as (label, text), in a fixed order, leaving out internal ids."""
    results = dict(FormalSheet.Result.choices)
    shown = {
        "criterion": (_("Criterion"), _shown),
        "value": (_("Answer"), _shown),
        "auto_value": (_("Computed answer"), _shown),
        "reason": (_("Reason"), _shown),
        "read": (_("Control sum read"), _shown),
        "current_version": (_("Submitted version"), _shown),
        "matched_version": (_("The paper belongs to version"), lambda v: _shown(v) if v else _("none of this offer")),
        "result": (_("Result"), lambda v: str(results.get(v, v or "—"))),
        "sections": (_("Sections to correct"), lambda v: ", ".join(section_label(s) for s in v or [])),
        "defects": (_("Formal defects"), _shown),
        "deadline": (_("Correct by"), _moment),
        "offers": (_("Offers checked"), _shown),
        "admitted": (_("Admitted"), _shown),
        "rejected": (_("Rejected"), _shown),
    }
    return [(label, show(details[key])) for key, (label, show) in shown.items() if key in details]


def event_rows(events) -> list[dict]:
    return [{"event": e, "details": _details(e.details or {})} for e in events]


def formal_events(call: Call) -> list[dict]:
    """The whole audit of the call's formal check, newest first."""
    events = FormalEvent.objects.filter(call=call).select_related("by", "offer").order_by("-at", "-pk")
    return event_rows(events)
