"""Gendered or neutral wording for people (`accounts.wording`): the form each person chooses on
"My profile" words their function, statements and signature lines; neutral by default."""
import pytest
from django.urls import reverse
from django.utils import translation

from accounts import wording
from accounts.models import User

FORMS = (wording.FEMININE, wording.MASCULINE, wording.NEUTRAL)


@pytest.fixture
def polish():
    with translation.override("pl"):
        yield


@pytest.mark.parametrize("role, expected", [
    ("chair", ("przewodnicząca komisji", "przewodniczący komisji", "przewodnicząca/przewodniczący komisji")),
    ("member", ("członkini komisji", "członek komisji", "członek/członkini komisji")),
    ("secretary", ("sekretarz komisji", "sekretarz komisji", "sekretarz komisji")),
])
def test_role_titles_in_each_form(polish, role, expected):
    assert tuple(wording.role_title(role, form) for form in FORMS) == expected


@pytest.mark.parametrize("role, expected", [
    ("chair", ("przewodnicząca", "przewodniczący", "przewodnicząca/przewodniczący")),
    ("member", ("członkini", "członek", "członek/członkini")),
    ("secretary", ("sekretarz", "sekretarz", "sekretarz")),
])
def test_role_words_in_each_form(polish, role, expected):
    assert tuple(wording.role_word(role, form) for form in FORMS) == expected


@pytest.mark.parametrize("chosen", [None, "", "plural", "MASCULINE"])
def test_nothing_chosen_or_an_unknown_value_is_neutral(polish, chosen):
    assert wording.form_of(chosen) == wording.NEUTRAL
    assert wording.role_title("chair", chosen) == "przewodnicząca/przewodniczący komisji"


def test_an_unknown_role_is_returned_as_it_is(polish):
    assert wording.role_title("observer", wording.FEMININE) == "observer"
    assert wording.role_word("observer", wording.FEMININE) == "observer"


def test_a_sentence_about_a_person_in_each_form(polish):
    assert [wording.phrase("Protocol taken by:", form) for form in FORMS] == [
        "Protokół sporządziła:", "Protokół sporządził:", "Protokół sporządził(a):"]


def test_english_has_one_form_for_all(polish):
    with translation.override("en"):
        assert {wording.role_title("chair", form) for form in FORMS} == {"chair of the commission"}


def test_every_form_of_the_model_is_known_to_the_helper():
    assert set(User.AddressForm.values) == set(wording.FORMS)


@pytest.mark.django_db
def test_a_new_user_is_worded_neutrally(outsider):
    assert outsider.address_form == wording.NEUTRAL


@pytest.mark.django_db
def test_the_profile_offers_the_three_forms_and_saves_the_choice(client, outsider):
    client.force_login(outsider)
    page = client.get(reverse("accounts:profile")).content.decode()
    for value in FORMS:
        assert f'name="address_form" value="{value}"' in page
    assert "Forma, w jakiej portal się do mnie zwraca" in page
    response = client.post(reverse("accounts:profile"), {"full_name": outsider.full_name, "phone": "",
                                                         "address_form": "feminine", "reminders_enabled": "on"})
    assert response.status_code == 302
    outsider.refresh_from_db()
    assert outsider.address_form == "feminine"
    client.post(reverse("accounts:profile"), {"full_name": "Nowe Nazwisko", "phone": ""})  # an older form: kept
    outsider.refresh_from_db()
    assert (outsider.full_name, outsider.address_form) == ("Nowe Nazwisko", "feminine")


@pytest.mark.django_db
def test_an_unknown_form_is_refused_and_nothing_typed_is_lost(client, outsider):
    client.force_login(outsider)
    response = client.post(reverse("accounts:profile"), {"full_name": "Ala Nowa", "phone": "85 1", "address_form": "x"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="Ala Nowa"' in page and "is-invalid" in page
    outsider.refresh_from_db()
    assert outsider.address_form == wording.NEUTRAL and outsider.full_name != "Ala Nowa"
