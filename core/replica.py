"""Reads from a PostgreSQL read replica, for the pages and exports where a few seconds of lag
cannot mislead anyone.

With `DATABASE_REPLICA_URL` set, settings add the database alias `replica` and turn
`REPLICA_READS` on. Nothing reads from it unless a view or a command asks to:

- `@public_reads` on a public page: an anonymous visitor's reads of that page go to the replica.
  A logged-in user (a clerk who has just published the results, an applicant who has just
  submitted) reads from the primary, so nobody sees the page from before their own change.
- `with replica_reads():` around an export (`manage.py export_call`).

Writes always go to the primary, and so does everything that reads and then writes (submission,
the formal check, score sheets, the outbox, the PDF cache). The router only answers while one
of the two switches above is on; otherwise Django's default (the primary) applies.
"""
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps

from django.conf import settings

REPLICA = "replica"
_reading = ContextVar("replica_reads", default=False)


def replica_enabled() -> bool:
    return bool(getattr(settings, "REPLICA_READS", False)) and REPLICA in settings.DATABASES


@contextmanager
def replica_reads():
    """Within the block, reads go to the replica when one is configured."""
    token = _reading.set(True)
    try:
        yield
    finally:
        _reading.reset(token)


def public_reads(view):
    """An anonymous visitor's page is read from the replica; a logged-in user's from the primary.

    The response is rendered inside the block, so lazy querysets in the template read from the
    same database as the view.
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.user.is_authenticated or not replica_enabled():
            return view(request, *args, **kwargs)
        with replica_reads():
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            return response

    return wrapped


class ReplicaRouter:
    """Routes reads to the replica only inside `replica_reads()`; never migrates it."""

    def db_for_read(self, model, **hints):
        if _reading.get() and replica_enabled():
            return REPLICA
        return None

    def db_for_write(self, model, **hints):
        return None

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return False if db == REPLICA else None
