"""Tasks go to named queues, so that workers on separate hosts each take one kind of work
(docs/deploy.md): `reports.build_pdf` to the pdf queue, the outbox's tasks to the mail queue,
everything else to the default queue.

The routing tests read the real settings. `test_two_workers_on_two_queues_each_take_only_their_own_tasks`
starts two real worker processes on the real Redis, one with `-Q <pdf queue>` and one with
`-Q <mail queue>`, and sends them stand-ins (`core/tests/celery_probe.py`) routed like the
real tasks; each stand-in records which worker ran it. It uses a Redis database of its own
(not REDIS_URL's) and queue names unique to the run, passed to every process through the
QUEUE_* variables as in production, so neither a worker of another test nor a stray worker
can take its tasks.

With CI=true a Redis that does not answer fails that test; elsewhere it skips with the reason
(see core/tests/test_ci_services.py).
"""
import json
import os
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
import redis
from celery import Celery
from django.conf import settings

from config.celery import app
from core.pdf.tasks import build_pdf

PDF_TASKS = ["reports.build_pdf"]
MAIL_TASKS = ["notifications.plan_reminders", "notifications.send_due"]
DEFAULT_TASKS = ["awards.expire_negotiations"]
ROUNDS = 3  # stand-ins per task name
WAIT_SECONDS = 25  # a worker starts in 3-5 s, in about 15 s on a busy CI machine
PROBE_DB = 15  # the last of Redis's 16 databases; 14 if REDIS_URL already uses 15


def _router():
    """A router over the configured queues (a worker test elsewhere narrows `app.amqp.queues`)."""
    return app.amqp.Router(queues=app.amqp.Queues(app.conf.task_queues))


def _queue_of(name: str) -> str:
    return _router().route({}, name)["queue"].name


def test_queue_names_default_to_pdf_mail_and_default_unless_set_in_the_environment():
    assert settings.QUEUE_PDF == os.environ.get("QUEUE_PDF", "pdf")
    assert settings.QUEUE_MAIL == os.environ.get("QUEUE_MAIL", "mail")
    assert settings.QUEUE_DEFAULT == os.environ.get("QUEUE_DEFAULT", "default")
    assert app.conf.task_default_queue == settings.QUEUE_DEFAULT


def test_pdf_builds_go_to_the_pdf_queue_mail_to_the_mail_queue_and_the_rest_to_default():
    assert {name: _queue_of(name) for name in PDF_TASKS + MAIL_TASKS + DEFAULT_TASKS} == {
        "reports.build_pdf": settings.QUEUE_PDF,
        "notifications.plan_reminders": settings.QUEUE_MAIL,
        "notifications.send_due": settings.QUEUE_MAIL,
        "awards.expire_negotiations": settings.QUEUE_DEFAULT,
    }
    assert _queue_of("a.task.added.later") == settings.QUEUE_DEFAULT


def test_every_outbox_task_is_routed_to_mail_and_every_task_to_a_queue_a_worker_consumes():
    app.autodiscover_tasks(force=True)
    portal_tasks = sorted(name for name in app.tasks if not name.startswith("celery."))
    assert set(PDF_TASKS + MAIL_TASKS + DEFAULT_TASKS) <= set(portal_tasks)
    outbox = [name for name in portal_tasks if name.startswith("notifications.")]
    assert {name: _queue_of(name) for name in outbox} == dict.fromkeys(outbox, settings.QUEUE_MAIL)
    # a worker started without -Q consumes all three, as the single worker did before the queues
    consumed = set(app.amqp.Queues(app.conf.task_queues))
    assert consumed == {settings.QUEUE_DEFAULT, settings.QUEUE_PDF, settings.QUEUE_MAIL}
    assert {_queue_of(name) for name in portal_tasks} <= consumed


@pytest.mark.django_db
def test_with_eager_celery_a_routed_task_still_runs_inline():
    """The tests, and `make run` (no REDIS_URL), run every task in the calling process."""
    assert app.conf.task_always_eager is True
    result = build_pdf.delay("results", 0)  # no such call: the task returns 0 without rendering
    assert result.successful() and result.get() == 0


def test_make_run_settings_without_redis_are_eager_with_the_same_routes():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.local", "REDIS_URL": ""}
    for name in ("CELERY_TASK_ALWAYS_EAGER", "QUEUE_PDF", "QUEUE_MAIL", "QUEUE_DEFAULT"):
        env.pop(name, None)
    code = ("import json, django; django.setup(); from config.celery import app; "
            "print(json.dumps([app.conf.task_always_eager, app.conf.broker_url, "
            "app.amqp.router.route({}, 'reports.build_pdf')['queue'].name, "
            "app.amqp.router.route({}, 'notifications.send_due')['queue'].name]))")
    result = subprocess.run([sys.executable, "-c", code], cwd=settings.BASE_DIR, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[-1]) == [True, "memory://", "pdf", "mail"]


# --- two real workers on two queues ------------------------------------------------------------


def _probe_redis_url() -> str:
    """REDIS_URL (or the local default) with a database number of this test's own."""
    parts = urlsplit(settings.REDIS_URL or "redis://127.0.0.1:6379/0")
    current = parts.path.strip("/")
    db = PROBE_DB - 1 if current == str(PROBE_DB) else PROBE_DB
    return urlunsplit(parts._replace(path=f"/{db}"))


