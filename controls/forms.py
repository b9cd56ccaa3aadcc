"""Forms of control: planning a control, recording its findings, the grantee's answer, a demand
for return and its payment. Every error names the rule and keeps what was typed."""
from django import forms
from django.utils.translation import gettext_lazy as _

from competition.forms.fields import MoneyField
from controls.models import Control, GrantReturn
from core import limits


def _date_widget():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PlanForm(forms.Form):
    scope = forms.MultipleChoiceField(
        label=_("What the control covers (art. 17 of the Act)"), choices=Control.Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one matter the control covers (art. 17 of the Act).")})
    starts_on = forms.DateField(label=_("From"), widget=_date_widget())
    ends_on = forms.DateField(label=_("Until"), widget=_date_widget())
    place = forms.CharField(label=_("Place"), max_length=300)
    controllers = forms.CharField(
        label=_("Controllers"), max_length=limits.TEXT, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One person a line: name and position (officials of the authority or persons it authorises)."),
        error_messages={"required": _("Name at least one person carrying out the control (art. 17 of the Act: the "
                                      "authority's officials or persons it authorises).")})


class RecordForm(forms.Form):
    carried_out_on = forms.DateField(label=_("Carried out on"), widget=_date_widget())
    findings = forms.CharField(label=_("Findings"), max_length=limits.LONG_TEXT, widget=forms.Textarea(attrs={"rows": 6}))
    recommendations = forms.CharField(label=_("Recommendations"), required=False, max_length=limits.TEXT,
                                      widget=forms.Textarea(attrs={"rows": 4}),
                                      help_text=_("Empty: nothing to follow; the control is closed."))
    answer_due = forms.DateField(label=_("The grantee answers by"), required=False, widget=_date_widget())


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("How the recommendations were followed"), max_length=limits.TEXT,
                             widget=forms.Textarea(attrs={"rows": 6}))


class DemandForm(forms.Form):
    kind = forms.ChoiceField(label=_("Why the money is returned"), choices=GrantReturn.Kind.choices,
                             widget=forms.RadioSelect)
    amount = MoneyField(label=_("Amount to return (zł)"))
    found_on = forms.DateField(label=_("Established on"), widget=_date_widget(),
                               help_text=_("The day the circumstance was established (for money used against its "
                                           "purpose or taken in excess: the 15 days to return it run from it)."))
    interest_from = forms.DateField(
        label=_("Interest from"), required=False, widget=_date_widget(),
        help_text=_("Empty: as the law sets (unspent: the day after the deadline of art. 251; used against its purpose: "
                    "the day the grant was transferred; taken in excess: the day after the 15 days)."))
    reason = forms.CharField(label=_("Reason"), max_length=limits.TEXT, widget=forms.Textarea(attrs={"rows": 3}))


class PaidForm(forms.Form):
    paid_on = forms.DateField(label=_("Paid on"), widget=_date_widget())
