"""The ranking, the allocation and the authority's decision, through the test client, for every role.

The `scored` call (reference call, merit evaluation closed): three offers, each requesting
4 050,00 zł for action A and for action D; offer 0 best, then 1, then 2.
"""
import re
from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from awards import rules, services
from awards.models import AwardEvent, Decision, Grant
from competition.models import Action, Call
from core.money import format_money
from evaluation.merit import services as services_merit
from tests_support.factories import UserFactory
from tests_support.merit import declare_all, merit_call, score

pytestmark = pytest.mark.django_db

ROLES = ("clerk", "mayor", "admin", "chair", "member", "applicant", "outsider", "anonymous")
VIEWERS = {"clerk", "mayor", "admin"}
CLERKS = {"clerk", "admin"}
DECIDERS = {"mayor", "admin"}


def pl(message) -> str:
    """A message as the page shows it: in Polish where the catalogue has it, HTML-escaped."""
    with translation.override("pl"):
        return escape(str(message))


def url(name: str, call: Call) -> str:
    return reverse(f"awards:{name}", kwargs={"slug": call.slug})


def refresh(call: Call) -> Call:
    return Call.objects.get(pk=call.pk)


def _scored(call, clerk, specs=None, values=(3, 2, 1)):
    mc = merit_call(call, clerk, **({"specs": specs} if specs else {}))
    declare_all(mc)
    for seat in mc.scorers:
        for offer, value in zip(mc.offers, values):
            score(seat, offer, value)
    services_merit.merit_close(call=mc.call, by=mc.chair.user)
    mc.call = refresh(mc.call)
    return mc


@pytest.fixture
def scored(reference_call, clerk):
    return _scored(reference_call, clerk)


@pytest.fixture
def user_of(scored, clerk, mayor, admin_user):
    """`user_of("chair")`: the user acting in that role for the scored call (None: anonymous)."""
    users = {
        "clerk": clerk, "mayor": mayor, "admin": admin_user, "chair": scored.chair.user,
        "member": scored.members[0].user,
        "applicant": scored.offers[0].organisation.memberships.first().user,
        "outsider": UserFactory(), "anonymous": None,
    }
    return users.__getitem__


def login(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client


def grants_by_key(decision: Decision) -> dict[tuple[str, str], Grant]:
    return {(g.offer.number, g.action.code): g for g in Grant.objects.filter(decision=decision)
            .select_related("offer", "action")}


def typed(decision: Decision, prefix: str = "decision", *, stated: bool = True, **changes) -> dict[str, str]:
    """Every amount as the form shows it (awarded so far), with `changes` {f"{number}_{code}": typed};
    with `stated`, the authority's reason for each amount changed."""
    data = {f"{prefix}-revision": str(decision.revision)}
    for (number, code), grant in grants_by_key(decision).items():
        data[f"{prefix}-amount_{grant.pk}"] = changes.get(f"n{number}_{code}", format_money(grant.awarded)[:-3])
        data[f"{prefix}-reason_{grant.pk}"] = grant.reason
        if stated and f"n{number}_{code}" in changes:
            data[f"{prefix}-reason_{grant.pk}"] = f"Uzasadnienie zmiany {number}/{code}"
    return data


def proposed(mc, clerk, **budgets) -> Decision:
    for code, budget in budgets.items():
        Action.objects.filter(call=mc.call, code=code).update(budget=D(budget))
    return services.decision_propose(call=mc.call, by=clerk)


# --- who may look and act ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_decision_and_history_pages_are_for_clerks_the_mayor_and_administrators(client, scored, user_of, role):
    login(client, user_of(role))
    for name in ("decision", "history"):
        response = client.get(url(name, scored.call))
        assert response.status_code == (200 if role in VIEWERS else 404), (name, role)


@pytest.mark.parametrize("role", ROLES)
def test_only_clerks_propose_the_allocation(client, scored, user_of, role):
    response = login(client, user_of(role)).post(url("propose", scored.call))
    if role in CLERKS:
        assert response.status_code == 302
        assert Decision.objects.filter(call=scored.call).exists()
    else:
        assert response.status_code == 404
        assert not Decision.objects.filter(call=scored.call).exists()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ("amounts", "lock"))
