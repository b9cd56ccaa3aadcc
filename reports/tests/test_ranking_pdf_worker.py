"""The ranking built by a real PDF worker of two processes on the real Redis and PostgreSQL:
its three chunks rendered by both processes, joined by the task that stored the last one, the
same bytes as the build in one process (`core.pdf.spread`); and both pool processes killed in
the middle of chunks, their tasks delivered again.

The worker is a separate process (`celery worker --concurrency=2`, prefork as in production)
on a queue of its own, reading the test database, hence `transaction=True`. With CI=true a
missing PostgreSQL or Redis fails the test; elsewhere it skips with the reason.
"""
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
from celery import Celery
from django.conf import settings
from django.db import connection

from core.models import PdfChunk, PdfDocument
from core.pdf import cache
from core.pdf.registry import owner_key
from core.tests.test_celery_queues import _probe_redis_url, _require_redis
from reports import documents
from reports.tests.test_ranking_pdf import chunk_rows  # noqa: F401 (fixture)
from reports.tests.test_results import published  # noqa: F401 (fixture)
from tests_support.postgres import require_postgres

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]

WAIT_SECONDS = 120  # a worker starts in 3-5 s; three small chunks take a few seconds, more on a busy machine


def _database_url() -> str:
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="") + (":" + quote(db["PASSWORD"], safe="") if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{quote(db['NAME'], safe='')}"


def _wait(condition, what: str, worker: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        if worker.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"not {what} within {WAIT_SECONDS} s:\n{log.read_text()[-4000:]}", pytrace=False)
        time.sleep(0.1)


def test_two_worker_processes_render_the_chunks_and_the_last_one_joins(published, chunk_rows,  # noqa: F811
                                                                       tmp_path):
    require_postgres()
    url = _probe_redis_url()
    _require_redis(url)
    call, _offers = published
    queue, log = f"test-pdf-spread-{uuid.uuid4().hex[:12]}", tmp_path / "pdf-worker.log"
    worker = _start_worker(url, queue, log)
    sender = Celery("spread-test", broker=url, set_as_current=False)
    client = redis.Redis.from_url(url)
    try:
        _wait(lambda: b" ready." in log.read_bytes(), "ready", worker, log)
        sender.send_task("reports.build_pdf", args=[documents.RANKING, call.pk], queue=queue)
        built = PdfDocument.objects.filter(kind=documents.RANKING, owner=owner_key(call), built_at__isnull=False)
        _wait(built.exists, "built", worker, log)
        _wait(lambda: "build_chunk" in log.read_text() and log.read_text().count("succeeded in") >= 4,
              "every task finished", worker, log)
        text = log.read_text()
        chunk_runs = re.findall(r"/(ForkPoolWorker-\d+)\] Task core\.pdf\.build_chunk\[[^\]]+\] succeeded in [\d.]+s: (\d)",
                                text)
        assert len(chunk_runs) == 3 and sorted(joined for _process, joined in chunk_runs) == ["0", "0", "1"]
        assert len({process for process, _joined in chunk_runs}) == 2  # both processes rendered chunks
        document = cache.document_of(documents.RANKING, call)
        assert built.get().fingerprint == document.fingerprint
        assert bytes(built.get().content) == cache.to_pdf(document)  # the build in one process, byte for byte
        assert not PdfChunk.objects.exists()
    finally:
        _stop(worker, sender, client, queue)


def _start_worker(url: str, queue: str, log: Path, **extra: str) -> subprocess.Popen:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "DATABASE_URL": _database_url(),
           "REDIS_URL": url, "CELERY_TASK_ALWAYS_EAGER": "false", "QUEUE_PDF": queue, "TEST_PDF_CHUNK_ROWS": "2",
           **extra}
    with open(log, "wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "--concurrency=2", "-Q", queue,
             "-n", f"{queue}@test", "--include", "reports.tests.pdf_worker_probe", "--without-mingle",
             "--without-gossip", "-l", "info"],
            cwd=settings.BASE_DIR, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)


def _stop(worker: subprocess.Popen, sender: Celery, client: redis.Redis, queue: str) -> None:
    worker.terminate()
    try:
        worker.wait(timeout=30)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait(timeout=30)
    sender.close()
    for key in client.scan_iter(match=f"*{queue}*"):
        client.delete(key)
    for tag, raw in client.hgetall("unacked").items():
        if queue.encode() in raw:
            client.hdel("unacked", tag)
            client.zrem("unacked_index", tag)
    client.close()


def _pool(pid: int) -> list[int]:
    """The worker's pool processes (the children of its main process)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def test_pool_processes_killed_while_rendering_chunks_lose_nothing(published, chunk_rows, tmp_path):  # noqa: F811
    """Both pool processes die (SIGKILL) while chunks are being rendered: the tasks they held
    are not acknowledged (`acks_late`, `CELERY_TASK_REJECT_ON_WORKER_LOST`), so they are
    delivered again to the new processes, and the document is built, the same bytes."""
    require_postgres()
    url = _probe_redis_url()
    _require_redis(url)
    call, _offers = published
    queue, log = f"test-pdf-kill-{uuid.uuid4().hex[:12]}", tmp_path / "pdf-worker.log"
    worker = _start_worker(url, queue, log, TEST_PDF_CHUNK_DELAY="3")
    sender = Celery("spread-test", broker=url, set_as_current=False)
    client = redis.Redis.from_url(url)
    try:
        _wait(lambda: b" ready." in log.read_bytes(), "ready", worker, log)
        sender.send_task("reports.build_pdf", args=[documents.RANKING, call.pk], queue=queue)
        _wait(lambda: len(re.findall(r"Task core\.pdf\.build_chunk\[[^\]]+\] received", log.read_text())) >= 2,
              "two chunks received", worker, log)
        time.sleep(1)  # both processes inside a chunk's 3 s delay
        killed = _pool(worker.pid)
        assert len(killed) == 2
        for pid in killed:
            os.kill(pid, signal.SIGKILL)
        built = PdfDocument.objects.filter(kind=documents.RANKING, owner=owner_key(call), built_at__isnull=False)
        _wait(built.exists, "built after the kill", worker, log)
        text = log.read_text()
        assert "WorkerLostError" in text or "exited" in text  # the kill was seen
        assert not set(killed) & set(_pool(worker.pid))  # new processes did the rest
        document = cache.document_of(documents.RANKING, call)
        assert bytes(built.get().content) == cache.to_pdf(document)
    finally:
        _stop(worker, sender, client, queue)
