"""Polish whatever the browser asks; English only on the visitor's explicit choice."""
import pytest
from django.conf import settings
from django.urls import reverse


@pytest.mark.django_db
def test_browser_asking_for_english_gets_polish(client):
    response = client.get(reverse("competition:call_list"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response.status_code == 200
    assert '<html lang="pl">' in response.content.decode()


@pytest.mark.django_db
def test_choosing_english_in_the_switcher_gives_english(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = client.get(reverse("competition:call_list"), HTTP_ACCEPT_LANGUAGE="pl")
    assert '<html lang="en">' in page.content.decode()


@pytest.mark.django_db
def test_an_unknown_language_cookie_falls_back_to_polish(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    page = client.get(reverse("competition:call_list"), HTTP_ACCEPT_LANGUAGE="de")
    assert '<html lang="pl">' in page.content.decode()
