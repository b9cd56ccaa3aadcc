"""Who runs the portal, for the footer, the documents, the privacy notice and the accessibility
statement: the installation's settings (`PORTAL_OPERATOR`, `PRIVACY`, `ACCESSIBILITY`), with what
a higher app knows better laid over them. `authorities` registers the authority that runs the
portal (its office, address and contacts) in its `AppConfig.ready()`; a blank field of the
authority leaves the setting in force. core imports no app above it."""
from collections.abc import Callable

from django.conf import settings
from django.utils.translation import gettext as _

_providers: list[Callable[[], dict]] = []


def register(provider: Callable[[], dict]) -> None:
    """`provider()` gives {"operator": str, "privacy": {...}, "accessibility": {...}}, any part empty."""
    if provider not in _providers:
        _providers.append(provider)


def _overrides() -> dict:
    merged: dict = {"privacy": {}, "accessibility": {}}
    for provider in _providers:
        given = provider()
        merged["privacy"].update(given.get("privacy") or {})
        merged["accessibility"].update(given.get("accessibility") or {})
        if given.get("operator"):
            merged["operator"] = given["operator"]
    return merged


def name() -> str:
    """The setting when the installation gives one, else the office of the portal's authority."""
    return settings.PORTAL_OPERATOR or _overrides().get("operator") or _("the portal of open calls for offers")


def privacy() -> dict:
    return {**settings.PRIVACY, **_overrides()["privacy"]}


def accessibility() -> dict:
    return {**settings.ACCESSIBILITY, **_overrides()["accessibility"]}
