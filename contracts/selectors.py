"""Reads after the award, scoped to who asks: the grantee's members see their contracts, the
clerks and the deciding authority those of their authority's calls, administrators every contract."""
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.http import Http404

from accounts.permissions import CLERK, DECIDER, authority_ids, is_clerk, is_mayor
from awards.models import Decision, Grant
from competition.choices import TaskForm
from competition.models import Call
from contracts import rules
from contracts.rules_returns import unspent_return_deadline
from contracts.models import ChangeRequest, Contract, ContractCost, ContractResult
from offers.models import Offer
from offers.selectors import organisations_of
from organisations.models import BankAccountChange
from organisations.rules import bank_account_notice, format_iban

ZERO = Decimal("0.00")


def is_office(user) -> bool:
    """A clerk or the deciding authority of at least one authority (or an administrator)."""
    return is_clerk(user) or is_mayor(user)


def contracts_for(user) -> QuerySet:
    """The contracts of the user's organisations, and those of the calls of the authorities where
    the user is a clerk or decides (every contract for administrators)."""
    if not (user.is_authenticated and user.is_active):
        return Contract.objects.none()
    if user.is_superuser:
        return Contract.objects.all()
    orgs = organisations_of(user)
    joined = Q(offer__partners__organisation__in=orgs, offer__partners__status="accepted")  # consented partners only
    office = Q(call__authority_id__in=authority_ids(user, CLERK, DECIDER))
    return Contract.objects.filter(Q(offer__organisation__in=orgs) | joined | office).distinct()


def contract_for(user, pk: int) -> Contract:
    """The contract with what its pages show, or 404 for anybody who may not see it."""
    qs = contracts_for(user).select_related("call", "offer__organisation", "version", "created_by").prefetch_related(
        "offer__partners__organisation",
        Prefetch("costs", queryset=ContractCost.objects.select_related("action")),
        Prefetch("results", queryset=ContractResult.objects.select_related("action")),
        Prefetch("changes", queryset=ChangeRequest.objects.select_related("requested_by", "decided_by")),
        "events__by",
    )
    try:
        return qs.get(pk=pk)
    except Contract.DoesNotExist:
        raise Http404 from None



def change_get(contract: Contract, number: int) -> ChangeRequest:
    """The contract's change request with this number, or 404."""
    try:
        return ChangeRequest.objects.get(contract=contract, number=number)
    except ChangeRequest.DoesNotExist:
        raise Http404 from None


def call_get_for_office(*, slug: str) -> Call:
    """A call whose merit evaluation is closed (scored, decided or closed), or 404."""
    try:
        return Call.objects.get(slug=slug, state__in=Call.MERIT_CLOSED_STAGES)
    except Call.DoesNotExist:
        raise Http404 from None

def grantee_contracts(user) -> QuerySet:
    """The user's organisations' contracts, newest task first, with their report's state."""
    return (contracts_for(user).select_related("call__authority", "offer__organisation")
            .prefetch_related("changes", "reports").order_by("-start_date", "number"))


def budget_lines(contract: Contract) -> list[rules.BudgetLine]:
    return [rules.BudgetLine(key=str(c.pk), action_code=c.action.code, name=c.name, kind=c.kind, total=c.total,
                             grant=c.grant)
            for c in contract.costs.select_related("action")]


def result_lines(contract: Contract) -> list[rules.ResultLine]:
    return [rules.ResultLine(key=str(r.pk), name=r.name, value=r.value) for r in contract.results.all()]


@dataclass
class ActionBudget:
    code: str
    title: str
    costs: list[ContractCost]
    total: Decimal
    grant: Decimal

    @property
    def own(self) -> Decimal:
        return self.total - self.grant


def budget_by_action(contract: Contract) -> list[ActionBudget]:
    groups: dict[str, ActionBudget] = {}
    for cost in contract.costs.all():
        group = groups.setdefault(cost.action.code, ActionBudget(cost.action.code, cost.action.title, [], ZERO, ZERO))
        group.costs.append(cost)
        group.total += cost.total
        group.grant += cost.grant
    return list(groups.values())


@dataclass
class Funded:
    offer: Offer
    awarded: Decimal
    contract: Contract | None
    error: str | None
    # the lead offeror's bank account changed after (or shortly before) submission: the contract
    # takes the account in the organisation's data, the signed offer may show another one
    bank_account_changed: datetime | None = None


