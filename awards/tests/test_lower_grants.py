"""Negotiation of lower grants and the re-allocation of freed money (docs/negotiation.md).

The scored call has three admitted offers, each asking 4 050,00 zł in actions A and D. With
A's budget at 9 000,00 zł the walk gives the third offer 900,00 zł in A (partial); the authority
also lowers the first offer's A to 4 000,00 zł. Deciding opens two negotiations.
"""
from datetime import date, datetime, time, timedelta
from decimal import Decimal as D
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from awards import rules, selectors, services
from awards.negotiation import services as services_negotiation
from awards.models import AwardEvent, Decision, Grant
from awards.tests.test_views import _scored, grants_by_key, login
from competition.models import Action, Call
from notifications import services as outbox
from notifications.models import Message
from offers import selectors as offer_selectors
from offers import services as offer_services
from demo.offers import cost
from offers.models import Offer, OfferEvent

ZERO = D("0.00")
WARSAW = ZoneInfo("Europe/Warsaw")


# --- the rules ------------------------------------------------------------------------------------------


def test_an_offer_is_lower_only_with_some_money_but_not_all_it_asked_for():
    assert not rules.is_lower({"A": (D("100"), ZERO), "D": (D("50"), ZERO)})
    assert not rules.is_lower({"A": (D("100"), D("100"))})
    assert rules.is_lower({"A": (D("100"), D("100")), "D": (D("50"), D("49.99"))})


@pytest.mark.parametrize("state, fixed, rows, plan", [
    ("admitted", {}, {"A": (D("100"), D("60"))}, rules.OPEN),
    ("admitted", {"A": "60.00"}, {"A": (D("100"), D("60.00"))}, None),          # accepted at these amounts
    ("admitted", {"A": "60.00"}, {"A": (D("100"), D("50.00"))}, rules.OPEN),    # corrected after accepting
    ("admitted", {}, {"A": (D("100"), D("100"))}, None),
    ("admitted", {}, {"A": (D("100"), ZERO)}, None),                            # not funded: nothing to negotiate
    ("negotiation", {"A": "60.00"}, {"A": (D("100"), D("60"))}, None),
    ("negotiation", {"A": "60.00"}, {"A": (D("100"), D("70"))}, rules.UPDATE),
    ("negotiation", {"A": "60.00"}, {"A": (D("100"), D("100"))}, rules.CLOSE),
    ("negotiation", {"A": "60.00"}, {"A": (D("100"), ZERO)}, rules.CLOSE),
    ("resigned", {"A": "60.00"}, {"A": (D("100"), ZERO)}, None),
    ("rejected", {}, {"A": (D("100"), D("60"))}, None),
])
def test_negotiation_plan(state, fixed, rows, plan):
    assert rules.negotiation_plan(state, fixed, rows) == plan


def _place(pk, position, recommended=True):
    return rules.Place(rules.Candidate(pk, f"{pk:03d}", D(10 - position)), position, False, False, recommended)


def test_reallocation_gives_what_each_next_offer_lacks_per_action_and_never_moves_money_between_actions():
    places = [_place(1, 1), _place(2, 2), _place(3, 3), _place(4, 4, recommended=False)]
    rows = {
        1: {"A": (D("100"), ZERO)},                          # resigned: passed over
        2: {"A": (D("80"), D("50")), "D": (D("40"), D("40"))},  # lacks 30 in A
        3: {"A": (D("60"), ZERO), "D": (D("70"), ZERO)},        # lacks everything
        4: {"A": (D("10"), ZERO)},                              # not recommended
    }
    result = rules.reallocate(places, {"A": D("100"), "D": D("40")}, rows, passed_over={1})
    assert result.granted[(2, "A")] == D("30")
    assert result.granted[(3, "A")] == D("20")                  # the rest of A's 100 − 50 − 30
    assert result.granted[(3, "D")] == ZERO                     # D is spent; A's money does not move to D
    assert result.granted[(4, "A")] == ZERO
    assert (1, "A") not in result.granted
    assert [s.outcome for s in result.steps] == ["full", "partial", "exhausted", "not_recommended"]


def test_the_fixed_grant_rule_is_exact_to_the_grosz():
    from offers import rules as offer_rules

    assert offer_rules.fixed_grant_violation("A", D("4000.00"), D("4000.00")) is None
    assert offer_rules.fixed_grant_violation("A", D("4000.01"), D("4000.00"))
    assert offer_rules.fixed_grant_violation("A", D("3999.99"), D("4000.00"))


