"""Forms of the offer writer: one page per section of the official offer form.

They turn what a volunteer treasurer typed (amounts the Polish way, dates, rows of a
table) into the values the services take, and check nothing but the format: a draft may
break every rule of the call and is still saved. What blocks submission is listed by
`selectors.offer_problems`, where each rule lives once.

`OfferStep` gathers the forms of one page: the step form, which carries the revision the
page was based on, and the formsets of the section. The view hands its values to one
service.
"""
import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from competition.models import Action, RevitalisationProject, UrbanZone
from core.money import format_amount, format_money, to_money
from offers import rules, selectors, services
from offers.models import CostItem, Offer, OfferAction, Organisation, OwnResult, ScheduleRow
from core.forms import error_summary  # noqa: F401 (the views use forms.error_summary)

ZERO = Decimal("0.00")
SECTION_LABELS = {
    "basics": gettext_lazy("Basic information"),
    "offerors": gettext_lazy("Offerors"),
    "description": gettext_lazy("Description of the task"),
    "actions": gettext_lazy("Actions"),
    "indicators": gettext_lazy("Results and indicators"),
    "schedule": gettext_lazy("Plan and schedule"),
    "zones": gettext_lazy("Zones and LPR projects"),
    "resources": gettext_lazy("Resources"),
    "costs": gettext_lazy("Costs"),
    "other": gettext_lazy("Other information"),
    "statements": gettext_lazy("Statements"),
}
# Thousands may be grouped with a space; a comma or a dot separates at most two decimals.
_NUMBER = re.compile(r"^\d{1,3}(?:[ \u00a0\u202f]?\d{3})*(?:[.,]\d{1,2})?$")


def section_label(section: str) -> str:
    return str(SECTION_LABELS.get(section, section))


def _label(model, name: str):
    """The model field's verbose name, capitalised and still lazy (translated when shown)."""
    return capfirst(model._meta.get_field(name).verbose_name)


def plain_number(value: Decimal) -> str:
    """Decimal("10.00") -> "10"; Decimal("2.50") -> "2,5" (how a count is typed)."""
    return format(Decimal(value).normalize(), "f").replace(".", ",")


_CHECK = {"class": "form-check-input"}


def _date_widget():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _text(rows: int = 4):
    return forms.Textarea(attrs={"rows": rows})


# --- numbers typed the Polish way ---------------------------------------------------------


class NumberField(forms.CharField):
    """A non-negative number: "1 234,50", "1234.50" and "1234,5" are the same.

    `empty` is what a blank field means (zero for sources of financing, None where the
    model allows no value). A dot never groups thousands ("1.234" would be ambiguous).
    """

    money = False

    def __init__(self, *, empty=None, max_value: Decimal = Decimal("9999999999.99"), **kwargs):
        self.empty, self.max_value = empty, max_value
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return format_amount(value) if self.money else plain_number(value)
        return value

    def has_changed(self, initial, data):
        """A blank field equals its empty value, so an untouched new row stays unchanged."""
        try:
            new = self.to_python(data)
            old = self.to_python(self.prepare_value(initial)) if initial not in self.empty_values else self.empty
        except ValidationError:
            return True
        return old != new

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return self.empty
        if value.startswith("-"):
            raise ValidationError(_("Enter a number that is not negative."), code="negative")
        if not _NUMBER.match(value):
            raise ValidationError(
                _("Enter a number with at most two decimal places, e.g. 1 234,50 or 1234.50."), code="invalid"
            )
        number = to_money(value)
        if number > self.max_value:
            raise ValidationError(_("The number is too large."), code="max_value")
        return number


class MoneyField(NumberField):
    """An amount in złoty, shown as "1 234,50"."""

    money = True

    def __init__(self, **kwargs):
        kwargs.setdefault("empty", ZERO)
        kwargs.setdefault("max_value", Decimal("999999999999.99"))
        super().__init__(**kwargs)


# --- starting an offer ------------------------------------------------------------------------


class OfferCreateForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        label=gettext_lazy("Lead offeror"),
        help_text=gettext_lazy("The organisation that submits the offer. Partners of a joint offer are added later."),
    )
    title = forms.CharField(
        label=gettext_lazy("Working title of the task"), max_length=300, required=False,
        help_text=gettext_lazy("You can change it at any time."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        orgs = selectors.organisations_of(user).order_by("name")
        self.fields["organisation"].queryset = orgs
        if len(orgs) == 1:
            self.fields["organisation"].initial = orgs[0].pk


# --- the step form: carries the revision ----------------------------------------------------


class StepForm(forms.Form):
    """The form every step has: the revision of the offer the page was rendered from."""

    revision = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args, offer: Offer, **kwargs):
        self.offer = offer
        super().__init__(*args, **kwargs)


class FieldsForm(StepForm):
    """Plain fields of the offer that `services.offer_save_fields` saves for one section."""

    section = ""
    widgets: dict = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = services.SECTION_FIELDS[self.section]
        self.fields.update(forms.fields_for_model(Offer, fields=names, widgets=self.widgets))
        for name in names:
            if isinstance(self.fields[name].widget, forms.Textarea):
                self.fields[name].widget.attrs.setdefault("rows", 4)

    @classmethod
    def initial_for(cls, offer: Offer) -> dict:
        return {name: getattr(offer, name) for name in services.SECTION_FIELDS[cls.section]}

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in services.SECTION_FIELDS[self.section]}


