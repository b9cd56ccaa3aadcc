"""The merit stage's history: the read behind the chair's history page, and how each event's
details are shown (points and opinions only to those who see points)."""
from django.utils.translation import gettext as _

from competition.models import Call
from evaluation.merit import selectors
from evaluation.models import MeritEvent, ScoreSheet


def history_rows(call: Call, *, points: bool) -> list[dict]:
    """Every event of the stage, newest first, with its member and its details as (label, text)."""
    events = MeritEvent.objects.filter(call=call).select_related("by", "offer", "member__user").order_by("-at", "-pk")
    grounds = call.impartiality_grounds or []
    return [{"event": e, "member": selectors.member_name(e.member) if e.member else "",
             "details": event_details(e, grounds, points=points)} for e in events]


def _changes(changes: dict) -> list[tuple[str, str]]:
    points = "; ".join(f"{code}: {_shown(old)} → {_shown(new)}" for code, (old, new) in changes.items()
                       if code != "opinion")
    shown = [(_("Points changed"), points)] if points else []
    if "opinion" in changes:
        old, new = changes["opinion"]
        shown.append((_("Opinion changed"), f"{_shown(old)} → {_shown(new)}"))
    return shown


def _shown(value) -> str:
    return "—" if value is None or value == "" else str(value)


def event_details(event: MeritEvent, grounds: list[str], *, points: bool) -> list[tuple[str, str]]:
    """An event's details as (label, text); points and opinions only for those who see points."""
    d = event.details or {}
    return [*_declaration_details(d, grounds), *_sheet_details(d, points=points), *_closing_details(d)]


def _declaration_details(d: dict, grounds: list[str]) -> list[tuple[str, str]]:
    shown = []
    if d.get("grounds"):
        shown.append((_("Grounds"), "; ".join(f"{n}. {grounds[n - 1]}" if 0 < n <= len(grounds) else str(n)
                                               for n in d["grounds"])))
    if d.get("explanation"):
        shown.append((_("Explanation"), d["explanation"]))
    if d.get("changed_from_impartial"):
        shown.append((_("Earlier declaration"), _("impartiality")))
    return shown


def _sheet_details(d: dict, *, points: bool) -> list[tuple[str, str]]:
    shown = []
    if d.get("sheet"):
        states = {ScoreSheet.State.DRAFT: _("draft saved"), ScoreSheet.State.SUBMITTED: _("sheet submitted")}
        shown.append((_("Sheet at that moment"), states.get(d["sheet"], d["sheet"])))
    if points:
        shown += _changes(d.get("changes") or {})
        if d.get("total") is not None:
            shown.append((_("Total points"), str(d["total"])))
    elif d.get("changes") or d.get("total") is not None:
        shown.append((_("Points"), _("shown to the chair only until the merit evaluation is closed")))
    return shown


def _closing_details(d: dict) -> list[tuple[str, str]]:
    shown = []
    if d.get("reason"):
        shown.append((_("Reason"), d["reason"]))
    if d.get("missing"):
        shown.append((_("Missing at closing"), d["missing"]))
    if "offers" in d:
        shown.append((_("Offers evaluated"), str(d["offers"])))
    if d.get("without_quorum"):
        shown.append((_("Offers with fewer sheets than required"), ", ".join(d["without_quorum"])))
    return shown
