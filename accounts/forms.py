from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.rules import normalise_email


class EmailLoginForm(AuthenticationForm):
    username = forms.EmailField(label=_("E-mail address"), widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}))

    error_messages = {
        "invalid_login": _("Wrong e-mail address or password. Passwords are case-sensitive."),
        "inactive": _("This account is inactive."),
    }

    def clean_username(self):
        """The account and the lock-out see one form of the address (accounts.rules.normalise_email)."""
        return normalise_email(self.cleaned_data.get("username"))


class EmailPasswordResetForm(PasswordResetForm):
    def clean_email(self):
        return normalise_email(self.cleaned_data.get("email"))


class SignupForm(forms.ModelForm):
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters; not only digits and not a common password."),
    )
    password2 = forms.CharField(
        label=_("Repeat the password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    class Meta:
        model = User
        fields = ["full_name", "email", "phone"]

    def clean_email(self):
        email = normalise_email(self.cleaned_data["email"])
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("An account with this e-mail address already exists. Log in or reset the password."))
        return email

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The passwords differ."))
        if p1:
            candidate = User(email=cleaned.get("email", ""), full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(p1, candidate)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return cleaned


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "phone", "address_form", "reminders_enabled"]
        widgets = {"address_form": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["address_form"].required = False  # not posted: the form chosen before stays

    def clean_address_form(self) -> str:
        return self.cleaned_data.get("address_form") or self.instance.address_form


class EnrolmentLinkIssueForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the account"))

    def clean_email(self):
        email = normalise_email(self.cleaned_data.get("email"))
        self.cleaned_data["user"] = User.objects.filter(email__iexact=email, is_active=True).first()
        if self.cleaned_data["user"] is None:
            raise forms.ValidationError(_("No active account has this e-mail address."))
        return email