class BasicsForm(FieldsForm):
    section = "basics"
    widgets = {"start_date": _date_widget(), "end_date": _date_widget()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        call = self.offer.call
        period = _("The call's realisation period: %(start)s – %(end)s.") % {
            "start": call.realisation_start.strftime("%d.%m.%Y"), "end": call.realisation_end.strftime("%d.%m.%Y")}
        self.fields["start_date"].help_text = period
        self.fields["end_date"].help_text = period


class DescriptionForm(FieldsForm):
    section = "description"
    widgets = {name: _text(6) for name in services.SECTION_FIELDS["description"]}


class ResourcesForm(FieldsForm):
    section = "resources"
    widgets = {name: _text(5) for name in services.SECTION_FIELDS["resources"]}


class OtherForm(FieldsForm):
    section = "other"
    widgets = {"other_information": _text(5)}


class StatementsForm(FieldsForm):
    section = "statements"


class ActionsForm(StepForm):
    actions = forms.ModelMultipleChoiceField(
        queryset=Action.objects.none(), required=False, widget=forms.CheckboxSelectMultiple(_CHECK),
        label=gettext_lazy("Actions the offer covers"),
    )
    confirm_drop = forms.BooleanField(required=False, label=gettext_lazy("Yes, delete the costs and results of the unticked actions"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["actions"]
        field.queryset = self.offer.call.actions.all()
        field.label_from_instance = lambda a: _("%(code)s. %(title)s — budget %(budget)s") % {
            "code": a.code, "title": a.title, "budget": format_money(a.budget)}
        field.help_text = _("The call requires at least %(n)s action(s). Unticking an action deletes its costs, "
                            "declared indicators and results.") % {"n": self.offer.call.min_actions}

    @staticmethod
    def initial_for(offer: Offer) -> dict:
        return {"actions": [oa.action_id for oa in offer.offer_actions.all()]}

    def clean(self):
        cleaned = super().clean()
        chosen = {a.pk for a in cleaned.get("actions") or []}
        dropped = [oa for oa in self.offer.offer_actions.all() if oa.action_id not in chosen and _has_data(oa)]
        if dropped and not cleaned.get("confirm_drop"):
            self.add_error("confirm_drop", _("Unticking %(actions)s deletes the costs and results already entered "
                                             "for it. Tick the box to confirm, or tick the action again.")
                           % {"actions": ", ".join(oa.action.code for oa in dropped)})
        return cleaned


def _has_data(oa: OfferAction) -> bool:
    return bool(oa.cost_items.all() or oa.own_results.all()
                or any(iv.value is not None or iv.monitoring for iv in oa.indicator_values.all()))


class IndicatorsForm(StepForm):
    """The declared value and its monitoring for every mandatory indicator of the chosen actions."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for oa in self.offer.offer_actions.all():
            for iv in oa.indicator_values.all():
                ind = iv.indicator
                self.fields[f"value_{iv.pk}"] = NumberField(
                    label=_("Declared value (%(unit)s)") % {"unit": ind.unit},
                    help_text=_("minimum %(min)s") % {"min": plain_number(ind.minimum)},
                    widget=forms.TextInput(attrs={"class": "form-control", "inputmode": "decimal", "autocomplete": "off",
                                                  "aria-describedby": f"id_value_{iv.pk}_min"}),
                )
                self.fields[f"monitoring_{iv.pk}"] = forms.CharField(
                    label=_("How it will be monitored"), max_length=300, required=False,
                    widget=forms.TextInput(attrs={"class": "form-control"}))

    @staticmethod
    def initial_for(offer: Offer) -> dict:
        initial = {}
        for oa in offer.offer_actions.all():
            for iv in oa.indicator_values.all():
                initial[f"value_{iv.pk}"], initial[f"monitoring_{iv.pk}"] = iv.value, iv.monitoring
        return initial

    def groups(self) -> list[dict]:
        """Per chosen action, its indicators with their two bound fields (for the template)."""
        return [
            {"offer_action": oa, "rows": [
                {"indicator": iv.indicator, "value": self[f"value_{iv.pk}"], "monitoring": self[f"monitoring_{iv.pk}"]}
                for iv in oa.indicator_values.all()]}
            for oa in self.offer.offer_actions.all()
        ]

    def values(self) -> dict:
        """{IndicatorValue pk: (value, monitoring)}, as `services.offer_save_indicators` takes it."""
        pks = [int(name.removeprefix("value_")) for name in self.fields if name.startswith("value_")]
        return {pk: (self.cleaned_data[f"value_{pk}"], self.cleaned_data[f"monitoring_{pk}"]) for pk in pks}


class ZonesForm(StepForm):
    zones = forms.ModelMultipleChoiceField(
        queryset=UrbanZone.objects.none(), required=False, widget=forms.CheckboxSelectMultiple(_CHECK),
        label=gettext_lazy("Urban zones of the revitalisation area where the task is carried out"),
    )
    lpr_projects = forms.ModelMultipleChoiceField(
        queryset=RevitalisationProject.objects.none(), required=False, widget=forms.CheckboxSelectMultiple(_CHECK),
        label=gettext_lazy("Projects of the Local Revitalisation Programme the task is coherent with"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["zones"].queryset = self.offer.call.zones.all()
        self.fields["lpr_projects"].queryset = self.offer.call.lpr_projects.all()

    @staticmethod
    def initial_for(offer: Offer) -> dict:
        return {"zones": [z.pk for z in offer.zones.all()], "lpr_projects": [p.pk for p in offer.lpr_projects.all()]}


# --- rows: partners, schedule, results, costs -------------------------------------------------


class RowsFormSet(forms.BaseFormSet):
    """Rows a service replaces as a whole. Rows shown from the offer are always kept (unless
    ticked for deletion); a new row is kept once something is typed in it."""

    row_label = ""

    def __init__(self, *args, offer: Offer, **kwargs):
        self.offer = offer
        kwargs["form_kwargs"] = {**kwargs.get("form_kwargs", {}), "offer": offer}
        super().__init__(*args, **kwargs)

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].widget.attrs["class"] = "form-check-input"

    def kept_forms(self) -> list[forms.Form]:
        return [
            form for i, form in enumerate(self.forms)
            if (i < self.initial_form_count() or form.has_changed()) and not self._should_delete_form(form)
        ]

    def rows(self) -> list[dict]:
        return [{k: v for k, v in form.cleaned_data.items() if k != "DELETE"} for form in self.kept_forms()]


class RowForm(forms.Form):
    """A row of a table of the form, laid out as a card: `columns` are the fields' grid classes."""

    columns: dict = {}

    def __init__(self, *args, offer: Offer, **kwargs):
        self.offer = offer
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.col = self.columns.get(name, "col-12 col-sm-6 col-lg-4")


def _offeror_choices(offer: Offer):
    return Organisation.objects.filter(pk__in=[o.pk for o in selectors.offerors(offer)]).order_by("name")


class PartnerForm(RowForm):
    columns = {"organisation": "col-12 col-md-7", "role": "col-12 col-md-5"}
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=gettext_lazy("Organisation"))
    role = forms.CharField(label=gettext_lazy("Role in the task"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.queryset = Organisation.objects.exclude(pk=self.offer.organisation_id).order_by("name")
        field.label_from_instance = lambda o: f"{o.name} ({o.city})" if o.city else o.name
        field.help_text = _("Any organisation registered in the portal. A partner that is missing has to register first.")


class BasePartnerFormSet(RowsFormSet):
    row_label = gettext_lazy("Partner")

    def clean(self):
        if any(self.errors):
            return
        ids = [row["organisation"].pk for row in self.rows()]
        if len(ids) != len(set(ids)):
            raise ValidationError(_("Each organisation can be a partner only once."))

    def partners(self) -> list[tuple]:
        return [(row["organisation"], row["role"]) for row in self.rows()]

    @staticmethod
    def initial_for(offer: Offer) -> list[dict]:
        return [{"organisation": p.organisation_id, "role": p.role} for p in offer.partners.all()]


class ScheduleRowForm(RowForm):
    columns = {"activity": "col-12 col-md-6", "target_group": "col-12 col-md-6", "description": "col-12",
               "start_date": "col-6 col-md-3", "end_date": "col-6 col-md-3", "offer_action": "col-12 col-md-6",
               "responsible": "col-12 col-md-6", "non_party": "col-12"}
    activity = forms.CharField(label=_label(ScheduleRow, "activity"), max_length=300)
    description = forms.CharField(label=_label(ScheduleRow, "description"), required=False, widget=_text(2))
    target_group = forms.CharField(label=_label(ScheduleRow, "target_group"), max_length=300, required=False)
    start_date = forms.DateField(label=_label(ScheduleRow, "start_date"), required=False, widget=_date_widget())
    end_date = forms.DateField(label=_label(ScheduleRow, "end_date"), required=False, widget=_date_widget())
    offer_action = forms.ModelChoiceField(queryset=OfferAction.objects.none(), required=False,
                                          label=_label(ScheduleRow, "offer_action"))
    responsible = forms.ModelChoiceField(queryset=Organisation.objects.none(), required=False,
                                         label=_label(ScheduleRow, "responsible"))
    non_party = forms.BooleanField(label=_label(ScheduleRow, "non_party"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offer_action"].queryset = OfferAction.objects.filter(offer=self.offer).select_related("action")
        self.fields["responsible"].queryset = _offeror_choices(self.offer)


class BaseScheduleFormSet(RowsFormSet):
    row_label = gettext_lazy("Activity")

    @staticmethod
    def initial_for(offer: Offer) -> list[dict]:
        return [
            {"activity": r.activity, "description": r.description, "target_group": r.target_group,
             "start_date": r.start_date, "end_date": r.end_date, "offer_action": r.offer_action_id,
             "responsible": r.responsible_id, "non_party": r.non_party}
            for r in offer.schedule.all()
        ]


class OwnResultForm(RowForm):
    columns = {"name": "col-12 col-md-5", "planned_value": "col-6 col-md-3", "monitoring": "col-6 col-md-4"}
    name = forms.CharField(label=_label(OwnResult, "name"), max_length=300)
    planned_value = forms.CharField(label=_label(OwnResult, "planned_value"), max_length=100)
    monitoring = forms.CharField(label=_label(OwnResult, "monitoring"), max_length=300, required=False)


class BaseOwnResultFormSet(RowsFormSet):
    row_label = gettext_lazy("Result")

    @staticmethod
    def initial_for(oa: OfferAction) -> list[dict]:
        return [{"name": r.name, "planned_value": r.planned_value, "monitoring": r.monitoring} for r in oa.own_results.all()]


COST_MONEY = ("unit_cost", "grant", "own_financial", "own_personal", "own_in_kind", "recipient_fees")


class CostItemForm(RowForm):
    columns = {"kind": "col-12 col-sm-6 col-lg-3", "name": "col-12 col-sm-6 col-lg-5", "unit": "col-6 col-lg-2",
               "quantity": "col-6 col-lg-2", **{name: "col-6 col-lg-3" for name in (
                   "unit_cost", "grant", "own_financial", "own_personal", "personal_hours", "personal_rate",
                   "own_in_kind", "recipient_fees")},
               "in_kind_valuation": "col-12 col-lg-6", "offeror": "col-12 col-lg-6"}
    kind = forms.ChoiceField(label=_label(CostItem, "kind"), choices=CostItem.Kind.choices,
                             initial=CostItem.Kind.SUBSTANTIVE)
    name = forms.CharField(label=_label(CostItem, "name"), max_length=300)
    unit = forms.CharField(label=_label(CostItem, "unit"), max_length=60, required=False)
    quantity = NumberField(label=_label(CostItem, "quantity"), empty=ZERO, initial=Decimal("1"))
    unit_cost = MoneyField(label=_label(CostItem, "unit_cost"))
    grant = MoneyField(label=_label(CostItem, "grant"))
    own_financial = MoneyField(label=_label(CostItem, "own_financial"))
    own_personal = MoneyField(label=_label(CostItem, "own_personal"))
    personal_hours = NumberField(label=_label(CostItem, "personal_hours"), max_value=Decimal("99999999.99"))
    personal_rate = MoneyField(label=_label(CostItem, "personal_rate"), empty=None, max_value=Decimal("99999999.99"))
    own_in_kind = MoneyField(label=_label(CostItem, "own_in_kind"))
    in_kind_valuation = forms.CharField(label=_label(CostItem, "in_kind_valuation"), max_length=300, required=False)
    recipient_fees = MoneyField(label=_label(CostItem, "recipient_fees"))
    offeror = forms.ModelChoiceField(queryset=Organisation.objects.none(), required=False,
                                     label=_label(CostItem, "offeror"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.offer.partners.all():
            self.fields["offeror"].queryset = _offeror_choices(self.offer)
            self.fields["offeror"].empty_label = _("the lead offeror")
        else:
            del self.fields["offeror"]

    def row_total(self) -> Decimal | None:
        """quantity × unit cost of what the row shows (typed or saved); None when unreadable."""
        values = []
        for name in ("quantity", "unit_cost"):
            field = self.fields[name]
            try:
                value = field.clean(self[name].value())
            except ValidationError:
                return None
            values.append(value if value is not None else ZERO)
        return rules.item_total(*values)


class BaseCostFormSet(RowsFormSet):
    row_label = gettext_lazy("Cost")

    def items(self) -> list[dict]:
        return [{"offeror": None, **row} for row in self.rows()]

    @staticmethod
    def initial_for(oa: OfferAction) -> list[dict]:
        names = ("kind", "name", "unit", "quantity", *COST_MONEY, "personal_hours", "personal_rate",
                 "in_kind_valuation", "offeror")
        return [{name: getattr(item, name) for name in names} for item in oa.cost_items.all()]


def _formset(form, base, extra=1):
    return forms.formset_factory(form, formset=base, extra=extra, can_delete=True, max_num=200, absolute_max=200)


PartnerFormSet = _formset(PartnerForm, BasePartnerFormSet)
ScheduleFormSet = _formset(ScheduleRowForm, BaseScheduleFormSet)
OwnResultFormSet = _formset(OwnResultForm, BaseOwnResultFormSet)
CostFormSet = _formset(CostItemForm, BaseCostFormSet)

FIELDS_FORMS = {form.section: form for form in (BasicsForm, DescriptionForm, ResourcesForm, OtherForm, StatementsForm)}
STEP_FORMS = {**FIELDS_FORMS, "actions": ActionsForm, "indicators": IndicatorsForm, "zones": ZonesForm}


# --- one page of the offer --------------------------------------------------------------------


class OfferStep:
    """The forms of one section: bound to what was posted, or filled from the offer.

    `formsets` are (offer_action or None, formset) pairs: the indicators and costs steps
    have one formset per chosen action.
    """

    def __init__(self, section: str, offer: Offer, data=None, *, read_only: bool = False):
        self.section, self.offer, self.data, self.read_only = section, offer, data, read_only
        form_class = STEP_FORMS.get(section, StepForm)
        initial = None
        if data is None:
            initial = {"revision": offer.revision, **(form_class.initial_for(offer) if section in STEP_FORMS else {})}
        self.form = form_class(data, offer=offer, initial=initial)
        self.formsets = self._formsets()

    def _formset(self, cls, prefix, initial_for, source):
        initial = initial_for(source) if self.data is None else None
        formset = cls(self.data, offer=self.offer, prefix=prefix, initial=initial)
        if self.read_only:
            formset.extra = 0  # nothing can be added: no empty rows
        return formset

    def _formsets(self) -> list[tuple]:
        chosen = list(self.offer.offer_actions.all())
        if self.data is not None:  # an action chosen since the page was shown is not on it
            prefix = "results" if self.section == "indicators" else "costs"
            chosen = [oa for oa in chosen if f"{prefix}-{oa.pk}-TOTAL_FORMS" in self.data]
        if self.section == "offerors":
            return [(None, self._formset(PartnerFormSet, "partners", PartnerFormSet.initial_for, self.offer))]
        if self.section == "schedule":
            return [(None, self._formset(ScheduleFormSet, "schedule", ScheduleFormSet.initial_for, self.offer))]
        if self.section == "indicators":
            return [(oa, self._formset(OwnResultFormSet, f"results-{oa.pk}", OwnResultFormSet.initial_for, oa))
                    for oa in chosen]
        if self.section == "costs":
            return [(oa, self._formset(CostFormSet, f"costs-{oa.pk}", CostFormSet.initial_for, oa)) for oa in chosen]
        return []

    @property
    def autosave(self) -> bool:
        """Choosing actions deletes data of the unticked ones: that step saves only on a click."""
        return self.section != "actions"

    def is_valid(self) -> bool:
        valid = self.form.is_valid()
        for _oa, formset in self.formsets:
            valid = formset.is_valid() and valid
        return valid

    def revision(self) -> int | None:
        return self.form.cleaned_data.get("revision")

    def disable(self) -> None:
        for form in self.all_forms():
            for field in form.fields.values():
                field.disabled = True

    def all_forms(self) -> list[forms.Form]:
        found = [self.form]
        for _oa, formset in self.formsets:
            found += formset.forms
        return found

    def errors(self, extra: list[str] = ()) -> list[dict]:
        return error_summary(self.form, *[fs for _oa, fs in self.formsets], extra=extra)

    # The values each service takes (valid forms only).

    def fields_data(self) -> dict:
        return self.form.values()

    def partners(self) -> list[tuple]:
        return self.formsets[0][1].partners()

    def schedule_rows(self) -> list[dict]:
        return self.formsets[0][1].rows()

    def indicator_values(self) -> tuple[dict, dict]:
        own = {oa.pk: formset.rows() for oa, formset in self.formsets}
        return self.form.values(), own

    def cost_items(self) -> list[tuple]:
        return [(oa, formset.items()) for oa, formset in self.formsets]


# --- errors shown at the top of a page ----------------------------------------------------



