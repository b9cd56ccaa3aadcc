"""One organisation, offers to several authorities (issue 23, point 3): "My offers" and the
dashboard list them all, each with its authority, and filter by authority."""
import pytest
from django.urls import reverse

from competition import services as call_services
from demo.loader import reference_call_document
from tests_support.factories import MembershipFactory, grant, wojt
from tests_support.offers import make_offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_offers(reference_call, clerk):
    village = wojt()
    grant(clerk, "clerk", [village])  # only the authority's own clerks import its calls
    doc = reference_call_document()
    doc.update(slug="konkurs-gminny", title="Konkurs gminny", authority={**doc["authority"], "slug": village.slug})
    other_call = call_services.call_publish(call=call_services.call_import(document=doc, by=clerk), by=clerk)
    member = MembershipFactory(organisation__legal_form="association")
    org, user = member.organisation, member.user
    town_offer = make_offer(call=reference_call, organisation=org, user=user)
    village_offer = make_offer(call=other_call, organisation=org, user=user, submit=True)
    return user, town_offer, village_offer


def test_my_offers_lists_offers_to_both_authorities_with_their_names(client, two_offers):
    user, town_offer, village_offer = two_offers
    client.force_login(user)
    html = client.get(reverse("offers:offer_list")).content.decode()
    assert village_offer.call.authority.slug == "wojt-gminy-kamienna-struga"
    assert "Wójt Gminy Kamienna Struga" in html and town_offer.call.authority.name in html
    assert html.count(f'href="{town_offer.get_absolute_url()}"') == 1
    assert html.count(f'href="{village_offer.get_absolute_url()}"') == 1


def test_my_offers_filters_by_authority(client, two_offers):
    user, town_offer, village_offer = two_offers
    client.force_login(user)
    response = client.get(reverse("offers:offer_list"), {"authority": "wojt-gminy-kamienna-struga"})
    assert [o.pk for o in response.context["listing"].rows] == [village_offer.pk]


def test_the_dashboard_names_each_call_s_authority(client, two_offers):
    user, town_offer, village_offer = two_offers
    client.force_login(user)
    html = client.get(reverse("offers_dashboard")).content.decode()
    assert "Wójt Gminy Kamienna Struga" in html and town_offer.call.authority.name in html
