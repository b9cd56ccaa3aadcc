"""The audit trail's search, filter and sort (core/listing.py, rows built in Python)."""
from django import forms
from django.utils.translation import gettext_lazy as _

from core.listing import SEARCH_MAX_LENGTH, Sort

SORTS = [Sort("at", _("When"), ("at",))]
DEFAULT_SORT = "-at"
KINDS = [("+", _("created")), ("~", _("changed")), ("-", _("deleted"))]


class AuditFilterForm(forms.Form):
    q = forms.CharField(label=_("Who, what or field"), required=False, max_length=SEARCH_MAX_LENGTH)
    kind = forms.ChoiceField(label=_("Change"), required=False, choices=[("", _("any")), *KINDS])


def keep(change, values: dict) -> bool:
    """Whether a change passes the filters: its kind, and the text in who, what or a field's label or values."""
    if values.get("kind") and change.kind != values["kind"]:
        return False
    text = values.get("q", "").strip().lower()
    if not text:
        return True
    who = change.who.get_full_name() + " " + change.who.email if change.who else ""
    haystack = " ".join([who, change.what, *[" ".join(f) for f in change.fields]]).lower()
    return text in haystack
