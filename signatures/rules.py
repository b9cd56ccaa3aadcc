"""Rules of signed confirmations, as pure functions (no ORM, no cryptography).

What the verification found (`signatures.verify`) is plain data: each signature's signer, its
certificate's checks and its signing time. Here: what each problem is called in Polish, whose
name a certificate carries, who of the persons named in the offer signed, whether the way
they represent the offeror is satisfied (alone, or e.g. "dwie osoby łącznie"), and whether
the signing came before the deadline.
"""
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

WARSAW = ZoneInfo("Europe/Warsaw")

# Problems of a file or of one signature in it (codes kept in the result JSON; words here).
NOT_SIGNATURE = "not_signature"
TOO_LARGE = "too_large"
TAMPERED = "tampered"
OTHER_VERSION = "other_version"
NOT_THIS_CONFIRMATION = "not_this_confirmation"
EXPIRED = "expired"
NOT_YET_VALID = "not_yet_valid"
REVOKED = "revoked"
UNKNOWN_AUTHORITY = "unknown_authority"
BAD_CERTIFICATE = "bad_certificate"
NOT_REPRESENTATIVE = "not_representative"
LATE = "late"

MESSAGES = {
    NOT_SIGNATURE: gettext_lazy("The file is not an electronic signature: upload the confirmation signed as a PDF "
                                "(PAdES) or the XML signature file (XAdES) made by the signing tool or the trusted "
                                "profile."),
    TOO_LARGE: gettext_lazy("The file is larger than %(limit)s MB."),
    TAMPERED: gettext_lazy("The signature does not match the signed content: the file was changed after signing."),
    OTHER_VERSION: gettext_lazy("The signature covers the confirmation of version %(other)s, not of version "
                                "%(version)s: sign the confirmation of the current version."),
    NOT_THIS_CONFIRMATION: gettext_lazy("The signed document is not the confirmation of version %(version)s as the "
                                        "portal issued it (control sum %(checksum)s): download the confirmation again "
                                        "and sign it without changing it."),
    EXPIRED: gettext_lazy("The certificate of %(name)s had expired when the signature was made."),
    NOT_YET_VALID: gettext_lazy("The certificate of %(name)s was not yet valid when the signature was made."),
    REVOKED: gettext_lazy("The certificate of %(name)s has been revoked."),
    UNKNOWN_AUTHORITY: gettext_lazy("The certificate of %(name)s was not issued by a trusted authority (a qualified "
                                    "trust service or the trusted profile)."),
    BAD_CERTIFICATE: gettext_lazy("The certificate of %(name)s could not be verified."),
    NOT_REPRESENTATIVE: gettext_lazy("%(name)s is not among the persons authorised to represent named in the offer."),
    LATE: gettext_lazy("%(name)s signed on %(at)s, after the confirmation deadline of %(deadline)s."),
}


def message(code: str, **params) -> str:
    return str(MESSAGES[code]) % params if params else str(MESSAGES[code])


def moment(value: datetime) -> str:
    return value.astimezone(WARSAW).strftime("%d.%m.%Y %H:%M:%S")


# --- names ------------------------------------------------------------------------------------

_LETTERS = str.maketrans({"ł": "l", "Ł": "l", "đ": "d", "ø": "o", "ß": "ss"})
_SEPARATOR = re.compile(r"\s+[–—-]\s+|,|\(|;")


def name_tokens(name: str) -> frozenset[str]:
    """A name as a set of words: case, diacritics and the order of given and family names ignored."""
    text = unicodedata.normalize("NFKD", (name or "").translate(_LETTERS))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return frozenset(word for word in re.split(r"[^a-z0-9]+", text) if word)


def same_person(a: str, b: str) -> bool:
    """Both names have a given and a family name, and one holds all the words of the other
    (a certificate may carry a second given name the offer leaves out)."""
    x, y = name_tokens(a), name_tokens(b)
    return len(x) >= 2 and len(y) >= 2 and (x <= y or y <= x)


def certificate_name(subject: dict[str, str]) -> str:
    """The signer's name from the certificate subject: given name and surname, else the common name."""
    given, surname = (subject.get("given_name") or "").strip(), (subject.get("surname") or "").strip()
    if given and surname:
        return f"{given} {surname}"
    return (subject.get("common_name") or "").strip()


# --- who represents an offeror ----------------------------------------------------------------

_MODE_WORDS = ("łącznie", "lacznie", "samodzielnie", "jednoosobowo", "sposób reprezentacji", "sposob reprezentacji")
_COUNTS = {"jedn": 1, "dw": 2, "trz": 3, "czter": 4, "pięc": 5, "piec": 5}


def _mode_count(line: str) -> int | None:
    lower = line.casefold()
    if not any(word in lower for word in _MODE_WORDS):
        return None
    if "samodzielnie" in lower or "jednoosobowo" in lower:
        return 1
    digits = re.search(r"\b(\d+)\b", lower)
    if digits:
        return int(digits.group(1))
    for stem, count in _COUNTS.items():
        if re.search(rf"\b{stem}\w*\s+(osob|członk|czlonk)", lower):
            return count
    return None


@dataclass(frozen=True)
class Representation:
    """The persons an offeror names and how many of them must sign together."""

    offeror: str
    persons: list[str]
    required: int


