"""The demo's second authority (issue 23, point 6): a commune headed by a Wójt with its own open
call, its clerk and its Wójt, and one organisation with offers to both authorities."""
import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from competition.models import Call
from demo.loader import DEMO_PASSWORD
from demo.second_authority import AUTHORITY_SLUG, SECOND_SLUG, SECOND_USERS
from offers.models import Offer
from organisations.models import Organisation
from tests_support.pdf import pdf_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_loaded")]


@pytest.fixture
def call():
    return Call.objects.select_related("authority").get(slug=SECOND_SLUG)


def test_both_authorities_are_loaded_each_with_an_open_call(call):
    hajnowka = Call.objects.get(slug="hajnowka-2019-rewitalizacja")
    assert hajnowka.authority != call.authority
    assert (call.authority.slug, call.authority.name, call.authority.kind) == (
        AUTHORITY_SLUG, "Wójt Gminy Kamienna Struga", "wojt")
    now = timezone.now()
    assert call.is_open_for_submission(now) and hajnowka.is_open_for_submission(now)
    assert call.authority.email_from == "konkursy@kamienna-struga.demo.local"
    assert not call.authority.operates_portal and hajnowka.authority.operates_portal


def test_its_wojt_and_its_clerk_can_log_in(call):
    for email, _name, _role, flags in SECOND_USERS:
        user = User.objects.get(email=email)
        assert user.check_password(DEMO_PASSWORD)
        assert all(getattr(user, flag) == value for flag, value in flags.items() if flag.startswith("is_"))


def test_one_organisation_has_offers_to_both_authorities(call):
    foundation = Organisation.objects.get(name="Fundacja Puszcza Dzieciom")
    offers = Offer.objects.filter(organisation=foundation).select_related("call__authority")
    assert {o.call.authority.slug for o in offers} == {"burmistrz-miasta-hajnowka", AUTHORITY_SLUG}
    here = offers.get(call=call)
    assert here.state == Offer.State.SUBMITTED


def test_the_call_speaks_as_the_wojt_on_its_page(call, client):
    url = reverse("authority:call_detail", kwargs={"authority": AUTHORITY_SLUG, "slug": SECOND_SLUG})
    html = client.get(url).content.decode()
    assert "Wójt Gminy Kamienna Struga" in html
    assert f"Zarządzenie Nr {call.order_number} Wójta Gminy Kamienna Struga" in html
    assert "Burmistrz" not in html


def test_the_announcement_pdf_speaks_as_the_wojt(call, client):
    text = " ".join(pdf_text(client.get(reverse("reports:announcement_pdf", kwargs={"slug": SECOND_SLUG}))).split())
    assert f"Załącznik do Zarządzenia Nr {call.order_number} Wójta Gminy Kamienna Struga" in text
    assert "Burmistrz" not in text


def test_the_authority_page_lists_its_call_and_the_home_page_both(call, client):
    html = client.get(reverse("authority:home", kwargs={"authority": AUTHORITY_SLUG})).content.decode()
    assert call.title in html and "Hajnówk" not in html.split('id="main"')[1].split("<footer")[0]
    home = client.get(reverse("competition:call_list")).content.decode()
    assert call.title in home and "Burmistrz Miasta Hajnówka" in home
