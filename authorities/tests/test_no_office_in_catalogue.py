"""No office title and no city in the Polish catalogue's translations or in any template: the
authority is data (authorities.Authority), and documents take its forms. Demo data and tests may
name them."""
import re
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = re.compile(r"Burmistrz|Wójt|Prezydent|Hajn[oó]w")
SKIPPED = {".venv", "node_modules", "demo", "tests", "e2e", ".git"}


def _templates():
    for path in ROOT.rglob("*.html"):
        if not SKIPPED.intersection(path.relative_to(ROOT).parts):
            yield path


def test_no_translation_names_an_office_or_a_city():
    catalogue = polib.pofile(str(ROOT / "locale" / "pl" / "LC_MESSAGES" / "django.po"))
    found = [entry.msgid for entry in catalogue if FORBIDDEN.search(entry.msgstr)
             or any(FORBIDDEN.search(s) for s in entry.msgstr_plural.values())]
    assert found == []


def test_no_template_names_an_office_or_a_city():
    found = [f"{path.relative_to(ROOT)}:{n}" for path in _templates()
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if FORBIDDEN.search(line)]
    assert found == []


@pytest.mark.parametrize("text", ["Zarządzenie Burmistrza", "Wójta Gminy", "Prezydent Miasta", "w Hajnówce",
                                  "Powiat Hajnowski"])
def test_the_scan_finds_what_it_looks_for(text):
    assert FORBIDDEN.search(text)


def test_no_english_source_string_names_the_mayor():
    """The English msgids (the source strings) say "the authority", as the Polish says "organ"."""
    catalogue = polib.pofile(str(ROOT / "locale" / "pl" / "LC_MESSAGES" / "django.po"))
    found = [entry.msgid for entry in catalogue if re.search(r"\bmayor", entry.msgid, re.IGNORECASE)]
    assert found == []
