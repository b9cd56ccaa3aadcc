"""Money is Decimal with two places, shown the Polish way: 66 200,00 zł."""
from decimal import ROUND_HALF_UP, ROUND_UP, Decimal, InvalidOperation

from django.utils.translation import gettext_lazy

CENT = Decimal("0.01")

# Spaces that group thousands: the plain one, the non-breaking one and the two thin ones that
# word processors and banking sites paste.
GROUPING_SPACES = " \u00a0\u202f\u2009"
_TYPED = frozenset("0123456789,.-" + GROUPING_SPACES)
FOREIGN_CHARACTERS = gettext_lazy(
    "Type the number with the digits 0–9, spaces, a comma or a dot only; “%(chars)s” cannot be used.")


def foreign_characters(text: str) -> str:
    """The characters of a typed number that are not ASCII digits, grouping spaces, a comma, a
    dot or a minus, each once, in order. Python's Decimal reads Arabic-Indic and other Unicode
    digits ("١٢٣" is 123), so a number is checked against this before it is converted."""
    found = []
    for ch in text or "":
        if ch not in _TYPED and ch not in found:
            found.append(ch)
    return "".join(found)


def strip_grouping(text: str) -> str:
    """"30 000,00" with any of the grouping spaces -> "30000,00"."""
    for space in GROUPING_SPACES:
        text = text.replace(space, "")
    return text


def to_money(value) -> Decimal:
    """Quantize to grosze; accepts Decimal, int or a string with a dot or a Polish comma."""
    if isinstance(value, float):
        raise TypeError("Money must never be a float.")
    if isinstance(value, str):
        if foreign_characters(value.strip()):
            raise ValueError(f"Not an amount of money: {value!r}")
        value = strip_grouping(value).replace(",", ".")
    try:
        return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError) as exc:
        raise ValueError(f"Not an amount of money: {value!r}") from exc


def group_thousands(digits: str, sep: str = " ") -> str:
    out = []
    while len(digits) > 3:
        out.insert(0, digits[-3:])
        digits = digits[:-3]
    out.insert(0, digits)
    return sep.join(out)


def format_amount(value: Decimal) -> str:
    """66200 -> '66 200,00' (a plain space groups thousands, a comma separates grosze)."""
    amount = to_money(value)
    sign = "-" if amount < 0 else ""
    whole, cents = f"{abs(amount):.2f}".split(".")
    return f"{sign}{group_thousands(whole)},{cents}"


def format_money(value: Decimal) -> str:
    return f"{format_amount(value)} zł"


def format_percent(fraction: Decimal, places: int = 2) -> str:
    """Decimal('0.9') -> '90,00%'."""
    quant = Decimal(1).scaleb(-places)
    pct = (Decimal(fraction) * 100).quantize(quant, rounding=ROUND_HALF_UP)
    return f"{pct:.{places}f}".replace(".", ",") + "%"


def percent_beside(fraction: Decimal, limit: Decimal, *, places: int = 2, most: int = 8) -> str:
    """`fraction` as a percentage with enough decimal places to differ from `limit` shown the
    same way: a grant of 13 500,01 of 15 000 is "90,0001%", not the limit's "90,00%"."""
    fraction, limit = Decimal(fraction), Decimal(limit)
    shown = format_percent(fraction, places)
    while places < most and fraction != limit and shown == format_percent(limit, places):
        places += 1
        shown = format_percent(fraction, places)
    return shown


def excess(value: Decimal, allowed: Decimal) -> Decimal:
    """How much `value` is above `allowed`, rounded up to the grosz: what must come off."""
    return max(Decimal(value) - Decimal(allowed), Decimal(0)).quantize(CENT, rounding=ROUND_UP)
