"""Forms of the clerk's screens for defining a call.

They turn what the clerk typed (amounts the Polish way, percentages, one item per line)
into the values the services take. Before anything is written, a section is checked
against the call's own rules (`competition.rules.parse_call_document`, the same rules
the import and publication use), and each error is put beside the field it concerns,
so a rule still lives in one place.
"""
import copy
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from competition import rules
from competition.choices import FormalCheck, LegalForm, ScaleSource
from core.money import format_amount, to_money
from core.forms import error_summary  # noqa: F401 (the views use forms.error_summary)

# The structure of a call that is not yet created (the basics form checks its dates alone).
EMPTY_STRUCTURE = {"actions": [], "zones": [], "lpr_projects": [], "formal_criteria": [], "merit_criteria": [], "max_points": 0}
MAX_AMOUNT = Decimal("999999999999.99")  # Action.budget: 14 digits, 2 places

# --- where an error of the call document belongs -----------------------------------------

_SEGMENT = re.compile(r"^(?P<name>[a-z_]+)(?:\[(?P<index>\d+)\])?$")


@dataclass(frozen=True)
class Segment:
    name: str
    index: int | None


def path_segments(path: str) -> list[Segment]:
    """`actions[1].indicators[0].minimum` -> [actions/1, indicators/0, minimum/None]."""
    segments = []
    for part in path.split("."):
        match = _SEGMENT.match(part)
        if match is None:
            segments.append(Segment(part, None))
        else:
            index = match["index"]
            segments.append(Segment(match["name"], int(index) if index is not None else None))
    return segments


def section_of(path: str) -> tuple[str, int | None]:
    """The clerk's screen that edits the value at `path`, and the parent row it belongs to.

    ("indicators", 1) is the indicator page of the second action; ("merit_parts", 0) the
    sub-criteria or scale page of the first merit criterion; the parent is None otherwise.
    """
    segs = path_segments(path)
    head, rest = segs[0], segs[1:]
    if head.name == "actions":
        if rest and rest[0].name == "indicators":
            return "indicators", head.index
        return "actions", None
    if head.name == "merit_criteria":
        if rest and rest[0].name in ("subcriteria", "steps"):
            return "merit_parts", head.index
        return "merit", None
    simple = {"zones": "zones", "lpr_projects": "lpr", "formal_criteria": "formal", "max_points": "merit"}
    return simple.get(head.name, "basics"), None


def rule_errors(document: dict) -> list[rules.FieldError]:
    try:
        rules.parse_call_document(document)
    except rules.CallDocumentError as exc:
        return exc.errors
    return []


# --- fields ----------------------------------------------------------------------------


def parse_number(text: str) -> Decimal:
    """A number typed with spaces between thousands and a comma or a dot: "30 000,00"."""
    cleaned = text.replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace(",", ".")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(text) from None
    if not number.is_finite():
        raise ValueError(text)
    return number


class LocalDecimalField(forms.CharField):
    """A decimal number typed the Polish way ("2,5", "30 000,00") or with a dot."""

    def __init__(self, *, places: int = 2, min_value: Decimal | None = None, **kwargs):
        self.places, self.min_value = places, min_value
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            number = parse_number(value)
        except ValueError:
            raise ValidationError(_("Enter a number, e.g. 30 000,00 or 2,5."), code="invalid") from None
        if number.as_tuple().exponent < -self.places:
            raise ValidationError(
                _("Use at most %(places)s digits after the decimal comma.") % {"places": self.places}, code="places"
            )
        if abs(number) > MAX_AMOUNT:
            raise ValidationError(_("The number is too large."), code="max_value")
        if self.min_value is not None and number < self.min_value:
            raise ValidationError(_("Enter a value of at least %(min)s.") % {"min": self.min_value}, code="min_value")
        return number

    def has_changed(self, initial, data):
        """Compare numbers, not text: "30 000,00" shown and "30000" typed are the same amount."""
        try:
            return self.to_python(initial) != self.to_python(data)
        except ValidationError:
            return True


class MoneyField(LocalDecimalField):
    """An amount in złoty with grosze: "30 000,00", "30000" and "30000.00" are the same."""

    def to_python(self, value):
        number = super().to_python(value)
        return None if number is None else to_money(number)


class PercentField(LocalDecimalField):
    """A share typed in per cent ("90" or "90,5") that cleans to a fraction (Decimal("0.9000"))."""

    def __init__(self, *, allow_zero: bool, **kwargs):
        self.allow_zero = allow_zero
        super().__init__(places=2, **kwargs)

    def to_python(self, value):
        number = super().to_python(value)
        if number is None:
            return None
        if number > 100 or number < 0 or (number == 0 and not self.allow_zero):
            if self.allow_zero:
                raise ValidationError(_("Enter a percentage from 0 to 100."), code="range")
            raise ValidationError(_("Enter a percentage greater than 0 and at most 100."), code="range")
        return (number / 100).quantize(Decimal("0.0001"))


