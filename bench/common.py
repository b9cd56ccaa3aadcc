"""Helpers shared by the benchmarks (`bench/deadline_rush.py`, `bench/run.py`): a fresh
PostgreSQL database, Django snippets in a subprocess, gunicorn on loopback, the machine's
description, and a section of `bench/RESULTS.md` rewritten in place."""
import os
import platform
import re
import subprocess
import time
from pathlib import Path
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
PY = BIN / "python"
RESULTS = ROOT / "bench" / "RESULTS.md"


def run(*args, env, **kwargs):
    return subprocess.run([str(a) for a in args], cwd=ROOT, env=env, check=True, **kwargs)


def django(code: str, env) -> str:
    prelude = "import django; django.setup()\n"
    return run(PY, "-c", prelude + code, env=env, capture_output=True, text=True).stdout


def _parts(url: str) -> dict:
    match = re.match(r"postgres(?:ql)?://(?P<user>[^@:/]+)(?::(?P<pw>[^@]*))?@(?P<host>[^:/]+)(?::(?P<port>\d+))?/"
                     r"(?P<db>.+)", url)
    return match.groupdict()


def recreate_database(url: str) -> None:
    import psycopg2

    parts = _parts(url)
    admin = psycopg2.connect(dbname="postgres", user=parts["user"], password=parts["pw"], host=parts["host"],
                             port=parts["port"] or 5432)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{parts["db"]}"')
        cursor.execute(f'CREATE DATABASE "{parts["db"]}"')
    admin.close()


def postgres_version(url: str) -> str:
    import psycopg2

    parts = _parts(url)
    connection = psycopg2.connect(dbname=parts["db"], user=parts["user"], password=parts["pw"], host=parts["host"],
                                  port=parts["port"] or 5432)
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    connection.close()
    return version.split()[0]


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
               platform.processor())
    memory = next((int(line.split()[1]) // 1024 // 1024 for line in open("/proc/meminfo")
                   if line.startswith("MemTotal")), 0)
    return f"{os.cpu_count()} cores ({cpu}), {memory} GiB RAM, Python {platform.python_version()}"


def start_gunicorn(env, *, port: int, workers: int, timeout: int = 60, worker_class: str = "sync", threads: int = 1,
                   backlog: int = 2048, **popen) -> subprocess.Popen:
    """The portal under gunicorn on loopback, once it answers. `worker_class` "sync" (one request
    per worker) or "gthread" (`threads` per worker); `backlog`: connections waiting to be accepted."""
    server = subprocess.Popen([str(BIN / "gunicorn"), "config.wsgi:application", "--bind", f"127.0.0.1:{port}",
                               "--workers", str(workers), "--worker-class", worker_class, "--threads", str(threads),
                               "--backlog", str(backlog), "--timeout", str(timeout), "--log-level", "warning"],
                              cwd=ROOT, env=env, **popen)
    for _ in range(120):
        try:
            urlopen(f"http://127.0.0.1:{port}/", timeout=2).read()
            break
        except OSError:
            time.sleep(0.5)
    return server


def write_section(heading: str, report: str) -> None:
    """Replace the section starting with `## {heading}` (up to the next `## `) in RESULTS.md,
    or append it; every other section stays as it is."""
    text = RESULTS.read_text() if RESULTS.exists() else "# Benchmark results\n\n"
    pattern = re.compile(r"## " + re.escape(heading) + r".*?(?=\n## |\Z)", flags=re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _m: report.strip() + "\n", text, count=1)
    else:
        text = text.rstrip() + "\n\n" + report.strip() + "\n"
    RESULTS.write_text(text.strip() + "\n")
