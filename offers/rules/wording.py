"""How the offer rules write numbers, days and field names into their messages."""
from datetime import date
from decimal import Decimal


def _number(value: Decimal) -> str:
    value = Decimal(value)
    if value == value.to_integral_value():
        return str(int(value))
    return f"{value:.2f}".replace(".", ",")


def _day(value: date) -> str:
    return value.strftime("%d.%m.%Y")


def _source_label(code: str) -> str:
    """What a computed indicator counts, e.g. "number of urban zones"."""
    from competition.choices import ScaleSource

    return str(dict(ScaleSource.choices).get(code, code))


def _legal_form_label(code: str) -> str:
    from competition.choices import LegalForm

    return str(dict(LegalForm.choices).get(code, code))


def _field_label(name: str) -> str:
    from offers.models import Offer

    return str(Offer._meta.get_field(name).verbose_name)
