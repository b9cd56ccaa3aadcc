"""The open-data files at stable addresses: /calls/<slug>/results.csv|xlsx|json (the grants),
/calls/<slug>/ranking.csv|xlsx|json and /grants/<year>.csv|xlsx|json. 404 until the results are
published, like the results page."""
from django.http import Http404, HttpResponse

from core.replica import public_reads
from opendata import files, formats, selectors
from opendata.rules import CONTENT_TYPES, year_in_range


def _respond(data: bytes, fmt: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    disposition = "inline" if fmt == "json" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}.{fmt}"'
    response["Link"] = f'<{formats.licence()[1]}>; rel="license"'
    response["Cache-Control"] = "public, max-age=300"
    return response


@public_reads
def call_file(request, slug, kind, fmt):
    call = selectors.call_get(slug=slug)
    return _respond(files.call_file(call, kind, fmt), fmt, f"{call.slug}-{kind}")


@public_reads
def year_file(request, year, fmt):
    if not year_in_range(year):
        raise Http404("No such year.")
    return _respond(files.year_file(year, fmt), fmt, f"grants-{year}")
