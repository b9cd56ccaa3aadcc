from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from accounts.permissions import is_clerk


def clerk_required(view):
    """Anonymous users go to the login page; logged-in users without the clerk role get 403
    (the office's pages of apps below competition, e.g. the outbox)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_clerk(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
