"""A partner joins a joint offer only when one of its own members accepts (issue 18, point 3)."""
import importlib
import json

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings

from accounts.models import Notice
from notifications.models import Message
from offers import selectors, services, services_partners
from offers.models import OfferEvent, OfferPartner
from tests_support.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests_support.offers import make_offer

pytestmark = pytest.mark.django_db

PARTNER_DATA = ("PL61109010140000071219812874", "1234563218", "85 682 00 00", "Anna Kowalska", "ul. Lipowa 1")


@pytest.fixture
def lead(db):
    return MembershipFactory(organisation__legal_form="association", organisation__name="Stowarzyszenie Lider")


@pytest.fixture
def partner(db):
    return MembershipFactory(organisation__legal_form="foundation", organisation__name="Fundacja Puszcza Dzieciom",
                             organisation__email="fundacja@example.org")


@pytest.fixture
def offer(reference_call, lead):
    return make_offer(call=reference_call, organisation=lead.organisation, user=lead.user)


def invite(offer, lead, *organisations):
    return services.offer_set_partners(offer=offer, by=lead.user, revision=None,
                                       partners=[(o, "świetlica") for o in organisations])


def row(offer, organisation) -> OfferPartner:
    return OfferPartner.all_objects.get(offer=offer, organisation=organisation)


def test_a_new_partner_is_only_invited_and_all_its_members_are_told(offer, lead, partner):
    colleague = MembershipFactory(organisation=partner.organisation).user
    invite(offer, lead, partner.organisation)
    invited = row(offer, partner.organisation)
    assert (invited.status, invited.invited_by, invited.answered_by) == ("invited", lead.user, None)
    assert not offer.partners.exists()  # not an offeror
    event = offer.events.get(kind=OfferEvent.Kind.PARTNER_INVITED)
    assert (event.by, event.details["organisation"]) == (lead.user, partner.organisation.pk)
    told = Message.objects.filter(kind="partner")
    assert sorted(m.email for m in told) == sorted([partner.user.email, colleague.email])
    assert all(m.subject == "Zaproszenie Twojej organizacji do oferty wspólnej" and m.body_html == "" for m in told)
    assert "oferta pokazuje tylko nazwę Twojej organizacji" in told[0].body
    assert Notice.objects.filter(user=colleague).exists()


def test_an_organisation_without_members_cannot_be_invited(offer, lead):
    lonely = OrganisationFactory(name="Fundacja Bez Członków")
    with pytest.raises(ValidationError) as exc:
        invite(offer, lead, lonely)
    assert exc.value.messages == [
        "„Fundacja Bez Członków” nie ma w portalu żadnego członka, więc nikt nie mógłby przyjąć zaproszenia. Jako "
        "partnera można zaprosić tylko organizację, która ma co najmniej jednego członka; poproś ją najpierw o "
        "założenie konta."]
    assert not OfferPartner.all_objects.exists()


def test_the_offer_cannot_be_submitted_until_the_partner_accepts(offer, lead, partner):
    invite(offer, lead, partner.organisation)
    with pytest.raises(ValidationError) as exc:
        services.offer_submit(offer=offer, by=lead.user)
    assert any(m.startswith("Partner „Fundacja Puszcza Dzieciom” nie przyjął jeszcze zaproszenia do tej oferty.")
               for m in exc.value.messages)
    services_partners.partner_accept(partner=row(offer, partner.organisation), by=partner.user)
    version = services.offer_submit(offer=offer, by=lead.user)
    assert [p["name"] for p in version.data["partners"]] == ["Fundacja Puszcza Dzieciom"]
    assert "invited_partners" not in version.data


def test_a_member_of_the_partner_accepts_it_is_recorded_and_the_lead_is_told(offer, lead, partner):
    invite(offer, lead, partner.organisation)
    accepted = services_partners.partner_accept(partner=row(offer, partner.organisation), by=partner.user)
    assert (accepted.status, accepted.answered_by) == ("accepted", partner.user)
    assert accepted.answered_at is not None
    assert list(offer.partners.all()) == [accepted]
    event = offer.events.get(kind=OfferEvent.Kind.PARTNER_ACCEPTED)
    assert event.by == partner.user
    to_lead = Message.objects.get(kind="partner", email=lead.user.email)
    assert to_lead.subject == "Partner przyjął zaproszenie do Twojej oferty wspólnej"
    assert "„Fundacja Puszcza Dzieciom” (NIP 1234563218" in to_lead.body
    assert selectors.offers_of(partner.user).filter(pk=offer.pk).exists()
    # a double click changes nothing and records nothing more
    services_partners.partner_accept(partner=accepted, by=partner.user)
    assert offer.events.filter(kind=OfferEvent.Kind.PARTNER_ACCEPTED).count() == 1


@pytest.mark.parametrize("who", ["lead", "outsider"])
def test_only_a_member_of_the_invited_organisation_can_answer(offer, lead, partner, who):
    invite(offer, lead, partner.organisation)
    user = lead.user if who == "lead" else UserFactory()
    for answer in (services_partners.partner_accept, services_partners.partner_decline):
        with pytest.raises(PermissionDenied):
            answer(partner=row(offer, partner.organisation), by=user)
    assert row(offer, partner.organisation).status == "invited"


