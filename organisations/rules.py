"""Identifiers and address data of an organisation, as pure functions (no ORM).

Each `*_error(value)` returns None when the value is right, or a message that names the
rule which failed (length, digits only, check digit, country), so the treasurer knows
what to look at on the registration certificate. Each `normalise_*(value)` returns the
form we store: digits only (NIP, REGON, KRS), "PL" + 26 digits (IBAN), "NN-NNN" (postal
code). An empty value is not checked here: whether a field is required is the form's
business (`organisation_errors` says which fields are).

The check digits are verified with python-stdnum (`stdnum.pl.nip`, `stdnum.pl.regon`,
`stdnum.iban`); the expected digit in the messages is computed from the same weights:
NIP 6,5,7,2,3,4,5,6,7 mod 11 (a remainder of 10 means no valid NIP starts with those
nine digits); REGON-9 8,9,2,3,4,5,6,7 mod 11 mod 10; REGON-14 2,4,8,5,0,9,7,3,6,1,2,4,8
mod 11 mod 10, and its first nine digits are the REGON of the parent entity with its own
check digit; IBAN ISO 13616 mod 97 = 1.
"""
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _
from stdnum import iban as std_iban
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.pl import nip as std_nip
from stdnum.pl import regon as std_regon

NIP_WEIGHTS = (6, 5, 7, 2, 3, 4, 5, 6, 7)
REGON9_WEIGHTS = (8, 9, 2, 3, 4, 5, 6, 7)
REGON14_WEIGHTS = (2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8)
POLISH_ACCOUNT_DIGITS = 26

_SEPARATORS = re.compile(r"[\s\-.]")
_POSTAL_CODE = re.compile(r"^(\d{2})-?(\d{3})$")

NIP_NOT_DIGITS = _("NIP may contain only digits (spaces and hyphens are ignored).")
NIP_LENGTH = _("NIP must have 10 digits; %(n)s given.")
NIP_CHECK_DIGIT = _(
    "The check digit of NIP %(value)s is wrong: with these first nine digits the last one should be %(expected)s. "
    "Check the number for a typo."
)
NIP_NO_CHECK_DIGIT = _(
    "The check digit of NIP %(value)s is wrong: no valid NIP begins with these nine digits. "
    "Check the number for a typo."
)
REGON_NOT_DIGITS = _("REGON may contain only digits (spaces and hyphens are ignored).")
REGON_LENGTH = _("REGON must have 9 or 14 digits; %(n)s given.")
REGON_CHECK_DIGIT = _(
    "The check digit of REGON %(value)s is wrong: the last digit should be %(expected)s. Check the number for a typo."
)
REGON_BASE_CHECK_DIGIT = _(
    "The check digit of the first nine digits of REGON %(value)s is wrong: the ninth digit should be %(expected)s. "
    "Check the number for a typo."
)
KRS_NOT_DIGITS = _("KRS number may contain only digits.")
KRS_LENGTH = _("KRS number must have 10 digits, with leading zeros (e.g. 0000123456); %(n)s given.")
IBAN_NOT_DIGITS = _("A bank account number may contain only digits after the country code PL.")
IBAN_COUNTRY = _("The bank account must be a Polish one (PL); the number starts with %(country)s.")
IBAN_LENGTH = _("A Polish bank account number has 26 digits (PL and 26 digits in IBAN form); %(n)s given.")
IBAN_CHECKSUM = _(
    "The check digits of the bank account number are wrong (the mod-97 checksum does not match). "
    "Check the number for a typo."
)
POSTAL_CODE_FORMAT = _("A postal code has the form NN-NNN, e.g. 17-200.")
REGISTER_MISSING = _("Give the KRS number, or the name of the other register and the number in it.")
OTHER_REGISTER_NUMBER_MISSING = _("Give the number in the other register.")
OTHER_REGISTER_NAME_MISSING = _("Give the name of the other register.")
REPRESENTATIVES_MISSING = _("Give at least one person authorised to represent the organisation.")


