"""Logged-in sessions for the benchmarks (`bench/run.py`, `bench/rush_seed.py`), created in the database as a
login would leave them; run inside Django."""
import json
from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.utils import timezone

from accounts.models import User
from core.middleware import SEEN


def session_key(user) -> str:
    """A new session in which `user` is logged in (as the login view leaves it); its key."""
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[SEEN] = int(timezone.now().timestamp())
    session.create()
    return session.session_key


def create(emails: list[str]) -> dict[str, str]:
    return {user.email: session_key(user) for user in User.objects.filter(email__in=emails)}


def main(emails: list[str]) -> None:
    print(json.dumps(create(emails)))
