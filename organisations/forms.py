"""Forms for registering and editing an organisation, and for inviting a colleague.

The rules live in `organisations.rules`; the form only turns what was typed into the
stored form (digits only, "PL" + 26 digits, "NN-NNN") and puts each rule's message beside
its field. The edit form is given `initial` (see `organisation_initial`), never the stored
instance: the services write the organisation. Identifier fields accept spaces and
hyphens as typed from a certificate, so they are longer here than in the model; the
normalised value always fits.
"""
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts.rules import normalise_email
from organisations import rules
from organisations.models import Organisation
from organisations.services import ORGANISATION_FIELDS

REQUIRED_FIELDS = ("nip", "regon", "street", "postal_code", "city", "email", "representatives")


def _typed(name: str, *, help_text=None, **attrs) -> forms.CharField:
    """A text field for an identifier typed with spaces or hyphens, labelled as in the model."""
    model_field = Organisation._meta.get_field(name)
    return forms.CharField(
        label=capfirst(model_field.verbose_name),
        max_length=60,
        required=False,
        help_text=help_text if help_text is not None else model_field.help_text,
        widget=forms.TextInput(attrs={"spellcheck": "false", **attrs}),
    )


def organisation_initial(organisation: Organisation) -> dict:
    """The stored organisation as the edit form shows it (the account in groups of four)."""
    initial = {name: getattr(organisation, name) for name in ORGANISATION_FIELDS}
    initial["bank_account"] = rules.format_iban(organisation.bank_account)
    return initial


class OrganisationForm(forms.ModelForm):
    """Offer form, section II: the offeror's data, as in its register."""

    krs = _typed(
        "krs",
        help_text=_("10 digits, with leading zeros. Leave empty if the organisation is in another register."),
        inputmode="numeric",
    )
    nip = _typed("nip", help_text=_("10 digits; spaces and hyphens are allowed."), inputmode="numeric")
    regon = _typed("regon", help_text=_("9 or 14 digits."), inputmode="numeric")
    postal_code = _typed("postal_code", help_text=_("NN-NNN, e.g. 17-200."), autocomplete="postal-code")
    bank_account = _typed(
        "bank_account",
        help_text=_("Polish account number, 26 digits (with or without PL). Needed for the grant contract."),
    )

    class Meta:
        model = Organisation
        fields = ORGANISATION_FIELDS
        widgets = {
            "representatives": forms.Textarea(attrs={"rows": 3}),
            "street": forms.TextInput(attrs={"autocomplete": "street-address"}),
            "city": forms.TextInput(attrs={"autocomplete": "address-level2"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in REQUIRED_FIELDS:
            self.fields[name].required = True
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Fieldset(_("Organisation"), "name", "legal_form"),
            Fieldset(
                _("Register and numbers"),
                "krs",
                Row(
                    Column("other_register", css_class="col-md-7"),
                    Column("other_register_number", css_class="col-md-5"),
                ),
                Row(Column("nip", css_class="col-md-6"), Column("regon", css_class="col-md-6")),
            ),
            Fieldset(
                _("Address and contact"),
                "street",
                Row(Column("postal_code", css_class="col-md-4"), Column("city", css_class="col-md-8")),
                Row(Column("email", css_class="col-md-6"), Column("phone", css_class="col-md-6")),
            ),
            Fieldset(_("Bank account and representation"), "bank_account", "representatives"),
        )

    def clean(self):
        cleaned = super().clean()
        cleaned.update(rules.normalise_organisation(cleaned))
        for name, message in rules.organisation_errors(cleaned).items():
            if name not in self.errors:  # "required" already said what is wrong
                self.add_error(name, message)
        return cleaned


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of the person to invite"),
        help_text=_("They will get a link; after logging in with this address they become a member."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])
