"""The production settings pass Django's deployment checklist with no warning, and send the
security headers (HSTS, secure cookies, no sniffing, no framing, the Content-Security-Policy)."""
import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _production_env() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "SECRET_", "ALLOWED_"))}
    return {**env, "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(64), "ALLOWED_HOSTS": "konkursy.example.org",
            "DATABASE_URL": "postgres://portal@127.0.0.1:5432/portal"}  # not connected to by the check


def test_check_deploy_passes_with_no_warning():
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            cwd=ROOT, env=_production_env(), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_send_the_security_headers():
    code = ("from django.conf import settings as s; "
            "print(s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, "
            "s.X_FRAME_OPTIONS, 'core.middleware.ContentSecurityPolicyMiddleware' in s.MIDDLEWARE, s.DEBUG)")
    result = subprocess.run([sys.executable, "-c", f"import django; django.setup(); {code}"], cwd=ROOT,
                            env=_production_env(), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["31536000", "True", "True", "True", "DENY", "True", "False"]
