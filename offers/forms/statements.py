"""The statements step (part VII of the offer form): the statements the call requires, each with a
checkbox, or with its two variants when it has them ("nie zalega / zalega"): either variant is an answer."""
from django import forms
from django.utils.translation import gettext as _

from competition.choices import ArrearsAnswer
from offers import services
from offers.forms.steps import FieldsForm
from offers.models import Offer
from offers.rules import STATEMENT_VARIANTS, STATEMENTS


def shown_statements(offer: Offer) -> list[str]:
    """The statements the offer's call requires, in the order of the form."""
    required = set(offer.call.required_statements or [])
    return [name for name in STATEMENTS if name.removeprefix("st_") in required]


class StatementsForm(FieldsForm):
    section = "statements"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        shown = shown_statements(self.offer)
        for name in services.SECTION_FIELDS[self.section]:
            del self.fields[name]
        for name in shown:
            label = Offer._meta.get_field(name).verbose_name
            variant = STATEMENT_VARIANTS.get(name)
            if variant is None:
                self.fields[name] = forms.BooleanField(label=label, required=False)
                continue
            self.fields[variant] = forms.ChoiceField(
                label=_("The offeror(s): %(statement)s — choose the variant that is true") % {
                    "statement": Offer._meta.get_field(variant).verbose_name},
                choices=ArrearsAnswer.choices, required=False, widget=forms.RadioSelect)

    @classmethod
    def initial_for(cls, offer: Offer) -> dict:
        initial = {name: getattr(offer, name) for name in STATEMENTS}
        for name, variant in STATEMENT_VARIANTS.items():
            # an offer confirmed before the variants existed stated "nie zalega"
            initial[variant] = getattr(offer, variant) or (ArrearsAnswer.NONE if getattr(offer, name) else "")
        return initial

    def values(self) -> dict:
        """The statements shown, as the offer stores them: a statement with variants is made once one is chosen."""
        values = {}
        for name in shown_statements(self.offer):
            variant = STATEMENT_VARIANTS.get(name)
            if variant is None:
                values[name] = self.cleaned_data[name]
            else:
                values[variant] = self.cleaned_data[variant]
                values[name] = bool(self.cleaned_data[variant])
        return values
