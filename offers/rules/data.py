"""An offer and its call's limits as plain data, which the rules check (no ORM)."""
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from offers.rules.costs import CostLine


@dataclass
class IndicatorDeclaration:
    action_code: str
    name: str
    minimum: Decimal
    value: Decimal | None
    # a computed indicator: the count it is read from (competition.choices.ScaleSource); "": declared
    source: str = ""


@dataclass
class ScheduleLine:
    activity: str
    start: date | None
    end: date | None
    position: int = 0
    responsible_id: int | None = None


@dataclass
class CallLimits:
    min_actions: int
    max_grant_share: Decimal
    max_admin_share: Decimal
    action_budgets: dict[str, Decimal]
    realisation_start: date
    realisation_end: date
    eligible_forms: tuple[str, ...] = ()
    required_attachments: tuple[str, ...] = ()
    # The call's rules: the statements an offer must confirm (codes of competition.choices.Statement;
    # None: every statement), and what the administrative-cost limit is a share of ("total": the
    # total cost, administrative costs included; "actions": the value of the actions without them).
    required_statements: tuple[str, ...] | None = None
    admin_cost_base: str = "total"

    def admin_base(self, total: Decimal, admin: Decimal) -> Decimal:
        """The amount the administrative-cost limit is a share of, for these totals."""
        return total - admin if self.admin_cost_base == "actions" else total


@dataclass
class OfferData:
    title: str = ""
    start_date: date | None = None
    end_date: date | None = None
    texts: dict[str, str] = field(default_factory=dict)
    action_codes: list[str] = field(default_factory=list)
    indicators: list[IndicatorDeclaration] = field(default_factory=list)
    costs: list[CostLine] = field(default_factory=list)
    schedule: list[ScheduleLine] = field(default_factory=list)
    statements: dict[str, bool] = field(default_factory=dict)
    zone_count: int = 0
    offeror_ids: list[int] = field(default_factory=list)
    offerors: list[tuple[int, str, str]] = field(default_factory=list)  # (id, name, legal form)
    # Partners invited but not (yet) accepted: (name, status). They are not offerors.
    pending_partners: list[tuple[str, str]] = field(default_factory=list)
    attachment_descriptions: list[str] = field(default_factory=list)
    # In a negotiation of a lower grant: the grant per action the updated offer must ask for.
    fixed_grants: dict[str, Decimal] | None = None
