"""The impartiality declaration in the member's own form (feminine, masculine, neutral): the
portal's default grounds are worded from the catalogue in that form, a ground the authority wrote
itself stays as written; what the member reads on the page is what the declaration keeps."""
import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from competition.models import Call
from competition.models.call import IMPARTIALITY_GROUNDS_MSGIDS, default_impartiality_grounds
from evaluation.merit import rules
from evaluation.merit import services as services_merit
from tests_support.merit import merit_call

REPRESENTATIVE = 3  # "I am or have been a representative (attorney, proxy) of an offeror."
WORDED = {
    "feminine": "Jestem lub byłam przedstawicielką (pełnomocniczką) oferenta.",
    "masculine": "Jestem lub byłem przedstawicielem (pełnomocnikiem) oferenta.",
    "neutral": "Reprezentuję lub reprezentowałem/reprezentowałam oferenta (jako przedstawiciel/przedstawicielka lub "
               "pełnomocnik/pełnomocniczka).",
}


@pytest.fixture
def polish():
    with translation.override("pl"):
        yield


@pytest.mark.parametrize("form", ["feminine", "masculine", "neutral"])
def test_the_default_grounds_are_worded_in_the_members_form(polish, form):
    worded = rules.grounds_worded(default_impartiality_grounds(), form, IMPARTIALITY_GROUNDS_MSGIDS)
    assert worded[REPRESENTATIVE] == WORDED[form]
    assert len(worded) == len(IMPARTIALITY_GROUNDS_MSGIDS)


def test_no_default_ground_keeps_a_masculine_past_form_in_the_neutral_wording(polish):
    worded = rules.grounds_worded(default_impartiality_grounds(), "neutral", IMPARTIALITY_GROUNDS_MSGIDS)
    for text in worded:
        for masculine_only in ("byłem ", "pracowałem ", "związany ", "małżonkiem,"):
            assert masculine_only not in text, text


def test_a_ground_the_authority_wrote_stays_as_written(polish):
    own = "Jestem radnym gminy."
    assert rules.grounds_worded([own], "feminine", IMPARTIALITY_GROUNDS_MSGIDS) == [own]


def test_without_defaults_nothing_is_reworded(polish):
    grounds = default_impartiality_grounds()
    assert rules.grounds_worded(grounds, "feminine") == grounds


@pytest.mark.django_db
@pytest.mark.parametrize("form", ["feminine", "masculine", "neutral"])
def test_the_signed_declaration_keeps_the_members_form(reference_call, clerk, form):
    mc = merit_call(reference_call, clerk)
    seat = mc.members[0]
    User.objects.filter(pk=seat.user_id).update(address_form=form)
    with translation.override("pl"):
        declaration = services_merit.declaration_make(seat=seat, offer=mc.offers[0], conflict=True,
                                                      grounds=[REPRESENTATIVE], explanation="Pełnomocnictwo z 2018 r.")
    assert WORDED[form] in declaration.text


@pytest.mark.django_db
def test_the_declaration_page_shows_the_grounds_and_the_function_in_the_members_form(client, reference_call, clerk):
    mc = merit_call(reference_call, clerk)
    seat = mc.members[0]
    User.objects.filter(pk=seat.user_id).update(address_form="feminine")
    Call.objects.filter(pk=mc.call.pk).update(impartiality_grounds=[*mc.call.impartiality_grounds, "Własna przesłanka."])
    client.force_login(seat.user)
    page = client.get(reverse("commission:declare", kwargs={"slug": mc.call.slug, "offer_pk": mc.offers[0].pk}))
    html = page.content.decode()
    assert page.status_code == 200
    assert WORDED["feminine"] in html and "Własna przesłanka." in html
    assert "członkini komisji konkursowej" in html
    User.objects.filter(pk=seat.user_id).update(address_form="neutral")
    html = client.get(reverse("commission:declare", kwargs={"slug": mc.call.slug, "offer_pk": mc.offers[0].pk}))
    assert "jako osoba w składzie komisji konkursowej" in html.content.decode()
