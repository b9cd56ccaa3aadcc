import base64
import mimetypes
from decimal import Decimal

from django import template
from django.utils.html import format_html
from django.utils.translation import ngettext

from core.money import format_amount, format_money, format_percent
from core.plural_pl import unit_for

register = template.Library()


@register.filter
def money(value):
    """HTML: an amount that never breaks across lines, e.g. 66 200,00 zł."""
    if value in (None, ""):
        return ""
    return format_html('<span class="text-nowrap">{}</span>', format_money(value))


@register.filter
def amount(value):
    if value in (None, ""):
        return ""
    return format_amount(value)


@register.filter
def percent(value):
    if value in (None, ""):
        return ""
    return format_percent(Decimal(value))


@register.filter
def points(value):
    """Whole points as an integer, fractional means with two places and a comma."""
    if value in (None, ""):
        return ""
    value = Decimal(value)
    if value == value.to_integral_value():
        return str(int(value))
    return f"{value:.2f}".replace(".", ",")


@register.filter
def unit_after(unit, count) -> str:
    """`{{ ind.unit|unit_after:ind.minimum }}`: the call's unit in the form the number needs
    ("100 osób", not "100 osoby"; core.plural_pl)."""
    return unit_for(count, unit)


@register.filter
def minutes(value) -> int:
    """A timedelta as whole minutes (rounded up), e.g. for "blocked for 15 minutes"."""
    if value is None:
        return 0
    return -(-int(value.total_seconds()) // 60)


@register.simple_tag
def limit_attrs(bound_field) -> str:
    """` maxlength="N" data-limit="N"` for a hand-written <textarea> (core/limits.py gives the
    field its limit when it is bound; `{{ field }}` renders these attributes by itself)."""
    limit = getattr(bound_field.field, "max_length", None)
    return format_html(' maxlength="{}" data-limit="{}"', limit, limit) if limit else ""


@register.simple_tag
def limit_hint(bound_field) -> str:
    """The "maks. N znaków" line under a hand-written <textarea>."""
    limit = getattr(bound_field.field, "max_length", None)
    if not limit:
        return ""
    return format_html('<div class="form-text">{}</div>', ngettext(
        "at most %(limit)s character", "at most %(limit)s characters", limit) % {"limit": limit})


CREST_MAX_BYTES = 512 * 1024  # a crest is a small picture; a bigger file is left out of documents


@register.filter
def image_data_uri(image) -> str:
    """A stored image (an ImageField's file) as a data: URI, for PDFs: WeasyPrint then reads no
    file or URL of its own, whatever storage keeps the picture. Empty when there is no picture, it
    cannot be read or it is too large."""
    if not image:
        return ""
    kind = mimetypes.guess_type(image.name)[0] or ""
    if not kind.startswith("image/"):
        return ""
    try:
        with image.open("rb") as handle:
            content = handle.read(CREST_MAX_BYTES + 1)
    except OSError:
        return ""
    if len(content) > CREST_MAX_BYTES:
        return ""
    return f"data:{kind};base64,{base64.b64encode(content).decode('ascii')}"
