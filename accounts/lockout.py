"""What django-axes counts a failed login against: the account, by its normalised e-mail, and
the real client address (settings `AXES_USERNAME_CALLABLE`, `AXES_CLIENT_IP_CALLABLE`)."""
from django.conf import settings

from accounts.rules import client_address, normalise_email


def username(request, credentials=None) -> str:
    """"KOLO@DEMO.LOCAL", " kolo@demo.local" and "Kolo@demo.local" count against one account."""
    if credentials:
        value = credentials.get(settings.AXES_USERNAME_FORM_FIELD)
    else:
        value = getattr(request, "POST", {}).get(settings.AXES_USERNAME_FORM_FIELD)
    return normalise_email(value)


def client_ip(request) -> str | None:
    """X-Forwarded-For is believed only through `TRUSTED_PROXY_COUNT` proxies (default none)."""
    return client_address(remote_addr=request.META.get("REMOTE_ADDR"),
                          forwarded_for=request.META.get("HTTP_X_FORWARDED_FOR"),
                          trusted_proxies=settings.TRUSTED_PROXY_COUNT)
