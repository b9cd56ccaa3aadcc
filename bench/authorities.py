"""Many authorities on one installation (issue 23): 50 authorities, each with a few calls, and the
time of the installation's home page, its filter by authority, an authority's page and a call
page under the authority's address.

    .venv/bin/python bench/authorities.py [--authorities 50] [--calls 3] [--requests 50] [--workers 2]

On PostgreSQL (BENCH_AUTHORITIES_DATABASE_URL, default a fresh `portal_bench_authorities` on
loopback): recreates the database, migrates, generates the data (`bench/gen_authorities.py`:
copies of the reference call imported and published through the services), serves the portal
under gunicorn on loopback (sync workers, DEBUG off) and requests each page `--requests` times
one after another after a warm-up, timing each full response on the client. Writes the section
"Many authorities on one installation" of `bench/RESULTS.md`; the target is the public pages'
(`bench/run.py`): p95 under 150 ms.
"""
import argparse
import http.client
import json
import os
import signal
import statistics
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import PY, django, machine, postgres_version, recreate_database, run, start_gunicorn, write_section  # noqa: E402

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/portal_bench_authorities"
PORT = 8771
HEADING = "Many authorities on one installation (`bench/authorities.py`)"
P95_MS = 150


def fetch(path: str) -> tuple[int, bytes, float]:
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=120)
    started = time.perf_counter()
    connection.request("GET", path, headers={"Host": "127.0.0.1", "Accept-Language": "pl"})
    response = connection.getresponse()
    body = response.read()
    elapsed = time.perf_counter() - started
    connection.close()
    return response.status, body, elapsed


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def measure(name: str, path: str, *, requests: int, warmup: int) -> dict:
    for _ in range(warmup):
        status, body, _elapsed = fetch(path)
        if status != 200:
            raise RuntimeError(f"{path}: HTTP {status}")
    times = []
    for _ in range(requests):
        status, _body, elapsed = fetch(path)
        if status != 200:
            raise RuntimeError(f"{path}: HTTP {status}")
        times.append(elapsed * 1000)
    return {"name": name, "path": path, "n": len(times), "p50": statistics.median(times),
            "p95": percentile(times, 0.95), "kb": len(body) / 1024}


def pages(m: dict) -> list[tuple[str, str]]:
    middle = m["authorities"][len(m["authorities"]) // 2]
    return [
        ("home page: every authority and every call", "/"),
        ("home page filtered by one authority", f"/?authority={middle['slug']}"),
        ("home page, calls accepting offers, deadline filter", "/?phase=open&deadline_by=2099-12-31"),
        ("an authority's page", f"/{middle['slug']}/"),
        ("a call page under its authority's address", f"/{middle['slug']}/calls/{middle['calls'][0]}/"),
        ("the same call at its old address", f"/calls/{middle['calls'][0]}/"),
        ("an authority's privacy notice", f"/{middle['slug']}/privacy/"),
    ]


def report(args, env: dict, m: dict, results: list[dict], load: tuple, seconds: float) -> str:
    lines = [
        f"## {HEADING}", "",
        f"Run {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC on {machine()}; PostgreSQL "
        f"{postgres_version(env['DATABASE_URL'])} on loopback; gunicorn with {args.workers} sync workers, DEBUG off. "
        f"Load average when the measurements began: {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f} (1 / 5 / 15 min; "
        "other work on the machine shows here).", "",
        f"Data (`bench/gen_authorities.py`, {seconds:.0f} s): {len(m['authorities'])} authorities (wójt and "
        f"burmistrz alternately), each with {args.calls} copies of the reference call ({m['calls']} calls): the "
        "first accepting offers, the others closed at some stage.", "",
        f"Each page: {args.warmup} warm-up requests, then {args.requests} sequential requests; the time is the whole "
        "response as the client received it.", "",
        "| page | requests | p50 ms | p95 ms | size kB | target | met? |", "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(f"| {r['name']} (`{r['path']}`) | {r['n']} | {r['p50']:.0f} | {r['p95']:.0f} | {r['kb']:.0f} | "
                     f"p95 < {P95_MS} ms | {'yes' if r['p95'] < P95_MS else '**no**'} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--authorities", type=int, default=50)
    parser.add_argument("--calls", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=5)
    args = parser.parse_args()
    env = {**os.environ, "DATABASE_URL": os.environ.get("BENCH_AUTHORITIES_DATABASE_URL", DEFAULT_DB),
           "DJANGO_SETTINGS_MODULE": "config.settings.local", "DEBUG": "false", "ALLOWED_HOSTS": "127.0.0.1,localhost",
           "SECRET_KEY": "bench-" + "x" * 50, "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15"),
           "CELERY_TASK_ALWAYS_EAGER": "false", "OUTBOX_SEND_ON_COMMIT": "false", "LOG_LEVEL": "WARNING",
           "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    recreate_database(env["DATABASE_URL"])
    run(PY, "manage.py", "migrate", "--noinput", env=env, capture_output=True)
    started = time.time()
    out = django(f"from bench.gen_authorities import main; main({args.authorities}, {args.calls})", env)
    m = json.loads(out.strip().splitlines()[-1])
    seconds = time.time() - started
    server = start_gunicorn(env, port=PORT, workers=args.workers, timeout=120)
    load = os.getloadavg()
    results = []
    try:
        for name, path in pages(m):
            results.append(measure(name, path, requests=args.requests, warmup=args.warmup))
            r = results[-1]
            print(f"  {r['name']:<58} p50 {r['p50']:7.1f} ms  p95 {r['p95']:7.1f} ms", flush=True)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    write_section(HEADING, report(args, env, m, results, load, seconds))
    return 0 if all(r["p95"] < P95_MS for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
