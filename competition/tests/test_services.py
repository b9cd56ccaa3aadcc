"""Writes to calls: drafts, amendments with their audit rows, stages and copies."""
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from competition import services
from competition.models import Call, CallEvent, CommissionMember
from competition.selectors_copy import call_stale_texts
from competition.services.calls import MOVED_DATES, NOT_COPIED
from tests_support.factories import CallFactory

pytestmark = pytest.mark.django_db


def actions_of(call: Call) -> list[dict]:
    return [
        {"code": a.code, "title": a.title, "description": a.description, "target_groups": a.target_groups, "budget": a.budget}
        for a in call.actions.all()
    ]


def test_call_create_makes_a_recorded_draft_with_a_unique_slug(clerk, draft_call):
    data = {field: getattr(draft_call, field) for field in services.BASIC_FIELDS}
    call = services.call_create(data=data, by=clerk)
    assert call.is_draft
    assert call.slug != draft_call.slug
    assert call.events.get().kind == CallEvent.Kind.CREATED


def test_call_create_refuses_a_missing_required_field(clerk, draft_call):
    data = {field: getattr(draft_call, field) for field in services.BASIC_FIELDS} | {"authority": None}
    with pytest.raises(ValidationError) as exc:
        services.call_create(data=data, by=clerk)
    assert "authority" in exc.value.message_dict
    assert Call.objects.count() == 1


def test_draft_edit_needs_no_reason_and_records_the_changed_values(clerk, draft_call):
    actions = actions_of(draft_call)
    actions[1]["budget"] = Decimal("6000.00")
    services.call_set_actions(call=draft_call, by=clerk, actions=actions)
    event = draft_call.events.get()
    assert event.kind == CallEvent.Kind.EDITED
    assert event.changes == {"actions[1].budget": ["5000.00", "6000.00"]}


def test_edit_that_changes_nothing_records_nothing(clerk, draft_call):
    services.call_set_actions(call=draft_call, by=clerk, actions=actions_of(draft_call))
    assert not draft_call.events.exists()


def test_amendment_without_a_reason_is_refused_and_nothing_changes(clerk):
    call = CallFactory(published=True)
    with pytest.raises(ValidationError) as exc:
        services.call_set_zones(call=call, by=clerk, zones=["Centrum"], reason="  ")
    assert "reason" in exc.value.message_dict
    assert call.zones.count() == 2
    assert not call.events.exists()


def test_amendment_records_its_reason_and_every_changed_value(clerk):
    call = CallFactory(published=True)
    services.call_set_zones(call=call, by=clerk, zones=["Centrum", "Zatorze", "Mostowa"], reason="Dodano strefę Mostowa.")
    event = call.events.get()
    assert event.kind == CallEvent.Kind.AMENDED
    assert event.is_public
    assert event.reason == "Dodano strefę Mostowa."
    assert event.changes == {"zones": [["Centrum", "Zatorze"], ["Centrum", "Zatorze", "Mostowa"]]}


def test_amendment_that_breaks_a_rule_is_refused_and_rolled_back(clerk):
    call = CallFactory(published=True)
    with pytest.raises(ValidationError) as exc:
        services.call_set_actions(call=call, by=clerk, actions=[], reason="Rezygnacja z działań.")
    assert any("co najmniej jedno działanie" in message for message in exc.value.messages)
    assert call.actions.count() == 2
    assert not call.events.exists()


@pytest.mark.parametrize("state", [Call.State.SUBMISSION_CLOSED, Call.State.FORMAL_CHECK, Call.State.DECIDED])
def test_call_past_submission_cannot_be_changed_even_with_a_reason(clerk, state):
    call = CallFactory(state=state)
    with pytest.raises(ValidationError):
        services.call_update_basics(call=call, by=clerk, data={"title": "Nowy tytuł"}, reason="Korekta.")
    call.refresh_from_db()
    assert call.title != "Nowy tytuł"


def test_update_basics_refuses_an_invalid_value_with_its_field(clerk, draft_call):
    with pytest.raises(ValidationError) as exc:
        services.call_update_basics(call=draft_call, by=clerk, data={"min_actions": 0})
    assert "min_actions" in exc.value.message_dict
    draft_call.refresh_from_db()
    assert draft_call.min_actions == 1


