"""Reads of the merit evaluation, always scoped to the commission seat or role asking.

A member reaches an offer only through `member_offer_get`, which 404s for offers that are
not admitted in the member's call; the views then refuse the content to a member without a
declaration or with a conflict (404 as well, so an excluded member learns nothing).
"""
from dataclasses import dataclass, field
from fractions import Fraction

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from competition.choices import ScaleSource
from competition.models import Call, CommissionMember, MeritCriterion, ScaleStep
from competition.models.call import IMPARTIALITY_GROUNDS_MSGIDS
from evaluation.merit import rules
from evaluation.models import CriterionScore, Declaration, FormalSheet, MeritResult, ScoreSheet
from offers.models import Offer, OfferVersion

# Stages in which the commission's pages exist.


def criteria_of(call: Call) -> list[rules.Criterion]:
    criteria = MeritCriterion.objects.filter(call=call).prefetch_related("subcriteria", "steps")
    return [
        rules.Criterion(
            pk=c.pk, code=c.code, title=c.title, kind=c.kind,
            parts=tuple(rules.Part(p.pk, p.name, p.min_points, p.max_points) for p in c.subcriteria.all()),
            steps=tuple((s.min_count, s.points) for s in c.steps.all()),
            source=c.source, member_confirms=c.member_confirms,
        )
        for c in criteria
    ]


def offerors_of(offer: Offer) -> list[str]:
    """The lead offeror first, then the partners of a joint offer."""
    return [offer.organisation.name] + [p.organisation.name for p in offer.partners.all()]


@dataclass(frozen=True)
class Count:
    value: int
    items: list[str]


def offer_counts(offer: Offer) -> dict[str, Count]:
    """The counts a step scale can read from an offer, each with what it counted."""
    offerors = offerors_of(offer)
    zones = [z.name for z in offer.zones.all()]
    projects = [p.code for p in offer.lpr_projects.all()]
    return {
        ScaleSource.OFFERORS: Count(len(offerors), offerors),
        ScaleSource.ZONES: Count(len(zones), zones),
        ScaleSource.LPR_PROJECTS: Count(len(projects), projects),
    }


def admitted_offers(call: Call) -> QuerySet:
    """Offers the formal check admitted: what the commission scores."""
    return (
        Offer.objects.filter(call=call, formal_sheet__result=FormalSheet.Result.ADMITTED)
        .select_related("organisation")
        .prefetch_related("partners__organisation")
        .order_by("number", "pk")
    )


def scores(seat: CommissionMember) -> bool:
    """Experts have an advisory voice only: an opinion, no score in the mean (art. 15 ust. 2b)."""
    return seat.kind != CommissionMember.Kind.EXPERT


def seat_get(*, user, slug: str) -> CommissionMember:
    """The user's seat in the call's commission, or 404."""
    if not user.is_authenticated:
        raise Http404
    return get_object_or_404(
        CommissionMember.objects.select_related("call", "user"),
        call__slug=slug, user=user, call__state__in=Call.COMMISSION_STAGES,
    )


def member_offer_get(*, seat: CommissionMember, offer_pk: int) -> Offer:
    try:
        return admitted_offers(seat.call).prefetch_related("zones", "lpr_projects").get(pk=offer_pk)
    except Offer.DoesNotExist:
        raise Http404 from None


def declaration_get(seat: CommissionMember, offer: Offer) -> Declaration | None:
    return Declaration.objects.filter(member=seat, offer=offer).first()


def latest_version(offer: Offer) -> OfferVersion | None:
    return offer.versions.order_by("-number").first()


def scored_version(seat: CommissionMember, offer: Offer) -> OfferVersion | None:
    """The version the member scores: their sheet's, or before a sheet the latest submitted one."""
    sheet = offer.score_sheets.filter(member=seat).select_related("version").first()
    return sheet.version if sheet is not None else latest_version(offer)


# --- the member's list ------------------------------------------------------------------------------


@dataclass
class MemberRow:
    offer: Offer
    offerors: list[str]
    declaration: Declaration | None
    sheet: ScoreSheet | None

    @property
    def excluded(self) -> bool:
        return bool(self.declaration and self.declaration.excludes)


@dataclass
class MemberOverview:
    seat: CommissionMember
    rows: list[MemberRow]
    scores: bool

    @property
    def declared(self) -> int:
        return sum(1 for r in self.rows if r.declaration)

    @property
    def excluded(self) -> int:
        return sum(1 for r in self.rows if r.excluded)

    @property
    def submitted(self) -> int:
        return sum(1 for r in self.rows if r.sheet and r.sheet.is_submitted)

    @property
    def to_score(self) -> int:
        return len(self.rows) - self.excluded


