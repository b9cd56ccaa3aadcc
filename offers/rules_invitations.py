"""Rules of invitations, as pure functions: a person invited to an organisation, and an
organisation invited to be the partner of a joint offer (issue 18, points 3 and 5).

What an invitation e-mail says is the portal's wording. The only thing in it that a user
typed is the organisation's name, and that is shown as data: in quotes, beside its NIP and
KRS as registered, with anything that looks like a web address broken so that no mail
client makes it a link (`mail_safe`). The inviter writes no message of their own.
"""
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Rate limits of invitations to an organisation (settings override them, see docs/security.md).
DEFAULT_PER_USER_PER_HOUR = 10
DEFAULT_PER_ORGANISATION_PER_DAY = 20

USER_LIMIT_REACHED = gettext_lazy(
    "You have sent %(count)s invitations in the last hour; the limit is %(limit)s per hour. "
    "Try again later: the address you typed is kept below."
)
ORGANISATION_LIMIT_REACHED = gettext_lazy(
    "%(count)s invitations were sent on behalf of this organisation in the last 24 hours; the limit is "
    "%(limit)s per day. Try again tomorrow: the address you typed is kept below."
)
PARTNER_LIMIT_REACHED = gettext_lazy(
    "You have invited %(count)s organisations as partners in the last hour; the limit is %(limit)s per hour. "
    "Try again later: the partners you typed are kept below."
)
PARTNER_INVITED = gettext_lazy(
    "Partner “%(name)s” has not accepted the invitation to this offer yet. The offer can be submitted "
    "once a member of that organisation accepts it, or after you remove the partner."
)
PARTNER_DECLINED = gettext_lazy(
    "Partner “%(name)s” declined to join this offer. Remove it from the offerors before submitting."
)
PARTNER_WITHOUT_MEMBERS = gettext_lazy(
    "“%(name)s” has no members in the portal, so nobody could accept the invitation. Only an "
    "organisation with at least one member can be invited as a partner; ask it to register its account first."
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


def partner_limit_error(*, invited_by_user_last_hour: int, new: int, limits: Limits) -> str | None:
    """Inviting `new` more organisations as partners must stay within the user's hourly limit."""
    if new and invited_by_user_last_hour + new > limits.per_user_per_hour:
        return PARTNER_LIMIT_REACHED % {"count": invited_by_user_last_hour, "limit": limits.per_user_per_hour}
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
        ids.append(_("NIP %(nip)s") % {"nip": nip})
    if krs:
        ids.append(_("KRS %(krs)s") % {"krs": krs})
    quoted = "„%s”" % mail_safe(name)
    return f"{quoted} ({', '.join(ids)})" if ids else quoted


def partner_problem(*, name: str, status: str) -> str | None:
    """What blocks the submission of a joint offer because of one partner (None: it accepted)."""
    if status == "invited":
        return PARTNER_INVITED % {"name": name}
    if status == "declined":
        return PARTNER_DECLINED % {"name": name}
    return None
