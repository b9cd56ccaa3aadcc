"""Uploaded files sent back to the people allowed to read them (an offer's attachments, a final
report's): as downloads that no browser runs or caches, under a name that is safe to send.
"""
import unicodedata
from urllib.parse import quote

from django.http import FileResponse, Http404


def safe_filename(name: str, *, extension: str = "") -> str:
    """A file name safe to send back in Content-Disposition: no path, no control characters,
    no quotes; Polish letters kept. The extension follows the detected content."""
    name = unicodedata.normalize("NFC", name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C" and ch not in '"<>:|?*;')
    name = name.strip(" .") or "zalacznik"
    if extension:
        stem = name.rsplit(".", 1)[0] if "." in name else name
        name = (stem.strip(" .") or "zalacznik") + extension
    return name[-150:]


def content_disposition(name: str) -> str:
    """`attachment` with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987)."""
    safe = safe_filename(name)
    fallback = unicodedata.normalize("NFKD", safe).encode("ascii", "ignore").decode() or "zalacznik"
    fallback = "".join(ch if ch.isalnum() or ch in "._- " else "_" for ch in fallback)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(safe, safe='')}"


def private_file_response(attachment) -> FileResponse:
    """An uploaded file (after the caller's permission check) as a download that no browser
    runs or caches: any model with `file`, `content_type` and `original_name`."""
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=attachment.content_type)
    response["Content-Disposition"] = content_disposition(attachment.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