def test_indicators_are_replaced_in_order_and_the_surplus_deleted(clerk, draft_call):
    action = draft_call.actions.get(code="A")
    services.call_set_indicators(
        call=draft_call,
        action=action,
        by=clerk,
        indicators=[
            {"name": "wydarzenia", "unit": "szt.", "minimum": Decimal(5)},
            {"name": "odbiorcy", "unit": "osoby", "minimum": Decimal(100)},
        ],
    )
    assert list(action.indicators.values_list("name", "minimum")) == [("wydarzenia", Decimal(5)), ("odbiorcy", Decimal(100))]
    services.call_set_indicators(call=draft_call, action=action, by=clerk, indicators=[])
    assert not action.indicators.exists()


def test_merit_criteria_edit_recounts_the_maximum_points(clerk, draft_call):
    criteria = [
        {"code": "a", "title": "Opis", "kind": "judgement", "subcriteria": [{"name": "opis", "min": 0, "max": 4}]},
        {
            "code": "b",
            "title": "Strefy",
            "kind": "scale",
            "source": "zones",
            "member_confirms": False,
            "steps": [{"min_count": 1, "points": 0, "label": ""}, {"min_count": 3, "points": 5, "label": ""}],
        },
    ]
    services.call_set_merit_criteria(call=draft_call, by=clerk, criteria=criteria)
    draft_call.refresh_from_db()
    assert draft_call.max_points == 9
    assert draft_call.events.get().changes["max_points"] == [13, 9]


def test_removed_merit_criterion_is_deleted_with_its_parts(clerk, draft_call):
    services.call_set_merit_criteria(
        call=draft_call,
        by=clerk,
        criteria=[{"code": "a", "title": "Opis", "kind": "judgement", "subcriteria": [{"name": "opis", "min": 0, "max": 10}]}],
    )
    assert list(draft_call.merit_criteria.values_list("code", flat=True)) == ["a"]
    draft_call.refresh_from_db()
    assert draft_call.max_points == 10


def test_valid_draft_has_nothing_to_fix(draft_call):
    assert services.call_validate(draft_call) == []


def test_draft_announced_long_ago_cannot_be_published_today(draft_call):
    today = timezone.localdate() + timedelta(days=20)
    errors = services.call_validate(draft_call, today=today)
    assert [e.path for e in errors] == ["submission_deadline"]
    assert "art. 13 ust. 1" in errors[0].message


def test_publishing_a_call_with_errors_is_refused_listing_them(clerk):
    call = CallFactory(structure=False)
    with pytest.raises(ValidationError) as exc:
        services.call_publish(call=call, by=clerk)
    assert any(message.startswith("actions:") for message in exc.value.messages)
    call.refresh_from_db()
    assert call.is_draft
    assert call.published_at is None


def test_publishing_a_valid_draft_records_the_transition(clerk, draft_call):
    services.call_publish(call=draft_call, by=clerk)
    draft_call.refresh_from_db()
    assert draft_call.state == Call.State.PUBLISHED
    assert draft_call.published_at is not None
    event = draft_call.events.get()
    assert (event.kind, event.from_state, event.to_state) == (CallEvent.Kind.TRANSITION, "draft", "published")


def test_a_stage_cannot_be_skipped(clerk):
    call = CallFactory(published=True)
    with pytest.raises(ValidationError):
        services.call_transition(call=call, to=Call.State.DECIDED, by=clerk)
    call.refresh_from_db()
    assert call.state == Call.State.PUBLISHED


def test_submission_cannot_close_before_the_deadline(clerk):
    call = CallFactory(published=True)
    with pytest.raises(ValidationError):
        services.call_transition(call=call, to=Call.State.SUBMISSION_CLOSED, by=clerk)
    assert not call.events.exists()


def test_copy_moves_every_date_by_a_year_and_keeps_the_structure(clerk, reference_call):
    copy = services.call_copy(call=reference_call, by=clerk, years=1)
    assert copy.is_draft
    assert copy.copied_from == reference_call
    assert copy.published_at is None
    for field in ("announcement_date", "decision_date", "realisation_start", "realisation_end"):
        before, after = getattr(reference_call, field), getattr(copy, field)
        assert (after.year, after.month, after.day) == (before.year + 1, before.month, before.day)
    assert copy.submission_deadline - reference_call.submission_deadline in (timedelta(days=365), timedelta(days=366))
    assert services.call_validate(copy, today=copy.announcement_date) == []
    assert copy.total_budget == reference_call.total_budget
    assert copy.zones.count() == 7
    assert copy.max_points == 65
    event = copy.events.get()
    assert event.kind == CallEvent.Kind.COPIED
    assert event.changes["source"] == reference_call.slug
    assert not reference_call.events.filter(kind=CallEvent.Kind.COPIED).exists()


