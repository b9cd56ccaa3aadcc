from django import forms
from django.utils.translation import gettext_lazy


class SignedUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Signed confirmation"),
        help_text=gettext_lazy("The confirmation PDF signed in PAdES format, or the XML signature file (XAdES) "
                               "made by the signing tool or the trusted profile; at most 10 MB."))
