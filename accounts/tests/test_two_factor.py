"""Clerks, the Mayor, administrators and commission members need a second factor (TOTP);
applicants do not."""
import time

import pytest
from django.test import override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests_support.factories import UserFactory

pytestmark = pytest.mark.django_db


def _code(device: TOTPDevice, shift: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=shift):06d}"


@override_settings(TWO_FACTOR_REQUIRED=True)
def test_a_clerk_sets_up_the_app_then_every_page_opens(client, clerk):
    client.force_login(clerk)
    target = reverse("competition:manage_list")
    response = client.get(target)
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:two_factor"))
    page = client.get(response.url)
    html = page.content.decode()
    assert page.status_code == 200 and 'id="qr"' in html and "<svg" in html and 'id="secret"' in html
    device = TOTPDevice.objects.get(user=clerk, confirmed=False)
    wrong = client.post(reverse("accounts:two_factor"), {"token": "000000", "next": target})
    assert wrong.status_code == 400 and 'aria-invalid="true"' in wrong.content.decode()
    assert client.get(target).status_code == 302  # still not verified
    time.sleep(1.1)  # after a wrong code django-otp makes the next try wait (1 s, doubling)
    done = client.post(reverse("accounts:two_factor"), {"token": _code(device), "next": target})
    assert done.status_code == 302 and done.url == target
    assert client.get(target).status_code == 200
    assert TOTPDevice.objects.get(user=clerk).confirmed


@override_settings(TWO_FACTOR_REQUIRED=True)
def test_after_logging_in_again_the_code_is_asked_without_a_new_set_up(client, mayor):
    device = TOTPDevice.objects.create(user=mayor, name="aplikacja", confirmed=True)
    client.force_login(mayor)
    page = client.get(reverse("accounts:two_factor")).content.decode()
    assert 'id="qr"' not in page and 'name="token"' in page
    assert client.post(reverse("accounts:two_factor"), {"token": _code(device)}).status_code == 302
    assert client.get(reverse("awards:decision_list")).status_code == 200


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
