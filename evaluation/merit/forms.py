"""Forms of the merit evaluation (Stage II): the commission member's declaration and score
sheet, and the chair's reasons (lifting a conflict, reopening a sheet, closing the stage).

They collect what the member typed, as typed: `services_merit` decides (the ranges of the
points, what a submitted sheet needs, the stage of the call). Their field names are the keys
of the services' ValidationError (`part-<sub-criterion pk>`, `count-<criterion pk>`,
`justification-<criterion pk>`, `opinion`, `conflict`, `grounds`), so `add_service_errors`
puts every message beside its field, and the page shows again exactly what was typed.
"""
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import limits
from evaluation.merit import rules
from evaluation.merit.selectors import SheetPage, member_name
from evaluation.merit.services import SheetInput

__all__ = ["DeclarationForm", "SheetForm", "NONE_APPLIES", "SOME_APPLY", "ReasonForm", "CloseForm", "lift_form",
           "reopen_form"]

NONE_APPLIES, SOME_APPLY = "none", "some"


def _text(rows: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def _number() -> forms.TextInput:
    """Points or a count: a number, so no "maks. N znaków" hint (core/limits.py)."""
    return forms.TextInput(attrs={"inputmode": "decimal"})


class DeclarationForm(forms.Form):
    """The impartiality declaration for one offer (KPA art. 24 with art. 15 of the Act).

    `conflict_only`: the member has already declared impartiality and may now only declare a
    conflict (the choice is then fixed, and only the grounds and explanation are asked)."""

    conflict = forms.ChoiceField(
        label=gettext_lazy("Your declaration"), required=False, widget=forms.RadioSelect,
        choices=[(NONE_APPLIES, gettext_lazy("None of the grounds for exclusion listed below applies to me.")),
                 (SOME_APPLY, gettext_lazy("One or more of the grounds for exclusion listed below applies to me."))],
    )
    grounds = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Grounds for exclusion that apply to me"), required=False, coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    explanation = forms.CharField(
        label=gettext_lazy("Explanation (optional)"), required=False, widget=_text(3), max_length=limits.TEXT,
        help_text=gettext_lazy("Kept with your declaration; the chair and the protocol see it."),
    )

    def __init__(self, data=None, *, grounds: list[str], conflict_only: bool = False, **kwargs):
        super().__init__(data, **kwargs)
        self.conflict_only = conflict_only
        self.fields["grounds"].choices = [(str(n), text) for n, text in enumerate(grounds)]
        if conflict_only:
            self.fields["conflict"].widget = forms.HiddenInput()
            self.fields["conflict"].initial = SOME_APPLY

    def ground_rows(self) -> list[dict]:
        """Each ground with its number (as the call lists them) and its checkbox."""
        return [{"number": n, "choice": choice} for n, choice in enumerate(self["grounds"], start=1)]

    def declaration(self) -> dict:
        """Keyword arguments of `services_merit.declaration_make`: conflict is None while unchosen."""
        data = self.cleaned_data
        return {
            "conflict": {NONE_APPLIES: False, SOME_APPLY: True}.get(data.get("conflict") or ""),
            "grounds": list(data.get("grounds") or []),
            "explanation": data.get("explanation") or "",
        }


class SheetForm(forms.Form):
    """One score sheet: a field per sub-criterion of the judgement criteria, a count for each
    scale criterion the member confirms, a justification per criterion; an expert's sheet has
    the opinion only. Criteria computed from the offer have no field: nothing to type."""

    revision = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, data=None, *, page: SheetPage, **kwargs):
        super().__init__(data, **kwargs)
        self.page = page
        sheet = page.sheet
        self.fields["revision"].initial = sheet.revision if sheet else ""
        if not page.scores:
            self.fields["opinion"] = forms.CharField(
                label=_("Your opinion"), required=False, widget=_text(8), max_length=limits.LONG_TEXT, initial=sheet.opinion if sheet else "")
            return
        for row in page.rows:
            criterion, entry = row.criterion, row.entry
            if criterion.kind == rules.JUDGEMENT:
                for part in criterion.parts:
                    value = entry.parts.get(part.pk)
                    self.fields[self.part_name(part)] = forms.CharField(
                        label=part.name, required=False, initial="" if value is None else str(value),
                        max_length=20, widget=_number())
            elif criterion.member_confirms:
                self.fields[self.count_name(criterion)] = forms.CharField(
                    label=_("Count for criterion %(code)s") % {"code": criterion.code}, required=False,
                    initial="" if entry.count is None else str(entry.count), max_length=20, widget=_number())
            else:
                continue
            self.fields[self.justification_name(criterion)] = forms.CharField(
                label=_("Justification of criterion %(code)s") % {"code": criterion.code}, required=False,
                widget=_text(3), initial=entry.justification, max_length=limits.TEXT)

    @staticmethod
    def part_name(part: rules.Part) -> str:
        return f"part-{part.pk}"

    @staticmethod
    def count_name(criterion: rules.Criterion) -> str:
        return f"count-{criterion.pk}"

    @staticmethod
    def justification_name(criterion: rules.Criterion) -> str:
        return f"justification-{criterion.pk}"

    def field(self, name: str):
        return self[name] if name in self.fields else None

    def revision_value(self) -> int | None:
        text = (self.cleaned_data.get("revision") or "").strip()
        return int(text) if text.isdigit() else None

    def sheet_input(self) -> SheetInput:
        """What was typed, unparsed: `sheet_save` parses it and names what is wrong."""
        data = self.cleaned_data
        result = SheetInput(opinion=data.get("opinion") or "")
        for row in self.page.rows if self.page.scores else []:
            criterion = row.criterion
            for part in criterion.parts:
                result.parts[part.pk] = data.get(self.part_name(part), "")
            if self.count_name(criterion) in self.fields:
                result.counts[criterion.pk] = data.get(self.count_name(criterion), "")
            result.justifications[criterion.pk] = data.get(self.justification_name(criterion), "")
        return result


# --- the chair's forms: one text field each ----------------------------------------------------------


class ReasonForm(forms.Form):
    """One reason, recorded with the change; the service decides whether it may be empty."""

    reason = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, label: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["reason"].label = label


class CloseForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for closing before the evaluation is complete"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Recorded in the history and the protocol together with the list of what is missing."),
    )

    confirmed = forms.BooleanField(required=False)  # closing despite what is missing cannot be undone

    def __init__(self, *args, complete: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.complete = complete

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not self.complete and not reason:
            raise ValidationError(_("The evaluation is not complete: give the reason for closing it anyway."))
        return reason

    def clean_confirmed(self) -> bool:
        if not self.complete and not self.cleaned_data.get("confirmed"):
            raise ValidationError(_("Confirm that the evaluation is closed although sheets are missing: tick the box "
                                    "under the reason (the final scores are then fixed from the sheets submitted)."))
        return bool(self.cleaned_data.get("confirmed"))


def lift_form(declaration, data=None) -> ReasonForm:
    label = _("Reason for lifting the conflict of %(member)s for offer %(offer)s") % {
        "member": member_name(declaration.member), "offer": declaration.offer.number}
    return ReasonForm(data, prefix=f"lift-{declaration.pk}", label=label)


def reopen_form(sheet, member, offer, data=None) -> ReasonForm:
    label = _("Reason for reopening the sheet of %(member)s for offer %(offer)s") % {
        "member": member_name(member), "offer": offer.number}
    return ReasonForm(data, prefix=f"reopen-{sheet.pk}", label=label)
