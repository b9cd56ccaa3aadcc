"""An awarded offer gives up its grant before the contract, the re-allocation passes over every
offer that left or was set to nothing, and a clerk extends a negotiation's deadline.

The `decided` world (awards/tests/test_lower_grants.py): three offers asking 4 050,00 zł in each
of actions A and D; A's budget is 9 000,00 zł. The first is lowered to 4 000,00 in A (negotiating),
the second is granted all it asked for, the third gets the 900,00 left in A (negotiating).
"""
from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from awards import rules, selectors, services
from awards.models import AwardEvent, Decision, Grant
from awards.negotiation import services as negotiation
from awards.tests.test_lower_grants import member_of, offer
from awards.tests.test_views import _scored, grants_by_key, login
from competition.models import Action, Call
from notifications.models import Message
from offers.models import Offer, OfferEvent
from reports.selectors_results import results_get

ZERO = D("0.00")


@pytest.fixture
def decided(reference_call, clerk, mayor):
    """As in test_lower_grants: the first offer lowered to 4 000,00 in A with a reason."""
    mc = _scored(reference_call, clerk)
    Action.objects.filter(call=mc.call, code="A").update(budget=D("9000.00"))
    decision = services.decision_propose(call=mc.call, by=clerk)
    first_a = grants_by_key(decision)[(mc.offers[0].number, "A")]
    decision = services.decision_lock(decision=decision, order_number="Zarządzenie nr 1/2019",
                                      order_date=date(2019, 6, 14), by=mayor, amounts={first_a.pk: "4000,00"},
                                      reasons={first_a.pk: "Koszty cateringu zawyżone"})
    mc.decision = Decision.objects.get(pk=decision.pk)
    mc.call = Call.objects.get(pk=mc.call.pk)
    return mc


def _decision(world) -> Decision:
    return Decision.objects.get(pk=world.decision.pk)


def _extra(walk, pk) -> D:
    return sum((amount for (offer_pk, _code), amount in walk.allocation.granted.items() if offer_pk == pk), ZERO)


def _awarded(o: Offer) -> dict[str, D]:
    return {g.action.code: g.awarded for g in Grant.objects.filter(offer=o).select_related("action")}


# --- the two bugs of the issue, as they were reported ---------------------------------------------------


def test_a_correction_to_zero_is_not_undone_by_the_re_allocation(decided, mayor):
    """Before: the full-grant offer could only be corrected to zero, and the re-allocation then gave
    it its whole grant back. Now it is passed over and the next offer in the ranking gets the money."""
    second, third = offer(decided.offers[1]), offer(decided.offers[2])
    keys = grants_by_key(_decision(decided))
    services.decision_correct(decision=_decision(decided), by=mayor, reason="Oferent zrezygnował z dotacji",
                              amounts={keys[(second.number, "A")].pk: "0,00", keys[(second.number, "D")].pk: "0,00"})
    walk = selectors.reallocation(_decision(decided))
    assert walk.passed_over[second.pk] == rules.PASS_ZEROED
    assert _extra(walk, second.pk) == ZERO
    assert walk.allocation.granted[(third.pk, "A")] == D("3150.00")  # all it still lacks: 4 050 − 900
    negotiation.reallocation_confirm(decision=_decision(decided), by=mayor)
    assert _awarded(offer(second)) == {"A": ZERO, "D": ZERO}
    assert _awarded(offer(third))["A"] == D("4050.00")


def test_after_the_next_offer_is_set_by_hand_the_money_left_never_goes_to_the_offer_that_left(decided, mayor):
    """Before: a correction zeroing the second offer and raising the third by hand left 950,00 in A,
    which the re-allocation page proposed to give to the second offer."""
    second, third = offer(decided.offers[1]), offer(decided.offers[2])
    keys = grants_by_key(_decision(decided))
    services.decision_correct(decision=_decision(decided), by=mayor, reason="Rezygnacja oferty; środki dla następnej",
                              amounts={keys[(second.number, "A")].pk: "0,00", keys[(second.number, "D")].pk: "0,00",
                                       keys[(third.number, "A")].pk: "4050,00"})
    walk = selectors.reallocation(_decision(decided))
    assert walk.left["A"] == D("950.00")
    assert _extra(walk, second.pk) == ZERO and (second.pk, "A") not in walk.allocation.granted
    assert walk.allocation.granted[(decided.offers[0].pk, "A")] == D("50.00")  # the first still lacks 50,00


def test_a_single_grant_set_to_nothing_stays_nothing_while_the_other_action_may_grow():
    places = [rules.Place(rules.Candidate(1, "001", D(3)), 1, False, False, True)]
    rows = {1: {"A": (D("100"), ZERO), "D": (D("50"), D("20"))}}
    result = rules.reallocate(places, {"A": D("100"), "D": D("50")}, rows, passed_over=set(), held={(1, "A")})
    assert (1, "A") not in result.granted and result.granted[(1, "D")] == D("30")


