"""A computed indicator (the call's `source`): counted from the offer, shown read-only, compared with
the minimum. The reference call's A.3 "at least 3 zones" counts the urban zones the offer ticks."""
from decimal import Decimal

import pytest

from offers import rules
from offers import selectors as offer_selectors
from offers import services
from offers.models import IndicatorValue, Offer
from offers.tests.test_offer_views import form_data, step_url
from tests_support.factories import MembershipFactory
from tests_support.offers import make_offer

ZONES = "liczba stref urbanistycznych, w których odbędą się działania"


@pytest.mark.parametrize(("source", "expected"), [
    ("zones", Decimal(1)), ("lpr_projects", Decimal(2)), ("offerors", Decimal(3)), ("", None), ("other", None),
])
def test_the_count_a_computed_indicator_reads(source, expected):
    assert rules.indicator_count(source, zones=1, lpr_projects=2, offerors=3) == expected


@pytest.mark.parametrize(("value", "ok"), [(Decimal(2), False), (Decimal(3), True), (Decimal(4), True)])
def test_a_computed_indicator_below_the_minimum_is_reported_as_computed(value, ok):
    decl = rules.IndicatorDeclaration("A", "strefy", Decimal(3), value, source="zones")
    message = rules.indicator_violation(decl)
    assert (message is None) == ok
    if not ok:
        assert "A" in message and str(value) in message and "3" in message


@pytest.fixture
def member(db):
    return MembershipFactory(organisation__legal_form="association")


@pytest.fixture
def offer(reference_call, member):
    return make_offer(call=reference_call, organisation=member.organisation, user=member.user)


def zones_row(offer) -> IndicatorValue:
    return IndicatorValue.objects.get(offer_action__offer=offer, indicator__name=ZONES)


def test_one_zone_ticked_fails_the_three_zones_minimum_whatever_is_typed(client, member, offer):
    row = zones_row(offer)
    services.offer_set_zones(offer=offer, by=member.user, revision=None, zones=list(offer.call.zones.all())[:1],
                             lpr_projects=list(offer.lpr_projects.all()))
    client.force_login(member.user)
    data = form_data(client.get(step_url(offer, "indicators")))
    response = client.post(step_url(offer, "indicators"), {**data, f"value_{row.pk}": "3"})  # typed, ignored
    assert response.status_code == 302
    offer = Offer.objects.get(pk=offer.pk)
    problems = [p for p in offer_selectors.offer_problems(offer) if p.section == "indicators"]
    assert len(problems) == 1 and "1" in problems[0].message and "3" in problems[0].message
    page = client.get(step_url(offer, "indicators")).content.decode()
    assert f'id="id_value_{row.pk}_computed"' in page and "disabled" in page.split(f'name="value_{row.pk}"')[1][:200]


def test_three_zones_ticked_meet_the_minimum_and_the_snapshot_carries_the_count(member, offer):
    services.offer_set_zones(offer=offer, by=member.user, revision=None, zones=list(offer.call.zones.all())[:3],
                             lpr_projects=list(offer.lpr_projects.all()))
    offer = Offer.objects.get(pk=offer.pk)
    assert not [p for p in offer_selectors.offer_problems(offer) if p.section == "indicators"]
    snapshot = offer_selectors.offer_snapshot(offer_selectors.offer_get_for_document(pk=offer.pk, call=offer.call))
    zones = next(i for a in snapshot["actions"] for i in a["indicators"] if i["name"] == ZONES)
    assert zones["value"] == "3" and zones["computed"] == "zones"
