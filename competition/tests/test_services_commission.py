"""Writes to a call's commission (competition.services_commission): rules, audit rows, atomicity."""
from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from competition import rules_commission as rules
from competition import services_commission as services
from competition.models import Call, CallEvent, CommissionMember
from competition.rules import WARSAW
from evaluation.models import Declaration, ScoreSheet
from offers.models import Offer, OfferPartner, OfferVersion
from tests_support.factories import CallFactory, MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

OPEN_STATES = ("draft", "published", "submission_closed", "formal_check", "merit_evaluation")
CLOSED_STATES = ("scored", "decided", "closed", "annulled")
NOW = datetime(2026, 4, 2, 9, 15, tzinfo=WARSAW)


# --- builders (the view tests use them too) ----------------------------------------------------


def offer_in(call: Call, organisation, *, state: str = Offer.State.SUBMITTED) -> Offer:
    user = UserFactory()
    return Offer.objects.create(call=call, organisation=organisation, state=state, created_by=user,
                                title="Razem w Hajnówce")


def _version(offer: Offer) -> OfferVersion:
    return OfferVersion.objects.create(offer=offer, number=1, data={}, checksum="0" * 64,
                                       submitted_at=timezone.now(), submitted_by=offer.created_by)


def declaration_for(seat: CommissionMember) -> Declaration:
    offer = offer_in(seat.call, OrganisationFactory())
    return Declaration.objects.create(member=seat, offer=offer, conflict=False, text="Oświadczam…",
                                      declared_at=timezone.now())


def sheet_for(seat: CommissionMember) -> ScoreSheet:
    offer = offer_in(seat.call, OrganisationFactory())
    return ScoreSheet.objects.create(member=seat, offer=offer, version=_version(offer))


def seat_in(call: Call, *, role: str = "member", kind: str = "city", user=None) -> CommissionMember:
    return CommissionMember.objects.create(call=call, user=user or UserFactory(), role=role, kind=kind)


def at_stage(call: Call, state: str) -> Call:
    Call.objects.filter(pk=call.pk).update(state=state)
    call.refresh_from_db()
    return call


def settings_args(call: Call, **overrides) -> dict:
    args = {
        "order_number": "Zarządzenie nr 45/2026",
        "order_date": date(2026, 3, 20),
        "scoring_deadline": call.submission_deadline + timedelta(days=14),
    }
    args.update(overrides)
    return args


def commission_events(call: Call):
    return CallEvent.objects.filter(call=call, kind=CallEvent.Kind.COMMISSION)


def error_fields(exc: pytest.ExceptionInfo) -> set[str]:
    return set(exc.value.message_dict)


# --- adding a member -------------------------------------------------------------------------


@pytest.mark.parametrize("state", OPEN_STATES)
def test_clerk_adds_a_member_with_one_audit_row(clerk, state):
    call = at_stage(CallFactory(), state)
    user = UserFactory()
    seat = services.commission_member_add(call=call, user=user, role="chair", kind="city", by=clerk, now=NOW)
    assert (seat.call, seat.user, seat.role, seat.kind) == (call, user, "chair", "city")
    event = commission_events(call).get()
    assert event.by == clerk and event.at == NOW
    assert event.changes == {f"commission[{user.email}].role": [None, "chair"],
                             f"commission[{user.email}].kind": [None, "city"]}


@pytest.mark.parametrize("state", CLOSED_STATES)
def test_after_the_merit_evaluation_the_commission_cannot_change(clerk, state):
    call = at_stage(CallFactory(), state)
    seat = seat_in(call)
    stage = call.get_state_display()
    writes = [
        lambda: services.commission_member_add(call=call, user=UserFactory(), role="member", kind="city", by=clerk),
        lambda: services.commission_member_update(seat=seat, role="chair", kind="city", by=clerk),
        lambda: services.commission_member_remove(seat=seat, by=clerk),
        lambda: services.commission_settings_set(call=call, by=clerk, **settings_args(call)),
    ]
    for write in writes:
        with pytest.raises(ValidationError) as exc:
            write()
        assert exc.value.messages == [rules.COMMISSION_FROZEN % {"stage": stage}]
    assert list(call.commission.all()) == [seat] and seat.role == "member"
    assert not commission_events(call).exists()


@pytest.mark.parametrize("role", ("chair", "secretary"))
def test_a_second_chair_or_secretary_is_refused_and_nothing_is_written(clerk, draft_call, role):
    first = seat_in(draft_call, role=role)
    with pytest.raises(ValidationError) as exc:
        services.commission_member_add(call=draft_call, user=UserFactory(), role=role, kind="city", by=clerk)
    assert error_fields(exc) == {"role"}
    assert first.user.email in exc.value.message_dict["role"][0]
    assert draft_call.commission.count() == 1
    assert not commission_events(draft_call).exists()


def test_any_number_of_ordinary_members(clerk, draft_call):
    for _ in range(3):
        services.commission_member_add(call=draft_call, user=UserFactory(), role="member", kind="ngo", by=clerk)
    assert draft_call.commission.count() == 3
    assert commission_events(draft_call).count() == 3


