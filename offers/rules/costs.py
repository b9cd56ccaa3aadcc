"""The cost plan's arithmetic (section V of the form): a cost line, sums per action and for the
whole task, the split between joint offerors, and the grant requested per action.

The grant requested for an action is the sum of the grant parts of its cost lines; this is the
one definition of it (`requested_per_action`), which `offers.selectors.requested_grants` reads
for many offers at once.
"""
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from core.money import CENT

ZERO = Decimal("0.00")


def item_total(quantity: Decimal, unit_cost: Decimal) -> Decimal:
    return (Decimal(quantity) * Decimal(unit_cost)).quantize(CENT, rounding=ROUND_HALF_UP)


def share(part: Decimal, whole: Decimal) -> Decimal:
    """part / whole as a fraction (0 when there is no whole)."""
    return part / whole if whole else Decimal(0)


@dataclass
class CostLine:
    action_code: str
    name: str
    kind: str = "substantive"  # or "administrative"
    unit: str = "szt."
    quantity: Decimal = Decimal("1")
    unit_cost: Decimal = ZERO
    grant: Decimal = ZERO
    own_financial: Decimal = ZERO
    own_personal: Decimal = ZERO
    own_in_kind: Decimal = ZERO
    recipient_fees: Decimal = ZERO
    personal_hours: Decimal | None = None
    personal_rate: Decimal | None = None
    in_kind_valuation: str = ""
    offeror_id: int | None = None
    position: int = 0

    @property
    def total(self) -> Decimal:
        return item_total(self.quantity, self.unit_cost)

    @property
    def sources(self) -> Decimal:
        return self.grant + self.own_financial + self.own_personal + self.own_in_kind + self.recipient_fees


@dataclass
class ActionTotals:
    code: str
    total: Decimal = ZERO
    admin: Decimal = ZERO
    grant: Decimal = ZERO
    own_financial: Decimal = ZERO
    own_personal: Decimal = ZERO
    own_in_kind: Decimal = ZERO
    recipient_fees: Decimal = ZERO

    def add(self, line: CostLine) -> None:
        self.total += line.total
        if line.kind == "administrative":
            self.admin += line.total
        self.grant += line.grant
        self.own_financial += line.own_financial
        self.own_personal += line.own_personal
        self.own_in_kind += line.own_in_kind
        self.recipient_fees += line.recipient_fees

    @property
    def own(self) -> Decimal:
        return self.own_financial + self.own_personal + self.own_in_kind


def totals(costs: list[CostLine], action_codes: list[str] | None = None) -> tuple[dict[str, ActionTotals], ActionTotals]:
    """Sums per action and for the whole task (section V.B of the form)."""
    per_action = {code: ActionTotals(code) for code in (action_codes or [])}
    whole = ActionTotals("")
    for line in costs:
        per_action.setdefault(line.action_code, ActionTotals(line.action_code)).add(line)
        whole.add(line)
    return per_action, whole


def requested_per_action(costs: Iterable[CostLine]) -> dict[str, Decimal]:
    """The grant requested for each action that has cost lines: the sum of their grant parts
    (the same figure as `totals(...)[0][code].grant`). An action without cost lines is absent."""
    requested: dict[str, Decimal] = {}
    for line in costs:
        requested[line.action_code] = requested.get(line.action_code, ZERO) + line.grant
    return requested


def split_by_offeror(costs: list[CostLine], lead_id: int) -> dict[int, Decimal]:
    """Section V.C: the total cost each offeror of a joint offer bears (the lead by default)."""
    split: dict[int, Decimal] = {}
    for line in costs:
        key = line.offeror_id or lead_id
        split[key] = split.get(key, ZERO) + line.total
    return split
