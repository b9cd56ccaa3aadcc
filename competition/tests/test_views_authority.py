"""Each authority's public pages (/<authority>/), the home page's authorities and filters, and the
own-domain middleware (issue 23, points 2 and 7)."""
from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from authorities import middleware
from tests_support.factories import AuthorityFactory, CallFactory, wojt

pytestmark = pytest.mark.django_db


@pytest.fixture
def two():
    town = CallFactory(published=True, title="Konkurs miejski", public_task_type="Rewitalizacja; kultura (art. 4)")
    village = CallFactory(published=True, title="Konkurs gminny", authority=wojt(bip_url="https://bip.example.pl/"),
                          public_task_type="Działalność na rzecz seniorów; wolontariat",
                          submission_deadline=timezone.now() + timedelta(days=60))
    return town, village


def _home(client, **params):
    return client.get(reverse("competition:call_list"), params).content.decode()


def test_home_page_lists_the_authorities_and_the_calls_of_both(client, two):
    html = _home(client)
    assert "Konkurs miejski" in html and "Konkurs gminny" in html
    assert 'id="authorities"' in html
    assert reverse("authority:home", kwargs={"authority": "wojt-gminy-kamienna-struga"}) in html


def test_home_page_filters_by_authority(client, two):
    html = _home(client, authority="wojt-gminy-kamienna-struga")
    assert "Konkurs gminny" in html and "Konkurs miejski" not in html


def test_home_page_filters_by_field_of_public_tasks(client, two):
    html = _home(client)
    assert '<option value="Wolontariat">' in html  # the fields the calls name, each once
    html = _home(client, field="Wolontariat")
    assert "Konkurs gminny" in html and "Konkurs miejski" not in html


def test_home_page_filters_by_deadline(client, two):
    by = (timezone.localdate() + timedelta(days=40)).isoformat()
    html = _home(client, deadline_by=by)
    assert "Konkurs miejski" in html and "Konkurs gminny" not in html


def test_an_unknown_authority_in_the_filter_is_named_not_an_error(client, two):
    response = client.get(reverse("competition:call_list"), {"authority": "nie-ma-takiego"})
    assert response.status_code == 200
    assert "Konkurs gminny" in response.content.decode()  # the filter is left out, and said so
    assert response.context["listing"].errors


def test_one_authority_installation_shows_no_list_of_authorities(client):
    CallFactory(published=True)
    assert 'id="authorities"' not in _home(client)


def test_authority_page_shows_its_calls_contact_and_bip_only(client, two):
    town, village = two
    response = client.get(reverse("authority:home", kwargs={"authority": village.authority.slug}))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Konkurs gminny" in html and "Konkurs miejski" not in html
    assert "https://bip.example.pl/" in html and "Urząd Gminy Kamienna Struga" in html
    assert 'id="authority-band"' in html  # its name in the header
    assert reverse("authority:call_detail", kwargs={"authority": village.authority.slug, "slug": village.slug}) in html


def test_unknown_authority_is_404(client, db):
    assert client.get("/nie-ma-takiej-gminy/").status_code == 404


def test_call_under_its_authority_prefix_is_shown(client, two):
    _, village = two
    url = reverse("authority:call_detail", kwargs={"authority": village.authority.slug, "slug": village.slug})
    response = client.get(url)
    assert response.status_code == 200
    assert "Konkurs gminny" in response.content.decode()


def test_call_under_another_authority_prefix_is_404(client, two):
    town, village = two
    url = reverse("authority:call_detail", kwargs={"authority": town.authority.slug, "slug": village.slug})
    assert client.get(url).status_code == 404


def test_draft_call_under_its_prefix_is_404(client, db):
    draft = CallFactory()
    url = reverse("authority:call_detail", kwargs={"authority": draft.authority.slug, "slug": draft.slug})
    assert client.get(url).status_code == 404


def test_old_call_address_keeps_working_and_names_the_authority(client, two):
    _, village = two
    html = client.get(f"/calls/{village.slug}/").content.decode()
    assert "Konkurs gminny" in html and 'id="authority-band"' in html


def test_privacy_and_accessibility_pages_speak_for_the_authority(client, two):
    _, village = two
    village.authority.privacy_contact = "rodo@kamienna-struga.example.pl"
    village.authority.accessibility_email = "dostepnosc@kamienna-struga.example.pl"
    village.authority.save()
    slug = village.authority.slug
    privacy = client.get(reverse("authority:privacy", kwargs={"authority": slug})).content.decode()
    assert "rodo@kamienna-struga.example.pl" in privacy and "Wójt Gminy Kamienna Struga" in privacy
    statement = client.get(reverse("authority:accessibility", kwargs={"authority": slug})).content.decode()
    assert "dostepnosc@kamienna-struga.example.pl" in statement
    # the installation's pages keep the installation's data
    assert "rodo@kamienna-struga.example.pl" not in client.get(reverse("accounts:privacy")).content.decode()


@override_settings(ALLOWED_HOSTS=["testserver", "konkursy.kamienna-struga.example.pl"])
def test_own_domain_serves_the_authority_page_at_root(client, two):
    _, village = two
    village.authority.domain = "Konkursy.Kamienna-Struga.example.pl"
    village.authority.save()
    response = client.get("/", HTTP_HOST="konkursy.kamienna-struga.example.pl")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Konkurs gminny" in html and "Konkurs miejski" not in html
    assert response.templates[0].name == "competition/authority_home.html"
    # the footer's privacy notice is the authority's
    assert reverse("authority:privacy", kwargs={"authority": village.authority.slug}) in html
    # the portal's own host still shows every authority
    assert "Konkurs miejski" in _home(client)


@override_settings(ALLOWED_HOSTS=["testserver", "inna.example.pl"])
def test_a_host_that_is_no_authority_domain_gets_the_home_page(client, two):
    html = client.get("/", HTTP_HOST="inna.example.pl").content.decode()
    assert "Konkurs miejski" in html and "Konkurs gminny" in html


def test_the_portal_hosts_are_never_looked_up(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert middleware.host_authority_pk("testserver") is None
        assert middleware.host_authority_pk("localhost:8000") is None


def test_a_saved_domain_is_seen_at_once(db):
    authority = AuthorityFactory()
    assert middleware.host_authority_pk("konkursy.testowo.example.pl") is None
    authority.domain = "konkursy.testowo.example.pl"
    authority.save()
    assert middleware.host_authority_pk("konkursy.testowo.example.pl") == authority.pk