# --- the decision opens the negotiations --------------------------------------------------------------


@pytest.fixture
def decided(reference_call, clerk, mayor):
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


def offer(o: Offer) -> Offer:
    return Offer.objects.get(pk=o.pk)


def member_of(o: Offer):
    return o.organisation.memberships.first().user


def test_deciding_opens_a_negotiation_for_each_lower_grant_with_a_deadline_and_a_notice(decided):
    first, second, third = (offer(o) for o in decided.offers)
    assert first.state == third.state == Offer.State.NEGOTIATION
    assert second.state == Offer.State.ADMITTED and second.fixed_grants == {}
    assert first.fixed_grants == {"A": "4000.00", "D": "4050.00"}
    assert third.fixed_grants == {"A": "900.00", "D": "4050.00"}
    local = timezone.localtime(first.fixed_until)
    assert (local.date() - timezone.localdate()).days == decided.call.negotiation_days
    assert local.time() == time(23, 59, 59)
    assert AwardEvent.objects.filter(call=decided.call, kind="neg_opened").count() == 2
    award = Message.objects.filter(kind="award", object_key__startswith=f"award:{first.pk}:").first()
    assert award is not None and "4 000,00" in award.body and first.fixed_until.astimezone(
        timezone.get_current_timezone()).strftime("%d.%m.%Y") in award.body


def _accept_costs(o: Offer, grant_a: str) -> list[dict]:
    grant = D(grant_a) - D("450.00")
    return [cost("Warsztaty – działanie A", "10", "400.00", grant=str(grant), own_financial=str(D("4000") - grant),
                 unit="warsztat"),
            cost("Koordynacja", "5", "100.00", grant="450.00", own_personal="50.00", kind="administrative",
                 unit="miesiąc", hours="2", rate="25.00")]


def test_the_applicant_accepts_with_an_updated_offer_whose_grant_is_exactly_the_awarded_one(decided):
    first = offer(decided.offers[0])
    user = member_of(first)
    with pytest.raises(ValidationError) as exc:
        offer_services.offer_save_fields(offer=first, by=user, revision=None, section="statements",
                                         data={"st_true": False})
    assert "negocjacjach" in exc.value.messages[0] or "negotiation" in exc.value.messages[0]
    with pytest.raises(ValidationError) as exc:
        offer_services.offer_submit(offer=first, by=user)  # still asks for 4 050,00 in A
    assert any("4 000,00" in m and "4 050,00" in m for m in exc.value.messages)

    action_a = first.offer_actions.get(action__code="A")
    too_much = _accept_costs(first, "4000.00")
    too_much[0]["own_financial"] = D("0")                     # 3 550 of 3 550: the grant share breaks 90%
    too_much[0]["unit_cost"] = D("355.00")
    first = offer_services.offer_set_costs(offer=first, offer_action=action_a, by=user, revision=None, items=too_much)
    with pytest.raises(ValidationError) as exc:
        offer_services.offer_submit(offer=first, by=user)
    assert any("90" in m for m in exc.value.messages)        # every rule of the call still checked

    first = offer_services.offer_set_costs(offer=first, offer_action=action_a, by=user, revision=None,
                                           items=_accept_costs(first, "4000.00"))
    version = offer_services.offer_submit(offer=first, by=user)
    first = offer(first)
    assert version.number == 2 and first.state == Offer.State.ADMITTED and first.fixed_until is None
    assert first.fixed_grants == {"A": "4000.00", "D": "4050.00"}  # kept: what was accepted
    assert offer_selectors.offer_totals(first)[0]["A"].grant == D("4000.00")
    assert OfferEvent.objects.filter(offer=first, kind="accepted").exists()
    accepted = AwardEvent.objects.get(call=decided.call, kind="neg_accepted")
    assert accepted.by == user and accepted.details["version"] == 2


