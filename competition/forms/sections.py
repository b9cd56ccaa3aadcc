"""Sections of a call edited as rows (actions, their indicators, zones, LPR projects,
formal criteria), each checked with the whole call."""
import copy
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from competition.choices import FormalCheck, ScaleSource
from competition.forms.errors import path_segments, rule_errors, section_of
from competition.forms.fields import LinesField, LocalDecimalField, MoneyField, MultilineField, _helper, _row, as_number
from core import limits
from core.money import format_amount

class SectionFormSet(forms.BaseFormSet):
    """The rows of one section of a call (e.g. its actions), checked with the whole call.

    `document` is the call as it is now (selectors.call_document); the rows replace its
    section and the call's rules run on the result. Errors in this section go to the row
    and field they name; errors of other sections are left to their own screens.
    """

    section = ""  # as returned by section_of()
    depth = 0  # 0: rows at the top of the document (actions); 1: rows inside a parent (indicators)
    row_label = gettext_lazy("Row")

    def __init__(self, *args, document: dict | None = None, parent_index: int | None = None, **kwargs):
        self.document, self.parent_index = document, parent_index
        super().__init__(*args, **kwargs)

    def kept_forms(self) -> list[forms.Form]:
        """Rows to save: not marked for deletion, and not an extra row left empty."""
        return [
            form
            for i, form in enumerate(self.forms)
            if not self._should_delete_form(form) and (i < self.initial_form_count() or form.has_changed())
        ]

    def items(self) -> list[dict]:
        """The rows as the service takes them."""
        return [self.service_row(form.cleaned_data) for form in self.kept_forms()]

    # Every section defines the three methods below; a subclass that does not fails loudly.

    def service_row(self, data: dict) -> dict:
        """One row's cleaned data as the section's service takes it."""
        raise TypeError(f"{type(self).__name__} must define service_row()")

    def document_row(self, data: dict) -> dict:
        """One row's cleaned data in the call-document format, for the rules."""
        raise TypeError(f"{type(self).__name__} must define document_row()")

    def with_rows(self, document: dict, rows: list[dict]) -> dict:
        """`document` with this section replaced by `rows` (document rows)."""
        raise TypeError(f"{type(self).__name__} must define with_rows()")

    def clean(self):
        if any(self.errors) or self.document is None:
            return
        kept = self.kept_forms()
        document = self.with_rows(copy.deepcopy(self.document), [self.document_row(f.cleaned_data) for f in kept])
        general = []
        for error in rule_errors(document):
            if section_of(error.path) != (self.section, self.parent_index):
                continue
            segs = path_segments(error.path)
            row = segs[self.depth].index if len(segs) > self.depth else None
            field = segs[self.depth + 1].name if len(segs) > self.depth + 1 else None
            if row is None or row >= len(kept):
                general.append(error.message)
                continue
            form = kept[row]
            form.add_error(field if field in form.fields else None, error.message)
        if general:
            raise ValidationError(general)


class ActionForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    code = forms.CharField(label=gettext_lazy("Code"), max_length=10, help_text=gettext_lazy("E.g. A."))
    title = forms.CharField(label=gettext_lazy("Title of the action"), max_length=400)
    budget = MoneyField(label=gettext_lazy("Budget (PLN)"), help_text=gettext_lazy("E.g. 30 000,00"))
    description = MultilineField(label=gettext_lazy("Description"), required=False, max_length=limits.TEXT)
    target_groups = LinesField(
        max_length=limits.NOTE,
        label=gettext_lazy("Target groups"),
        required=False,
        help_text=gettext_lazy("One group per line."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            _row(("code", 2), ("title", 7), ("budget", 3)),
            _row(("description", 6), ("target_groups", 6)),
            "DELETE",
        )


class BaseActionFormSet(SectionFormSet):
    section = "actions"
    row_label = gettext_lazy("Action")

    def __init__(self, *args, call_actions=(), **kwargs):
        self.call_actions = list(call_actions)
        super().__init__(*args, **kwargs)

    def service_row(self, data):
        return {
            "id": data.get("id"),
            "code": data["code"].strip(),
            "title": data["title"].strip(),
            "description": data["description"].strip(),
            "target_groups": "\n".join(data["target_groups"]),
            "budget": data["budget"],
        }

    def document_row(self, data):
        return {
            "id": data.get("id"),
            "code": data["code"].strip(),
            "title": data["title"],
            "description": data["description"],
            "target_groups": data["target_groups"],
            "budget": str(data["budget"]),
        }

    def with_rows(self, document, rows):
        # indicators stay with their action, found by id (a renamed code keeps them) or by code
        by_code = {a["code"]: a["indicators"] for a in document["actions"]}
        by_id = {a.pk: by_code.get(a.code, []) for a in self.call_actions}
        document["actions"] = [
            {**{k: v for k, v in row.items() if k != "id"},
             "indicators": by_id.get(row.get("id")) or by_code.get(row["code"], [])}
            for row in rows
        ]
        return document


ActionFormSet = forms.formset_factory(ActionForm, formset=BaseActionFormSet, extra=2, can_delete=True)


def actions_initial(call) -> list[dict]:
    return [
        {
            "id": a.pk,
            "code": a.code,
            "title": a.title,
            "budget": format_amount(a.budget),
            "description": a.description,
            "target_groups": a.target_group_list(),
        }
        for a in call.actions.all()
    ]


class IndicatorForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Indicator"), max_length=400)
    unit = forms.CharField(label=gettext_lazy("Unit"), max_length=60, help_text=gettext_lazy("E.g. persons, events, hours."))
    minimum = LocalDecimalField(label=gettext_lazy("Minimum value"), min_value=Decimal(0))
    source = forms.ChoiceField(
        label=gettext_lazy("Value"), required=False,
        choices=lambda: [("", _("declared by the offeror")),
                         *((value, _("computed: %(count)s") % {"count": label}) for value, label in ScaleSource.choices)],
        help_text=gettext_lazy("A computed value is counted from the offer (e.g. the zones it ticks) and cannot be typed."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            _row(("name", 5), ("unit", 2), ("minimum", 2), ("source", 3)),
            "DELETE",
        )


class BaseIndicatorFormSet(SectionFormSet):
    section = "indicators"
    depth = 1
    row_label = gettext_lazy("Indicator")

    def service_row(self, data):
        return {"name": data["name"].strip(), "unit": data["unit"].strip(), "minimum": data["minimum"],
                "source": data.get("source") or ""}

    def document_row(self, data):
        return {"name": data["name"], "unit": data["unit"], "minimum": str(data["minimum"]),
                "source": data.get("source") or None}

    def with_rows(self, document, rows):
        document["actions"][self.parent_index]["indicators"] = rows
        return document


IndicatorFormSet = forms.formset_factory(IndicatorForm, formset=BaseIndicatorFormSet, extra=2, can_delete=True)


def indicators_initial(action) -> list[dict]:
    return [{"name": i.name, "unit": i.unit, "minimum": as_number(i.minimum), "source": i.source}
            for i in action.indicators.all()]


class ZonesForm(forms.Form):
    zones = LinesField(
        label=gettext_lazy("Urban zones of the revitalisation area"),
        required=False,
        rows=8,
        help_text=gettext_lazy("One zone per line."),
    )

    def __init__(self, *args, document: dict | None = None, **kwargs):
        self.document = document
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    def clean_zones(self):
        zones = self.cleaned_data["zones"]
        if self.document is None:
            return zones
        messages = []
        for error in rule_errors({**copy.deepcopy(self.document), "zones": zones}):
            if section_of(error.path)[0] != "zones":
                continue
            index = path_segments(error.path)[0].index
            if index is None:
                messages.append(error.message)
            else:
                messages.append(_("Zone %(n)s: %(message)s") % {"n": index + 1, "message": error.message})
        if messages:
            raise ValidationError(messages)
        return zones


class LprProjectForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("Project number"), max_length=20, help_text=gettext_lazy("E.g. 1a."))
    name = forms.CharField(label=gettext_lazy("Description"), max_length=400, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_row(("code", 3), ("name", 9)), "DELETE")


class BaseLprFormSet(SectionFormSet):
    section = "lpr"
    row_label = gettext_lazy("Project")

    def service_row(self, data):
        return {"code": data["code"].strip(), "name": data["name"].strip()}

    document_row = service_row

    def with_rows(self, document, rows):
        document["lpr_projects"] = rows
        return document


LprFormSet = forms.formset_factory(LprProjectForm, formset=BaseLprFormSet, extra=3, can_delete=True)


def lpr_initial(call) -> list[dict]:
    return [{"code": p.code, "name": p.name} for p in call.lpr_projects.all()]


class FormalCriterionForm(forms.Form):
    question = MultilineField(label=gettext_lazy("Question (answered yes or no)"), max_length=500, rows=2)
    auto_check = forms.ChoiceField(
        label=gettext_lazy("Automatic check"),
        required=False,
        choices=[("", gettext_lazy("none: the clerk answers"))] + list(FormalCheck.choices),
        help_text=gettext_lazy("Pre-answers the question from the offer's data; the clerk confirms or overrides."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_row(("question", 8), ("auto_check", 4)), "DELETE")


class BaseFormalFormSet(SectionFormSet):
    section = "formal"
    row_label = gettext_lazy("Criterion")

    def service_row(self, data):
        return {"question": data["question"].strip(), "auto_check": data["auto_check"]}

    def document_row(self, data):
        return {"question": data["question"], "auto_check": data["auto_check"] or None}

    def with_rows(self, document, rows):
        document["formal_criteria"] = rows
        return document


FormalFormSet = forms.formset_factory(FormalCriterionForm, formset=BaseFormalFormSet, extra=2, can_delete=True)


def formal_initial(call) -> list[dict]:
    return [{"question": c.question, "auto_check": c.auto_check} for c in call.formal_criteria.all()]
