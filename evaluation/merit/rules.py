"""Rules of the merit evaluation (Stage II) as pure functions: no ORM, no request.

Where they come from: art. 15 of the Act (a commission scores; experts have an advisory
voice only; KPA art. 24 excludes a member from an offer), the call's merit criteria
(ranges of judgement criteria, step scales of counts), and the call's settings (minimum
number of sheets, whether members see each other's sheets).
"""
from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from accounts import wording

from competition.rules_scales import scale_points

JUDGEMENT = "judgement"
SCALE = "scale"

NOT_A_WHOLE_NUMBER = gettext_lazy("“%(value)s” is not a whole number of points; enter a whole number from %(min)s to %(max)s.")
OUT_OF_RANGE = gettext_lazy("%(value)s is outside the range of this criterion; enter a whole number from %(min)s to %(max)s.")
NOT_A_COUNT = gettext_lazy("“%(value)s” is not a count; enter a whole number, 0 or more.")
COUNT_TOO_LARGE = gettext_lazy("%(value)s is more than this criterion can count (at most %(max)s).")
POINTS_MISSING = gettext_lazy("Give the points for “%(name)s” before submitting the sheet.")
COUNT_MISSING = gettext_lazy("Confirm the count for criterion %(code)s before submitting the sheet.")
JUSTIFICATION_MISSING = gettext_lazy("Justify the points of criterion %(code)s before submitting the sheet.")
COUNT_CHANGE_UNJUSTIFIED = gettext_lazy(
    "The count for criterion %(code)s differs from the offer's (%(offer)s); say why in the justification."
)
OPINION_MISSING = gettext_lazy("Write the opinion before submitting it; an expert's sheet holds an opinion only.")
DECLARATION_UNCHOSEN = gettext_lazy("Choose whether any of the grounds for exclusion applies to you.")
DECLARATION_NO_GROUND = gettext_lazy("Mark which of the grounds for exclusion applies to you.")
DECLARATION_GROUND_WITHOUT_CONFLICT = gettext_lazy(
    "You marked a ground for exclusion but declared that none applies; choose one or the other."
)
DECLARATION_UNKNOWN_GROUND = gettext_lazy("Ground %(n)s is not on the call's list of grounds for exclusion.")

MAX_COUNT = 1000


@dataclass(frozen=True)
class Part:
    """A sub-criterion of a judgement criterion: whole points from `low` to `high`."""

    pk: int
    name: str
    low: int
    high: int


@dataclass(frozen=True)
class Criterion:
    pk: int
    code: str
    title: str
    kind: str
    parts: tuple[Part, ...] = ()
    steps: tuple[tuple[int, int], ...] = ()
    source: str = ""
    member_confirms: bool = False

    @property
    def max_points(self) -> int:
        if self.kind == SCALE:
            return max((points for _count, points in self.steps), default=0)
        return sum(p.high for p in self.parts)

    @property
    def computed(self) -> bool:
        """A count read from the offer and shown read-only (criteria g, h of the reference call)."""
        return self.kind == SCALE and not self.member_confirms


@dataclass
class Entry:
    """What a member gave for one criterion: points per part, or a count; a justification."""

    parts: dict[int, int | None] = field(default_factory=dict)
    count: int | None = None
    offer_count: int | None = None
    justification: str = ""


# --- input ------------------------------------------------------------------------------------------


def parse_points(raw: str | None, part: Part) -> tuple[int | None, str | None]:
    """Whole points within the part's range; empty is allowed (a draft), anything else is an error."""
    text = (raw or "").strip()
    if not text:
        return None, None
    bounds = {"value": text, "min": part.low, "max": part.high}
    if not (text.isdigit() or (text[0] in "+-" and text[1:].isdigit())):
        return None, NOT_A_WHOLE_NUMBER % bounds
    value = int(text)
    if not part.low <= value <= part.high:
        return None, OUT_OF_RANGE % {**bounds, "value": value}
    return value, None


def parse_count(raw: str | None) -> tuple[int | None, str | None]:
    text = (raw or "").strip()
    if not text:
        return None, None
    if not text.isdigit():
        return None, NOT_A_COUNT % {"value": text}
    value = int(text)
    if value > MAX_COUNT:
        return None, COUNT_TOO_LARGE % {"value": value, "max": MAX_COUNT}
    return value, None


