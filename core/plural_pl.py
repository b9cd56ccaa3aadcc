"""Polish units after a number: "100 osób", "2 osoby", "1 osoba" (not "100 osoby").

A call's indicators name their unit as data, usually in the form a clerk types ("osoby",
"godziny"); shown after a number, the noun takes the form the number needs. The interface's own
words go through ngettext and the catalogue's Plural-Forms; these are the call's words, so the
known nouns of calls are listed here with their three forms, and any other unit is shown as typed.
"""
from decimal import Decimal, InvalidOperation

# (one, few, many): 1 osoba, 2 osoby, 5 osób. Any of the three forms is recognised.
NOUNS = (
    ("osoba", "osoby", "osób"),
    ("organizacja", "organizacje", "organizacji"),
    ("godzina", "godziny", "godzin"),
    ("wydarzenie", "wydarzenia", "wydarzeń"),
    ("szkolenie", "szkolenia", "szkoleń"),
    ("strefa", "strefy", "stref"),
    ("spotkanie", "spotkania", "spotkań"),
    ("warsztat", "warsztaty", "warsztatów"),
    ("uczestnik", "uczestnicy", "uczestników"),
    ("dziecko", "dzieci", "dzieci"),
    ("porada", "porady", "porad"),
    ("impreza", "imprezy", "imprez"),
    ("dzień", "dni", "dni"),
    ("miesiąc", "miesiące", "miesięcy"),
    ("projekt", "projekty", "projektów"),
    ("publikacja", "publikacje", "publikacji"),
    ("sztuka", "sztuki", "sztuk"),
    ("egzemplarz", "egzemplarze", "egzemplarzy"),
    ("członek", "członkowie", "członków"),
    ("rodzina", "rodziny", "rodzin"),
)
_FORMS = {form: forms for forms in NOUNS for form in forms}


def plural_form(count) -> int:
    """0 (one), 1 (few) or 2 (many), as the Polish catalogue's Plural-Forms; a fraction takes the
    "few" form (2,5 godziny, 0,5 osoby)."""
    try:
        value = Decimal(count)
    except (InvalidOperation, TypeError, ValueError):
        return 2
    if value != value.to_integral_value():
        return 1
    n = abs(int(value))
    if n == 1:
        return 0
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return 1
    return 2


def unit_for(count, unit: str) -> str:
    """The unit in the form `count` needs, when it is one known noun; otherwise as typed."""
    word = (unit or "").strip()
    forms = _FORMS.get(word.lower())
    if forms is None:
        return unit or ""
    form = forms[plural_form(count)]
    return form.capitalize() if word[:1].isupper() else form
