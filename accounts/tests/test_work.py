""""Czeka na mnie" (issue 25, point 6): every role lands on its work after logging in, with counts
and deadlines per call; the menus show each role its own entries."""
import pytest
from django.urls import reverse

from competition.models import Call, CommissionMember
from tests_support.factories import DEFAULT_PASSWORD, CallFactory, CommissionMemberFactory, MembershipFactory, UserFactory
from tests_support.offers import make_offer

pytestmark = pytest.mark.django_db

WORK = reverse("accounts:work")


def _page(client, user) -> str:
    client.force_login(user)
    response = client.get(WORK)
    assert response.status_code == 200
    return response.content.decode()


def _menu(html: str) -> str:
    return html[html.index('id="mainnav"'):html.index("</nav>")]


def test_logging_in_lands_on_what_waits(client):
    user = UserFactory()
    response = client.post(reverse("accounts:login"), {"username": user.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302 and response["Location"] == WORK


def test_a_new_user_is_shown_where_to_start(client):
    html = _page(client, UserFactory())
    assert "Nic na Ciebie nie czeka" in html
    assert reverse("offers:organisation_create") in html
    assert 'id="nav-offers"' in _menu(html)  # somebody who has just signed up is an applicant-to-be


def test_an_applicant_sees_the_drafts_to_finish_by_the_deadline(client, reference_call):
    member = MembershipFactory()
    offer = make_offer(call=reference_call, organisation=member.organisation, user=member.user)
    html = _page(client, member.user)
    section = html[html.index('id="work-applicant"'):]
    assert "1 oferta jeszcze niezłożona" in section
    assert f'href="{offer.get_absolute_url()}"' in section
    assert "termin składania ofert" in section and 'class="countdown"' in section
    assert 'id="work-clerk"' not in html and 'id="work-authority"' not in html


def test_a_clerk_sees_the_formal_check_to_start_and_no_applicant_entries(client, clerk, reference_call):
    call = CallFactory(state=Call.State.SUBMISSION_CLOSED, title="Konkurs zamknięty do sprawdzenia")
    html = _page(client, clerk)
    section = html[html.index('id="work-clerk"'):]
    assert "Konkurs zamknięty do sprawdzenia" in section and "rozpocznij ocenę formalną" in section
    assert reverse("evaluation:formal_overview", kwargs={"slug": call.slug}) in section
    assert "przyjmuje oferty: dotąd złożono 0" in section  # the reference call accepts offers
    menu = _menu(html)
    assert 'id="nav-offers"' not in menu and 'id="nav-organisations"' not in menu
    assert 'id="nav-manage"' in menu and 'id="nav-work"' in menu


def test_a_clerk_who_is_also_an_applicant_keeps_the_applicant_entries(client, clerk):
    MembershipFactory(user=clerk)
    assert 'id="nav-offers"' in _menu(_page(client, clerk))


def test_the_authority_sees_the_decision_to_make_by_the_decision_date(client, mayor):
    CallFactory(state=Call.State.SCORED, title="Konkurs po ocenie merytorycznej")
    html = _page(client, mayor)
    section = html[html.index('id="work-authority"'):]
    assert "Konkurs po ocenie merytorycznej" in section and "rozstrzygnij o dotacjach" in section
    assert "<time datetime=" in section


def test_the_chair_reaches_the_progress_page_from_the_menu_and_the_work_page(client):
    seat = CommissionMemberFactory(role=CommissionMember.Role.CHAIR, call__title="Konkurs w ocenie")
    Call.objects.filter(pk=seat.call.pk).update(state=Call.State.MERIT_EVALUATION)
    html = _page(client, seat.user)
    progress = reverse("chair:progress", kwargs={"slug": seat.call.slug})
    assert f'href="{progress}" data-nav-progress' in _menu(html)
    section = html[html.index('id="work-chair"'):]
    assert progress in section and "Konkurs w ocenie" in section
    assert 'id="nav-offers"' not in _menu(html)  # a commission seat is not an applicant's role


def test_a_member_without_sheets_to_write_is_told_so(client):
    seat = CommissionMemberFactory()
    html = _page(client, seat.user)
    assert "Żadne oświadczenie ani karta oceny na Ciebie nie czeka." in html
    assert 'data-nav-progress' not in html
