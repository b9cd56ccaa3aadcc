"""The outbox against a real Celery worker, the real Redis broker and PostgreSQL.

The worker runs in a thread of this process (`celery.contrib.testing.worker.start_worker`),
so it shares the locmem `mail.outbox` with the test; its threads open their own database
connections, hence `transaction=True` (rows must be committed to be seen) and PostgreSQL
(`SELECT … FOR UPDATE SKIP LOCKED` is what is under test; SQLite has no such thing).

With CI=true a missing PostgreSQL or Redis fails these tests; elsewhere they skip with the
reason (see core/tests/test_ci_services.py).
"""
import os
import threading
import time
import uuid
from datetime import timedelta

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.conf import settings
from django.core import mail
from django.db import connection, connections
from django.utils import timezone

from config.celery import app
from notifications import rules, services
from notifications.models import Message
from tests_support.factories import UserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

SEND_DUE = "notifications.send_due"
WAIT_SECONDS = 15


def _require_services():
    """PostgreSQL and a Redis that answers; in CI their absence is a failure, not a skip."""
    missing = []
    if connection.vendor != "postgresql":
        missing.append(f"PostgreSQL (the database is {connection.vendor}; set DATABASE_URL=postgres://…)")
    if not settings.REDIS_URL:
        missing.append("Redis (REDIS_URL is empty; e.g. REDIS_URL=redis://127.0.0.1:6379/0)")
    else:
        client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=3, socket_timeout=3)
        try:
            client.ping()
        except redis.exceptions.RedisError as exc:
            missing.append(f"Redis at {settings.REDIS_URL} (no answer to PING: {exc})")
        finally:
            client.close()
    if not missing:
        return
    reason = "a real Celery worker test needs " + " and ".join(missing)
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true: {reason}", pytrace=False)
    pytest.skip(reason)


class Results:
    """Return values of tasks the worker finished, keyed by task id (no result backend is
    configured, so they are collected from `task_postrun` in the worker's threads)."""

    def __init__(self):
        self.values: dict[str, object] = {}
        self.states: dict[str, str] = {}
        self._done = threading.Condition()

    def on_postrun(self, sender=None, task_id=None, retval=None, state=None, **kwargs):
        connections.close_all()  # this worker thread's own connections: the test database can be dropped
        with self._done:
            self.values[task_id] = retval
            self.states[task_id] = state
            self._done.notify_all()

    def wait(self, task_ids, timeout=WAIT_SECONDS) -> list:
        deadline = time.monotonic() + timeout
        with self._done:
            while not all(task_id in self.values for task_id in task_ids):
                left = deadline - time.monotonic()
                if left <= 0:
                    pytest.fail(f"the worker did not finish {task_ids} within {timeout} s "
                                f"(finished: {sorted(self.values)})", pytrace=False)
                self._done.wait(left)
        assert [self.states[task_id] for task_id in task_ids] == ["SUCCESS"] * len(task_ids), self.values
        return [self.values[task_id] for task_id in task_ids]


@pytest.fixture
def worker():
    """A real worker (two threads) consuming a queue of its own on the real Redis, with eager
    execution off for this test only."""
    _require_services()
    queue = f"test-outbox-{uuid.uuid4().hex[:12]}"  # a stray worker on the same Redis cannot take our tasks
    saved = {key: app.conf[key] for key in ("task_always_eager", "worker_hijack_root_logger")}
    app.conf.task_always_eager = False
    app.conf.worker_hijack_root_logger = False  # keep pytest's and Django's log handlers
    results = Results()
    task_postrun.connect(results.on_postrun, weak=False)
    try:
        with start_worker(app, pool="threads", concurrency=2, perform_ping_check=False, queues=[queue],
                          shutdown_timeout=WAIT_SECONDS):

            def send(name=SEND_DUE):
                return app.send_task(name, queue=queue).id

            yield send, results
    finally:
        task_postrun.disconnect(results.on_postrun)
        for key, value in saved.items():
            app.conf[key] = value
        with redis.Redis.from_url(settings.REDIS_URL) as client:
            client.delete(queue)


def _due_rows(users, per_user: int, *, now):
    rows = [
        Message(kind=Message.Kind.INVITATION, user=user, email=user.email, object_key=f"test:{n}",
                due_at=now - timedelta(minutes=5), subject=f"Wiadomość {n} dla {user.email}", body="Treść.",
                next_attempt_at=now - timedelta(minutes=1))
        for user in users for n in range(per_user)
    ]
    return Message.objects.bulk_create(rows)


def _assert_each_sent_once(rows):
    sent_subjects = sorted((m.to[0], m.subject) for m in mail.outbox)
    expected = sorted((row.email, row.subject) for row in rows)
    assert sent_subjects == expected  # one e-mail per row: none lost, none twice
    assert set(Message.objects.values_list("state", flat=True)) == {Message.State.SENT}
    assert set(Message.objects.values_list("attempts", flat=True)) == {1}


def test_two_concurrent_send_due_tasks_send_every_due_row_exactly_once(worker):
    send, results = worker
    now = timezone.now()
    # More rows than one claim takes (50), so both tasks have work when they overlap.
    rows = _due_rows(UserFactory.create_batch(3), per_user=25, now=now)

    first, second = send(), send()
    counts = results.wait([first, second])

    assert sum(c.get(Message.State.SENT, 0) for c in counts) == len(rows) == 75
    _assert_each_sent_once(rows)


def test_rows_of_a_worker_that_died_mid_task_are_reclaimed_and_sent(worker):
    send, results = worker
    now = timezone.now()
    users = UserFactory.create_batch(2)
    orphaned = _due_rows(users, per_user=3, now=now - rules.CLAIM_TIMEOUT)
    # The dead worker claimed them longer ago than CLAIM_TIMEOUT and never sent them.
    claimed = services.claim(now=now - rules.CLAIM_TIMEOUT - timedelta(seconds=1))
    assert sorted(claimed) == sorted(row.pk for row in orphaned)
    assert set(Message.objects.values_list("state", flat=True)) == {Message.State.SENDING}
    # A row claimed a moment ago belongs to a worker still at it: not taken over.
    (alive,) = _due_rows(users[:1], per_user=1, now=now)
    Message.objects.filter(pk=alive.pk).update(state=Message.State.SENDING, claimed_at=now)

    (counts,) = results.wait([send()])

    assert counts == {Message.State.SENT: len(orphaned)}
    alive.refresh_from_db()
    assert alive.state == Message.State.SENDING and alive.sent_at is None
    alive.delete()
    _assert_each_sent_once(orphaned)
