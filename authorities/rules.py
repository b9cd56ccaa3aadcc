"""The grammar documents need to speak in an authority's name, as pure functions.

The Act binds every level of local government (art. 5 ust. 2): a gmina's wójt, burmistrz or
prezydent miasta decides by an order (zarządzenie), a county's or voivodeship's board by a
resolution (uchwała). The office is an institution, so its name declines the same whoever holds
it ("Zarządzenie Burmistrza Miasta"); only verbs follow the holder ("przyznał" / "przyznała").
A board is grammatically masculine ("Zarząd przyznał").
"""
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext_lazy
from stdnum import iban as std_iban

BURMISTRZ = "burmistrz"
WOJT = "wojt"
PREZYDENT = "prezydent"
ZARZAD_POWIATU = "zarzad_powiatu"
ZARZAD_WOJEWODZTWA = "zarzad_wojewodztwa"

MASCULINE = "m"
FEMININE = "f"
NEUTER = "n"


@dataclass(frozen=True)
class Act:
    """The act an office decides by, in the cases documents use."""

    nominative: str  # "zarządzenie" ("Zarządzenie Nr 45/19 Burmistrza ...")
    genitive: str  # "zarządzenia" ("Załącznik do Zarządzenia Nr ...")
    instrumental: str  # "zarządzeniem" ("ogłoszony Zarządzeniem Nr ...")


# Translated, so that an English page says "order" / "resolution"; the Polish catalogue holds each case.
ORDER = Act(pgettext_lazy("act, nominative", "order"), pgettext_lazy("act, genitive", "order"),
            pgettext_lazy("act, instrumental", "order"))
RESOLUTION = Act(pgettext_lazy("act, nominative", "resolution"), pgettext_lazy("act, genitive", "resolution"),
                 pgettext_lazy("act, instrumental", "resolution"))


@dataclass(frozen=True)
class Kind:
    """What follows from the kind of office: its short forms, its act and its default titles."""

    office: str  # the short nominative: "Wójt"
    office_genitive: str  # "Wójta"
    is_board: bool
    act: Act
    office_name: str  # the office that serves the authority: "Urząd Gminy"
    treasurer_title: str  # "Skarbnik Gminy"
    label: str  # the kind as the administrator picks it


KINDS = {
    BURMISTRZ: Kind("Burmistrz", "Burmistrza", False, ORDER, "Urząd Miasta", "Skarbnik Miasta", "Burmistrz"),
    WOJT: Kind("Wójt", "Wójta", False, ORDER, "Urząd Gminy", "Skarbnik Gminy", "Wójt"),
    PREZYDENT: Kind("Prezydent", "Prezydenta", False, ORDER, "Urząd Miasta", "Skarbnik Miasta", "Prezydent Miasta"),
    ZARZAD_POWIATU: Kind("Zarząd", "Zarządu", True, RESOLUTION, "Starostwo Powiatowe", "Skarbnik Powiatu",
                         "Zarząd Powiatu"),
    ZARZAD_WOJEWODZTWA: Kind("Zarząd", "Zarządu", True, RESOLUTION, "Urząd Marszałkowski", "Skarbnik Województwa",
                             "Zarząd Województwa"),
}
# A board's name says which board: "Zarząd Powiatu …", "Zarząd Województwa …".
BOARD_PREFIX = {ZARZAD_POWIATU: "Zarząd Powiatu", ZARZAD_WOJEWODZTWA: "Zarząd Województwa"}

# The party of contracts declines after its first word: "Gmina Miejska …, reprezentowana",
# "Powiat Hajnowski, reprezentowany", "Miasto Białystok / Województwo Podlaskie, reprezentowane".
PARTY_GENDER = {"gmina": FEMININE, "powiat": MASCULINE, "miasto": NEUTER, "województwo": NEUTER}
REPRESENTED = {FEMININE: "reprezentowana", MASCULINE: "reprezentowany", NEUTER: "reprezentowane"}
CALLED = {FEMININE: "zwana", MASCULINE: "zwany", NEUTER: "zwane"}

