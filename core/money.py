"""Money is Decimal with two places, shown the Polish way: 66 200,00 zł."""
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")


def to_money(value) -> Decimal:
    """Quantize to grosze; accepts Decimal, int or a string with a dot or a Polish comma."""
    if isinstance(value, float):
        raise TypeError("Money must never be a float.")
    if isinstance(value, str):
        value = value.replace("\u00a0", "").replace(" ", "").replace(",", ".")
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
