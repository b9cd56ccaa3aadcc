"""Merit criteria of a call, and their parts: the sub-criteria of a judged criterion or
the steps of a scale."""
import copy

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from competition import rules
from competition.choices import ScaleSource
from competition.forms.fields import _helper, _row
from competition.forms.sections import SectionFormSet

class MeritCriterionForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("Code"), max_length=10, help_text=gettext_lazy("E.g. a."))
    title = forms.CharField(label=gettext_lazy("Criterion"), max_length=400)
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        initial="judgement",
        choices=[
            ("judgement", gettext_lazy("judged by each member within sub-criteria ranges")),
            ("scale", gettext_lazy("points from a count, by a step scale")),
        ],
    )
    source = forms.ChoiceField(
        label=gettext_lazy("Count the scale reads"),
        required=False,
        choices=[("", "—")] + list(ScaleSource.choices),
        help_text=gettext_lazy("Only for a step scale."),
    )
    member_confirms = forms.BooleanField(
        label=gettext_lazy("A commission member confirms the count"),
        required=False,
        help_text=gettext_lazy("Only for a step scale, e.g. coherence with LPR projects."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            _row(("code", 2), ("title", 10)),
            _row(("kind", 5), ("source", 4), ("member_confirms", 3)),
            "DELETE",
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == "judgement":
            cleaned["source"], cleaned["member_confirms"] = "", False
        elif cleaned.get("kind") == "scale" and not cleaned.get("source"):
            self.add_error("source", _("Choose the count that a step scale turns into points."))
        return cleaned


class BaseMeritFormSet(SectionFormSet):
    """Criteria without their parts: a kept code keeps its sub-criteria or steps."""

    section = "merit"
    row_label = gettext_lazy("Criterion")

    def _parts(self, code: str, kind: str) -> dict:
        existing = {c["code"]: c for c in (self.document or {}).get("merit_criteria", [])}.get(code, {})
        if kind == "scale":
            return {"subcriteria": [], "steps": existing.get("steps", [])}
        return {"subcriteria": existing.get("subcriteria", []), "steps": []}

    def service_row(self, data):
        row = self.document_row(data)
        row["title"] = row["title"].strip()
        return row

    def document_row(self, data):
        code = data["code"].strip()
        return {
            "code": code,
            "title": data["title"],
            "kind": data["kind"],
            "source": data["source"],
            "member_confirms": data["member_confirms"],
            **self._parts(code, data["kind"]),
        }

    def with_rows(self, document, rows):
        document["merit_criteria"] = rows
        document["max_points"] = sum(rules.criterion_max_points(c) for c in rows)
        return document


MeritFormSet = forms.formset_factory(MeritCriterionForm, formset=BaseMeritFormSet, extra=2, can_delete=True)


def merit_initial(call) -> list[dict]:
    return [
        {"code": c.code, "title": c.title, "kind": c.kind, "source": c.source, "member_confirms": c.member_confirms}
        for c in call.merit_criteria.all()
    ]


class SubcriterionForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Sub-criterion"), max_length=400)
    min = forms.IntegerField(label=gettext_lazy("Points from"), min_value=0, initial=0)
    max = forms.IntegerField(label=gettext_lazy("Points up to"), min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            _row(("name", 8), ("min", 2), ("max", 2)),
            "DELETE",
        )


class StepForm(forms.Form):
    min_count = forms.IntegerField(label=gettext_lazy("From the count"), min_value=0)
    points = forms.IntegerField(label=gettext_lazy("Points"), min_value=0)
    label = forms.CharField(label=gettext_lazy("Description"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            _row(("min_count", 2), ("points", 2), ("label", 8)),
            "DELETE",
        )


class BaseCriterionPartsFormSet(SectionFormSet):
    """Sub-criteria of a judged criterion, or the steps of a scale (`part` says which)."""

    section = "merit_parts"
    depth = 1
    part = ""

    def service_row(self, data):
        return {key: (value.strip() if isinstance(value, str) else value) for key, value in data.items() if key != "DELETE"}

    document_row = service_row

    def with_rows(self, document, rows):
        if self.part == "steps":
            rows = sorted(rows, key=lambda s: s["min_count"])
        document["merit_criteria"][self.parent_index][self.part] = rows
        document["max_points"] = sum(rules.criterion_max_points(c) for c in document["merit_criteria"])
        return document

    def criteria(self) -> list[dict]:
        """Every criterion of the call, this one with the rows typed here (for the service)."""
        criteria = copy.deepcopy(self.document["merit_criteria"])
        criteria[self.parent_index][self.part] = self.items()
        return criteria


class BaseSubcriterionFormSet(BaseCriterionPartsFormSet):
    part = "subcriteria"
    row_label = gettext_lazy("Sub-criterion")


class BaseStepFormSet(BaseCriterionPartsFormSet):
    part = "steps"
    row_label = gettext_lazy("Step")


SubcriterionFormSet = forms.formset_factory(SubcriterionForm, formset=BaseSubcriterionFormSet, extra=2, can_delete=True)
StepFormSet = forms.formset_factory(StepForm, formset=BaseStepFormSet, extra=2, can_delete=True)


def parts_initial(criterion) -> list[dict]:
    if criterion.kind == "scale":
        return [{"min_count": s.min_count, "points": s.points, "label": s.label} for s in criterion.steps.all()]
    return [{"name": s.name, "min": s.min_points, "max": s.max_points} for s in criterion.subcriteria.all()]
