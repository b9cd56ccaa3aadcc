"""The `rules` object of a call document (`konkurs-ofert/2`): every rule the portal applies to the
call beyond its structure and limits — the tie-break, the minimum score for a recommendation,
the answer to a lower grant, the correction window, the second clerk, the commission's sheets
and exclusion grounds, the offer's statements, the base of the administrative-cost limit, the form of the contract
(support or entrustment).

Each key is optional: a missing key (and the whole object, in a `konkurs-ofert/1` document) means
the portal's default, the value every call had before the rules were written down; the import
names the defaults it applied (`missing_rules`). `competition.document` calls `parse_rules`.
"""
from decimal import Decimal

from django.utils.translation import gettext as _

from competition.choices import AdminCostBase, Statement, TaskForm, TieBreak
from competition.document_reader import _Parser
from competition.models.call import default_impartiality_grounds, default_required_statements

# The keys of `rules`, in the order the documentation and the export list them.
RULE_KEYS = (
    "tie_break",
    "tie_break_criterion",
    "min_recommended_score",
    "negotiation_days",
    "correction_days",
    "four_eyes",
    "min_sheets",
    "show_other_sheets",
    "impartiality_grounds",
    "required_statements",
    "admin_cost_base",
    "task_form",
)
MAX_SCORE = Decimal("99999.99")  # Call.min_recommended_score: 7 digits, 2 places
MAX_GROUND = 1000


def rule_defaults() -> dict:
    """The value of each rule when a document does not state it (as JSON values)."""
    return {
        "tie_break": TieBreak.NONE.value,
        "tie_break_criterion": None,
        "min_recommended_score": None,
        "negotiation_days": 7,
        "correction_days": 0,
        "four_eyes": False,
        "min_sheets": None,
        "show_other_sheets": True,
        "impartiality_grounds": default_impartiality_grounds(),
        "required_statements": default_required_statements(),
        "admin_cost_base": AdminCostBase.TOTAL.value,
        "task_form": TaskForm.SUPPORT.value,
    }


def missing_rules(doc) -> list[str]:
    """The keys of `rules` a document leaves out (so the import applies their defaults)."""
    raw = doc.get("rules") if isinstance(doc, dict) else None
    present = raw if isinstance(raw, dict) else {}
    return [key for key in RULE_KEYS if key not in present]


def parse_rules(p: _Parser, doc: dict, *, merit_codes: list[str] | None, max_points: int | None) -> dict:
    """The rules as the Call's fields take them. `merit_codes`: the call's merit criteria, or None
    when they have errors of their own (the tie-break criterion is then not checked against them)."""
    raw = doc.get("rules")
    if raw is None:
        raw = {}
    elif not isinstance(raw, dict):
        p.error("rules", _("an object with the call's rules expected"))
        raw = {}
    for key in raw:
        if key not in RULE_KEYS:
            p.error(f"rules.{key}", _("unknown rule; allowed: %(keys)s") % {"keys": ", ".join(RULE_KEYS)})
    values = {**rule_defaults(), **{k: v for k, v in raw.items() if k in RULE_KEYS}}
    out = {
        "tie_break": _choice(p, values, "tie_break", TieBreak.values),
        "min_recommended_score": _score(p, values, max_points),
        "negotiation_days": _whole(p, values, "negotiation_days", minimum=1),
        "correction_days": _whole(p, values, "correction_days", minimum=0),
        "four_eyes": _flag(p, values, "four_eyes"),
        "min_sheets": None if values["min_sheets"] is None else _whole(p, values, "min_sheets", minimum=1),
        "show_other_sheets": _flag(p, values, "show_other_sheets"),
        "impartiality_grounds": _grounds(p, values),
        "required_statements": _statements(p, values),
        "admin_cost_base": _choice(p, values, "admin_cost_base", AdminCostBase.values),
        "task_form": _choice(p, values, "task_form", TaskForm.values),
    }
    out["tie_break_criterion"] = _tie_break_criterion(p, values, out["tie_break"], merit_codes)
    return out


