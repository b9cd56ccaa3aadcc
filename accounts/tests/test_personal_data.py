"""A user downloads what the portal keeps about them; the privacy notice names the controller."""
import json

import pytest
from django.test import override_settings
from django.urls import reverse

from offers import services
from tests_support.factories import MembershipFactory, UserFactory
from tests_support.offers import make_offer

pytestmark = pytest.mark.django_db


def test_a_user_downloads_their_own_data_and_nobody_elses(client, reference_call):
    member = MembershipFactory(organisation__name="Stowarzyszenie Żurawie", user__full_name="Zofia Żuraw")
    offer = make_offer(call=reference_call, organisation=member.organisation, user=member.user)
    services.offer_save_fields(offer=offer, by=member.user, revision=None, section="basics",
                               data={"title": "Łąki nad Leśną", "start_date": offer.start_date,
                                     "end_date": offer.end_date})
    other = UserFactory(full_name="Inny Człowiek")
    url = reverse("accounts:data_export")
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(member.user)
    response = client.get(url)
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["full_name"] == "Zofia Żuraw" and data["account"]["email"] == member.user.email
    assert [o["name"] for o in data["organisations"]] == ["Stowarzyszenie Żurawie"]
    assert [o["title"] for o in data["offers_worked_on"]] == ["Łąki nad Leśną"]
    assert any(c["section"] == "basics" for c in data["offers_worked_on"][0]["my_changes"])
    assert "Inny Człowiek" not in response.content.decode()
    client.force_login(other)
    assert json.loads(client.get(url).content)["offers_worked_on"] == []


@override_settings(PRIVACY={"controller": "Prezydent Miasta Przykładowo", "address": "ul. Rynek 1",
                            "contact": "urzad@przykladowo.example", "dpo": "iod@przykladowo.example",
                            "retention": ""})
def test_the_privacy_notice_names_the_configured_controller(client):
    html = client.get(reverse("accounts:privacy")).content.decode()
    assert "Prezydent Miasta Przykładowo" in html and "iod@przykladowo.example" in html
    assert reverse("accounts:privacy") in client.get("/").content.decode()  # linked from every page
