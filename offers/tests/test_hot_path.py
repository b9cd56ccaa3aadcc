"""The applicant's hot path: the call's structure read once per revision of the call, a fixed
number of queries per request whatever the size of the offer, cost lines saved in place, and a
repeated submission answered with the version already made."""
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from competition import services as call_services
from competition.structure import structure_key
from offers import services
from offers.models import CostItem, Offer, OfferVersion
from offers.tests.test_offer_views import form_data, step_url
from tests_support.factories import MembershipFactory
from tests_support.offers import cost, make_offer

pytestmark = pytest.mark.django_db

STRUCTURE_TABLES = ("competition_action", "competition_indicator", "competition_urbanzone",
                    "competition_revitalisationproject")
# What each request may cost at most (reached: 16, 21, 16, 34, 22, 17; plus a little slack); the same for an
# offer of two actions with one cost line each and one of four actions, ten lines each, two partners.
MAX_QUERIES = {"open step": 17, "autosave": 22, "open costs": 17, "autosave costs": 36, "submit": 24,
               "offer page": 18}


@pytest.fixture
def member(db):
    return MembershipFactory(organisation__legal_form="association", user__full_name="Olga Oferentka")


def _offer(call, member, *, codes=("A", "D"), rows=1, partners=0):
    lines = {code: [cost(f"Warsztat {i}", "1", "100.00", grant="90.00", own_financial="10.00") for i in range(rows)]
             for code in codes}
    joined = [MembershipFactory(organisation__legal_form="foundation").organisation for _ in range(partners)]
    return make_offer(call=call, organisation=member.organisation, user=member.user, codes=codes, costs=lines,
                      partners=joined)


def _queries(call) -> tuple:
    with CaptureQueriesContext(connection) as captured:
        response = call()
    return response, captured


def _hot_path(client, offer) -> dict[str, int]:
    """Query counts of the requests of the last minute (the cache already warm)."""
    counts = {}
    client.get(step_url(offer, "other"))  # warms the structure of the call
    page, captured = _queries(lambda: client.get(step_url(offer, "other")))
    counts["open step"] = len(captured)
    response, captured = _queries(lambda: client.post(step_url(offer, "other"), form_data(page), HTTP_X_AUTOSAVE="1"))
    assert response.status_code == 200, response.content
    counts["autosave"] = len(captured)
    page, captured = _queries(lambda: client.get(step_url(offer, "costs")))
    counts["open costs"] = len(captured)
    response, captured = _queries(lambda: client.post(step_url(offer, "costs"), form_data(page), HTTP_X_AUTOSAVE="1"))
    assert response.status_code == 200, response.content
    counts["autosave costs"] = len(captured)
    revision = response.json()["revision"]
    submit = reverse("offers:offer_submit", kwargs={"pk": offer.pk})
    response, captured = _queries(lambda: client.post(submit, {"revision": revision}))
    assert response.status_code == 302
    counts["submit"] = len(captured)
    response, captured = _queries(lambda: client.get(offer.get_absolute_url()))
    assert response.status_code == 200
    counts["offer page"] = len(captured)
    return counts


# --- the call's structure ---------------------------------------------------------------------


def test_the_call_structure_is_read_once_per_revision_of_the_call(client, reference_call, member):
    offer = _offer(reference_call, member)
    client.force_login(member.user)
    client.get(step_url(offer, "costs"))
    for url in (step_url(offer, "costs"), step_url(offer, "indicators"), offer.get_absolute_url()):
        _response, captured = _queries(lambda url=url: client.get(url))
        read = [q["sql"] for q in captured  # the offer's own zones and projects join these tables: not counted
                if any(f'FROM "{table}"' in q["sql"] for table in STRUCTURE_TABLES) and "offers_" not in q["sql"]]
        assert read == [], url