def test_after_the_deadline_nothing_can_be_changed_and_the_offer_expires_as_resigned(decided):
    third = offer(decided.offers[2])
    later = third.fixed_until + timedelta(seconds=1)
    with pytest.raises(ValidationError):
        offer_services.offer_save_fields(offer=third, by=member_of(third), revision=None, section="basics",
                                         data={"title": "Nowy"}, now=later)
    assert services_negotiation.negotiations_expire(now=third.fixed_until) == 0  # not overdue yet
    assert services_negotiation.negotiations_expire(now=later) == 2
    assert services_negotiation.negotiations_expire(now=later) == 0
    third = offer(third)
    assert third.state == Offer.State.RESIGNED
    assert not Grant.objects.filter(offer=third).exclude(awarded=ZERO).exists()
    expired = AwardEvent.objects.filter(call=decided.call, kind="neg_expired")
    assert expired.count() == 2 and all(e.by is None for e in expired)
    assert Message.objects.filter(kind="negotiation", object_key=f"negotiation-expired:{third.pk}").exists()


def test_a_resignation_frees_the_money_and_the_mayor_re_allocates_it_along_the_ranking(decided, mayor):
    first, third = offer(decided.offers[0]), offer(decided.offers[2])
    with pytest.raises(ValidationError):
        services_negotiation.negotiation_withdraw(offer=offer(decided.offers[1]), by=member_of(decided.offers[1]))
    revision = Decision.objects.get(pk=decided.decision.pk).revision
    services_negotiation.negotiation_withdraw(offer=first, by=member_of(first), reason="Za mało środków.")
    assert offer(first).state == Offer.State.RESIGNED
    withdrew = AwardEvent.objects.get(call=decided.call, kind="neg_withdrew")
    assert withdrew.details["freed"] == {"A": "4000.00", "D": "4050.00"} and withdrew.reason == "Za mało środków."
    decision = Decision.objects.get(pk=decided.decision.pk)
    assert decision.revision == revision + 1

    walk = selectors.reallocation(decision)
    assert walk.left["A"] == D("4050.00")  # 9 000 − 4 050 (second) − 900 (third); the first one's 4 000 is freed
    assert first.pk in walk.passed_over
    with pytest.raises(ValidationError):
        services_negotiation.reallocation_confirm(decision=decision, by=mayor, revision=revision)  # stale
    services_negotiation.reallocation_confirm(decision=decision, by=mayor, revision=decision.revision)
    grants = {g.action.code: g.awarded for g in Grant.objects.filter(offer=third).select_related("action")}
    assert grants == {"A": D("4050.00"), "D": D("4050.00")}    # all it asked for: no negotiation left
    third = offer(third)
    assert third.state == Offer.State.ADMITTED and third.fixed_grants == {}
    assert AwardEvent.objects.filter(call=decided.call, kind="neg_closed").exists()
    assert Message.objects.filter(kind="negotiation", object_key__startswith=f"negotiation:{third.pk}:").exists()
    for total in selectors.action_totals(decided.call, decision):
        assert total.awarded <= total.budget
    with pytest.raises(ValidationError):  # nothing left to give
        services_negotiation.reallocation_confirm(decision=Decision.objects.get(pk=decision.pk), by=mayor)


def test_a_correction_cannot_fund_a_resigned_offer_and_reopens_or_closes_negotiations(decided, mayor):
    first, second = offer(decided.offers[0]), offer(decided.offers[1])
    services_negotiation.negotiation_withdraw(offer=first, by=member_of(first))
    decision = Decision.objects.get(pk=decided.decision.pk)
    keys = grants_by_key(decision)
    with pytest.raises(ValidationError) as exc:
        services.decision_correct(decision=decision, amounts={keys[(first.number, "A")].pk: "100,00"},
                                  reason="Omyłka", by=mayor)
    assert first.number in exc.value.messages[0]
    services.decision_correct(decision=decision, amounts={keys[(second.number, "D")].pk: "4000,00"},
                              reason="Zmiana budżetu", by=mayor)
    second = offer(second)
    assert second.state == Offer.State.NEGOTIATION and second.fixed_grants["D"] == "4000.00"
    services.decision_correct(decision=Decision.objects.get(pk=decision.pk),
                              amounts={keys[(second.number, "D")].pk: "4050,00"}, reason="Powrót", by=mayor)
    second = offer(second)
    assert second.state == Offer.State.ADMITTED and second.fixed_grants == {}


# --- who may do what, through the pages ----------------------------------------------------------------


