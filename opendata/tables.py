"""The published results as tables of plain values: what the files (CSV, XLSX, JSON) and the API
print. Every value is read from `reports.selectors_results.Results`, the same data the public
results page and its PDFs show; nothing is computed again here.

Two tables per call:

- grants: one row per offer awarded a grant and action it applied for (the page's table I, one
  line per cell), so that the grants of many calls stack in one file (the grants of a year);
- ranking: one row per offer admitted to the merit evaluation, in the order of the decision's
  ranking, with its final score, grant in total and, without a grant, why (tables I and II).
"""
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from reports.selectors_results import Results, Row

TEXT, AMOUNT, INTEGER, DATE, BOOLEAN = "text", "amount", "integer", "date", "boolean"


@dataclass(frozen=True)
class Column:
    key: str      # the JSON key and the API's field
    label: str    # the heading in CSV and XLSX (translated)
    kind: str = TEXT


@dataclass
class Table:
    name: str                 # the file's name without the extension
    title: str
    columns: list[Column]
    rows: list[dict] = field(default_factory=list)


CALL_COLUMNS = [
    Column("call", _("call (identifier)")),
    Column("call_title", _("title of the call")),
    Column("authority", _("authority")),
    Column("decision_order", _("the order deciding the call")),
    Column("decision_date", _("date of the order"), DATE),
]
OFFER_COLUMNS = [
    Column("offer_number", _("offer no.")),
    Column("offerors", _("offeror(s)")),
    Column("joint", _("joint offer (1 yes, 0 no)"), BOOLEAN),
    Column("title", _("title of the task")),
]
GRANT_COLUMNS = [
    *CALL_COLUMNS, *OFFER_COLUMNS,
    Column("action", _("action (code)")),
    Column("action_title", _("title of the action")),
    Column("awarded", _("grant awarded (PLN)"), AMOUNT),
]
RANKING_COLUMNS = [
    *CALL_COLUMNS,
    Column("position", _("place in the ranking"), INTEGER),
    Column("ex_aequo", _("ex aequo (1 yes, 0 no)"), BOOLEAN),
    *OFFER_COLUMNS,
    Column("score", _("final score"), AMOUNT),
    Column("awarded", _("grant in total (PLN)"), AMOUNT),
    Column("reason", _("why no grant")),
]


def _call_values(results: Results) -> dict:
    call, decision = results.call, results.decision
    return {"call": call.slug, "call_title": call.title, "authority": call.authority.name,
            "decision_order": decision.order_number, "decision_date": decision.order_date}


def _offer_values(row: Row) -> dict:
    return {"offer_number": row.offer.number, "offerors": "; ".join(row.offerors), "joint": row.joint,
            "title": row.offer.title}


def offeror_ids(row: Row) -> list[int]:
    """The organisations of an offer, the lead first (for the grants per organisation)."""
    return [row.offer.organisation_id, *(p.organisation_id for p in row.offer.partners.all())]


def grant_rows(results: Results) -> list[dict]:
    """Every grant of the published results: the funded offers, one row per action they applied for
    (an action the offer did not apply for is no row; one it applied for and got nothing from is 0)."""
    common = _call_values(results)
    rows = []
    for row in results.funded:
        offer = _offer_values(row)
        for action, amount in zip(results.actions, row.awarded):
            if amount is None:
                continue
            rows.append({**common, **offer, "action": action.code, "action_title": action.title, "awarded": amount,
                         "_organisations": offeror_ids(row)})
    return rows


def ranking_rows(results: Results) -> list[dict]:
    common = _call_values(results)
    return [{**common, "position": row.position or None, "ex_aequo": row.ex_aequo, **_offer_values(row),
             "score": row.score, "awarded": row.awarded_total, "reason": row.reason}
            for row in results.ranking]


def grants_table(name: str, title: str, results: list[Results]) -> Table:
    return Table(name, title, GRANT_COLUMNS, [r for one in results for r in grant_rows(one)])


def ranking_table(name: str, title: str, results: Results) -> Table:
    return Table(name, title, RANKING_COLUMNS, ranking_rows(results))


def results_document(results: Results) -> dict:
    """The published results of one call as the API answers them."""
    call, decision = results.call, results.decision
    return {
        "call": call.slug, "title": call.title, "authority": call.authority.name,
        "decision": {"order_number": decision.order_number, "order_date": decision.order_date},
        "published_at": results.published_at, "submitted": results.submitted,
        "budget": results.stats.budget, "awarded": results.awarded_total,
        "grants": grant_rows(results),
        "ranking": ranking_rows(results),
        "rejected": [{**_offer_values(row), "failed": [{"criterion": q, "reason": r} for q, r in row.failed]}
                     for row in results.rejected],
    }
