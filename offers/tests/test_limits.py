"""Length and row limits of the offer writer through the test client (docs/limits.md)."""
import pytest

from core import limits
from offers.tests.test_offer_views import autosave, get_form, step_url
from tests_support.factories import MembershipFactory
from tests_support.offers import make_offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(db):
    return MembershipFactory(organisation__legal_form="association")


@pytest.fixture
def offer(reference_call, member):
    return make_offer(call=reference_call, organisation=member.organisation, user=member.user)


@pytest.fixture
def writer(client, member):
    client.force_login(member.user)
    return client

TOO_LONG = "Limit znaków w tym polu: {limit}. Wpisany tekst ma ich {n}, czyli o {over} za dużo — skróć go."


def _words(n: int) -> str:
    """n characters of words, ending with a letter (a form strips a trailing space)."""
    return ("Świetlica " * (n // 10 + 1))[:n - 1] + "."


def test_the_description_step_shows_each_limit(writer, offer):
    html = writer.get(step_url(offer, "description")).content.decode()
    assert f'maxlength="{limits.LONG_TEXT}"' in html and f'data-limit="{limits.LONG_TEXT}"' in html
    assert f"maks. {limits.LONG_TEXT} znaków" in html
    assert f'maxlength="{limits.TEXT}"' in html


def test_a_description_at_the_limit_is_saved(writer, offer):
    text = _words(limits.LONG_TEXT)
    data = {**get_form(writer, offer, "description"), "synthetic_description": text}
    assert writer.post(step_url(offer, "description"), data).status_code == 302
    offer.refresh_from_db()
    assert offer.synthetic_description == text


def test_a_description_over_the_limit_is_refused_and_the_text_is_kept(writer, offer):
    text = _words(limits.LONG_TEXT + 7)
    data = {**get_form(writer, offer, "description"), "synthetic_description": text}
    response = writer.post(step_url(offer, "description"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert TOO_LONG.format(limit=limits.LONG_TEXT, n=limits.LONG_TEXT + 7, over=7) in html
    assert text in html  # nothing the user typed is lost
    offer.refresh_from_db()
    assert offer.synthetic_description != text


def test_an_autosave_over_the_limit_is_refused_with_the_message(writer, offer):
    before = offer.revision
    data = {**get_form(writer, offer, "other"), "other_information": _words(limits.TEXT + 1)}
    response = autosave(writer, step_url(offer, "other"), data)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert any(TOO_LONG.format(limit=limits.TEXT, n=limits.TEXT + 1, over=1) in e for e in errors)
    offer.refresh_from_db()
    assert offer.revision == before and offer.other_information != data["other_information"]


def test_a_schedule_description_over_its_limit_is_refused(writer, offer):
    data = {**get_form(writer, offer, "schedule"), "schedule-0-activity": "Warsztaty",
            "schedule-0-description": "a" * (limits.NOTE + 2)}
    response = writer.post(step_url(offer, "schedule"), data)
    assert response.status_code == 200
    assert TOO_LONG.format(limit=limits.NOTE, n=limits.NOTE + 2, over=2) in response.content.decode()


def test_the_schedule_may_not_have_more_rows_than_its_limit(writer, offer):
    data = get_form(writer, offer, "schedule")
    rows = limits.MAX_SCHEDULE_ROWS + 1
    data["schedule-TOTAL_FORMS"] = str(rows)
    for i in range(rows):
        data[f"schedule-{i}-activity"] = f"Zajęcia {i + 1}"
    response = writer.post(step_url(offer, "schedule"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Ta tabela może mieć najwyżej {limits.MAX_SCHEDULE_ROWS} wierszy" in html
    assert f"Zajęcia {rows}" in html  # the row over the limit is shown, not dropped
    assert offer.schedule.count() < rows


def test_the_schedule_at_its_row_limit_is_saved(writer, offer):
    data = get_form(writer, offer, "schedule")
    rows = limits.MAX_SCHEDULE_ROWS
    data["schedule-TOTAL_FORMS"] = str(rows)
    for i in range(rows):
        data[f"schedule-{i}-activity"] = f"Zajęcia {i + 1}"
    assert writer.post(step_url(offer, "schedule"), data).status_code == 302
    assert offer.schedule.count() == rows