@pytest.mark.parametrize("proposed, awarded, stated, expected", [
    ("100.00", "0.00", "", True),            # the walk gave money, the authority took it away
    ("0.00", "0.00", "Poza zakresem", True),  # nothing proposed, and the authority said why it gives nothing
    ("0.00", "0.00", "", False),             # the budget ran out: waiting for freed money
    ("100.00", "40.00", "Zawyżone", False),  # lowered, not taken away
])
def test_what_counts_as_set_to_nothing(proposed, awarded, stated, expected):
    assert rules.set_to_zero(proposed=D(proposed), awarded=D(awarded), stated=stated) is expected


@pytest.mark.parametrize("state, accepted, contract, zeroed, why", [
    ("admitted", False, "signed", False, rules.PASS_SIGNED),
    ("admitted", False, "terminated", False, rules.PASS_TERMINATED),
    ("resigned", False, "", False, rules.PASS_RESIGNED),
    ("admitted", True, "", False, rules.PASS_ACCEPTED),
    ("admitted", False, "", True, rules.PASS_ZEROED),
    ("negotiation", False, "", False, None),
    ("admitted", False, "", False, None),
])
def test_why_the_re_allocation_passes_an_offer_over(state, accepted, contract, zeroed, why):
    assert rules.pass_over_why(state=state, accepted=accepted, contract=contract, zeroed=zeroed) == why


# --- withdrawal of a full grant --------------------------------------------------------------------------


def test_an_offer_with_its_full_grant_withdraws_and_the_money_goes_down_the_ranking(decided, clerk, mayor):
    second, third = offer(decided.offers[1]), offer(decided.offers[2])
    with pytest.raises(ValidationError) as exc:
        negotiation.award_withdraw(offer=second, by=member_of(second), reason="  ")
    assert "reason" in exc.value.message_dict
    negotiation.award_withdraw(offer=second, by=member_of(second), reason="Koordynator zadania wyjechał.")
    second = offer(second)
    assert second.state == Offer.State.RESIGNED and _awarded(second) == {"A": ZERO, "D": ZERO}
    event = AwardEvent.objects.get(call=decided.call, kind=AwardEvent.Kind.WITHDREW)
    assert event.reason == "Koordynator zadania wyjechał." and event.details["freed"] == {"A": "4050.00",
                                                                                          "D": "4050.00"}
    assert OfferEvent.objects.filter(offer=second, kind="resigned", details__reason="Koordynator zadania wyjechał."
                                     ).exists()
    office = Message.objects.filter(kind="award", object_key=f"withdrawal:{second.pk}")
    assert {m.email for m in office} == {clerk.email, mayor.email}
    assert "Koordynator zadania wyjechał." in office.first().body
    with pytest.raises(ValidationError):  # once only
        negotiation.award_withdraw(offer=second, by=member_of(second), reason="Jeszcze raz")

    negotiation.reallocation_confirm(decision=_decision(decided), by=mayor)
    assert _awarded(offer(second)) == {"A": ZERO, "D": ZERO}
    assert _awarded(offer(third)) == {"A": D("4050.00"), "D": D("4050.00")}
    realloc = AwardEvent.objects.get(call=decided.call, kind=AwardEvent.Kind.REALLOCATED)
    assert realloc.details["sources"] == {"A": [second.number], "D": [second.number]}


def test_the_published_results_say_why_each_offer_has_what_it_has(decided, clerk, mayor):
    first, second, third = (offer(o) for o in decided.offers)
    services.results_publish(call=decided.call, by=clerk)
    negotiation.award_withdraw(offer=second, by=member_of(second), reason="Brak kadry")
    negotiation.reallocation_confirm(decision=_decision(decided), by=mayor)
    with translation.override("en"):
        rows = {r.offer.number: r for r in results_get(Call.objects.get(pk=decided.call.pk)).ranking}
    assert rows[second.number].reason == ("the offeror resigned from the grant it was awarded, before the contract; "
                                          "the money went to the next offers in the ranking")
    assert "Brak kadry" not in rows[second.number].reason  # the offeror's own reason is for the office
    assert rows[third.number].reason == (f"action A: 3 150,00 zł of the grant is money freed by offer {second.number} "
                                         "and re-allocated along the ranking")
    assert "50,00 zł of the grant is money freed by offer" in rows[first.number].reason