def _strip(value: str | None) -> str:
    return _SEPARATORS.sub("", value or "").upper()


def _weighted(digits: str, weights: tuple[int, ...]) -> int:
    return sum(w * int(d) for w, d in zip(weights, digits))


# --- NIP (tax identification number) -----------------------------------------------------


def normalise_nip(value: str | None) -> str:
    """'123-456-32-18' or 'PL1234563218' -> '1234563218'."""
    return std_nip.compact(value or "")


def nip_error(value: str | None) -> str | None:
    number = normalise_nip(value)
    if not number:
        return None
    if not number.isdigit():
        return str(NIP_NOT_DIGITS)
    if len(number) != 10:
        return NIP_LENGTH % {"n": len(number)}
    try:
        std_nip.validate(number)
    except StdnumError:
        expected = _weighted(number, NIP_WEIGHTS) % 11
        if expected == 10:
            return NIP_NO_CHECK_DIGIT % {"value": number}
        return NIP_CHECK_DIGIT % {"value": number, "expected": expected}
    return None


# --- REGON (statistical number) ----------------------------------------------------------


def normalise_regon(value: str | None) -> str:
    return std_regon.compact(value or "")


def _regon_digit(digits: str) -> str:
    weights = REGON9_WEIGHTS if len(digits) == 8 else REGON14_WEIGHTS
    return str(_weighted(digits, weights) % 11 % 10)


def regon_error(value: str | None) -> str | None:
    number = normalise_regon(value)
    if not number:
        return None
    if not number.isdigit():
        return str(REGON_NOT_DIGITS)
    if len(number) not in (9, 14):
        return REGON_LENGTH % {"n": len(number)}
    try:
        std_regon.validate(number)
    except StdnumError:
        # A 14-digit REGON of a local unit starts with the 9-digit REGON of its parent.
        if len(number) == 14 and number[8] != _regon_digit(number[:8]):
            return REGON_BASE_CHECK_DIGIT % {"value": number, "expected": _regon_digit(number[:8])}
        return REGON_CHECK_DIGIT % {"value": number, "expected": _regon_digit(number[:-1])}
    return None


# --- KRS (National Court Register) -------------------------------------------------------


def normalise_krs(value: str | None) -> str:
    return _strip(value)


def krs_error(value: str | None) -> str | None:
    """10 digits; the KRS number has no check digit, so a typo cannot be detected."""
    number = normalise_krs(value)
    if not number:
        return None
    if not number.isdigit():
        return str(KRS_NOT_DIGITS)
    if len(number) != 10:
        return KRS_LENGTH % {"n": len(number)}
    return None


# --- bank account (IBAN, Polish only) ----------------------------------------------------


def normalise_iban(value: str | None) -> str:
    """'61 1090 1014 …' or 'pl61 1090-1014 …' -> 'PL61109010140000071219812874'.

    26 digits alone are a Polish account number (NRB), which is the IBAN without "PL".
    """
    number = _strip(value)
    if number.isdigit() and len(number) == POLISH_ACCOUNT_DIGITS:
        return "PL" + number
    return number


def format_iban(value: str | None) -> str:
    """'PL61109010140000071219812874' -> 'PL61 1090 1014 0000 0712 1981 2874'."""
    number = normalise_iban(value)
    return std_iban.format(number) if number else ""


def iban_error(value: str | None) -> str | None:
    number = normalise_iban(value)
    if not number:
        return None
    country, rest = (number[:2], number[2:]) if number[:2].isalpha() else ("PL", number)
    if country != "PL":
        return IBAN_COUNTRY % {"country": country}
    if not rest.isdigit():
        return str(IBAN_NOT_DIGITS)
    if len(rest) != POLISH_ACCOUNT_DIGITS:
        return IBAN_LENGTH % {"n": len(rest)}
    try:
        std_iban.validate(country + rest)
    except StdnumError:
        return str(IBAN_CHECKSUM)
    return None