def funded_offer_list(call: Call) -> QuerySet:
    """The offers with a grant in the call's decision, for the list to filter, sort and page."""
    granted = (Grant.objects.filter(decision__call=call).values("offer").annotate(s=Sum("awarded"))
               .filter(s__gt=0).values("offer"))
    return Offer.objects.filter(pk__in=granted).only("pk")


def funded_offers(call: Call, page: list[Offer] | None = None) -> list[Funded]:
    """Every offer of the call with a grant in the decision (or those of `page`, in its order),
    and its contract if there is one (three queries, whatever the number of offers)."""
    decision = Decision.objects.filter(call=call).first()
    decided = decision is not None and decision.is_locked
    grants = Grant.objects.filter(decision__call=call)
    if page is not None:
        grants = grants.filter(offer__in=[o.pk for o in page])
    sums = dict(grants.values("offer").annotate(s=Sum("awarded")).values_list("offer", "s"))
    offers = (Offer.objects.filter(pk__in=[pk for pk, s in sums.items() if s and s > 0])
              .select_related("organisation", "contract", "call").prefetch_related("contract__reports").order_by("number")
              .annotate(bank_account_changed_at=Subquery(  # in the same query: the list stays flat
                  BankAccountChange.objects.filter(organisation_id=OuterRef("organisation_id"))
                  .order_by("-at").values("at")[:1])))
    rows = []
    for offer in offers:
        contract = getattr(offer, "contract", None)
        error = None if contract else rules.funding_problem(
            decided=decided, state=offer.state, state_label=offer.get_state_display(), awarded=sums[offer.pk])
        changed = offer.bank_account_changed_at
        rows.append(Funded(offer, sums[offer.pk], contract, error,
                           changed if bank_account_notice(changed, offer.submitted_at) else None))
    if page is not None:
        order = {o.pk: i for i, o in enumerate(page)}
        rows.sort(key=lambda row: order[row.offer.pk])
    return rows


def next_contract_number(call: Call) -> str:
    year = call.realisation_start.year
    taken = set(Contract.objects.values_list("number", flat=True))
    sequence = Contract.objects.filter(call=call).count() + 1
    while rules.contract_number(call.slug.split("-")[0].upper()[:6], year, sequence) in taken:
        sequence += 1
    return rules.contract_number(call.slug.split("-")[0].upper()[:6], year, sequence)


def offerors_of(contract: Contract) -> list:
    offer = contract.offer
    return [offer.organisation, *[p.organisation for p in offer.partners.all()]]


@dataclass
class Payment:
    due: date
    amount: Decimal


def payments_of(contract: Contract) -> list[Payment]:
    return [Payment(date.fromisoformat(p["due"]), Decimal(p["amount"])) for p in contract.payments]


def office_contact_of(user) -> str:
    """The clerk who prepares a contract, proposed as the authority's contact person."""
    return ", ".join(part for part in (user.full_name, user.email) if part)


def grantee_contact_of(organisation) -> str:
    """The lead offeror's first representative and its phone and e-mail, proposed as the grantee's
    contact person (the offer form names no separate one)."""
    people = organisation.representative_list()
    person = people[0].split(" – ")[0].strip() if people else ""
    phone = f"tel. {organisation.phone}" if organisation.phone else ""
    return ", ".join(part for part in (person, phone, organisation.email) if part)


@dataclass
class Source:
    """A source of the task's money as the signed offer splits it (section V.B of the offer)."""

    label: str
    amount: Decimal
    share: Decimal | None


def sources_of(data: dict, grant: Decimal) -> list[Source]:
    totals = data["totals"]
    total = Decimal(totals["total"])
    rows = [("grant", grant), ("own_financial", Decimal(totals["own_financial"])),
            ("own_personal", Decimal(totals["own_personal"])), ("own_in_kind", Decimal(totals["own_in_kind"])),
            ("recipient_fees", Decimal(totals["recipient_fees"]))]
    return [Source(key, amount, amount / total if total else None) for key, amount in rows]


COPY_WORDS = {2: "dwóch", 3: "trzech", 4: "czterech", 5: "pięciu", 6: "sześciu", 7: "siedmiu", 8: "ośmiu"}


def copies(parties: int) -> str:
    """"w dwóch (trzech, …) jednobrzmiących egzemplarzach": one copy for each party of the contract."""
    return COPY_WORDS.get(parties, str(parties))


