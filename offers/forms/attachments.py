from django import forms
from django.utils.translation import gettext_lazy


class AttachmentForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("File"), help_text=gettext_lazy("PDF, PNG or JPEG, at most 10 MB."))
    description = forms.CharField(
        label=gettext_lazy("What the document is"), max_length=300, required=False,
        help_text=gettext_lazy("For example: statute, partnership agreement, letter of support."),
    )
