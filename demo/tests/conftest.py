import io

import pytest
from django.core.management import call_command


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup, django_db_blocker):
    """The demo (`load_demo`), built once for a test module and flushed after it: building it
    takes seconds, and each test reads it inside its own transaction, rolled back after."""
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=io.StringIO())
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)