def member_overview(seat: CommissionMember) -> MemberOverview:
    offers = list(admitted_offers(seat.call))
    declarations = {d.offer_id: d for d in Declaration.objects.filter(member=seat)}
    sheets = {s.offer_id: s for s in ScoreSheet.objects.filter(member=seat)}
    rows = [MemberRow(o, offerors_of(o), declarations.get(o.pk), sheets.get(o.pk)) for o in offers]
    return MemberOverview(seat=seat, rows=rows, scores=scores(seat))


# --- one sheet --------------------------------------------------------------------------------------


@dataclass
class CriterionRow:
    criterion: rules.Criterion
    entry: rules.Entry
    points: int | None
    count_items: list[str] = field(default_factory=list)


def entries_of(sheet: ScoreSheet | None, criteria: list[rules.Criterion],
               counts: dict[str, Count]) -> dict[int, rules.Entry]:
    """The sheet's saved entries, or for a new sheet the counts pre-filled from the offer."""
    saved = {s.criterion_id: s for s in sheet.scores.all()} if sheet else {}
    entries = {}
    for c in criteria:
        offer_count = counts[c.source].value if c.kind == rules.SCALE and c.source in counts else None
        score = saved.get(c.pk)
        if score:
            entries[c.pk] = rules.Entry(parts={int(k): v for k, v in score.parts.items()}, count=score.count,
                                        offer_count=offer_count, justification=score.justification)
        else:
            entries[c.pk] = rules.Entry(count=offer_count if c.kind == rules.SCALE else None, offer_count=offer_count)
    return entries


def criterion_rows(criteria, entries, counts) -> list[CriterionRow]:
    return [
        CriterionRow(c, entries[c.pk], rules.criterion_points(c, entries[c.pk]),
                     counts[c.source].items if c.source in counts else [])
        for c in criteria
    ]


@dataclass
class OtherSheet:
    member: CommissionMember
    sheet: ScoreSheet
    rows: list[CriterionRow]


@dataclass
class SheetPage:
    seat: CommissionMember
    offer: Offer
    offerors: list[str]
    declaration: Declaration
    sheet: ScoreSheet | None
    rows: list[CriterionRow]
    total: int | None
    max_total: int
    scores: bool
    others: list[OtherSheet] | None  # None: not visible (yet, or at all)


def sheet_page(*, seat: CommissionMember, offer: Offer, declaration: Declaration) -> SheetPage:
    criteria = criteria_of(seat.call)
    counts = offer_counts(offer)
    sheet = ScoreSheet.objects.filter(member=seat, offer=offer).prefetch_related("scores").first()
    entries = entries_of(sheet, criteria, counts)
    visible = rules.may_see_other_sheets(own_submitted=bool(sheet and sheet.is_submitted),
                                         excluded=declaration.excludes, call_allows=seat.call.show_other_sheets)
    others = None
    if visible:
        others = [
            OtherSheet(s.member, s, criterion_rows(criteria, entries_of(s, criteria, counts), counts))
            for s in ScoreSheet.objects.filter(offer=offer, state=ScoreSheet.State.SUBMITTED)
            .exclude(member=seat).select_related("member__user").prefetch_related("scores")
        ]
    return SheetPage(
        seat=seat, offer=offer, offerors=offerors_of(offer), declaration=declaration, sheet=sheet,
        rows=criterion_rows(criteria, entries, counts), total=rules.sheet_total(criteria, entries),
        max_total=sum(c.max_points for c in criteria), scores=scores(seat), others=others,
    )


# --- the whole commission: progress, outcomes -------------------------------------------------------


@dataclass
class Cell:
    declaration: Declaration | None
    sheet: ScoreSheet | None

    @property
    def state(self) -> str:
        if self.declaration is None:
            return "undeclared"
        if self.declaration.excludes:
            return "excluded"
        if self.sheet is None:
            return "declared"
        return self.sheet.state


@dataclass
class ProgressRow:
    offer: Offer
    offerors: list[str]
    cells: list[Cell]
    outcome: rules.OfferOutcome


@dataclass
class Progress:
    call: Call
    members: list[CommissionMember]
    rows: list[ProgressRow]
    criteria: list[rules.Criterion]
    conflicts: list[Declaration]
    missing: list[rules.Missing]

    @property
    def complete(self) -> bool:
        return not self.missing


def _outcome(call: Call, members: list[CommissionMember], cells: list[Cell], criteria) -> rules.OfferOutcome:
    scoring = [(m, c) for m, c in zip(members, cells) if scores(m) and c.state != "excluded"]
    counted = [c.sheet for _m, c in scoring if c.sheet and c.sheet.is_submitted]
    per_criterion = {cr.code: [] for cr in criteria}
    codes = {cr.pk: cr.code for cr in criteria}
    for sheet in counted:
        for score in sheet.scores.all():
            if score.criterion_id in codes and score.points is not None:
                per_criterion[codes[score.criterion_id]].append(score.points)
    required = rules.min_sheets_required(call.min_sheets, len(scoring))
    return rules.offer_outcome([s.total for s in counted], per_criterion, required=required)


