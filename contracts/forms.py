"""Forms after the award: the contract's particulars, and a change of the budget or results.
Amounts are typed the Polish way ("1 200,00"); every error names the rule and keeps what was
typed."""
from datetime import date

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from competition.forms.fields import LocalDecimalField, MoneyField
from contracts import rules
from contracts.models import Contract, ContractCost
from core import limits
from core.money import format_amount

TRANCHES = 4
NEW_ITEMS = 2


def _date_widget():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def typed(value) -> str:
    """A stored amount as it is typed back into a field."""
    return format_amount(value) if value is not None else ""


def typed_count(value) -> str:
    """A stored result (a count, or a number with decimals) as it is typed back: 40, not 40,00."""
    return typed(value).replace(",00", "")


class ContractForm(forms.Form):
    number = forms.CharField(label=gettext_lazy("Contract number"), max_length=80)
    signed_on = forms.DateField(label=gettext_lazy("Date of the contract"), widget=_date_widget())
    place = forms.CharField(label=gettext_lazy("Place of signing"), max_length=120)
    spending_from = forms.DateField(
        label=gettext_lazy("Grant-funded costs from"), required=False, widget=_date_widget(),
        help_text=gettext_lazy("Not before the date of the contract. Empty: the date of the contract or the start of "
                               "the task, whichever is later."))
    spending_until = forms.DateField(
        label=gettext_lazy("Grant-funded costs until"), required=False, widget=_date_widget(),
        help_text=gettext_lazy("Within the task. Empty: the end of the task. Unspent money is returned within 15 days "
                               "of this day, or by 31 January when it is 31 December."))
    office_contact = forms.CharField(
        label=gettext_lazy("Contact person of the authority"), max_length=300, required=False,
        help_text=gettext_lazy("Name, phone, e-mail: the contract names them for day-to-day matters."))
    grantee_contact = forms.CharField(
        label=gettext_lazy("Contact person of the grantee"), max_length=300, required=False,
        help_text=gettext_lazy("Name, phone, e-mail; proposed from the lead offeror's data."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(1, TRANCHES + 1):
            self.fields[f"due_{n}"] = forms.DateField(
                label=_("Tranche %(n)s: payment by") % {"n": n}, required=False, widget=_date_widget())
            self.fields[f"amount_{n}"] = MoneyField(label=_("Tranche %(n)s: amount (PLN)") % {"n": n}, required=False)

    def tranche_rows(self):
        return [(n, self[f"due_{n}"], self[f"amount_{n}"]) for n in range(1, TRANCHES + 1)]

    def clean(self):
        cleaned = super().clean()
        tranches = []
        for n in range(1, TRANCHES + 1):
            due, amount = cleaned.get(f"due_{n}"), cleaned.get(f"amount_{n}")
            if due is None and amount is None:
                continue
            if due is None:
                self.add_error(f"due_{n}", _("Give the payment date of this tranche, or clear its amount."))
            elif amount is None:
                self.add_error(f"amount_{n}", _("Give the amount of this tranche, or clear its date."))
            else:
                tranches.append(rules.Tranche(due, amount))
        cleaned["tranches"] = tranches
        return cleaned


class ChangeForm(forms.Form):
    """Every cost item's new value and grant, up to two new items, every result's new value, and
    the justification. Unchanged rows are sent as they are."""

    justification = forms.CharField(label=gettext_lazy("Why the change is needed"), widget=forms.Textarea(
        attrs={"rows": 3}), max_length=limits.TEXT)

    def __init__(self, *args, contract: Contract, **kwargs):
        super().__init__(*args, **kwargs)
        self.contract = contract
        self.costs = list(contract.costs.all())
        self.results = list(contract.results.all())
        actions = sorted({(c.action.code, c.action.title) for c in self.costs})
        for cost in self.costs:
            self.fields[f"total_{cost.pk}"] = MoneyField(label=_("%(name)s: value") % {"name": cost.name},
                                                         initial=typed(cost.total))
            self.fields[f"grant_{cost.pk}"] = MoneyField(label=_("%(name)s: from the grant") % {"name": cost.name},
                                                         initial=typed(cost.grant))
        for n in range(1, NEW_ITEMS + 1):
            self.fields[f"new_{n}_action"] = forms.ChoiceField(
                label=_("New item %(n)s: action") % {"n": n}, required=False,
                choices=[("", "—")] + [(code, f"{code}. {title[:60]}") for code, title in actions])
            self.fields[f"new_{n}_name"] = forms.CharField(label=_("New item %(n)s: cost") % {"n": n}, required=False,
                                                           max_length=300)
            self.fields[f"new_{n}_kind"] = forms.ChoiceField(label=_("New item %(n)s: kind") % {"n": n},
                                                             choices=ContractCost.Kind.choices, required=False)
            self.fields[f"new_{n}_total"] = MoneyField(label=_("New item %(n)s: value") % {"n": n}, required=False)
            self.fields[f"new_{n}_grant"] = MoneyField(label=_("New item %(n)s: from the grant") % {"n": n},
                                                       required=False)
        for result in self.results:
            self.fields[f"result_{result.pk}"] = LocalDecimalField(
                label=_("%(name)s: value") % {"name": result.name}, initial=typed_count(result.value))

    def cost_rows(self):
        return [(c, self[f"total_{c.pk}"], self[f"grant_{c.pk}"]) for c in self.costs]

    def new_rows(self):
        return [(n, *(self[f"new_{n}_{part}"] for part in ("action", "name", "kind", "total", "grant")))
                for n in range(1, NEW_ITEMS + 1)]

    def result_rows(self):
        return [(r, self[f"result_{r.pk}"]) for r in self.results]

    def clean(self):
        cleaned = super().clean()
        for n in range(1, NEW_ITEMS + 1):
            parts = {p: cleaned.get(f"new_{n}_{p}") for p in ("action", "name", "total", "grant")}
            if not any(v not in (None, "") for v in parts.values()):
                continue
            for part, message in (("action", _("Choose the action of the new item.")),
                                  ("name", _("Name the new item.")),
                                  ("total", _("Give the new item's value.")),
                                  ("grant", _("Give how much of it the grant pays (0 when nothing)."))):
                if parts[part] in (None, ""):
                    self.add_error(f"new_{n}_{part}", message)
        return cleaned

    def proposal(self) -> dict:
        data = self.cleaned_data
        costs = [{"key": str(c.pk), "action": c.action.code, "name": c.name, "kind": c.kind,
                  "total": str(data[f"total_{c.pk}"]), "grant": str(data[f"grant_{c.pk}"])} for c in self.costs]
        for n in range(1, NEW_ITEMS + 1):
            if data.get(f"new_{n}_name"):
                costs.append({"key": "", "action": data[f"new_{n}_action"], "name": data[f"new_{n}_name"],
                              "kind": data.get(f"new_{n}_kind") or "substantive",
                              "total": str(data[f"new_{n}_total"]), "grant": str(data[f"new_{n}_grant"])})
        results = {str(r.pk): str(data[f"result_{r.pk}"]) for r in self.results}
        return {"costs": costs, "results": results}


class DecideForm(forms.Form):
    note = forms.CharField(label=gettext_lazy("Note (required when refusing; the grantee reads it)"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}), max_length=limits.TEXT)


def default_tranche(contract_grant, start: date) -> dict:
    return {"due_1": start, "amount_1": typed(contract_grant)}
