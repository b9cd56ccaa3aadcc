"""The authority that runs the portal: its data in the privacy notice, the accessibility statement
and the footer, over the installation's settings; the checks of its forms; the admin."""
import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from authorities.models import Authority
from authorities.services import authority_run_portal
from core import operator
from tests_support.factories import AuthorityFactory, county_board, wojt

pytestmark = pytest.mark.django_db

SETTINGS_PRIVACY = {"controller": "Organ z ustawień", "address": "ul. Ustawień 1", "contact": "ustawienia@example.org",
                    "dpo": "iod-ustawienia@example.org", "retention": ""}


@override_settings(PRIVACY=SETTINGS_PRIVACY, PORTAL_OPERATOR="")
def test_the_privacy_notice_names_the_portals_authority_and_keeps_the_settings_it_leaves_blank(client):
    authority_run_portal(authority=wojt(), contacts={"privacy_dpo": "iod@kamienna-struga.example.pl"})
    html = client.get(reverse("accounts:privacy")).content.decode()
    assert "Wójt Gminy Kamienna Struga, Urząd Gminy Kamienna Struga" in html
    assert "ul. Leśna 2, 00-002 Kamienna Struga" in html
    assert "iod@kamienna-struga.example.pl" in html
    assert "ustawienia@example.org" in html  # the authority gives no contact of its own
    assert "Organ z ustawień" not in html


@override_settings(PRIVACY=SETTINGS_PRIVACY, PORTAL_OPERATOR="")
def test_without_a_portal_authority_the_settings_stand(client):
    wojt()  # an authority that does not run the portal
    html = client.get(reverse("accounts:privacy")).content.decode()
    assert "Organ z ustawień" in html and "Kamienna Struga" not in html


@override_settings(PORTAL_OPERATOR="")
def test_the_accessibility_statement_and_the_footer_name_the_portals_office(client):
    authority_run_portal(authority=county_board(), contacts={"accessibility_email": "dostepnosc@powiat.example.pl"})
    html = client.get(reverse("core:accessibility")).content.decode()
    assert "Starostwo Powiatowe w Testowie" in html
    assert "dostepnosc@powiat.example.pl" in html


@override_settings(PORTAL_OPERATOR="Portal Testowy")
def test_a_portal_operator_set_by_the_installation_wins_in_the_footer():
    authority_run_portal(authority=wojt())
    assert operator.name() == "Portal Testowy"


def test_only_one_authority_runs_the_portal():
    first, second = wojt(), county_board()
    authority_run_portal(authority=first)
    authority_run_portal(authority=second)
    assert list(Authority.objects.filter(operates_portal=True)) == [second]
    assert first.history.count() == 3  # created, marked, unmarked


def test_an_unknown_contact_field_is_refused():
    with pytest.raises(ValueError):
        authority_run_portal(authority=wojt(), contacts={"name": "Ktoś"})


def test_the_model_names_each_wrong_form_in_polish():
    authority = AuthorityFactory.build(slug="x", kind=Authority.Kind.WOJT, name="Burmistrz Gminy X",
                                       name_genitive="Burmistrza Gminy X", municipality="Urząd Gminy X")
    with translation.override("pl"), pytest.raises(ValidationError) as exc:
        authority.full_clean()
    assert set(exc.value.message_dict) == {"name", "name_genitive", "municipality"}
    assert "„Wójt”" in exc.value.message_dict["name"][0]


def test_the_forms_documents_use():
    authority = wojt()
    assert (authority.office, authority.office_genitive, authority.act.instrumental) == ("Wójt", "Wójta", "zarządzeniem")
    assert authority.represented == "reprezentowana przez Wójta Gminy Kamienna Struga"
    assert authority.party_called == "zwana"
    assert authority.past("przyznał", "przyznała") == "przyznała"
    assert authority.treasurer_title_or_default == "Skarbnik Gminy"
    board = county_board(treasurer_title="Skarbnik Powiatu Testowskiego")
    assert board.represented == "reprezentowany przez Zarząd Powiatu Testowskiego"
    assert board.past("przyznał", "przyznała") == "przyznał"
    assert board.treasurer_title_or_default == "Skarbnik Powiatu Testowskiego"


def test_the_administrator_manages_authorities_and_others_may_not(client, admin_user, clerk):
    authority = wojt()
    client.force_login(admin_user)
    assert client.get(reverse("admin:authorities_authority_changelist")).status_code == 200
    assert client.get(reverse("admin:authorities_authority_change", args=[authority.pk])).status_code == 200
    client.force_login(clerk)
    assert client.get(reverse("admin:authorities_authority_changelist")).status_code == 302
