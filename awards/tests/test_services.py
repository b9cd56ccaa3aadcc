from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from awards import selectors, services
from awards.models import AwardEvent, Decision
from competition.models import Action, Call, CallEvent
from evaluation.merit import services as services_merit
from tests_support.merit import declare_all, merit_call, score


@pytest.fixture
def scored(reference_call, clerk):
    """Three offers scored and the stage closed: joint (A, D) best, single (A, D), wide (A, D)."""
    mc = merit_call(reference_call, clerk)
    declare_all(mc)
    for seat in mc.scorers:
        for offer, value in zip(mc.offers, (3, 2, 1)):
            score(seat, offer, value)
    services_merit.merit_close(call=mc.call, by=mc.chair.user)
    mc.call = Call.objects.get(pk=mc.call.pk)
    return mc


def test_proposal_walks_the_ranking_within_each_actions_budget(scored, clerk):
    Action.objects.filter(call=scored.call, code="A").update(budget=D("9000.00"))
    decision = services.decision_propose(call=scored.call, by=clerk)
    grants = {(g.offer.number, g.action.code): g for g in selectors.grants_of(decision)}
    requested = grants[(scored.offers[0].number, "A")].requested
    assert requested == D("4050.00")  # default_costs: 3 600 + 450 from the grant
    assert [g.awarded for g in (grants[(o.number, "A")] for o in scored.offers)] == [
        D("4050.00"), D("4050.00"), D("900.00")]
    assert grants[(scored.offers[2].number, "A")].partial
    assert all(grants[(o.number, "D")].awarded == D("4050.00") for o in scored.offers)
    assert decision.steps[0]["outcome"] == "full"


def test_the_mayor_cannot_exceed_an_actions_budget_or_the_request(scored, clerk, mayor):
    Action.objects.filter(call=scored.call, code="A").update(budget=D("9000.00"))
    decision = services.decision_propose(call=scored.call, by=clerk)
    grants = {(g.offer.number, g.action.code): g for g in selectors.grants_of(decision)}
    third = grants[(scored.offers[2].number, "A")]
    with pytest.raises(ValidationError) as exc:
        services.decision_set_amounts(decision=decision, amounts={third.pk: "1 000,00"}, by=mayor)
    assert any("9" in m and "A" in m for m in exc.value.messages)
    first = grants[(scored.offers[0].number, "A")]
    with pytest.raises(ValidationError):
        services.decision_set_amounts(decision=decision, amounts={first.pk: "5000"}, by=mayor)
    third.refresh_from_db()
    assert third.awarded == D("900.00")
    with pytest.raises(ValidationError) as exc:  # an amount other than the proposal's needs the authority's reason
        services.decision_set_amounts(decision=decision, amounts={first.pk: "4 000,00", third.pk: "950,00"}, by=mayor)
    assert len(exc.value.messages) == 2
    services.decision_set_amounts(decision=decision, amounts={first.pk: "4 000,00", third.pk: "950,00"}, by=mayor,
                                  reasons={first.pk: "Koszty zawyżone", third.pk: "Pozostała kwota"})
    assert AwardEvent.objects.filter(kind="changed").get().details["changes"][f"{scored.offers[0].number}/A"] == [
        "4050.00", "4000.00"]


def test_deciding_needs_the_order_and_locks_then_only_a_correction_with_a_reason(scored, clerk, mayor):
    decision = services.decision_propose(call=scored.call, by=clerk)
    with pytest.raises(ValidationError) as exc:
        services.decision_lock(decision=decision, order_number=" ", order_date=None, by=mayor)
    assert set(exc.value.message_dict) == {"order_number", "order_date"}
    services.decision_lock(decision=decision, order_number="Zarządzenie nr 150/2019", order_date=date(2019, 6, 14),
                           by=mayor)
    assert Call.objects.get(pk=scored.call.pk).state == Call.State.DECIDED
    decision = Decision.objects.get(pk=decision.pk)
    grant = decision.grants.first()
    with pytest.raises(ValidationError):
        services.decision_set_amounts(decision=decision, amounts={grant.pk: "0"}, by=mayor)
    with pytest.raises(ValidationError):
        services.decision_correct(decision=decision, amounts={grant.pk: "0"}, reason="", by=mayor)
    services.decision_correct(decision=decision, amounts={grant.pk: "0"}, reason="Oferent zrezygnował.", by=mayor)
    grant.refresh_from_db()
    assert grant.awarded == D("0.00")
    assert AwardEvent.objects.get(kind="corrected").reason == "Oferent zrezygnował."