def test_only_the_mayor_changes_amounts_and_decides(client, scored, clerk, user_of, role, name):
    decision = proposed(scored, clerk)
    first = grants_by_key(decision)[(scored.offers[0].number, "A")]
    data = typed(decision, **{f"n{scored.offers[0].number}_A": "4 000,00"})
    data.update({"decision-order_number": "150/2019", "decision-order_date": "2019-06-14", "decision-confirmed": "1"})
    response = login(client, user_of(role)).post(url(name, scored.call), data)
    first.refresh_from_db()
    if role in DECIDERS:
        assert response.status_code == 302
        assert first.awarded == D("4000.00")
        assert refresh(scored.call).state == (Call.State.DECIDED if name == "lock" else Call.State.SCORED)
    else:
        assert response.status_code == 404
        assert first.awarded == D("4050.00")
        assert refresh(scored.call).state == Call.State.SCORED


@pytest.mark.parametrize("role", ROLES)
def test_only_the_mayor_corrects_the_decision(client, scored, clerk, mayor, user_of, role):
    decision = proposed(scored, clerk)
    decision = services.decision_lock(decision=decision, order_number="150/2019", order_date=date(2019, 6, 14),
                                      by=mayor)
    data = typed(decision, "correction", **{f"n{scored.offers[1].number}_D": "0"})
    data["correction-reason"] = "Oferent zrezygnował z działania D."
    response = login(client, user_of(role)).post(url("correct", scored.call), data)
    corrected = AwardEvent.objects.filter(call=scored.call, kind=AwardEvent.Kind.CORRECTED)
    assert response.status_code == (302 if role in DECIDERS else 404)
    assert corrected.exists() == (role in DECIDERS)


@pytest.mark.parametrize("role", ROLES)
def test_only_clerks_publish_the_results(client, scored, clerk, mayor, user_of, role):
    decision = proposed(scored, clerk)
    services.decision_lock(decision=decision, order_number="150/2019", order_date=date(2019, 6, 14), by=mayor)
    response = login(client, user_of(role)).post(url("publish", scored.call))
    published = refresh(scored.call).results_published_at is not None
    assert response.status_code == (302 if role in CLERKS else 404)
    assert published == (role in CLERKS)


def test_the_decision_page_exists_only_once_the_merit_evaluation_is_closed(client, reference_call, clerk):
    mc = merit_call(reference_call, clerk, specs=({},))
    assert login(client, clerk).get(url("decision", mc.call)).status_code == 404
    page = client.get(reverse("competition:manage_detail", kwargs={"slug": mc.call.slug})).content.decode()
    assert url("decision", mc.call) not in page


def test_the_clerks_call_page_links_to_the_decision_once_scored(client, scored, clerk):
    page = login(client, clerk).get(reverse("competition:manage_detail", kwargs={"slug": scored.call.slug}))
    assert url("decision", scored.call) in page.content.decode()


def test_the_decision_page_does_not_query_per_offer(client, scored, clerk, mayor, django_assert_max_num_queries):
    proposed(scored, clerk)
    login(client, mayor)
    with django_assert_max_num_queries(20):  # 18 with three offers, the same with more
        assert client.get(url("decision", scored.call)).status_code == 200


def test_writes_need_post(client, scored, clerk):
    assert login(client, clerk).get(url("propose", scored.call)).status_code == 405


# --- before the proposal -------------------------------------------------------------------------------


def test_before_the_proposal_clerks_see_the_button_and_the_mayor_waits(client, scored, clerk, mayor):
    page = login(client, clerk).get(url("decision", scored.call)).content.decode()
    assert f'action="{url("propose", scored.call)}"' in page
    assert 'id="ranking-table"' not in page
    page = login(client, mayor).get(url("decision", scored.call)).content.decode()
    assert url("propose", scored.call) not in page
    assert url("amounts", scored.call) not in page


# --- the ranking, the walk, the totals -----------------------------------------------------------------