def test_an_expert_cannot_be_added_as_chair(clerk, draft_call):
    with pytest.raises(ValidationError) as exc:
        services.commission_member_add(call=draft_call, user=UserFactory(), role="chair", kind="expert", by=clerk)
    assert exc.value.message_dict == {"role": [str(rules.EXPERT_CANNOT_CHAIR)]}


def test_a_person_already_on_the_commission_is_not_added_twice(clerk, draft_call):
    seat = seat_in(draft_call)
    with pytest.raises(ValidationError) as exc:
        services.commission_member_add(call=draft_call, user=seat.user, role="member", kind="city", by=clerk)
    assert error_fields(exc) == {"user"}
    assert draft_call.commission.count() == 1


@pytest.mark.parametrize("state", ("submitted", "withdrawn", "returned", "admitted", "rejected"))
def test_a_member_of_an_organisation_with_an_offer_cannot_sit_on_the_commission(clerk, draft_call, state):
    membership = MembershipFactory(organisation__name="Stowarzyszenie Pod Lipami")
    offer_in(draft_call, membership.organisation, state=state)
    with pytest.raises(ValidationError) as exc:
        services.commission_member_add(call=draft_call, user=membership.user, role="member", kind="ngo", by=clerk)
    assert error_fields(exc) == {"user"}
    assert "Stowarzyszenie Pod Lipami" in exc.value.message_dict["user"][0]
    assert not draft_call.commission.exists()


def test_a_partner_of_a_joint_offer_also_takes_part(clerk, draft_call):
    membership = MembershipFactory(organisation__name="Fundacja Partnerska")
    offer = offer_in(draft_call, OrganisationFactory())
    OfferPartner.objects.create(offer=offer, organisation=membership.organisation)
    with pytest.raises(ValidationError) as exc:
        services.commission_member_add(call=draft_call, user=membership.user, role="member", kind="ngo", by=clerk)
    assert "Fundacja Partnerska" in exc.value.message_dict["user"][0]


def test_an_offer_still_in_draft_or_in_another_call_does_not_exclude(clerk, draft_call):
    membership = MembershipFactory()
    offer_in(draft_call, membership.organisation, state=Offer.State.DRAFT)
    offer_in(CallFactory(), membership.organisation)
    seat = services.commission_member_add(call=draft_call, user=membership.user, role="member", kind="ngo", by=clerk)
    assert seat.pk


# --- changing a member -----------------------------------------------------------------------


def test_update_records_only_what_changed(clerk, draft_call):
    seat = seat_in(draft_call)
    services.commission_member_update(seat=seat, role="secretary", kind="city", by=clerk, now=NOW)
    seat.refresh_from_db()
    assert seat.role == "secretary"
    path = f"commission[{seat.user.email}].role"
    assert commission_events(draft_call).get().changes == {path: ["member", "secretary"]}


def test_update_without_a_change_records_nothing(clerk, draft_call):
    seat = seat_in(draft_call, role="chair")
    services.commission_member_update(seat=seat, role="chair", kind="city", by=clerk)
    assert not commission_events(draft_call).exists()


def test_update_refuses_a_second_chair_but_the_chair_keeps_the_chair(clerk, draft_call):
    chair = seat_in(draft_call, role="chair")
    other = seat_in(draft_call)
    with pytest.raises(ValidationError) as exc:
        services.commission_member_update(seat=other, role="chair", kind="city", by=clerk)
    assert error_fields(exc) == {"role"}
    services.commission_member_update(seat=chair, role="chair", kind="ngo", by=clerk)
    chair.refresh_from_db()
    assert chair.kind == "ngo"


def test_the_chair_cannot_become_an_expert(clerk, draft_call):
    chair = seat_in(draft_call, role="chair")
    with pytest.raises(ValidationError) as exc:
        services.commission_member_update(seat=chair, role="chair", kind="expert", by=clerk)
    assert error_fields(exc) == {"role"}


def test_a_member_with_a_score_sheet_cannot_become_an_expert(clerk, draft_call):
    seat = seat_in(draft_call, kind="ngo")
    sheet_for(seat)
    with pytest.raises(ValidationError) as exc:
        services.commission_member_update(seat=seat, role="member", kind="expert", by=clerk)
    assert exc.value.message_dict == {"kind": [rules.EXPERT_WITH_SHEETS % {"person": services._person(seat.user)}]}
    seat.refresh_from_db()
    assert seat.kind == "ngo"


def test_a_member_without_a_sheet_can_become_an_expert(clerk, draft_call):
    seat = seat_in(draft_call)
    declaration_for(seat)
    services.commission_member_update(seat=seat, role="member", kind="expert", by=clerk)
    seat.refresh_from_db()
    assert seat.kind == "expert"


# --- removing a member -----------------------------------------------------------------------


def test_remove_deletes_the_seat_and_records_it(clerk, draft_call):
    seat = seat_in(draft_call, role="secretary", kind="ngo")
    email = seat.user.email
    services.commission_member_remove(seat=seat, by=clerk, now=NOW)
    assert not draft_call.commission.exists()
    assert commission_events(draft_call).get().changes == {
        f"commission[{email}].role": ["secretary", None], f"commission[{email}].kind": ["ngo", None]
    }


