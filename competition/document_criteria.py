"""The formal and merit criteria of a call document, read by `competition.document`."""
from django.utils.translation import gettext as _

from competition.choices import FormalCheck, ScaleSource
from competition.document_reader import _Parser
from competition.rules_scales import scale_errors


def parse_formal(p: _Parser, doc) -> list[dict]:
    criteria = []
    raw = p.items(doc, "formal_criteria", "formal_criteria")
    if not raw:
        p.error("formal_criteria", _("a call needs at least one formal criterion"))
    for i, item in enumerate(raw):
        path = f"formal_criteria[{i}]"
        if not isinstance(item, dict):
            p.error(path, _("a criterion object expected"))
            continue
        check = item.get("auto_check") or ""
        if check not in ("", *FormalCheck.values):
            p.error(
                f"{path}.auto_check",
                _("unknown check “%(c)s”; allowed: %(ok)s") % {"c": check, "ok": ", ".join(FormalCheck.values)},
            )
            check = ""
        criteria.append({"question": p.string(item, "question", f"{path}.question", max_length=500), "auto_check": check})
    return criteria


def parse_merit(p: _Parser, doc) -> list[dict]:
    criteria, seen = [], set()
    raw = p.items(doc, "merit_criteria", "merit_criteria")
    if not raw:
        p.error("merit_criteria", _("a call needs at least one merit criterion"))
    for i, item in enumerate(raw):
        path = f"merit_criteria[{i}]"
        if not isinstance(item, dict):
            p.error(path, _("a criterion object expected"))
            continue
        code = p.string(item, "code", f"{path}.code", max_length=10)
        if code and code in seen:
            p.error(f"{path}.code", _("criterion code “%(code)s” is repeated") % {"code": code})
        seen.add(code)
        crit = {"code": code, "title": p.string(item, "title", f"{path}.title", max_length=400)}
        kind = item.get("kind")
        if kind == "judgement":
            crit.update(kind=kind, source="", member_confirms=False, subcriteria=_parse_subcriteria(p, item, path), steps=[])
        elif kind == "scale":
            source = item.get("source")
            if source not in ScaleSource.values:
                p.error(
                    f"{path}.source",
                    _("unknown criterion source “%(s)s”; allowed: %(ok)s") % {"s": source, "ok": ", ".join(ScaleSource.values)},
                )
            crit.update(
                kind=kind,
                source=source if source in ScaleSource.values else "",
                member_confirms=bool(item.get("member_confirms", False)),
                subcriteria=[],
                steps=_parse_steps(p, item, path),
            )
        else:
            p.error(f"{path}.kind", _("a criterion's kind must be “judgement” or “scale”"))
            continue
        criteria.append(crit)
    return criteria


def _parse_subcriteria(p: _Parser, item, path) -> list[dict]:
    subs = []
    raw = p.items(item, "subcriteria", f"{path}.subcriteria")
    if not raw:
        p.error(f"{path}.subcriteria", _("a criterion scored by the commission needs at least one sub-criterion"))
    for j, sub in enumerate(raw):
        spath = f"{path}.subcriteria[{j}]"
        if not isinstance(sub, dict):
            p.error(spath, _("a sub-criterion object expected"))
            continue
        low = p.integer(sub, "min", f"{spath}.min")
        high = p.integer(sub, "max", f"{spath}.max", minimum=1)
        if low is not None and high is not None and low >= high:
            p.error(f"{spath}.max", _("the point range %(low)s–%(high)s is empty") % {"low": low, "high": high})
        subs.append({"name": p.string(sub, "name", f"{spath}.name", max_length=400), "min": low or 0, "max": high or 0})
    return subs


def _parse_steps(p: _Parser, item, path) -> list[dict] | None:
    steps, broken = [], False
    for j, step in enumerate(p.items(item, "steps", f"{path}.steps")):
        spath = f"{path}.steps[{j}]"
        if not isinstance(step, dict):
            p.error(spath, _("a step object expected"))
            continue
        count = p.integer(step, "min_count", f"{spath}.min_count")
        points = p.integer(step, "points", f"{spath}.points")
        label = p.string(step, "label", f"{spath}.label", required=False, max_length=200)
        if count is None or points is None:
            broken = True
            continue
        steps.append({"min_count": count, "points": points, "label": label})
    if broken:
        return None  # the step errors are reported; a partial scale would add misleading ones
    for message in scale_errors([(s["min_count"], s["points"]) for s in steps]):
        p.error(f"{path}.steps", message)
    return steps