def test_a_correction_to_nothing_is_published_with_its_reason(decided, clerk, mayor):
    second = offer(decided.offers[1])
    services.results_publish(call=decided.call, by=clerk)
    keys = grants_by_key(_decision(decided))
    services.decision_correct(decision=_decision(decided), by=mayor, reason="Oferent utracił status OPP",
                              amounts={keys[(second.number, "A")].pk: "0,00", keys[(second.number, "D")].pk: "0,00"})
    with translation.override("en"):
        rows = {r.offer.number: r for r in results_get(Call.objects.get(pk=decided.call.pk)).ranking}
    assert rows[second.number].reason == ("action A: the authority's reason: Oferent utracił status OPP; "
                                          "action D: the authority's reason: Oferent utracił status OPP")


def test_no_withdrawal_before_the_decision_or_without_a_grant(decided, mayor):
    third = offer(decided.offers[2])
    keys = grants_by_key(_decision(decided))
    services.decision_correct(decision=_decision(decided), by=mayor, reason="Brak środków",
                              amounts={keys[(third.number, "A")].pk: "0,00", keys[(third.number, "D")].pk: "0,00"})
    third = offer(third)
    assert negotiation.withdrawal_error(third, _decision(decided))  # nothing awarded: nothing to give up
    assert negotiation.withdrawal_error(third, None)


# --- the pages ---------------------------------------------------------------------------------------------


def test_the_offerors_page_asks_a_reason_and_a_confirmation(client, decided, outsider):
    second = offer(decided.offers[1])
    url = reverse("negotiation:award_withdraw", kwargs={"pk": second.pk})
    assert login(client, outsider).get(url).status_code == 404
    assert login(client, None).get(url).status_code == 404
    detail = login(client, member_of(second)).get(reverse("offers:offer_detail", kwargs={"pk": second.pk}))
    assert url in detail.content.decode()
    page = client.get(url)
    assert page.status_code == 200 and 'id="withdraw-form"' in page.content.decode()
    refused = client.post(url, {"reason": "Powód bez potwierdzenia"})
    html = refused.content.decode()
    assert refused.status_code == 200 and 'id="error-summary"' in html and "Powód bez potwierdzenia" in html
    assert offer(second).state == Offer.State.ADMITTED
    done = client.post(url, {"reason": "Brak wolontariuszy", "confirm": "on"})
    assert done.status_code == 302 and offer(second).state == Offer.State.RESIGNED


# --- a clerk extends the deadline to answer ----------------------------------------------------------------


def test_a_clerk_extends_the_deadline_and_the_expiry_respects_it(decided, clerk):
    third = offer(decided.offers[2])
    old = third.fixed_until
    today = timezone.localdate()
    with pytest.raises(ValidationError) as exc:
        negotiation.negotiation_extend(offer=third, until=today - timedelta(days=1), by=clerk)
    assert "until" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        negotiation.negotiation_extend(offer=third, until=timezone.localtime(old).date(), by=clerk)
    assert old.astimezone(timezone.get_current_timezone()).strftime("%d.%m.%Y") in exc.value.messages[0]
    new_day = timezone.localtime(old).date() + timedelta(days=7)
    negotiation.negotiation_extend(offer=third, until=new_day, by=clerk, reason="Wniosek oferenta")
    third = offer(third)
    assert timezone.localtime(third.fixed_until).date() == new_day and third.state == Offer.State.NEGOTIATION
    event = AwardEvent.objects.get(call=decided.call, kind=AwardEvent.Kind.NEG_EXTENDED)
    assert event.reason == "Wniosek oferenta" and event.details["previous"] == old.isoformat()
    assert Message.objects.filter(kind="negotiation", object_key__startswith=f"negotiation-extended:{third.pk}:").exists()
    negotiation.negotiations_expire(now=old + timedelta(seconds=1))
    assert offer(third).state == Offer.State.NEGOTIATION  # the old deadline no longer ends it
    negotiation.negotiations_expire(now=third.fixed_until + timedelta(seconds=1))
    assert offer(third).state == Offer.State.RESIGNED


def test_the_extension_page_is_the_clerks(client, decided, clerk, mayor):
    third = offer(decided.offers[2])
    url = reverse("negotiation:negotiation_extend", kwargs={"slug": decided.call.slug, "offer_pk": third.pk})
    assert login(client, member_of(third)).get(url).status_code == 404
    assert login(client, mayor).get(url).status_code == 404
    assert login(client, clerk).get(url).status_code == 200
    page = client.get(reverse("negotiation:reallocation", kwargs={"slug": decided.call.slug})).content.decode()
    assert url in page
    bad = client.post(url, {"until": "31.02.2019"})
    assert bad.status_code == 200 and 'id="error-summary"' in bad.content.decode()
    day = timezone.localtime(third.fixed_until).date() + timedelta(days=3)
    assert client.post(url, {"until": day.isoformat()}).status_code == 302
    assert timezone.localtime(offer(third).fixed_until).date() == day
