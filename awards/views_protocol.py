"""The protocol of the commission's work as a PDF (`awards.protocol`), for its readers only."""
from django.http import Http404

from awards import protocol
from core.pdf.serve import respond
from evaluation.merit.permissions import may_read_protocol


def protocol_pdf(request, slug: str):
    call = protocol.closed_call_get(slug)
    if not may_read_protocol(request.user, call):
        raise Http404
    return respond(request, protocol.PROTOCOL, call)