# --- postal code -------------------------------------------------------------------------


def normalise_postal_code(value: str | None) -> str:
    """'17200' or ' 17-200 ' -> '17-200'; anything else is returned stripped."""
    value = (value or "").strip()
    match = _POSTAL_CODE.match(value)
    return f"{match[1]}-{match[2]}" if match else value


def postal_code_error(value: str | None) -> str | None:
    value = normalise_postal_code(value)
    if value and not _POSTAL_CODE.match(value):
        return str(POSTAL_CODE_FORMAT)
    return None


# --- the register and the representatives ------------------------------------------------


def normalise_representatives(value: str | None) -> str:
    """One person per line, blank lines and surrounding spaces removed."""
    return "\n".join(line.strip() for line in (value or "").splitlines() if line.strip())


def register_errors(krs: str, other_register: str, other_register_number: str) -> dict[str, str]:
    """Offer form, section II: the number in KRS, or in another register with its name.

    Many eligible bodies (ordinary associations, church entities, rural women's circles)
    are not in KRS, so the other register is an equal alternative, but then both its name
    and the number are needed.
    """
    krs, name, number = (krs or "").strip(), (other_register or "").strip(), (other_register_number or "").strip()
    if name and not number:
        return {"other_register_number": str(OTHER_REGISTER_NUMBER_MISSING)}
    if number and not name:
        return {"other_register": str(OTHER_REGISTER_NAME_MISSING)}
    if not krs and not name:
        return {"krs": str(REGISTER_MISSING)}
    return {}


def representatives_error(value: str | None) -> str | None:
    if not normalise_representatives(value):
        return str(REPRESENTATIVES_MISSING)
    return None


NORMALISERS = {
    "krs": normalise_krs,
    "nip": normalise_nip,
    "regon": normalise_regon,
    "postal_code": normalise_postal_code,
    "bank_account": normalise_iban,
    "representatives": normalise_representatives,
}


def normalise_organisation(data: dict) -> dict:
    """A copy of `data` with the identifiers in their stored form and the texts stripped."""
    out = {}
    for name, value in data.items():
        if name in NORMALISERS:
            value = NORMALISERS[name](value)
        elif isinstance(value, str):
            value = value.strip()
        out[name] = value
    return out


IDENTIFIER_CHECKS = {
    "krs": krs_error,
    "nip": nip_error,
    "regon": regon_error,
    "postal_code": postal_code_error,
    "bank_account": iban_error,
    "representatives": representatives_error,
}


def organisation_errors(data: dict) -> dict[str, str]:
    """Every rule above applied to an organisation's data: {field: message}.

    The form shows these beside the fields; the services check them again, so an
    organisation written by any path satisfies the same rules.
    """
    errors = {}
    for field, check in IDENTIFIER_CHECKS.items():
        message = check(data.get(field, ""))
        if message:
            errors[field] = message
    for field, message in register_errors(
        data.get("krs", ""), data.get("other_register", ""), data.get("other_register_number", "")
    ).items():
        errors.setdefault(field, message)
    return errors


# --- changes of the bank account -------------------------------------------------------------

# A change of the lead offeror's bank account is shown to the clerk when it happened after the
# offer was submitted, or this many days before. The grant is paid to the account in the
# organisation's data when the contract is made, while the signed paper confirmation shows the
# account as it was at submission: a later change means the two differ; a change shortly before
# submission is how someone who took over a member's login would redirect a grant.
BANK_ACCOUNT_NOTICE_DAYS = 30


def mask_iban(value: str | None) -> str:
    """'PL61109010140000071219812874' -> 'PL** **** **** **** **** **** 2874': only the last
    four digits (and the country code) are shown, as in an e-mail that anyone may read."""
    number = normalise_iban(value)
    if not number:
        return ""
    head = number[:2] if number[:2].isalpha() else ""
    digits = number[len(head):]
    masked = head + "*" * max(len(digits) - 4, 0) + digits[-4:]
    return " ".join(masked[i:i + 4] for i in range(0, len(masked), 4))