NAME_MUST_START = gettext_noop("the name must begin with the office, “%(office)s”")
GENITIVE_MUST_START = gettext_noop("the genitive must begin with “%(office)s”")
GENITIVE_SAME_REST = gettext_noop("the genitive must name the same office as the nominative (“%(expected)s”)")
UNKNOWN_KIND = gettext_noop("unknown kind of authority “%(kind)s”; allowed: %(kinds)s")
ACCOUNT_INVALID = gettext_noop("the account must be a Polish bank account number (26 digits, optionally after “PL”) "
                               "whose check digits are right")
UNKNOWN_PARTY = gettext_noop("the party of contracts must begin with “Gmina”, “Powiat”, “Miasto” or “Województwo”")


def kind_of(kind: str) -> Kind:
    return KINDS[kind]


def genitive_of(name: str, kind: str) -> str:
    """The full genitive of an office's name: its first word declines, the rest is already a
    genitive ("Burmistrz Miasta Hajnówka" → "Burmistrza Miasta Hajnówka",
    "Zarząd Powiatu Hajnowskiego" → "Zarządu Powiatu Hajnowskiego")."""
    k = KINDS[kind]
    name = " ".join(name.split())
    if name.startswith(k.office):
        return k.office_genitive + name[len(k.office):]
    return name


def accusative_of(name: str, genitive: str, kind: str) -> str:
    """The accusative ("reprezentowana przez …"): a person's office takes the genitive's form
    (masculine animate), a board the nominative's (inanimate): "przez Wójta Gminy …", "przez
    Zarząd Powiatu …"."""
    return name if KINDS[kind].is_board else genitive


def verb_gender(kind: str, holder_gender: str) -> str:
    """The gender verbs agree with: a board is masculine whoever sits on it."""
    if KINDS[kind].is_board:
        return MASCULINE
    return FEMININE if holder_gender == FEMININE else MASCULINE


def past(kind: str, holder_gender: str, masculine: str, feminine: str) -> str:
    """The past-tense verb for the authority: past(WOJT, "f", "przyznał", "przyznała")."""
    return feminine if verb_gender(kind, holder_gender) == FEMININE else masculine


def party_gender(party: str) -> str:
    first = party.split()[0].lower() if party.split() else ""
    return PARTY_GENDER.get(first, FEMININE)


def represented_by(party: str, accusative: str) -> str:
    """"reprezentowana przez Burmistrza Miasta Hajnówka" (of "Gmina Miejska Hajnówka")."""
    return f"{REPRESENTED[party_gender(party)]} przez {accusative}"


def called(party: str) -> str:
    """The participle of "zwana dalej „Zleceniodawcą”", agreeing with the party."""
    return CALLED[party_gender(party)]


def guess_kind(name: str) -> str:
    """The kind an office's free-text name states (used for calls written before authorities
    were data); a name that states none is taken for a burmistrz, the portal's first user."""
    text = " ".join(name.split())
    for kind, prefix in BOARD_PREFIX.items():
        if text.startswith(prefix):
            return kind
    for kind in (WOJT, PREZYDENT, BURMISTRZ):
        if text.startswith(KINDS[kind].office):
            return kind
    return BURMISTRZ


def name_problems(*, kind: str, name: str, genitive: str) -> dict[str, str]:
    """What is wrong with an office's forms, by field; message ids are English (translated here)."""
    if kind not in KINDS:
        return {"kind": _(UNKNOWN_KIND) % {"kind": kind, "kinds": ", ".join(KINDS)}}
    k = KINDS[kind]
    problems: dict[str, str] = {}
    start = BOARD_PREFIX.get(kind, k.office)
    if not name.startswith(start + " ") and name != start:
        problems["name"] = _(NAME_MUST_START) % {"office": start}
    if not genitive.startswith(k.office_genitive):
        problems["name_genitive"] = _(GENITIVE_MUST_START) % {"office": k.office_genitive}
    elif "name" not in problems and genitive.split()[1:] != name.split()[1:]:
        problems["name_genitive"] = _(GENITIVE_SAME_REST) % {"expected": genitive_of(name, kind)}
    return problems


def party_problem(party: str) -> str | None:
    first = party.split()[0].lower() if party.split() else ""
    return None if first in PARTY_GENDER else _(UNKNOWN_PARTY)


