"""Logged-in sessions for the page benchmark (`bench/run.py`), created in the database as a
login would leave them; run inside Django."""
import json
from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.utils import timezone

from accounts.models import User
from core.middleware import SEEN


def create(emails: list[str]) -> dict[str, str]:
    store = import_module(settings.SESSION_ENGINE).SessionStore
    keys = {}
    for user in User.objects.filter(email__in=emails):
        session = store()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session[SEEN] = int(timezone.now().timestamp())
        session.create()
        keys[user.email] = session.session_key
    return keys


def main(emails: list[str]) -> None:
    print(json.dumps(create(emails)))
