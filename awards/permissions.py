"""Who may see and change the ranking, the allocation and the authority's decision of a call.

The clerks of the call's authority prepare (propose the allocation walk) and publish; its
deciding authority decides (amounts, the order, corrections). Administrators may do both.
Everybody else, another authority's officials included, learns nothing: the views answer 404,
as the chair's screens do.
"""
from accounts.permissions import CLERK, DECIDER, is_clerk, is_mayor, scoped
from authorities.permissions import is_clerk_of, is_decider_of, is_office_of


def can_view_decisions(user) -> bool:
    """The list of decisions: a clerk or the deciding authority of at least one authority."""
    return is_clerk(user) or is_mayor(user)


def decided_by_office_of(user, calls):
    """The calls of `calls` of the authorities where the user is a clerk or decides."""
    return scoped(calls, user, "authority_id", CLERK, DECIDER)


def can_view_decision(user, call) -> bool:
    """The ranking, the walk, the amounts and the history: the call's clerks and its deciding authority."""
    return is_office_of(user, call)


def can_propose(user, call) -> bool:
    """(Re)computing the proposed allocation is the clerks' preparation of the decision."""
    return is_clerk_of(user, call)


def can_publish(user, call) -> bool:
    """Publishing the results (BIP, the notice board, the website) is a clerk's task."""
    return is_clerk_of(user, call)


def can_decide(user, call) -> bool:
    """Amounts, the decision and its corrections are the call's deciding authority's alone (and the administrators')."""
    return is_decider_of(user, call)


def can_extend_negotiation(user, offer) -> bool:
    """Extending the deadline to answer a lower grant is the task of a clerk of the offer's call's authority."""
    return is_clerk_of(user, offer.call)
