"""The forms of the negotiation stage: an offeror giving up its grant, a clerk extending the
deadline to answer a lower grant. The services check everything again inside their transaction;
their messages go back beside the fields (`core.forms.add_service_errors`)."""
from django import forms
from django.utils.translation import gettext_lazy

from core import limits

DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y")


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why the offeror resigns from the grant"), max_length=limits.TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Give the reason for resigning from the grant; it is recorded "
                                                 "and the office sees it.")},
        help_text=gettext_lazy("Recorded with the resignation; the office and the authority see it. The public "
                               "results say only that the offeror resigned."))
    confirm = forms.BooleanField(
        label=gettext_lazy("I understand that the offer then gets no grant, that the money goes to the next offers "
                           "in the ranking and that this cannot be undone"),
        error_messages={"required": gettext_lazy("Tick the box confirming that the offer then gets no grant, to "
                                                 "resign from it.")})


class ExtendForm(forms.Form):
    until = forms.DateField(
        label=gettext_lazy("New deadline to answer (the answer is due by the end of this day)"),
        input_formats=DATE_FORMATS, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": gettext_lazy("Give the new deadline."),
                        "invalid": gettext_lazy("Give the new deadline as a date, e.g. 30.06.2019.")})
    reason = forms.CharField(
        label=gettext_lazy("Why the deadline is extended (optional; recorded)"), required=False,
        max_length=limits.TEXT, widget=forms.Textarea(attrs={"rows": 2}))
