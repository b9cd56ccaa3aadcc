"""Small helpers for views of every app."""
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request) -> str:
    """The `next` address posted or asked for, when it stays on this portal; else ""."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return ""
