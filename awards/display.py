"""What the decision page shows of a call with many offers: per action, the grants around its
funding line, and the rest a page at a time; the ranking likewise.

Every total (per action, overall, the amounts as typed) is still computed on all the grants by
the selectors; only the rows printed are cut. A row of an action is "funded" when the amount
saved for it is above zero; the funding line is the place after the last funded row in the
order of the ranking (0 when nothing is funded). The page opens with `ABOVE` funded rows above
the line and `BELOW` rows from it down; `?action=<code>&page=<n>` shows page n of that action's
grants (`PAGE_SIZE` rows), `?page=<n>` page n of the ranking. A list no longer than
`ABOVE + BELOW` rows is shown whole.
"""
from dataclasses import dataclass, field
from urllib.parse import urlencode

from awards import selectors
from awards.forms import amount_field_name, reason_field_name
from awards.models import Decision, Grant
from competition.models import Call

PAGE_SIZE = 25
ABOVE = 10
BELOW = 15


@dataclass
class Window:
    """Which rows of one list (an action's grants, or the ranking) the page prints."""

    code: str            # the action's code; "" for the ranking
    count: int           # rows in the list
    line: int            # index of the first row below the funding line
    start: int
    stop: int
    page: int | None     # None: around the funding line
    pages: int

    @property
    def whole(self) -> bool:
        return self.start == 0 and self.stop == self.count

    def query(self, page: int) -> str:
        """The query string of a page of this list (the other lists go back to their funding lines)."""
        return "?" + urlencode({"action": self.code, "page": page} if self.code else {"page": page})

    @property
    def first(self) -> int:
        return self.start + 1

    @property
    def links(self) -> list[tuple[int | None, str]]:
        """(page number, its query string) to link: the first and last pages and two either side of
        the current one; (None, "") for a gap."""
        current = self.page or -9
        keep = {1, self.pages, *range(current - 2, current + 3)}
        out: list[tuple[int | None, str]] = []
        for number in range(1, self.pages + 1):
            if number in keep:
                out.append((number, self.query(number)))
            elif out and out[-1][0] is not None:
                out.append((None, ""))
        return out


def funding_line(funded: list[bool]) -> int:
    """The index after the last funded row; 0 when no row is funded."""
    return max((i + 1 for i, yes in enumerate(funded) if yes), default=0)


def window(code: str, funded: list[bool], page: int | None) -> Window:
    count, line = len(funded), funding_line(funded)
    pages = max(1, -(-count // PAGE_SIZE))
    if page is not None:
        page = min(max(page, 1), pages)
        return Window(code, count, line, (page - 1) * PAGE_SIZE, min(count, page * PAGE_SIZE), page, pages)
    if count <= ABOVE + BELOW:
        return Window(code, count, line, 0, count, None, pages)
    start = max(0, min(line - ABOVE, count - ABOVE - BELOW))
    return Window(code, count, line, start, min(count, start + ABOVE + BELOW), None, pages)


def requested_page(params, code: str) -> int | None:
    """The page asked for a list: `?action=<code>&page=<n>` for an action, `?page=<n>` (no action) for the ranking."""
    if (params.get("action") or "") != code:
        return None
    try:
        return int(params.get("page", ""))
    except ValueError:
        return None


def page_query(params) -> str:
    """The query string that keeps the page's lists where they are (for the forms' actions)."""
    kept = {name: params[name] for name in ("action", "page") if params.get(name)}
    return "?" + urlencode(kept) if kept else ""


@dataclass
class Section:
    """One action's grants on the page: the window and the grants it prints."""

    code: str
    title: str
    window: Window
    grants: list[Grant] = field(default_factory=list)
    rows: list = field(default_factory=list)  # (grant, its amount field, its reason field; None without a form)


def sections(actions, grants: list[Grant], params) -> list[Section]:
    """Per action, in the call's order: its grants in the order of the ranking, cut to the window."""
    out = []
    for action in actions:
        mine = [g for g in grants if g.action_id == action.pk]
        shown = window(action.code, [g.awarded > 0 for g in mine], requested_page(params, action.code))
        out.append(Section(action.code, action.title, shown, mine[shown.start:shown.stop]))
    return out


def ranking_window(places: list, funded_offers: set[int], params) -> Window:
    """The ranking's window (`places`: `awards.rules.Place`): its funding line is after the last
    offer with any grant."""
    return window("", [place.candidate.offer_pk in funded_offers for place in places], requested_page(params, ""))


def split(grants: list[Grant], parts: list[Section]) -> tuple[list[Grant], list[Grant]]:
    """(the grants the sections print, the others)."""
    shown = {g.pk for part in parts for g in part.grants}
    return [g for g in grants if g.pk in shown], [g for g in grants if g.pk not in shown]


def posted(grants: list[Grant], data, prefix: str) -> tuple[list[Grant], list[Grant]]:
    """(the grants whose amount the form posted, the others): only the rows shown are posted, and
    the others keep their saved amounts."""
    sent = {g.pk for g in grants if f"{prefix}-{amount_field_name(g)}" in data}
    return [g for g in grants if g.pk in sent], [g for g in grants if g.pk not in sent]


def decision_rows(call: Call, decision: Decision, grants: list[Grant], parts: list[Section], form, params) -> dict:
    """The rows the decision page prints: each action's section with the form's inputs (a row whose
    grant has no input in `form` is shown as text), the ranking's window, and the steps of the walk
    of the rows shown (numbered as in the whole walk)."""
    names = set(form.fields) if form else set()
    for part in parts:
        part.rows = [(g, *((form[amount_field_name(g)], form[reason_field_name(g)]) if amount_field_name(g) in names
                           else (None, None))) for g in part.grants]
    shown = {(g.offer.number, g.action.code) for part in parts for g in part.grants}
    places = selectors.ranking(call, requests=False)
    ranked = ranking_window(places, {g.offer_id for g in grants if g.awarded > 0}, params)
    offers = {g.offer_id: g.offer for part in parts for g in part.grants}
    return {
        "sections": parts, "ranking": selectors.ranking_rows(call, places[ranked.start:ranked.stop]),
        "ranking_window": ranked, "steps": selectors.step_rows(decision, offers, only=shown),
        "steps_count": len(decision.steps or []), "query": page_query(params),
    }
