"""Writes of the formal check. Each function is one atomic, recorded change.

Flow: submissions close → `formal_check_start` opens a sheet per submitted offer with the
computed answers → clerks record paper confirmations (`receipt_record`), answer and confirm
sheets (a second clerk approves them when the call asks for four eyes), may return an offer
for correction if the call allows it → `formal_check_close` admits or rejects every offer,
tells the applicants, and moves the call to merit evaluation. A call with no submitted
offers, or none admitted, can be annulled instead (art. 18a of the Act).

A package: `common` (shared steps), `receipts`, `sheets`, `corrections` (its module connects the
`offer_resubmitted` receiver, so importing this package connects it) and `closing`.
"""
from evaluation.formal.services.closing import annulment_allowed, call_annul, formal_check_close, result_reasons
from evaluation.formal.services.corrections import sheet_return_for_correction
from evaluation.formal.services.receipts import MismatchNotConfirmed, receipt_record, receipt_void
from evaluation.formal.services.sheets import (
    compute_check,
    formal_check_start,
    offer_facts,
    sheet_answer,
    sheet_approve,
    sheet_confirm,
    sheet_reopen,
)

__all__ = [
    "MismatchNotConfirmed", "annulment_allowed", "call_annul", "compute_check", "formal_check_close",
    "formal_check_start", "offer_facts", "receipt_record", "receipt_void", "result_reasons", "sheet_answer",
    "sheet_approve", "sheet_confirm", "sheet_reopen", "sheet_return_for_correction",
]
