"""Fields that read what the clerk typed (amounts the Polish way, percentages, one item
per line), the formatting that shows a stored value the way it is typed, and the small
layout helpers the forms of this package share."""
import re
from decimal import Decimal, InvalidOperation

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.money import FOREIGN_CHARACTERS, foreign_characters, strip_grouping, to_money

MAX_AMOUNT = Decimal("999999999999.99")  # Action.budget: 14 digits, 2 places


def parse_number(text: str) -> Decimal:
    """A number typed with spaces between thousands and a comma or a dot: "30 000,00".
    Only ASCII digits: Decimal would read "٣٠" as 30."""
    if foreign_characters(text):
        raise ValueError(text)
    cleaned = strip_grouping(text).replace(",", ".")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(text) from None
    if not number.is_finite():
        raise ValueError(text)
    return number


class LocalDecimalField(forms.CharField):
    """A decimal number typed the Polish way ("2,5", "30 000,00") or with a dot."""

    def __init__(self, *, places: int = 2, min_value: Decimal | None = None, **kwargs):
        self.places, self.min_value = places, min_value
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        chars = foreign_characters(value)
        if chars:
            raise ValidationError(FOREIGN_CHARACTERS % {"chars": chars}, code="characters")
        try:
            number = parse_number(value)
        except ValueError:
            raise ValidationError(_("Enter a number, e.g. 30 000,00 or 2,5."), code="invalid") from None
        if number.as_tuple().exponent < -self.places:
            raise ValidationError(
                _("Use at most %(places)s digits after the decimal comma.") % {"places": self.places}, code="places"
            )
        if abs(number) > MAX_AMOUNT:
            raise ValidationError(_("The number is too large."), code="max_value")
        if self.min_value is not None and number < self.min_value:
            raise ValidationError(_("Enter a value of at least %(min)s.") % {"min": self.min_value}, code="min_value")
        return number

    def has_changed(self, initial, data):
        """Compare numbers, not text: "30 000,00" shown and "30000" typed are the same amount."""
        try:
            return self.to_python(initial) != self.to_python(data)
        except ValidationError:
            return True


class MoneyField(LocalDecimalField):
    """An amount in złoty with grosze: "30 000,00", "30000" and "30000.00" are the same."""

    def to_python(self, value):
        number = super().to_python(value)
        return None if number is None else to_money(number)


class PercentField(LocalDecimalField):
    """A share typed in per cent ("90" or "90,5") that cleans to a fraction (Decimal("0.9000"))."""

    def __init__(self, *, allow_zero: bool, **kwargs):
        self.allow_zero = allow_zero
        super().__init__(places=2, **kwargs)

    def to_python(self, value):
        number = super().to_python(value)
        if number is None:
            return None
        if number > 100 or number < 0 or (number == 0 and not self.allow_zero):
            if self.allow_zero:
                raise ValidationError(_("Enter a percentage from 0 to 100."), code="range")
            raise ValidationError(_("Enter a percentage greater than 0 and at most 100."), code="range")
        return (number / 100).quantize(Decimal("0.0001"))


class MultilineField(forms.CharField):
    """Text typed in a textarea. Browsers send CRLF line ends; the call stores LF, so an
    untouched text is not recorded as a change."""

    def __init__(self, *, rows: int = 3, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": rows}))
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


class LinesField(MultilineField):
    """One item per line; cleans to the list of non-empty lines, without surrounding spaces."""

    def to_python(self, value):
        if isinstance(value, (list, tuple)):
            return [str(line).strip() for line in value if str(line).strip()]
        return _lines(super().to_python(value))

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, (list, tuple)) else value

    def has_changed(self, initial, data):
        return self.to_python(initial or "") != self.to_python(data or "")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def as_percent(fraction: Decimal) -> str:
    """Decimal("0.9000") -> "90"; Decimal("0.1250") -> "12,5" (what the clerk types)."""
    value = (Decimal(fraction) * 100).normalize()
    return format(value, "f").replace(".", ",")


def as_number(value: Decimal) -> str:
    return format(Decimal(value).normalize(), "f").replace(".", ",")


def _date_widget():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _moment_widget():
    """A moment shown with its seconds (a deadline of 23:59:59 stays 23:59:59 when re-saved)."""
    return forms.DateTimeInput(attrs={"type": "datetime-local", "step": "1"}, format="%Y-%m-%dT%H:%M:%S")


_TO_THE_MINUTE = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}$")


def keep_stored_seconds(form: forms.Form, name: str):
    """The cleaned moment of `name`, or the stored one when the posted text has no seconds and
    names the stored moment's minute: a browser (or an older page) that sends 23:59 for a
    stored 23:59:59 did not change the deadline, and re-saving must not move it."""
    value = form.cleaned_data.get(name)
    stored = form.initial.get(name)
    typed = str(form.data.get(form.add_prefix(name), "")).strip()
    if value and stored and _TO_THE_MINUTE.match(typed) and value == stored.replace(second=0, microsecond=0):
        return stored
    return value


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _row(*columns: tuple[str, int]) -> Row:
    """A grid row of fields: ("code", 2) is the field `code` two columns of twelve wide."""
    return Row(*(Column(name, css_class=f"col-md-{width}") for name, width in columns))


def _helper(*layout) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    if layout:
        helper.layout = Layout(*layout)
    return helper
