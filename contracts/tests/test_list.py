"""The call's list of funded offers and contracts: filter, search, sort, paging and bad parameters."""
import pytest
from django.urls import reverse

from tests_support.contracts import funded

pytestmark = pytest.mark.django_db


def test_the_clerk_filters_searches_sorts_and_pages_the_funded_offers(client, reference_call, clerk, mayor,
                                                                      monkeypatch):
    world = funded(reference_call, clerk, mayor)
    url = reverse("contracts:call_contracts", kwargs={"slug": world.call.slug})
    client.force_login(clerk)

    def numbers(**params):
        response = client.get(url, params)
        assert response.status_code == 200
        return [row.offer.number for row in response.context["rows"]]

    everything = numbers()
    assert everything == sorted(o.number for o in world.offers) and len(everything) >= 2
    assert numbers(contract="prepared") == [world.contract.offer.number]
    assert world.contract.offer.number not in numbers(contract="not_prepared")
    assert numbers(q=world.contract.number) == [world.contract.offer.number]
    assert numbers(sort="-number") == everything[::-1]
    monkeypatch.setattr("core.listing.PER_PAGE", 1)
    assert numbers(page="2") == [everything[1]]
    assert numbers(page="500") == [everything[-1]]
    response = client.get(url, {"contract": "maybe", "sort": "grant", "page": "zero"})
    assert response.status_code == 200 and "Ten filtr został pominięty." in response.content.decode()
