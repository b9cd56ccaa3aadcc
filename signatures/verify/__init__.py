"""Reading an uploaded file: is it a signature, over what, by whom, with which certificate.

`inspect_file` answers with plain data (kept as `SignedConfirmation.result`):

    {"kind": "pades" | "xades" | "unknown",
     "covers": bool,              # what is signed is exactly the portal's confirmation of the version
     "other_version": int | None, # ...or the confirmation of that other version of the offer
     "errors": [{"code", "params"}],          # problems of the file as a whole
     "signatures": [{"name", "subject", "issuer", "serial", "not_before", "not_after",
                     "intact": bool, "problem": code | "", "revocation": "revoked" | "checked" | "not_checked",
                     "signed_at": iso, "time_source": "timestamp" | "upload", "claimed_at": iso | None}]}

`expected` is the confirmation PDF of the version (signed content must be exactly it);
`others()` gives the other versions' control sums ({number: checksum}), asked only when it is not,
to name the version whose confirmation was signed instead (for a detached XML signature, which
holds only a digest, the other version cannot be named).
"""
import asyncio
import io
from concurrent.futures import ThreadPoolExecutor
from collections.abc import Callable
from datetime import datetime

from signatures import rules
from signatures.verify.common import error
from signatures.verify.trust import Anchors, load_anchors

__all__ = ["inspect_file", "load_anchors", "Anchors"]


def detect_kind(data: bytes) -> str:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"%PDF-"):
        return "pades"
    if head.startswith(b"<"):
        return "xades"
    return "unknown"


def inspect_file(data: bytes, **kwargs) -> dict:
    """pyHanko and the certificate validator run their own event loop (`asyncio.run`): where this
    thread already runs one (an ASGI server, a browser test's driver), the inspection runs in a
    thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return _inspect(data, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_inspect, data, **kwargs).result()


def _inspect(data: bytes, *, expected: bytes, others: Callable[[], dict[int, str]], anchors: Anchors,
             uploaded_at: datetime) -> dict:
    from signatures.verify import pades, xades  # pyHanko and signxml load slowly: only when a file comes

    kind = detect_kind(data)
    result = {"kind": kind, "covers": False, "other_version": None, "errors": [], "signatures": []}
    if kind == "pades":
        pades.inspect(data, result, expected=expected, anchors=anchors, uploaded_at=uploaded_at)
    elif kind == "xades":
        xades.inspect(data, result, expected=expected, anchors=anchors, uploaded_at=uploaded_at)
    if not result["signatures"] and not result["errors"]:
        result["kind"] = "unknown"
        result["errors"].append(error(rules.NOT_SIGNATURE))
    if any(not s["intact"] for s in result["signatures"]) and not result["errors"]:
        result["errors"].append(error(rules.TAMPERED))
    if result["signatures"] and not result["covers"] and not result["errors"]:
        content = result.pop("_content", None)
        other = _other_version(content, others())
        result["other_version"] = other
        result["errors"].append(error(rules.OTHER_VERSION if other else rules.NOT_THIS_CONFIRMATION))
    result.pop("_content", None)
    return result


def _other_version(content, checksums: dict[int, str]) -> int | None:
    """The version whose confirmation was signed: the PDF signed (a signed PDF, or the one inside an
    enveloping XML signature) prints its entry code ("<offer>/<version>/<8 digits of the sum>"), or
    else its control sum (the same for versions with the same content). Another version's
    confirmation cannot be rebuilt byte for byte once withdrawn (it then says so), but what it
    printed identifies it."""
    if not checksums or not isinstance(content, bytes) or not content.startswith(b"%PDF"):
        return None
    text = "".join(_text(content).split()).lower()
    by_code = [n for n, checksum in checksums.items() if f"/{n}/{checksum[:8]}" in text]
    by_sum = [n for n, checksum in checksums.items() if checksum in text]
    return (by_code or by_sum or [None])[0]


def _text(pdf: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        return " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages[:3])
    except (PyPdfError, ValueError, KeyError, TypeError):
        return ""