@pytest.mark.parametrize("amend", ["actions", "indicators", "zones", "lpr_projects"])
def test_every_kind_of_amendment_moves_the_structure_key(reference_call, clerk, amend):
    before = structure_key(reference_call)
    action = reference_call.actions.get(code="A")
    edits = {
        "actions": lambda: call_services.call_set_actions(
            call=reference_call, by=clerk, reason="Zmiana budżetu",
            actions=[{"code": a.code, "title": a.title, "description": a.description, "target_groups": a.target_groups,
                      "budget": a.budget + 1} for a in reference_call.actions.all()]),
        "indicators": lambda: call_services.call_set_indicators(
            call=reference_call, action=action, by=clerk, reason="Nowy wskaźnik",
            indicators=[*({"name": i.name, "unit": i.unit, "minimum": i.minimum} for i in action.indicators.all()),
                        {"name": "nowy", "unit": "osoby", "minimum": Decimal(1)}]),
        "zones": lambda: call_services.call_set_zones(
            call=reference_call, by=clerk, reason="Nowa strefa",
            zones=[*(z.name for z in reference_call.zones.all()), "Nowa"]),
        "lpr_projects": lambda: call_services.call_set_lpr_projects(
            call=reference_call, by=clerk, reason="Nowy projekt",
            projects=[*({"code": p.code, "name": p.name} for p in reference_call.lpr_projects.all()),
                      {"code": "99", "name": "nowy"}]),
    }
    edits[amend]()
    reference_call.refresh_from_db()
    assert structure_key(reference_call) != before


def test_after_an_amendment_the_next_request_sees_the_new_structure(client, reference_call, member, clerk):
    offer = _offer(reference_call, member)
    client.force_login(member.user)
    assert client.get(offer.get_absolute_url()).context["problems"] == []  # the structure is cached now
    action = reference_call.actions.get(code="A")
    raised = [{"name": i.name, "unit": i.unit, "minimum": i.minimum + 1000} for i in action.indicators.all()]
    call_services.call_set_indicators(call=reference_call, action=action, by=clerk, indicators=raised,
                                      reason="Wyższe minimum")
    problems = client.get(offer.get_absolute_url()).context["problems"]
    assert problems and all(p.section == "indicators" for p in problems)
    page = client.get(step_url(offer, "indicators")).content.decode()
    assert "1\u00a0100" in page or "1100" in page  # the new minimum of the first indicator (100 + 1000)


# --- a fixed number of queries ------------------------------------------------------------------


def test_the_hot_path_costs_the_same_queries_for_a_small_and_a_large_offer(client, reference_call, member):
    first = MembershipFactory(organisation__legal_form="association")  # the call's first number is taken once
    services.offer_submit(offer=_offer(reference_call, first), by=first.user)
    client.force_login(member.user)
    small = _hot_path(client, _offer(reference_call, member, codes=("A", "D"), rows=1))
    other = MembershipFactory(organisation__legal_form="association")
    client.force_login(other.user)
    large = _hot_path(client, _offer(reference_call, other, codes=("A", "B", "C", "D"), rows=10, partners=2))
    assert small == large
    for kind, count in small.items():
        assert count <= MAX_QUERIES[kind], (kind, count)


# --- cost lines in place ----------------------------------------------------------------------------


def _history(offer) -> list[str]:
    return list(CostItem.history.filter(offer_action__offer=offer).order_by("history_id")
                .values_list("history_type", flat=True))


def test_saving_the_costs_unchanged_writes_no_cost_line_and_no_history(reference_call, member):
    offer = _offer(reference_call, member, rows=3)
    recorded, pks = _history(offer), sorted(CostItem.objects.filter(offer_action__offer=offer).values_list("pk", flat=True))
    plan = [(oa, [{k: getattr(c, k) for k in ("kind", "name", "unit", "quantity", "unit_cost", "grant", "own_financial",
                                               "own_personal", "own_in_kind", "recipient_fees", "personal_hours",
                                               "personal_rate", "in_kind_valuation", "offeror")}
                  for c in oa.cost_items.all()]) for oa in offer.offer_actions.all()]
    saved = services.offer_set_cost_plan(offer=offer, by=member.user, revision=offer.revision, plan=plan)
    assert saved.revision == offer.revision + 1
    assert _history(offer) == recorded
    assert sorted(CostItem.objects.filter(offer_action__offer=offer).values_list("pk", flat=True)) == pks


