"""The final report's form: the texts, the value achieved for every result (with a justification
where it deviates), the cost incurred and the grant spent for every item."""
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from competition.forms.fields import LocalDecimalField, MoneyField
from contracts.final_report.rules import SECTIONS, TEXTS
from contracts.forms import typed, typed_count
from core import limits


# The texts besides the two the form always had (execution, other information).
EXTRA_TEXTS = [key for key in TEXTS if key not in ("execution", "other_information")]

SOURCE_FIELDS = {
    "own_financial": gettext_lazy("Own financial contribution (PLN)"),
    "own_personal": gettext_lazy("Personal contribution: work of volunteers and members (PLN)"),
    "own_in_kind": gettext_lazy("In-kind contribution (PLN)"),
    "recipient_fees": gettext_lazy("Payments from the recipients of the task (PLN)"),
}


class FinalReportForm(forms.Form):
    results_description = forms.CharField(
        label=gettext_lazy("Results achieved, with the scale of the actions in numbers"), required=False,
        widget=forms.Textarea(attrs={"rows": 5}), max_length=limits.LONG_TEXT,
        help_text=gettext_lazy("The results achieved and how they were measured; which results are lasting; how far "
                               "the task achieved its aim."))
    execution = forms.CharField(label=gettext_lazy("What was done, against the plan and schedule of the offer"),
                                required=False, widget=forms.Textarea(attrs={"rows": 6}), max_length=limits.LONG_TEXT,
                                help_text=gettext_lazy("Per activity of the schedule: what was done, when, for whom; "
                                                       "what was not done or was done differently, and why."))
    other_revenue = forms.CharField(
        label=gettext_lazy("Other revenue obtained while carrying out the task"), required=False,
        max_length=limits.TEXT, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("E.g. interest on the grant's account, income from sales; “none” when there was none."))
    recipient_fees_info = forms.CharField(
        label=gettext_lazy("Payments collected from the recipients of the task"), required=False,
        max_length=limits.TEXT, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("On what terms they were collected and what they were spent on; “none” when none."))
    other_information = forms.CharField(label=gettext_lazy("Other information"), required=False, max_length=limits.TEXT,
                                        widget=forms.Textarea(attrs={"rows": 3}))
    grant_received = MoneyField(label=gettext_lazy("Grant received (PLN)"))
    own_financial = MoneyField(label=SOURCE_FIELDS["own_financial"], required=False)
    own_personal = MoneyField(label=SOURCE_FIELDS["own_personal"], required=False)
    own_in_kind = MoneyField(label=SOURCE_FIELDS["own_in_kind"], required=False)
    recipient_fees = MoneyField(label=SOURCE_FIELDS["recipient_fees"], required=False)
    statements = forms.BooleanField(
        label=gettext_lazy("I (we) make the statements above"), required=False)
    signatories = forms.CharField(
        label=gettext_lazy("Persons signing for the grantee"), required=False, max_length=limits.NOTE,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("One person a line: those authorised to represent the grantee, as named in the offer."))

    def __init__(self, *args, contract, report=None, received=None, signatories="", **kwargs):
        super().__init__(*args, **kwargs)
        self.contract = contract
        self.results = list(contract.results.all())
        self.costs = list(contract.costs.all())
        saved_results, saved_costs = {}, {}
        if report is not None:
            saved_results = {r.result_id: r for r in report.results.all()}
            saved_costs = {c.cost_id: c for c in report.costs.all()}
            self.initial.update(execution=report.execution, other_information=report.other_information,
                                grant_received=typed(report.grant_received), statements=report.statements,
                                **{key: getattr(report, key) for key in EXTRA_TEXTS},
                                **{key: typed(getattr(report, key)) for key in SOURCE_FIELDS
                                   if getattr(report, key) is not None})
        else:
            self.initial.setdefault("grant_received", typed(contract.grant_total if received is None else received))
            self.initial.setdefault("signatories", signatories)
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

    def source_fields(self):
        return [self[key] for key in SOURCE_FIELDS]

    def revenue_fields(self):
        return [self["other_revenue"], self["recipient_fees_info"]]

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "execution": data["execution"], "other_information": data["other_information"],
            "grant_received": data["grant_received"],
            "texts": {key: data[key] for key in EXTRA_TEXTS},
            "sources": {key: data.get(key) for key in SOURCE_FIELDS},
            "statements": bool(data.get("statements")),
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
