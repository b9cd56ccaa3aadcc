"""One page of the offer: the step form and the formsets of its section together."""
from django import forms

from core.forms import error_summary
from offers.forms.rows import CostFormSet, OwnResultFormSet, PartnerFormSet, ScheduleFormSet
from offers.forms.registry import STEP_FORMS
from offers.forms.steps import StepForm
from offers.models import Offer


class OfferStep:
    """The forms of one section: bound to what was posted, or filled from the offer.

    `formsets` are (offer_action or None, formset) pairs: the indicators and costs steps
    have one formset per chosen action.
    """

    def __init__(self, section: str, offer: Offer, data=None, *, read_only: bool = False, add_row: str = ""):
        self.section, self.offer, self.data, self.read_only = section, offer, data, read_only
        self.add_row = add_row  # the prefix of a cost table asked for one more row (without JavaScript)
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
        elif cls is CostFormSet and initial:
            # Saved costs get no empty row below them: "Add a cost" adds one (a blank "Cost 3"
            # after every save looked like a line to fill, and was one more to scroll past).
            formset.extra = 1 if self.add_row == prefix else 0
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

    def partner_answers(self) -> list:
        """Every partner row with its answer (invited, accepted, declined), for the offerors step."""
        from offers.selectors import partners_of

        return partners_of(self.offer) if self.section == "offerors" else []

    def schedule_rows(self) -> list[dict]:
        return self.formsets[0][1].rows()

    def indicator_values(self) -> tuple[dict, dict]:
        own = {oa.pk: formset.rows() for oa, formset in self.formsets}
        return self.form.values(), own

    def cost_items(self) -> list[tuple]:
        return [(oa, formset.items()) for oa, formset in self.formsets]
