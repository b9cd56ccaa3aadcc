"""CPU per applicant: what one applicant's last minute costs the web process.

    .venv/bin/python bench/cpu_per_applicant.py [--applicants 50] [--save FILE] [--before FILE]

On PostgreSQL (BENCH_DATABASE_URL, default a fresh `portal_hot_bench` on loopback): creates the
database, migrates, seeds one published call and N applicants, each logged in (a session in the
database) with a complete draft offer (`bench/rush_seed.py`). Then, in this one process, through
`django.test.Client` with the applicant's session cookie, every applicant in turn does what the
deadline rush does: opens a step of its offer, autosaves it, submits the offer and opens the
offer's page (where the control sum is shown). Every request is timed twice: wall time
(`time.perf_counter`) and this process's CPU time (`time.process_time`), with its number of SQL
queries. The first applicants only warm the process up (templates, translations, the call's
structure in the cache) and are not counted.

The CPU time is the web process's only: the database server's work is not counted by
`process_time` (it shows in the wall time, together with the round trips). The total CPU per
applicant is what `docs/deploy.md` sizes a deployment with: applicants per minute per core =
60 000 / (CPU ms per applicant).

`--save FILE` keeps the figures as JSON; `--before FILE` (default `bench/cpu_per_applicant.before.json`
when it exists) puts an earlier run's figures beside these, "before → after". The section
"CPU per applicant" of `bench/RESULTS.md` is rewritten; the others stay.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import PY, ROOT, machine, postgres_version, recreate_database, run, write_section  # noqa: E402

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/portal_hot_bench"
BEFORE = ROOT / "bench" / "cpu_per_applicant.before.json"
HEADING = "CPU per applicant (`bench/cpu_per_applicant.py`)"
KINDS = ("open step", "autosave", "submit", "offer page")
WARM_UP = 3
STEP = "other"
REVISION = re.compile(r'name="revision"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="revision"')


def environment(url: str) -> dict:
    return {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.local", "DEBUG": "false",
            "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost", "SECRET_KEY": "bench-" + "x" * 50,
            "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/4"), "CELERY_TASK_ALWAYS_EAGER": "false",
            "OUTBOX_SEND_ON_COMMIT": "false", "LOG_LEVEL": "WARNING", "PYTHONPATH": str(ROOT)}


class Counter:
    """Counts the queries of the default connection (cheaper than recording them)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def timed(counter: Counter, call):
    counter.count = 0
    wall, cpu = time.perf_counter(), time.process_time()
    response = call()
    return response, ((time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000, counter.count)


def one_applicant(client, counter: Counter, offer: int) -> dict:
    """The four requests of one applicant: {kind: (wall ms, cpu ms, queries)}."""
    step, submit, page = f"/offers/{offer}/{STEP}/", f"/offers/{offer}/submit/", f"/offers/{offer}/"
    out = {}
    response, out["open step"] = timed(counter, lambda: client.get(step))
    found = REVISION.search(response.content.decode())
    if response.status_code != 200 or not found:
        raise RuntimeError(f"opening {step} answered {response.status_code}")
    revision = found.group(1) or found.group(2)
    data = {"revision": revision, "other_information": f"Zapisano w ostatniej minucie {time.time():.3f}"}
    response, out["autosave"] = timed(counter, lambda: client.post(step, data, HTTP_X_AUTOSAVE="1"))
    if response.status_code != 200:
        raise RuntimeError(f"autosave of {step} answered {response.status_code}: {response.content[:300]!r}")
    revision = str(response.json()["revision"])
    response, out["submit"] = timed(counter, lambda: client.post(submit, {"revision": revision}))
    if response.status_code != 302:
        raise RuntimeError(f"submit of offer {offer} answered {response.status_code}")
    response, out["offer page"] = timed(counter, lambda: client.get(page))
    if response.status_code != 200:
        raise RuntimeError(f"the page of offer {offer} answered {response.status_code}")
    return out


def measure(count: int, env: dict) -> list[dict]:
    os.environ.update(env)
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from bench.rush_seed import seed
    from offers.models import Offer

    seed_file = Path(tempfile.mkdtemp(prefix="cpu-")) / "seed.json"
    seed(count + WARM_UP, str(seed_file))
    applicants = json.loads(seed_file.read_text())["applicants"]
    counter, results = Counter(), []
    with connection.execute_wrapper(counter):
        for i, me in enumerate(applicants):
            client = Client()
            client.cookies[settings.SESSION_COOKIE_NAME] = me["session"]
            figures = one_applicant(client, counter, me["offer"])
            if i >= WARM_UP:
                results.append(figures)
    submitted = Offer.objects.filter(pk__in=[a["offer"] for a in applicants], state=Offer.State.SUBMITTED).count()
    versions = sum(o.versions.count() for o in Offer.objects.filter(pk__in=[a["offer"] for a in applicants]))
    if submitted != len(applicants) or versions != len(applicants):
        raise RuntimeError(f"{submitted} of {len(applicants)} offers submitted, {versions} versions")
    return results


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def summary(results: list[dict]) -> dict:
    kinds = {}
    for kind in KINDS:
        walls, cpus, queries = zip(*(r[kind] for r in results))
        kinds[kind] = {"wall_p50": percentile(walls, 0.5), "wall_p95": percentile(walls, 0.95),
                       "cpu_p50": percentile(cpus, 0.5), "cpu_p95": percentile(cpus, 0.95),
                       "queries_min": min(queries), "queries_max": max(queries)}
    cpu_totals = [sum(r[kind][1] for kind in KINDS) for r in results]
    wall_totals = [sum(r[kind][0] for kind in KINDS) for r in results]
    return {"applicants": len(results), "kinds": kinds, "cpu_per_applicant": statistics.mean(cpu_totals),
            "cpu_per_applicant_p50": percentile(cpu_totals, 0.5), "wall_per_applicant": statistics.mean(wall_totals)}


def _pair(before: dict | None, after: dict, key: str, kind: str | None = None, digits: int = 0) -> str:
    def value(figures):
        got = figures["kinds"][kind][key] if kind else figures[key]
        return f"{got:.{digits}f}"

    return f"{value(before)} → {value(after)}" if before else value(after)


def _queries(figures: dict, kind: str) -> str:
    low, high = figures["kinds"][kind]["queries_min"], figures["kinds"][kind]["queries_max"]
    return str(low) if low == high else f"{low}–{high}"


def report(after: dict, before: dict | None, *, url: str, started: datetime) -> str:
    started_load = after.get("load", "–")
    arrow = " (before → after)" if before else ""
    lines = [
        f"## {HEADING}", "",
        f"Run {started:%Y-%m-%d %H:%M} UTC on {machine()}; PostgreSQL {postgres_version(url)} on loopback; one "
        f"process, `django.test.Client` through the whole middleware stack, DEBUG off; {after['applicants']} "
        f"applicants counted after {WARM_UP} warm-up ones, one after another, each with a complete draft of the "
        f"reference call (two actions, two cost lines each): open the step “{STEP}”, autosave it, submit, open the "
        f"offer's page. Load average when it began: {started_load} (1 / 5 / 15 min; other work on the machine "
        f"shows in the wall times more than in the CPU times).", "",
        f"| request | wall p50 ms{arrow} | wall p95 ms | CPU p50 ms{arrow} | CPU p95 ms | queries{arrow} |",
        "|---|---|---|---|---|---|",
    ]
    for kind in KINDS:
        queries = f"{_queries(before, kind)} → {_queries(after, kind)}" if before else _queries(after, kind)
        lines.append(f"| {kind} | {_pair(before, after, 'wall_p50', kind, 1)} | {_pair(before, after, 'wall_p95', kind, 1)} "
                     f"| {_pair(before, after, 'cpu_p50', kind, 1)} | {_pair(before, after, 'cpu_p95', kind, 1)} "
                     f"| {queries} |")
    cpu = after["cpu_per_applicant"]
    lines += [
        "",
        f"**CPU per applicant** (mean of the four requests' sums){arrow}: "
        f"**{_pair(before, after, 'cpu_per_applicant', digits=1)} ms**; wall time per applicant "
        f"{_pair(before, after, 'wall_per_applicant', digits=1)} ms. Applicants per minute per core = 60 000 / CPU ms "
        f"per applicant ≈ **{60000 / cpu:.0f}**" + (f" (before: {60000 / before['cpu_per_applicant']:.0f})" if before else "")
        + ".", "",
        "The CPU time is the web process's alone (`time.process_time`): PostgreSQL's own work is not in it, only in "
        "the wall time, with the round trips on loopback. The test client skips the HTTP parsing and the WSGI "
        "server, which gunicorn adds in production.",
    ]
    if before:
        lines += ["", f"Before: the same script on the code before the change ({before.get('commit', 'base')}), "
                      f"run {before.get('run', '')}."]
    return "\n".join(lines)


def _commit(env: dict) -> str:
    try:
        return run("git", "rev-parse", "--short", "HEAD", env=env, capture_output=True, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--applicants", type=int, default=50)
    parser.add_argument("--save", help="keep the figures as JSON in this file")
    parser.add_argument("--before", default=str(BEFORE) if BEFORE.exists() else None,
                        help="JSON of an earlier run, shown as 'before'")
    parser.add_argument("--no-write", action="store_true", help="do not rewrite the section of bench/RESULTS.md")
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)
    env = environment(url)
    started = datetime.now(timezone.utc)
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    print("database:", url)
    recreate_database(url)
    run(PY, "manage.py", "migrate", "--noinput", "-v0", env=env)
    run(PY, "manage.py", "compile_translations", env=env, capture_output=True)
    after = summary(measure(args.applicants, env))
    after["run"], after["load"] = f"{started:%Y-%m-%d %H:%M} UTC", load
    after["commit"] = os.environ.get("BENCH_COMMIT") or _commit(env)
    if args.save:
        Path(args.save).write_text(json.dumps(after, indent=1) + "\n")
    before = json.loads(Path(args.before).read_text()) if args.before else None
    text = report(after, before, url=url, started=started)
    print(text)
    if not args.no_write:
        write_section(HEADING.split(" (")[0], text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