def test_results_are_published_only_after_the_decision(scored, clerk, mayor):
    decision = services.decision_propose(call=scored.call, by=clerk)
    with pytest.raises(ValidationError):
        services.results_publish(call=scored.call, by=clerk)
    services.decision_lock(decision=decision, order_number="1/2019", order_date=date(2019, 6, 14), by=mayor)
    call = services.results_publish(call=scored.call, by=clerk)
    assert call.results_published_at is not None


def test_proposal_needs_a_closed_merit_evaluation(reference_call, clerk):
    mc = merit_call(reference_call, clerk, specs=({},))
    with pytest.raises(ValidationError):
        services.decision_propose(call=mc.call, by=clerk)


def test_offerors_are_told_the_decision_and_the_publication(scored, clerk, mayor):
    from accounts.models import Notice
    from notifications.models import Message

    Action.objects.filter(call=scored.call, code="A").update(budget=D("9000.00"))
    decision = services.decision_propose(call=scored.call, by=clerk)
    services.decision_lock(decision=decision, order_number="150/2019", order_date=date(2019, 6, 14), by=mayor)
    awards = Message.objects.filter(kind="award")
    assert awards.count() == 4  # one member in each lead organisation, and the joint offer's accepted partner
    third = scored.offers[2]
    lead = third.organisation.memberships.get().user
    message = awards.get(email=lead.email)
    assert "900,00 zł" in message.body and "4 950,00 zł" in message.body.replace("\u00a0", " ")
    assert Notice.objects.filter(user=lead, title=message.subject).exists()
    services.results_publish(call=scored.call, by=clerk)
    assert Message.objects.filter(kind="publication").count() == 4
    services.decision_correct(decision=Decision.objects.get(pk=decision.pk),
                              amounts={decision.grants.first().pk: "0"}, reason="Korekta", by=mayor)
    assert Message.objects.filter(kind="award").count() == 4  # a correction is not a second decision notice


def test_a_decision_after_the_announced_date_records_a_warning_in_the_calls_history(scored, clerk, mayor, client):
    decision = services.decision_propose(call=scored.call, by=clerk)
    late = scored.call.decision_date + timedelta(days=3)
    services.decision_lock(decision=decision, order_number="150/2019", order_date=late, by=mayor)
    warning = CallEvent.objects.get(call=scored.call, kind=CallEvent.Kind.WARNING)
    assert warning.by == mayor
    assert "o 3 dni" in warning.reason and late.strftime("%d.%m.%Y") in warning.reason
    assert warning.changes == {"decision_date": [scored.call.decision_date.isoformat(), late.isoformat()]}
    client.force_login(clerk)
    for url in (reverse("competition:manage_detail", kwargs={"slug": scored.call.slug}),
                reverse("awards:decision", kwargs={"slug": scored.call.slug})):
        page = client.get(url).content.decode()
        assert 'id="warnings"' in page and late.strftime("%d.%m.%Y") in page


def test_a_decision_on_the_announced_date_records_no_warning(scored, clerk, mayor):
    decision = services.decision_propose(call=scored.call, by=clerk)
    services.decision_lock(decision=decision, order_number="150/2019", order_date=scored.call.decision_date, by=mayor)
    assert not CallEvent.objects.filter(call=scored.call, kind=CallEvent.Kind.WARNING).exists()