# --- points -----------------------------------------------------------------------------------------


def criterion_points(criterion: Criterion, entry: Entry) -> int | None:
    """The criterion's points, or None while something is missing."""
    if criterion.kind == SCALE:
        count = entry.offer_count if criterion.computed else entry.count
        return None if count is None else scale_points(list(criterion.steps), count)
    values = [entry.parts.get(p.pk) for p in criterion.parts]
    if not values or any(v is None for v in values):
        return None
    return sum(values)


def sheet_total(criteria: list[Criterion], entries: dict[int, Entry]) -> int | None:
    points = [criterion_points(c, entries.get(c.pk, Entry())) for c in criteria]
    return None if any(p is None for p in points) else sum(points)


def submit_problems(criteria: list[Criterion], entries: dict[int, Entry], *, scores: bool,
                    opinion: str = "") -> list[tuple[str, str]]:
    """What stops a sheet from being submitted: (field key, message) pairs.

    Field keys: `part-<pk>`, `count-<criterion pk>`, `justification-<criterion pk>`, `opinion`.
    An expert's sheet (`scores=False`) needs only the opinion.
    """
    if not scores:
        return [] if opinion.strip() else [("opinion", OPINION_MISSING)]
    problems = []
    for criterion in criteria:
        entry = entries.get(criterion.pk, Entry())
        if criterion.kind == JUDGEMENT:
            for part in criterion.parts:
                if entry.parts.get(part.pk) is None:
                    problems.append((f"part-{part.pk}", POINTS_MISSING % {"name": part.name}))
            if not entry.justification.strip():
                problems.append((f"justification-{criterion.pk}", JUSTIFICATION_MISSING % {"code": criterion.code}))
        elif criterion.member_confirms:
            if entry.count is None:
                problems.append((f"count-{criterion.pk}", COUNT_MISSING % {"code": criterion.code}))
            elif entry.offer_count is not None and entry.count != entry.offer_count and not entry.justification.strip():
                problems.append((f"justification-{criterion.pk}",
                                 COUNT_CHANGE_UNJUSTIFIED % {"code": criterion.code, "offer": entry.offer_count}))
    return problems


# --- declarations -----------------------------------------------------------------------------------


def declaration_error(conflict: bool | None, grounds: list[int], ground_count: int) -> str | None:
    """A declaration either names at least one ground (a conflict) or none (impartial)."""
    if conflict is None:
        return DECLARATION_UNCHOSEN
    for n in grounds:
        if not 0 <= n < ground_count:
            return DECLARATION_UNKNOWN_GROUND % {"n": n + 1}
    if conflict and not grounds:
        return DECLARATION_NO_GROUND
    if not conflict and grounds:
        return DECLARATION_GROUND_WITHOUT_CONFLICT
    return None


def grounds_worded(grounds: list[str], form: str | None, defaults: tuple[str, ...] = ()) -> list[str]:
    """The call's grounds for exclusion in the member's form: a ground that is one of the portal's
    defaults as the call stores it (`defaults`: their English msgids) is worded in the member's
    form from the catalogue ("byłam przedstawicielką", "byłem przedstawicielem", "byłem/byłam
    przedstawicielem/przedstawicielką"); a ground the authority wrote itself stays as written."""
    known = {_(msgid): msgid for msgid in defaults}
    return [pgettext(wording.form_of(form), known[text]) if text in known else text for text in grounds]


def declaration_text(*, member: str, offer: str, offerors: list[str], grounds: list[str],
                     conflict: bool, chosen: list[int], explanation: str = "") -> str:
    """The statement as the member signs it; kept verbatim on the declaration."""
    lines = [
        _("I, %(member)s, declare about offer %(offer)s, submitted by: %(offerors)s,")
        % {"member": member, "offer": offer, "offerors": "; ".join(offerors)},
    ]
    if conflict:
        lines.append(_("that the following grounds for my exclusion apply:"))
        lines += [f"{n + 1}. {grounds[n]}" for n in chosen]
    else:
        lines.append(_("that none of the following grounds for my exclusion applies:"))
        lines += [f"{n + 1}. {text}" for n, text in enumerate(grounds)]
    if explanation.strip():
        lines.append(_("Explanation: %(text)s") % {"text": explanation.strip()})
    return "\n".join(lines)


# --- who sees what ----------------------------------------------------------------------------------


