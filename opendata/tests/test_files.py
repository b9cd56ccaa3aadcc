"""The open-data files at their stable addresses, their links on the public pages, and the feeds."""
import csv
import io
import json

import re

import pytest
from django.core.cache import caches
from openpyxl import load_workbook

from opendata import files

from opendata.tests.conftest import FORMULA_TITLE
from reports import selectors_results

pytestmark = pytest.mark.django_db


def _get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response


def _csv(client, url) -> list[list[str]]:
    data = _get(client, url).content
    assert data.startswith("\ufeff".encode())  # the byte-order mark: a spreadsheet reads UTF-8
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def test_the_results_csv_is_utf8_with_semicolons_decimal_commas_and_the_licence(client, world):
    rows = _csv(client, f"/calls/{world.published.slug}/results.csv")
    heading, body = rows[0], rows[1:]
    assert heading[5:8] == ["nr oferty", "oferent(ci)", "oferta wspólna (1 tak, 0 nie)"] and heading[-1] == "licencja"
    assert len(body) == 6  # 001, 002 and 006, each for actions A and D
    first = dict(zip(heading, body[0]))
    assert first["oferent(ci)"] == "Stowarzyszenie Łąka 1; Fundacja Żubr 1"
    assert first["przyznana dotacja (zł)"] == "4050,00" and first["licencja"] == "CC0 1.0 / dane publiczne"
    assert first["data zarządzenia"] == "2019-06-14"
    assert [dict(zip(heading, r))["przyznana dotacja (zł)"] for r in body if r[5] == "006"] == ["0,00", "1900,00"]


def test_formula_prefixes_are_neutralised_in_csv_and_xlsx_but_not_in_json(client, world):
    rows = _csv(client, f"/calls/{world.published.slug}/results.csv")
    assert "'" + FORMULA_TITLE in [r[8] for r in rows]
    sheet = load_workbook(io.BytesIO(_get(client, f"/calls/{world.published.slug}/results.xlsx").content)).active
    titles = [row[8] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "'" + FORMULA_TITLE in titles and FORMULA_TITLE not in titles
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    document = json.loads(_get(client, f"/calls/{world.published.slug}/results.json").content)
    assert FORMULA_TITLE in [r["title"] for r in document["rows"]]  # JSON is data, not a spreadsheet


def test_the_xlsx_holds_amounts_as_numbers_and_states_the_licence(client, world):
    response = _get(client, f"/calls/{world.published.slug}/ranking.xlsx")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == f'attachment; filename="{world.published.slug}-ranking.xlsx"'
    book = load_workbook(io.BytesIO(response.content))
    data, about = book.worksheets
    heading = [c.value for c in data[1]]
    rows = [dict(zip(heading, r)) for r in data.iter_rows(min_row=2, values_only=True)]
    assert [r["nr oferty"] for r in rows] == ["001", "002", "006", "004", "003"]
    assert rows[0]["ocena końcowa"] == 43.0 and rows[0]["dotacja łącznie (zł)"] == 8100.0
    assert rows[0]["oferent(ci)"] == "Stowarzyszenie Łąka 1; Fundacja Żubr 1"
    facts = {r[0]: r[1] for r in about.iter_rows(values_only=True) if r and r[0]}
    assert facts["licencja"] == "CC0 1.0 / dane publiczne"
    assert facts["źródło"].endswith(f"/calls/{world.published.slug}/results/")


def test_the_json_ranking_is_the_published_ranking(client, world):
    response = _get(client, f"/calls/{world.published.slug}/ranking.json")
    assert response["Content-Type"] == "application/json"
    assert response["Link"].endswith('rel="license"') and response["Access-Control-Allow-Origin"] == "*"
    document = json.loads(response.content)
    results = selectors_results.results_get(world.published)
    assert [(r["offer_number"], r["position"], r["score"], r["awarded"]) for r in document["rows"]] == [
        (row.offer.number, row.position, float(row.score), float(row.awarded_total)) for row in results.ranking]
    assert document["licence"] == "CC0 1.0 / dane publiczne"
    assert {c["key"] for c in document["columns"]} == set(document["rows"][0])


@pytest.mark.parametrize("kind", ["results", "ranking"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_no_file_before_publication_nor_of_a_draft(client, world, kind, fmt):
    _get(client, f"/calls/{world.unpublished.slug}/{kind}.{fmt}", 404)
    _get(client, f"/calls/{world.draft.slug}/{kind}.{fmt}", 404)


def test_the_grants_of_a_year_hold_the_published_calls_decided_in_it(client, world):
    rows = _csv(client, "/grants/2019.csv")
    assert len(rows) == 7 and {r[0] for r in rows[1:]} == {world.published.slug}
    assert len(_csv(client, "/grants/2018.csv")) == 1  # the heading only
    assert json.loads(_get(client, "/grants/2019.json").content)["title"] == "Dotacje przyznane w 2019 r."
    _get(client, "/grants/1800.csv", 404)


def test_a_second_download_is_served_from_the_cache(client, world, django_assert_max_num_queries):
    url = f"/calls/{world.published.slug}/results.xlsx"
    first = _get(client, url).content
    with django_assert_max_num_queries(3):  # the call, its decision's version: no results read again
        assert _get(client, url).content == first


def test_the_public_pages_link_the_files_with_their_size_once_built(client, world):
    caches["opendata"].clear()
    sized = re.compile(r'CSV<span class="visually-hidden"> – Przyznane dotacje,</span> \(\d')
    page = _get(client, f"/calls/{world.published.slug}/results/").content.decode()
    assert 'id="open-data"' in page and not sized.search(page)  # a page view builds nothing
    files.warm(world.published.pk)  # what the publication runs after its commit
    for url in (f"/calls/{world.published.slug}/results/", f"/calls/{world.published.slug}/"):
        page = _get(client, url).content.decode()
        assert 'id="open-data"' in page and "CC0 1.0 / dane publiczne" in page and sized.search(page)
        for name in ("results.csv", "results.xlsx", "results.json", "ranking.csv", "ranking.xlsx", "ranking.json"):
            assert f'href="/calls/{world.published.slug}/{name}"' in page
    assert 'id="open-data"' not in _get(client, f"/calls/{world.unpublished.slug}/").content.decode()
    files.warm(world.unpublished.pk)
    assert files.call_file_sizes(world.published, build=False)["ranking"]["csv"] > 0


def test_the_feeds_list_announcements_and_published_results_only(client, world):
    announcements = _get(client, "/feeds/announcements.atom")
    assert announcements["Content-Type"].startswith("application/atom+xml")
    text = announcements.content.decode()
    assert text.count("<entry>") == 2 and "Otwarte konkursy ofert: ogłoszenia" in text  # the draft is not announced
    results = _get(client, "/feeds/results.atom").content.decode()
    assert results.count("<entry>") == 1 and f"/calls/{world.published.slug}/results/" in results
    assert world.unpublished.slug not in results
    assert 'id="open-data"' in _get(client, "/").content.decode()
