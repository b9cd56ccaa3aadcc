"""One PDF measured in a fresh process (run by `bench/run.py`, once per document):

    .venv/bin/python bench/pdf_probe.py KIND MANIFEST [--repeat N] [--profile FILE]
                                         [--rows N] [--chunk-rows N] [--workers N] [--out FILE]
    .venv/bin/python bench/pdf_probe.py chunks-report MANIFEST [--from JSONL]

`chunks-report` runs the ranking's chunk probes (`CHUNK_RUNS`) and writes the section
"Ranking PDF in chunks" of bench/RESULTS.md (`--from`: their JSON lines, already run, in order).

KIND: `ranking` (the ranking of the big call, built as the PDF worker builds it:
the source registered in `core.pdf.registry` for the document's data and HTML, in chunks of its
registered `chunk_rows` rows, `core.pdf.cache.to_pdf` for the PDF: `core.pdf.chunks` renders
and joins the chunks; `--chunk-rows 0` renders it in one piece as before; `--rows N` repeats the
call's real rows, renumbered, up to N rows, for the memory at sizes no generated call has;
`--workers N` lays the chunks out in N forked processes at once, what N PDF workers sharing the
chunks would take, and reports their peak RSS apart as `worker_peak_mb`), `offer` and `confirmation` (version 1 of the manifest's PDF offer, built the same way, as
the PDF worker builds them since the offer's PDFs go through it), `offer-limits` (the longest
offer the limits allow, `bench/gen_limits.py`, written and rolled back in the process), or `floor`
(bare WeasyPrint, `HTML(string).write_pdf()`, of a plain 4-column table of the big call's
offers, as many rows as the ranking has).

Prints one JSON line: seconds per render (median of N, after one tiny warm-up render so that
loading Pango and the fonts, once per worker process, is reported apart as `startup_s`), the
peak RSS of the process (`ru_maxrss`) and the baseline (after django.setup and reading the
rows the document starts from) in MB, the PDF's size, and `cpu_s`, the process's CPU time per
render (median): on a machine loaded by other work it is the figure that holds.
"""
import argparse
import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def _synthesise(lines: list, rows: int) -> list:
    """The call's real ranking lines repeated, renumbered, up to `rows` lines."""
    from dataclasses import replace

    return [replace(lines[i % len(lines)], position=i + 1, number=f"{i + 1:05d}/S") for i in range(rows)]


def _spread(document, workers: int) -> bytes:
    """The chunks laid out by `workers` processes at once (forked: warm, as the PDF worker's
    processes are), joined in this one."""
    from concurrent.futures import ProcessPoolExecutor

    from core.pdf import chunks

    with ProcessPoolExecutor(workers) as pool:
        parts = list(pool.map(chunks.chunk_to_pdf, document.parts))
    pages = sum(chunks.page_count(part) for part in parts)
    return chunks.join(parts, chunks.chunk_to_pdf(chunks.overlay_html(document.source, pages)))


