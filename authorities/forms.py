"""The authority's administrator adds an official: an account's e-mail and a role."""
from django import forms
from django.utils.translation import gettext_lazy

from authorities.models import AuthorityRole


class OfficialAddForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("E-mail of the official's account"), max_length=254,
        help_text=gettext_lazy("The person signs up in the portal first; then add their role here."),
        error_messages={"required": gettext_lazy("Type the e-mail address of the official's account."),
                        "invalid": gettext_lazy("Type a whole e-mail address, e.g. jan.kowalski@urzad.gov.pl.")},
    )
    role = forms.ChoiceField(
        label=gettext_lazy("Role"), choices=AuthorityRole.Role.choices,
        error_messages={"required": gettext_lazy("Choose the role the official gets."),
                        "invalid_choice": gettext_lazy("Choose one of the roles on the list.")},
    )