def progress(call: Call) -> Progress:
    """Every offer × every member: declared, excluded, draft or submitted, with live outcomes."""
    members = list(CommissionMember.objects.filter(call=call).select_related("user").order_by("role", "pk"))
    offers = list(admitted_offers(call))
    declarations = {(d.member_id, d.offer_id): d for d in Declaration.objects.filter(offer__call=call)
                    .select_related("member__user", "offer", "withdrawn_by")}
    sheets = {(s.member_id, s.offer_id): s for s in ScoreSheet.objects.filter(offer__call=call)
              .prefetch_related("scores")}
    criteria = criteria_of(call)
    rows = []
    for offer in offers:
        cells = [Cell(declarations.get((m.pk, offer.pk)), sheets.get((m.pk, offer.pk))) for m in members]
        rows.append(ProgressRow(offer, offerors_of(offer), cells, _outcome(call, members, cells, criteria)))
    missing = rules.missing_before_close(
        [(m.pk, member_name(m), scores(m)) for m in members],
        [(o.pk, o.number) for o in offers],
        {key: d.excludes for key, d in declarations.items()},
        {key for key, s in sheets.items() if s.is_submitted},
    )
    conflicts = sorted((d for d in declarations.values() if d.conflict), key=lambda d: (d.offer.number, d.member_id))
    return Progress(call, members, rows, criteria, conflicts, missing)


def seats_of_user(user) -> list[CommissionMember]:
    """The user's seats on commissions, the latest call first."""
    return list(CommissionMember.objects.filter(user=user).select_related("call")
                .order_by("-call__submission_deadline", "pk"))


def scale_steps_of(call: Call) -> dict[int, list[ScaleStep]]:
    """Per scale criterion of the call, its steps from the lowest count up."""
    steps = {}
    for step in ScaleStep.objects.filter(criterion__call=call).order_by("min_count"):
        steps.setdefault(step.criterion_id, []).append(step)
    return steps


def call_in_stages(slug: str, stages) -> Call:
    """The call in one of `stages`; 404 otherwise."""
    return get_object_or_404(Call, slug=slug, state__in=stages)


def declaration_of_call(call: Call, pk: int) -> Declaration:
    return get_object_or_404(Declaration.objects.select_related("member__user", "offer"),
                             pk=pk, offer__call=call, member__call=call)


def sheet_of_call(call: Call, pk: int) -> ScoreSheet:
    return get_object_or_404(ScoreSheet.objects.select_related("member__user", "offer"),
                             pk=pk, offer__call=call, member__call=call)


def member_name(seat: CommissionMember) -> str:
    return seat.user.full_name or seat.user.email


def chair_of(call: Call) -> CommissionMember | None:
    return CommissionMember.objects.filter(call=call, role=CommissionMember.Role.CHAIR).select_related("user").first()


def is_chair(user, call: Call) -> bool:
    return user.is_authenticated and CommissionMember.objects.filter(
        call=call, user=user, role=CommissionMember.Role.CHAIR).exists()


def results(call: Call) -> list[MeritResult]:
    """Fixed outcomes after closing, best first by the exact mean (ties keep the offer number order)."""
    rows = list(MeritResult.objects.filter(offer__call=call).select_related("offer__organisation")
                .prefetch_related("offer__partners__organisation"))
    return sorted(rows, key=lambda r: (-(r.exact or Fraction(-1)), r.offer.number))


def sheets_for_pdf(call: Call, *, member: CommissionMember | None = None) -> QuerySet:
    qs = (ScoreSheet.objects.filter(offer__call=call)
          .select_related("member__user", "offer__organisation", "version")
          .prefetch_related(Prefetch("scores", queryset=CriterionScore.objects.select_related("criterion"))))
    return qs.filter(member=member) if member else qs


def seat_gaps(call: Call) -> dict[int, tuple[int, int]]:
    """Per seat: (declarations not made, sheets not submitted) — what a scoring reminder is about.

    Experts owe declarations only; their opinions are optional."""
    state = progress(call)
    gaps = {}
    for index, seat in enumerate(state.members):
        undeclared = sum(1 for row in state.rows if row.cells[index].state == "undeclared")
        unsent = sum(1 for row in state.rows if scores(seat) and row.cells[index].state in ("declared", "draft"))
        gaps[seat.pk] = (undeclared, unsent)
    return gaps


def last_submission(call: Call):
    """When the latest sheet of the call was submitted (None before any)."""
    sheet = ScoreSheet.objects.filter(offer__call=call, state=ScoreSheet.State.SUBMITTED).order_by("-submitted_at")
    return sheet.values_list("submitted_at", flat=True).first()


def grounds_of(seat: CommissionMember) -> list[str]:
    """The call's grounds for exclusion as this member reads and signs them (in the member's form)."""
    return rules.grounds_worded(seat.call.impartiality_grounds, seat.user.address_form, IMPARTIALITY_GROUNDS_MSGIDS)
