"""Rules of the invitation of an organisation to be the partner of a joint offer (issue 18,
point 3), as pure functions. The invitation of a person to an organisation, the rate limits
and the quoting of a name in an e-mail are the organisations' (`organisations.rules`).
"""
from django.utils.translation import gettext_lazy

from organisations.rules import Limits

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


def partner_limit_error(*, invited_by_user_last_hour: int, new: int, limits: Limits) -> str | None:
    """Inviting `new` more organisations as partners must stay within the user's hourly limit."""
    if new and invited_by_user_last_hour + new > limits.per_user_per_hour:
        return PARTNER_LIMIT_REACHED % {"count": invited_by_user_last_hour, "limit": limits.per_user_per_hour}
    return None


def partner_problem(*, name: str, status: str) -> str | None:
    """What blocks the submission of a joint offer because of one partner (None: it accepted)."""
    if status == "invited":
        return PARTNER_INVITED % {"name": name}
    if status == "declined":
        return PARTNER_DECLINED % {"name": name}
    return None