def test_only_the_offers_members_see_the_negotiation_and_resign(client, decided, outsider):
    third = offer(decided.offers[2])
    page = reverse("offers:offer_detail", kwargs={"pk": third.pk})
    withdraw = reverse("negotiation:withdraw", kwargs={"pk": third.pk})
    assert 'id="negotiation"' in login(client, member_of(third)).get(page).content.decode()
    assert login(client, outsider).post(withdraw, {"confirm": "yes"}).status_code == 404
    assert login(client, None).post(withdraw, {"confirm": "yes"}).status_code in (302, 404)
    assert offer(third).state == Offer.State.NEGOTIATION
    login(client, member_of(third)).post(withdraw, {"reason": "x"})  # not confirmed: nothing happens
    assert offer(third).state == Offer.State.NEGOTIATION
    response = client.post(withdraw, {"confirm": "yes", "reason": "Brak wkładu"}, follow=True)
    assert response.status_code == 200 and offer(third).state == Offer.State.RESIGNED
    assert 'id="negotiation"' not in response.content.decode()


def test_the_re_allocation_page_is_for_the_decision_makers_and_only_the_mayor_confirms(client, decided, clerk, mayor,
                                                                                    outsider):
    first = offer(decided.offers[0])
    services_negotiation.negotiation_withdraw(offer=first, by=member_of(first))
    url = reverse("negotiation:reallocation", kwargs={"slug": decided.call.slug})
    confirm = reverse("negotiation:reallocation_confirm", kwargs={"slug": decided.call.slug})
    for user in (None, outsider, member_of(first), decided.chair.user):
        assert login(client, user).get(url).status_code == 404
    assert 'id="reallocation-confirm"' not in login(client, clerk).get(url).content.decode()
    assert client.post(confirm, {"revision": "1"}).status_code == 404
    decision_page = client.get(reverse("awards:decision", kwargs={"slug": decided.call.slug})).content.decode()
    assert 'id="reallocation-link"' in decision_page
    html = login(client, mayor).get(url).content.decode()
    assert 'id="reallocation-confirm"' in html and decided.offers[2].number in html
    stale = client.post(confirm, {"revision": "1"})
    assert stale.status_code == 200 and 'id="error-summary"' in stale.content.decode()
    revision = Decision.objects.get(pk=decided.decision.pk).revision
    assert client.post(confirm, {"revision": str(revision)}).status_code == 302
    assert Grant.objects.get(offer=decided.offers[2], action__code="A").awarded == D("4050.00")
    history = client.get(reverse("awards:history", kwargs={"slug": decided.call.slug})).content.decode()
    assert history.count("<tr") >= 6


# --- reminders ------------------------------------------------------------------------------------------


def test_reminders_come_three_days_and_one_day_before_the_answer_deadline_once_and_only_while_unanswered(decided):
    third = offer(decided.offers[2])
    day_before = third.fixed_until - timedelta(days=1)
    assert outbox.plan_reminders(now=day_before) >= 1
    outbox.plan_reminders(now=day_before + timedelta(minutes=1))
    rows = Message.objects.filter(kind="negotiation_1d", object_key=f"offer:{third.pk}")
    assert rows.count() == third.organisation.memberships.count()
    assert rows.first().due_at == timezone.localtime(third.fixed_until) - timedelta(days=1)
    assert Message.objects.filter(kind="negotiation_3d").count() == 0  # its moment passed long ago: not sent late
    assert outbox.still_applies(rows.first())
    services_negotiation.negotiation_withdraw(offer=third, by=member_of(third))
    assert not outbox.still_applies(rows.first())


def test_the_three_day_reminder_keeps_the_warsaw_wall_clock_across_daylight_saving(decided):
    third = offer(decided.offers[2])
    # a deadline just after the October change: 3 days before is the same 23:59:59 on the Warsaw clock
    deadline = datetime(2030, 10, 28, 23, 59, 59, tzinfo=WARSAW)
    Offer.objects.filter(pk=third.pk).update(fixed_until=deadline)
    moment = datetime(2030, 10, 25, 23, 59, 59, tzinfo=WARSAW)
    utc = timezone.get_fixed_timezone(0)
    assert deadline.astimezone(utc) - moment.astimezone(utc) == timedelta(days=3, hours=1)  # 73 real hours
    outbox.plan_reminders(now=moment)
    row = Message.objects.get(kind="negotiation_3d", object_key=f"offer:{third.pk}",
                              email=member_of(third).email)
    assert timezone.localtime(row.due_at).time() == time(23, 59, 59)
