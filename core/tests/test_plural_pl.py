"""Polish plural forms: the call's units after a number, and the catalogue's forms for the
interface's own counts (issue 25, point 8: not '100 osoby', '10 organizacje', '120 godziny')."""
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.translation import ngettext

from core.plural_pl import plural_form, unit_for


@pytest.mark.parametrize(("count", "unit", "shown"), [
    (1, "osoby", "osoba"), (2, "osoby", "osoby"), (5, "osoby", "osób"), (100, "osoby", "osób"),
    (22, "osoby", "osoby"), (12, "osoby", "osób"), (112, "osoby", "osób"), (0, "osoby", "osób"),
    (10, "organizacje", "organizacji"), (120, "godziny", "godzin"), (3, "strefy", "strefy"),
    (5, "wydarzenia", "wydarzeń"), (2, "szkolenia", "szkolenia"), (7, "Osoby", "Osób"),
    (Decimal("2.5"), "godziny", "godziny"), (Decimal("100.00"), "osoby", "osób"),
    (5, "liczba", "liczba"), (5, "m²", "m²"), (5, "", ""),
])
def test_a_known_unit_takes_the_form_its_number_needs(count, unit, shown):
    assert unit_for(count, unit) == shown


@pytest.mark.parametrize(("n", "form"), [(1, 0), (2, 1), (4, 1), (5, 2), (11, 2), (13, 2), (21, 2), (23, 1),
                                         (104, 1), (114, 2)])
def test_the_rule_is_the_catalogues_plural_forms(n, form):
    assert plural_form(n) == form
    with translation.override("pl"):
        texts = [ngettext("%(n)s problem to fix", "%(n)s problems to fix", k) % {"n": k} for k in (1, 2, 5)]
        assert ngettext("%(n)s problem to fix", "%(n)s problems to fix", n) % {"n": n} == texts[form].replace(
            str((1, 2, 5)[form]), str(n), 1)


def test_the_template_filter_shows_the_call_unit_inflected():
    html = Template("{% load portal %}{{ n|points }} {{ unit|unit_after:n }}").render(
        Context({"n": Decimal("100"), "unit": "osoby"}))
    assert html == "100 osób"


def test_the_confirmation_component_says_what_will_happen_and_works_without_javascript():
    html = Template('{% include "core/includes/_confirm.html" with dialog_id="x-confirm" title="Złożyć?" '
                    'text="oferta trafi do urzędu." action="Tak, złóż" %}').render(Context({}))
    assert '<dialog class="confirm-dialog" id="x-confirm" aria-labelledby="x-confirm-title" ' \
           'aria-describedby="x-confirm-text">' in html
    assert '<h2 class="h5" id="x-confirm-title">Złożyć?</h2>' in html
    assert 'type="checkbox" name="confirmed" value="1" id="x-confirm-check" required' in html
    assert "data-confirm-cancel" in html and ">Tak, złóż</button>" in html
