"""The `authority` object of a call document: who announces and decides the call, with the forms
of its name documents need (`authorities.Authority`; docs/call-format.md).

A document written before authorities were data gives the authority as one text ("Burmistrz
Miasta Hajnówka"); it is read as the object `authorities.rules` guesses from it, so an old
document still imports, and is exported as an object afterwards."""
import re

from django.utils.text import slugify
from django.utils.translation import gettext as _

from authorities import rules
from authorities.selectors import DOCUMENT_FIELDS
from competition.document_reader import _Parser

SLUG_RE = re.compile(r"^[-a-z0-9]+$")
POLISH_LETTERS = str.maketrans("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ", "acelnoszzACELNOSZZ")
# Longest text of each field, as in the model; the required ones first.
REQUIRED = {"slug": 80, "kind": 20, "name": 200, "name_genitive": 200, "municipality": 200, "office_name": 200}
OPTIONAL = {"holder_gender": 1, "seat": 100, "address": 300, "bip_url": 200, "treasurer_name": 200,
            "treasurer_title": 100}


def authority_from_text(text: str) -> dict:
    """The object an older document's text stands for."""
    name = " ".join(text.split())
    kind = rules.guess_kind(name)
    return {
        "slug": slugify(name.translate(POLISH_LETTERS))[:80].strip("-"),
        "kind": kind,
        "name": name,
        "name_genitive": rules.genitive_of(name, kind),
        "holder_gender": rules.MASCULINE,
        "municipality": rules.party_guess(name, kind),
        "seat": rules.seat_guess(name, kind),
        "office_name": rules.office_guess(name, kind),
        "address": "",
        "bip_url": "",
        "treasurer_name": "",
        "treasurer_title": "",
    }


def parse_authority(p: _Parser, doc: dict) -> dict:
    value = doc.get("authority")
    if isinstance(value, str) and value.strip():
        data = authority_from_text(value)
        _check(p, data)
        return data
    if not isinstance(value, dict):
        p.error("authority", _("an object with the announcing authority expected (slug, kind, name, name_genitive, "
                               "municipality, office_name, …)"))
        return {key: "" for key in DOCUMENT_FIELDS}
    unknown = sorted(set(value) - set(DOCUMENT_FIELDS))
    if unknown:
        p.error("authority", _("unknown fields of the authority: %(keys)s; allowed: %(allowed)s")
                % {"keys": ", ".join(unknown), "allowed": ", ".join(DOCUMENT_FIELDS)})
    data = {key: p.string(value, key, f"authority.{key}", max_length=n) for key, n in REQUIRED.items()}
    data.update({key: p.string(value, key, f"authority.{key}", required=False, max_length=n)
                 for key, n in OPTIONAL.items()})
    data["holder_gender"] = data["holder_gender"] or rules.MASCULINE
    _check(p, data)
    return {key: data[key] for key in DOCUMENT_FIELDS}


def _check(p: _Parser, data: dict) -> None:
    if data["slug"] and not SLUG_RE.match(data["slug"]):
        p.error("authority.slug", _("the identifier may contain only lower-case letters a–z, digits and hyphens"))
    if data["holder_gender"] not in (rules.MASCULINE, rules.FEMININE):
        p.error("authority.holder_gender", _("“m” or “f” expected"))
    if not (data["kind"] and data["name"] and data["name_genitive"]):
        return
    for field, message in rules.name_problems(kind=data["kind"], name=data["name"],
                                              genitive=data["name_genitive"]).items():
        p.error(f"authority.{field}", message)
    party = rules.party_problem(data["municipality"]) if data["municipality"] else None
    if party:
        p.error("authority.municipality", party)
