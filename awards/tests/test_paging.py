"""The decision page of a large call: each action opens on its funding line and pages the rest.

Made small here: a list longer than two rows is cut, one funded row above the line and one below,
one row a page. The `scored` call's three offers each ask 4 050,00 zł for actions A and D; with
A's budget at 8 100,00 zł the first two are funded in A and the third is not (the line is after
the second row); D funds all three (the line is after the third).
"""
import re
from datetime import date
from decimal import Decimal as D

import pytest

from awards import display, rules, services
from awards.models import Grant
from awards.tests.test_views import _scored, grants_by_key, login, pl, proposed, url
from core.money import format_money

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def small_pages(monkeypatch):
    monkeypatch.setattr(display, "PAGE_SIZE", 1)
    monkeypatch.setattr(display, "ABOVE", 1)
    monkeypatch.setattr(display, "BELOW", 1)


@pytest.fixture
def scored(reference_call, clerk):
    return _scored(reference_call, clerk)


def _table(page: str, code: str) -> str:
    start = page.index(f'id="grants-table-{code}"')
    return page[start:page.index("</table>", start)]


def _numbers(table: str) -> list[str]:
    return re.findall(r'<th scope="row" class="fw-normal"><span class="text-nowrap">([^<]+)</span>', table)


def _inputs(page: str, prefix: str = "decision") -> dict[str, str]:
    return dict(re.findall(rf'name="({prefix}-amount_\d+)" value="([^"]*)"', page))


def test_each_action_opens_on_its_funding_line_and_pages_the_rest(client, scored, clerk):
    decision = proposed(scored, clerk, A="8100.00")
    first, second, third = (o.number for o in scored.offers)
    assert grants_by_key(decision)[(third, "A")].awarded == 0
    page = login(client, clerk).get(url("decision", scored.call)).content.decode()
    assert _numbers(_table(page, "A")) == [second, third]   # the last funded and the first below the line
    assert _numbers(_table(page, "D")) == [second, third]   # all funded: the last two
    assert "funding-line" in _table(page, "A") and "funding-line" not in _table(page, "D")
    nav = page[page.index('data-pages="A"'):]
    nav = nav[:nav.index("</nav>")]
    assert 'aria-current="page"' in nav and "?action=A&amp;page=1#grants-A" in nav
    assert '<nav aria-label="Strony dotacji w działaniu A"' in page
    page = client.get(url("decision", scored.call) + "?action=A&page=1").content.decode()
    assert _numbers(_table(page, "A")) == [first]
    assert _numbers(_table(page, "D")) == [second, third]
    nav = page[page.index('data-pages="A"'):]
    assert re.search(r'<li class="page-item active" aria-current="page"><span class="page-link">'
                     r'<span class="visually-hidden">[^<]+</span>1</span>', nav)
    assert 'name="decision-amount_' not in page  # the clerk reads, the authority types


def test_the_ranking_is_paged_too(client, scored, clerk):
    proposed(scored, clerk, A="8100.00")
    page = login(client, clerk).get(url("decision", scored.call) + "?page=3").content.decode()
    ranking = page[page.index('id="ranking-table"'):page.index('id="walk-table"')]
    assert ranking.count('<tr id="rank-') == 1 and f'id="rank-{scored.offers[2].pk}"' in ranking
    assert 'data-pages="ranking"' in ranking


def test_totals_and_checks_count_the_rows_not_shown(client, scored, clerk, mayor):
    proposed(scored, clerk, A="8100.00")
    page = login(client, mayor).get(url("decision", scored.call)).content.decode()
    totals = page[page.index('id="totals-table"'):]
    assert format_money(D("8100.00")) in totals[:totals.index("</table>")]
    check = page[page.index('id="check-A"'):]
    check = check[:check.index("</tr>")]
    assert 'data-fixed="4050.00"' in check and format_money(D("8100.00")) in check  # offer 1's row is hidden
    assert len(_inputs(page)) == 4  # A: offers 2 and 3; D: offers 2 and 3


def test_the_mayor_posts_amounts_from_page_two_and_the_others_keep_theirs(client, scored, clerk, mayor):
    decision = proposed(scored, clerk, A="8100.00")
    first, second, third = (o.number for o in scored.offers)
    before = grants_by_key(decision)
    page = login(client, mayor).get(url("decision", scored.call) + "?action=A&page=2").content.decode()
    assert _numbers(_table(page, "A")) == [second]
    assert f'action="{url("amounts", scored.call)}?action=A&amp;page=2"' in page
    data = {"decision-revision": str(decision.revision), **_inputs(page)}
    assert set(data) - {"decision-revision"} == {f"decision-amount_{before[(n, c)].pk}"
                                                  for n, c in ((second, "A"), (second, "D"), (third, "D"))}
    data[f"decision-amount_{before[(second, 'A')].pk}"] = "4 000,00"
    data[f"decision-reason_{before[(second, 'A')].pk}"] = "Część działań finansuje już inny program."  # required: not the proposal
    response = client.post(url("amounts", scored.call) + "?action=A&page=2", data)
    assert response.status_code == 302 and response["Location"].endswith("?action=A&page=2#grants")
    after = grants_by_key(decision)
    assert after[(second, "A")].awarded == D("4000.00")
    assert {key: g.awarded for key, g in after.items() if key != (second, "A")} == \
        {key: g.awarded for key, g in before.items() if key != (second, "A")}


def test_a_refused_amount_keeps_what_was_typed_and_the_page_it_was_typed_on(client, scored, clerk, mayor):
    decision = proposed(scored, clerk, A="8100.00")
    first, second, third = (o.number for o in scored.offers)
    page = login(client, mayor).get(url("decision", scored.call)).content.decode()
    data = {"decision-revision": str(decision.revision), **_inputs(page)}
    data[f"decision-amount_{grants_by_key(decision)[(third, 'A')].pk}"] = "100,00"
    response = client.post(url("amounts", scored.call), data)
    assert response.status_code == 200
    page = response.content.decode()
    # the hidden first offer's 4 050,00 counts: 4 050 + 4 050 + 100 is over A's budget
    expected = rules.ABOVE_BUDGET % {"action": "A", "total": format_money(D("8200.00")),
                                     "budget": format_money(D("8100.00"))}
    assert pl(expected) in page
    assert 'value="100,00"' in page
    assert _numbers(_table(page, "A")) == [second, third]
    assert grants_by_key(decision)[(third, "A")].awarded == 0


def test_a_correction_from_a_page_changes_only_the_rows_posted(client, scored, clerk, mayor):
    decision = proposed(scored, clerk, A="8100.00")
    decision = services.decision_lock(decision=decision, order_number="150/2019", order_date=date(2019, 6, 14),
                                      by=mayor)
    first = scored.offers[0].number
    before = grants_by_key(decision)
    page = login(client, mayor).get(url("decision", scored.call) + "?action=A&page=1").content.decode()
    data = {"correction-revision": str(decision.revision), "correction-reason": "Błąd rachunkowy",
            **_inputs(page, "correction")}
    assert f"correction-amount_{before[(first, 'A')].pk}" in data
    assert f"correction-amount_{before[(first, 'D')].pk}" not in data  # D is on its line: offers 2 and 3
    data[f"correction-amount_{before[(first, 'A')].pk}"] = "4 000,00"
    response = client.post(url("correct", scored.call) + "?action=A&page=1", data)
    assert response.status_code == 302
    after = grants_by_key(decision)
    assert after[(first, "A")].awarded == D("4000.00")
    assert sum(g.awarded for g in after.values()) == sum(g.awarded for g in before.values()) - 50
    assert Grant.objects.filter(decision=decision).count() == 6