def representation(offeror: str, lines: list[str]) -> Representation:
    """From the offer's lines "Anna Kowalska – prezes": the persons; a line stating the way of
    representation ("Sposób reprezentacji: dwie osoby łącznie", "każdy członek zarządu
    samodzielnie") sets how many must sign. Without one, every person named signs."""
    persons, required = [], None
    for line in lines:
        count = _mode_count(line)
        if count is not None:
            required = count
            continue
        name = _SEPARATOR.split(line.strip(), maxsplit=1)[0].strip()
        if name:
            persons.append(name)
    needed = len(persons) if required is None else min(required, len(persons))
    return Representation(offeror=offeror, persons=persons, required=max(needed, 1 if persons else 0))


@dataclass(frozen=True)
class Signature:
    """A valid, trusted signature over the right version: who and when."""

    name: str
    signed_at: datetime


@dataclass
class OfferorSigned:
    offeror: str
    required: int
    signed: list[str] = field(default_factory=list)  # persons named in the offer, as the offer names them
    missing: list[str] = field(default_factory=list)
    complete_at: datetime | None = None  # the moment the last needed signature was made

    @property
    def complete(self) -> bool:
        return self.complete_at is not None


def offeror_signed(rep: Representation, signatures: list[Signature]) -> OfferorSigned:
    """Who of the offeror's persons signed (earliest signature each), and when enough of them had."""
    first: dict[str, datetime] = {}
    for sig in signatures:
        for person in rep.persons:
            if same_person(person, sig.name) and (person not in first or sig.signed_at < first[person]):
                first[person] = sig.signed_at
    signed = [p for p in rep.persons if p in first]
    out = OfferorSigned(offeror=rep.offeror, required=rep.required, signed=signed,
                        missing=[p for p in rep.persons if p not in first])
    if rep.required and len(signed) >= rep.required:
        out.complete_at = sorted(first[p] for p in signed)[rep.required - 1]
    return out


def strangers(reps: list[Representation], signatures: list[Signature]) -> list[str]:
    """Signers who are none of the persons any offeror names."""
    names = [p for rep in reps for p in rep.persons]
    return sorted({s.name for s in signatures if not any(same_person(p, s.name) for p in names)})


# --- the formal criterion ---------------------------------------------------------------------


@dataclass
class SignedStatus:
    """The electronic confirmation of one version: per offeror who signed and who is missing."""

    offerors: list[OfferorSigned]
    uploads: int  # files uploaded for the version (refused ones too)
    refused: int

    @property
    def complete_at(self) -> datetime | None:
        if not self.offerors or not all(o.complete for o in self.offerors):
            return None
        return max(o.complete_at for o in self.offerors)


def status_reason(status: SignedStatus, deadline: datetime) -> tuple[bool, str]:
    """Whether the signatures suffice by the deadline, and why, naming who signed and who is missing."""
    parts = []
    for o in status.offerors:
        signed = ", ".join(o.signed) or _("nobody")
        line = _("%(offeror)s: signed by %(signed)s") % {"offeror": o.offeror, "signed": signed}
        if not o.complete:
            line += "; " + (_("missing %(n)s of: %(missing)s") % {"n": o.required - len(o.signed),
                                                                  "missing": ", ".join(o.missing)})
        parts.append(line)
    text = "; ".join(parts) + "."
    complete_at = status.complete_at
    if complete_at is None:
        return False, _("Signed electronically, but not by all the persons needed to represent. %(who)s") % {
            "who": text}
    if complete_at > deadline:
        return False, _("Signed electronically on %(at)s, after the deadline of %(deadline)s. %(who)s") % {
            "at": moment(complete_at), "deadline": moment(deadline), "who": text}
    return True, _("Signed electronically by the persons authorised to represent on %(at)s (deadline "
                   "%(deadline)s), over the submitted version. %(who)s") % {
        "at": moment(complete_at), "deadline": moment(deadline), "who": text}


# --- judging a verified file ------------------------------------------------------------------


def judge(result: dict, reps: list[Representation], deadline: datetime) -> bool:
    """Mark each signature of a verified file (`signatures.verify`) with its problems and whether
    it counts for the offer; the file is accepted when at least one does. A late signature still
    counts as a signature (the formal check says it came late); every other problem refuses it."""
    names = [p for rep in reps for p in rep.persons]
    file_ok = bool(result["covers"]) and not result["errors"]
    accepted = False
    for sig in result["signatures"]:
        problems = [sig["problem"]] if sig.get("problem") else []
        if not any(same_person(p, sig["name"]) for p in names):
            problems.append(NOT_REPRESENTATIVE)
        if datetime.fromisoformat(sig["signed_at"]) > deadline:
            problems.append(LATE)
        sig["problems"] = problems
        sig["counts"] = file_ok and all(p == LATE for p in problems)
        accepted = accepted or sig["counts"]
    return accepted


def problems(result: dict, *, version: int, checksum: str, deadline: datetime) -> list[str]:
    """Every problem of a judged file, in words."""
    out = []
    for err in result["errors"]:
        params = {"version": version, "checksum": checksum, "other": result.get("other_version"), **err["params"]}
        out.append(message(err["code"], **params))
    for sig in result["signatures"]:
        for code in sig.get("problems", []):
            if code == TAMPERED and any(e["code"] == TAMPERED for e in result["errors"]):
                continue
            out.append(message(code, name=sig["name"] or sig["subject"], version=version, checksum=checksum,
                               at=moment(datetime.fromisoformat(sig["signed_at"])), deadline=moment(deadline)))
    return list(dict.fromkeys(out))
