from decimal import Decimal

from django import template
from django.utils.html import format_html

from core.money import format_amount, format_money, format_percent

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
def minutes(value) -> int:
    """A timedelta as whole minutes (rounded up), e.g. for "blocked for 15 minutes"."""
    if value is None:
        return 0
    return -(-int(value.total_seconds()) // 60)
