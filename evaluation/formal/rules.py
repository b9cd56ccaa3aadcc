"""Rules of the formal check, as pure functions (no ORM).

Each automatic check answers one formal criterion from data and says why, so the clerk can
confirm or override it. Which check answers which criterion is data on the call
(`FormalCriterion.auto_check`); what a check means is here. Moments are compared as
aware datetimes, so the Warsaw wall clock and daylight-saving changes cannot shift a
deadline: 15:30:00 on the delivery day is on time, 15:30:01 is not.
"""
import re
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from signatures import rules as signature_rules

WARSAW = ZoneInfo("Europe/Warsaw")
HEX = re.compile(r"[0-9a-f]")


@dataclass(frozen=True)
class Check:
    value: bool | None  # None: the portal cannot know (the clerk answers)
    reason: str


@dataclass
class OfferFacts:
    """What the automatic checks look at."""

    submitted_at: datetime | None
    receipt_at: datetime | None  # the earliest receipt whose control sum matches the submitted version
    receipt_signed: bool | None
    mismatched_receipts: int
    offerors: list[tuple[str, str]]  # (name, legal form code)
    zone_count: int
    signed: signature_rules.SignedStatus | None = None  # the confirmation signed electronically, if uploaded


def _moment(value: datetime) -> str:
    return value.astimezone(WARSAW).strftime("%d.%m.%Y %H:%M:%S")


def normalise_checksum(text: str) -> str:
    """What a clerk types or scans from the paper: keep hex digits only, lower case.

    Accepts the whole sum in groups of four, or the printed entry code
    "<offer number>/<version>/<first 8 hex digits>" (only its last part is a sum).
    """
    text = (text or "").strip().lower()
    if "/" in text:
        text = text.rsplit("/", 1)[-1]
    return "".join(HEX.findall(text))


def checksum_matches(read: str, checksum: str) -> bool:
    """The whole sum must match; a short code must be at least 8 digits and a prefix of it."""
    digits = normalise_checksum(read)
    if len(digits) == len(checksum):
        return digits == checksum
    return len(digits) >= 8 and checksum.startswith(digits)


def submitted_on_time(submitted_at: datetime | None, deadline: datetime) -> Check:
    if submitted_at is None:
        return Check(False, _("The offer was not submitted."))
    if submitted_at <= deadline:
        return Check(True, _("Submitted %(at)s; the deadline was %(deadline)s.")
                     % {"at": _moment(submitted_at), "deadline": _moment(deadline)})
    return Check(False, _("Submitted %(at)s, after the deadline of %(deadline)s.")
                 % {"at": _moment(submitted_at), "deadline": _moment(deadline)})


def confirmation_on_time(facts: OfferFacts, deadline: datetime) -> Check:
    """The confirmation signed by the persons authorised to represent, by the delivery deadline:
    electronically (who signed, who is missing: `signatures.rules.status_reason`) or on paper
    (the date of receipt decides; the clerk checks the handwritten signatures). A complete
    electronic confirmation answers yes; an incomplete one says who is missing, next to the paper's answer."""
    if facts.signed is None:
        return _paper_confirmation(facts, deadline)
    value, reason = signature_rules.status_reason(facts.signed, deadline)
    if value or facts.receipt_at is None:
        return Check(value, reason)
    paper = _paper_confirmation(facts, deadline)
    return Check(paper.value, f"{paper.reason} {reason}")


def _paper_confirmation(facts: OfferFacts, deadline: datetime) -> Check:
    if facts.receipt_at is None:
        if facts.mismatched_receipts:
            return Check(False, _("The confirmation received carries a control sum that does not match the submitted "
                                  "version (%(n)s receipt(s)); no matching confirmation has been delivered.")
                         % {"n": facts.mismatched_receipts})
        return Check(False, _("No signed confirmation has been recorded (deadline %(deadline)s).")
                     % {"deadline": _moment(deadline)})
    if facts.receipt_at > deadline:
        return Check(False, _("The confirmation was received %(at)s, after the deadline of %(deadline)s.")
                     % {"at": _moment(facts.receipt_at), "deadline": _moment(deadline)})
    if facts.receipt_signed is False:
        return Check(False, _("The confirmation received %(at)s is not signed by the persons authorised to represent.")
                     % {"at": _moment(facts.receipt_at)})
    return Check(True, _("Received %(at)s with a matching control sum; the deadline was %(deadline)s. "
                         "Check the signatures against the persons authorised to represent.")
                 % {"at": _moment(facts.receipt_at), "deadline": _moment(deadline)})


def eligible_entity(offerors: list[tuple[str, str]], eligible: list[str], labels: dict[str, str]) -> Check:
    wrong = [(name, form) for name, form in offerors if form not in eligible]
    if wrong:
        return Check(False, _("Not eligible in this call: %(list)s.")
                     % {"list": "; ".join(f"{name} ({labels.get(form, form)})" for name, form in wrong)})
    return Check(True, _("Every offeror's legal form is eligible: %(list)s.")
                 % {"list": "; ".join(f"{name} ({labels.get(form, form)})" for name, form in offerors)})


def zones_covered(zone_count: int) -> Check:
    if zone_count >= 1:
        return Check(True, ngettext("The offer covers %(n)s urban zone of the revitalisation area.",
                                    "The offer covers %(n)s urban zones of the revitalisation area.", zone_count) % {
            "n": zone_count})
    return Check(False, _("The offer covers no urban zone of the revitalisation area."))


def sheet_result(answers: list[bool | None]) -> str | None:
    """Admitted when every criterion is answered yes; rejected when any is no; None while unanswered."""
    if any(a is None for a in answers):
        return None
    return "admitted" if all(answers) else "rejected"


def answer_reason_error(value: bool | None, auto_value: bool | None, reason: str) -> str | None:
    """A "no", or any departure from the computed answer, needs a reason: it is sent to the applicant."""
    if value is None:
        return _("Answer yes or no.")
    if not (reason or "").strip():
        if value is False:
            return _("Give the reason for “no”: the applicant receives it.")
        if auto_value is not None and value != auto_value:
            return _("Give the reason for overriding the computed answer.")
    return None


def can_close(sheet_states: list[str], *, four_eyes: bool) -> bool:
    done = {"approved"} if four_eyes else {"confirmed", "approved"}
    return all(state in done for state in sheet_states)
