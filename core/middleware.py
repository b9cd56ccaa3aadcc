"""Security headers the portal sets itself."""
from django.conf import settings


class ContentSecurityPolicyMiddleware:
    """Send `settings.CONTENT_SECURITY_POLICY` on every response that has none yet.

    The portal's pages load scripts, styles, fonts and images only from their own origin and
    have no inline scripts, inline event handlers or inline styles, so the policy can forbid
    them all: injected markup cannot run."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = "; ".join(f"{directive} {' '.join(sources)}".strip()
                                for directive, sources in settings.CONTENT_SECURITY_POLICY.items())

    def __call__(self, request):
        response = self.get_response(request)
        if self.header and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.header
        return response
