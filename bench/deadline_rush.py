"""The deadline rush: N logged-in applicants save and submit their offers in the final minute.

    .venv/bin/pip install -r bench/requirements.txt
    .venv/bin/python bench/deadline_rush.py [--users 300] [--workers 4]

What it does, on PostgreSQL (BENCH_DATABASE_URL, default a fresh `portal_bench` on loopback):
creates the database, migrates, seeds a published call and N applicants, each with a session
and a complete draft offer (`bench/rush_seed.py`); serves the portal under gunicorn on
loopback (DEBUG off, Celery not eager: mail waits in the outbox as in production); moves the
call's deadline to 70 seconds ahead; runs locust (`bench/rush_locustfile.py`): every applicant
opens its offer, then at a random moment of the final minute saves a step (an autosave) and
submits. Afterwards it reads the database and reports submissions attempted, accepted, lost
and server errors, and p50/p95/p99 of save and submit, into `bench/RESULTS.md`.

Lost: a submission the server confirmed (302) whose offer is not submitted in the database,
or one that got no answer at all and is not submitted either. Must be 0.
"""
import argparse
import csv
import json
import os
import signal
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import BIN, PY, ROOT, django, machine, recreate_database, run, start_gunicorn, write_section  # noqa: E402

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/portal_bench"
PORT = 8765
RUSH_SECONDS = 60
LEAD_SECONDS = 25  # between the start of locust and the final minute (the opening burst ends first)


def percentiles(stats_csv: Path) -> dict:
    rows = {}
    with open(stats_csv) as handle:
        for row in csv.DictReader(handle):
            rows[row["Name"]] = row
    return rows


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=300)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)
    work = Path(tempfile.mkdtemp(prefix="rush-"))
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.local", "DEBUG": "false",
           "ALLOWED_HOSTS": "127.0.0.1,localhost", "SECRET_KEY": "bench-" + "x" * 50,
           "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15"), "CELERY_TASK_ALWAYS_EAGER": "false",
           "PYTHONPATH": str(ROOT)}

    print("database:", url)
    recreate_database(url)
    run(PY, "manage.py", "migrate", "--noinput", "-v0", env=env)
    run(PY, "manage.py", "compile_translations", env=env, capture_output=True)
    started = time.time()
    seed_file = work / "seed.json"
    django(f"from bench.rush_seed import seed; seed({args.users}, {str(seed_file)!r})", env)
    seed = json.loads(seed_file.read_text())
    print(f"seeded {args.users} applicants in {time.time() - started:.0f} s")

    server = start_gunicorn(env, port=PORT, workers=args.workers)
    try:
        deadline = time.time() + LEAD_SECONDS + RUSH_SECONDS
        django("from datetime import datetime, timezone; from competition.models import Call; "
               f"Call.objects.filter(pk={seed['call']}).update(submission_deadline="
               f"datetime.fromtimestamp({deadline}, tz=timezone.utc))", env)
        outcomes_file = work / "outcomes.json"
        locust_env = {**env, "RUSH_SEED": str(seed_file), "RUSH_OUTCOMES": str(outcomes_file),
                      "RUSH_START": str(deadline - RUSH_SECONDS), "RUSH_END": str(deadline)}
        run(BIN / "locust", "-f", "bench/rush_locustfile.py", "--headless", "-u", args.users, "-r", args.users,
            "--run-time", f"{LEAD_SECONDS + RUSH_SECONDS + 20}s", "--host", f"http://127.0.0.1:{PORT}",
            "--csv", work / "rush", "--only-summary", "--stop-timeout", "30", env=locust_env)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)

    outcomes = {int(k): v for k, v in json.loads(outcomes_file.read_text()).items()}
    states = json.loads(django(
        "import json; from offers.models import Offer; "
        f"print(json.dumps({{o.pk: [o.state, o.versions.count(), o.submitted_at.timestamp() if o.submitted_at "
        f"else None] for o in Offer.objects.filter(call_id={seed['call']}).prefetch_related('versions')}}))", env))
    states = {int(k): v for k, v in states.items()}
    attempted = [pk for pk, o in outcomes.items() if o.get("submit_at")]
    accepted = [pk for pk in attempted if outcomes[pk]["submit"] == 302]
    in_db = {pk for pk, (state, versions, _at) in states.items() if state == "submitted" and versions == 1}
    lost = [pk for pk in attempted if pk not in in_db and outcomes[pk]["submit"] in (302, None, 0)]
    server_errors = sum(1 for o in outcomes.values() for key in ("save", "submit")
                        if isinstance(o.get(key), int) and o[key] >= 500)
    refused = [pk for pk in attempted if outcomes[pk]["submit"] not in (302, None, 0) and pk not in in_db]
    late = [pk for pk, (_s, _v, at) in states.items() if at and at > deadline]
    stats = percentiles(work / "rush_stats.csv")

    def cell(name, column):
        row = stats.get(name, {})
        value = row.get(column, "–")
        try:
            return str(round(float(value)))
        except ValueError:
            return value

    lines = [
        "## Deadline rush (`bench/deadline_rush.py`)", "",
        f"Run {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC on {machine()}; PostgreSQL on loopback; gunicorn "
        f"with {args.workers} sync workers; {args.users} logged-in applicants, each saving a step (autosave) and "
        f"submitting at a random moment of the final {RUSH_SECONDS} s before the deadline (locust).", "",
        "| submissions | count |", "|---|---|",
        f"| attempted | {len(attempted)} |",
        f"| accepted (302) | {len(accepted)} |",
        f"| in the database, submitted | {len(in_db)} |",
        f"| refused with a message | {len(refused)} |",
        f"| **lost** | **{len(lost)}** |",
        f"| **server errors (5xx)** | **{server_errors}** |",
        f"| submitted after the deadline | {len(late)} |", "",
        "| request | count | failures | p50 ms | p95 ms | p99 ms | max ms |", "|---|---|---|---|---|---|---|",
    ]
    for name in ("open step", "save", "submit"):
        lines.append(f"| {name} | {cell(name, 'Request Count')} | {cell(name, 'Failure Count')} | "
                     f"{cell(name, '50%')} | {cell(name, '95%')} | {cell(name, '99%')} | "
                     f"{cell(name, 'Max Response Time')} |")
    target = "met" if not lost and not server_errors and float(cell("submit", "95%") or 1e9) < 500 else "NOT met"
    lines += ["", "\"open step\" is every applicant opening its offer in the same second when locust starts, "
              "before the final minute (it fetches the CSRF token and the revision); it is not part of the rush.", "",
              f"Target (0 lost, 0 server errors, p95 of submit under 500 ms): **{target}**.", ""]
    report = "\n".join(lines)
    print(report)
    write_section("Deadline rush", report)  # only its own section; the others stay
    return 0 if target == "met" else 1


if __name__ == "__main__":
    sys.exit(main())
