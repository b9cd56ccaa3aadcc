"""The accessibility statement (deklaracja dostępności): public, linked from every page, and made
of the city's values (`settings.ACCESSIBILITY`)."""
import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from django.urls import reverse

from core import accessibility

pytestmark = pytest.mark.django_db

URL = "/deklaracja-dostepnosci/"

OTHER_CITY = {
    "body": "Urząd Miasta Przykładowo",
    "site_url": "https://konkursy.przykladowo.example",
    "published": "2023-01-16",
    "updated": "2024-06-03",
    "prepared": "2023-01-16",
    "reviewed": "2025-03-28",
    "status": "full",
    "assessed_by": "Fundacja Audytów Dostępności",
    "non_accessible": [],
    "contact_person": "Ewa Przykładowa",
    "email": "dostepnosc@przykladowo.example",
    "phone": "+48 22 123-45-67",
    "office_address": "ul. Rynek 1, 00-001 Przykładowo",
    "architecture": "Winda przy wejściu od podwórza.",
    "sign_language": "Tłumacz PJM po zgłoszeniu z 3-dniowym wyprzedzeniem.",
}


def _html(client, url=URL) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_statement_is_at_its_usual_address_and_open_to_anybody(client):
    assert reverse("core:accessibility") == URL
    html = _html(client)
    assert html.count("<h1") == 1


def test_the_statement_shows_the_configured_contact(client):
    html = _html(client)
    a11y = settings.ACCESSIBILITY
    assert f'href="mailto:{a11y["email"]}"' in html and a11y["email"] in html
    assert a11y["phone"] in html and f'href="{accessibility.tel_link(a11y["phone"])}"' in html
    assert a11y["contact_person"] in html


def test_the_default_is_partial_compliance_with_an_exemption(client):
    html = _html(client)
    assert 'id="a11y-wylaczenia"' in html and "osób trzecich" in html
    assert 'id="a11y-niedostepne"' not in html  # nothing non-exempt is listed by default


@override_settings(ACCESSIBILITY=OTHER_CITY)
def test_another_city_s_values_replace_the_demo_s(client):
    html = _html(client)
    for value in ("Urząd Miasta Przykładowo", "https://konkursy.przykladowo.example", "Ewa Przykładowa",
                  "dostepnosc@przykladowo.example", "+48 22 123-45-67", 'href="tel:+48221234567"',
                  'datetime="2025-03-28"', "Fundacja Audytów Dostępności", "Winda przy wejściu od podwórza."):
        assert value in html, value
    assert "dostepnosc@demo.local" not in html
    assert 'id="a11y-wylaczenia"' not in html and 'id="a11y-niedostepne"' not in html


@override_settings(ACCESSIBILITY={**OTHER_CITY, "status": "none", "non_accessible": [
    {"content": "Mapa stref rewitalizacji", "reason": "brak opisu tekstowego"}]})
def test_content_that_is_not_accessible_is_listed_with_its_reason(client):
    html = _html(client)
    assert 'id="a11y-niedostepne"' in html and "Mapa stref rewitalizacji – brak opisu tekstowego" in html


def test_the_legal_procedure_names_its_deadlines_and_the_ombudsman(client):
    html = client.get(URL, HTTP_COOKIE="django_language=en").content.decode()  # the msgids: the text the catalogue translates
    procedure = html[html.index('id="a11y-procedura"'):html.index('id="a11y-architektura"')]
    assert "no later than 7 days from the day the demand was made" in procedure
    assert "may not be later than 2 months from the day the demand was made" in procedure
    assert "lodge a complaint" in procedure
    assert '<a href="https://bip.brpo.gov.pl/">Commissioner for Human Rights</a>' in procedure


def test_every_page_links_to_the_statement_in_its_footer(client):
    html = _html(client, "/")
    footer = html[html.index("<footer"):html.index("</footer>")]
    assert f'href="{URL}"' in footer


@override_settings(TWO_FACTOR_REQUIRED=True)
def test_a_clerk_who_has_not_confirmed_the_second_factor_may_still_read_it(client, clerk):
    client.force_login(clerk)
    assert client.get(reverse("competition:manage_list")).status_code == 302
    assert client.get(URL).status_code == 200


# --- the rules, without a request ---------------------------------------------------------------


def test_a_phone_number_becomes_a_tel_link_without_spaces_or_dashes():
    assert accessibility.tel_link("+48 85 000-00-00") == "tel:+48850000000"


def test_an_unknown_compliance_status_is_a_configuration_error():
    with pytest.raises(ImproperlyConfigured, match="status"):
        accessibility.statement({**OTHER_CITY, "status": "mostly"})


def test_exempt_content_is_kept_apart_from_barriers():
    statement = accessibility.statement({**OTHER_CITY, "status": "partial", "non_accessible": [
        {"content": "Filmy sprzed 23 września 2020 r.", "reason": "wyłączone z ustawy", "exempt": True},
        {"content": "Formularz X", "reason": "brak etykiet"}]})
    assert [item["content"] for item in statement["barriers"]] == ["Formularz X"]
    assert [item["content"] for item in statement["exemptions"]] == ["Filmy sprzed 23 września 2020 r."]
