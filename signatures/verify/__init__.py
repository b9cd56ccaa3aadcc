"""Reading an uploaded file: is it a signature, over what, by whom, with which certificate.

`inspect_file` answers with plain data (kept as `SignedConfirmation.result`):

    {"kind": "pades" | "xades" | "unknown",
     "covers": bool,              # what is signed is exactly the portal's confirmation of the version
     "other_version": int | None, # ...or the confirmation of that other version of the offer
     "errors": [{"code", "params"}],          # problems of the file as a whole
     "signatures": [{"name", "subject", "issuer", "serial", "not_before", "not_after",
                     "intact": bool, "problem": code | "", "revocation": "revoked" | "checked" | "not_checked",
                     "signed_at": iso, "time_source": "timestamp" | "upload", "claimed_at": iso | None}]}

`expected` is the confirmation PDF of the version; `others()` gives the other versions'
confirmations ({number: bytes}), built only when the signed content is not `expected`.
"""
import hashlib
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


def inspect_file(data: bytes, *, expected: bytes, others: Callable[[], dict[int, bytes]], anchors: Anchors,
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
        other = next((n for n, pdf in others().items() if content is not None and _same(content, pdf, kind)), None)
        result["other_version"] = other
        result["errors"].append(error(rules.OTHER_VERSION if other else rules.NOT_THIS_CONFIRMATION))
    result.pop("_content", None)
    return result


def _same(content, pdf: bytes, kind: str) -> bool:
    """The signed content is `pdf`: the start of a signed PDF, the file inside an enveloping XML
    signature, or the digest a detached XML signature holds (algorithm name, digest)."""
    if isinstance(content, tuple):
        name, digest = content
        return hashlib.new(name, pdf).digest() == digest
    return content.startswith(pdf) if kind == "pades" else content == pdf
