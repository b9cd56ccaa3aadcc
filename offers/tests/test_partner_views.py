"""The partner's consent through the pages: the lead, the partner's member, an outsider, a clerk."""
import pytest
from django.urls import reverse

from offers import services
from offers.models import OfferEvent, OfferPartner
from tests_support.factories import MembershipFactory, OrganisationFactory
from tests_support.offers import make_offer
from tests_support.pdf import pdf_text

pytestmark = pytest.mark.django_db

# What the partner's profile holds and nobody may see before it accepts.
SECRETS = {
    "nip": "5261040828",
    "bank_account": "PL27114020040000300201355387",
    "phone": "85 999 11 22",
    "email": "sekretariat@puszcza.example.org",
    "street": "ul. Tajna 7",
    "representatives": "Zofia Łęcka – fundatorka",
}


@pytest.fixture
def lead(db):
    return MembershipFactory(organisation__legal_form="association", organisation__name="Stowarzyszenie Lider")


@pytest.fixture
def partner(db):
    organisation = OrganisationFactory(legal_form="foundation", name="Fundacja Puszcza Dzieciom", **SECRETS)
    return MembershipFactory(organisation=organisation)


@pytest.fixture
def offer(reference_call, lead, partner):
    offer = make_offer(call=reference_call, organisation=lead.organisation, user=lead.user)
    return services.offer_set_partners(offer=offer, by=lead.user, revision=None,
                                       partners=[(partner.organisation, "świetlica")])


def pending(offer) -> OfferPartner:
    return OfferPartner.all_objects.get(offer=offer)


def answer_url(offer) -> str:
    return reverse("offers:partner_answer", kwargs={"pk": pending(offer).pk})


def assert_no_partner_data(text: str) -> None:
    leaked = [value for value in (*SECRETS.values(), "Zofia Łęcka", "27 1140 2004") if value in text]
    assert leaked == []


def test_the_lead_sees_the_partner_as_invited_by_name_only(client, offer, lead):
    client.force_login(lead.user)
    page = client.get(offer.get_absolute_url()).content.decode()
    assert "Fundacja Puszcza Dzieciom – zaproszony, czeka na odpowiedź" in page
    assert_no_partner_data(page)
    step = client.get(reverse("offers:offer_step", kwargs={"pk": offer.pk, "section": "offerors"})).content.decode()
    assert "zaproszony: czeka, aż jeden z jego członków przyjmie zaproszenie" in step
    assert_no_partner_data(step)


def test_the_draft_pdf_with_a_pending_partner_prints_its_name_and_none_of_its_data(client, offer, lead):
    client.force_login(lead.user)
    text = pdf_text(client.get(reverse("reports:offer_draft_pdf", kwargs={"pk": offer.pk})))
    # the status may wrap onto the next line of its table cell (the PDF's tables have fixed layout)
    assert "Fundacja Puszcza Dzieciom – czeka na przyjęcie" in text
    assert "Zaproszeni partnerzy – nie są oferentami, dopóki nie przyjmą zaproszenia" in text
    assert_no_partner_data(text)
    assert "(partner)" not in text  # not printed as an offeror


def test_the_submit_button_names_the_partner_still_to_accept(client, offer, lead):
    client.force_login(lead.user)
    response = client.post(reverse("offers:offer_submit", kwargs={"pk": offer.pk}))
    assert response.status_code == 200
    assert offer.versions.count() == 0
    assert "Partner „Fundacja Puszcza Dzieciom” nie przyjął jeszcze zaproszenia do tej oferty." in (
        response.content.decode())


def test_the_partners_member_sees_the_request_accepts_and_then_reaches_the_offer(client, offer, partner):
    client.force_login(partner.user)
    assert client.get(offer.get_absolute_url()).status_code == 404
    assert client.get(reverse("reports:offer_draft_pdf", kwargs={"pk": offer.pk})).status_code == 404
    dashboard = client.get(reverse("offers_dashboard")).content.decode()
    assert "Zaproszenia do ofert wspólnych" in dashboard
    assert "Stowarzyszenie Lider zaprasza Fundacja Puszcza Dzieciom do udziału jako partner" in dashboard
    org_page = client.get(reverse("offers:organisation_detail", kwargs={"pk": partner.organisation_id}))
    assert answer_url(offer) in org_page.content.decode()
    response = client.post(answer_url(offer), {"answer": "accept"}, follow=True)
    assert response.redirect_chain[-1][0] == offer.get_absolute_url()
    assert "Fundacja Puszcza Dzieciom jest teraz partnerem oferty wspólnej Stowarzyszenie Lider." in (
        response.content.decode())
    assert pending(offer).status == "accepted"
    assert offer.events.get(kind=OfferEvent.Kind.PARTNER_ACCEPTED).by == partner.user
    assert "Zaproszenia do ofert wspólnych" not in client.get(reverse("offers_dashboard")).content.decode()


def test_the_lead_sees_the_partners_data_once_it_accepted(client, offer, lead, partner):
    client.force_login(partner.user)
    client.post(answer_url(offer), {"answer": "accept"})
    client.force_login(lead.user)
    text = pdf_text(client.get(reverse("reports:offer_draft_pdf", kwargs={"pk": offer.pk})))
    assert "5261040828" in text and "Zofia Łęcka" in text


def test_the_partners_member_declines(client, offer, partner):
    client.force_login(partner.user)
    response = client.post(answer_url(offer), {"answer": "decline"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("offers_dashboard")
    assert "Fundacja Puszcza Dzieciom odmówił udziału w ofercie wspólnej Stowarzyszenie Lider." in (
        response.content.decode())
    assert pending(offer).status == "declined"
    assert client.get(offer.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("role", ["outsider", "clerk", "lead"])
def test_nobody_else_can_answer(client, offer, role, request):
    user = request.getfixturevalue(role)
    client.force_login(user.user if role == "lead" else user)
    assert client.post(answer_url(offer), {"answer": "accept"}).status_code == 404
    assert pending(offer).status == "invited"


@pytest.mark.parametrize("role", ["outsider", "clerk"])
def test_the_pending_offer_stays_hidden_from_others(client, offer, role, request):
    client.force_login(request.getfixturevalue(role))
    assert client.get(offer.get_absolute_url()).status_code == 404
    assert client.get(reverse("reports:offer_draft_pdf", kwargs={"pk": offer.pk})).status_code == 404


def test_the_partner_list_offers_only_organisations_with_members(client, reference_call, lead, partner):
    offer = make_offer(call=reference_call, organisation=lead.organisation, user=lead.user)
    OrganisationFactory(name="Fundacja Bez Członków")
    client.force_login(lead.user)
    page = client.get(reverse("offers:offer_step", kwargs={"pk": offer.pk, "section": "offerors"})).content.decode()
    options = page.split('name="partners-0-organisation"')[1].split("</select>")[0]
    assert "Fundacja Puszcza Dzieciom" in options and "Fundacja Bez Członków" not in options


def test_a_wrong_answer_changes_nothing(client, offer, partner):
    client.force_login(partner.user)
    response = client.post(answer_url(offer), {"answer": "maybe"}, follow=True)
    assert "Wybierz, czy przyjmujesz, czy odrzucasz zaproszenie." in response.content.decode()
    assert pending(offer).status == "invited"
