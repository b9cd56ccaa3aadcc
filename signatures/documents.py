"""The verification report of a signed confirmation (PDF, WeasyPrint through `core.pdf`): made
once when the file is recorded and kept with it, so it shows what was found at that moment."""
from datetime import datetime

from django.utils import translation

from core.pdf.render import render_pdf
from signatures import rules, selectors
from signatures.models import SignedConfirmation

REVOCATION = {"revoked": "unieważniony", "checked": "sprawdzony z listą CRL: nieunieważniony",
              "not_checked": "nie sprawdzono (brak listy CRL wystawcy)"}
TIME_SOURCE = {"timestamp": "znacznik czasu", "upload": "czas przesłania do portalu"}


def _signer_rows(signed: SignedConfirmation) -> list[dict]:
    rows = []
    for sig in signed.result.get("signatures", []):
        rows.append({
            **sig,
            "signed_at_text": rules.moment(datetime.fromisoformat(sig["signed_at"])),
            "time_source_text": TIME_SOURCE.get(sig.get("time_source"), ""),
            "revocation_text": REVOCATION.get(sig.get("revocation"), ""),
            "validity": f"{sig['not_before'][:10]} – {sig['not_after'][:10]}",
        })
    return rows


def report_context(signed: SignedConfirmation) -> dict:
    version = signed.version
    deadline = selectors.deadline_of(version)
    return {
        "signed": signed,
        "version": version,
        "number": version.data.get("number") or "",
        "title": version.data.get("title") or "",
        "call_title": (version.data.get("call_info") or {}).get("title") or signed.offer.call.title,
        "uploaded_at": rules.moment(signed.uploaded_at),
        "deadline": rules.moment(deadline),
        "signers": _signer_rows(signed),
        "problems": selectors.problems_of(signed),
        "status": selectors.signed_status_for_report(signed, deadline),
    }


def report_pdf(signed: SignedConfirmation) -> bytes:
    with translation.override("pl"):
        return render_pdf("signatures/pdf/report.html", report_context(signed), language="pl")
