"""Writes of the merit evaluation (Stage II). Each function is one atomic, recorded change.

Flow: the formal check closes → each commission member declares impartiality (or a
conflict) per admitted offer (`declaration_make`) → scoring members save and submit a
score sheet per offer (`sheet_save`), experts an opinion → the chair may lift a conflict or
reopen a sheet, each with a reason → the chair closes the stage (`merit_close`), which fixes
every offer's final score (`MeritResult`) and moves the call to "scored".
"""
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from competition import services as call_services
from competition.models import Call, CommissionMember
from evaluation.merit import rules
from evaluation.merit import selectors
from evaluation.models import CriterionScore, Declaration, MeritEvent, MeritResult, ScoreSheet
from offers.models import Offer


STALE = "stale"  # the code of the error of a save based on an older revision of the sheet


def _now() -> datetime:
    return timezone.now()


def _event(call: Call, kind: str, by, *, offer=None, member=None, now=None, **details) -> MeritEvent:
    return MeritEvent.objects.create(call=call, offer=offer, member=member, kind=kind, by=by, at=now or _now(),
                                     details=details)


def _require_scoring_stage(call: Call) -> None:
    if call.state != Call.State.MERIT_EVALUATION:
        raise ValidationError(_("The merit evaluation of this call is not under way (the call is at the stage "
                                "“%(stage)s”).") % {"stage": call.get_state_display()})


def _require_chair(call: Call, user) -> None:
    if not selectors.is_chair(user, call):
        raise ValidationError(_("Only the chair of the commission may do this."))


def _require_admitted(seat: CommissionMember, offer: Offer) -> None:
    if not selectors.admitted_offers(seat.call).filter(pk=offer.pk).exists():
        raise ValidationError(_("This offer is not among the offers admitted to the merit evaluation of this call."))


# --- declarations -----------------------------------------------------------------------------------


@transaction.atomic
def declaration_make(*, seat: CommissionMember, offer: Offer, conflict: bool | None, grounds: list[int],
                     explanation: str = "", now: datetime | None = None) -> Declaration:
    """Declare impartiality, or a conflict, for one offer (KPA art. 24 with art. 15 of the Act).

    A member who declared impartiality may later declare a conflict (a sheet already written
    stops counting); a declared conflict can be lifted only by the chair."""
    now = now or _now()
    seat = CommissionMember.objects.select_for_update().select_related("call", "user").get(pk=seat.pk)
    call = seat.call
    _require_scoring_stage(call)
    _require_admitted(seat, offer)
    grounds = sorted(set(grounds))
    error = rules.declaration_error(conflict, grounds, len(call.impartiality_grounds))
    if error:
        raise ValidationError({"conflict" if conflict is None else "grounds": error})
    existing = Declaration.objects.select_for_update().filter(member=seat, offer=offer).first()
    if existing and existing.excludes:
        raise ValidationError(_("You have already declared a conflict for this offer; only the chair can lift it."))
    if existing and not conflict:
        raise ValidationError(_("You have already declared your impartiality for this offer."))
    text = rules.declaration_text(
        member=selectors.member_name(seat), offer=offer.number, offerors=selectors.offerors_of(offer),
        grounds=selectors.grounds_of(seat), conflict=bool(conflict), chosen=grounds, explanation=explanation,
    )
    declaration = existing or Declaration(member=seat, offer=offer)
    declaration.conflict = bool(conflict)
    declaration.grounds = grounds
    declaration.explanation = explanation.strip()
    declaration.text = text
    declaration.declared_at = now
    declaration.withdrawn_at, declaration.withdrawn_by, declaration.withdrawn_reason = None, None, ""
    declaration.full_clean()
    declaration.save()
    sheet = ScoreSheet.objects.filter(member=seat, offer=offer).first()
    _event(call, MeritEvent.Kind.CONFLICT if conflict else MeritEvent.Kind.DECLARED, seat.user, offer=offer,
           member=seat, now=now, grounds=[n + 1 for n in grounds], explanation=declaration.explanation,
           changed_from_impartial=bool(existing), sheet=sheet.state if sheet else "")
    return declaration