def may_see_offer(*, declared: bool, excluded: bool) -> bool:
    """Art. 15 with KPA art. 24: the offer's content only after declaring, and never when excluded."""
    return declared and not excluded


def may_see_other_sheets(*, own_submitted: bool, excluded: bool, call_allows: bool) -> bool:
    """Others' sheets for an offer only after submitting one's own for it, if the call allows it at all."""
    return call_allows and own_submitted and not excluded


# --- results ----------------------------------------------------------------------------------------


def majority(n: int) -> int:
    return n // 2 + 1 if n else 0


def min_sheets_required(setting: int | None, eligible: int) -> int:
    """The call's minimum of sheets per offer; by default a majority of the scoring members not excluded.

    A call's fixed minimum above the number of members who may score the offer asks for all of them."""
    if setting is None:
        return majority(eligible)
    return min(setting, eligible)


def mean(values: list[int]) -> Fraction | None:
    """The exact arithmetic mean; the ranking compares these, never rounded figures."""
    return Fraction(sum(values), len(values)) if values else None


def two_places(value: Fraction | None) -> Decimal | None:
    """For display and PDFs: half up to two places (66,666… → 66,67)."""
    if value is None:
        return None
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class OfferOutcome:
    points_sum: int
    sheet_count: int
    exact: Fraction | None
    score: Decimal | None
    criterion_means: dict[str, Decimal]
    low: int | None
    high: int | None
    required: int
    quorum: bool


def offer_outcome(totals: list[int], criterion_points: dict[str, list[int]], *, required: int) -> OfferOutcome:
    """The final score of an offer: the mean of the totals of its submitted scoring sheets.

    `totals` come only from submitted sheets of scoring members who are not excluded (the
    caller filters); experts' opinions and reopened (draft) sheets never count.
    """
    exact = mean(totals)
    return OfferOutcome(
        points_sum=sum(totals),
        sheet_count=len(totals),
        exact=exact,
        score=two_places(exact),
        criterion_means={code: two_places(mean(values)) for code, values in criterion_points.items() if values},
        low=min(totals, default=None),
        high=max(totals, default=None),
        required=required,
        quorum=bool(totals) and len(totals) >= required,
    )


@dataclass(frozen=True)
class Missing:
    member: str
    offer: str
    what: str  # "declaration" | "sheet"


def missing_before_close(members: list[tuple[int, str, bool]], offers: list[tuple[int, str]],
                         declared: dict[tuple[int, int], bool], submitted: set[tuple[int, int]]) -> list[Missing]:
    """What is still missing for the stage to close without a reason.

    `members`: (pk, name, scores) — experts (scores=False) must declare but need not write an
    opinion; `declared`: {(member pk, offer pk): excluded}; `submitted`: (member pk, offer pk)
    pairs with a submitted sheet.
    """
    missing = []
    for offer_pk, offer in offers:
        for member_pk, name, scores in members:
            key = (member_pk, offer_pk)
            if key not in declared:
                missing.append(Missing(name, offer, "declaration"))
            elif scores and not declared[key] and key not in submitted:
                missing.append(Missing(name, offer, "sheet"))
    return missing


def describe_missing(missing: list[Missing]) -> str:
    """One line per gap, as the chair's closing reason records it."""
    lines = []
    for gap in missing:
        if gap.what == "declaration":
            lines.append(_("%(member)s: no impartiality declaration for offer %(offer)s") % {
                "member": gap.member, "offer": gap.offer})
        else:
            lines.append(_("%(member)s: no submitted score sheet for offer %(offer)s") % {
                "member": gap.member, "offer": gap.offer})
    return "\n".join(lines)


def positions(keys: list) -> list[tuple[int | None, bool]]:
    """Competition ranking of keys sorted best first: equal keys share a position (1, 1, 3); a key
    of None (an offer without any counted sheet) has none. Returns (position, ex aequo) per key.
    The one definition of places with ties: the chair's results, the summary table and the
    ranking (`awards.rules.rank`, whose keys also carry the tie-break) all use it."""
    ranked, previous = [], object()
    for n, key in enumerate(keys, start=1):
        if key is None:
            ranked.append(None)
        else:
            ranked.append(ranked[-1] if key == previous else n)
        previous = key
    shared = Counter(p for p in ranked if p is not None)
    return [(p, p is not None and shared[p] > 1) for p in ranked]
