"""The clerk's screens for calls, through the test client, for every role."""
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.contrib import messages
from django.urls import reverse
from django.utils import timezone

from competition import selectors
from competition.models import Call, CallEvent
from tests_support.factories import AuthorityFactory, CallFactory

pytestmark = pytest.mark.django_db

NOT_CLERKS = ("outsider", "applicant", "commission_member", "mayor")
CLERKS = ("clerk", "admin_user")

GET_PAGES = (
    "manage_list",
    "manage_create",
    "manage_detail",
    "manage_basics",
    "manage_rules",
    "manage_actions",
    "manage_indicators",
    "manage_zones",
    "manage_lpr",
    "manage_formal",
    "manage_merit",
    "manage_merit_parts",
    "manage_validate",
    "manage_history",
)


def page_url(name: str, call: Call) -> str:
    if name in ("manage_list", "manage_create"):
        return reverse(f"competition:{name}")
    kwargs = {"slug": call.slug}
    if name == "manage_indicators":
        kwargs["action_pk"] = call.actions.first().pk
    if name == "manage_merit_parts":
        kwargs["criterion_pk"] = call.merit_criteria.first().pk
    return reverse(f"competition:{name}", kwargs=kwargs)


def url(name: str, call: Call, **kwargs) -> str:
    return reverse(f"competition:{name}", kwargs={"slug": call.slug, **kwargs})


def formset_data(prefix: str, rows: list[dict], *, initial: int, extra: dict | None = None) -> dict:
    """POST data of a formset: `rows` in order, the first `initial` of them already saved."""
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": str(initial)}
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{i}-{key}"] = value
    data.update(extra or {})
    return data


def actions_rows(call: Call, **changes) -> list[dict]:
    """The call's actions as the form shows them; `changes` = {index: {field: value}}."""
    rows = [
        {"id": a.pk, "code": a.code, "title": a.title, "budget": str(a.budget), "description": a.description, "target_groups": a.target_groups}
        for a in call.actions.all()
    ]
    for index, fields in changes.items():
        rows[int(index.removeprefix("row"))].update(fields)
    return rows


def basics_data(**overrides) -> dict:
    today = timezone.localdate()
    deadline = today + timedelta(days=30)
    data = {
        "title": "Konkurs na działania w obszarze rewitalizacji 2027",
        "authority": str(AuthorityFactory().pk),
        "order_number": "12/27",
        "announcement_date": today.isoformat(),
        "public_task_type": "Działalność na rzecz integracji i reintegracji zawodowej i społecznej",
        "legal_basis": "Ustawa z dnia 24 kwietnia 2003 r. o działalności pożytku publicznego i o wolontariacie",
        "submission_start": "",
        "submission_deadline": f"{deadline.isoformat()}T23:59",
        "confirmation_deadline": f"{(deadline + timedelta(days=2)).isoformat()}T15:30",
        "confirmation_address": "Urząd Miasta Hajnówka, ul. Aleksandra Zina 1",
        "decision_date": (deadline + timedelta(days=25)).isoformat(),
        "realisation_start": (deadline + timedelta(days=40)).isoformat(),
        "realisation_end": (deadline + timedelta(days=200)).isoformat(),
        "eligible_entity_types": ["association", "foundation"],
        "min_actions": "2",
        "max_grant_share": "90",
        "max_admin_share": "15",
        "report_days": "30",
        "cost_shift_limit": "20",
        "result_change_limit": "10",
    }
    data.update(overrides)
    return data


def basics_post(call: Call, **overrides) -> dict:
    """The basics form of `call` as a browser posts it back (textareas with CRLF line ends)."""
    from competition.forms import basics_initial

    data = {}
    for key, value in basics_initial(call).items():
        if isinstance(value, datetime):
            value = timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")
        elif isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, str):
            value = value.replace("\n", "\r\n")
        data[key] = "" if value is None else value
    data.update(overrides)
    return data


def whole_minutes(call: Call) -> Call:
    """Times as the form shows them (to the minute), so an untouched form changes nothing."""
    for field in ("submission_deadline", "confirmation_deadline"):
        setattr(call, field, getattr(call, field).replace(second=0, microsecond=0))
    call.goals = "Cel pierwszy.\nCel drugi."
    call.save()
    return call


# --- who may see what ---------------------------------------------------------------------


