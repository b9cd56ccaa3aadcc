"""The clerk's commission page, through the test client, for every role.

Messages of the new rules may not be in the compiled catalogue yet, so a test builds the
expected text from the rule's constant in the active language: it holds before and after
the catalogue is compiled.
"""
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from competition import rules_commission as rules
from competition.forms.commission import NO_ACCOUNT
from competition.models import Call, CallEvent, CommissionMember
from competition.tests.test_services_commission import at_stage, declaration_for, offer_in, seat_in
from tests_support.factories import CallFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

NOT_CLERKS = ("outsider", "applicant", "commission_member", "mayor")


def page(call: Call) -> str:
    return reverse("competition:manage_commission", kwargs={"slug": call.slug})


def add_data(email: str, role: str = "member", kind: str = "city") -> dict:
    return {"op": "add", "add-user": email, "add-role": role, "add-kind": kind}


def seat_data(seat: CommissionMember, role: str, kind: str) -> dict:
    return {"op": "update", "seat": seat.pk, f"seat-{seat.pk}-role": role, f"seat-{seat.pk}-kind": kind}


def settings_data(call: Call, **overrides) -> dict:
    deadline = timezone.localtime(call.submission_deadline + timedelta(days=10))
    data = {
        "op": "settings",
        "settings-commission_order_number": "Zarządzenie nr 45/2026",
        "settings-commission_order_date": "2026-03-20",
        "settings-scoring_deadline": deadline.strftime("%Y-%m-%dT%H:%M"),
    }
    data.update(overrides)
    return data


def content(response) -> str:
    return response.content.decode()


def selected(value: str) -> str:
    return f'<option value="{value}" selected>'


# --- who may see and change it ---------------------------------------------------------------


def test_anonymous_visitor_is_sent_to_login(as_role, draft_call):
    client = as_role("anonymous")
    for response in (client.get(page(draft_call)), client.post(page(draft_call), add_data(UserFactory().email))):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    assert not draft_call.commission.exists()


@pytest.mark.parametrize("role", NOT_CLERKS)
def test_users_without_the_clerk_role_are_refused(as_role, draft_call, role):
    client = as_role(role)
    seat = seat_in(draft_call)
    assert client.get(page(draft_call)).status_code == 403
    posts = [add_data(UserFactory().email), seat_data(seat, "chair", "city"), {"op": "remove", "seat": seat.pk},
             settings_data(draft_call)]
    for data in posts:
        assert client.post(page(draft_call), data).status_code == 403
    seat.refresh_from_db()
    assert seat.role == "member" and draft_call.commission.count() == 1
    assert not CallEvent.objects.filter(call=draft_call).exists()


def test_a_member_of_this_very_commission_cannot_manage_it(client, draft_call):
    chair = seat_in(draft_call, role="chair")
    client.force_login(chair.user)
    assert client.get(page(draft_call)).status_code == 403
    assert client.post(page(draft_call), add_data(UserFactory().email)).status_code == 403


@pytest.mark.parametrize("role", ("clerk", "admin_user"))
def test_clerks_and_administrators_see_the_members(as_role, draft_call, role):
    seat = seat_in(draft_call, role="chair", kind="ngo")
    response = as_role(role).get(page(draft_call))
    assert response.status_code == 200
    text = content(response)
    assert escape(seat.user.full_name) in text and seat.user.email in text
    assert selected("chair") in text and selected("ngo") in text
    assert 'name="add-user"' in text and 'name="settings-scoring_deadline"' in text
    # the rules of the merit evaluation are shown as the announcement states them, not edited here
    assert 'name="settings-impartiality_grounds"' not in text and 'id="rule-impartiality-grounds"' in text
    assert escape(draft_call.impartiality_grounds[0]) in text


def test_unknown_call_is_not_found(as_role, db):
    assert as_role("clerk").get(reverse("competition:manage_commission", kwargs={"slug": "nie-ma"})).status_code == 404