def contract_document(contract: Contract) -> dict:
    """Everything the contract PDF prints, section by section of the framework contract (annex 3
    to the 2018 regulation): the parties as in the signed offer, the task and the spending period,
    the budget as signed (the offer version), the payment schedule, the own contribution by
    source, the reports (partial ones for each budget year but the last), the return of unspent
    money (art. 251 of the public finance act) and the rest of the duties."""
    data = contract.version.data
    call = contract.call
    actions = []
    for section in data["actions"]:
        actions.append({"code": section["code"], "title": section["title"], "total": Decimal(section["totals"]["total"]),
                        "grant": Decimal(section["totals"]["grant"]),
                        "own": Decimal(section["totals"]["total"]) - Decimal(section["totals"]["grant"])})
    total = sum((a["total"] for a in actions), ZERO)
    spending_until = contract.grant_spending_until
    own = total - contract.grant_total
    return {
        "contract": contract, "call": call, "data": data, "actions": actions,
        "offerors": [data["lead"], *data["partners"]],
        "total": total, "grant": contract.grant_total, "own": own, "own_share": own / total if total else None,
        "sources": {s.label: s for s in sources_of(data, contract.grant_total)},
        "admin": Decimal(data["totals"]["admin"]),
        "entrustment": call.task_form == TaskForm.ENTRUSTMENT,
        "spending_until": spending_until, "return_due": unspent_return_deadline(spending_until),
        "year_end_return": (spending_until.month, spending_until.day) == (12, 31),
        "partial_reports": rules.partial_report_periods(contract.start_date, contract.end_date),
        "returns_account": format_iban(call.authority.returns_account),
        "bank_account": format_iban(contract.bank_account),
        "payments": payments_of(contract), "as_of": contract.created_at, "copies": copies(2 + len(data["partners"])),
        "cost_shift_limit": call.cost_shift_limit, "result_change_limit": call.result_change_limit,
    }


@dataclass
class ChangeRow:
    action: str
    name: str
    before_total: Decimal | None
    after_total: Decimal
    before_grant: Decimal | None
    after_grant: Decimal

    @property
    def changed(self) -> bool:
        return (self.before_total, self.before_grant) != (self.after_total, self.after_grant)


def change_rows(contract: Contract, change: ChangeRequest) -> dict:
    """The proposal against the budget and results it was made on (kept in the proposal at the
    request's moment), so a decided change still reads as it was asked."""
    rows = []
    for row in change.proposal["costs"]:
        before_total, before_grant = row.get("before_total"), row.get("before_grant")
        rows.append(ChangeRow(row["action"], row["name"], Decimal(before_total) if before_total else None,
                              Decimal(row["total"]), Decimal(before_grant) if before_grant else None,
                              Decimal(row["grant"])))
    names = {str(r.pk): r.name for r in contract.results.all()}
    results = [(names.get(key, key), Decimal(before), Decimal(change.proposal["results"][key]))
               for key, before in change.proposal.get("results_before", {}).items()
               if Decimal(before) != Decimal(change.proposal["results"][key])]
    return {"costs": [r for r in rows if r.changed], "results": results}


def annex_document(contract: Contract, change: ChangeRequest) -> dict:
    return {"contract": contract, "call": contract.call, "change": change, "rows": change_rows(contract, change),
            "offerors": [contract.version.data["lead"], *contract.version.data["partners"]],
            "entrustment": contract.call.task_form == TaskForm.ENTRUSTMENT,
            "copies": copies(2 + len(contract.version.data["partners"])), "as_of": change.decided_at}


def proposal_with(contract: Contract, changes: dict[str, tuple[str, str]] | None = None, *, new=(),
                  results: dict[str, str] | None = None) -> dict:
    """A change proposal: the whole budget with `changes` {"A:item name": (total, grant)}, the
    `new` items ({action, name, kind, total, grant}) and every result ({result pk: value})."""
    costs = []
    for cost in contract.costs.select_related("action"):
        total, grant = (changes or {}).get(f"{cost.action.code}:{cost.name}", (str(cost.total), str(cost.grant)))
        costs.append({"key": str(cost.pk), "action": cost.action.code, "name": cost.name, "kind": cost.kind,
                      "total": total, "grant": grant})
    costs += [{"key": "", **item} for item in new]
    values = {str(r.pk): str(r.value) for r in contract.results.all()}
    values.update(results or {})
    return {"costs": costs, "results": values}