@pytest.mark.parametrize("name", GET_PAGES)
def test_anonymous_visitor_is_sent_to_login(as_role, draft_call, name):
    response = as_role("anonymous").get(page_url(name, draft_call))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", NOT_CLERKS)
@pytest.mark.parametrize("name", GET_PAGES)
def test_users_without_the_clerk_role_are_refused(as_role, draft_call, role, name):
    assert as_role(role).get(page_url(name, draft_call)).status_code == 403


@pytest.mark.parametrize("role", CLERKS)
@pytest.mark.parametrize("name", GET_PAGES)
def test_clerks_and_administrators_open_every_manage_page(as_role, draft_call, role, name):
    response = as_role(role).get(page_url(name, draft_call))
    assert response.status_code == 200
    assert b'<html lang="pl">' in response.content


@pytest.mark.parametrize("name", ("manage_copy", "manage_transition"))
def test_anonymous_post_to_an_action_is_sent_to_login(as_role, draft_call, name):
    response = as_role("anonymous").post(url(name, draft_call), {"to": "published"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert Call.objects.count() == 1 and Call.objects.get().is_draft


@pytest.mark.parametrize("role", NOT_CLERKS)
@pytest.mark.parametrize("name", ("manage_copy", "manage_transition", "manage_actions", "manage_validate"))
def test_users_without_the_clerk_role_cannot_post(as_role, draft_call, role, name):
    response = as_role(role).post(url(name, draft_call), {"to": "published", "confirm": "on"})
    assert response.status_code == 403
    draft_call.refresh_from_db()
    assert draft_call.is_draft
    assert not Call.objects.filter(copied_from=draft_call).exists()


def test_copy_and_transition_accept_only_post(as_role, draft_call):
    client = as_role("clerk")
    assert client.get(url("manage_copy", draft_call)).status_code == 405
    assert client.get(url("manage_transition", draft_call)).status_code == 405


def test_unknown_call_is_not_found(as_role, db):
    assert as_role("clerk").get(reverse("competition:manage_detail", kwargs={"slug": "nie-ma"})).status_code == 404


def test_action_of_another_call_is_not_found(as_role, draft_call):
    other = CallFactory()
    response = as_role("clerk").get(url("manage_indicators", draft_call, action_pk=other.actions.first().pk))
    assert response.status_code == 404


# --- the list and the overview ---------------------------------------------------------------


def test_list_shows_drafts_with_their_state_and_actions(as_role, draft_call, django_assert_max_num_queries):
    CallFactory.create_batch(3)
    client = as_role("clerk")
    with django_assert_max_num_queries(12):
        response = client.get(reverse("competition:manage_list"))
    content = response.content.decode()
    assert draft_call.title in content
    assert draft_call.get_state_display() in content
    assert url("manage_detail", draft_call) in content
    assert url("manage_history", draft_call) in content
    assert url("manage_copy", draft_call) in content
    assert reverse("competition:manage_create") in content


def test_overview_of_a_draft_links_every_section_and_the_publication(as_role, draft_call):
    content = as_role("clerk").get(url("manage_detail", draft_call)).content.decode()
    for name in ("manage_basics", "manage_actions", "manage_zones", "manage_lpr", "manage_formal", "manage_merit", "manage_validate"):
        assert url(name, draft_call) in content
    assert url("manage_indicators", draft_call, action_pk=draft_call.actions.first().pk) in content
    assert url("manage_transition", draft_call) not in content  # a draft is published from the check page


def test_overview_of_a_published_call_offers_the_next_stage(as_role):
    call = CallFactory(published=True)
    content = as_role("clerk").get(url("manage_detail", call)).content.decode()
    assert url("manage_transition", call) in content
    assert 'value="submission_closed"' in content
    assert url("manage_actions", call) in content


# --- a new call --------------------------------------------------------------------------------


def test_clerk_creates_a_draft_call_through_the_form(as_role, clerk):
    response = as_role("clerk").post(reverse("competition:manage_create"), basics_data())
    call = Call.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("manage_detail", call)
    assert call.is_draft
    assert call.max_grant_share == Decimal("0.9000")
    assert call.max_admin_share == Decimal("0.1500")
    assert call.eligible_entity_types == ["association", "foundation"]
    assert timezone.localtime(call.submission_deadline).strftime("%H:%M") == "23:59"
    assert call.events.get().kind == CallEvent.Kind.CREATED
    assert call.events.get().by == clerk


def test_shares_may_be_typed_with_a_polish_decimal_comma(as_role):
    as_role("clerk").post(reverse("competition:manage_create"), basics_data(max_grant_share="87,5"))
    assert Call.objects.get().max_grant_share == Decimal("0.8750")


def test_new_call_with_a_deadline_too_soon_keeps_the_input_and_names_the_rule(as_role):
    today = timezone.localdate()
    data = basics_data(submission_deadline=f"{(today + timedelta(days=10)).isoformat()}T12:00")
    response = as_role("clerk").post(reverse("competition:manage_create"), data)
    content = response.content.decode()
    assert response.status_code == 200
    assert not Call.objects.exists()
    assert "art. 13 ust. 1 ustawy" in content
    assert 'value="Konkurs na działania w obszarze rewitalizacji 2027"' in content
    assert 'id="error-summary"' in content
    assert 'href="#id_submission_deadline"' in content
    assert 'aria-invalid="true"' in content


def test_grant_share_above_one_hundred_percent_is_refused(as_role):
    response = as_role("clerk").post(reverse("competition:manage_create"), basics_data(max_grant_share="120"))
    assert response.status_code == 200
    assert "max_grant_share" in response.context["form"].errors
    assert not Call.objects.exists()


# --- editing sections of a draft ------------------------------------------------------------


def test_budget_typed_the_polish_way_is_saved(as_role, draft_call):
    rows = actions_rows(draft_call, row0={"budget": "30 000,00"})
    response = as_role("clerk").post(url("manage_actions", draft_call), formset_data("actions", rows, initial=2))
    assert response.status_code == 302
    assert draft_call.actions.get(code="A").budget == Decimal("30000.00")
    event = draft_call.events.get(kind=CallEvent.Kind.EDITED)
    assert event.changes["actions[0].budget"] == ["10000.00", "30000.00"]


def test_budget_typed_with_arabic_indic_digits_is_refused_in_polish(as_role, draft_call):
    rows = actions_rows(draft_call, row0={"budget": "٣٠ ٠٠٠,٠٠"})
    response = as_role("clerk").post(url("manage_actions", draft_call), formset_data("actions", rows, initial=2))
    assert response.status_code == 200
    assert "znaków „٣٠” nie można użyć" in response.content.decode()
    assert draft_call.actions.get(code="A").budget == Decimal("10000.00")


def test_new_action_is_added_from_an_extra_row_and_an_empty_row_is_ignored(as_role, draft_call):
    rows = actions_rows(draft_call) + [
        {"code": "C", "title": "Centrum organizacji", "budget": "7 200,00", "description": "", "target_groups": "NGO\n\nseniorzy\n"},
        {"code": "", "title": "", "budget": "", "description": "", "target_groups": ""},
    ]
    response = as_role("clerk").post(url("manage_actions", draft_call), formset_data("actions", rows, initial=2))
    assert response.status_code == 302
    action = draft_call.actions.get(code="C")
    assert action.budget == Decimal("7200.00")
    assert action.target_group_list() == ["NGO", "seniorzy"]


def test_ticked_delete_removes_an_action(as_role, draft_call):
    rows = actions_rows(draft_call, row1={"DELETE": "on"})
    as_role("clerk").post(url("manage_actions", draft_call), formset_data("actions", rows, initial=2))
    assert list(draft_call.actions.values_list("code", flat=True)) == ["A"]


def test_untouched_actions_page_records_nothing(as_role, draft_call):
    draft_call.actions.filter(code="A").update(target_groups="dzieci\nseniorzy", description="Opis\nw dwóch wierszach")
    rows = actions_rows(draft_call)
    rows[0].update(target_groups="dzieci\r\nseniorzy", description="Opis\r\nw dwóch wierszach", budget="10 000,00")
    response = as_role("clerk").post(url("manage_actions", draft_call), formset_data("actions", rows, initial=2), follow=True)
    assert response.redirect_chain[-1][0].startswith(url("manage_detail", draft_call))
    assert [m.level for m in response.context["messages"]] == [messages.INFO]
    assert not draft_call.events.exists()


def test_basics_edit_records_only_what_changed(as_role):
    call = whole_minutes(CallFactory())
    response = as_role("clerk").post(url("manage_basics", call), basics_post(call, title="Konkurs po zmianie"))
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.title == "Konkurs po zmianie"
    assert call.goals == "Cel pierwszy.\nCel drugi."
    assert list(call.events.get().changes) == ["title"]


def test_published_call_saved_without_changes_needs_no_reason(as_role):
    call = whole_minutes(CallFactory(published=True))
    response = as_role("clerk").post(url("manage_basics", call), basics_post(call))
    assert response.status_code == 302
    assert not call.events.exists()


def deadline_at_last_second(call: Call) -> Call:
    """A published call whose deadlines end at 23:59:59, as calls usually do."""
    call = whole_minutes(call)
    for field in ("submission_deadline", "confirmation_deadline"):
        local = timezone.localtime(getattr(call, field))
        setattr(call, field, local.replace(hour=23, minute=59, second=59))
    call.save()
    return call


def test_the_basics_form_shows_a_deadline_with_its_seconds(as_role):
    call = deadline_at_last_second(CallFactory(published=True))
    page = as_role("clerk").get(url("manage_basics", call)).content.decode()
    shown = timezone.localtime(call.submission_deadline).strftime("%Y-%m-%dT23:59:59")
    assert f'value="{shown}"' in page


@pytest.mark.parametrize("as_posted", ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M"])
def test_resaving_a_published_call_keeps_a_deadline_of_235959_and_records_no_amendment(as_role, as_posted):
    """The page shows the seconds; a browser that drops them (or a page opened before) sends 23:59."""
    call = deadline_at_last_second(CallFactory(published=True))
    deadline = call.submission_deadline
    data = basics_post(call, **{
        "submission_deadline": timezone.localtime(call.submission_deadline).strftime(as_posted),
        "confirmation_deadline": timezone.localtime(call.confirmation_deadline).strftime(as_posted),
        "amendment-reason": "Bez zmian.",
    })
    response = as_role("clerk").post(url("manage_basics", call), data)
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.submission_deadline == deadline and timezone.localtime(call.submission_deadline).second == 59
    assert not call.events.exists()


def test_a_deadline_moved_to_another_minute_is_amended(as_role):
    call = deadline_at_last_second(CallFactory(published=True))
    moved = timezone.localtime(call.submission_deadline).replace(minute=30, second=0)
    data = basics_post(call, **{"submission_deadline": moved.strftime("%Y-%m-%dT%H:%M"),
                                "confirmation_deadline": timezone.localtime(call.confirmation_deadline)
                                .strftime("%Y-%m-%dT%H:%M:%S"),
                                "amendment-reason": "Wcześniejszy termin."})
    assert as_role("clerk").post(url("manage_basics", call), data).status_code == 302
    call.refresh_from_db()
    assert call.submission_deadline == moved
    assert list(call.events.get(kind=CallEvent.Kind.AMENDED).changes) == ["submission_deadline"]


def test_published_basics_amended_with_a_reason(as_role):
    call = whole_minutes(CallFactory(published=True))
    data = basics_post(call, contact_info="Referat Polityki Gospodarczej, tel. 85 682 20 00", **{"amendment-reason": "Nowy kontakt."})
    response = as_role("clerk").post(url("manage_basics", call), data)
    assert response.status_code == 302
    event = call.events.get()
    assert (event.kind, event.reason) == (CallEvent.Kind.AMENDED, "Nowy kontakt.")
    assert event.changes == {"texts.contact_info": ["", "Referat Polityki Gospodarczej, tel. 85 682 20 00"]}


def test_zero_budget_keeps_what_was_typed_and_shows_the_rule_in_polish(as_role, draft_call):
    rows = actions_rows(draft_call, row0={"budget": "0", "title": "Nowy tytuł działania A"})
    response = as_role("clerk").post(url("manage_actions", draft_call), formset_data("actions", rows, initial=2))
    content = response.content.decode()
    assert response.status_code == 200
    assert "kwota na działanie musi być większa od zera" in content
    assert 'value="Nowy tytuł działania A"' in content
    assert 'href="#id_actions-0-budget"' in content
    assert draft_call.actions.get(code="A").budget == Decimal("10000.00")
    assert not draft_call.events.exists()


def test_amount_that_is_not_a_number_is_refused_beside_its_field(as_role, draft_call):
    rows = actions_rows(draft_call, row1={"budget": "pięć tysięcy"})
    response = as_role("clerk").post(url("manage_actions", draft_call), formset_data("actions", rows, initial=2))
    assert response.status_code == 200
    assert "budget" in response.context["form"].forms[1].errors
    assert 'value="pięć tysięcy"' in response.content.decode()


def test_two_actions_with_one_code_are_refused(as_role, draft_call):
    rows = actions_rows(draft_call, row1={"code": "A"})
    response = as_role("clerk").post(url("manage_actions", draft_call), formset_data("actions", rows, initial=2))
    assert response.status_code == 200
    assert "oznaczenie działania „A” powtarza się" in response.content.decode()
    assert draft_call.actions.count() == 2


def test_indicator_minimum_with_a_decimal_comma_is_saved(as_role, draft_call):
    action = draft_call.actions.get(code="A")
    rows = [{"name": "liczba odbiorców", "unit": "osoby", "minimum": "100"}, {"name": "godziny", "unit": "h", "minimum": "2,5"}]
    response = as_role("clerk").post(url("manage_indicators", draft_call, action_pk=action.pk), formset_data("indicators", rows, initial=1))
    assert response.status_code == 302
    assert [(i.name, i.minimum) for i in action.indicators.all()] == [("liczba odbiorców", Decimal("100")), ("godziny", Decimal("2.5"))]


def test_an_indicator_computed_from_the_zones_is_saved_and_exported(as_role, draft_call):
    action = draft_call.actions.get(code="A")
    rows = [{"name": "liczba stref", "unit": "strefy", "minimum": "2", "source": "zones"},
            {"name": "godziny", "unit": "h", "minimum": "3", "source": ""}]
    response = as_role("clerk").post(url("manage_indicators", draft_call, action_pk=action.pk),
                                     formset_data("indicators", rows, initial=1))
    assert response.status_code == 302
    assert [(i.name, i.source) for i in action.indicators.all()] == [("liczba stref", "zones"), ("godziny", "")]
    exported = selectors.call_document(draft_call)["actions"][0]["indicators"]
    assert exported[0]["source"] == "zones" and "source" not in exported[1]
    page = as_role("clerk").get(url("manage_detail", draft_call)).content.decode()
    assert "wyliczany z danych oferty: liczba stref urbanistycznych" in page


def test_negative_indicator_minimum_is_refused(as_role, draft_call):
    action = draft_call.actions.get(code="B")
    rows = [{"name": "liczba odbiorców", "unit": "osoby", "minimum": "-1"}]
    response = as_role("clerk").post(url("manage_indicators", draft_call, action_pk=action.pk), formset_data("indicators", rows, initial=1))
    assert response.status_code == 200
    assert "minimum" in response.context["form"].forms[0].errors
    assert action.indicators.get().minimum == Decimal(10)


def test_zones_are_typed_one_per_line(as_role, draft_call):
    response = as_role("clerk").post(url("manage_zones", draft_call), {"zones": "Chemiczna\r\n\r\nKolejki Leśne\r\nCentrum"})
    assert response.status_code == 302
    assert list(draft_call.zones.values_list("name", flat=True)) == ["Chemiczna", "Kolejki Leśne", "Centrum"]


def test_repeated_zone_is_refused_with_its_line(as_role, draft_call):
    response = as_role("clerk").post(url("manage_zones", draft_call), {"zones": "Centrum\nMostowa\nCentrum"})
    assert response.status_code == 200
    assert "„Centrum” powtarza się" in response.content.decode()
    assert draft_call.zones.count() == 2


def test_lpr_projects_are_saved_in_order(as_role, draft_call):
    rows = [{"code": "1a", "name": "Centrum"}, {"code": "6", "name": ""}, {"code": "", "name": ""}]
    response = as_role("clerk").post(url("manage_lpr", draft_call), formset_data("lpr", rows, initial=0))
    assert response.status_code == 302
    assert list(draft_call.lpr_projects.values_list("code", flat=True)) == ["1a", "6"]


def test_formal_criteria_are_saved_with_their_automatic_check(as_role, draft_call):
    rows = [
        {"question": "Czy oferta złożona została w terminie?", "auto_check": "submitted_on_time"},
        {"question": "Czy potwierdzenie podpisały osoby upoważnione?", "auto_check": ""},
    ]
    response = as_role("clerk").post(url("manage_formal", draft_call), formset_data("formal", rows, initial=1))
    assert response.status_code == 302
    assert list(draft_call.formal_criteria.values_list("auto_check", flat=True)) == ["submitted_on_time", ""]


def test_deleting_every_formal_criterion_is_refused(as_role, draft_call):
    rows = [{"question": "Czy oferta złożona została w terminie?", "auto_check": "submitted_on_time", "DELETE": "on"}]
    response = as_role("clerk").post(url("manage_formal", draft_call), formset_data("formal", rows, initial=1))
    assert response.status_code == 200
    assert "co najmniej jedno kryterium formalne" in response.content.decode()
    assert draft_call.formal_criteria.count() == 1


def test_merit_criteria_keep_their_parts_and_recount_the_points(as_role, draft_call):
    rows = [
        {"code": "a", "title": "Opis zadania", "kind": "judgement", "source": ""},
        {"code": "b", "title": "Strefy", "kind": "scale", "source": "zones"},
        {"code": "c", "title": "Liczba oferentów", "kind": "scale", "source": "offerors", "member_confirms": "on"},
    ]
    response = as_role("clerk").post(url("manage_merit", draft_call), formset_data("merit", rows, initial=2))
    assert response.status_code == 302
    assert draft_call.merit_criteria.get(code="a").subcriteria.count() == 1
    assert draft_call.merit_criteria.get(code="b").steps.count() == 2
    assert draft_call.merit_criteria.get(code="c").member_confirms is True
    draft_call.refresh_from_db()
    assert draft_call.max_points == 13


def test_scale_without_a_count_to_read_is_refused(as_role, draft_call):
    rows = [
        {"code": "a", "title": "Opis zadania", "kind": "judgement", "source": ""},
        {"code": "b", "title": "Strefy", "kind": "scale", "source": ""},
    ]
    response = as_role("clerk").post(url("manage_merit", draft_call), formset_data("merit", rows, initial=2))
    assert response.status_code == 200
    assert "source" in response.context["form"].forms[1].errors


def test_scale_steps_are_saved_and_the_points_recounted(as_role, draft_call):
    scale = draft_call.merit_criteria.get(code="b")
    rows = [
        {"min_count": "3", "points": "0", "label": "3 strefy"},
        {"min_count": "4", "points": "2", "label": ""},
        {"min_count": "7", "points": "5", "label": "wszystkie strefy"},
    ]
    response = as_role("clerk").post(url("manage_merit_parts", draft_call, criterion_pk=scale.pk), formset_data("parts", rows, initial=2))
    assert response.status_code == 302
    assert list(scale.steps.values_list("min_count", "points")) == [(3, 0), (4, 2), (7, 5)]
    draft_call.refresh_from_db()
    assert draft_call.max_points == 15


def test_scale_whose_points_fall_is_refused_with_the_rule(as_role, draft_call):
    scale = draft_call.merit_criteria.get(code="b")
    rows = [{"min_count": "1", "points": "5", "label": ""}, {"min_count": "2", "points": "3", "label": ""}]
    response = as_role("clerk").post(url("manage_merit_parts", draft_call, criterion_pk=scale.pk), formset_data("parts", rows, initial=2))
    assert response.status_code == 200
    assert "skala nie jest monotoniczna" in response.content.decode()
    assert list(scale.steps.values_list("points", flat=True)) == [1, 3]


def test_subcriterion_with_an_empty_range_is_refused(as_role, draft_call):
    judged = draft_call.merit_criteria.get(code="a")
    rows = [{"name": "jakość opisu", "min": "4", "max": "4"}]
    response = as_role("clerk").post(url("manage_merit_parts", draft_call, criterion_pk=judged.pk), formset_data("parts", rows, initial=1))
    assert response.status_code == 200
    assert "zakres punktów 4–4 jest pusty" in response.content.decode()


def test_save_and_keep_editing_returns_to_the_same_page(as_role, draft_call):
    response = as_role("clerk").post(url("manage_zones", draft_call), {"zones": "Centrum\nZatorze\nMostowa", "continue": "1"})
    assert response["Location"] == url("manage_zones", draft_call)


# --- validation and publication --------------------------------------------------------------


def test_publication_is_blocked_while_the_call_breaks_rules(as_role):
    call = CallFactory(structure=False)
    client = as_role("clerk")
    page = client.get(url("manage_validate", call)).content.decode()
    assert "konkurs musi mieć co najmniej jedno działanie" in page
    assert f'href="{url("manage_actions", call)}"' in page
    assert f'href="{url("manage_formal", call)}"' in page
    assert "disabled" in page
    response = client.post(url("manage_validate", call), {"confirm": "on"})
    assert response.status_code == 200
    assert "konkurs musi mieć co najmniej jedno działanie" in response.content.decode()
    call.refresh_from_db()
    assert call.is_draft


def test_problem_in_an_indicator_links_to_that_actions_indicator_field(as_role, draft_call):
    action = draft_call.actions.get(code="B")
    action.indicators.update(name="")
    page = as_role("clerk").get(url("manage_validate", draft_call)).content.decode()
    assert f'{url("manage_indicators", draft_call, action_pk=action.pk)}#div_id_indicators-0-name' in page


def test_valid_draft_is_published_after_confirmation(as_role, draft_call, clerk):
    client = as_role("clerk")
    unconfirmed = client.post(url("manage_validate", draft_call), {})
    assert unconfirmed.status_code == 200
    assert "confirm" in unconfirmed.context["confirm_form"].errors
    response = client.post(url("manage_validate", draft_call), {"confirm": "on"})
    assert response.status_code == 302
    draft_call.refresh_from_db()
    assert draft_call.state == Call.State.PUBLISHED
    assert draft_call.events.get(kind=CallEvent.Kind.TRANSITION).by == clerk


def test_publishing_an_already_published_call_is_refused(as_role):
    call = CallFactory(published=True)
    response = as_role("clerk").post(url("manage_validate", call), {"confirm": "on"})
    assert response.status_code == 403
    assert not call.events.exists()


# --- amendments of a published call ----------------------------------------------------------


def test_amending_a_published_call_without_a_reason_changes_nothing(as_role):
    call = CallFactory(published=True)
    rows = actions_rows(call, row0={"budget": "12 000,00"})
    response = as_role("clerk").post(url("manage_actions", call), formset_data("actions", rows, initial=2))
    assert response.status_code == 200
    assert "reason" in response.context["reason_form"].errors
    assert 'href="#id_amendment-reason"' in response.content.decode()
    assert call.actions.get(code="A").budget == Decimal("10000.00")
    assert not call.events.exists()


def test_amendment_with_a_reason_is_recorded_with_its_changes(as_role, clerk):
    call = CallFactory(published=True)
    rows = actions_rows(call, row0={"budget": "12 000,00"})
    data = formset_data("actions", rows, initial=2, extra={"amendment-reason": "Zwiększenie środków uchwałą budżetową."})
    response = as_role("clerk").post(url("manage_actions", call), data)
    assert response.status_code == 302
    event = call.events.get()
    assert event.kind == CallEvent.Kind.AMENDED
    assert event.by == clerk
    assert event.reason == "Zwiększenie środków uchwałą budżetową."
    assert event.changes == {"actions[0].budget": ["10000.00", "12000.00"]}


def test_edit_page_of_a_published_call_asks_for_the_reason(as_role):
    call = CallFactory(published=True)
    content = as_role("clerk").get(url("manage_basics", call)).content.decode()
    assert 'name="amendment-reason"' in content


def test_amendment_that_breaks_a_rule_of_another_section_is_shown_not_raised(as_role):
    call = CallFactory(published=True, min_actions=2)
    rows = actions_rows(call, row1={"DELETE": "on"})
    data = formset_data("actions", rows, initial=2, extra={"amendment-reason": "Rezygnacja z działania B."})
    response = as_role("clerk").post(url("manage_actions", call), data)
    assert response.status_code == 200
    assert "co najmniej 2 działania" in response.content.decode()  # Polish plural of 2
    assert call.actions.count() == 2
    assert not call.events.exists()


def test_history_shows_the_amendment_reason_and_each_changed_value(as_role):
    call = CallFactory(published=True)
    client = as_role("clerk")
    rows = actions_rows(call, row0={"budget": "12 000,00"})
    client.post(url("manage_actions", call), formset_data("actions", rows, initial=2, extra={"amendment-reason": "Więcej środków."}))
    content = client.get(url("manage_history", call)).content.decode()
    assert "Więcej środków." in content
    assert "actions[0].budget" in content
    assert "10000.00" in content and "12000.00" in content


# --- read-only stages, stages, copy ------------------------------------------------------------


@pytest.mark.parametrize("name", ("manage_basics", "manage_actions", "manage_zones", "manage_merit"))
def test_call_after_submission_closed_cannot_be_edited(as_role, name):
    call = CallFactory(state=Call.State.SUBMISSION_CLOSED)
    client = as_role("clerk")
    assert client.get(url(name, call)).status_code == 403
    response = client.post(url(name, call), {"zones": "Nowa", "amendment-reason": "x"})
    assert response.status_code == 403
    assert call.get_state_display() in response.content.decode()
    assert call.zones.count() == 2
    assert not call.events.exists()


def test_overview_of_a_closed_submission_has_no_edit_links(as_role):
    call = CallFactory(state=Call.State.SUBMISSION_CLOSED)
    content = as_role("clerk").get(url("manage_detail", call)).content.decode()
    assert url("manage_basics", call) not in content
    assert url("manage_actions", call) not in content
    assert 'value="formal_check"' in content


def test_closing_submission_before_the_deadline_is_refused_with_a_message(as_role):
    call = CallFactory(published=True)
    response = as_role("clerk").post(url("manage_transition", call), {"to": "submission_closed"}, follow=True)
    assert "Naboru nie można zamknąć przed terminem składania ofert" in response.content.decode()
    call.refresh_from_db()
    assert call.state == Call.State.PUBLISHED


def test_submission_closes_after_the_deadline(as_role, clerk):
    call = CallFactory(published=True)
    Call.objects.filter(pk=call.pk).update(submission_deadline=timezone.now() - timedelta(hours=1))
    response = as_role("clerk").post(url("manage_transition", call), {"to": "submission_closed"})
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.state == Call.State.SUBMISSION_CLOSED
    assert call.events.get().to_state == "submission_closed"


def test_skipping_a_stage_is_refused(as_role):
    call = CallFactory(published=True)
    response = as_role("clerk").post(url("manage_transition", call), {"to": "decided"}, follow=True)
    assert response.status_code == 200
    call.refresh_from_db()
    assert call.state == Call.State.PUBLISHED
    assert not call.events.exists()


def test_copy_is_a_draft_of_next_year_with_the_same_structure(as_role, reference_call):
    response = as_role("clerk").post(url("manage_copy", reference_call))
    copy = Call.objects.get(copied_from=reference_call)
    assert response.status_code == 302
    assert response["Location"] == url("manage_detail", copy)
    assert copy.is_draft
    assert copy.announcement_date == reference_call.announcement_date.replace(year=reference_call.announcement_date.year + 1)
    assert copy.realisation_end.year == reference_call.realisation_end.year + 1
    assert copy.total_budget == Decimal("66200.00")
    assert copy.max_points == 65
    assert copy.events.get().kind == CallEvent.Kind.COPIED


# --- Django admin --------------------------------------------------------------------------------


def test_administrator_sees_a_call_with_its_inlines_in_the_admin(as_role, draft_call):
    client = as_role("admin_user")
    assert client.get(reverse("admin:competition_call_changelist")).status_code == 200
    content = client.get(reverse("admin:competition_call_change", args=[draft_call.pk])).content.decode()
    for prefix in ("actions-TOTAL_FORMS", "zones-TOTAL_FORMS", "lpr_projects-TOTAL_FORMS", "formal_criteria-TOTAL_FORMS", "merit_criteria-TOTAL_FORMS"):
        assert prefix in content
    assert client.get(reverse("admin:competition_commissionmember_changelist")).status_code == 200


def test_audit_trail_is_read_only_in_the_admin(as_role, draft_call, clerk):
    from competition import services

    services.call_set_zones(call=draft_call, by=clerk, zones=["Centrum"])
    event = draft_call.events.get()
    client = as_role("admin_user")
    assert client.get(reverse("admin:competition_callevent_change", args=[event.pk])).status_code == 200
    assert client.get(reverse("admin:competition_callevent_add")).status_code == 403
    response = client.post(reverse("admin:competition_callevent_change", args=[event.pk]), {"reason": "podmiana"})
    assert response.status_code == 403
    assert client.post(reverse("admin:competition_callevent_delete", args=[event.pk]), {"post": "yes"}).status_code == 403
    event.refresh_from_db()
    assert event.reason == ""


def test_renaming_an_action_in_the_form_keeps_its_indicators(as_role, draft_call):
    rows = actions_rows(draft_call, row0={"code": "Z"})
    response = as_role("clerk").post(url("manage_actions", draft_call), formset_data("actions", rows, initial=2))
    assert response.status_code == 302
    renamed = draft_call.actions.get(code="Z")
    assert renamed.indicators.count() == 1
