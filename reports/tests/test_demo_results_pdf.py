"""`pdftotext` of the demo's results.pdf and ranking.pdf shows the same amounts and scores as
its results page (the decided demo call: lower grants answered, money re-allocated)."""
import io
import re

import pytest
from django.core.management import call_command

from demo.decided import DECIDED_SLUG
from competition.models import Call
from reports.tests.test_results import _cells, _figures, _flat, _layout_line, _table, _url
from tests_support.pdf import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(client):
    call_command("load_demo", stdout=io.StringIO())
    call = Call.objects.get(slug=DECIDED_SLUG)
    return (call, client.get(_url("results", call)).content.decode(), pdf_text(client.get(_url("results_pdf", call))),
            pdf_text(client.get(_url("ranking_pdf", call))))


def _rows(table_html: str) -> dict[str, list[str]]:
    return {number: _cells(row) for number, row in
            re.findall(r'<tr[^>]*data-offer="([^"]+)"[^>]*>(.*?)</tr>', table_html, re.S)}


def test_the_demo_pdfs_show_the_amounts_and_scores_of_the_page(demo):
    call, html, announcement, ranking = demo
    actions = call.actions.count()
    funded, not_funded = _rows(_table(html, "funded")), _rows(_table(html, "not-funded"))
    ranked = _rows(_table(html, "ranking-table"))
    assert set(funded) == {"001", "002", "003", "005"} and set(not_funded) == {"004"}
    compared = 0
    for number, cells in funded.items():
        grants = _figures(" ".join(cells[3:3 + actions + 1]))  # per action, then the total
        assert len(grants) == actions + 1
        assert _figures(_layout_line(announcement, number)) == grants
        means = _figures(" ".join(ranked[number][3:12]))   # the criteria and the final score
        assert means[-1] == cells[3 + actions + 1]
        # the final score, the grant requested and awarded, then any amount the reason names (the last column)
        printed = _figures(_layout_line(ranking, number))
        assert len(printed) >= 3 and printed[0] == means[-1] and printed[2] == grants[-1]
        compared += len(grants) + len(means) + 2
    for number, cells in not_funded.items():
        score = cells[3]
        assert _figures(_layout_line(announcement, number)) == [score]
        means = _figures(" ".join(ranked[number][3:12]))
        printed = _figures(_layout_line(ranking, number))
        assert means[-1] == score and len(printed) == 3 and printed[0] == score and printed[2] == "0,00"
        compared += 1 + len(means)
    assert compared >= 70
    rejected = set(re.findall(r'data-offer="(\d+)"', _table(html, "rejected"))) if 'id="rejected"' in html else set()
    for number in {*funded, *not_funded, *rejected}:
        assert number in announcement and number in ranking or number in rejected
    flat = _flat(announcement)
    assert "3 600,00" in flat                      # the best offer's lowered grant in action A
    assert "zrezygnował" in _flat(html) and "zrezygnował" in flat  # offer 004: resigned, in both
