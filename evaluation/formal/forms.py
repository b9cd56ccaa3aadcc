"""Forms of the formal check. They only collect what the clerk typed; the services decide."""
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import limits
from core.forms import add_service_errors, error_summary
from evaluation.models import FormalAnswer
from evaluation.formal.rules import normalise_checksum
from offers.rules import section_label
from offers.rules import SECTIONS

__all__ = ["error_summary", "ReceiptForm", "VoidReceiptForm", "AnswersForm", "ReopenForm", "AnnulForm",
           "CorrectionForm"]

DATETIME_LOCAL = "%Y-%m-%dT%H:%M:%S"
YES, NO = "yes", "no"


def _text(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})




class ReceiptForm(forms.Form):
    received_at = forms.DateTimeField(
        label=gettext_lazy("Received at"),
        input_formats=[DATETIME_LOCAL, "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local", "step": "1"}, format=DATETIME_LOCAL),
        help_text=gettext_lazy("Warsaw time. The date and time of receipt decide whether the confirmation is on time."),
    )
    received_by = forms.CharField(label=gettext_lazy("Received by"), max_length=200)
    checksum_read = forms.CharField(
        label=gettext_lazy("Control sum read from the paper"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "class": "font-monospace"}),
        help_text=gettext_lazy("Type the control sum printed on the confirmation (groups of four characters; spaces "
                               "do not matter), or scan the code printed under it, e.g. 001/1/b0d96814."),
    )
    signed = forms.BooleanField(
        label=gettext_lazy("Signed by the persons authorised to represent the offeror(s)"), required=False,
        initial=True,
    )
    note = forms.CharField(label=gettext_lazy("Note"), required=False, widget=_text(2), max_length=limits.NOTE)
    # Shown only after a control sum that does not match: "check it again" before it is saved.
    confirm_mismatch = forms.BooleanField(
        label=gettext_lazy("I have checked the paper again: it carries the control sum typed above"),
        required=False,
    )
    warned = forms.CharField(widget=forms.HiddenInput, required=False)  # the sum the warning was about

    def __init__(self, *args, confirming: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not confirming:
            del self.fields["confirm_mismatch"], self.fields["warned"]

    def confirmed(self) -> bool:
        """The clerk ticked the confirmation for exactly the control sum they were warned about."""
        data = self.cleaned_data
        return bool(data.get("confirm_mismatch")) and data.get("warned") == normalise_checksum(data["checksum_read"])

    def service_values(self) -> dict:
        return {key: value for key, value in self.cleaned_data.items() if key not in ("confirm_mismatch", "warned")}

    @classmethod
    def initial_for(cls, user) -> dict:
        now = timezone.localtime().replace(microsecond=0)
        return {"received_at": now, "received_by": user.get_full_name() or user.email, "signed": True}


class AnswersForm(forms.Form):
    """Per criterion: yes or no, and a reason. Pre-selected with the computed answer until the
    clerk answers; the service refuses a "no" or an override without a reason."""

    def __init__(self, data=None, *, answers: list[FormalAnswer], **kwargs):
        super().__init__(data, **kwargs)
        self._answers = answers
        for n, answer in enumerate(answers, start=1):
            value = answer.value if answer.value is not None else answer.auto_value
            self.fields[self.value_name(answer)] = forms.ChoiceField(
                label=_("Criterion %(n)s, answer") % {"n": n},
                choices=[(YES, _("Yes")), (NO, _("No"))], required=False, widget=forms.RadioSelect,
                initial="" if value is None else (YES if value else NO),
            )
            self.fields[self.reason_name(answer)] = forms.CharField(
                label=_("Criterion %(n)s, reason") % {"n": n}, required=False, widget=_text(2), max_length=limits.TEXT,
                initial=answer.reason,
            )

    @staticmethod
    def value_name(answer: FormalAnswer) -> str:
        return f"value_{answer.criterion_id}"

    @staticmethod
    def reason_name(answer: FormalAnswer) -> str:
        return f"reason_{answer.criterion_id}"

    def rows(self) -> list[dict]:
        return [{"answer": a, "value": self[self.value_name(a)], "reason": self[self.reason_name(a)]}
                for a in self._answers]

    def answers(self) -> dict[int, tuple[bool | None, str]]:
        data = self.cleaned_data
        result = {}
        for answer in self._answers:
            value = data.get(self.value_name(answer)) or ""
            result[answer.criterion_id] = ({YES: True, NO: False}.get(value), data.get(self.reason_name(answer), ""))
        return result

    def add_service_errors(self, exc: ValidationError) -> None:
        """`sheet_answer` names the criterion (by id) whose reason is missing."""
        add_service_errors(exc, self, name=lambda key: f"reason_{key}")


class VoidReceiptForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for voiding the entry"), widget=_text(2),
        help_text=gettext_lazy("E.g. the control sum was mistyped. The entry stays in the record, struck through."),
        error_messages={"required": gettext_lazy("Give the reason for voiding the entry, e.g. the control sum was "
                                                 "mistyped; it stays in the record.")},
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for reopening"), widget=_text(2),
        help_text=gettext_lazy("Recorded in the sheet's history."),
    )


class AnnulForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for the annulment"), widget=_text(3),
        help_text=gettext_lazy("Published with the annulment (art. 18a of the Act), like the results."),
    )


class CorrectionForm(forms.Form):
    sections = forms.MultipleChoiceField(
        label=gettext_lazy("Sections the applicant may correct"), widget=forms.CheckboxSelectMultiple,
        choices=(), help_text=gettext_lazy("Only these sections re-open; the rest of the offer stays as submitted."),
    )
    defects = forms.CharField(
        label=gettext_lazy("Formal defects to correct"), widget=_text(3), max_length=limits.TEXT,
        help_text=gettext_lazy("The applicant receives this text."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sections"].choices = [(s, section_label(s)) for s in SECTIONS]
