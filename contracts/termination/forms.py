"""The office's form recording the early end of a contract. Amounts are typed the Polish way
("1 200,00"); the service checks the rules (`contracts.termination.rules`) and its messages go
back beside the fields."""
from django import forms
from django.utils.translation import gettext_lazy

from competition.forms.fields import MoneyField
from contracts.termination.models import Termination
from core import limits


def _date_widget():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class TerminationForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("How the contract ends"), choices=Termination.Kind.choices,
                             widget=forms.RadioSelect)
    ground = forms.ChoiceField(
        label=gettext_lazy("Ground of the authority's termination"), required=False,
        choices=[("", gettext_lazy("— only when the authority terminates —")), *Termination.Ground.choices])
    on = forms.DateField(label=gettext_lazy("The contract ends on"), widget=_date_widget())
    reason = forms.CharField(label=gettext_lazy("Reason (the grantee receives it)"), max_length=limits.TEXT,
                             widget=forms.Textarea(attrs={"rows": 3}))
    paid = MoneyField(label=gettext_lazy("Grant transferred until then (PLN)"),
                      help_text=gettext_lazy("Filled in from the payment schedule: the tranches due by today."))
    spent = MoneyField(label=gettext_lazy("Grant spent properly until then (PLN)"),
                       help_text=gettext_lazy("The costs of the task paid from the grant that the office accepts."))
    return_by = forms.DateField(
        label=gettext_lazy("Grant to return by"), required=False, widget=_date_widget(),
        help_text=gettext_lazy("Needed when money is to be returned: the day the protocol (by agreement) or the "
                               "authority's termination sets."))
