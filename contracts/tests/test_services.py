"""Contracts and changes through the services: what is recorded, applied, refused."""
from datetime import timedelta
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from contracts import rules, services
from contracts.models import ChangeRequest, Contract, ContractEvent
from notifications.models import Message
from tests_support.contracts import contract_for, decided, funded, proposal

pytestmark = pytest.mark.django_db

W, K = "A:Warsztaty – działanie A", "A:Koordynacja"


@pytest.fixture
def world(reference_call, clerk, mayor):
    return funded(reference_call, clerk, mayor)


def shift(contract, k_total, k_grant, w_total, w_grant):
    return proposal(contract, {K: (k_total, k_grant), W: (w_total, w_grant)})


def test_the_contract_copies_the_signed_offer(world):
    c = world.contract
    assert c.grant_total == D("8100.00")
    assert c.report_due == c.end_date + timedelta(days=30)
    assert sorted((x.action.code, x.name, x.total, x.grant) for x in c.costs.all())[0] == (
        "A", "Koordynacja", D("500.00"), D("450.00"))
    assert c.costs.count() == 4 and c.results.count() >= 2
    assert c.version.number == 1 and c.bank_account
    assert ContractEvent.objects.filter(contract=c, kind="signed").exists()


def test_a_second_contract_for_the_offer_or_a_taken_number_is_refused(world, clerk):
    with pytest.raises(ValidationError):
        contract_for(world.contract.offer, clerk, number="OKO/9/2019")
    with pytest.raises(ValidationError, match="OKO/1/2019"):
        contract_for(world.offers[0], clerk, number="OKO/1/2019")


def test_the_tranches_must_pay_the_whole_grant(world, clerk):
    offer = world.offers[0]
    with pytest.raises(ValidationError) as exc:
        services.contract_create(offer=offer, by=clerk, number="OKO/2/2019", signed_on=offer.start_date,
                                 place="Hajnówka", tranches=[rules.Tranche(offer.start_date, D("100.00"))])
    assert any("8 100,00" in m for m in exc.value.messages)
    assert not Contract.objects.filter(offer=offer).exists()


def test_a_shift_of_exactly_20_percent_is_recorded_and_applied_at_once(world):
    c = world.contract
    change = services.change_request(contract=c, by=world.grantee, revision=c.revision, justification="Dowóz.",
                                     proposal=shift(c, "400.00", "360.00", "4100.00", "3690.00"))
    assert change.state == ChangeRequest.State.RECORDED and not change.annex_number
    assert c.costs.get(name="Koordynacja", action__code="A").total == D("400.00")
    assert Contract.objects.get(pk=c.pk).revision == c.revision + 1


def test_a_shift_of_20_01_percent_waits_for_consent_and_changes_nothing_yet(world):
    c = world.contract
    change = services.change_request(contract=c, by=world.grantee, revision=c.revision, justification="Dowóz.",
                                     proposal=shift(c, "399.95", "359.95", "4100.05", "3690.05"))
    assert change.state == ChangeRequest.State.PENDING
    assert c.costs.get(name="Koordynacja", action__code="A").total == D("500.00")
    with pytest.raises(ValidationError, match="czeka już na zgodę"):
        services.change_request(contract=c, by=world.grantee, revision=c.revision, justification="Znowu.",
                                proposal=shift(c, "450.00", "405.00", "4050.00", "3645.00"))


def test_consent_applies_the_change_with_an_annex_and_notifies(world, clerk):
    c = world.contract
    change = services.change_request(contract=c, by=world.grantee, revision=c.revision, justification="Dowóz.",
                                     proposal=shift(c, "375.00", "337.50", "4125.00", "3712.50"))
    change = services.change_decide(change=change, by=clerk, approve=True)
    assert change.state == ChangeRequest.State.APPROVED
    assert change.annex_number == "Aneks nr 1 do umowy nr OKO/1/2019"
    assert c.costs.get(name="Koordynacja", action__code="A").grant == D("337.50")
    assert Message.objects.filter(kind="contract_change", object_key=f"change:{change.pk}").exists()
    with pytest.raises(ValidationError):
        services.change_decide(change=change, by=clerk, approve=False, note="Jednak nie.")


def test_a_refusal_needs_a_reason_and_leaves_the_budget(world, mayor):
    c = world.contract
    change = services.change_request(contract=c, by=world.grantee, revision=c.revision, justification="Dowóz.",
                                     proposal=shift(c, "375.00", "337.50", "4125.00", "3712.50"))
    with pytest.raises(ValidationError):
        services.change_decide(change=change, by=mayor, approve=False, note=" ")
    change = services.change_decide(change=change, by=mayor, approve=False, note="Koordynacja jest konieczna.")
    assert change.state == ChangeRequest.State.REFUSED
    assert c.costs.get(name="Koordynacja", action__code="A").grant == D("450.00")


