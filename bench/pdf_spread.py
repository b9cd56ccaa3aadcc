"""The ranking PDF built by real Celery PDF workers, its chunks spread over their processes:

    .venv/bin/python bench/pdf_spread.py MANIFEST [--concurrency N] [--rows N] [--repeat N]

Needs DATABASE_URL (the benchmark's PostgreSQL, data of `bench/generate.py`) and REDIS_URL in
the environment. Starts one worker (`celery -A config worker --concurrency N`, prefork, as in
production) on a queue of its own (`QUEUE_PDF`, unique to the run), warms it with one build,
(unless `--no-warm-up`), then `--repeat` times: drops the cached ranking of the manifest's big call, queues
`reports.build_pdf` as the publication does, and waits until the document is in the cache.
Prints one JSON line: the wall time from "queued" to "in cache" of each run (`queued_to_cache_s`),
the CPU seconds all the worker's processes used per run (`worker_cpu_s`, which holds on a
loaded machine; `pool_cpu_s` without the worker's main process, which polls the broker), the peak RSS of each pool process (`VmHWM`) and the machine's load average.
`--rows N`: the call's real rows repeated up to N (`bench/spread_hook.py`).
"""
import argparse
import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TICKS = os.sysconf("SC_CLK_TCK")
READY_S = 120


def _children(pid: int) -> list[int]:
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


def _cpu_s(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICKS


def _peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _start_worker(queue: str, concurrency: int, rows: int, log: Path) -> subprocess.Popen:
    env = {**os.environ, "QUEUE_PDF": queue, "BENCH_SPREAD_ROWS": str(rows), "CELERY_TASK_ALWAYS_EAGER": "false"}
    with open(log, "wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "-Q", queue, "-n", f"{queue}@bench",
             f"--concurrency={concurrency}", "--without-mingle", "--without-gossip", "--include", "bench.spread_hook",
             "-l", "info"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)


def _wait_ready(worker: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + READY_S
    while b" ready." not in log.read_bytes():
        if worker.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"the worker did not start:\n{log.read_text()[-3000:]}")
        time.sleep(0.2)


def _build(call, timeout: float) -> float:
    """Drop the cached ranking, queue its build, wait until it is in the cache: the seconds between."""
    from core.models import PdfDocument
    from core.pdf import tasks
    from core.pdf.registry import owner_key

    mine = PdfDocument.objects.filter(kind="ranking", owner=owner_key(call))
    mine.delete()
    started = time.perf_counter()
    tasks.build_pdf.delay("ranking", call.pk)
    while not mine.filter(built_at__isnull=False).exists():
        if time.perf_counter() - started > timeout:
            raise SystemExit(f"the ranking was not in the cache after {timeout:.0f} s")
        time.sleep(0.05)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("manifest", type=Path)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--rows", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=1800)
    parser.add_argument("--no-warm-up", action="store_true", help="measure from cold worker processes")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    queue = f"bench-pdf-{uuid.uuid4().hex[:8]}"
    os.environ["QUEUE_PDF"] = queue  # this process sends `reports.build_pdf` there too
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from competition.models import Call
    from core.models import PdfDocument
    from core.pdf import chunks

    call = Call.objects.get(slug=json.loads(args.manifest.read_text())["big"])
    log = ROOT / "bench" / "out" / f"{queue}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    worker = _start_worker(queue, args.concurrency, args.rows, log)
    try:
        _wait_ready(worker, log)
        pool = _children(worker.pid)
        warm = None if args.no_warm_up else _build(call, args.timeout)
        walls, cpus, pool_cpus = [], [], []
        for _ in range(args.repeat):
            before, pool_before = _cpu_s([worker.pid, *pool]), _cpu_s(pool)
            walls.append(_build(call, args.timeout))
            time.sleep(0.5)  # the joining task returns after storing
            cpus.append(_cpu_s([worker.pid, *pool]) - before)
            pool_cpus.append(_cpu_s(pool) - pool_before)
        doc = PdfDocument.objects.get(kind="ranking", owner__endswith=f"-{call.pk}", built_at__isnull=False)
        peaks = sorted(_peak_mb(pid) for pid in pool)
        print(json.dumps({"concurrency": args.concurrency, "rows": args.rows or None, "warm_up_s": warm,
                          "queued_to_cache_s": walls, "worker_cpu_s": cpus, "pool_cpu_s": pool_cpus, "pool_peak_mb": peaks,
                          "main_peak_mb": _peak_mb(worker.pid), "pages": chunks.page_count(bytes(doc.content)),
                          "bytes": doc.size, "render_ms": doc.render_ms, "load": os.getloadavg()}))
    finally:
        worker.terminate()
        worker.wait(timeout=60)
    return 0


if __name__ == "__main__":
    sys.exit(main())
