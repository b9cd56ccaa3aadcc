"""Reads for a copied call: which of its texts still name a date or a year of the call it was copied from.

The copy moves every date field; the texts are the clerk's to rewrite (a law's citation keeps its year),
so the clerk's page lists them until each is corrected.
"""
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from competition.models import Call
from competition.rules import TEXT_FIELDS
from competition.rules_dates import stale_date_mentions

# Date fields of a call: the copy moves each of them (competition.services.call_copy).
DATE_FIELDS = ("announcement_date", "submission_start", "submission_deadline", "confirmation_deadline",
               "decision_date", "realisation_start", "realisation_end", "commission_order_date", "scoring_deadline")
# The call's own texts, in the order of its form.
CALL_TEXT_FIELDS = ("title", "public_task_type", "legal_basis", "order_number", "confirmation_address",
                    *TEXT_FIELDS, "commission_order_number")


def call_dates(call: Call) -> list[date]:
    """Every date the call states (moments as their day in the call's time zone)."""
    days = []
    for name in DATE_FIELDS:
        value = getattr(call, name)
        if isinstance(value, datetime):
            value = timezone.localdate(value)
        if value is not None:
            days.append(value)
    return days


def _texts(call: Call) -> list[tuple[str, str]]:
    """(what the clerk calls it, its text) for the call's texts and its actions' and indicators'."""
    texts = [(str(Call._meta.get_field(name).verbose_name), getattr(call, name) or "") for name in CALL_TEXT_FIELDS]
    for action in call.actions.all():
        texts.append((_("Action %(code)s: title") % {"code": action.code}, action.title))
        texts.append((_("Action %(code)s: description") % {"code": action.code}, action.description))
        texts.append((_("Action %(code)s: target groups") % {"code": action.code}, action.target_groups))
        texts.extend((_("Action %(code)s: indicator") % {"code": action.code}, i.name) for i in action.indicators.all())
    texts.extend((_("Formal criterion"), c.question) for c in call.formal_criteria.all())
    texts.extend((_("Merit criterion %(code)s") % {"code": c.code}, c.title) for c in call.merit_criteria.all())
    return texts


def call_stale_texts(call: Call) -> list[dict]:
    """For a draft copied from another call: each text that still names a date or a year of that call,
    with what it names. Empty for any other call (or once the texts are rewritten)."""
    source = call.copied_from
    if source is None or not call.is_draft:
        return []
    old, new = call_dates(source), call_dates(call)
    rows = []
    for label, text in _texts(call):
        found = stale_date_mentions(text, old_dates=old, new_dates=new)
        if found:
            rows.append({"label": label, "found": found})
    return rows
