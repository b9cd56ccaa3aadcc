"""The clerk's formal-check list: search, filters, sorting, paging and bad parameters."""
import pytest
from django.urls import reverse

from evaluation.formal import services
from offers.models import Offer
from organisations.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def started(formal_call, submitted_offers, clerk):
    return services.formal_check_start(call=formal_call, by=clerk)


def _numbers(client, call, **params) -> list[str]:
    response = client.get(reverse("evaluation:formal_overview", kwargs={"slug": call.slug}), params)
    assert response.status_code == 200
    return [row.offer.number for row in response.context["overview"].rows]


def test_the_clerk_finds_an_offer_by_its_number_as_typed(client, clerk, started):
    client.force_login(clerk)
    assert _numbers(client, started) == ["001", "002", "003"]
    assert _numbers(client, started, q="nr 2") == ["002"]
    assert _numbers(client, started, q="2019/003") == ["003"]
    assert _numbers(client, started, q="002") == ["002"]


def test_the_clerk_finds_offers_by_title_and_organisation(client, clerk, started, submitted_offers):
    offer = submitted_offers[1]
    Offer.objects.filter(pk=offer.pk).update(title="Warsztaty Szachowe dla seniorów")
    Organisation.objects.filter(pk=offer.organisation_id).update(name="Fundacja Bobra")
    client.force_login(clerk)
    assert _numbers(client, started, q="szachowe") == [offer.number]
    assert _numbers(client, started, q="fundacja BOBRA") == [offer.number]


def test_the_sheet_filter_and_the_counters_over_the_whole_call(client, clerk, started):
    client.force_login(clerk)
    assert _numbers(client, started, sheet="open") == ["001", "002", "003"]
    response = client.get(reverse("evaluation:formal_overview", kwargs={"slug": started.slug}), {"sheet": "none"})
    assert response.context["overview"].rows == []
    assert response.context["overview"].counts["offers"] == 3  # the counters do not follow the filter
    assert "Żadna oferta nie pasuje do wyszukiwania i filtrów." in response.content.decode()


def test_sorting_reverses_and_marks_the_column(client, clerk, started):
    client.force_login(clerk)
    assert _numbers(client, started, sort="-number") == ["003", "002", "001"]
    body = client.get(reverse("evaluation:formal_overview", kwargs={"slug": started.slug}), {"sort": "-number"}).content
    assert b'aria-sort="descending"' in body


def test_paging_keeps_the_filters_and_a_page_past_the_end_is_the_last(client, clerk, started, monkeypatch):
    monkeypatch.setattr("core.listing.PER_PAGE", 2)
    client.force_login(clerk)
    assert _numbers(client, started) == ["001", "002"]
    assert _numbers(client, started, page="2") == ["003"]
    assert _numbers(client, started, page="9") == ["003"]
    body = client.get(reverse("evaluation:formal_overview", kwargs={"slug": started.slug}),
                      {"sheet": "open"}).content.decode()
    assert 'href="?sheet=open&amp;page=2"' in body and 'aria-current="page"' in body
    assert "Wyświetlono 1–2 z 3 wyników" in body


def test_bad_parameters_are_ignored_with_a_polish_message_never_a_500(client, clerk, started):
    client.force_login(clerk)
    params = {"sheet": "nonsense", "result": "<script>", "sort": "secret", "page": "-1", "q": "x" * 300}
    response = client.get(reverse("evaluation:formal_overview", kwargs={"slug": started.slug}), params)
    assert response.status_code == 200
    assert [row.offer.number for row in response.context["overview"].rows] == ["001", "002", "003"]
    body = response.content.decode()
    assert "Wybierz poprawną wartość" in body and "Ten filtr został pominięty." in body
    assert "&lt;script&gt;" in body  # the value typed is named, escaped