def test_the_page_explains_the_ranking_the_walk_and_the_totals(client, scored, clerk):
    login(client, clerk).post(url("propose", scored.call))
    Call.objects.filter(pk=scored.call.pk).update(min_recommended_score=D("40.00"))
    page = client.get(url("decision", scored.call)).content.decode()
    ranking = page[page.index('id="ranking-table"'):page.index('id="walk-table"')]
    numbers = re.findall(r'id="rank-(\d+)" data-position="(\d+)"', ranking)
    assert numbers == [(str(o.pk), str(n)) for n, o in enumerate(scored.offers, start=1)]
    assert "(ex aequo)" not in ranking
    with translation.override("pl"):
        tie_label = refresh(scored.call).get_tie_break_display()
    assert escape(tie_label) in page
    assert "40,00" in page[page.index('id="minimum-score"'):]
    walk = page[page.index('id="walk-table"'):page.index('id="totals-table"')]
    assert walk.count('data-outcome="full"') == 6  # three offers × actions A and D, each within its budget
    totals = page[page.index('id="totals-table"'):page.index('id="grants"')]
    assert "30 000,00 zł" in totals and "12 150,00 zł" in totals  # A: budget; three requests of 4 050,00
    assert "17 850,00 zł" in totals  # what is left of A


def test_ex_aequo_offers_share_their_place_and_a_tie_short_of_money_goes_to_the_mayor(
        client, reference_call, clerk, mayor):
    mc = _scored(reference_call, clerk, specs=({}, {}), values=(2, 2))
    proposed(mc, clerk, A="5000.00")
    page = login(client, mayor).get(url("decision", mc.call)).content.decode()
    ranking = page[page.index('id="ranking-table"'):page.index('id="walk-table"')]
    assert ranking.count('data-position="1"') == 2
    assert ranking.count("(ex aequo)") == 2
    walk = page[page.index('id="walk-table"'):page.index('id="totals-table"')]
    assert 'data-outcome="tie"' in walk
    assert "950,00 zł" in walk  # what was left of A for the second offer sharing the place


# --- the authority's amounts --------------------------------------------------------------------------------


def test_each_amount_has_a_label_naming_the_offer_and_the_action(client, scored, clerk, mayor):
    decision = proposed(scored, clerk)
    page = login(client, mayor).get(url("decision", scored.call)).content.decode()
    for grant in Grant.objects.filter(decision=decision):
        assert f'<label class="visually-hidden" for="id_decision-amount_{grant.pk}">' in page
    assert page.count('name="decision-amount_') == 6
    assert 'formaction="' + url("lock", scored.call) + '"' in page


def test_an_amount_above_an_actions_budget_is_refused_with_every_amount_kept(client, scored, clerk, mayor):
    decision = proposed(scored, clerk, A="9000.00")
    keys = grants_by_key(decision)
    third = keys[(scored.offers[2].number, "A")]
    assert third.awarded == D("900.00")
    data = typed(decision, **{f"n{scored.offers[2].number}_A": "1 000,00", f"n{scored.offers[1].number}_D": "3 999,99"})
    response = login(client, mayor).post(url("amounts", scored.call), data)
    assert response.status_code == 200
    page = response.content.decode()
    expected = rules.ABOVE_BUDGET % {"action": "A", "total": format_money(D("9100.00")),
                                     "budget": format_money(D("9000.00"))}
    assert pl(expected) in page
    assert 'id="error-summary"' in page
    assert 'value="1 000,00"' in page and 'value="3 999,99"' in page
    third.refresh_from_db()
    assert third.awarded == D("900.00")
    assert grants_by_key(decision)[(scored.offers[1].number, "D")].awarded == D("4050.00")
    checks = page[page.index('id="checks"'):]
    assert "9 100,00 zł" in checks[:checks.index("</table>")]  # the total as typed, recomputed by the server


def test_an_amount_that_is_not_one_is_named_and_linked(client, scored, clerk, mayor):
    decision = proposed(scored, clerk)
    first = grants_by_key(decision)[(scored.offers[0].number, "A")]
    data = typed(decision, **{f"n{scored.offers[0].number}_A": "tysiąc"})
    response = login(client, mayor).post(url("amounts", scored.call), data)
    assert response.status_code == 200
    page = response.content.decode()
    expected = rules.NOT_AN_AMOUNT % {"offer": scored.offers[0].number, "action": "A", "value": "tysiąc"}
    assert pl(expected) in page
    assert f'href="#id_decision-amount_{first.pk}"' in page
    assert 'value="tysiąc"' in page


