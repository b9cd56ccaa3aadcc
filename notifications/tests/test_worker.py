"""The outbox against a real Celery worker, the real Redis broker and PostgreSQL.

The worker runs in a thread of this process (`celery.contrib.testing.worker.start_worker`),
so it shares the locmem `mail.outbox` with the test; its threads open their own database
connections, hence `transaction=True` (rows must be committed to be seen) and PostgreSQL
(`SELECT … FOR UPDATE SKIP LOCKED` is what is under test; SQLite has no such thing).

With CI=true a missing PostgreSQL or Redis fails these tests; elsewhere they skip with the
reason (see core/tests/test_ci_services.py).

`test_worker_killed_mid_pass_loses_no_message` runs the worker as a separate process
instead, so that it can be killed with SIGKILL; it sends through `SlowFileBackend`
(tests_support/mail.py), one file per e-mail.
"""
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

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


# --- a worker process killed with SIGKILL in the middle of a send pass ----------------------------

MAIL_DELAY_SECONDS = 0.5  # SlowFileBackend.DELAY_SECONDS


def _database_url() -> str:
    """The test database (pytest-django's test_…) as a URL for the worker process."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host = db["HOST"] or "127.0.0.1"
    port = db["PORT"] or 5432
    return f"postgres://{credentials}@{host}:{port}/{quote(db['NAME'], safe='')}"


def _start_worker_process(queue: str, mail_dir: Path, log_path: Path) -> subprocess.Popen:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "DATABASE_URL": _database_url(),
           "REDIS_URL": settings.REDIS_URL, "CELERY_TASK_ALWAYS_EAGER": "false",
           "EMAIL_BACKEND": "tests_support.mail.SlowFileBackend", "OUTBOX_TEST_MAIL_DIR": str(mail_dir)}
    with open(log_path, "ab") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "-Q", queue,
             "--concurrency=1", "-l", "info"],
            cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)


def _stop(process: subprocess.Popen | None, *, kill: bool = False) -> None:
    if process is None or process.poll() is not None:
        return
    if kill:
        process.kill()
    else:
        process.terminate()  # warm shutdown
    try:
        process.wait(timeout=WAIT_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=WAIT_SECONDS)


def _purge(queue: str) -> None:
    """Our queue, its bindings, and what the killed worker left unacknowledged (kombu's
    `unacked` hash: redelivered only after the visibility timeout, an hour)."""
    with redis.Redis.from_url(settings.REDIS_URL) as client:
        client.delete(queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")
        for tag, raw in client.hgetall("unacked").items():
            try:
                _payload, exchange, routing_key = json.loads(raw)
            except (ValueError, TypeError):
                continue
            if queue in (exchange, routing_key):
                client.hdel("unacked", tag)
                client.zrem("unacked_index", tag)


def _mail_files(mail_dir: Path) -> list[Path]:
    return sorted(p for p in mail_dir.iterdir() if p.suffix == ".eml")


def _wait_until(condition, *, timeout: float, what: str, process: subprocess.Popen, log_path: Path):
    deadline = time.monotonic() + timeout
    while not condition():
        if process.poll() is not None:
            pytest.fail(f"the worker exited ({process.returncode}) before {what}:\n{log_path.read_text()}",
                        pytrace=False)
        if time.monotonic() > deadline:
            pytest.fail(f"not {what} within {timeout} s:\n{log_path.read_text()}", pytrace=False)
        time.sleep(0.05)


def test_worker_killed_mid_pass_loses_no_message():
    """A real worker process dies (SIGKILL) while sending; after CLAIM_TIMEOUT a new worker
    sends the rest. Nothing is lost; at most the e-mail in flight goes twice (docs/notifications.md)."""
    _require_services()
    queue = f"test-outbox-kill-{uuid.uuid4().hex[:12]}"
    now = timezone.now()
    rows = _due_rows(UserFactory.create_batch(10), per_user=1, now=now)
    by_email = {row.email: row.pk for row in rows}
    assert len(by_email) == len(rows)  # the file names tell the rows apart by recipient
    unfinished = (Message.State.PENDING, Message.State.SENDING)
    saved = {key: app.conf[key] for key in ("task_always_eager", "broker_url")}
    app.conf.task_always_eager = False
    app.conf.broker_url = settings.REDIS_URL
    process = None
    with tempfile.TemporaryDirectory(prefix="outbox-kill-") as tmp:
        mail_dir, log_path = Path(tmp) / "mail", Path(tmp) / "worker.log"
        mail_dir.mkdir()
        try:
            # 1. A worker starts the pass and is killed after some, not all, of the e-mails.
            process = _start_worker_process(queue, mail_dir, log_path)
            app.send_task(SEND_DUE, queue=queue)
            _wait_until(lambda: len(_mail_files(mail_dir)) >= min(3, len(rows) - 1), timeout=20,
                        what="some e-mails were sent", process=process, log_path=log_path)
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=WAIT_SECONDS)
            sent_before_kill = len(_mail_files(mail_dir))
            assert 1 <= sent_before_kill < len(rows), log_path.read_text()
            assert Message.objects.filter(state__in=unfinished).exists()  # the pass was cut off

            # 2. CLAIM_TIMEOUT passes; a new worker runs another pass.
            Message.objects.filter(state=Message.State.SENDING).update(
                claimed_at=timezone.now() - rules.CLAIM_TIMEOUT - timedelta(seconds=1))
            process = _start_worker_process(queue, mail_dir, log_path)
            app.send_task(SEND_DUE, queue=queue)
            _wait_until(lambda: not Message.objects.filter(state__in=unfinished).exists(),
                        timeout=len(rows) * MAIL_DELAY_SECONDS + 20, what="every row was finished",
                        process=process, log_path=log_path)
            _stop(process)
        finally:
            _stop(process, kill=True)
            for key, value in saved.items():
                app.conf[key] = value
            _purge(queue)

        assert set(Message.objects.values_list("state", flat=True)) == {Message.State.SENT}  # nothing lost
        files = _mail_files(mail_dir)
        recipients = [path.name.split("--")[0] for path in files]
        assert set(recipients) == set(by_email)  # every row's e-mail went out
        # the only duplicate possible: the e-mail in flight when the worker was killed
        assert len(rows) <= len(files) <= len(rows) + 1, sorted(recipients)
