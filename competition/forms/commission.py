"""Forms of the clerk's commission page: add a member by the e-mail of their account, change a
member's function and kind, and the order appointing the commission with the rules of its
merit evaluation.

The forms only read what was typed; the commission's rules (one chair, no offerors, the
deadline after the submission deadline, ...) are checked by `competition.services_commission`,
whose errors land on these fields because the field names are the keys it uses.
"""
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy

from competition.forms.fields import _date_widget, _helper, _moment_widget, _row
from competition.models import Call, CommissionMember

NO_ACCOUNT = gettext_lazy(
    "There is no account with the e-mail address %(email)s. The person must first create an account on the "
    "portal; then add them here."
)


def _label(name: str) -> str:
    """The Call field's own name, so the form and the admin say the same."""
    return capfirst(Call._meta.get_field(name).verbose_name)


def _help(name: str) -> str:
    return Call._meta.get_field(name).help_text


class AccountEmailField(forms.EmailField):
    """The e-mail address of an existing, active account; cleans to that user."""

    def clean(self, value):
        email = super().clean(value)
        if not email:
            return None
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise ValidationError(NO_ACCOUNT % {"email": email}, code="no_account")
        return user


def _role_field() -> forms.ChoiceField:
    label = capfirst(CommissionMember._meta.get_field("role").verbose_name)
    return forms.ChoiceField(label=label, choices=CommissionMember.Role.choices)


def _kind_field() -> forms.ChoiceField:
    label = capfirst(CommissionMember._meta.get_field("kind").verbose_name)
    return forms.ChoiceField(label=label, choices=CommissionMember.Kind.choices)


class MemberAddForm(forms.Form):
    """A new member: `user` is the account found by its e-mail address."""

    user = AccountEmailField(
        label=gettext_lazy("E-mail address of the person's account"),
        help_text=gettext_lazy("The person must already have an account on the portal."),
    )
    role = _role_field()
    kind = _kind_field()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "add")
        kwargs.setdefault("initial", {"role": CommissionMember.Role.MEMBER, "kind": CommissionMember.Kind.CITY})
        super().__init__(*args, **kwargs)
        self.helper = _helper(_row(("user", 6), ("role", 3), ("kind", 3)))


class SeatForm(forms.Form):
    """One member's function and kind, in a row of the members' table.

    The row's fields sit in separate table cells, so they name their form with the HTML
    `form` attribute (`seat-form-<pk>`) instead of being inside it.
    """

    role = _role_field()
    kind = _kind_field()

    def __init__(self, *args, seat: CommissionMember, **kwargs):
        self.seat = seat
        kwargs.setdefault("prefix", f"seat-{seat.pk}")
        kwargs.setdefault("initial", {"role": seat.role, "kind": seat.kind})
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.update({"form": self.html_form_id, "class": "form-select form-select-sm"})

    @property
    def html_form_id(self) -> str:
        return f"seat-form-{self.seat.pk}"


class CommissionSettingsForm(forms.Form):
    """The order appointing the commission and the scoring deadline (Call fields); the rules of the
    merit evaluation are the call's rules (`competition.forms.rules`), stated in its announcement."""

    commission_order_number = forms.CharField(
        label=_label("commission_order_number"), max_length=80, required=False
    )
    commission_order_date = forms.DateField(
        label=_label("commission_order_date"), required=False, widget=_date_widget()
    )
    scoring_deadline = forms.DateTimeField(
        label=_label("scoring_deadline"), help_text=_help("scoring_deadline"), required=False, widget=_moment_widget()
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "settings")
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            _row(("commission_order_number", 4), ("commission_order_date", 4), ("scoring_deadline", 4)),
        )

    def service_arguments(self) -> dict:
        """The cleaned values as `services_commission.commission_settings_set` takes them."""
        data = self.cleaned_data
        return {
            "order_number": data["commission_order_number"],
            "order_date": data["commission_order_date"],
            "scoring_deadline": data["scoring_deadline"],
        }


def settings_initial(call: Call) -> dict:
    return {name: getattr(call, name) for name in CommissionSettingsForm.base_fields}