def _require_redis(url: str) -> None:
    """A Redis that answers; in CI its absence is a failure, not a skip."""
    client = redis.Redis.from_url(url, socket_connect_timeout=3, socket_timeout=3)
    try:
        client.ping()
        return
    except redis.exceptions.RedisError as exc:
        reason = (f"a real Celery worker test needs Redis at {url} (no answer to PING: {exc}; "
                  "set REDIS_URL=redis://…)")
    finally:
        client.close()
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true: {reason}", pytrace=False)
    pytest.skip(reason)


def _start_worker(queue: str, node: str, env: dict, log_path: Path) -> subprocess.Popen:
    with open(log_path, "ab") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "--concurrency=1",
             "-Q", queue, "-n", node, "--include", "core.tests.celery_probe", "--without-mingle",
             "--without-gossip", "-l", "info"],
            cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)


def _send_stand_ins(env: dict, key: str, names: list[str]) -> dict[str, str]:
    """Send from a process of its own, whose routes come from the same environment as the workers'."""
    code = ("import json, sys, django; django.setup(); from core.tests.celery_probe import send_stand_ins; "
            "print(json.dumps(send_stand_ins(sys.argv[1], sys.argv[2:])))")
    result = subprocess.run([sys.executable, "-c", code, key, *names], cwd=settings.BASE_DIR, env=env,
                            capture_output=True, text=True, timeout=WAIT_SECONDS)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.terminate()  # warm shutdown
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def _logs(log_paths) -> str:
    return "\n".join(f"--- {path.name}\n{path.read_text()[-3000:]}" for path in log_paths if path.exists())


def _wait_for_records(client, key: str, count: int, processes, log_paths) -> list[dict]:
    deadline = time.monotonic() + WAIT_SECONDS
    while client.llen(key) < count:
        for process in processes:
            if process.poll() is not None:
                pytest.fail(f"a worker exited ({process.returncode}):\n{_logs(log_paths)}", pytrace=False)
        if time.monotonic() > deadline:
            pytest.fail(f"{client.llen(key)} of {count} stand-ins ran within {WAIT_SECONDS} s:\n{_logs(log_paths)}",
                        pytrace=False)
        time.sleep(0.1)
    return [json.loads(raw) for raw in client.lrange(key, 0, -1)]


def _active_queues(url: str, nodes: list[str]) -> dict[str, list[str]]:
    """What each worker says it consumes (remote control, over the same Redis). A client app of
    its own: the portal's app in this process publishes through its pool on the test broker."""
    client = Celery("queues-test", broker=url, set_as_current=False)
    try:
        replies = client.control.inspect(destination=nodes, timeout=5, limit=len(nodes)).active_queues() or {}
    finally:
        client.close()
    return {node: sorted(queue["name"] for queue in queues) for node, queues in replies.items()}


def _clean(client, run: str) -> None:
    """Everything this run left in its Redis database: queues, bindings, pidbox entries, records."""
    for key in client.scan_iter(match=f"*{run}*"):
        client.delete(key)
    for binding in client.scan_iter(match="_kombu.binding.*"):
        stale = [member for member in client.smembers(binding) if run.encode() in member]
        if stale:
            client.srem(binding, *stale)
    for tag, raw in client.hgetall("unacked").items():
        if run.encode() in raw:
            client.hdel("unacked", tag)
            client.zrem("unacked_index", tag)


@pytest.mark.redis
def test_two_workers_on_two_queues_each_take_only_their_own_tasks(tmp_path):
    url = _probe_redis_url()
    _require_redis(url)
    run = uuid.uuid4().hex[:12]
    queues = {"QUEUE_PDF": f"test-pdf-{run}", "QUEUE_MAIL": f"test-mail-{run}", "QUEUE_DEFAULT": f"test-default-{run}"}
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "REDIS_URL": url,
           "CELERY_TASK_ALWAYS_EAGER": "false", **queues}
    node_of = {queues["QUEUE_PDF"]: f"pdf-{run}@queues-test", queues["QUEUE_MAIL"]: f"mail-{run}@queues-test"}
    log_paths = [tmp_path / "pdf-worker.log", tmp_path / "mail-worker.log"]
    key = f"test-queues-{run}-ran"
    client = redis.Redis.from_url(url)
    processes = []
    try:
        for (queue, node), log_path in zip(node_of.items(), log_paths, strict=True):
            processes.append(_start_worker(queue, node, env, log_path))

        sent = _send_stand_ins(env, key, (PDF_TASKS + MAIL_TASKS + DEFAULT_TASKS) * ROUNDS)

        assert sent == {"reports.build_pdf": queues["QUEUE_PDF"], "notifications.plan_reminders": queues["QUEUE_MAIL"],
                        "notifications.send_due": queues["QUEUE_MAIL"],
                        "awards.expire_negotiations": queues["QUEUE_DEFAULT"]}
        records = _wait_for_records(client, key, ROUNDS * len(PDF_TASKS + MAIL_TASKS), processes, log_paths)
        # every stand-in of a pdf or mail task ran once, on the worker of its queue
        assert Counter(record["task"] for record in records) == Counter((PDF_TASKS + MAIL_TASKS) * ROUNDS)
        assert {(record["task"], record["queue"], record["hostname"]) for record in records} == {
            (name, sent[name], node_of[sent[name]]) for name in PDF_TASKS + MAIL_TASKS}
        # each worker consumes its one queue, and neither took the default queue's tasks
        assert _active_queues(url, list(node_of.values())) == {node: [queue] for queue, node in node_of.items()}
        assert client.llen(queues["QUEUE_DEFAULT"]) == ROUNDS * len(DEFAULT_TASKS)
        assert client.llen(key) == len(records)
    finally:
        for process in processes:
            _stop(process)
        _clean(client, run)
        client.close()
