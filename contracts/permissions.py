"""Who may act after the award.

The clerks of the call's authority record contracts and review final reports; the authority's
consent to a change is recorded by one of its clerks or by the deciding authority; the grantee's
members (of any offeror of a joint offer) ask for changes and write the report. Everybody else,
another authority's officials included, sees nothing (404).
"""
from authorities.permissions import is_clerk_of, is_office_of
from organisations.models import Membership


def is_grantee(user, contract) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    orgs = [contract.offer.organisation_id, *(p.organisation_id for p in contract.offer.partners.all())]
    return Membership.objects.filter(user=user, organisation_id__in=orgs).exists()


def can_create(user, call) -> bool:
    """Recording the contracts of a call: its authority's clerks."""
    return is_clerk_of(user, call)


def can_request_change(user, contract) -> bool:
    return is_grantee(user, contract)


def can_decide_change(user, contract) -> bool:
    return is_office_of(user, contract)


def can_write_report(user, contract) -> bool:
    return is_grantee(user, contract)


def can_review_report(user, contract) -> bool:
    return is_clerk_of(user, contract)


def can_terminate(user, contract) -> bool:
    """Recording the early end of a contract (the parties' agreement, the grantee's statement, the
    authority's termination) is the office's: a clerk or the deciding authority of the contract's authority."""
    return is_office_of(user, contract)