def test_until_it_accepts_the_partners_members_have_no_access_and_its_data_are_nowhere(offer, lead, partner):
    invite(offer, lead, partner.organisation)
    assert not selectors.offers_of(partner.user).filter(pk=offer.pk).exists()
    full = selectors.offer_get_for_user(pk=offer.pk, user=lead.user)
    snapshot = selectors.offer_snapshot(full)
    assert snapshot["partners"] == []
    assert snapshot["invited_partners"] == [{"name": "Fundacja Puszcza Dzieciom", "status": "invited"}]
    dumped = json.dumps(snapshot, ensure_ascii=False)
    assert not [value for value in (*PARTNER_DATA, "fundacja@example.org") if value in dumped.replace(
        json.dumps(snapshot["lead"], ensure_ascii=False), "")]
    assert [o.pk for o in selectors.offerors(full)] == [lead.organisation.pk]


def test_declining_is_recorded_and_blocks_submission_until_the_lead_removes_it(offer, lead, partner):
    invite(offer, lead, partner.organisation)
    services_partners.partner_decline(partner=row(offer, partner.organisation), by=partner.user)
    assert row(offer, partner.organisation).status == "declined"
    assert offer.events.get(kind=OfferEvent.Kind.PARTNER_DECLINED).by == partner.user
    assert Message.objects.get(kind="partner", email=lead.user.email).subject == (
        "Partner odmówił udziału w Twojej ofercie wspólnej")
    with pytest.raises(ValidationError) as exc:
        services.offer_submit(offer=offer, by=lead.user)
    assert "Partner „Fundacja Puszcza Dzieciom” odmówił udziału w tej ofercie." in " ".join(exc.value.messages)
    with pytest.raises(ValidationError):
        services_partners.partner_accept(partner=row(offer, partner.organisation), by=partner.user)
    invite(offer, lead)  # the lead removes it
    removed = offer.events.get(kind=OfferEvent.Kind.PARTNER_REMOVED)
    assert (removed.by, removed.details["status"]) == (lead.user, "declined")
    services.offer_submit(offer=offer, by=lead.user)


def test_removing_an_accepted_partner_ends_its_access_tells_its_members_and_a_return_needs_a_new_yes(
        offer, lead, partner):
    invite(offer, lead, partner.organisation)
    services_partners.partner_accept(partner=row(offer, partner.organisation), by=partner.user)
    invite(offer, lead)
    assert not OfferPartner.all_objects.filter(offer=offer).exists()
    assert not selectors.offers_of(partner.user).filter(pk=offer.pk).exists()
    removed = offer.events.get(kind=OfferEvent.Kind.PARTNER_REMOVED)
    assert removed.details == {"organisation": partner.organisation.pk, "name": "Fundacja Puszcza Dzieciom",
                               "status": "accepted"}
    told = Message.objects.filter(kind="partner", email=partner.user.email).order_by("pk").last()
    assert told.subject == "Oferta wspólna nie wymienia już Twojej organizacji"
    invite(offer, lead, partner.organisation)
    assert row(offer, partner.organisation).status == "invited"
    assert not selectors.offers_of(partner.user).filter(pk=offer.pk).exists()


def test_changing_the_role_keeps_the_partners_answer(offer, lead, partner):
    invite(offer, lead, partner.organisation)
    services_partners.partner_accept(partner=row(offer, partner.organisation), by=partner.user)
    services.offer_set_partners(offer=offer, by=lead.user, revision=None, partners=[(partner.organisation, "kuchnia")])
    kept = row(offer, partner.organisation)
    assert (kept.status, kept.role) == ("accepted", "kuchnia")


@override_settings(INVITATIONS_PER_USER_PER_HOUR=2)
def test_partner_invitations_are_rate_limited_per_user(offer, lead):
    first, second, third = (MembershipFactory(organisation__legal_form="foundation").organisation for _ in range(3))
    invite(offer, lead, first, second)
    with pytest.raises(ValidationError) as exc:
        invite(offer, lead, first, second, third)
    assert exc.value.messages[0].startswith(
        "W ciągu ostatniej godziny zaprosiłeś(-aś) jako partnerów 2 organizacji; limit wynosi 2 na godzinę.")
    assert OfferPartner.all_objects.filter(offer=offer).count() == 2


def test_the_partner_notice_quotes_the_leads_name_as_data_without_a_link(reference_call, partner):
    lead = MembershipFactory(organisation__name="Zaloguj się na http://bank-pl.example/login")
    offer = make_offer(call=reference_call, organisation=lead.organisation, user=lead.user)
    invite(offer, lead, partner.organisation)
    told = Message.objects.get(kind="partner", email=partner.user.email)
    assert "http://bank-pl.example" not in told.body and "bank-pl.example" not in told.body
    assert "„Zaloguj się na http[:]//bank-pl[.]example/login” (NIP" in told.body
    assert told.body_html == ""
    assert "świetlica" not in told.body  # the role the lead typed is not mailed


def test_existing_partners_are_marked_accepted_by_the_data_migration(offer, lead, partner):
    invite(offer, lead, partner.organisation)
    migration = importlib.import_module("offers.migrations.0006_existing_partners_accepted")
    migration.mark_accepted(apps, None)
    assert row(offer, partner.organisation).status == "accepted"