def test_a_changed_added_and_removed_cost_line_each_leave_one_record(reference_call, member):
    offer = _offer(reference_call, member, codes=("A", "D"), rows=2)
    recorded = len(_history(offer))
    first, second = offer.offer_actions.all()
    a_items = [cost("Warsztat 0", "1", "100.00", grant="90.00", own_financial="10.00"),
               cost("Warsztat 1", "2", "100.00", grant="180.00", own_financial="20.00"),
               cost("Nowy", "1", "10.00", grant="9.00", own_financial="1.00")]
    d_items = [cost("Warsztat 0", "1", "100.00", grant="90.00", own_financial="10.00")]
    services.offer_set_cost_plan(offer=offer, by=member.user, revision=None, plan=[(first, a_items), (second, d_items)])
    assert sorted(_history(offer)[recorded:]) == ["+", "-", "~"]
    assert [c.name for c in first.cost_items.all()] == ["Warsztat 0", "Warsztat 1", "Nowy"]
    assert first.cost_items.get(name="Warsztat 1").quantity == Decimal("2.00")
    assert [c.name for c in second.cost_items.all()] == ["Warsztat 0"]
    changed = CostItem.history.filter(offer_action__offer=offer, history_type="~").get()
    assert changed.history_user == member.user and changed.name == "Warsztat 1"


# --- a repeated submission ----------------------------------------------------------------------------


def test_a_repeated_submit_makes_no_second_version_and_shows_the_first_control_sum(client, reference_call, member):
    offer = _offer(reference_call, member)
    client.force_login(member.user)
    page = client.get(offer.get_absolute_url())
    assert f'name="revision" value="{offer.revision}"' in page.content.decode()
    url = reverse("offers:offer_submit", kwargs={"pk": offer.pk})
    first = client.post(url, {"revision": offer.revision})
    again = client.post(url, {"revision": offer.revision})
    assert first.status_code == again.status_code == 302
    assert again.url == offer.get_absolute_url()
    version = OfferVersion.objects.get(offer=offer)
    shown = client.get(again.url)
    text = shown.content.decode()
    assert version.short_checksum in text
    messages = [str(m) for m in shown.context["messages"]]
    assert any("już" in m and version.short_checksum in m for m in messages), messages
    assert Offer.objects.get(pk=offer.pk).state == Offer.State.SUBMITTED


def test_a_submit_of_an_older_revision_is_not_taken_for_the_same_submission(client, reference_call, member):
    offer = _offer(reference_call, member)
    client.force_login(member.user)
    url = reverse("offers:offer_submit", kwargs={"pk": offer.pk})
    client.post(url, {"revision": offer.revision})
    services.offer_withdraw(offer=offer, by=member.user)
    resubmitted = client.post(url, {"revision": offer.revision + 1})
    assert resubmitted.status_code == 302
    stale = client.post(url, {"revision": offer.revision})  # the page shown before the withdrawal
    assert stale.status_code == 200 and stale.context["submit_errors"]
    assert OfferVersion.objects.filter(offer=offer).count() == 2


def test_a_repeat_without_a_revision_is_refused_as_before(reference_call, member):
    offer = _offer(reference_call, member)
    services.offer_submit(offer=offer, by=member.user)
    with pytest.raises(services.ValidationError):
        services.offer_submit(offer=offer, by=member.user)
    with pytest.raises(services.OfferAlreadySubmitted) as repeated:
        services.offer_submit(offer=offer, by=member.user, revision=offer.revision)
    assert repeated.value.version == OfferVersion.objects.get(offer=offer)