def _ranking(manifest: dict, rows: int = 0, chunk_rows: int | None = None, workers: int = 1):
    from competition.models import Call
    from core.pdf import cache, chunks, registry

    call = Call.objects.get(slug=manifest["big"])
    entry = registry.get("ranking")
    size = entry.chunk_rows if chunk_rows is None else chunk_rows
    parts = {"chunk_rows": size, "synthesised": bool(rows)}

    def render():
        started = time.perf_counter()
        source = entry.source(call, "")
        if rows:
            source.rows = _synthesise(source.rows, rows)
        document = chunks.document(source, size)
        parts["data_and_html_s"] = time.perf_counter() - started
        parts["rows"], parts["chunks"] = len(source.rows), len(document.parts)
        content = _spread(document, workers) if workers > 1 and document.chunked else cache.to_pdf(document)
        parts["pages"] = chunks.page_count(content)
        if workers > 1:
            parts["workers"] = workers
            parts["worker_peak_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        return content

    return render, parts


def _offer_document(kind: str, offer_pk: int, parts: dict | None = None):
    """An offer's PDF built as the PDF worker builds it (its registered source, then
    `html_to_pdf`), without the cache: every render is a full one."""
    from offers.models import Offer
    from core.pdf import registry
    from core.pdf.render import html_to_pdf, render_html
    from offers.documents import offer_subject

    offer = Offer.objects.select_related("call").get(pk=offer_pk)
    parts = {} if parts is None else parts

    def render():
        started = time.perf_counter()
        source = registry.get(kind).source(offer.call, offer_subject(offer, 1))
        html = render_html(source.template, source.context)
        parts["data_and_html_s"] = time.perf_counter() - started
        return html_to_pdf(html)

    return render, parts


def _offer_at_limits(manifest: dict):
    """The longest offer the limits allow (`bench/gen_limits.py`), written in a transaction that
    is rolled back when the process ends, on the big call, by the PDF offer's applicant."""
    from django.db import transaction

    from accounts.models import User
    from bench.gen_limits import offer_at_limits
    from offers.models import Offer

    user = User.objects.get(email=manifest["pdf_user"])
    lead = Offer.objects.select_related("call", "organisation").get(pk=manifest["pdf_offer"])
    transaction.set_autocommit(False)  # nothing of it is kept
    version = offer_at_limits(lead.call, lead.organisation, user)
    data = version.data
    rows = {"costs": sum(len(a["costs"]) for a in data["actions"]), "schedule": len(data["schedule"]),
            "results": sum(len(a.get("own_results", [])) for a in data["actions"]),
            "actions": len(data["actions"]), "partners": len(data.get("partners", [])),
            "text_chars": len(str(data))}
    return _offer_document("offer", version.offer_id, rows)


FLOOR_CSS = "body { font-family: 'DejaVu Sans', sans-serif; font-size: 9pt; } td, th { border: 0.5pt solid #555; }"


def _floor(manifest: dict):
    from django.utils.html import escape

    from offers.models import Offer

    offers = list(Offer.objects.filter(call__slug=manifest["big"], merit_result__isnull=False)
                  .select_related("organisation", "merit_result").order_by("number"))
    rows = "".join(f"<tr><td>{o.number}</td><td>{escape(o.title)}</td><td>{escape(o.organisation.name)}</td>"
                   f"<td>{o.merit_result.score}</td></tr>" for o in offers)
    html = (f'<!DOCTYPE html><html lang="pl"><head><meta charset="utf-8"><style>{FLOOR_CSS}</style></head><body>'
            f"<table><thead><tr><th>Nr</th><th>Tytuł</th><th>Oferent</th><th>Punkty</th></tr></thead>"
            f"<tbody>{rows}</tbody></table></body></html>")

    def render():
        from weasyprint import HTML

        return HTML(string=html).write_pdf()

    return render, {"rows": len(offers)}


CHUNK_RUNS = [  # (label, probe arguments, target)
    ("ranking of the 1 000-offer call, chunks of the registered size, one worker process", [],
     "< 8 s, < 300 MB"),
    ("the same, its chunks laid out by 2 processes at once (2 PDF workers)", ["--workers", "2"], "< 8 s, < 300 MB"),
    ("the same in one piece (as before the chunks)", ["--chunk-rows", "0"], "—"),
    ("the same in chunks of 100 rows", ["--chunk-rows", "100"], "—"),
    ("the same in chunks of 200 rows", ["--chunk-rows", "200"], "—"),
    ("2 500 rows (synthesised)", ["--rows", "2500"], "flat memory"),
    ("5 000 rows (synthesised)", ["--rows", "5000"], "flat memory"),
    ("10 000 rows (synthesised)", ["--rows", "10000"], "flat memory, < 300 MB"),
]


def chunks_report(manifest: Path, done: Path | None) -> str:
    """Run each probe of CHUNK_RUNS in a fresh process (or read their JSON lines from `done`, one
    per run in order) and write the section "Ranking PDF in chunks" of bench/RESULTS.md."""
    import subprocess

    from bench.common import machine, write_section

    load = os.getloadavg()
    if done:
        results = [json.loads(line) for line in done.read_text().splitlines() if line.strip()]
    else:
        results = [json.loads(subprocess.run([sys.executable, __file__, "ranking", str(manifest), *extra],
                                             check=True, capture_output=True, text=True).stdout)
                   for _label, extra, _target in CHUNK_RUNS]
    lines = ["## Ranking PDF in chunks (`bench/pdf_probe.py`)", "",
             f"Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {machine()}; load average when the "
             f"report was written {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f} (other work on the machine inflates "
             "the wall-clock time; the CPU time holds better). Each line is "
             "`bench/pdf_probe.py ranking` in a fresh process (the arguments in the first column's note); "
             "time is wall-clock, CPU the process's own (with `--workers`, the join's process; the workers' "
             "peak RSS apart). Synthesised rows: the 1 000-offer call's real ranking rows repeated and "
             "renumbered (`--rows`), for sizes no generated call has.", "",
             "| document | rows | chunks | pages | time s | CPU s | peak RSS MB | baseline MB | size kB | target |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for (label, extra, target), r in zip(CHUNK_RUNS, results, strict=False):
        if r is None:  # `--from` a file with `null` for a run that was not made
            lines.append(f"| {label} (`{' '.join(extra) or 'default'}`) | not run | | | | | | | | {target} |")
            continue
        peak = f"{r['peak_mb']:.0f}" + (f" (workers {r['worker_peak_mb']:.0f})" if "worker_peak_mb" in r else "")
        lines.append(f"| {label} (`{' '.join(extra) or 'default'}`) | {r['rows']} | {r['chunks']} | {r['pages']} | "
                     f"{r['seconds']:.2f} | {r['cpu_s']:.2f} | {peak} | {r['baseline_mb']:.0f} | "
                     f"{r['bytes'] / 1024:.0f} | {target} |")
    report = "\n".join(lines) + "\n"
    write_section("Ranking PDF in chunks", report)
    return report


def main() -> int:
    if sys.argv[1:2] == ["chunks-report"]:
        sys.path.insert(0, str(ROOT))
        done = Path(sys.argv[4]) if sys.argv[3:4] == ["--from"] else None
        print(chunks_report(Path(sys.argv[2]), done))
        return 0
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=("ranking", "offer", "confirmation", "offer-limits", "floor"))
    parser.add_argument("manifest", type=Path)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--profile", type=Path)
    parser.add_argument("--rows", type=int, default=0, help="ranking: repeat its real rows up to this many")
    parser.add_argument("--chunk-rows", type=int, help="ranking: rows per chunk (0: one piece); default: registered")
    parser.add_argument("--workers", type=int, default=1, help="ranking: chunks laid out by this many processes")
    parser.add_argument("--out", type=Path, help="write the (last) PDF there")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    manifest = json.loads(args.manifest.read_text())
    render, parts = {"ranking": lambda m: _ranking(m, args.rows, args.chunk_rows, args.workers), "floor": _floor,
                     "offer": lambda m: _offer_document("offer", m["pdf_offer"]),
                     "confirmation": lambda m: _offer_document("confirmation", m["pdf_offer"]),
                     "offer-limits": _offer_at_limits}[args.kind](manifest)
    baseline = rss_mb()
    started = time.perf_counter()
    from weasyprint import HTML

    HTML(string="<p>warm-up</p>").write_pdf()
    startup = time.perf_counter() - started
    times, cpu, size, content = [], [], 0, b""
    profiler = None
    if args.profile:
        from pyinstrument import Profiler

        profiler = Profiler()
        profiler.start()
    for _ in range(args.repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        content = render()
        size = len(content)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    if profiler:
        profiler.stop()
        args.profile.parent.mkdir(parents=True, exist_ok=True)
        args.profile.write_text(profiler.output_text(unicode=True, color=False, show_all=False))
    if args.out:
        args.out.write_bytes(content)
    print(json.dumps({"kind": args.kind, "seconds": statistics.median(times), "all_s": times,
                      "cpu_s": statistics.median(cpu), "startup_s": startup,
                      "baseline_mb": baseline, "peak_mb": rss_mb(), "bytes": size, **parts}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
