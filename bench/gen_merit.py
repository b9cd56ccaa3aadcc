"""The commission's work and the decision for the benchmark data (`bench/generate.py`).

Declarations and score sheets are written in bulk: the declaration's text by
`rules_merit.declaration_text`, the points of each criterion and the sheet's total by
`rules_merit.criterion_points` and `sheet_total`, the counts of the scale criteria by
`selectors_merit.offer_counts` — what `sheet_save` would have stored. Closing the stage
(`merit_close`, which fixes every final score from the submitted sheets) and the decision
(`decision_propose`, `decision_lock`, `results_publish`) run through the real services.
"""
import random
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import translation

from awards import services as awards
from competition.models import Call, CommissionMember
from evaluation.merit import rules as rules_merit
from evaluation.merit import selectors as selectors_merit
from evaluation.merit import services as services_merit
from evaluation.models import CriterionScore, Declaration, MeritEvent, ScoreSheet
from bench.gen_copy import copy_rows
from bench.gen_stages import BATCH, CONFLICT, JUSTIFICATION


def _entries(rng: random.Random, criteria, counts, share: float, *, complete: bool) -> dict:
    entries = {}
    for c in criteria:
        offer_count = counts[c.source].value if c.kind == rules_merit.SCALE and c.source in counts else None
        entry = rules_merit.Entry(offer_count=offer_count, justification=JUSTIFICATION.get(c.code, ""))
        if c.kind == rules_merit.JUDGEMENT:
            for part in c.parts:
                points = round(part.high * min(1.0, max(0.0, share + rng.gauss(0, 0.08))))
                filled = complete or c.code not in ("d", "e")
                entry.parts[part.pk] = max(part.low, min(part.high, points)) if filled else None
        else:
            entry.count = offer_count
        entries[c.pk] = entry
    return entries


def _sheet(rng, seat, offer, criteria, share: float, at: datetime, *, complete: bool):
    """The sheet (unsaved) and its scores as (criterion pk, parts, count, offer count, points, justification)."""
    counts = selectors_merit.offer_counts(offer)
    entries = _entries(rng, criteria, counts, share, complete=complete)
    version = max(offer.versions.all(), key=lambda v: v.number)
    sheet = ScoreSheet(member=seat, offer=offer, version=version, revision=1 if complete else 2,
                       state=ScoreSheet.State.SUBMITTED if complete else ScoreSheet.State.DRAFT,
                       total=rules_merit.sheet_total(criteria, entries) if complete else None,
                       submitted_at=at if complete else None)
    scores = [(c.pk, {str(k): v for k, v in entries[c.pk].parts.items()}, entries[c.pk].count,
               entries[c.pk].offer_count, rules_merit.criterion_points(c, entries[c.pk]), entries[c.pk].justification)
              for c in criteria]
    return sheet, scores


def _declaration(call: Call, seat, name: str, offer, at: datetime, conflict: bool) -> tuple:
    chosen = [4] if conflict else []
    explanation = CONFLICT if conflict else ""
    text = rules_merit.declaration_text(member=name, offer=offer.number, offerors=selectors_merit.offerors_of(offer),
                                        grounds=call.impartiality_grounds, conflict=conflict, chosen=chosen,
                                        explanation=explanation)
    return (seat.pk, offer.pk, conflict, chosen, explanation, text, at, None, None, "")


DECLARATION = ["member_id", "offer_id", "conflict", "grounds", "explanation", "text", "declared_at", "withdrawn_at",
               "withdrawn_by_id", "withdrawn_reason"]
EVENT = ["call_id", "offer_id", "member_id", "kind", "by_id", "at", "details"]
SCORE = ["sheet_id", "criterion_id", "parts", "count", "offer_count", "points", "justification"]


def score(rng: random.Random, call: Call, seats: list[CommissionMember], *, start: datetime, end: datetime,
          submitted: float = 1.0, drafts: float = 0.0, conflicts: float = 0.004) -> None:
    """Every member declares for every admitted offer (a few conflicts); `submitted` of the sheets
    are submitted, `drafts` saved as drafts (criteria d and e empty), the rest not started."""
    offers = list(selectors_merit.admitted_offers(call).prefetch_related("zones", "lpr_projects", "versions"))
    criteria = selectors_merit.criteria_of(call)
    quality = {o.pk: rng.uniform(0.3, 0.95) for o in offers}
    span = (end - start).total_seconds()
    declarations, sheets, scores, events = [], [], [], []
    with translation.override(settings.LANGUAGE_CODE):  # the declaration's text as signed, in Polish
        for seat in seats:
            name, bias = selectors_merit.member_name(seat), rng.uniform(-0.08, 0.08)
            for offer in offers:
                at = start + timedelta(seconds=rng.uniform(0, span * 0.3))
                conflict = rng.random() < conflicts
                declarations.append(_declaration(call, seat, name, offer, at, conflict))
                kind = MeritEvent.Kind.CONFLICT if conflict else MeritEvent.Kind.DECLARED
                events.append((call.pk, offer.pk, seat.pk, kind, seat.user_id, at, {"grounds": [5] if conflict else []}))
                luck = rng.random()
                if conflict or luck >= submitted + drafts:
                    continue
                done = luck < submitted
                at = start + timedelta(seconds=rng.uniform(span * 0.3, span))
                sheet, rows = _sheet(rng, seat, offer, criteria, quality[offer.pk] + bias, at, complete=done)
                sheets.append(sheet)
                scores.append(rows)
                kind = MeritEvent.Kind.SUBMITTED if done else MeritEvent.Kind.SAVED
                events.append((call.pk, offer.pk, seat.pk, kind, seat.user_id, at, {"total": sheet.total}))
    copy_rows(Declaration, DECLARATION, declarations)
    ScoreSheet.objects.bulk_create(sheets, batch_size=BATCH)
    copy_rows(CriterionScore, SCORE, ((sheet.pk, *row) for sheet, rows in zip(sheets, scores) for row in rows))
    copy_rows(MeritEvent, EVENT, events)


def close_and_decide(call: Call, chair, clerk, mayor, *, closed: datetime) -> Call:
    """The chair closes the evaluation; three days later a clerk proposes the allocation, the authority
    decides three days after that, and the results are published the next day."""
    with translation.override(settings.LANGUAGE_CODE):
        call = services_merit.merit_close(call=call, by=chair, now=closed)
        decision = awards.decision_propose(call=call, by=clerk, now=closed + timedelta(days=3))
        locked = closed + timedelta(days=6)
        awards.decision_lock(decision=decision, order_number=f"Zarządzenie nr {200 + call.pk}/2019",
                             order_date=locked.date(), by=mayor, now=locked)
        return awards.results_publish(call=Call.objects.get(pk=call.pk), by=clerk, now=locked + timedelta(days=1))
