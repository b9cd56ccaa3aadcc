"""Numbers typed the Polish way, and the widgets the offer's forms share."""
import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.money import FOREIGN_CHARACTERS, foreign_characters, format_amount, to_money

ZERO = Decimal("0.00")
# Thousands may be grouped with a space; a comma or a dot separates at most two decimals.
# ASCII digits only: without re.ASCII, \d also matches Arabic-Indic and other digits.
_NUMBER = re.compile(r"^\d{1,3}(?:[ \u00a0\u202f\u2009]?\d{3})*(?:[.,]\d{1,2})?$", re.ASCII)


def plain_number(value: Decimal) -> str:
    """Decimal("10.00") -> "10"; Decimal("2.50") -> "2,5" (how a count is typed)."""
    return format(Decimal(value).normalize(), "f").replace(".", ",")


def _date_widget():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _text(rows: int = 4):
    return forms.Textarea(attrs={"rows": rows})


# --- numbers typed the Polish way ---------------------------------------------------------


class NumberField(forms.CharField):
    """A non-negative number: "1 234,50", "1234.50" and "1234,5" are the same.

    `empty` is what a blank field means (zero for sources of financing, None where the
    model allows no value). A dot never groups thousands ("1.234" would be ambiguous).
    """

    money = False

    def __init__(self, *, empty=None, max_value: Decimal = Decimal("9999999999.99"), **kwargs):
        self.empty, self.max_value = empty, max_value
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return format_amount(value) if self.money else plain_number(value)
        return value

    def has_changed(self, initial, data):
        """A blank field equals its empty value, so an untouched new row stays unchanged."""
        try:
            new = self.to_python(data)
            old = self.to_python(self.prepare_value(initial)) if initial not in self.empty_values else self.empty
        except ValidationError:
            return True
        return old != new

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return self.empty
        chars = foreign_characters(value)
        if chars:
            raise ValidationError(FOREIGN_CHARACTERS % {"chars": chars}, code="characters")
        if value.startswith("-"):
            raise ValidationError(_("Enter a number that is not negative."), code="negative")
        if not _NUMBER.match(value):
            raise ValidationError(
                _("Enter a number with at most two decimal places, e.g. 1 234,50 or 1234.50."), code="invalid"
            )
        number = to_money(value)
        if number > self.max_value:
            raise ValidationError(_("The number is too large."), code="max_value")
        return number


class MoneyField(NumberField):
    """An amount in złoty, shown as "1 234,50"."""

    money = True

    def __init__(self, **kwargs):
        kwargs.setdefault("empty", ZERO)
        kwargs.setdefault("max_value", Decimal("999999999999.99"))
        super().__init__(**kwargs)