def test_moving_money_between_actions_is_refused_and_nothing_is_recorded(world):
    c = world.contract
    bad = proposal(c, {W: ("4000.00", "3700.00"), "D:Warsztaty – działanie D": ("4000.00", "3500.00")})
    with pytest.raises(ValidationError) as exc:
        services.change_request(contract=c, by=world.grantee, revision=c.revision, justification="x", proposal=bad)
    assert any("między działaniami" in m for m in exc.value.messages)
    assert not c.changes.exists()


def test_a_cut_of_own_contribution_above_the_grant_share_is_refused(world):
    c = world.contract
    bad = proposal(c, {W: ("3700.00", "3600.00")})  # 4 050 of 4 200 in A; 8 100 of 8 700 = 93,1%
    with pytest.raises(ValidationError) as exc:
        services.change_request(contract=c, by=world.grantee, revision=c.revision, justification="x", proposal=bad)
    assert any("90" in m for m in exc.value.messages)


def test_a_new_item_waits_for_consent(world):
    c = world.contract
    p = proposal(c, {W: ("3900.00", "3500.00")}, new=[{"action": "A", "name": "Materiały", "kind": "substantive",
                                                      "total": "100.00", "grant": "100.00"}])
    change = services.change_request(contract=c, by=world.grantee, revision=c.revision, justification="x", proposal=p)
    assert change.state == ChangeRequest.State.PENDING
    assert not c.costs.filter(name="Materiały").exists()


def test_a_result_changed_by_more_than_10_percent_waits_for_consent(world):
    c = world.contract
    result = c.results.first()
    within = proposal(c, results={str(result.pk): str(result.value * D("1.1"))})
    change = services.change_request(contract=c, by=world.grantee, revision=c.revision, justification="x",
                                     proposal=within)
    assert change.state == ChangeRequest.State.RECORDED
    c.refresh_from_db()
    result.refresh_from_db()
    beyond = proposal(c, results={str(result.pk): str(result.value * D("1.11"))})
    change = services.change_request(contract=c, by=world.grantee, revision=c.revision, justification="x",
                                     proposal=beyond)
    assert change.state == ChangeRequest.State.PENDING


def test_a_stale_form_and_a_change_after_the_end_are_refused(world):
    c = world.contract
    with pytest.raises(ValidationError, match="zmienił się w czasie edycji"):
        services.change_request(contract=c, by=world.grantee, revision=c.revision - 1, justification="x",
                                proposal=shift(c, "450.00", "405.00", "4050.00", "3645.00"))
    after_end = timezone.make_aware(timezone.datetime.combine(c.end_date + timedelta(days=1),
                                                              timezone.datetime.min.time()).replace(hour=12))
    with pytest.raises(ValidationError, match="zakończyło się"):
        services.change_request(contract=c, by=world.grantee, revision=c.revision, justification="x",
                                proposal=shift(c, "450.00", "405.00", "4050.00", "3645.00"), now=after_end)


def test_an_unfunded_or_negotiating_offer_gets_no_contract(reference_call, clerk, mayor):
    offers = decided(reference_call, clerk, mayor)
    offer = offers[0]
    offer.state = offer.State.NEGOTIATION
    offer.save()
    assert "negocjacje" in services.funding_error(offer)


def test_grant_spending_before_the_signing_is_refused_and_defaults_to_the_signing(world, clerk):
    offer = world.offers[0]
    signed = offer.start_date + timedelta(days=6)
    tranche = [rules.Tranche(signed, D("8100.00"))]
    with pytest.raises(ValidationError) as exc:
        services.contract_create(offer=offer, by=clerk, number="OKO/2/2019", signed_on=signed, place="Hajnówka",
                                 tranches=tranche, spending_from=offer.start_date)
    assert any(signed.strftime("%d.%m.%Y") in m and offer.start_date.strftime("%d.%m.%Y") in m
               for m in exc.value.messages), exc.value.messages
    assert not Contract.objects.filter(offer=offer).exists()
    contract = services.contract_create(offer=offer, by=clerk, number="OKO/2/2019", signed_on=signed,
                                        place="Hajnówka", tranches=tranche)
    assert contract.start_date == offer.start_date and contract.spending_from == signed
    assert ContractEvent.objects.get(contract=contract, kind="signed").details["spending_from"] == signed.isoformat()
