"""Who may do what in the evaluation of offers."""
from authorities.permissions import is_clerk_of
from competition.models import Call


def can_run_formal_check(user, call: Call) -> bool:
    """The clerks of the call's authority (and administrators) record confirmations and answer,
    confirm and close formal sheets.

    Nobody else may even learn that a sheet exists: their requests get 404, not 403.
    """
    return is_clerk_of(user, call)


def may_record_receipt(call: Call, offer) -> bool:
    """When `services.receipt_record` accepts a paper confirmation of `offer`; otherwise the form
    is not offered."""
    return call.state in (Call.State.PUBLISHED, Call.State.SUBMISSION_CLOSED, Call.State.FORMAL_CHECK) and (
        offer.state in (offer.State.SUBMITTED, offer.State.RETURNED))
