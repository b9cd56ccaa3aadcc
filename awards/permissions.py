"""Who may see and change the ranking, the allocation and the authority's decision.

The clerks prepare (propose the allocation walk) and publish; the authority decides (amounts, the
order, corrections). Administrators may do both. Everybody else learns nothing: the views
answer 404, as the chair's screens do.
"""
from accounts.permissions import is_administrator, is_clerk, is_mayor


def can_view_decision(user) -> bool:
    """The ranking, the walk, the amounts and the history: clerks, the authority, administrators."""
    return is_clerk(user) or is_mayor(user) or is_administrator(user)


def can_propose(user) -> bool:
    """(Re)computing the proposed allocation is the clerks' preparation of the decision."""
    return is_clerk(user)


def can_publish(user) -> bool:
    """Publishing the results (BIP, the notice board, the website) is a clerk's task."""
    return is_clerk(user)


def can_decide(user) -> bool:
    """Amounts, the decision and its corrections are the authority's alone (and the administrators')."""
    return is_mayor(user) or is_administrator(user)


def can_extend_negotiation(user, offer) -> bool:
    """Extending the deadline to answer a lower grant is a clerk's task (`offer`: per authority later)."""
    return is_clerk(user)
