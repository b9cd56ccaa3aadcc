"""The page and PDF benchmark at 1 000 offers.

    .venv/bin/pip install -r bench/requirements.txt
    .venv/bin/python bench/run.py [--workers 2] [--requests 50] [--profile] [--reuse]
    .venv/bin/python bench/run.py --reuse --only results,decision --no-pdfs --save bench/out/before.json
    .venv/bin/python bench/run.py --reuse --only results,decision --no-pdfs --before bench/out/before.json

On PostgreSQL (BENCH_DATABASE_URL, default a fresh `portal_bench_pages` on loopback): recreates
the database, migrates, generates the data (`bench/generate.py`, default scale), logs in a
clerk, a commission member and an applicant (sessions in the database), serves the portal under
gunicorn on loopback (sync workers, DEBUG off, `bench/settings.py`: the portal plus the floor
view), and requests each page `--requests` times one after another after a warm-up, timing
each full response on the client. Then each PDF in a fresh process (`bench/pdf_probe.py`).
With `--profile`, pyinstrument text profiles of the pages and the ranking PDF go to
`bench/profiles/`. Writes the "Pages and PDFs" section of `bench/RESULTS.md`.

`--only` measures the pages whose names contain one of the given words (and the floor);
`--no-pdfs` skips the PDFs; either leaves the "Pages and PDFs" section alone. `--save FILE`
keeps the measurements as JSON; `--before FILE` writes the section "Results and decision pages
after rendering once and paging" with the pages of FILE (before) against this run (after).
"""
import argparse
import http.client
import json
import os
import signal
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (  # noqa: E402
    PY,
    ROOT,
    django,
    machine,
    postgres_version,
    recreate_database,
    run,
    start_gunicorn,
    write_section,
)

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/portal_bench_pages"
PORT = 8766
MANIFEST = ROOT / "bench" / "out" / "manifest.json"
PROFILES = ROOT / "bench" / "profiles"
HEADING = "Pages and PDFs (`bench/run.py`)"
COMPARE_HEADING = "Results and decision pages after rendering once and paging"
LIST_P95_MS, FLOOR_RATIO = 150, 3
PDF_TARGETS = {"ranking": (8.0, 400, 1.5), "offer": (2.0, None, None), "offer-limits": (2.0, None, None),
               "confirmation": (1.0, None, None)}


def pages(m: dict) -> list[dict]:
    """What is requested: (name, path, who, kind). Kind "list": a 1 000-offer list (the floor
    ratio applies); "page": any other page (150 ms only)."""
    big, decided = m["big"], m["decided"]
    return [
        {"name": "public call list", "path": "/", "who": None, "kind": "page"},
        {"name": "call page (open call)", "path": f"/calls/{m['open']}/", "who": None, "kind": "page"},
        {"name": f"public results ({m['sizes'][decided]}-offer call)", "path": f"/calls/{decided}/results/",
         "who": None, "kind": "page"},
        {"name": "public results (1 000-offer call)", "path": f"/calls/{big}/results/", "who": None, "kind": "list"},
        {"name": "clerk's offer list, formal check (1 000 offers)", "path": f"/manage/calls/{big}/formal/",
         "who": m["clerk"], "kind": "list"},
        {"name": "member's sheet list (1 000 offers)", "path": f"/commission/{big}/", "who": m["member"],
         "kind": "list"},
        {"name": "clerk's formal list, searched for one number (1 000 offers)", "path": f"/manage/calls/{big}/formal/?q=317",
         "who": m["clerk"], "kind": "list"},
        {"name": "clerk's formal list, sheets approved, highest number first (1 000 offers)",
         "path": f"/manage/calls/{big}/formal/?sheet=approved&sort=-number", "who": m["clerk"], "kind": "list"},
        {"name": "member's sheet list, impartial, by title (1 000 offers)",
         "path": f"/commission/{big}/?declaration=impartial&sort=title", "who": m["member"], "kind": "list"},
        {"name": "contracts of the 1 000-offer call (clerk)", "path": f"/manage/calls/{big}/contracts/",
         "who": m["clerk"], "kind": "list"},
        {"name": "contracts of the 1 000-offer call, without a contract (clerk)",
         "path": f"/manage/calls/{big}/contracts/?contract=not_prepared", "who": m["clerk"], "kind": "list"},
        {"name": "outbox log (clerk)", "path": "/manage/outbox/", "who": m["clerk"], "kind": "list"},
        {"name": "outbox log, failed only (clerk)", "path": "/manage/outbox/?state=failed", "who": m["clerk"],
         "kind": "list"},
        {"name": "audit trail of an offer (clerk)", "path": f"/manage/offers/{m['pdf_offer']}/audit/",
         "who": m["clerk"], "kind": "list"},
        {"name": "my offers (applicant)", "path": "/offers/", "who": m["applicant"], "kind": "list"},
        {"name": "my offers, drafts only (applicant)", "path": "/offers/?state=draft", "who": m["applicant"],
         "kind": "list"},
        {"name": "public call list, closed calls by title", "path": "/?phase=closed&sort=title", "who": None,
         "kind": "page"},
        {"name": "ranking and decision page (1 000 offers, clerk)", "path": f"/manage/calls/{big}/decision/",
         "who": m["clerk"], "kind": "list"},
        {"name": "offer edit step: costs (applicant)", "path": f"/offers/{m['draft_offer']}/costs/",
         "who": m["applicant"], "kind": "page"},
        {"name": "floor: bare view, 1 query, minimal template (1 000 rows)", "path": f"/bench/floor/{big}/",
         "who": None, "kind": "floor"},
    ]