class MultilineField(forms.CharField):
    """Text typed in a textarea. Browsers send CRLF line ends; the call stores LF, so an
    untouched text is not recorded as a change."""

    def __init__(self, *, rows: int = 3, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": rows}))
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


class LinesField(MultilineField):
    """One item per line; cleans to the list of non-empty lines, without surrounding spaces."""

    def to_python(self, value):
        if isinstance(value, (list, tuple)):
            return [str(line).strip() for line in value if str(line).strip()]
        return _lines(super().to_python(value))

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, (list, tuple)) else value

    def has_changed(self, initial, data):
        return self.to_python(initial or "") != self.to_python(data or "")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def as_percent(fraction: Decimal) -> str:
    """Decimal("0.9000") -> "90"; Decimal("0.1250") -> "12,5" (what the clerk types)."""
    value = (Decimal(fraction) * 100).normalize()
    return format(value, "f").replace(".", ",")


def as_number(value: Decimal) -> str:
    return format(Decimal(value).normalize(), "f").replace(".", ",")


def _date_widget():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _moment_widget():
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _row(*columns: tuple[str, int]) -> Row:
    """A grid row of fields: ("code", 2) is the field `code` two columns of twelve wide."""
    return Row(*(Column(name, css_class=f"col-md-{width}") for name, width in columns))


def _helper(*layout) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    if layout:
        helper.layout = Layout(*layout)
    return helper


# --- the call's basic data -------------------------------------------------------------


class CallBasicsForm(forms.Form):
    """The announcement's own fields (services.BASIC_FIELDS); its dates are checked by the call's rules."""

    title = forms.CharField(label=gettext_lazy("Title of the announcement"), max_length=400)
    authority = forms.CharField(
        label=gettext_lazy("Announcing authority"), max_length=200, help_text=gettext_lazy("E.g. the Mayor of the Town.")
    )
    order_number = forms.CharField(label=gettext_lazy("Number of the order announcing the call"), max_length=80)
    announcement_date = forms.DateField(label=gettext_lazy("Date of the announcement"), widget=_date_widget())
    public_task_type = MultilineField(
        label=gettext_lazy("Type of public task"),
        help_text=gettext_lazy("The sphere of public tasks (art. 4 of the Act) and the goal of the task."),
    )
    legal_basis = MultilineField(label=gettext_lazy("Legal basis"))
    submission_start = forms.DateTimeField(
        label=gettext_lazy("Start of submission"),
        required=False,
        widget=_moment_widget(),
        help_text=gettext_lazy("Leave empty when offers may be submitted from publication."),
    )
    submission_deadline = forms.DateTimeField(label=gettext_lazy("Deadline for submitting offers"), widget=_moment_widget())
    confirmation_deadline = forms.DateTimeField(
        label=gettext_lazy("Deadline for delivering the signed confirmation"),
        widget=_moment_widget(),
        help_text=gettext_lazy("The date of receipt at the office decides."),
    )
    confirmation_address = MultilineField(label=gettext_lazy("Where the confirmation is delivered"), rows=2)
    decision_date = forms.DateField(label=gettext_lazy("Decision by"), widget=_date_widget())
    realisation_start = forms.DateField(label=gettext_lazy("Start of realisation"), widget=_date_widget())
    realisation_end = forms.DateField(label=gettext_lazy("End of realisation"), widget=_date_widget())
    eligible_entity_types = forms.MultipleChoiceField(
        label=gettext_lazy("Entities eligible to submit offers"),
        choices=LegalForm.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    min_actions = forms.IntegerField(label=gettext_lazy("Minimum number of actions in an offer"), min_value=1, initial=1)
    max_grant_share = PercentField(
        label=gettext_lazy("Maximum grant share of the task's total cost, in per cent"),
        allow_zero=False,
        initial="90",
        help_text=gettext_lazy("Type 90 for 90%: the grant may cover at most this part of the total cost."),
    )
    max_admin_share = PercentField(
        label=gettext_lazy("Maximum share of administrative costs, in per cent"),
        allow_zero=True,
        initial="15",
        help_text=gettext_lazy("Type 15 for 15% of the value of the actions and of each action."),
    )
    report_days = forms.IntegerField(
        label=gettext_lazy("Days for the final report after the end of the task"), min_value=1, initial=30
    )
    goals = MultilineField(label=gettext_lazy("Type and goal of the task"), required=False, rows=4)
    grant_rules = MultilineField(label=gettext_lazy("Rules for awarding grants"), required=False, rows=4)
    realisation_conditions = MultilineField(
        label=gettext_lazy("Dates and conditions of realisation"), required=False, rows=4
    )
    excluded_costs = MultilineField(label=gettext_lazy("What the grant may not be spent on"), required=False, rows=4)
    grantee_duties = MultilineField(label=gettext_lazy("Duties of grantees"), required=False, rows=4)
    submission_rules = MultilineField(
        label=gettext_lazy("Deadline and rules for submitting offers"), required=False, rows=4
    )
    selection_procedure = MultilineField(
        label=gettext_lazy("Procedure and criteria for selecting offers"), required=False, rows=4
    )
    previous_grants = MultilineField(
        label=gettext_lazy("Tasks of the same type funded this year and last year"),
        required=False,
        rows=4,
        help_text=gettext_lazy("Required by art. 13(2)(7) of the Act: the tasks and their grants."),
    )
    publication_places = MultilineField(
        label=gettext_lazy("Where the results are published"),
        required=False,
        rows=2,
        help_text=gettext_lazy("The Public Information Bulletin (BIP), the website, the notice board."),
    )
    contact_info = MultilineField(label=gettext_lazy("Further information and contact"), required=False)

    def __init__(self, *args, document: dict | None = None, **kwargs):
        self.document = document
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            "title",
            "authority",
            _row(("announcement_date", 4), ("decision_date", 4), ("order_number", 4)),
            "public_task_type",
            "legal_basis",
            _row(("submission_start", 4), ("submission_deadline", 4), ("confirmation_deadline", 4)),
            "confirmation_address",
            _row(("realisation_start", 6), ("realisation_end", 6)),
            "eligible_entity_types",
            _row(("min_actions", 3), ("max_grant_share", 3), ("max_admin_share", 3), ("report_days", 3)),
            *rules.TEXT_FIELDS,
        )

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        document = {**copy.deepcopy(self.document or EMPTY_STRUCTURE), **self.document_values(cleaned)}
        for error in rule_errors(document):
            if section_of(error.path)[0] != "basics":
                continue
            segs = path_segments(error.path)
            field = segs[1].name if segs[0].name == "texts" and len(segs) > 1 else segs[0].name
            self.add_error(field if field in self.fields else None, error.message)
        return cleaned

    @staticmethod
    def document_values(data: dict) -> dict:
        """The basic fields in the call-document format, for the rules."""
        values = {key: data[key] for key in rules.REQUIRED_STRINGS}
        values.update(
            announcement_date=_iso(data["announcement_date"]),
            submission_start=_iso(data["submission_start"]),
            submission_deadline=_iso(data["submission_deadline"]),
            confirmation_deadline=_iso(data["confirmation_deadline"]),
            decision_date=_iso(data["decision_date"]),
            realisation_start=_iso(data["realisation_start"]),
            realisation_end=_iso(data["realisation_end"]),
            eligible_entity_types=list(data["eligible_entity_types"]),
            min_actions=data["min_actions"],
            max_grant_share=str(data["max_grant_share"]),
            max_admin_share=str(data["max_admin_share"]),
            report_days=data["report_days"],
            texts={key: data[key] for key in rules.TEXT_FIELDS},
        )
        return values


