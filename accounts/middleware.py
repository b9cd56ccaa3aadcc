"""Two-factor authentication is required of the people who decide: clerks, the authority,
administrators and commission members (`accounts.permissions.needs_two_factor`)."""
from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

# What a user who still has to confirm the second factor may open: the public notices too.
OPEN_PATHS = ("/accounts/two-factor/", "/accounts/logout/", "/accounts/session/", "/static/", "/i18n/", "/accounts/privacy/",
              "/deklaracja-dostepnosci/")


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.TWO_FACTOR_REQUIRED and self._must_verify(request):
            return redirect(f"{reverse('accounts:two_factor')}?next={request.get_full_path()}")
        return self.get_response(request)

    @staticmethod
    def _must_verify(request) -> bool:
        from accounts.permissions import needs_two_factor

        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.path.startswith(OPEN_PATHS):
            return False
        return needs_two_factor(user) and not user.is_verified()
