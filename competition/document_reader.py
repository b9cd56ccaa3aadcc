"""Reading typed values out of a call document, with errors tied to their place.

`_Parser` reads one value at a time (text, whole number, decimal, date, moment, list)
and records a `FieldError` at the value's path instead of raising, so one pass over a
document reports every error; `competition.document` walks the document with it.
`competition.rules` re-exports the names meant for other modules.
"""
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

WARSAW = ZoneInfo("Europe/Warsaw")
MAX_SMALL_INT = 32767


@dataclass(frozen=True)
class FieldError:
    """An error tied to a place in the call document, e.g. `actions[1].budget`."""

    path: str
    message: str

    def __str__(self):
        return f"{self.path}: {self.message}"


class CallDocumentError(ValueError):
    def __init__(self, errors: list[FieldError]):
        self.errors = errors
        super().__init__("; ".join(str(e) for e in errors))


class _Parser:
    def __init__(self):
        self.errors: list[FieldError] = []

    def error(self, path, message):
        self.errors.append(FieldError(path, message))

    def string(self, data, key, path, *, required=True, max_length=None):
        value = data.get(key, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.error(path, _("text expected"))
            return ""
        value = value.strip()
        if required and not value:
            self.error(path, _("this field is required"))
        if max_length and len(value) > max_length:
            self.error(path, _("the text is too long (at most %(n)s characters)") % {"n": max_length})
        return value

    def integer(self, data, key, path, *, minimum=0, maximum=MAX_SMALL_INT):
        value = data.get(key)
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(path, _("a whole number expected"))
            return None
        if value < minimum:
            self.error(path, _("the value may not be less than %(min)s") % {"min": minimum})
            return None
        if value > maximum:
            self.error(path, _("the value may not be greater than %(max)s") % {"max": maximum})
            return None
        return value

    def decimal(self, data, key, path, *, places=2):
        value = data.get(key)
        if isinstance(value, (bool, float)) or value is None:
            self.error(path, _("a number written as text expected, e.g. \"30000.00\""))
            return None
        try:
            number = Decimal(str(value).replace(",", "."))
        except InvalidOperation:
            self.error(path, _("“%(value)s” is not a number") % {"value": value})
            return None
        if not number.is_finite():
            self.error(path, _("“%(value)s” is not a number") % {"value": value})
            return None
        if number.as_tuple().exponent < -places:
            self.error(path, _("at most %(places)s decimal places") % {"places": places})
            return None
        return number

    def day(self, data, key, path):
        value = data.get(key)
        try:
            return date.fromisoformat(value)
        except (TypeError, ValueError):
            self.error(path, _("a date in the form YYYY-MM-DD expected"))
            return None

    def moment(self, data, key, path):
        value = data.get(key)
        try:
            moment = datetime.fromisoformat(value)
        except (TypeError, ValueError):
            self.error(path, _("a date and time in the form YYYY-MM-DDTHH:MM[:SS][+01:00] expected"))
            return None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=WARSAW)  # a bare time is Warsaw time
        return moment

    def items(self, data, key, path):
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(path, _("a list expected"))
            return []
        return value
