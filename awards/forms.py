"""The authority's forms: an amount per grant (offer × action), the order that decides, a correction.

The forms check what was typed with the call's own rules (`awards.rules`: an amount in złoty,
at most what was requested, per action at most its budget) and ask for what deciding or
correcting needs, so that the page names every problem at once; the services check all of it
again inside their transaction (someone may have changed the decision meanwhile), and their
messages are put back on the form.
"""
from datetime import date
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards import rules
from awards.models import Grant
from core.money import format_amount, format_money

DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y")

# The services' own messages (the same msgids), asked for here so they come with the amounts' problems.
ORDER_NUMBER_MISSING = gettext_lazy("Give the number of the authority's order.")
ORDER_DATE_MISSING = gettext_lazy("Give the date of the authority's order.")
REASON_MISSING = gettext_lazy("Give the reason for the correction; it is recorded.")
DECISION_NOT_CONFIRMED = gettext_lazy("Confirm the decision: tick the box under the order (the decision cannot be undone; "
                                      "later an amount changes only by a correction with a reason).")


def amount_field_name(grant: Grant) -> str:
    return f"amount_{grant.pk}"


def reason_field_name(grant: Grant) -> str:
    return f"reason_{grant.pk}"


class AmountsForm(forms.Form):
    """One text input per grant shown, pre-filled with the amount awarded so far ("1 250,00").

    A page of a large call shows only some grants (`awards.display`): `grants` are those with an
    input, `fixed` the others, which keep their saved amounts and count in each action's total."""

    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # An amount other than the proposal's needs the authority's reason (published with the results).
    stated_reasons_required = True

    def __init__(self, *args, grants: list[Grant], budgets: dict[str, Decimal], revision: int | None = None,
                 fixed: list[Grant] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.grants = list(grants)
        self.fixed = list(fixed)
        self.budgets = budgets
        self.fields["revision"].initial = revision
        for grant in self.grants:
            label = _("Amount for offer %(offer)s, action %(action)s") % {
                "offer": grant.offer.number, "action": grant.action.code}
            self.fields[amount_field_name(grant)] = forms.CharField(
                label=label, required=False, max_length=40, initial=format_amount(grant.awarded),
                widget=forms.TextInput(attrs={
                    "inputmode": "decimal", "autocomplete": "off", "class": "form-control text-end",
                    "data-amount-for": grant.action.code, "data-requested": str(grant.requested), "size": 12,
                }),
            )
            self.fields[reason_field_name(grant)] = forms.CharField(
                label=_("Reason for the amount of offer %(offer)s, action %(action)s") % {
                    "offer": grant.offer.number, "action": grant.action.code},
                required=False, max_length=500, initial=grant.reason,
                widget=forms.TextInput(attrs={"class": "form-control form-control-sm", "autocomplete": "off"}),
            )

    def clean(self):
        """Each amount against its request (on its field), then each action's total, with the amounts
        of the grants not shown, against its budget.

        Both through `rules.decision_errors`: one row with its own amount as the budget yields only
        that row's problems; rows whose request is their amount yield only the budgets' problems."""
        cleaned = super().clean()
        amounts = []
        for grant in self.grants:
            name = amount_field_name(grant)
            raw = cleaned.get(name)
            value = rules.parse_amount(raw) if raw is not None else None
            if value is None:
                if raw is not None:
                    self.add_error(name, rules.NOT_AN_AMOUNT % {
                        "offer": grant.offer.number, "action": grant.action.code, "value": raw})
                continue
            row = (grant.offer.number, grant.action.code, grant.requested, value)
            for message in rules.decision_errors([row], {grant.action.code: value}, format_money):
                self.add_error(name, message)
            amounts.append((grant.offer.number, grant.action.code, value, value))
            self._check_reason(grant, value)
        if len(amounts) == len(self.grants):
            kept = [(g.offer.number, g.action.code, g.awarded, g.awarded) for g in self.fixed]
            for message in rules.decision_errors([a for a in amounts if a[3] >= rules.ZERO] + kept, self.budgets,
                                                 format_money):
                self.add_error(None, message)
        return cleaned

    def _check_reason(self, grant: Grant, value: Decimal) -> None:
        name = reason_field_name(grant)
        posted = self.add_prefix(name) in self.data
        reason = (self.cleaned_data.get(name) or "").strip() if posted else grant.reason
        if self.stated_reasons_required and not reason and rules.stated_reason_needed(
                proposed=grant.proposed, saved=grant.awarded, typed=value, saved_reason=grant.reason):
            self.add_error(name, rules.STATED_REASON_MISSING % {"offer": grant.offer.number,
                                                                "action": grant.action.code})

    def rows(self) -> list[tuple[Grant, forms.BoundField]]:
        """Each grant with its input, in the order of the ranking."""
        return [(grant, self[amount_field_name(grant)]) for grant in self.grants]

    def amounts(self) -> dict[int, str]:
        """{grant pk: the amount as typed}, for the services (which parse and check it again)."""
        return {grant.pk: self.cleaned_data.get(amount_field_name(grant)) or "" for grant in self.grants}

    def reasons(self) -> dict[int, str]:
        """{grant pk: the authority's reason as typed}, for the services: only the reasons posted
        (a grant without one keeps its saved reason)."""
        return {grant.pk: (self.cleaned_data.get(reason_field_name(grant)) or "").strip() for grant in self.grants
                if self.add_prefix(reason_field_name(grant)) in self.data}

    def typed(self) -> dict[int, str]:
        """What the page shows in each input: what was typed, or the amount awarded so far."""
        return {grant.pk: str(self[amount_field_name(grant)].value() or "") for grant in self.grants}


class DecisionForm(AmountsForm):
    """The authority's amounts before deciding, with the order that decides.

    One HTML form with two buttons: "save the amounts" ignores the order, "decide" needs it
    (the service says what is missing). The date is read only when deciding, so a date typed
    badly never stops the amounts from being saved.
    """

    order_number = forms.CharField(
        label=gettext_lazy("Number of the authority's order"), required=False, max_length=80,
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "off"}),
        help_text=gettext_lazy("E.g. 150/2019. Needed to decide; saving the amounts does not need it."),
    )
    order_date = forms.CharField(
        label=gettext_lazy("Date of the authority's order"), required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}),
    )

    confirmed = forms.BooleanField(required=False)  # the confirmation of the irreversible decision

    def __init__(self, *args, deciding: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.deciding = deciding

    def clean_confirmed(self) -> bool:
        if self.deciding and not self.cleaned_data.get("confirmed"):
            raise ValidationError(DECISION_NOT_CONFIRMED)
        return bool(self.cleaned_data.get("confirmed"))

    def clean_order_number(self) -> str:
        number = (self.cleaned_data.get("order_number") or "").strip()
        if self.deciding and not number:
            raise ValidationError(ORDER_NUMBER_MISSING)
        return number

    def clean_order_date(self) -> date | None:
        raw = (self.cleaned_data.get("order_date") or "").strip()
        if not self.deciding:
            return None
        if not raw:
            raise ValidationError(ORDER_DATE_MISSING)
        try:
            return forms.DateField(input_formats=DATE_FORMATS).clean(raw)
        except ValidationError as exc:
            raise ValidationError(_("Enter the date of the order as a date, e.g. 14.06.2019.")) from exc


class CorrectionForm(AmountsForm):
    """After the decision: the amounts again, and the reason recorded with the change (which is
    the stated reason of every amount changed without one of its own)."""

    stated_reasons_required = False

    reason = forms.CharField(
        label=gettext_lazy("Reason for the correction"), required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        help_text=gettext_lazy("Required. Recorded in the history of the decision with the amounts changed."),
    )

    def clean_reason(self) -> str:
        reason = (self.cleaned_data.get("reason") or "").strip()
        if not reason:
            raise ValidationError(REASON_MISSING)
        return reason
