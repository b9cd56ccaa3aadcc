"""Rules of invitations (issue 18, points 3 and 5): pure functions, no database."""
import pytest
from django.utils import translation

from organisations import rules as r


@pytest.fixture(autouse=True)
def polish():
    with translation.override("pl"):
        yield


@pytest.mark.parametrize(
    ("name", "absent"),
    [
        ("Fundacja http://bank-pl.example/login pilne", "http://bank-pl.example"),
        ("Zaloguj się: https://evil.example/?a=1", "https://evil.example"),
        ("Stowarzyszenie www.phish.example", "www.phish.example"),
        ("Koło evil.example/reset", "evil.example/reset"),
        ("Fundacja Dzieciom.pl", "Dzieciom.pl"),
    ],
)
def test_a_link_in_an_organisations_name_is_defused(name, absent):
    safe = r.mail_safe(name)
    assert absent not in safe
    assert "://" not in safe
    assert "[.]" in safe


def test_a_plain_name_is_kept_as_typed():
    assert r.mail_safe("Stowarzyszenie „Razem dla Hajnówki”") == "Stowarzyszenie „Razem dla Hajnówki”"


def test_a_name_with_line_breaks_becomes_one_line_and_is_cut():
    assert r.mail_safe("Fundacja\r\nBcc: ofiara@example.org") == "Fundacja Bcc: ofiara@example[.]org"
    assert len(r.mail_safe("A" * 1000, limit=120)) == 120


def test_an_organisation_is_named_in_quotes_with_its_identifiers():
    named = r.organisation_as_registered(name="Fundacja http://evil.example", nip="1234563218", krs="0000000075")
    assert named == "„Fundacja http[:]//evil[.]example” (NIP 1234563218, KRS 0000000075)"
    assert r.organisation_as_registered(name="Koło", nip="", krs="") == "„Koło”"


@pytest.mark.parametrize(("user", "organisation", "expected"), [
    (9, 19, None),
    (10, 0, "W ciągu ostatniej godziny wysłano z Twojego konta 10 zaproszeń; limit wynosi 10 na godzinę."),
    (0, 20, "W ciągu ostatnich 24 godzin wysłano w imieniu tej organizacji 20 zaproszeń; limit wynosi 20 na dobę."),
])
def test_invitations_are_limited_per_user_and_per_organisation(user, organisation, expected):
    error = r.invitation_limit_error(sent_by_user_last_hour=user, sent_for_organisation_last_day=organisation,
                                     limits=r.Limits(per_user_per_hour=10, per_organisation_per_day=20))
    if expected is None:
        assert error is None
    else:
        assert error.startswith(expected)
        assert "wpisany adres pozostał w formularzu" in error
