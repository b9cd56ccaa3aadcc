"""The early end of a contract (the framework contract of 2018, §§ 12–14): the rules without a
database, the service (recorded, notified, the money to return), the page, and what follows:
the re-allocation passes the offer over and the public results say the contract ended."""
from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from awards import selectors as award_selectors
from awards import services as award_services
from awards.models import Decision
from competition.models import Call
from awards.negotiation import services as negotiation
from contracts.models import ContractEvent
from contracts.termination import rules, services
from contracts.termination.models import Termination
from notifications.models import Message
from reports.selectors_results import results_get
from tests_support.contracts import funded

pytestmark = pytest.mark.django_db

SIGNED, END, TODAY = date(2019, 7, 1), date(2019, 12, 31), date(2026, 1, 10)


def money(value) -> str:
    return f"{value} zł"


def ending(kind="agreement", ground="", on=date(2019, 9, 30), paid="8100.00", spent="5000.00",
           return_by=date(2019, 10, 15)) -> rules.Ending:
    return rules.Ending(kind, ground, on, D(paid), D(spent), return_by)


def problems(e: rules.Ending) -> dict:
    return rules.termination_problems(e, signed_on=SIGNED, end_date=END, grant=D("8100.00"), today=TODAY, money=money)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


# --- the rules -------------------------------------------------------------------------------------------


def test_what_was_transferred_and_not_spent_properly_is_returned():
    assert rules.to_return(D("8100.00"), D("5000.00")) == D("3100.00")
    assert rules.to_return(D("0.00"), D("0.00")) == D("0.00")
    assert rules.paid_until([(date(2019, 7, 15), D("6000.00")), (date(2019, 10, 1), D("2100.00"))],
                            date(2019, 9, 30)) == D("6000.00")


def test_a_termination_by_agreement_within_the_rules_has_no_problem():
    assert problems(ending()) == {}


@pytest.mark.parametrize("changes, field, words", [
    ({"on": date(2019, 6, 30)}, "on", "before it was signed"),
    ({"on": date(2026, 2, 1)}, "on", "still to come"),
    ({"on": date(2020, 1, 2)}, "on", "ran its course"),
    ({"paid": "9000.00"}, "paid", "more than the grant of the contract"),
    ({"spent": "8200.00"}, "spent", "more than the grant transferred"),
    ({"spent": "-1.00"}, "spent", "negative"),
    ({"return_by": None}, "return_by", "3100.00 zł"),
    ({"return_by": date(2019, 9, 1)}, "return_by", "before the contract ends"),
    ({"kind": "authority"}, "ground", "§ 14"),
    ({"ground": "misuse"}, "ground", "only when the authority"),
    ({"kind": "grantee"}, "kind", "only until the grant is transferred"),
])
def test_each_broken_rule_is_named_on_its_field(changes, field, words):
    found = problems(ending(**changes))
    assert field in found and words in found[field]


def test_the_grantee_withdraws_before_any_transfer_with_nothing_to_return():
    assert problems(ending(kind="grantee", paid="0.00", spent="0.00", return_by=None)) == {}


# --- the service and what follows -------------------------------------------------------------------------


@pytest.fixture
def world(reference_call, clerk, mayor):
    return funded(reference_call, clerk, mayor)


def test_the_authority_terminates_recorded_notified_and_the_money_to_return_shown(world, clerk, mayor, client):
    contract = world.contract
    on = contract.signed_on
    with pytest.raises(ValidationError) as exc:
        services.contract_terminate(contract=contract, ending=ending(kind="authority", on=on, return_by=on), reason="",
                                    by=clerk)
    assert {"ground", "reason"} <= set(exc.value.message_dict)
    termination = services.contract_terminate(
        contract=contract, by=clerk, reason="Dotacja wydana na zakup niezwiązany z zadaniem.",
        ending=ending(kind="authority", ground="misuse", on=on, paid="8100.00", spent="2600.00",
                      return_by=on + timedelta(days=14)))
    assert termination.to_return == D("5500.00")
    event = ContractEvent.objects.get(contract=contract, kind=ContractEvent.Kind.TERMINATED)
    assert event.by == clerk and event.details["to_return"] == "5500.00" and event.details["ground"] == "misuse"
    notice = Message.objects.filter(kind="contract_change", object_key=f"termination:{contract.pk}",
                                    email=world.grantee.email).first()
    assert notice is not None and "5 500,00" in notice.body
    assert Message.objects.filter(object_key=f"termination:{contract.pk}", email=mayor.email).exists()
    with pytest.raises(ValidationError):
        services.contract_terminate(contract=contract, ending=ending(on=on, return_by=on), reason="Znowu", by=clerk)

    client.force_login(world.grantee)
    page = client.get(reverse("contracts:contract", kwargs={"pk": contract.pk})).content.decode()
    assert 'id="termination-to-return"' in page and "5 500,00" in page
    assert 'id="change-new"' not in page  # no change can be asked for any more

    decision = Decision.objects.get(call=world.call)
    walk = award_selectors.reallocation(decision)
    assert walk.passed_over[contract.offer_id] == "terminated"
    assert negotiation.withdrawal_error(contract.offer, decision)  # too late to resign: it was terminated

    award_services.results_publish(call=world.call, by=clerk)
    with translation.override("en"):  # the page above switched the thread to the request's language
        row = next(r for r in results_get(Call.objects.get(pk=world.call.pk)).ranking
                   if r.offer.pk == contract.offer_id)
    assert row.reason == f"the contract ended early (terminated by the authority) on {on.strftime('%d.%m.%Y')}"


def test_a_signed_contract_stops_the_withdrawal_from_the_grant(world):
    decision = Decision.objects.get(call=world.call)
    assert "signed" in negotiation.withdrawal_error(world.contract.offer, decision)
    with pytest.raises(ValidationError):
        negotiation.award_withdraw(offer=world.contract.offer, by=world.grantee, reason="Za późno")
    assert not Termination.objects.exists()


def test_the_page_is_the_offices_and_keeps_what_was_typed(world, clerk, client):
    contract = world.contract
    url = reverse("contracts:terminate", kwargs={"pk": contract.pk})
    client.force_login(world.grantee)
    assert client.get(url).status_code == 404
    client.force_login(clerk)
    page = client.get(url)
    assert page.status_code == 200 and 'id="termination-form"' in page.content.decode()
    on = contract.signed_on.isoformat()
    bad = client.post(url, {"kind": "grantee", "on": on, "paid": "8 100,00", "spent": "0", "reason": "Powódź"})
    html = bad.content.decode()
    assert bad.status_code == 200 and 'id="error-summary"' in html and "Powódź" in html
    done = client.post(url, {"kind": "agreement", "on": on, "paid": "8 100,00", "spent": "8 100,00",
                             "reason": "Porozumienie stron"})
    assert done.status_code == 302 and Termination.objects.get(contract=contract).to_return == D("0.00")