def account_problem(account: str) -> str | None:
    """The authority's account for returns: a Polish IBAN (stdnum checks the digits)."""
    number = "".join(account.split()).upper()
    number = number if number.startswith("PL") else "PL" + number
    if len(number) != 28 or not number[2:].isdigit() or not std_iban.is_valid(number):
        return _(ACCOUNT_INVALID)
    return None


def party_guess(name: str, kind: str) -> str:
    """A first guess at the party of contracts from an office's name, for authorities made from
    the free text of older calls; an administrator checks it. "Wójt Gminy X" → "Gmina X",
    "Burmistrz Miasta X" → "Gmina Miejska X", "Prezydent Miasta X" → "Miasto X",
    "Zarząd Powiatu Xskiego" → "Powiat Xski", "Zarząd Województwa Xskiego" → "Województwo Xskie"."""
    words = " ".join(name.split()).split(" ")
    start = 2 if len(words) > 2 else len(words)
    rest = " ".join(words[start:])
    if kind == ZARZAD_POWIATU:
        return f"Powiat {_adjective(rest, 'i')}".strip()
    if kind == ZARZAD_WOJEWODZTWA:
        return f"Województwo {_adjective(rest, 'ie')}".strip()
    if kind == WOJT:
        return f"Gmina {rest}".strip()
    if kind == PREZYDENT:
        return f"Miasto {rest}".strip()
    return f"Gmina Miejska {rest}".strip()


def _adjective(genitive: str, ending: str) -> str:
    """The nominative of a genitive adjective: "Hajnowskiego" → "Hajnowski" (masculine, ending
    "i") or "Podlaskiego" → "Podlaskie" (neuter, ending "ie")."""
    if genitive.endswith("iego"):
        return genitive[:-4] + ending
    if genitive.endswith("ego"):
        return genitive[:-3] + ("y" if ending == "i" else "e")
    return genitive


def seat_guess(name: str, kind: str) -> str:
    """The place a document is dated at: what follows "Burmistrz Miasta" / "Wójt Gminy" ("Hajnówka");
    a board's name holds an adjective, not a place, so it is left for the administrator."""
    if KINDS[kind].is_board:
        return ""
    return " ".join(name.split()[2:])


OFFICE_NAMES = {kind: k.office_name for kind, k in KINDS.items()}


def office_guess(name: str, kind: str) -> str:
    """"Wójt Gminy X" → "Urząd Gminy X"; a board's office has its own name (Starostwo Powiatowe
    w …), so it takes the kind's default alone."""
    words = name.split()
    if KINDS[kind].is_board:
        return KINDS[kind].office_name
    return " ".join([KINDS[kind].office_name.split()[0], *words[1:]]) if len(words) > 1 else KINDS[kind].office_name


# --- public addresses: /<slug>/ and an own domain ----------------------------------------------

# The first parts of the portal's own paths: an authority's pages live at /<slug>/, after them,
# so a slug equal to one of these would never be reached (authorities/tests/test_addresses.py
# checks this list against the URL configuration).
RESERVED_SLUGS = frozenset({
    "accounts", "admin", "api", "calls", "commission", "contracts", "dashboard", "decisions",
    "deklaracja-dostepnosci", "feeds", "grants", "health", "i18n", "invitations", "manage", "media", "my",
    "notices", "offers", "open-data", "organisations", "partner-invitations", "privacy", "static", "urzad",
})
SLUG_RESERVED = gettext_noop("“%(slug)s” is one of the portal's own addresses; choose another identifier")
DOMAIN_INVALID = gettext_noop("give the domain alone, e.g. konkursy.gmina.pl: no “http://”, path, port or spaces")


def slug_problem(slug: str) -> str | None:
    return _(SLUG_RESERVED) % {"slug": slug} if slug in RESERVED_SLUGS else None


def normal_domain(domain: str) -> str:
    """The domain as the Host header carries it, compared without case and a final dot."""
    return domain.strip().lower().rstrip(".")


def domain_problem(domain: str) -> str | None:
    text = normal_domain(domain)
    labels = text.split(".")
    if len(labels) < 2 or any(not label or not all(c.isalnum() or c == "-" for c in label) for label in labels):
        return _(DOMAIN_INVALID)
    return None