def test_copy_carries_every_field_of_the_call_and_its_commission(clerk, reference_call):
    member = CommissionMember.objects.create(call=reference_call, user=clerk, role=CommissionMember.Role.CHAIR)
    Call.objects.filter(pk=reference_call.pk).update(
        commission_order_number="Zarządzenie nr 7/2019", commission_order_date=reference_call.decision_date,
        scoring_deadline=reference_call.submission_deadline + timedelta(days=10), four_eyes=True, correction_days=7,
        min_sheets=2, show_other_sheets=False, tie_break="submission", min_recommended_score=30,
        negotiation_days=10, required_statements=["statutory", "true"], admin_cost_base="actions")
    reference_call.refresh_from_db()
    copy = services.call_copy(call=reference_call, by=clerk, years=1)
    for f in Call._meta.concrete_fields:
        if f.name in NOT_COPIED:
            continue
        before, after = getattr(reference_call, f.attname), getattr(copy, f.attname)
        if f.name in MOVED_DATES and before is not None:
            assert (after.year, after.month, after.day) == (before.year + 1, before.month, before.day), f.name
        else:
            assert after == before, f.name
    assert list(copy.commission.values_list("user_id", "role", "kind")) == [(member.user_id, member.role, member.kind)]
    assert copy.events.get().changes["commission"] == str(member)


def test_copy_lists_each_text_that_still_names_a_date_of_the_old_call(clerk, reference_call, client):
    Call.objects.filter(pk=reference_call.pk).update(
        realisation_conditions=f"Zadanie od {reference_call.realisation_start:%d.%m.%Y} r.",
        contact_info="Informacje: pokój 12.")
    reference_call.refresh_from_db()
    copy = services.call_copy(call=reference_call, by=clerk, years=1)
    stale = {row["label"]: row["found"] for row in call_stale_texts(copy)}
    label = str(Call._meta.get_field("realisation_conditions").verbose_name)
    assert stale[label] == [f"{reference_call.realisation_start:%d.%m.%Y}"]
    assert str(Call._meta.get_field("contact_info").verbose_name) not in stale
    assert copy.events.get().changes[label] == f"{reference_call.realisation_start:%d.%m.%Y}"
    client.force_login(clerk)
    page = client.get(reverse("competition:manage_detail", kwargs={"slug": copy.slug})).content.decode()
    assert 'id="stale-texts"' in page and f"{reference_call.realisation_start:%d.%m.%Y}" in page
    Call.objects.filter(pk=copy.pk).update(realisation_conditions="Zadanie od 1 lipca.")
    assert label not in {row["label"] for row in call_stale_texts(Call.objects.get(pk=copy.pk))}


def test_renaming_an_action_code_keeps_its_indicators(draft_call, clerk):
    from competition import services as call_services

    action = draft_call.actions.get(code="A")
    rows = [{"id": a.pk, "code": "X" if a.code == "A" else a.code, "title": a.title, "description": a.description,
             "target_groups": a.target_groups, "budget": a.budget} for a in draft_call.actions.all()]
    call_services.call_set_actions(call=draft_call, by=clerk, actions=rows)
    action.refresh_from_db()
    assert action.code == "X"
    assert action.indicators.count() == 1


def test_swapping_two_action_codes_is_allowed(draft_call, clerk):
    from competition import services as call_services

    a, b = draft_call.actions.order_by("code")
    rows = [{"id": a.pk, "code": "B", "title": a.title, "description": "", "target_groups": "", "budget": a.budget},
            {"id": b.pk, "code": "A", "title": b.title, "description": "", "target_groups": "", "budget": b.budget}]
    call_services.call_set_actions(call=draft_call, by=clerk, actions=rows)
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.code, b.code) == ("B", "A")


def test_repeated_zone_names_are_refused_not_crashing(draft_call, clerk):
    from django.core.exceptions import ValidationError

    from competition import services as call_services

    with pytest.raises(ValidationError):
        call_services.call_set_zones(call=draft_call, by=clerk, zones=["Mostowa", "Mostowa"])
    assert draft_call.zones.count() == 2


def test_unknown_target_stage_is_a_validation_error(draft_call, clerk):
    from django.core.exceptions import ValidationError

    from competition import services as call_services

    with pytest.raises(ValidationError):
        call_services.call_transition(call=draft_call, to="nowhere", by=clerk)
