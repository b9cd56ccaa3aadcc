"""Who may do what in the evaluation of offers."""
from accounts.permissions import is_clerk


def can_run_formal_check(user) -> bool:
    """Clerks (and administrators) record confirmations and answer, confirm and close formal sheets.

    Nobody else may even learn that a sheet exists: their requests get 404, not 403.
    """
    return is_clerk(user)