def bank_account_notice(changed_at: datetime | None, submitted_at: datetime | None, *,
                        days: int = BANK_ACCOUNT_NOTICE_DAYS) -> bool:
    """The clerk is warned when the account changed after submission or `days` before it."""
    if changed_at is None or submitted_at is None:
        return False
    return changed_at >= submitted_at - timedelta(days=days)


# --- invitations of a person to an organisation (issue 18, point 5) --------------------------
# What an invitation e-mail says is the portal's wording. The only thing in it that a user typed
# is the organisation's name, and that is shown as data: in quotes, beside its NIP and KRS as
# registered, with anything that looks like a web address broken so that no mail client makes
# it a link (`mail_safe`). The inviter writes no message of their own.

# Rate limits of invitations to an organisation (settings override them, see docs/security.md).
DEFAULT_PER_USER_PER_HOUR = 10
DEFAULT_PER_ORGANISATION_PER_DAY = 20

USER_LIMIT_REACHED = _(
    "You have sent %(count)s invitations in the last hour; the limit is %(limit)s per hour. "
    "Try again later: the address you typed is kept below."
)
ORGANISATION_LIMIT_REACHED = _(
    "%(count)s invitations were sent on behalf of this organisation in the last 24 hours; the limit is "
    "%(limit)s per day. Try again tomorrow: the address you typed is kept below."
)

# A scheme, a "www." or a dotted host name ending in letters: what mail clients turn into links.
_LINKISH = re.compile(
    r"(?i)\b(?:[a-z][a-z0-9+.-]*://|www\.)\S*|\b(?:[a-z0-9-]+\.)+[a-z]{2,}(?:[/:?#]\S*)?\b"
)


@dataclass(frozen=True)
class Limits:
    per_user_per_hour: int = DEFAULT_PER_USER_PER_HOUR
    per_organisation_per_day: int = DEFAULT_PER_ORGANISATION_PER_DAY


def invitation_limit_error(*, sent_by_user_last_hour: int, sent_for_organisation_last_day: int,
                           limits: Limits) -> str | None:
    """Why one more invitation may not be sent now (None: it may). The user's own limit is
    named first: it is the one the person at the keyboard can wait out soonest."""
    if sent_by_user_last_hour >= limits.per_user_per_hour:
        return USER_LIMIT_REACHED % {"count": sent_by_user_last_hour, "limit": limits.per_user_per_hour}
    if sent_for_organisation_last_day >= limits.per_organisation_per_day:
        return ORGANISATION_LIMIT_REACHED % {"count": sent_for_organisation_last_day,
                                             "limit": limits.per_organisation_per_day}
    return None


def one_line(text: str, *, limit: int = 300) -> str:
    """Whitespace (line breaks too: a header has none) collapsed to single spaces, cut to `limit`."""
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def mail_safe(text: str, *, limit: int = 300) -> str:
    """`text` on one line with every link-like part defused: "://" becomes "[:]//" and each dot
    of it "[.]" (the usual way to quote an address without making it clickable)."""

    def defuse(match: re.Match) -> str:
        return match.group(0).replace("://", "[:]//").replace(".", "[.]")

    return _LINKISH.sub(defuse, one_line(text, limit=limit))


def organisation_as_registered(*, name: str, nip: str, krs: str) -> str:
    """The organisation as an e-mail names it: the quoted, defused name and its identifiers."""
    ids = []
    if nip:
        ids.append(gettext_now("NIP %(nip)s") % {"nip": nip})
    if krs:
        ids.append(gettext_now("KRS %(krs)s") % {"krs": krs})
    quoted = "„%s”" % mail_safe(name)
    return f"{quoted} ({', '.join(ids)})" if ids else quoted
