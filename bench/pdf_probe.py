"""One PDF measured in a fresh process (run by `bench/run.py`, once per document):

    .venv/bin/python bench/pdf_probe.py KIND MANIFEST [--repeat N] [--profile FILE]
                                         [--rows N] [--chunk-rows N] [--out FILE]

KIND: `ranking` (the ranking of the big call, built as the PDF worker builds it:
the source registered in `core.pdf.registry` for the document's data and HTML, in chunks of its
registered `chunk_rows` rows, `core.pdf.cache.to_pdf` for the PDF: `core.pdf.chunks` renders
and joins the chunks; `--chunk-rows 0` renders it in one piece as before; `--rows N` repeats the
call's real rows, renumbered, up to N rows, for the memory at sizes no generated call has), `offer` and `confirmation` (version 1 of the manifest's PDF offer, built the same way, as
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


def _ranking(manifest: dict, rows: int = 0, chunk_rows: int | None = None):
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
        content = cache.to_pdf(document)
        parts["pages"] = chunks._page_count(content)
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


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=("ranking", "offer", "confirmation", "offer-limits", "floor"))
    parser.add_argument("manifest", type=Path)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--profile", type=Path)
    parser.add_argument("--rows", type=int, default=0, help="ranking: repeat its real rows up to this many")
    parser.add_argument("--chunk-rows", type=int, help="ranking: rows per chunk (0: one piece); default: registered")
    parser.add_argument("--out", type=Path, help="write the (last) PDF there")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    manifest = json.loads(args.manifest.read_text())
    render, parts = {"ranking": lambda m: _ranking(m, args.rows, args.chunk_rows), "floor": _floor,
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
