"""The call's complete public record as one ZIP (`reports.archive`), for the office's archive."""
from django.http import StreamingHttpResponse

from reports import archive
from reports import selectors_results as selectors


def call_archive(request, slug):
    """Public documents only; a draft is 404 like its page."""
    call = selectors.call_get_public(slug=slug)
    response = StreamingHttpResponse(archive.stream(archive.build(call)), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="konkurs-{call.slug}.zip"'
    return response
