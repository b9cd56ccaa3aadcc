"""The final report's form: the texts, the value achieved for every result (with a justification
where it deviates), the cost incurred and the grant spent for every item."""
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from competition.forms.fields import LocalDecimalField, MoneyField
from contracts.final_report.rules import SECTIONS
from contracts.forms import typed, typed_count
from core import limits


class FinalReportForm(forms.Form):
    execution = forms.CharField(label=gettext_lazy("What was done, against the plan and schedule of the offer"),
                                required=False, widget=forms.Textarea(attrs={"rows": 6}), max_length=limits.LONG_TEXT,
                                help_text=gettext_lazy("Per activity of the schedule: what was done, when, for whom; "
                                                       "what was not done or was done differently, and why."))
    other_information = forms.CharField(label=gettext_lazy("Other information"), required=False, max_length=limits.TEXT,
                                        widget=forms.Textarea(attrs={"rows": 3}))
    grant_received = MoneyField(label=gettext_lazy("Grant received (PLN)"))

    def __init__(self, *args, contract, report=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.contract = contract
        self.results = list(contract.results.all())
        self.costs = list(contract.costs.all())
        saved_results, saved_costs = {}, {}
        if report is not None:
            saved_results = {r.result_id: r for r in report.results.all()}
            saved_costs = {c.cost_id: c for c in report.costs.all()}
            self.initial.update(execution=report.execution, other_information=report.other_information,
                                grant_received=typed(report.grant_received))
        else:
            self.initial.setdefault("grant_received", typed(contract.grant_total))
        for result in self.results:
            saved = saved_results.get(result.pk)
            self.fields[f"achieved_{result.pk}"] = LocalDecimalField(
                label=_("%(name)s: value achieved") % {"name": result.name}, required=False,
                initial=typed_count(saved.achieved) if saved and saved.achieved is not None else "")
            self.fields[f"justification_{result.pk}"] = forms.CharField(
                label=_("%(name)s: justification of the deviation") % {"name": result.name}, required=False,
                initial=saved.justification if saved else "", widget=forms.Textarea(attrs={"rows": 2}),
                max_length=limits.TEXT)
        for cost in self.costs:
            saved = saved_costs.get(cost.pk)
            self.fields[f"total_{cost.pk}"] = MoneyField(
                label=_("%(name)s: incurred in total") % {"name": cost.name}, required=False,
                initial=typed(saved.actual_total) if saved else "")
            self.fields[f"grant_{cost.pk}"] = MoneyField(
                label=_("%(name)s: of which from the grant") % {"name": cost.name}, required=False,
                initial=typed(saved.actual_grant) if saved else "")

    def result_rows(self):
        return [(r, self[f"achieved_{r.pk}"], self[f"justification_{r.pk}"]) for r in self.results]

    def cost_rows(self):
        return [(c, self[f"total_{c.pk}"], self[f"grant_{c.pk}"]) for c in self.costs]

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "execution": data["execution"], "other_information": data["other_information"],
            "grant_received": data["grant_received"],
            "results": {r.pk: (data.get(f"achieved_{r.pk}"), data.get(f"justification_{r.pk}") or "")
                        for r in self.results},
            "costs": {c.pk: (data.get(f"total_{c.pk}"), data.get(f"grant_{c.pk}")) for c in self.costs},
        }


class ReviewForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in SECTIONS.items():
            self.fields[f"comment_{key}"] = forms.CharField(
                label=_("Comment on: %(section)s") % {"section": label}, required=False,
                widget=forms.Textarea(attrs={"rows": 2}))

    def comments(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(f"comment_{key}", "") for key in SECTIONS}
