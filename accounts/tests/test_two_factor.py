"""Clerks, the authority, administrators and commission members need a second factor (TOTP);
applicants do not. The key is shown only through a one-time set-up link (24 hours, single use,
stored hashed) sent to the account's address or issued by an administrator: knowing the password
is not enough."""
import hashlib
import re
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import services
from accounts.models import EnrolmentLink
from tests_support.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://[^/\s]+(/accounts/two-factor/enrol/[^/\s]+/)")


def _code(device: TOTPDevice, shift: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=shift):06d}"


def _mailed_link(user) -> str:
    sent = [m for m in mail.outbox if m.to == [user.email]]
    return LINK.search(sent[-1].body).group(1)


@override_settings(TWO_FACTOR_REQUIRED=True)
def test_an_official_without_a_device_who_logs_in_sees_only_that_a_link_was_sent(
        client, clerk, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the mail leaves after the commit
        response = client.post(reverse("accounts:login"), {"username": clerk.email, "password": DEFAULT_PASSWORD},
                               follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:two_factor"))
    assert 'id="link-sent"' in html and f"Link do konfiguracji wysłano na adres {clerk.email}" in html
    assert 'id="qr"' not in html and "<svg" not in html and 'id="secret"' not in html
    assert reverse("competition:manage_list") not in html  # not even the office's menu
    assert not TOTPDevice.objects.filter(user=clerk).exists()  # no key exists yet, so none can leak
    assert client.get(reverse("competition:manage_list")).status_code == 302  # the office stays closed
    assert client.get(reverse("awards:decision_list")).status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [clerk.email]
    assert "Skonfiguruj drugi składnik" in mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        client.get(reverse("accounts:two_factor"))
    assert len(mail.outbox) == 1  # opening the page again sends nothing while the link is valid


@override_settings(TWO_FACTOR_REQUIRED=True)
def test_the_link_opened_while_logged_in_shows_the_key_and_the_code_confirms_it(
        client, clerk, django_capture_on_commit_callbacks):
    client.force_login(clerk)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(reverse("accounts:two_factor"))
    link_path = _mailed_link(clerk)
    intro = client.get(link_path)
    assert intro.status_code == 200 and 'id="use-link"' in intro.content.decode()
    assert 'id="qr"' not in intro.content.decode()  # a mail scanner fetching the link uses nothing
    assert EnrolmentLink.objects.get(user=clerk).opened_at is None
    used = client.post(link_path)
    assert used.status_code == 302 and used.url == reverse("accounts:two_factor_setup")
    page = client.get(used.url)
    html = page.content.decode()
    assert page.status_code == 200 and 'id="qr"' in html and "<svg" in html and 'id="secret"' in html
    device = TOTPDevice.objects.get(user=clerk, confirmed=False)
    wrong = client.post(used.url, {"token": "000000"})
    assert wrong.status_code == 400 and "Ten kod jest błędny" in wrong.content.decode()
    assert client.get(reverse("competition:manage_list")).status_code == 302  # still not verified
    time.sleep(1.1)  # after a wrong code django-otp makes the next try wait (1 s, doubling)
    done = client.post(used.url, {"token": _code(device)})
    assert done.status_code == 302 and done.url == reverse("accounts:profile")
    assert client.get(reverse("competition:manage_list")).status_code == 200
    assert TOTPDevice.objects.get(user=clerk).confirmed
    link = EnrolmentLink.objects.get(user=clerk)
    assert link.opened_at and link.confirmed_at and link.issued_by is None and link.sent_to == clerk.email


@override_settings(TWO_FACTOR_REQUIRED=True)
def test_the_link_works_once_and_its_key_is_seen_only_in_the_session_that_used_it(client, clerk):
    from django.test import Client

    client.force_login(clerk)
    token = services.enrolment_link_issue(user=clerk)
    path = services.enrolment_link_path(token)
    assert client.post(path).status_code == 302
    again = client.post(path)
    assert again.status_code == 410 and "Ten link został już użyty" in again.content.decode()
    other_session = Client()
    other_session.force_login(clerk)  # e.g. whoever else knows the password
    assert other_session.post(path).status_code == 410
    assert other_session.get(reverse("accounts:two_factor_setup")).url == reverse("accounts:two_factor")


def test_the_link_expires_after_24_hours(client, clerk):
    client.force_login(clerk)
    token = services.enrolment_link_issue(user=clerk, now=timezone.now() - timedelta(hours=24, seconds=1))
    response = client.get(services.enrolment_link_path(token))
    assert response.status_code == 410 and "Ten link wygasł" in response.content.decode()
    assert client.post(services.enrolment_link_path(token)).status_code == 410
    assert not TOTPDevice.objects.filter(user=clerk).exists()


def test_a_link_is_refused_to_another_account_and_to_nobody_logged_in(client, clerk, mayor):
    token = services.enrolment_link_issue(user=clerk)
    path = services.enrolment_link_path(token)
    anonymous = client.get(path)
    assert anonymous.status_code == 302 and anonymous.url.startswith(reverse("accounts:login"))
    client.force_login(mayor)
    refused = client.post(path)
    assert refused.status_code == 404 and "Ten link do konfiguracji nie jest ważny dla Twojego konta" in \
        refused.content.decode()
    assert EnrolmentLink.objects.get(user=clerk).opened_at is None  # still the clerk's to use
    assert not TOTPDevice.objects.exists()


def test_a_new_link_replaces_the_earlier_ones(client, clerk):
    first = services.enrolment_link_issue(user=clerk)
    second = services.enrolment_link_issue(user=clerk)
    client.force_login(clerk)
    old = client.get(services.enrolment_link_path(first))
    assert old.status_code == 410 and "działa tylko najnowszy" in old.content.decode()
    assert client.get(services.enrolment_link_path(second)).status_code == 200


def test_the_token_is_stored_only_as_its_hash(clerk):
    token = services.enrolment_link_issue(user=clerk)
    link = EnrolmentLink.objects.get(user=clerk)
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(EnrolmentLink.objects.filter(pk=link.pk).values().get())


@override_settings(TWO_FACTOR_REQUIRED=True)
def test_asking_for_a_new_link_is_rate_limited_with_the_rule_named(client, clerk, django_capture_on_commit_callbacks):
    client.force_login(clerk)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(reverse("accounts:two_factor"))  # the first link, sent on arrival
        refused = client.post(reverse("accounts:two_factor"))
    body = refused.content.decode()
    assert refused.status_code == 429
    assert "Nowy link jest wysyłany najwyżej raz na 5 min i 5 razy na dobę" in body and "spróbuj ponownie za 5 min" in body
    assert len(mail.outbox) == 1


def test_a_new_link_every_five_minutes_at_most_five_a_day(clerk):
    start = timezone.now() - timedelta(hours=2)
    services.enrolment_link_send(user=clerk, now=start)
    with pytest.raises(ValidationError):
        services.enrolment_link_send(user=clerk, now=start + timedelta(minutes=4))
    for step in range(1, 5):
        services.enrolment_link_send(user=clerk, now=start + timedelta(minutes=5 * step))
    with pytest.raises(ValidationError) as too_many:
        services.enrolment_link_send(user=clerk, now=start + timedelta(minutes=60))
    assert "5 razy na dobę" in too_many.value.messages[0]
    assert EnrolmentLink.objects.filter(user=clerk).count() == 5


def test_an_administrator_issues_a_link_sees_it_once_and_the_issue_is_recorded(client, admin_user, clerk):
    client.force_login(admin_user)
    response = client.post(reverse("accounts:enrolment_links"), {"email": " " + clerk.email.upper(),
                                                                  "channel": "administrator"})
    html = response.content.decode()
    assert response.status_code == 200 and 'id="issued-url"' in html
    path = LINK.search(html).group(1)
    link = EnrolmentLink.objects.get(user=clerk)
    assert (link.issued_by, link.channel, link.sent_to) == (admin_user, EnrolmentLink.Channel.ADMINISTRATOR, "")
    assert mail.outbox == []  # handed over by the administrator, not mailed
    assert path not in client.get(reverse("accounts:enrolment_links")).content.decode()  # shown once
    client.force_login(clerk)
    assert client.post(path).status_code == 302
    client.force_login(admin_user)
    listing = client.get(reverse("accounts:enrolment_links")).content.decode()
    assert admin_user.email in listing and EnrolmentLink.objects.get(user=clerk).opened_at is not None


def test_an_administrator_can_send_the_link_to_the_accounts_address(
        client, admin_user, clerk, django_capture_on_commit_callbacks):
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:enrolment_links"), {"email": clerk.email, "channel": "mail"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [clerk.email]
    assert EnrolmentLink.objects.get(user=clerk).issued_by == admin_user


def test_only_administrators_issue_links_and_an_unknown_address_is_named(client, admin_user, clerk):
    client.force_login(clerk)
    assert client.get(reverse("accounts:enrolment_links")).status_code == 403
    client.force_login(admin_user)
    response = client.post(reverse("accounts:enrolment_links"), {"email": "nikt@demo.local", "channel": "mail"})
    assert response.status_code == 400 and "Żadne aktywne konto nie ma tego adresu e-mail" in response.content.decode()
    assert 'value="nikt@demo.local"' in response.content.decode()


def test_the_first_administrator_gets_a_link_from_the_command_line(admin_user, capsys):
    call_command("two_factor_link", admin_user.email.upper())
    printed = capsys.readouterr().out.strip()
    assert LINK.search(printed)
    assert EnrolmentLink.objects.get(user=admin_user).channel == EnrolmentLink.Channel.COMMAND


@override_settings(TWO_FACTOR_REQUIRED=True)
def test_after_logging_in_again_the_code_is_asked_without_a_new_set_up(client, mayor):
    device = TOTPDevice.objects.create(user=mayor, name="aplikacja", confirmed=True)
    client.force_login(mayor)
    page = client.get(reverse("accounts:two_factor")).content.decode()
    assert 'id="qr"' not in page and 'name="token"' in page
    assert mail.outbox == []  # a confirmed device: no set-up link
    assert client.post(reverse("accounts:two_factor"), {"token": _code(device)}).status_code == 302
    assert client.get(reverse("awards:decision_list")).status_code == 200


@override_settings(TWO_FACTOR_REQUIRED=True)
def test_a_link_cannot_replace_a_confirmed_device(client, mayor):
    TOTPDevice.objects.create(user=mayor, name="aplikacja", confirmed=True)
    client.force_login(mayor)
    response = client.post(services.enrolment_link_path(services.enrolment_link_issue(user=mayor)))
    assert response.status_code == 410 and "jest już skonfigurowany" in response.content.decode()
    assert TOTPDevice.objects.filter(user=mayor).count() == 1


@override_settings(TWO_FACTOR_REQUIRED=True)
def test_applicants_need_no_second_factor_and_commission_members_do(client, reference_call):
    from competition.models import CommissionMember

    applicant = UserFactory()
    client.force_login(applicant)
    assert client.get(reverse("offers:offer_list")).status_code == 200
    member = UserFactory()
    CommissionMember.objects.create(call=reference_call, user=member, kind=CommissionMember.Kind.CITY)
    client.force_login(member)
    assert client.get(reverse("offers:offer_list")).status_code == 302
    assert client.get(reverse("accounts:privacy")).status_code == 200  # some pages stay open


def test_the_production_settings_require_it():
    import subprocess
    import sys

    from core.tests.test_deploy_settings import ROOT, _production_env

    result = subprocess.run([sys.executable, "-c", "import django; django.setup(); from django.conf import settings; "
                             "print(settings.TWO_FACTOR_REQUIRED)"], cwd=ROOT, env=_production_env(),
                            capture_output=True, text=True, timeout=120)
    assert result.stdout.strip() == "True", result.stderr
