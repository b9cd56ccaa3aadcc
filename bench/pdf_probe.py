"""One PDF measured in a fresh process (run by `bench/run.py`, once per document):

    .venv/bin/python bench/pdf_probe.py KIND MANIFEST [--repeat N] [--profile FILE]

KIND: `ranking` (the ranking of the big call, built as the PDF worker builds it:
`reports.pdf_cache.SOURCES` for the document's data and HTML, `reports.pdf.html_to_pdf` for the
PDF), `offer` and `confirmation` (the views `reports.views_offers.offer_version_pdf` and
`offer_confirmation_pdf`, called with the offer's applicant as the request's user), or `floor`
(bare WeasyPrint, `HTML(string).write_pdf()`, of a plain 4-column table of the big call's
offers, as many rows as the ranking has).

Prints one JSON line: seconds per render (median of N, after one tiny warm-up render so that
loading Pango and the fonts, once per worker process, is reported apart as `startup_s`), the
peak RSS of the process (`ru_maxrss`) and the baseline (after django.setup and reading the
rows the document starts from) in MB, and the PDF's size.
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


def _ranking(manifest: dict):
    from competition.models import Call
    from reports.models import PdfDocument
    from reports.pdf import html_to_pdf, render_html
    from reports.pdf_cache import SOURCES

    call = Call.objects.get(slug=manifest["big"])
    parts = {}

    def render():
        started = time.perf_counter()
        source = SOURCES[PdfDocument.Kind.RANKING](call)
        html = render_html(source.template, source.context)
        parts["data_and_html_s"] = time.perf_counter() - started
        parts["rows"] = len(source.context["results"].ranking)
        return html_to_pdf(html)

    return render, parts


def _offer_view(manifest: dict, view_name: str):
    from django.test import RequestFactory

    from accounts.models import User
    from reports import views_offers

    user = User.objects.get(email=manifest["pdf_user"])
    view = getattr(views_offers, view_name)

    def render():
        request = RequestFactory().get("/")
        request.user = user
        response = view(request, pk=manifest["pdf_offer"], number=1)
        assert response.status_code == 200, response.status_code
        return response.content

    return render, {}


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
    parser.add_argument("kind", choices=("ranking", "offer", "confirmation", "floor"))
    parser.add_argument("manifest", type=Path)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--profile", type=Path)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    manifest = json.loads(args.manifest.read_text())
    render, parts = {"ranking": _ranking, "floor": _floor,
                     "offer": lambda m: _offer_view(m, "offer_version_pdf"),
                     "confirmation": lambda m: _offer_view(m, "offer_confirmation_pdf")}[args.kind](manifest)
    baseline = rss_mb()
    started = time.perf_counter()
    from weasyprint import HTML

    HTML(string="<p>warm-up</p>").write_pdf()
    startup = time.perf_counter() - started
    times, size = [], 0
    profiler = None
    if args.profile:
        from pyinstrument import Profiler

        profiler = Profiler()
        profiler.start()
    for _ in range(args.repeat):
        started = time.perf_counter()
        size = len(render())
        times.append(time.perf_counter() - started)
    if profiler:
        profiler.stop()
        args.profile.parent.mkdir(parents=True, exist_ok=True)
        args.profile.write_text(profiler.output_text(unicode=True, color=False, show_all=False))
    print(json.dumps({"kind": args.kind, "seconds": statistics.median(times), "all_s": times, "startup_s": startup,
                      "baseline_mb": baseline, "peak_mb": rss_mb(), "bytes": size, **parts}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
