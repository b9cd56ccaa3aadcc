"""Pure rules of accounts: the one form of an e-mail address used as a key, the client address
counted by the lock-out, and the limits of two-factor set-up links. No database here."""
import hashlib
import ipaddress
from datetime import datetime, timedelta

from django.utils.translation import gettext_lazy as _

# A set-up link for the second factor works this long after it is issued, once.
ENROLMENT_LINK_VALID_FOR = timedelta(hours=24)
# A user may ask for a new link at most this often, and at most this many times a day.
ENROLMENT_RESEND_INTERVAL = timedelta(minutes=5)
ENROLMENT_MAX_PER_DAY = 5

# Why a set-up link is refused (accounts.selectors.enrolment_link_refusal).
LINK_UNKNOWN = _("This set-up link is not valid for your account. Check that it was copied whole and that you are "
                 "logged in to the account it was sent to.")
LINK_PROBLEMS = {
    "used": _("This set-up link has already been used: a link works once. Ask for a new one below."),
    "revoked": _("A newer set-up link was issued after this one, and only the newest works. Use the newest one "
                 "or ask for a new one below."),
    "expired": _("This set-up link has expired: a link works for 24 hours. Ask for a new one below."),
}
ALREADY_SET_UP = _("The second factor of this account is already set up. To set up a new phone, ask an "
                   "administrator to remove the old device first.")


def token_hash(token: str) -> str:
    """What is stored of a set-up link's token: its SHA-256, never the token itself."""
    return hashlib.sha256(token.encode()).hexdigest()


def normalise_email(email: str | None) -> str:
    """The one form of an e-mail address wherever it is a key (login, lock-out, sign-up,
    password reset, invitations): surrounding spaces removed, lower case throughout.
    Mailbox names are case-insensitive at every provider an office deals with, so
    "Kolo@Demo.local" and "kolo@demo.local" are one person."""
    return (email or "").strip().lower()


def email_collisions(emails) -> dict[str, list[str]]:
    """The addresses that become one after normalising: {normalised: [the originals]}."""
    groups: dict[str, list[str]] = {}
    for email in emails:
        groups.setdefault(normalise_email(email), []).append(email)
    return {key: sorted(originals) for key, originals in groups.items() if len(originals) > 1}


def _valid_address(value: str) -> str | None:
    value = (value or "").strip()
    if value.startswith("[") and "]" in value:  # [IPv6]:port
        value = value[1:value.index("]")]
    elif value.count(":") == 1:  # IPv4:port
        value = value.split(":")[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_address(*, remote_addr: str | None, forwarded_for: str | None, trusted_proxies: int) -> str | None:
    """The address of the person at the keyboard.

    With no trusted proxy (the default) it is the address of the TCP connection: whatever a
    client writes into X-Forwarded-For is ignored, so spoofing the header gains nothing.
    Behind `trusted_proxies` proxies, each of which appends the address it received the request
    from, the client is the `trusted_proxies`-th entry from the right: entries further left
    were written by the client and are not believed. A header shorter than that (a request that
    bypassed the proxies) or an entry that is not an address falls back to the connection."""
    remote = _valid_address(remote_addr or "") or remote_addr
    if trusted_proxies <= 0 or not forwarded_for:
        return remote
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    if len(hops) < trusted_proxies:
        return remote
    return _valid_address(hops[-trusted_proxies]) or remote


def enrolment_link_problem(*, issued_at: datetime, opened_at: datetime | None, revoked_at: datetime | None,
                           now: datetime) -> str | None:
    """Why a set-up link no longer works, as a key ("used", "revoked", "expired"), or None."""
    if opened_at is not None:
        return "used"
    if revoked_at is not None:
        return "revoked"
    if now >= issued_at + ENROLMENT_LINK_VALID_FOR:
        return "expired"
    return None


def enrolment_resend_wait(issued: list[datetime], *, now: datetime) -> timedelta | None:
    """How long a user must wait before another link is sent to them, or None if one may go
    now. `issued`: when the links of the last day were issued."""
    recent = [moment for moment in issued if moment > now - timedelta(days=1)]
    if not recent:
        return None
    if len(recent) >= ENROLMENT_MAX_PER_DAY:
        return min(recent) + timedelta(days=1) - now
    latest = max(recent)
    if now < latest + ENROLMENT_RESEND_INTERVAL:
        return latest + ENROLMENT_RESEND_INTERVAL - now
    return None