def test_an_amount_above_the_request_is_refused(client, scored, clerk, mayor):
    decision = proposed(scored, clerk)
    data = typed(decision, **{f"n{scored.offers[0].number}_A": "5000"})
    page = login(client, mayor).post(url("amounts", scored.call), data).content.decode()
    expected = rules.ABOVE_REQUESTED % {"offer": scored.offers[0].number, "action": "A",
                                        "awarded": format_money(D("5000")), "requested": format_money(D("4050"))}
    assert pl(expected) in page
    assert not AwardEvent.objects.filter(kind=AwardEvent.Kind.CHANGED).exists()


def test_amounts_saved_in_polish_format_are_recorded(client, scored, clerk, mayor):
    decision = proposed(scored, clerk, A="9000.00")
    data = typed(decision, **{f"n{scored.offers[0].number}_A": "4 000,00",
                              f"n{scored.offers[2].number}_A": "949,50"})
    response = login(client, mayor).post(url("amounts", scored.call), data)
    assert response.status_code == 302
    keys = grants_by_key(decision)
    assert keys[(scored.offers[0].number, "A")].awarded == D("4000.00")
    assert keys[(scored.offers[2].number, "A")].awarded == D("949.50")
    changes = AwardEvent.objects.get(kind=AwardEvent.Kind.CHANGED).details["changes"]
    assert changes == {f"{scored.offers[0].number}/A": ["4050.00", "4000.00"],
                       f"{scored.offers[2].number}/A": ["900.00", "949.50"]}


