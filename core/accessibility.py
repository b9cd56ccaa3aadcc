"""The accessibility statement (deklaracja dostępności) from the city's `settings.ACCESSIBILITY`.

The Act of 4 April 2019 on the digital accessibility of websites and mobile applications of
public bodies (art. 10) makes every public body publish one; its sections follow the minister's
template of the statement. Pure functions: no request, no database.
"""
from django.core.exceptions import ImproperlyConfigured
from django.db import models


class Compliance(models.TextChoices):
    """The site's status under the Act, as the statement's template words it."""

    FULL = "full"
    PARTIAL = "partial"
    NONE = "none"


def statement(config: dict) -> dict:
    """What the page shows: the settings, the status checked, the non-accessible content split
    into barriers and what the Act exempts, and the phone number as a `tel:` link."""
    try:
        status = Compliance(config["status"])
    except ValueError:
        choices = ", ".join(Compliance.values)
        raise ImproperlyConfigured(f"ACCESSIBILITY['status'] is {config['status']!r}; one of {choices}") from None
    items = [_item(item) for item in config.get("non_accessible") or []]
    return {
        **config,
        "status": status.value,
        "barriers": [item for item in items if not item["exempt"]],
        "exemptions": [item for item in items if item["exempt"]],
        "phone_link": tel_link(config["phone"]),
    }


def tel_link(phone: str) -> str:
    """A `tel:` link wants the number without spaces or dashes: "+48 85 000 00 00" gives
    "tel:+48850000000"."""
    return "tel:" + "".join(c for c in phone if c.isdigit() or c == "+")


def _item(item: dict) -> dict:
    if not item.get("content"):
        raise ImproperlyConfigured(f"ACCESSIBILITY['non_accessible']: an entry without its content: {item!r}")
    return {"content": item["content"], "reason": item.get("reason", ""), "exempt": bool(item.get("exempt"))}
