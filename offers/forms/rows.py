"""Tables of the offer edited as rows: partners, schedule, own results and costs."""
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import limits
from offers import rules, selectors
from offers.forms.fields import ZERO, MoneyField, NumberField, _date_widget, _text
from offers.models import CostItem, Offer, OfferAction, OwnResult, ScheduleRow
from organisations.models import Membership, Organisation


def _label(model, name: str):
    """The model field's verbose name, capitalised and still lazy (translated when shown)."""
    return capfirst(model._meta.get_field(name).verbose_name)


class RowsFormSet(forms.BaseFormSet):
    """Rows a service replaces as a whole. Rows shown from the offer are always kept (unless
    ticked for deletion); a new row is kept once something is typed in it."""

    row_label = ""
    default_error_messages = {
        "too_many_forms": gettext_lazy("This table may have at most %(num)d rows: delete the rows above the limit "
                                       "(tick “Delete this row”) and save again."),
    }

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


def _offerors_by_name(offer: Offer) -> list[Organisation]:
    return sorted(selectors.offerors(offer), key=lambda o: o.name)


class ObjectChoiceField(forms.TypedChoiceField):
    """A choice among objects the offer already holds (prefetched with it): unlike a
    ModelChoiceField, neither showing nor checking it reads the database, which would be once
    per row of the table. Cleans to the object (None when empty)."""

    def __init__(self, *, objects=(), empty_label="---------", **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(empty_value=None, **kwargs)
        self.set_objects(objects, empty_label=empty_label)

    def set_objects(self, objects, *, empty_label="---------") -> None:
        """The objects to choose from, on this form's own copy of the field."""
        self.objects = {str(o.pk): o for o in objects}
        self.choices = [("", empty_label), *((str(o.pk), str(o)) for o in objects)]

    def _coerce(self, value):
        if value == self.empty_value or value in self.empty_values:
            return self.empty_value
        if isinstance(value, models.Model):
            return value
        try:
            return self.objects[str(value)]
        except KeyError:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                  params={"value": value}) from None

    def prepare_value(self, value):
        return getattr(value, "pk", value)


class PartnerForm(RowForm):
    columns = {"organisation": "col-12 col-md-7", "role": "col-12 col-md-5"}
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=gettext_lazy("Organisation"))
    role = forms.CharField(label=gettext_lazy("Role in the task"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        # Only an organisation with a member can be invited: one of them has to accept.
        field.queryset = (Organisation.objects.exclude(pk=self.offer.organisation_id)
                          .filter(Q(pk__in=Membership.objects.values("organisation"))
                                  | Q(partner_in__offer=self.offer))
                          .distinct().order_by("name"))
        field.label_from_instance = lambda o: f"{o.name} ({o.city})" if o.city else o.name
        field.help_text = _("Any organisation registered in the portal with at least one member. It joins the offer "
                            "only when one of its members accepts the invitation; until then the offer shows only "
                            "its name.")


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
        return [{"organisation": p.organisation_id, "role": p.role} for p in selectors.partners_of(offer)]


class ScheduleRowForm(RowForm):
    columns = {"activity": "col-12 col-md-6", "target_group": "col-12 col-md-6", "description": "col-12",
               "start_date": "col-6 col-md-3", "end_date": "col-6 col-md-3", "offer_action": "col-12 col-md-6",
               "responsible": "col-12 col-md-6", "non_party": "col-12"}
    activity = forms.CharField(label=_label(ScheduleRow, "activity"), max_length=300)
    description = forms.CharField(label=_label(ScheduleRow, "description"), required=False, widget=_text(2),
                                  max_length=limits.NOTE)
    target_group = forms.CharField(label=_label(ScheduleRow, "target_group"), max_length=300, required=False)
    start_date = forms.DateField(label=_label(ScheduleRow, "start_date"), required=False, widget=_date_widget())
    end_date = forms.DateField(label=_label(ScheduleRow, "end_date"), required=False, widget=_date_widget())
    offer_action = ObjectChoiceField(label=_label(ScheduleRow, "offer_action"))
    responsible = ObjectChoiceField(label=_label(ScheduleRow, "responsible"))
    non_party = forms.BooleanField(label=_label(ScheduleRow, "non_party"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offer_action"].set_objects(list(self.offer.offer_actions.all()))
        self.fields["responsible"].set_objects(_offerors_by_name(self.offer))


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
    """A line of the V.A table: its columns in the form's order; the personal contribution is
    hours × the value of an hour, computed (the field is shown read-only)."""

    kind = forms.ChoiceField(label=gettext_lazy("Category"), choices=CostItem.Kind.choices,
                             initial=CostItem.Kind.SUBSTANTIVE)
    name = forms.CharField(label=gettext_lazy("Type of cost"), max_length=300)
    unit = forms.CharField(label=gettext_lazy("Unit of measure"), max_length=60, required=False)
    quantity = NumberField(label=_label(CostItem, "quantity"), empty=ZERO, initial=Decimal("1"))
    unit_cost = MoneyField(label=_label(CostItem, "unit_cost"))
    grant = MoneyField(label=_label(CostItem, "grant"))
    own_financial = MoneyField(label=gettext_lazy("From other financial resources"))
    personal_hours = NumberField(label=_label(CostItem, "personal_hours"), max_value=Decimal("99999999.99"))
    personal_rate = MoneyField(label=_label(CostItem, "personal_rate"), empty=None, max_value=Decimal("99999999.99"))
    own_personal = MoneyField(label=_label(CostItem, "own_personal"))
    own_in_kind = MoneyField(label=_label(CostItem, "own_in_kind"))
    in_kind_valuation = forms.CharField(label=_label(CostItem, "in_kind_valuation"), max_length=300, required=False)
    recipient_fees = MoneyField(label=_label(CostItem, "recipient_fees"))
    offeror = ObjectChoiceField(label=_label(CostItem, "offeror"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.offer.partners.all():
            self.fields["offeror"].set_objects(_offerors_by_name(self.offer), empty_label=_("the lead offeror"))
        else:
            del self.fields["offeror"]
        self.fields["own_personal"].widget.attrs.update({"readonly": True, "data-computed": "personal"})

    def clean(self):
        """Hours × the value of an hour is the personal contribution, to the grosz. A line with
        neither keeps the amount posted (a line saved before the value was computed)."""
        cleaned = super().clean()
        hours, rate = cleaned.get("personal_hours"), cleaned.get("personal_rate")
        if hours is not None and rate is not None:
            cleaned["own_personal"] = rules.item_total(hours, rate)
        return cleaned

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


def _formset(form, base, max_num: int, extra=1):
    """`max_num` rows at most (docs/limits.md); rows posted beyond it are still read back
    (up to `absolute_max`), so the page shows them with the error instead of losing them."""
    return forms.formset_factory(form, formset=base, extra=extra, can_delete=True, max_num=max_num,
                                 validate_max=True, absolute_max=max_num + 50)


PartnerFormSet = _formset(PartnerForm, BasePartnerFormSet, 200)
ScheduleFormSet = _formset(ScheduleRowForm, BaseScheduleFormSet, limits.MAX_SCHEDULE_ROWS)
OwnResultFormSet = _formset(OwnResultForm, BaseOwnResultFormSet, limits.MAX_RESULT_ROWS)
CostFormSet = _formset(CostItemForm, BaseCostFormSet, limits.MAX_COST_ROWS)
