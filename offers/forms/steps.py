"""The step form of each page of the offer, which carries the revision the page was
based on, and the plain fields of each section."""
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.utils.translation import gettext_lazy

from competition.models import Action, RevitalisationProject, UrbanZone
from core.money import format_money
from offers import selectors, services
from offers.forms.fields import NumberField, _date_widget, _text, plain_number
from offers.models import Offer, OfferAction
from offers.rules import SECTION_LABELS, section_label  # noqa: F401 (section_label: offers.forms re-exports it)
from organisations.models import Organisation

_CHECK = {"class": "form-check-input"}


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


# The page carries the revision it was shown at, so a save can tell whether someone else has
# changed the offer since. Without a readable one nothing can be compared: nothing is saved.
REVISION_UNREADABLE = gettext_lazy(
    "This page does not say which version of the offer it was opened at, so nothing was saved: the offer may "
    "have been changed in the meantime. Copy what you typed, reload the page and type it again.")


class StepForm(forms.Form):
    """The form every step has: the revision of the offer the page was rendered from."""

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0, error_messages={
        "required": REVISION_UNREADABLE, "invalid": REVISION_UNREADABLE, "min_value": REVISION_UNREADABLE})

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
        minimum = self.offer.call.min_actions
        field.help_text = ngettext("The call requires at least %(n)s action. Unticking an action deletes its costs, "
                                   "declared indicators and results.",
                                   "The call requires at least %(n)s actions. Unticking an action deletes its costs, "
                                   "declared indicators and results.", minimum) % {"n": minimum}

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
        counts = selectors.indicator_counts(self.offer)
        for oa in self.offer.offer_actions.all():
            for iv in oa.indicator_values.all():
                ind = iv.indicator
                self.fields[f"value_{iv.pk}"] = NumberField(
                    label=_("Declared value (%(unit)s)") % {"unit": ind.unit},
                    help_text=_("minimum %(min)s") % {"min": plain_number(ind.minimum)},
                    widget=forms.TextInput(attrs={"class": "form-control", "inputmode": "decimal", "autocomplete": "off",
                                                  "aria-describedby": f"id_value_{iv.pk}_min"}),
                )
                if ind.source:  # computed from the offer: shown, never typed (a disabled field ignores posts)
                    field = self.fields[f"value_{iv.pk}"]
                    field.label = _("Computed value (%(unit)s)") % {"unit": ind.unit}
                    field.disabled, field.required = True, False
                    field.initial = counts.get(ind.source)
                    field.widget.attrs["aria-describedby"] = f"id_value_{iv.pk}_min id_value_{iv.pk}_computed"
                    field.computed_from = _("Computed from the offer: %(count)s. Change it in the offer's data, "
                                            "e.g. the urban zones ticked.") % {"count": ind.get_source_display()}
                self.fields[f"monitoring_{iv.pk}"] = forms.CharField(
                    label=_("How it will be monitored"), max_length=300, required=False,
                    widget=forms.TextInput(attrs={"class": "form-control"}))

    @staticmethod
    def initial_for(offer: Offer) -> dict:
        initial, counts = {}, selectors.indicator_counts(offer)
        for oa in offer.offer_actions.all():
            for iv in oa.indicator_values.all():
                value = selectors.indicator_value(iv, counts)  # a computed indicator: its count
                initial[f"value_{iv.pk}"], initial[f"monitoring_{iv.pk}"] = value, iv.monitoring
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
        pks = [int(name.removeprefix("value_")) for name, field in self.fields.items()
               if name.startswith("value_") and not field.disabled]
        computed = [int(name.removeprefix("value_")) for name, field in self.fields.items()
                    if name.startswith("value_") and field.disabled]
        values = {pk: (self.cleaned_data[f"value_{pk}"], self.cleaned_data[f"monitoring_{pk}"]) for pk in pks}
        # a computed indicator keeps no typed value; its monitoring is the offeror's
        values.update({pk: (None, self.cleaned_data[f"monitoring_{pk}"]) for pk in computed})
        return values


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


# The statements step (offers.forms.statements) joins these in offers.forms.registry.
FIELDS_FORMS = {form.section: form for form in (BasicsForm, DescriptionForm, ResourcesForm, OtherForm)}
STEP_FORMS = {**FIELDS_FORMS, "actions": ActionsForm, "indicators": IndicatorsForm, "zones": ZonesForm}
