"""What every offer page shares: login that keeps what was typed, the lock, the checklist."""
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse, QueryDict
from django.utils.translation import gettext as _

from offers import permissions
from offers.models import Offer
from offers.navigation import step_nav as _nav  # noqa: F401 (the step views import it from here)
from offers.navigation import step_url as _step_url  # noqa: F401

AUTOSAVE_HEADER = "X-Autosave"
STASH_KEY = "offers:unsaved:%s"


def _is_autosave(request) -> bool:
    return request.headers.get(AUTOSAVE_HEADER) == "1"


def _login_required(*, stash: bool = False):
    """Anonymous visitors go to the login page; with `stash`, what they posted waits for them."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.user.is_authenticated:
                return view(request, *args, **kwargs)
            if stash and request.method == "POST":
                request.session[STASH_KEY % request.path] = {
                    key: values for key, values in request.POST.lists() if key != "csrfmiddlewaretoken"}
            login = redirect_to_login(request.path)
            if _is_autosave(request):
                return JsonResponse({"ok": False, "login_url": login.url, "message": _(
                    "Your session has expired, so this was not saved. Log in again: what you typed here "
                    "will be waiting on this page.")}, status=401)
            return login

        return wrapper

    return decorator


def _unstash(request) -> QueryDict | None:
    saved = request.session.pop(STASH_KEY % request.path, None)
    if saved is None:
        return None
    data = QueryDict(mutable=True)
    for key, values in saved.items():
        data.setlist(key, values)
    return data


def _lock_reason(offer: Offer, section: str, now) -> str:
    """Why this step of the offer cannot be changed now ("" when it can)."""
    if offer.state == Offer.State.SUBMITTED and not permissions.submission_closed_error(offer.call, now):
        return _("The offer has been submitted. To change it, withdraw it on the offer's page and submit it again.")
    return permissions.edit_error(offer, section, now) or ""
