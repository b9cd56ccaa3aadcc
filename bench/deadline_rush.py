"""The deadline rush: N logged-in applicants open, save and submit their offers in the final
minute, through nginx in front of two gunicorn instances, optionally with a fault mid-minute.

    make rush                                   # 300 applicants, realistic, 2 × gunicorn gthread 3 × 4, no fault
    make rush RUSH_ARGS="--users 1000"
    make rush RUSH_ARGS="--users 3000"
    make rush RUSH_ARGS="--users 1000 --fault db-cut"        # also kill-worker, redis-drop
    make rush RUSH_ARGS="--users 1000 --worker-class sync --workers 5"   # the measured alternative
    make rush RUSH_ARGS="--users 300 --model preopened --instances 1"   # the old model
    .venv/bin/python bench/deadline_rush.py --help            # every option

Needs nginx (Debian: `apt-get install nginx-light`; only the binary, run unprivileged from a
temporary directory) and redis-server; the script says so when one is missing.

What it does, on PostgreSQL (BENCH_DATABASE_URL, default `portal_rush` on loopback):
1. seeds, once, a template database `<name>_seed`: one published call and applicants, each with
   an organisation and a complete draft offer built through the services (`bench/rush_seed.py`,
   about 0.15 s an applicant); a later run needing no more applicants reuses it (`--reseed`
   builds it again); each run copies it (`CREATE DATABASE … TEMPLATE`), so every run starts
   from the same drafts, and creates fresh sessions for the first N applicants;
2. starts a private Redis (port 6390, RUSH_REDIS_PORT), `--instances` gunicorn instances
   (DEBUG off, Celery not eager: mail waits in the outbox as in production) and nginx as a
   round-robin balancer in front of them writing `X-Request-Start: t=${msec}` (the portal runs
   with REQUEST_START_HEADER=X-Request-Start, TRUSTED_PROXY_COUNT=1);
3. moves the call's deadline to 85 s ahead and runs locust (`bench/rush_locustfile.py`): each
   applicant, at a random moment of the final minute, opens its offer's step page, saves the
   step, submits and reads the control sum on the offer's page, waiting out 503s and repeating
   a request answered with nothing once; at the middle of the final minute `--fault` happens:
   `db-cut` terminates every PostgreSQL connection of the portal, `kill-worker` SIGKILLs one
   worker of the first instance (its master starts another), `redis-drop` shuts Redis down
   and starts it 10 s later;
4. compares what the applicants saw with the database and prints the table, also written to
   its own section of `bench/RESULTS.md` (one per configuration; `--no-write` to skip).

Lost: a submission that reached nginx before the deadline (or was confirmed) and is not in the
database, and was not answered with a message saying why. Must be 0, as must server
errors (5xx other than the deliberate 503 "overloaded"), submissions after the deadline and
clicks before the deadline refused. Exit status 0 when the targets are met.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import balancer, rush_report  # noqa: E402
from bench.common import BIN, PY, ROOT, _parts, django, machine, run, write_section  # noqa: E402

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/portal_rush"
PORT = 8770  # nginx; the instances listen on the ports after it
RUSH_SECONDS = 60
LEAD_SECONDS = 25  # between the start of locust and the final minute (every user is spawned)
TAIL_SECONDS = 400  # after the deadline: 503 waits and retries (until +240 s), then 120 s client timeouts


def options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=300)
    parser.add_argument("--instances", type=int, choices=(1, 2), default=2)
    parser.add_argument("--worker-class", choices=("sync", "gthread"), default="gthread")
    parser.add_argument("--workers", type=int, default=None,
                        help="per instance (default: cores + 1 for gthread, 2 × cores + 1 for sync)")
    parser.add_argument("--threads", type=int, default=None, help="per worker (gthread; default 4)")
    parser.add_argument("--backlog", type=int, default=512, help="gunicorn's listen backlog, per instance")
    parser.add_argument("--connect-timeout", type=int, default=60, help="nginx → gunicorn, seconds")
    parser.add_argument("--read-timeout", type=int, default=150, help="nginx ← gunicorn, seconds")
    parser.add_argument("--model", choices=("realistic", "preopened"), default="realistic")
    parser.add_argument("--fault", choices=("none", "db-cut", "kill-worker", "redis-drop"), default="none")
    parser.add_argument("--reseed", action="store_true", help="build the template database again")
    parser.add_argument("--no-write", action="store_true", help="print the table only")
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    args.workers = args.workers or (cores + 1 if args.worker_class == "gthread" else 2 * cores + 1)
    args.threads = args.threads or (4 if args.worker_class == "gthread" else 1)
    return args


def admin(url: str, *statements: str) -> list:
    import psycopg2

    parts = _parts(url)
    connection = psycopg2.connect(dbname="postgres", user=parts["user"], password=parts["pw"], host=parts["host"],
                                  port=parts["port"] or 5432)
    connection.autocommit = True
    results = []
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
            results.append(cursor.fetchall() if cursor.description else None)
    connection.close()
    return results


def prepare_database(url: str, users: int, env: dict, reseed: bool) -> None:
    """The template `<db>_seed` with at least `users` applicants, copied to `<db>`."""
    name = _parts(url)["db"]
    template_url = url.rsplit("/", 1)[0] + f"/{name}_seed"
    exists = admin(url, f"SELECT 1 FROM pg_database WHERE datname = '{name}_seed'")[0]
    if reseed or not exists:
        admin(url, f'DROP DATABASE IF EXISTS "{name}_seed"', f'CREATE DATABASE "{name}_seed"')
    seed_env = {**env, "DATABASE_URL": template_url}
    run(PY, "manage.py", "migrate", "--noinput", "-v0", env=seed_env)
    started = time.time()
    added = django(f"from bench.rush_seed import seed; print(seed({users}))", seed_env).strip()
    print(f"template {name}_seed: {added} applicants added in {time.time() - started:.0f} s")
    admin(url, f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}" TEMPLATE "{name}_seed"')


def load_line() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} / {five:.2f} / {fifteen:.2f}"


def heading(args) -> str:
    users = f"{args.users:,}".replace(",", " ")
    per = f"{args.workers} workers" + (f" × {args.threads} threads" if args.worker_class == "gthread" else "")
    return (f"Deadline rush: {users} applicants ({args.model}; {args.instances} × gunicorn {args.worker_class}, "
            f"{per}, backlog {args.backlog}; fault: {args.fault})")


def serve_and_rush(args, env: dict, work: Path, seed: dict) -> tuple:
    """Serve, run locust, inject the fault; returns the deadline, what the fault did, the load
    at the start and the CPU seconds of the web workers and of PostgreSQL."""
    ports = [PORT + 1 + i for i in range(args.instances)]
    state = {"redis": balancer.start_redis()}
    logs = open(work / "gunicorn.log", "w")
    instances, nginx = [], None
    try:
        portal_env = {**env, "DATABASE_URL": env["DATABASE_URL"] + "?conn_max_age=60"}  # as in production
        instances = balancer.start_instances(portal_env, ports=ports, workers=args.workers, worker_class=args.worker_class,
                                             threads=args.threads, backlog=args.backlog, stderr=logs)
        nginx = balancer.start_nginx(work, port=PORT, upstreams=ports, connect_timeout=args.connect_timeout,
                                     read_timeout=args.read_timeout)
        load = load_line()
        deadline = time.time() + LEAD_SECONDS + RUSH_SECONDS
        django("from datetime import datetime, timezone; from competition.models import Call; "
               f"Call.objects.filter(pk={seed['call']}).update(submission_deadline="
               f"datetime.fromtimestamp({deadline}, tz=timezone.utc))", env)
        fault = {"done": "none"}
        parts = _parts(env["DATABASE_URL"])
        dsn = {"user": parts["user"], "password": parts["pw"], "host": parts["host"], "port": parts["port"] or 5432}
        if args.fault != "none":

            def strike():
                time.sleep(max(0.0, deadline - RUSH_SECONDS / 2 - time.time()))
                fault["done"] = f"{balancer.inject(args.fault, database=parts['db'], dsn=dsn, master=instances[0].pid, state=state)} at {datetime.now(timezone.utc):%H:%M:%S} UTC, {deadline - time.time():.0f} s before the deadline"  # noqa: E501
                print("fault:", fault["done"], flush=True)
            threading.Thread(target=strike, daemon=True).start()
        locust_env = {**env, "RUSH_SEED": str(work / "seed.json"), "RUSH_OUTCOMES": str(work / "outcomes.json"),
                      "RUSH_START": str(deadline - RUSH_SECONDS), "RUSH_END": str(deadline), "RUSH_MODEL": args.model}
        command = [BIN / "locust", "-f", "bench/rush_locustfile.py", "--headless", "-u", args.users, "-r", args.users,
                   "--run-time", f"{LEAD_SECONDS + RUSH_SECONDS + TAIL_SECONDS}s", "--host", f"http://127.0.0.1:{PORT}",
                   "--only-summary", "--stop-timeout", "10", "--loglevel", "WARNING"]
        with open(work / "locust.log", "w") as out:  # its exit status says only whether a request failed
            subprocess.run([str(c) for c in command], cwd=ROOT, env=locust_env, stdout=out, stderr=subprocess.STDOUT)
        cpu = balancer.serving_cpu(instances, database=parts["db"], dsn=dsn)
    finally:
        balancer.stop([nginx, *instances, state["redis"]])
        logs.close()
    return deadline, fault["done"], load, cpu


def database_states(env: dict, call: int) -> dict:
    code = ("import json; from offers.models import Offer; print(json.dumps({o.pk: [o.state, len(o.versions.all()), "
            "o.submitted_at.timestamp() if o.submitted_at else None, "
            "max(o.versions.all(), key=lambda v: v.number).short_checksum if o.versions.all() else None] "
            f"for o in Offer.objects.filter(call_id={call}).prefetch_related('versions')}}))")
    return {int(k): v for k, v in json.loads(django(code, env)).items()}


def submit_arrivals(work: Path) -> dict[int, float]:
    """Offer → when nginx began to read its first submission ($msec at the end − $request_time)."""
    arrivals: dict[int, float] = {}
    for line in (work / "nginx-access.log").read_text().splitlines():
        fields = line.split()
        if fields[1] == "POST" and fields[2].startswith("/offers/") and fields[2].endswith("/submit/"):
            pk, moment = int(fields[2].split("/")[2]), float(fields[0]) - float(fields[4])
            arrivals[pk] = min(moment, arrivals.get(pk, moment))
    return arrivals


def server_log_summary(work: Path) -> str:
    text = (work / "gunicorn.log").read_text(errors="replace")
    statuses: dict[str, int] = {}
    for line in (work / "nginx-access.log").read_text().splitlines():
        status = line.split()[3]
        statuses[status] = statuses.get(status, 0) + 1
    return (f"nginx answered {', '.join(f'{n} × {s}' for s, n in sorted(statuses.items()))}; gunicorn's log: "
            f"{text.count('Traceback')} tracebacks, {text.count('WORKER TIMEOUT')} worker timeouts")


def main() -> int:
    args = options()
    balancer.require_nginx()
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)
    work = Path(tempfile.mkdtemp(prefix="rush-"))
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.local", "DEBUG": "false",
           "ALLOWED_HOSTS": "127.0.0.1,localhost", "SECRET_KEY": "bench-" + "x" * 50,
           "REDIS_URL": f"redis://127.0.0.1:{balancer.REDIS_PORT}/0", "CELERY_TASK_ALWAYS_EAGER": "false",
           "REQUEST_START_HEADER": "X-Request-Start", "TRUSTED_PROXY_COUNT": "1", "PYTHONPATH": str(ROOT)}
    print("database:", url, "| work directory:", work, flush=True)
    run(PY, "manage.py", "compile_translations", env=env, capture_output=True)
    prepare_database(url, args.users, env, args.reseed)
    django(f"from bench.rush_seed import applicants; applicants({args.users}, {str(work / 'seed.json')!r})", env)
    seed = json.loads((work / "seed.json").read_text())
    deadline, fault, load, (web_cpu, db_cpu) = serve_and_rush(args, env, work, seed)

    outcomes = {int(k): v for k, v in json.loads((work / "outcomes.json").read_text()).items()}
    counts = rush_report.count(outcomes, database_states(env, seed["call"]), deadline, submit_arrivals(work))
    rows = rush_report.timings(outcomes)
    verdict = rush_report.verdict(counts, rows, args.users)
    served = sum(1 for o in outcomes.values() for r in o["requests"] if r[1] not in (0, 503))
    model = ("at a random moment of the final minute opens its offer's step page, saves the step (autosave), "
             "submits and reads the control sum on the offer's page" if args.model == "realistic" else
             "opened its step page when locust started; at a random moment of the final minute saves the step, "
             "submits and reads the control sum")
    lines = [f"## {heading(args)}", "",
             f"Run {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC on {machine()}; load average at the start "
             f"{load} (1/5/15 min; other work shares the cores, and locust runs on the same machine). PostgreSQL on "
             f"loopback; nginx (round robin, `X-Request-Start`, connect timeout {args.connect_timeout} s, read "
             f"timeout {args.read_timeout} s) in front of {args.instances} gunicorn instance(s), each "
             f"`--worker-class {args.worker_class} --workers {args.workers} --threads {args.threads} --backlog "
             f"{args.backlog} --timeout 60`, CONN_MAX_AGE 60 with health checks, QUEUE_TIMEOUT_SECONDS 30. {args.users} logged-in applicants; each "
             f"{model}; a 503 is waited out (Retry-After) and repeated, an autosave answered 5xx or nothing "
             f"repeated after 2, 5, 15, 30 s, any other request once; client timeout 120 s. Fault: {fault}.", "",
             *rush_report.table(counts, rows), "",
             f"Times are of answered requests (not 503s, not silences), as the client saw them. "
             f"{server_log_summary(work)}. CPU used: web workers {web_cpu:.0f} s, PostgreSQL {db_cpu:.0f} s, for "
             f"{counts['accepted (302)']} submissions accepted and {served} answers other than 503: "
             f"{(web_cpu + db_cpu) / max(1, served):.3f} CPU s an answer.", "",
             f"Targets (0 lost, 0 server errors, none late, no click in time refused; at 1 000 applicants p95 of "
             f"submit under 1 s): **{verdict}**.", ""]
    report = "\n".join(lines)
    print(report)
    if not args.no_write:
        write_section(heading(args), report)  # only its own section; the others stay
    return 0 if verdict == "met" else 1


if __name__ == "__main__":
    sys.exit(main())