def test_a_seat_of_another_call_is_not_found(as_role, draft_call):
    foreign = seat_in(CallFactory())
    client = as_role("clerk")
    assert client.post(page(draft_call), {"op": "remove", "seat": foreign.pk}).status_code == 404
    assert client.post(page(draft_call), {"op": "remove", "seat": "x"}).status_code == 404
    assert CommissionMember.objects.filter(pk=foreign.pk).exists()


def test_an_unknown_operation_is_a_bad_request(as_role, draft_call):
    assert as_role("clerk").post(page(draft_call), {"op": "drop-table"}).status_code == 400


def test_the_page_reads_a_bounded_number_of_queries(as_role, draft_call, django_assert_max_num_queries):
    for _ in range(6):
        seat_in(draft_call)
    client = as_role("clerk")
    with django_assert_max_num_queries(17):  # session, user, the roles held and commission seats (menu), the call with its structure (9), seats, offerors, notices
        assert client.get(page(draft_call)).status_code == 200


# --- adding ----------------------------------------------------------------------------------


def test_clerk_adds_a_member_by_the_e_mail_of_their_account(as_role, draft_call, clerk):
    person = UserFactory(email="anna.nowak@example.org")
    response = as_role("clerk").post(page(draft_call), add_data("Anna.Nowak@Example.org", "secretary", "ngo"))
    assert response.status_code == 302
    assert response["Location"].startswith(page(draft_call))
    seat = draft_call.commission.get()
    assert (seat.user, seat.role, seat.kind) == (person, "secretary", "ngo")
    assert CallEvent.objects.get(call=draft_call, kind=CallEvent.Kind.COMMISSION).by == clerk


def test_an_address_without_an_account_says_the_person_must_create_one(as_role, draft_call):
    response = as_role("clerk").post(page(draft_call), add_data("nikt@example.org", "chair", "expert"))
    assert response.status_code == 200
    text = content(response)
    assert escape(NO_ACCOUNT % {"email": "nikt@example.org"}) in text
    assert 'value="nikt@example.org"' in text  # what was typed is still there
    assert 'id="error-summary"' in text
    assert not draft_call.commission.exists()


def test_a_second_chair_keeps_the_input_and_names_the_rule(as_role, draft_call):
    chair = seat_in(draft_call, role="chair")
    newcomer = UserFactory()
    response = as_role("clerk").post(page(draft_call), add_data(newcomer.email, "chair", "ngo"))
    assert response.status_code == 200
    text = content(response)
    holder = f"{chair.user.full_name} ({chair.user.email})"
    assert escape(rules.CHAIR_TAKEN % {"name": holder}) in text
    assert f'value="{newcomer.email}"' in text
    assert text.count(selected("ngo")) == 1  # the add form kept "ngo"; the chair's row is "city"
    assert draft_call.commission.count() == 1


def test_a_member_of_an_offeror_is_refused_with_the_organisations_name(as_role, draft_call):
    membership = MembershipFactory(organisation__name="Stowarzyszenie Pod Lipami")
    offer_in(draft_call, membership.organisation)
    response = as_role("clerk").post(page(draft_call), add_data(membership.user.email, "member", "ngo"))
    assert response.status_code == 200
    assert "Stowarzyszenie Pod Lipami" in content(response)
    assert not draft_call.commission.exists()


def test_an_empty_e_mail_is_refused_on_its_field(as_role, draft_call):
    response = as_role("clerk").post(page(draft_call), add_data(""))
    assert response.status_code == 200
    assert 'href="#id_add-user"' in content(response)


# --- changing and removing -------------------------------------------------------------------


def test_clerk_changes_a_members_function_and_kind(as_role, draft_call):
    seat = seat_in(draft_call)
    response = as_role("clerk").post(page(draft_call), seat_data(seat, "chair", "ngo"))
    assert response.status_code == 302
    seat.refresh_from_db()
    assert (seat.role, seat.kind) == ("chair", "ngo")


def test_an_expert_as_chair_is_refused_and_the_row_keeps_the_choice(as_role, draft_call):
    seat = seat_in(draft_call)
    response = as_role("clerk").post(page(draft_call), seat_data(seat, "chair", "expert"))
    assert response.status_code == 200
    text = content(response)
    assert escape(str(rules.EXPERT_CANNOT_CHAIR)) in text
    assert selected("chair") in text and selected("expert") in text
    assert f'href="#id_seat-{seat.pk}-role"' in text
    seat.refresh_from_db()
    assert (seat.role, seat.kind) == ("member", "city")


