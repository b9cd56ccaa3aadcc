"""Who runs the portal, for the footer, the documents, the privacy notice and the accessibility
statement: the installation's settings (`PORTAL_OPERATOR`, `PRIVACY`, `ACCESSIBILITY`), with what
a higher app knows better laid over them. `authorities` registers the authority that runs the
portal (its office, address and contacts) in its `AppConfig.ready()`; a blank field of the
authority leaves the setting in force. core imports no app above it.

Which authority a request belongs to (its own domain, or a page under `/<slug>/`) is
`request.authority`, set by `authorities.middleware`; given the request, the providers speak for
that authority instead of the portal's, so each authority's privacy notice and accessibility
statement are its own (the installation's settings fill what it leaves blank)."""
from collections.abc import Callable

from django.conf import settings
from django.utils.translation import gettext as _

_providers: list[Callable[..., dict]] = []


def register(provider: Callable[..., dict]) -> None:
    """`provider(authority)` gives {"operator": str, "privacy": {...}, "accessibility": {...}}, any
    part empty; `authority` is the request's (`request_authority`), or None for the portal's own."""
    if provider not in _providers:
        _providers.append(provider)


def request_authority(request):
    """The authority the request belongs to (`request.authority`), or None: the installation's."""
    return getattr(request, "authority", None) if request is not None else None


def _overrides(request=None) -> dict:
    merged: dict = {"privacy": {}, "accessibility": {}}
    authority = request_authority(request)
    for provider in _providers:
        given = provider(authority)
        merged["privacy"].update(given.get("privacy") or {})
        merged["accessibility"].update(given.get("accessibility") or {})
        if given.get("operator"):
            merged["operator"] = given["operator"]
    return merged


def name(request=None) -> str:
    """The office of the request's authority; else the setting when the installation gives one,
    else the office of the portal's authority."""
    if request_authority(request) is not None:
        return _overrides(request).get("operator") or settings.PORTAL_OPERATOR
    return settings.PORTAL_OPERATOR or _overrides().get("operator") or _("the portal of open calls for offers")


def privacy(request=None) -> dict:
    return {**settings.PRIVACY, **_overrides(request)["privacy"]}


def accessibility(request=None) -> dict:
    return {**settings.ACCESSIBILITY, **_overrides(request)["accessibility"]}