def fetch(path: str, session: str | None) -> tuple[int, bytes, float]:
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=120)
    headers = {"Host": "127.0.0.1", "Accept-Language": "pl"}
    if session:
        headers["Cookie"] = f"sessionid={session}"
    started = time.perf_counter()
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    elapsed = time.perf_counter() - started
    connection.close()
    return response.status, body, elapsed


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def measure(page: dict, session: str | None, *, requests: int, warmup: int, budget: float) -> dict:
    """`requests` timed requests after `warmup` untimed ones; a slow page stops after `budget`
    seconds of timed requests, but not before 20 (the table says how many)."""
    status, body, _elapsed = fetch(page["path"], session)
    if status != 200:
        raise RuntimeError(f"{page['path']}: HTTP {status}")
    for _ in range(warmup - 1):
        fetch(page["path"], session)
    times = []
    stop = time.monotonic() + budget
    while len(times) < requests and (len(times) < min(20, requests) or time.monotonic() < stop):
        status, _body, elapsed = fetch(page["path"], session)
        if status != 200:
            raise RuntimeError(f"{page['path']}: HTTP {status}")
        times.append(elapsed * 1000)
    return {**page, "p50": statistics.median(times), "p95": percentile(times, 0.95), "kb": len(body) / 1024,
            "rows": body.count(b"<tr"), "n": len(times)}


def probe(kind: str, env: dict, *, repeat: int, profile: bool) -> dict:
    args = [PY, "bench/pdf_probe.py", kind, MANIFEST, "--repeat", str(repeat)]
    if profile:
        args += ["--profile", PROFILES / f"pdf-{kind}.txt"]
    return json.loads(run(*args, env=env, capture_output=True, text=True).stdout.strip().splitlines()[-1])


def profile_pages(selected: list[dict], sessions: dict, env: dict) -> None:
    """pyinstrument over five requests of each page through Django's test client (same code, no gunicorn)."""
    code = (
        "import json, sys\n"
        "from pyinstrument import Profiler\n"
        "from django.test import Client\n"
        "pages, sessions = json.loads(sys.argv[1]), json.loads(sys.argv[2])\n"
        "for page in pages:\n"
        "    client = Client(HTTP_HOST='127.0.0.1')\n"
        "    if page['who']: client.cookies['sessionid'] = sessions[page['who']]\n"
        "    client.get(page['path'])\n"
        "    profiler = Profiler(); profiler.start()\n"
        "    for _ in range(5): client.get(page['path'])\n"
        "    profiler.stop()\n"
        "    open(page['file'], 'w').write(profiler.output_text(unicode=True, color=False))\n"
    )
    PROFILES.mkdir(parents=True, exist_ok=True)
    for page in selected:
        page["file"] = str(PROFILES / f"page-{page['slug']}.txt")
    run(PY, "-c", "import django; django.setup()\n" + code, json.dumps(selected), json.dumps(sessions), env=env,
        capture_output=True)


def _met(ok: bool) -> str:
    return "yes" if ok else "**no**"