def basics_initial(call) -> dict:
    initial = {name: getattr(call, name) for name in CallBasicsForm.base_fields}
    initial["max_grant_share"] = as_percent(call.max_grant_share)
    initial["max_admin_share"] = as_percent(call.max_admin_share)
    return initial


class ReasonForm(forms.Form):
    """The reason for amending a published call; it is published with the change."""

    reason = MultilineField(
        label=gettext_lazy("Reason for the change"),
        help_text=gettext_lazy("It is published together with the change and every changed value."),
        error_messages={
            "required": gettext_lazy("Give the reason for the change: a published call is amended only with a reason.")
        },
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "amendment")
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class ConfirmPublishForm(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy("I have checked the call; publish it now"),
        error_messages={"required": gettext_lazy("Tick the box to confirm the publication.")},
    )


# --- sections edited as rows -------------------------------------------------------------


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

    def service_row(self, data: dict) -> dict:
        raise NotImplementedError

    def document_row(self, data: dict) -> dict:
        raise NotImplementedError

    def with_rows(self, document: dict, rows: list[dict]) -> dict:
        raise NotImplementedError

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
    description = MultilineField(label=gettext_lazy("Description"), required=False)
    target_groups = LinesField(
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            _row(("name", 7), ("unit", 3), ("minimum", 2)),
            "DELETE",
        )


class BaseIndicatorFormSet(SectionFormSet):
    section = "indicators"
    depth = 1
    row_label = gettext_lazy("Indicator")

    def service_row(self, data):
        return {"name": data["name"].strip(), "unit": data["unit"].strip(), "minimum": data["minimum"]}

    def document_row(self, data):
        return {"name": data["name"], "unit": data["unit"], "minimum": str(data["minimum"])}

    def with_rows(self, document, rows):
        document["actions"][self.parent_index]["indicators"] = rows
        return document


IndicatorFormSet = forms.formset_factory(IndicatorForm, formset=BaseIndicatorFormSet, extra=2, can_delete=True)


def indicators_initial(action) -> list[dict]:
    return [{"name": i.name, "unit": i.unit, "minimum": as_number(i.minimum)} for i in action.indicators.all()]


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


# --- errors shown at the top of a page ----------------------------------------------------


def add_service_errors(exc: ValidationError, form=None, reason_form=None) -> list[str]:
    """Put a service's ValidationError on the fields it names; return the rest as messages."""
    rest = []
    if hasattr(exc, "error_dict"):
        for field, messages in exc.message_dict.items():
            if reason_form is not None and field == "reason":
                reason_form.add_error("reason", messages)
            elif isinstance(form, forms.Form) and field in form.fields:
                form.add_error(field, messages)
            else:
                rest.extend(messages)
    else:
        rest.extend(exc.messages)
    return rest


