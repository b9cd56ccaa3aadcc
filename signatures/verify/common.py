"""What both kinds of signature record for one signature."""
from datetime import datetime

from signatures import rules
from signatures.verify import trust


def error(code: str, **params) -> dict:
    return {"code": code, "params": params}


def signature_entry(cert, others, anchors: trust.Anchors, *, intact: bool, signed_at: datetime, source: str,
                    claimed_at: datetime | None) -> dict:
    entry = {**trust.describe(cert), "intact": intact, "signed_at": signed_at.isoformat(), "time_source": source,
             "claimed_at": claimed_at.isoformat() if claimed_at else None}
    if not intact:
        entry.update(problem=rules.TAMPERED, revocation="not_checked")
        return entry
    check = trust.check_certificate(cert, others, anchors, signed_at)
    entry.update(problem=check.problem, revocation=check.revocation)
    return entry