def _path(key: str) -> str:
    return f"rules.{key}"


def _choice(p: _Parser, values: dict, key: str, allowed: list[str]) -> str:
    value = values[key]
    if value not in allowed:
        p.error(_path(key), _("unknown value “%(v)s”; allowed: %(ok)s") % {"v": value, "ok": ", ".join(allowed)})
        return rule_defaults()[key]
    return value


def _whole(p: _Parser, values: dict, key: str, *, minimum: int) -> int | None:
    return p.integer(values, key, _path(key), minimum=minimum)


def _flag(p: _Parser, values: dict, key: str) -> bool:
    value = values[key]
    if not isinstance(value, bool):
        p.error(_path(key), _("true or false expected"))
        return bool(rule_defaults()[key])
    return value


def _score(p: _Parser, values: dict, max_points: int | None) -> Decimal | None:
    if values["min_recommended_score"] is None:
        return None
    path = _path("min_recommended_score")
    score = p.decimal(values, "min_recommended_score", path, places=2)
    if score is None:
        return None
    if score < 0:
        p.error(path, _("the minimum score may not be negative"))
    elif score > MAX_SCORE or (max_points is not None and score > max_points):
        p.error(path, _("the minimum score %(score)s is above the call's maximum of %(max)s points")
                % {"score": score, "max": max_points})
    return score


def _tie_break_criterion(p: _Parser, values: dict, rule: str, merit_codes: list[str] | None) -> str:
    path = _path("tie_break_criterion")
    code = values["tie_break_criterion"]
    if code is not None and not isinstance(code, str):
        p.error(path, _("text expected"))
        return ""
    code = (code or "").strip()
    if rule != TieBreak.CRITERION:
        if code:
            p.error(path, _("a tie-break criterion is given only with the rule “criterion”"))
        return ""
    if not code:
        p.error(path, _("name the merit criterion whose mean breaks ties (its code, e.g. “e”)"))
    elif merit_codes is not None and code not in merit_codes:
        p.error(path, _("“%(code)s” is not a merit criterion of the call; its criteria: %(codes)s")
                % {"code": code, "codes": ", ".join(merit_codes)})
    return code


def _text_list(p: _Parser, values: dict, key: str) -> list:
    value = values[key]
    if not isinstance(value, list):
        p.error(_path(key), _("a list expected"))
        return []
    return value


def _grounds(p: _Parser, values: dict) -> list[str]:
    grounds: list[str] = []
    for i, ground in enumerate(_text_list(p, values, "impartiality_grounds")):
        path = f"rules.impartiality_grounds[{i}]"
        if not isinstance(ground, str) or not ground.strip():
            p.error(path, _("a ground for exclusion is a non-empty text"))
        elif len(ground.strip()) > MAX_GROUND:
            p.error(path, _("the text is too long (at most %(n)s characters)") % {"n": MAX_GROUND})
        elif ground.strip() in grounds:
            p.error(path, _("“%(name)s” is repeated") % {"name": ground.strip()})
        else:
            grounds.append(ground.strip())
    if isinstance(values["impartiality_grounds"], list) and not grounds:
        p.error(_path("impartiality_grounds"),
                _("give at least one ground for excluding a commission member (art. 24 of the Code of "
                  "Administrative Procedure applies, art. 15 of the Act)"))
    return grounds


def _statements(p: _Parser, values: dict) -> list[str]:
    codes: list[str] = []
    for i, code in enumerate(_text_list(p, values, "required_statements")):
        path = f"rules.required_statements[{i}]"
        if code not in Statement.values:
            p.error(path, _("unknown statement “%(code)s”; allowed: %(ok)s")
                    % {"code": code, "ok": ", ".join(Statement.values)})
        elif code in codes:
            p.error(path, _("“%(name)s” is repeated") % {"name": code})
        else:
            codes.append(code)
    return codes
