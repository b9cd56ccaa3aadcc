"""The call's rules (the call document's `rules`): the tie-break, the minimum score, the answer to a
lower grant, corrections, the second clerk, the commission's sheets and exclusion grounds, the
offer's statements, the base of the administrative-cost limit and the form of the contract.

The form reads what the clerk typed; the rules themselves are checked by the call document's
rules (`competition.document_rules`), whose errors land beside the field of the same name.
"""
import copy

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy

from competition.choices import AdminCostBase, Statement, TaskForm, TieBreak
from competition.document_reader import MAX_SMALL_INT
from competition.forms.basics import EMPTY_STRUCTURE
from competition.forms.errors import path_segments, rule_errors, section_of
from competition.forms.fields import LinesField, LocalDecimalField, _helper, _row, as_number
from competition.models import Call


def _label(name: str) -> str:
    return capfirst(Call._meta.get_field(name).verbose_name)


def _help(name: str) -> str:
    return Call._meta.get_field(name).help_text


class CallRulesForm(forms.Form):
    """Every rule of the call's `rules` object, by the Call's field names."""

    tie_break = forms.ChoiceField(label=_label("tie_break"), choices=TieBreak.choices, widget=forms.RadioSelect)
    tie_break_criterion = forms.ChoiceField(
        label=gettext_lazy("Merit criterion whose mean breaks ties"), required=False,
        help_text=gettext_lazy("Only with the rule “the higher mean score of the cost criterion”."),
    )
    min_recommended_score = LocalDecimalField(
        label=_label("min_recommended_score"), help_text=_help("min_recommended_score"), required=False, places=2,
    )
    negotiation_days = forms.IntegerField(
        label=_label("negotiation_days"), max_value=MAX_SMALL_INT,
        help_text=gettext_lazy("No answer within this time counts as resigning; the announcement says so."),
    )
    correction_days = forms.IntegerField(
        label=_label("correction_days"), help_text=_help("correction_days"), max_value=MAX_SMALL_INT,
    )
    four_eyes = forms.BooleanField(label=_label("four_eyes"), help_text=_help("four_eyes"), required=False)
    min_sheets = forms.IntegerField(
        label=_label("min_sheets"), help_text=_help("min_sheets"), required=False, max_value=MAX_SMALL_INT,
    )
    show_other_sheets = forms.BooleanField(
        label=_label("show_other_sheets"), help_text=_help("show_other_sheets"), required=False,
    )
    impartiality_grounds = LinesField(
        label=_label("impartiality_grounds"), help_text=_help("impartiality_grounds"), required=False, rows=8,
    )
    required_statements = forms.MultipleChoiceField(
        label=_label("required_statements"), choices=Statement.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    admin_cost_base = forms.ChoiceField(
        label=_label("admin_cost_base"), choices=AdminCostBase.choices, widget=forms.RadioSelect,
    )
    task_form = forms.ChoiceField(
        label=_label("task_form"), help_text=_help("task_form"), choices=TaskForm.choices, widget=forms.RadioSelect,
    )

    def __init__(self, *args, document: dict, criteria: list[tuple[str, str]], **kwargs):
        self.document = document
        super().__init__(*args, **kwargs)
        self.fields["tie_break_criterion"].choices = [("", "—"), *criteria]
        self.helper = _helper(
            _row(("tie_break", 6), ("tie_break_criterion", 6)),
            _row(("min_recommended_score", 4), ("negotiation_days", 4), ("correction_days", 4)),
            _row(("four_eyes", 4), ("min_sheets", 4), ("show_other_sheets", 4)),
            "impartiality_grounds",
            "required_statements",
            "admin_cost_base",
            "task_form",
        )

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        document = {**copy.deepcopy(self.document or EMPTY_STRUCTURE), "rules": self.document_rules(cleaned)}
        for error in rule_errors(document):
            if section_of(error.path)[0] != "rules":
                continue
            segs = path_segments(error.path)
            field = segs[1].name if len(segs) > 1 else None
            self.add_error(field if field in self.fields else None, error.message)
        return cleaned

    @staticmethod
    def document_rules(data: dict) -> dict:
        """The typed rules as the call document writes them, for the document's rules."""
        score = data["min_recommended_score"]
        return {
            **{key: data[key] for key in CallRulesForm.base_fields},
            "tie_break_criterion": data["tie_break_criterion"] or None,
            "min_recommended_score": None if score is None else str(score),
            "impartiality_grounds": list(data["impartiality_grounds"]),
            "required_statements": list(data["required_statements"]),
        }

    def service_data(self) -> dict:
        """The cleaned rules as `services.call_set_rules` takes them (the Call's values)."""
        data = dict(self.cleaned_data)
        data["tie_break_criterion"] = data["tie_break_criterion"] or ""
        data["required_statements"] = [code for code in Statement.values if code in data["required_statements"]]
        return data


def rules_initial(call: Call) -> dict:
    initial = {name: getattr(call, name) for name in CallRulesForm.base_fields}
    if call.min_recommended_score is not None:
        initial["min_recommended_score"] = as_number(call.min_recommended_score)
    return initial