def test_a_stale_form_is_refused_and_keeps_what_was_typed(client, scored, clerk, mayor):
    decision = proposed(scored, clerk)
    data = typed(decision, **{f"n{scored.offers[0].number}_A": "3 000,00"})
    third = grants_by_key(decision)[(scored.offers[2].number, "D")]
    services.decision_set_amounts(decision=decision, amounts={third.pk: "4000"}, by=mayor,  # another tab, meanwhile
                                  reasons={third.pk: "Zakres zmniejszony"})
    response = login(client, mayor).post(url("amounts", scored.call), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert pl(translation.gettext_lazy("Someone changed the decision after you opened it; reload the page and enter "
                                       "your changes again.")) in page
    assert 'value="3 000,00"' in page
    assert grants_by_key(decision)[(scored.offers[0].number, "A")].awarded == D("4050.00")


# --- deciding and correcting -----------------------------------------------------------------------------


def test_deciding_locks_the_amounts_and_moves_the_call_to_decided(client, scored, clerk, mayor):
    decision = proposed(scored, clerk)
    data = typed(decision, **{f"n{scored.offers[2].number}_D": "2 000,00"})
    data.update({"decision-order_number": "Zarządzenie nr 150/2019", "decision-order_date": "2019-06-14"})
    unconfirmed = login(client, mayor).post(url("lock", scored.call), data)
    assert unconfirmed.status_code == 200 and 'href="#id_decision-confirmed"' in unconfirmed.content.decode()
    assert not Decision.objects.get(pk=decision.pk).is_locked
    response = client.post(url("lock", scored.call), {**data, "decision-confirmed": "1"})
    assert response.status_code == 302
    decision = Decision.objects.get(pk=decision.pk)
    assert decision.is_locked and decision.order_date == date(2019, 6, 14)
    assert refresh(scored.call).state == Call.State.DECIDED
    assert grants_by_key(decision)[(scored.offers[2].number, "D")].awarded == D("2000.00")
    page = client.get(url("decision", scored.call)).content.decode()
    assert "Zarządzenie nr 150/2019" in page
    assert f'action="{url("correct", scored.call)}"' in page and 'name="correction-reason"' in page
    assert url("amounts", scored.call) not in page
    page = login(client, clerk).get(url("decision", scored.call)).content.decode()
    assert 'name="correction-amount_' not in page  # read-only for the clerk
    assert f'action="{url("publish", scored.call)}"' in page
    assert f'action="{url("propose", scored.call)}"' not in page


def test_the_live_check_knows_each_request_to_flag_a_grant_above_it(client, scored, clerk, mayor):
    decision = proposed(scored, clerk)
    page = login(client, mayor).get(url("decision", scored.call)).content.decode()
    grant = next(iter(grants_by_key(decision).values()))
    assert f'data-requested="{grant.requested}"' in page
    assert f'id="id_decision-amount_{grant.pk}_above" data-above-requested hidden' in page
    assert 'data-text-above-requested="Więcej niż wnioskowane {requested}' in page
    assert 'data-confirm="decide-confirm"' in page and 'name="decision-confirmed"' in page


def test_deciding_needs_the_order_and_names_every_problem_at_once(client, scored, clerk, mayor):
    decision = proposed(scored, clerk)
    second = grants_by_key(decision)[(scored.offers[1].number, "A")]
    data = typed(decision, **{f"n{scored.offers[0].number}_A": "1 111,11", f"n{scored.offers[1].number}_A": "4100"})
    data.update({"decision-order_number": " ", "decision-order_date": ""})
    response = login(client, mayor).post(url("lock", scored.call), data)
    assert response.status_code == 200
    page = response.content.decode()
    for message in ("Give the number of the authority's order.", "Give the date of the authority's order."):
        assert pl(translation.gettext_lazy(message)) in page
    above = rules.ABOVE_REQUESTED % {"offer": scored.offers[1].number, "action": "A",
                                     "awarded": format_money(D("4100")), "requested": format_money(D("4050"))}
    assert pl(above) in page
    assert f'href="#id_decision-amount_{second.pk}"' in page and f'id="id_decision-amount_{second.pk}_error"' in page
    assert 'href="#id_decision-order_number"' in page
    assert 'value="1 111,11"' in page and 'value="4100"' in page
    assert refresh(scored.call).state == Call.State.SCORED
    assert not Decision.objects.get(pk=decision.pk).is_locked


def test_saving_amounts_ignores_a_badly_typed_order_date(client, scored, clerk, mayor):
    decision = proposed(scored, clerk)
    data = typed(decision, **{f"n{scored.offers[0].number}_A": "4 000,00"})
    data["decision-order_date"] = "jutro"
    assert login(client, mayor).post(url("amounts", scored.call), data).status_code == 302
    response = client.post(url("lock", scored.call), {**typed(Decision.objects.get(pk=decision.pk)),
                                                      "decision-order_number": "1/2019",
                                                      "decision-order_date": "jutro"})
    assert response.status_code == 200 and 'value="jutro"' in response.content.decode()


def test_a_correction_needs_a_reason(client, scored, clerk, mayor):
    decision = proposed(scored, clerk)
    decision = services.decision_lock(decision=decision, order_number="150/2019", order_date=date(2019, 6, 14),
                                      by=mayor)
    key = f"n{scored.offers[1].number}_D"
    data = typed(decision, "correction", **{key: "0,00"})
    data["correction-reason"] = "   "
    response = login(client, mayor).post(url("correct", scored.call), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert pl(translation.gettext_lazy("Give the reason for the correction; it is recorded.")) in page
    assert 'href="#id_correction-reason"' in page and 'value="0,00"' in page
    second = grants_by_key(decision)[(scored.offers[1].number, "D")]
    assert second.awarded == D("4050.00")
    assert not AwardEvent.objects.filter(kind=AwardEvent.Kind.CORRECTED).exists()

    data["correction-reason"] = "Oferent zrezygnował z działania D."
    assert client.post(url("correct", scored.call), data).status_code == 302
    second.refresh_from_db()
    assert second.awarded == D("0.00")
    history = client.get(url("history", scored.call)).content.decode()
    assert "Oferent zrezygnował z działania D." in history
    assert "4 050,00 zł → 0,00 zł" in history


def test_clerks_propose_again_before_the_decision_with_a_warning_and_it_resets_the_amounts(
        client, scored, clerk, mayor):
    decision = proposed(scored, clerk)
    first = grants_by_key(decision)[(scored.offers[0].number, "A")]
    services.decision_set_amounts(decision=decision, amounts={first.pk: "1000"}, by=mayor,
                                  reasons={first.pk: "Zakres zmniejszony"})
    page = login(client, clerk).get(url("decision", scored.call)).content.decode()
    assert 'id="propose-again"' in page
    assert client.post(url("propose", scored.call)).status_code == 302
    assert grants_by_key(Decision.objects.get(call=scored.call))[(scored.offers[0].number, "A")].awarded == D(
        "4050.00")


def test_publishing_twice_is_refused_on_the_page(client, scored, clerk, mayor):
    decision = proposed(scored, clerk)
    services.decision_lock(decision=decision, order_number="150/2019", order_date=date(2019, 6, 14), by=mayor)
    login(client, clerk)
    assert client.post(url("publish", scored.call)).status_code == 302
    response = client.post(url("publish", scored.call))
    assert response.status_code == 200
    assert pl(translation.gettext_lazy("The results are already published.")) in response.content.decode()
    assert AwardEvent.objects.filter(kind=AwardEvent.Kind.PUBLISHED).count() == 1


def test_the_history_names_who_did_what(client, scored, clerk, mayor):
    decision = proposed(scored, clerk)
    services.decision_lock(decision=decision, order_number="150/2019", order_date=date(2019, 6, 14), by=mayor)
    page = login(client, clerk).get(url("history", scored.call)).content.decode()
    assert page.count('data-kind="') == 2
    assert escape(mayor.get_full_name()) in page and escape(clerk.get_full_name()) in page
    assert "150/2019" in page and "14.06.2019" in page


def test_the_mayor_finds_the_calls_to_decide_from_the_menu(client, mayor, applicant, scored):
    client.force_login(mayor)
    home = client.get("/")
    assert b'id="nav-decisions"' in home.content
    page = client.get(reverse("awards:decision_list"))
    assert page.status_code == 200
    assert reverse("awards:decision", kwargs={"slug": scored.call.slug}).encode() in page.content
    client.force_login(applicant)
    assert b'id="nav-decisions"' not in client.get("/").content
    assert client.get(reverse("awards:decision_list")).status_code == 404


# --- the authority's reason for an amount other than the proposal's ------------------------------------


def test_an_amount_other_than_the_proposals_needs_the_authoritys_reason_and_nothing_typed_is_lost(
        client, scored, clerk, mayor):
    decision = proposed(scored, clerk)
    first = grants_by_key(decision)[(scored.offers[0].number, "A")]
    data = typed(decision, stated=False, **{f"n{scored.offers[0].number}_A": "3 000,00"})
    response = login(client, mayor).post(url("amounts", scored.call), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert pl(rules.STATED_REASON_MISSING % {"offer": scored.offers[0].number, "action": "A"}) in page
    assert f'href="#id_decision-reason_{first.pk}"' in page and 'value="3 000,00"' in page
    assert grants_by_key(decision)[(scored.offers[0].number, "A")].awarded == D("4050.00")

    data[f"decision-reason_{first.pk}"] = "Koszty cateringu zawyżone"
    assert client.post(url("amounts", scored.call), data).status_code == 302
    first.refresh_from_db()
    assert (first.awarded, first.reason) == (D("3000.00"), "Koszty cateringu zawyżone")
    event = AwardEvent.objects.get(kind=AwardEvent.Kind.CHANGED)
    assert event.details["reasons"] == {f"{scored.offers[0].number}/A": "Koszty cateringu zawyżone"}
    page = client.get(url("decision", scored.call)).content.decode()
    assert 'value="Koszty cateringu zawyżone"' in page
    assert "Koszty cateringu zawyżone" in client.get(url("history", scored.call)).content.decode()


def test_a_correction_takes_its_reason_as_the_stated_reason_of_the_amounts_it_changes(client, scored, clerk, mayor):
    decision = proposed(scored, clerk)
    decision = services.decision_lock(decision=decision, order_number="150/2019", order_date=date(2019, 6, 14),
                                      by=mayor)
    data = typed(decision, "correction", stated=False, **{f"n{scored.offers[1].number}_D": "1 000,00"})
    data["correction-reason"] = "Omyłka pisarska w kosztorysie"
    assert login(client, mayor).post(url("correct", scored.call), data).status_code == 302
    second = grants_by_key(decision)[(scored.offers[1].number, "D")]
    assert (second.awarded, second.reason) == (D("1000.00"), "Omyłka pisarska w kosztorysie")