@pytest.mark.parametrize("record", (declaration_for, sheet_for))
def test_a_member_who_declared_or_scored_cannot_be_removed(clerk, draft_call, record):
    seat = seat_in(draft_call)
    record(seat)
    with pytest.raises(ValidationError) as exc:
        services.commission_member_remove(seat=seat, by=clerk)
    assert exc.value.messages == [rules.CANNOT_REMOVE % {"person": services._person(seat.user)}]
    assert CommissionMember.objects.filter(pk=seat.pk).exists()
    assert not commission_events(draft_call).exists()


# --- settings --------------------------------------------------------------------------------


def test_settings_are_saved_with_every_changed_value(clerk, draft_call):
    args = settings_args(draft_call)
    services.commission_settings_set(call=draft_call, by=clerk, now=NOW, **args)
    call = Call.objects.get(pk=draft_call.pk)
    assert call.commission_order_number == "Zarządzenie nr 45/2026"
    assert call.commission_order_date == date(2026, 3, 20)
    assert call.scoring_deadline == args["scoring_deadline"] and timezone.is_aware(call.scoring_deadline)
    event = commission_events(call).get()
    assert event.at == NOW and event.by == clerk
    assert event.changes["commission_order_date"] == [None, "2026-03-20"]
    assert event.changes["scoring_deadline"] == [None, timezone.localtime(args["scoring_deadline"]).isoformat()]
    assert set(event.changes) == {"commission_order_number", "commission_order_date", "scoring_deadline"}


def test_settings_saved_again_unchanged_record_nothing(clerk, draft_call):
    services.commission_settings_set(call=draft_call, by=clerk, **settings_args(draft_call))
    services.commission_settings_set(call=draft_call, by=clerk, **settings_args(draft_call))
    assert commission_events(draft_call).count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"min_sheets": 3}, "min_sheets"),
        ({"show_other_sheets": False}, "show_other_sheets"),
        ({"impartiality_grounds": ["Jestem oferentem."]}, "impartiality_grounds"),
        ({"scoring_deadline": "same"}, "scoring_deadline"),
        ({"scoring_deadline": "before"}, "scoring_deadline"),
    ],
)
def test_bad_settings_are_refused_on_their_field_and_nothing_changes(clerk, draft_call, overrides, field):
    if overrides.get("scoring_deadline") == "same":
        overrides["scoring_deadline"] = draft_call.submission_deadline
    elif overrides.get("scoring_deadline") == "before":
        overrides["scoring_deadline"] = draft_call.submission_deadline - timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        services.commission_settings_set(call=draft_call, by=clerk, **settings_args(draft_call, **overrides))
    assert error_fields(exc) == {field}
    call = Call.objects.get(pk=draft_call.pk)
    assert call.commission_order_number == "" and call.min_sheets is None
    assert not commission_events(call).exists()


def test_the_rules_of_the_call_pass_unchanged(clerk, draft_call):
    """The demo and the benchmarks pass the call's own rules; they are no change."""
    declaration_for(seat_in(draft_call))
    args = settings_args(draft_call, show_other_sheets=draft_call.show_other_sheets, min_sheets=draft_call.min_sheets,
                         impartiality_grounds=[f"  {g} " for g in draft_call.impartiality_grounds])
    services.commission_settings_set(call=draft_call, by=clerk, **args)
    event = commission_events(draft_call).get()
    assert set(event.changes) == {"commission_order_number", "commission_order_date", "scoring_deadline"}


def test_a_rule_of_the_call_is_refused_with_where_to_change_it(clerk, draft_call):
    with pytest.raises(ValidationError) as exc:
        services.commission_settings_set(call=draft_call, by=clerk, **settings_args(draft_call, min_sheets=2))
    assert exc.value.message_dict == {"min_sheets": [str(services.RULE_OF_THE_CALL)]}


def test_empty_optional_settings_are_accepted(clerk, draft_call):
    args = settings_args(draft_call, order_number="", order_date=None, scoring_deadline=None)
    services.commission_settings_set(call=draft_call, by=clerk, **args)
    call = Call.objects.get(pk=draft_call.pk)
    assert call.scoring_deadline is None and call.min_sheets is None


# --- reads -----------------------------------------------------------------------------------


def test_seats_list_the_chair_first_and_flag_offerors(draft_call):
    member = seat_in(draft_call)
    chair = seat_in(draft_call, role="chair")
    secretary = seat_in(draft_call, role="secretary")
    membership = MembershipFactory(user=member.user, organisation__name="Klub Sportowy Orzeł")
    offer_in(draft_call, membership.organisation)
    sheet_for(secretary)
    seats = services.commission_seats(draft_call)
    assert seats == [chair, secretary, member]
    assert [s.has_sheets for s in seats] == [False, True, False]
    assert seats[2].offerors == ["Klub Sportowy Orzeł"] and "Klub Sportowy Orzeł" in seats[2].offeror_warning
    assert seats[0].offeror_warning is None
