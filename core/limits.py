"""How much text a user may type in one field: shown in the form, checked on the server.

The table of limits and where each comes from is docs/limits.md. Three pieces:

- A model's `TextField` gets `max_length` and `TextLimit` in its validators: Django's
  TextField checks `max_length` only in a form, so without the validator `full_clean()` (the
  services, the admin) would accept any length.
- Every form field of the portal is bound through `LimitedBoundField` (the renderer in
  `settings.FORM_RENDERER`), so no form can forget it: a text field with no limit of its
  own gets `DEFAULT`; Django's length check is replaced by `TextLimit` (a Polish message that
  names the limit and how far over the text is); the widget gets the `maxlength` attribute,
  `data-limit` for the live counter (static/js/text_limits.js) and a "maks. N znaków" hint.
- `TextLimit` counts a line break as one character, as the browser's `maxlength` does: a
  browser posts a textarea's line breaks as CRLF, and a text the browser let through must
  not be refused for its line breaks.
"""
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy, ngettext

# Families of limits, in characters (docs/limits.md).
CODE = 60  # a unit, a planned value, a number in a register
NAME = 300  # a name, title or one-line phrase: the official form's table cells
NOTE = 1000  # a short justification, a note, one description cell of a table
TEXT = 3000  # one point of the offer's description (sections III–VI of the official form)
LONG_TEXT = 6000  # the synthetic description of the task (III.3), a final report's account
CALL_SECTION = 10000  # a section of the call's announcement, typed by the clerk
DEFAULT = 2000  # a form's text field that was given no limit of its own

# How many rows a table of the offer may have.
MAX_SCHEDULE_ROWS = 30
MAX_RESULT_ROWS = 10  # per chosen action
MAX_COST_ROWS = 30  # per chosen action

TOO_LONG = gettext_lazy(
    "The limit for this field is %(limit_value)s characters; the text has %(show_value)s, "
    "%(over)s too many. Shorten it."
)


def length(value: str) -> int:
    """Characters as the browser counts them for `maxlength`: a line break is one."""
    return len(value.replace("\r\n", "\n"))


@deconstructible
class TextLimit(MaxLengthValidator):
    message = TOO_LONG
    code = "max_length"

    def __call__(self, value):
        counted = length(str(value))
        if counted > self.limit_value:
            raise ValidationError(self.message, code=self.code, params={
                "limit_value": self.limit_value, "show_value": counted, "over": counted - self.limit_value,
                "value": value})


def _is_text(field: forms.Field) -> bool:
    """Text a person writes (not a number, an e-mail address or a password): gets the hint and counter."""
    widget = field.widget
    if isinstance(widget, forms.Textarea):
        return True
    return (type(widget) is forms.TextInput and widget.attrs.get("inputmode") not in ("decimal", "numeric")
            and not isinstance(field, (forms.EmailField, forms.URLField)))


def limit(field: forms.Field) -> None:
    """Give a form's text field its limit, its check and its hint (once; fields are per form)."""
    if getattr(field, "limited", False) or not isinstance(field, forms.CharField) or field.widget.is_hidden:
        return
    field.limited = True
    if field.max_length is None:
        field.max_length = DEFAULT
    field.validators = [v for v in field.validators if not isinstance(v, MaxLengthValidator)]
    field.validators.append(TextLimit(field.max_length))
    field.widget.attrs["maxlength"] = str(field.max_length)
    if _is_text(field):
        field.widget.attrs["data-limit"] = str(field.max_length)
        hint = ngettext("at most %(limit)s character", "at most %(limit)s characters",
                        field.max_length) % {"limit": field.max_length}
        field.help_text = f"{field.help_text} ({hint})" if field.help_text else hint.capitalize()


class LimitedBoundField(BoundField):
    """Binding a field (to render it or to clean it) gives it its limit first."""

    def __init__(self, form, field, name):
        limit(field)
        super().__init__(form, field, name)


class LimitedRenderer(DjangoTemplates):
    """Django's default renderer, binding every field through `LimitedBoundField`."""

    bound_field_class = LimitedBoundField


def bounded(limit_value: int) -> dict:
    """The keyword arguments of a model TextField holding at most `limit_value` characters:
    `models.TextField(_("…"), blank=True, **limits.bounded(limits.TEXT))`."""
    return {"max_length": limit_value, "validators": [TextLimit(limit_value)]}