def report(args, env: dict, m: dict, results: list[dict], pdfs: dict, load: tuple) -> str:
    floor = next(r for r in results if r["kind"] == "floor")
    lines = [
        f"## {HEADING}", "",
        f"Run {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC on {machine()}; PostgreSQL "
        f"{postgres_version(env['DATABASE_URL'])} on loopback; gunicorn with {args.workers} sync workers, DEBUG off. "
        f"Load average when the measurements began: {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f} (1 / 5 / 15 min; "
        "other work on the machine shows here).", "",
        f"Data (`bench/generate.py`, seed {m['scale']['seed']}, {m['seconds']} s): {m['scale']['calls']} calls, "
        f"{m['scale']['offers']} offers, one call with {m['scale']['big']} offers (decided, results published; "
        f"{m['ranked']} ranked, the rest formally rejected or in negotiation), {m['scale']['members']} commission "
        "members on it with every sheet submitted. Calls: "
        + ", ".join(f"{n} {state}" for state, n in sorted(m["states"].items())) + ".", "",
        f"Each page: {args.warmup} warm-up requests, then {args.requests} sequential requests (a slow page stops "
        f"after {args.budget:.0f} s of them, with at least 20); the time is the whole response as the client "
        "received it.", "",
        "| page | requests | p50 ms | p95 ms | size kB | `<tr>` rows | p95 / floor p95 | target | met? |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        ratio = r["p95"] / floor["p95"]
        if r["kind"] == "floor":
            target, ok = "(the floor)", None
        elif r["kind"] == "list":
            target = f"p95 < {LIST_P95_MS} ms and ≤ {FLOOR_RATIO}× floor"
            ok = r["p95"] < LIST_P95_MS and ratio <= FLOOR_RATIO
        else:
            target, ok = f"p95 < {LIST_P95_MS} ms", r["p95"] < LIST_P95_MS
        lines.append(f"| {r['name']} | {r['n']} | {r['p50']:.0f} | {r['p95']:.0f} | {r['kb']:.0f} | {r['rows']} | "
                     f"{ratio:.1f}× | {target} | {'—' if ok is None else _met(ok)} |")
    floor_pdf = pdfs["floor"]
    lines += [
        "", "PDFs, each in a fresh process (`bench/pdf_probe.py`): time of one render after a tiny warm-up render "
        "(the median of several for the small ones); peak RSS is the whole process's `ru_maxrss`, Django and the "
        "data included; the baseline is the same after django.setup and reading the rows the document starts from.",
        "",
        "| PDF | time s | CPU s | peak RSS MB | baseline MB | size kB | time / bare WeasyPrint | target | met? |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for kind, label in (("ranking", f"ranking of the 1 000-offer call ({pdfs['ranking'].get('rows')} rows)"),
                        ("offer", "offer (the joint offer with the most cost items)"),
                        ("offer-limits", "offer at every limit ({costs} cost rows, {schedule} schedule rows, "
                                         "{results} own results, {partners} partners, every text at its maximum)"),
                        ("confirmation", "submission confirmation"),
                        ("floor", f"floor: bare WeasyPrint, plain 4-column table, {floor_pdf.get('rows')} rows")):
        p = pdfs[kind]
        label = label.format(**{key: p.get(key, "?") for key in ("costs", "schedule", "results", "partners")})
        seconds, mb, ratio = PDF_TARGETS.get(kind, (None, None, None))
        parts, ok = [], True
        if seconds:
            parts.append(f"< {seconds:g} s")
            ok &= p["seconds"] < seconds
        if mb:
            parts.append(f"< {mb} MB")
            ok &= p["peak_mb"] < mb
        if ratio:
            parts.append(f"≤ {ratio}× bare")
            ok &= p["seconds"] / floor_pdf["seconds"] <= ratio
        lines.append(f"| {label} | {p['seconds']:.2f} | {p.get('cpu_s', 0):.2f} | {p['peak_mb']:.0f} | "
                     f"{p['baseline_mb']:.0f} | "
                     f"{p['bytes'] / 1024:.0f} | {p['seconds'] / floor_pdf['seconds']:.1f}× | "
                     f"{', '.join(parts) or '(the floor)'} | {_met(ok) if parts else '—'} |")
    ranking = pdfs["ranking"]
    lines += ["", f"Of the ranking's {ranking['seconds']:.2f} s, reading the results and rendering the HTML took "
              f"{ranking['data_and_html_s']:.2f} s; the rest is WeasyPrint. Loading Pango and the fonts once per "
              f"process (the warm-up render) took {ranking['startup_s']:.2f} s and is not counted above.", ""]
    return "\n".join(lines)


def compare(args, before: dict, results: list[dict], load: tuple) -> str:
    """Before → after for each page measured in both runs, with both runs' load averages."""
    old = {r["name"]: r for r in before["results"]}
    floor = next(r for r in results if r["kind"] == "floor")
    lines = [
        f"## {COMPARE_HEADING}", "",
        f"`bench/run.py --only {args.only} --no-pdfs`, same data (`--reuse`), gunicorn with {args.workers} sync "
        f"workers, DEBUG off, {args.warmup} warm-up requests then up to {args.requests} timed ones per page. "
        f"Before: run {before['at']} UTC, load average {before['load'][0]:.2f} / {before['load'][1]:.2f} / "
        f"{before['load'][2]:.2f}. After: run {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, load average "
        f"{load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f} (1 / 5 / 15 min; other helpers were running tests on "
        "the same 2 cores, so single figures move by tens of per cent).", "",
        "| page | p50 ms before → after | p95 ms before → after | size kB before → after | `<tr>` rows before → after "
        "| p95 / floor p95 after |",
        "|---|---|---|---|---|---|",
    ]
    for r in results:
        b = old.get(r["name"])
        if b is None:
            continue
        lines.append(f"| {r['name']} | {b['p50']:.0f} → {r['p50']:.0f} | {b['p95']:.0f} → {r['p95']:.0f} | "
                     f"{b['kb']:.0f} → {r['kb']:.0f} | {b['rows']} → {r['rows']} | {r['p95'] / floor['p95']:.1f}× |")
    return "\n".join(lines + [""])


def prepare(args, env: dict) -> dict:
    if not args.reuse:
        print("database:", env["DATABASE_URL"])
        recreate_database(env["DATABASE_URL"])
        run(PY, "manage.py", "migrate", "--noinput", "-v0", env=env)
        run(PY, "manage.py", "compile_translations", env=env, capture_output=True)
        run(PY, "bench/generate.py", "--out", MANIFEST, env=env)
    m = json.loads(MANIFEST.read_text())
    extra = json.loads(django(
        "import json; from collections import Counter; from competition.models import Call; "
        "from evaluation.models import MeritResult; "
        f"print(json.dumps({{'states': Counter(Call.objects.values_list('state', flat=True)), "
        f"'ranked': MeritResult.objects.filter(offer__call__slug={m['big']!r}).count()}}))", env))
    m.update(extra, sizes={c["slug"]: c["offers"] for c in m["calls"]})
    who = sorted({m["clerk"], m["member"], m["applicant"]})
    m["sessions"] = json.loads(django(f"from bench.sessions import main; main({who!r})", env))
    return m


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--budget", type=float, default=30, help="seconds of timed requests per page, at most")
    parser.add_argument("--profile", action="store_true", help="pyinstrument profiles into bench/profiles/")
    parser.add_argument("--reuse", action="store_true", help="keep the database and data of the last run")
    parser.add_argument("--only", default="", help="comma-separated words: measure only the pages named so")
    parser.add_argument("--no-pdfs", action="store_true", help="skip the PDFs")
    parser.add_argument("--save", type=Path, help="keep the page measurements in this JSON file")
    parser.add_argument("--before", type=Path, help="JSON of an earlier --save: write the before → after section")
    args = parser.parse_args()
    env = {**os.environ, "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB),
           "DJANGO_SETTINGS_MODULE": "bench.settings", "DEBUG": "false", "ALLOWED_HOSTS": "127.0.0.1,localhost",
           "SECRET_KEY": "bench-" + "x" * 50, "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15"),
           "CELERY_TASK_ALWAYS_EAGER": "false", "OUTBOX_SEND_ON_COMMIT": "false", "LOG_LEVEL": "WARNING",
           "PYTHONPATH": str(ROOT)}
    started = time.time()
    m = prepare(args, env)
    words = [w.strip().lower() for w in args.only.split(",") if w.strip()]
    selected = [p for p in pages(m) if not words or p["kind"] == "floor" or any(w in p["name"] for w in words)]
    server = start_gunicorn(env, port=PORT, workers=args.workers, timeout=120)
    load = os.getloadavg()
    results = []
    try:
        for page in selected:
            results.append(measure(page, m["sessions"].get(page["who"]), requests=args.requests,
                                   warmup=args.warmup, budget=args.budget))
            r = results[-1]
            print(f"  {r['name']:<58} p50 {r['p50']:7.1f} ms  p95 {r['p95']:7.1f} ms  {r['rows']:5d} rows", flush=True)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    if args.save:
        args.save.write_text(json.dumps({"at": f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M}", "load": load,
                                         "results": results}, indent=1))
    if args.before:
        text = compare(args, json.loads(args.before.read_text()), results, load)
        write_section(COMPARE_HEADING, text)
        print(text)
    if words or args.no_pdfs:
        return 0
    pdfs = {}
    for kind, repeat in (("floor", 1), ("ranking", 1), ("offer", 3), ("offer-limits", 1), ("confirmation", 5)):
        pdfs[kind] = probe(kind, env, repeat=repeat, profile=False)
        p = pdfs[kind]
        print(f"  PDF {kind:<13} {p['seconds']:6.2f} s  peak {p['peak_mb']:5.0f} MB  (baseline {p['baseline_mb']:.0f} MB)",
              flush=True)
    if args.profile:
        for i, page in enumerate(selected):
            page["slug"] = f"{i + 1}-" + "".join(c if c.isalnum() else "-" for c in page["name"].split(" (")[0])
        profile_pages([p for p in selected if p["kind"] != "floor"], m["sessions"], env)
        probe("ranking", env, repeat=1, profile=True)
        print("profiles in", PROFILES)
    text = report(args, env, m, results, pdfs, load)
    write_section(HEADING, text)
    print(text)
    print(f"done in {time.time() - started:.0f} s")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except subprocess.CalledProcessError as exc:
        print(exc.stderr or "", file=sys.stderr)
        raise
