"""Setting up and confirming the second factor (TOTP: an authenticator app's six digits).

The key (QR code) is shown only through a one-time set-up link sent to the account's address or
handed over by an administrator (accounts.services.enrolment_link_issue): knowing the password
is not enough to set up the second factor."""
import io
from urllib.parse import quote

import segno
from django.conf import settings
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice


def device_of(user) -> TOTPDevice | None:
    """The user's confirmed device, if any."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_device(user) -> TOTPDevice | None:
    """The device being set up: made when the user opens a set-up link (accounts.services.
    enrolment_link_open), never by merely logging in."""
    return TOTPDevice.objects.filter(user=user, confirmed=False).first()


def secret_text(device: TOTPDevice) -> str:
    """The base32 secret in groups of four, to type into an app that cannot scan."""
    import base64

    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice, user) -> str:
    """The otpauth link as an SVG QR code (markup only: no script, no style)."""
    uri = device.config_url
    if settings.OTP_TOTP_ISSUER and "issuer=" not in uri:
        uri += f"&issuer={quote(settings.OTP_TOTP_ISSUER)}"
    out = io.BytesIO()
    segno.make(uri, error="m").save(out, kind="svg", xmldecl=False, svgns=True, scale=4,
                                    title="QR", svgclass="qr-code")
    return out.getvalue().decode()


def confirm(request, device: TOTPDevice, token: str) -> str:
    """"" when the six digits match (the device is confirmed on set-up and this session
    verified); otherwise why not, in words."""
    from django.utils.translation import gettext as _

    token = "".join((token or "").split())
    allowed, _data = device.verify_is_allowed()
    if not allowed:
        return _("Too many wrong codes in a row: wait a few seconds, then type the code the app shows.")
    if not token.isdigit() or not device.verify_token(token):
        return _("This code is not right or has expired: type the six digits the app shows now.")
    if not device.confirmed:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    otp_login(request, device)
    return ""