def test_clerk_removes_a_member(as_role, draft_call):
    seat = seat_in(draft_call)
    response = as_role("clerk").post(page(draft_call), {"op": "remove", "seat": seat.pk})
    assert response.status_code == 302
    assert not draft_call.commission.exists()


def test_a_member_who_declared_is_not_removed(as_role, draft_call):
    seat = seat_in(draft_call)
    declaration_for(seat)
    response = as_role("clerk").post(page(draft_call), {"op": "remove", "seat": seat.pk})
    assert response.status_code == 200
    person = f"{seat.user.full_name} ({seat.user.email})"
    assert escape(rules.CANNOT_REMOVE % {"person": person}) in content(response)
    assert CommissionMember.objects.filter(pk=seat.pk).exists()


# --- settings --------------------------------------------------------------------------------


def test_clerk_saves_the_order_and_the_scoring_deadline(as_role, draft_call):
    response = as_role("clerk").post(page(draft_call), settings_data(draft_call))
    assert response.status_code == 302
    call = Call.objects.get(pk=draft_call.pk)
    assert call.commission_order_number == "Zarządzenie nr 45/2026"
    assert call.commission_order_date.isoformat() == "2026-03-20"
    expected = timezone.localtime(draft_call.submission_deadline + timedelta(days=10)).replace(second=0, microsecond=0)
    assert call.scoring_deadline == expected


def test_a_posted_evaluation_rule_is_ignored_by_the_commission_page(as_role, draft_call):
    data = settings_data(draft_call, **{"settings-min_sheets": "2", "settings-show_other_sheets": ""})
    assert as_role("clerk").post(page(draft_call), data).status_code == 302
    call = Call.objects.get(pk=draft_call.pk)
    assert call.min_sheets is None and call.show_other_sheets is True


def test_bad_settings_keep_everything_typed_and_name_each_rule(as_role, draft_call):
    early = timezone.localtime(draft_call.submission_deadline - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    data = settings_data(draft_call, **{"settings-scoring_deadline": early})
    response = as_role("clerk").post(page(draft_call), data)
    assert response.status_code == 200
    text = content(response)
    shown = timezone.localtime(draft_call.submission_deadline).strftime("%d.%m.%Y %H:%M")
    assert escape(rules.SCORING_DEADLINE_TOO_EARLY % {"deadline": shown}) in text
    assert f'value="{early}"' in text and 'value="Zarządzenie nr 45/2026"' in text
    assert 'href="#id_settings-scoring_deadline"' in text
    assert Call.objects.get(pk=draft_call.pk).commission_order_number == ""


# --- a call past the merit evaluation --------------------------------------------------------


def test_after_the_merit_evaluation_the_page_is_read_only(as_role, draft_call):
    call = at_stage(draft_call, Call.State.SCORED)
    seat_in(call, role="chair")
    client = as_role("clerk")
    response = client.get(page(call))
    assert response.status_code == 200
    frozen = escape(rules.COMMISSION_FROZEN % {"stage": call.get_state_display()})
    text = content(response)
    assert frozen in text and 'name="add-user"' not in text and 'name="settings-scoring_deadline"' not in text
    response = client.post(page(call), add_data(UserFactory().email))
    assert response.status_code == 200 and frozen in content(response)
    assert call.commission.count() == 1


# --- the call's overview -----------------------------------------------------------------------


def test_the_call_overview_shows_the_commission(as_role, draft_call):
    seat_in(draft_call)
    seat_in(draft_call)
    Call.objects.filter(pk=draft_call.pk).update(commission_order_number="ZARZ-77/2026")
    text = content(as_role("clerk").get(reverse("competition:manage_detail", kwargs={"slug": draft_call.slug})))
    assert 'id="commission"' in text
    assert page(draft_call) in text
    assert "ZARZ-77/2026" in text
    assert '<dd class="col-sm-7">2</dd>' in text
