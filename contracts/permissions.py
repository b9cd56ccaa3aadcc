"""Who may act after the award.

The clerks record contracts and review final reports; the authority's consent to a change is
recorded by a clerk or by the authority; the grantee's members (of any offeror of a joint offer) ask
for changes and write the report. Everybody else sees nothing (404).
"""
from accounts.permissions import is_administrator, is_clerk, is_mayor
from organisations.models import Membership


def is_grantee(user, contract) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    orgs = [contract.offer.organisation_id, *(p.organisation_id for p in contract.offer.partners.all())]
    return Membership.objects.filter(user=user, organisation_id__in=orgs).exists()


def can_create(user) -> bool:
    return is_clerk(user)


def can_request_change(user, contract) -> bool:
    return is_grantee(user, contract)


def can_decide_change(user) -> bool:
    return is_clerk(user) or is_mayor(user) or is_administrator(user)


def can_write_report(user, contract) -> bool:
    return is_grantee(user, contract)


def can_review_report(user, contract=None) -> bool:
    """A clerk reviews the grantee's reports (the contract is named for the roles per authority)."""
    return is_clerk(user)


def can_terminate(user, contract) -> bool:
    """Recording the early end of a contract (the parties' agreement, the grantee's statement, the
    authority's termination) is the office's: a clerk or the authority (`contract`: per authority later)."""
    return is_clerk(user) or is_mayor(user) or is_administrator(user)