@transaction.atomic
def conflict_lift(*, declaration: Declaration, by, reason: str, now: datetime | None = None) -> Declaration:
    """The chair lifts a declared conflict (e.g. ticked by mistake); the member may then score."""
    now = now or _now()
    declaration = Declaration.objects.select_for_update().select_related("member__call", "offer").get(
        pk=declaration.pk)
    call = declaration.member.call
    _require_scoring_stage(call)
    _require_chair(call, by)
    if not declaration.excludes:
        raise ValidationError(_("This declaration names no conflict to lift."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for lifting the conflict; it goes into the protocol.")})
    declaration.withdrawn_at = now
    declaration.withdrawn_by = by
    declaration.withdrawn_reason = reason.strip()
    declaration.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_reason"])
    _event(call, MeritEvent.Kind.CONFLICT_LIFTED, by, offer=declaration.offer, member=declaration.member, now=now,
           reason=reason.strip())
    return declaration


# --- score sheets -----------------------------------------------------------------------------------


@dataclass
class SheetInput:
    """What the member typed, as typed: parsed and checked by `sheet_save`."""

    parts: dict[int, str] = field(default_factory=dict)         # sub-criterion pk → points
    counts: dict[int, str] = field(default_factory=dict)        # criterion pk → confirmed count
    justifications: dict[int, str] = field(default_factory=dict)  # criterion pk → text
    opinion: str = ""


def parse_input(data: SheetInput, criteria: list[rules.Criterion],
                counts: dict) -> tuple[dict[int, rules.Entry], dict[str, list[str]]]:
    entries, errors = {}, {}
    for c in criteria:
        offer_count = counts[c.source].value if c.kind == rules.SCALE and c.source in counts else None
        entry = rules.Entry(offer_count=offer_count, justification=(data.justifications.get(c.pk) or "").strip())
        if c.kind == rules.JUDGEMENT:
            for part in c.parts:
                value, error = rules.parse_points(data.parts.get(part.pk), part)
                entry.parts[part.pk] = value
                if error:
                    errors[f"part-{part.pk}"] = [error]
        elif c.member_confirms:
            entry.count, error = rules.parse_count(data.counts.get(c.pk))
            if error:
                errors[f"count-{c.pk}"] = [error]
        else:
            entry.count = offer_count
        entries[c.pk] = entry
    return entries, errors


def _changes(sheet: ScoreSheet, criteria, entries) -> dict[str, list]:
    """Old and new points per criterion (and the opinion), for the audit row."""
    before = {s.criterion_id: s.points for s in sheet.scores.all()} if sheet.pk else {}
    changes = {}
    for c in criteria:
        new = rules.criterion_points(c, entries[c.pk])
        if before.get(c.pk) != new:
            changes[c.code] = [before.get(c.pk), new]
    return changes


@transaction.atomic
def sheet_save(*, seat: CommissionMember, offer: Offer, data: SheetInput, revision: int | None = None,
               submit: bool = False, autosave: bool = False, now: datetime | None = None) -> ScoreSheet:
    """Save a member's sheet as a draft, or submit it (complete, then locked).

    Nothing is stored when any input is malformed; the view shows the messages beside what
    was typed. A submitted sheet changes only after the chair reopens it. An autosave (every
    pause in typing) is recorded in the history only when points or the opinion changed, so the
    chair's history is not a list of keystrokes; a save the member asks for always is."""
    now = now or _now()
    seat = CommissionMember.objects.select_for_update().select_related("call", "user").get(pk=seat.pk)
    call = seat.call
    _require_scoring_stage(call)
    _require_admitted(seat, offer)
    sheet = _sheet_to_write(seat, offer, revision)
    scoring = selectors.scores(seat)
    criteria = selectors.criteria_of(call) if scoring else []
    entries = _checked_entries(data, criteria, selectors.offer_counts(offer), scoring=scoring, submit=submit)
    if sheet is None:
        sheet = ScoreSheet(member=seat, offer=offer, version=selectors.latest_version(offer))
    changes = _changes(sheet, criteria, entries)
    if (sheet.opinion or "") != data.opinion.strip():
        changes["opinion"] = [sheet.opinion or "", data.opinion.strip()]
    sheet.opinion = data.opinion.strip()
    sheet.revision = (sheet.revision or 0) + 1 if sheet.pk else 1
    if submit:
        sheet.state = ScoreSheet.State.SUBMITTED
        sheet.total = rules.sheet_total(criteria, entries) if scoring else None
        sheet.submitted_at = now
    sheet.save()
    _store_scores(sheet, criteria, entries)
    if autosave and not changes:
        return sheet
    _event(call, MeritEvent.Kind.SUBMITTED if submit else MeritEvent.Kind.SAVED, seat.user, offer=offer,
           member=seat, now=now, changes=changes, total=sheet.total)
    return sheet


def _sheet_to_write(seat: CommissionMember, offer: Offer, revision: int | None) -> ScoreSheet | None:
    """The member's sheet of the offer, locked (None before the first save), once the member has
    declared impartiality, the sheet is not submitted and nobody saved it since it was opened."""
    declaration = Declaration.objects.filter(member=seat, offer=offer).first()
    if declaration is None or declaration.excludes:
        raise ValidationError(_("Only a member who has declared impartiality for an offer may score it."))
    sheet = ScoreSheet.objects.select_for_update().filter(member=seat, offer=offer).first()
    if sheet and sheet.is_submitted:
        raise ValidationError(_("This sheet has been submitted and is locked; the chair can reopen it."))
    if sheet and revision is not None and revision != sheet.revision:
        raise ValidationError(_("The sheet was saved elsewhere (another window?) after you opened it; reload the "
                                "page and enter your changes again."), code=STALE)
    return sheet


def _checked_entries(data: SheetInput, criteria, counts, *, scoring: bool, submit: bool) -> dict:
    """The parsed entries; malformed input, or an incomplete sheet being submitted, is refused
    with the messages grouped by field."""
    entries, errors = parse_input(data, criteria, counts)
    if errors:
        raise ValidationError(errors)
    if submit:
        problems = rules.submit_problems(criteria, entries, scores=scoring, opinion=data.opinion)
        if problems:
            grouped = {}
            for key, message in problems:
                grouped.setdefault(key, []).append(message)
            raise ValidationError(grouped)
    return entries


def _store_scores(sheet: ScoreSheet, criteria, entries) -> None:
    for c in criteria:
        entry = entries[c.pk]
        CriterionScore.objects.update_or_create(sheet=sheet, criterion_id=c.pk, defaults={
            "parts": {str(k): v for k, v in entry.parts.items()}, "count": entry.count,
            "offer_count": entry.offer_count, "points": rules.criterion_points(c, entry),
            "justification": entry.justification,
        })


@transaction.atomic
def sheet_reopen(*, sheet: ScoreSheet, by, reason: str, now: datetime | None = None) -> ScoreSheet:
    """The chair reopens a submitted sheet; it stops counting until it is submitted again."""
    now = now or _now()
    sheet = ScoreSheet.objects.select_for_update().select_related("member__call", "offer").get(pk=sheet.pk)
    call = sheet.member.call
    _require_scoring_stage(call)
    _require_chair(call, by)
    if not sheet.is_submitted:
        raise ValidationError(_("Only a submitted sheet can be reopened."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for reopening the sheet; it goes into the protocol.")})
    sheet.state = ScoreSheet.State.DRAFT
    sheet.revision += 1
    sheet.save(update_fields=["state", "revision", "updated_at"])
    _event(call, MeritEvent.Kind.REOPENED, by, offer=sheet.offer, member=sheet.member, now=now,
           reason=reason.strip(), total=sheet.total)
    return sheet


# --- closing ----------------------------------------------------------------------------------------


@transaction.atomic
def merit_close(*, call: Call, by, reason: str = "", now: datetime | None = None) -> Call:
    """Close the merit evaluation and fix every admitted offer's final score.

    Without a reason only when every member has declared for every offer and every scoring
    member not excluded has submitted every sheet; otherwise the chair's reason is recorded
    together with the list of what is missing."""
    now = now or _now()
    call = Call.objects.select_for_update().get(pk=call.pk)
    _require_scoring_stage(call)
    _require_chair(call, by)
    state = selectors.progress(call)
    if not any(selectors.scores(m) for m in state.members):
        raise ValidationError(_("The commission has no member with a vote; appoint the members first."))
    missing = rules.describe_missing(state.missing)
    if missing and not (reason or "").strip():
        raise ValidationError({"reason": _("The evaluation is not complete. To close it anyway, give the reason; "
                                           "it is recorded with what is missing:\n%(missing)s") % {"missing": missing}})
    for row in state.rows:
        outcome = row.outcome
        MeritResult.objects.create(
            offer=row.offer, points_sum=outcome.points_sum, sheet_count=outcome.sheet_count, score=outcome.score,
            criterion_means={code: str(value) for code, value in outcome.criterion_means.items()},
            min_total=outcome.low, max_total=outcome.high, quorum=outcome.quorum, closed_at=now,
        )
    call = call_services.call_transition(call=call, to=Call.State.SCORED, by=by, reason=(reason or "").strip(),
                                         now=now)
    _event(call, MeritEvent.Kind.CLOSED, by, now=now, reason=(reason or "").strip(), missing=missing,
           offers=len(state.rows), without_quorum=[r.offer.number for r in state.rows if not r.outcome.quorum])
    return call


@transaction.atomic
def declarations_make_impartial(*, seat: CommissionMember, offers: list[Offer], now: datetime | None = None) -> int:
    """One statement for many offers: none of the grounds applies to the member for any of them.

    Each offer still gets its own declaration (naming its offerors) and its own audit row; a
    conflict is always declared offer by offer. All or nothing."""
    if not offers:
        raise ValidationError({"offers": _("Tick at least one offer.")})
    for offer in offers:
        if Declaration.objects.filter(member=seat, offer=offer).exists():
            raise ValidationError(_("You have already declared for offer %(number)s.") % {"number": offer.number})
        declaration_make(seat=seat, offer=offer, conflict=False, grounds=[], now=now)
    return len(offers)
