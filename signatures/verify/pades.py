"""A signed PDF (PAdES): the signer's tool signs the portal's confirmation as an incremental
update, so the file begins with the confirmation's exact bytes, and each signature covers
them. pyHanko checks each signature's integrity and whether anything beyond signatures and
form filling was changed after the confirmation; `trust` checks the certificate."""
import io
import logging
from datetime import datetime

from pyhanko.pdf_utils.misc import PdfReadError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature

from signatures import rules
from signatures.verify import trust
from signatures.verify.common import error, signature_entry

log = logging.getLogger(__name__)


def _signatures(data: bytes):
    try:
        return PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures
    except (PdfReadError, ValueError, KeyError, TypeError, IndexError):
        return []


def _changed_after_issue(embedded) -> bool:
    """The first signature must be made directly on the confirmation (revision 1 over revision 0):
    an update between them could change what the signer saw. What comes after a signature is
    judged by pyHanko's analysis of that signature (`_one`)."""
    return min(sig.signed_revision for sig in embedded) != 1


def inspect(data: bytes, result: dict, *, expected: bytes, anchors: trust.Anchors, uploaded_at: datetime) -> None:
    embedded = _signatures(data)
    if not embedded:
        return
    result["covers"] = data.startswith(expected)
    result["_content"] = data
    if result["covers"] and _changed_after_issue(embedded):
        result["errors"].append(error(rules.TAMPERED))
    for sig in embedded:
        result["signatures"].append(_one(sig, len(expected) if result["covers"] else 0, anchors, uploaded_at))


def _one(sig, original_length: int, anchors: trust.Anchors, uploaded_at: datetime) -> dict:
    cert = sig.signer_cert
    others = list(sig.other_embedded_certs)
    context = trust.validation_context(anchors, uploaded_at, others)
    try:
        status = validate_pdf_signature(sig, signer_validation_context=context, ts_validation_context=context)
        level = status.modification_level
        intact = bool(status.intact and status.valid) and (level is None or level <= ModificationLevel.FORM_FILLING)
        stamp = status.timestamp_validity
    except Exception:  # noqa: BLE001 - a broken signature is reported as such, never as a server error
        log.info("PAdES validation failed", exc_info=True)
        intact, stamp = False, None
    start, first, second, rest = sig.byte_range
    if original_length and second + rest < original_length:
        intact = False  # the signature does not reach over the whole confirmation
    signed_at, source = uploaded_at, "upload"
    if stamp is not None and stamp.intact and stamp.valid and stamp.trusted:
        signed_at, source = stamp.timestamp, "timestamp"
    return signature_entry(cert, others, anchors, intact=intact, signed_at=signed_at, source=source,
                           claimed_at=sig.self_reported_timestamp)
