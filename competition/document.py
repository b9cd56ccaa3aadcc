"""Parsing a call document (the JSON format of `docs/call-format.md`).

`parse_call_document` checks a whole document, section by section and then across
sections (dates, totals, sources), and returns it with Python values or raises
`CallDocumentError` with every error it found. `competition.rules` re-exports it with
the constants below, so callers keep importing them from there.
"""
import re
from datetime import timedelta
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from competition.choices import FormalCheck, LegalForm, ScaleSource
from competition.document_authority import parse_authority
from competition.document_criteria import parse_formal, parse_merit
from competition.document_reader import WARSAW, CallDocumentError, FieldError, _Parser
from competition.document_rules import parse_rules
from competition.rules_scales import criterion_max_points
from core.money import format_money

FORMAT = "konkurs-ofert/2"
# Formats still read: version 1 has no `rules` object (each rule then takes its default).
READABLE_FORMATS = (FORMAT, "konkurs-ofert/1")
MIN_DAYS_TO_DEADLINE = 21  # art. 13 ust. 1 of the Act

TEXT_FIELDS = (
    "goals",
    "grant_rules",
    "realisation_conditions",
    "excluded_costs",
    "grantee_duties",
    "submission_rules",
    "selection_procedure",
    "previous_grants",
    "publication_places",
    "contact_info",
)
# Required texts and their longest allowed length (None: unlimited), as in the model.
REQUIRED_STRINGS = {
    "title": 400,
    "public_task_type": None,
    "legal_basis": None,
    "order_number": 80,
    "confirmation_address": None,
}
MAX_BUDGET = Decimal("999999999999.99")  # 14 digits with grosze
MAX_INDICATOR = Decimal("9999999999.99")
SLUG_RE = re.compile(r"^[-a-z0-9]+$")


def parse_call_document(doc) -> dict:
    """Check a call document and return it with Python values; raise CallDocumentError.

    Every error names its field; nothing is written anywhere.
    """
    p = _Parser()
    if not isinstance(doc, dict):
        raise CallDocumentError([FieldError("$", _("the document must be a JSON object"))])
    if doc.get("format", FORMAT) not in READABLE_FORMATS:
        p.error("format", _("unknown format “%(f)s” (expected “%(ok)s”)")
                % {"f": doc.get("format"), "ok": "”, “".join(READABLE_FORMATS)})

    out: dict = {"slug": _parse_slug(p, doc)}
    for key, max_length in REQUIRED_STRINGS.items():
        out[key] = p.string(doc, key, key, max_length=max_length)
    out["authority"] = parse_authority(p, doc)
    out["texts"] = _parse_texts(p, doc)
    out.update(_parse_dates_and_numbers(p, doc))
    out.update(_parse_shares(p, doc))
    out["eligible_entity_types"] = _parse_eligible(p, doc)

    out["actions"] = _parse_actions(p, doc)
    out["zones"] = _parse_named_list(p, doc, "zones")
    out["lpr_projects"] = _parse_lpr(p, doc)
    out["formal_criteria"] = parse_formal(p, doc)
    merit_errors = len(p.errors)
    out["merit_criteria"] = parse_merit(p, doc)
    merit_ok = len(p.errors) == merit_errors
    out["rules"] = parse_rules(p, doc, max_points=out["max_points"] if merit_ok else None,
                               merit_codes=[c["code"] for c in out["merit_criteria"]] if merit_ok else None)
    _check_dates(p, out)
    _check_totals(p, out)
    if p.errors:
        raise CallDocumentError(p.errors)
    return out


def _parse_slug(p: _Parser, doc: dict) -> str:
    slug = p.string(doc, "slug", "slug", required=False, max_length=80)
    if slug and not SLUG_RE.match(slug):
        p.error("slug", _("the identifier may contain only lower-case letters a–z, digits and hyphens"))
    return slug


def _parse_texts(p: _Parser, doc: dict) -> dict:
    texts = doc.get("texts") or {}
    if not isinstance(texts, dict):
        p.error("texts", _("an object with the announcement's texts expected"))
        texts = {}
    for key in texts:
        if key not in TEXT_FIELDS:
            p.error(f"texts.{key}", _("unknown part of the announcement; allowed: %(keys)s") % {"keys": ", ".join(TEXT_FIELDS)})
    return {key: p.string(texts, key, f"texts.{key}", required=False) for key in TEXT_FIELDS}


def _parse_dates_and_numbers(p: _Parser, doc: dict) -> dict:
    out: dict = {}
    out["announcement_date"] = p.day(doc, "announcement_date", "announcement_date")
    out["submission_start"] = p.moment(doc, "submission_start", "submission_start") if doc.get("submission_start") else None
    out["submission_deadline"] = p.moment(doc, "submission_deadline", "submission_deadline")
    out["confirmation_deadline"] = p.moment(doc, "confirmation_deadline", "confirmation_deadline")
    out["decision_date"] = p.day(doc, "decision_date", "decision_date")
    out["realisation_start"] = p.day(doc, "realisation_start", "realisation_start")
    out["realisation_end"] = p.day(doc, "realisation_end", "realisation_end")
    out["min_actions"] = p.integer(doc, "min_actions", "min_actions", minimum=1)
    out["max_points"] = p.integer(doc, "max_points", "max_points", minimum=0)
    out["report_days"] = p.integer(doc, "report_days", "report_days", minimum=1) if "report_days" in doc else 30
    out["required_attachments"] = _parse_named_list(p, doc, "required_attachments")
    return out


def _parse_shares(p: _Parser, doc: dict) -> dict:
    out: dict = {}
    for key, default in (("cost_shift_limit", "0.20"), ("result_change_limit", "0.10")):  # optional in a document
        out[key] = _share(p, doc, key) if key in doc else _share_checked(p, key, Decimal(default))
    for key in ("max_grant_share", "max_admin_share"):
        share = _share(p, doc, key)
        if share is not None and key == "max_grant_share" and share == 0:
            p.error(key, _("the grant share must be greater than zero"))
        out[key] = share
    return out


def _share(p: _Parser, doc: dict, key: str) -> Decimal | None:
    return _share_checked(p, key, p.decimal(doc, key, key, places=4))


def _share_checked(p: _Parser, key: str, share: Decimal | None) -> Decimal | None:
    if share is not None and not (Decimal(0) <= share <= Decimal(1)):
        p.error(key, _("a share is a fraction from 0 to 1 (e.g. 0.90 = 90 percent)"))
    return share


def _parse_eligible(p: _Parser, doc: dict) -> list[str]:
    legal_forms = set(LegalForm.values)
    eligible = p.items(doc, "eligible_entity_types", "eligible_entity_types")
    if not eligible:
        p.error("eligible_entity_types", _("choose at least one eligible legal form"))
    for i, code in enumerate(eligible):
        if not isinstance(code, str) or code not in legal_forms:
            p.error(
                f"eligible_entity_types[{i}]",
                _("unknown legal form “%(code)s”; allowed: %(ok)s") % {"code": code, "ok": ", ".join(LegalForm.values)},
            )
    codes = [c for c in eligible if isinstance(c, str)]
    if len(set(codes)) != len(codes):
        p.error("eligible_entity_types", _("a legal form is repeated"))
    return list(dict.fromkeys(c for c in codes if c in legal_forms))


def _parse_actions(p: _Parser, doc) -> list[dict]:
    actions = []
    raw = p.items(doc, "actions", "actions")
    if not raw:
        p.error("actions", _("a call needs at least one action"))
    seen = set()
    for i, item in enumerate(raw):
        path = f"actions[{i}]"
        if not isinstance(item, dict):
            p.error(path, _("an action object expected"))
            continue
        actions.append(_parse_action(p, item, path, seen))
    return actions


def _parse_action(p: _Parser, item: dict, path: str, seen: set) -> dict:
    """One action; `seen` collects the codes so far (a repeated code is an error)."""
    code = p.string(item, "code", f"{path}.code", max_length=10)
    if code and code in seen:
        p.error(f"{path}.code", _("action code “%(code)s” is repeated") % {"code": code})
    seen.add(code)
    budget = _parse_budget(p, item, path)
    groups = _parse_target_groups(p, item, path)
    indicators = _parse_indicators(p, item, path)
    return {
        "code": code,
        "title": p.string(item, "title", f"{path}.title", max_length=400),
        "description": p.string(item, "description", f"{path}.description", required=False),
        "target_groups": groups,
        "budget": budget,
        "indicators": indicators,
    }


def _parse_budget(p: _Parser, item: dict, path: str) -> Decimal | None:
    budget = p.decimal(item, "budget", f"{path}.budget")
    if budget is not None and budget < 0:
        p.error(f"{path}.budget", _("an action's budget may not be negative (given: %(v)s)") % {"v": format_money(budget)})
    elif budget is not None and budget == 0:
        p.error(f"{path}.budget", _("an action's budget must be greater than zero"))
    elif budget is not None and budget > MAX_BUDGET:
        p.error(f"{path}.budget", _("the amount is too large"))
    return budget


def _parse_target_groups(p: _Parser, item: dict, path: str) -> list[str]:
    groups = []
    for k, group in enumerate(p.items(item, "target_groups", f"{path}.target_groups")):
        if not isinstance(group, str):
            p.error(f"{path}.target_groups[{k}]", _("text expected"))
        elif group.strip():
            groups.append(group.strip())
    return groups


def _parse_indicators(p: _Parser, item: dict, path: str) -> list[dict]:
    indicators = []
    for j, ind in enumerate(p.items(item, "indicators", f"{path}.indicators")):
        ipath = f"{path}.indicators[{j}]"
        if not isinstance(ind, dict):
            p.error(ipath, _("an indicator object expected"))
            continue
        minimum = p.decimal(ind, "minimum", f"{ipath}.minimum")
        if minimum is not None and minimum < 0:
            p.error(f"{ipath}.minimum", _("the minimum value may not be negative"))
        elif minimum is not None and minimum > MAX_INDICATOR:
            p.error(f"{ipath}.minimum", _("the value is too large"))
        indicators.append(
            {
                "name": p.string(ind, "name", f"{ipath}.name", max_length=400),
                "unit": p.string(ind, "unit", f"{ipath}.unit", required=False, max_length=60) or "liczba",
                "minimum": minimum,
                "source": _indicator_source(p, ind, ipath),
            }
        )
    return indicators


def _indicator_source(p: _Parser, ind: dict, ipath: str) -> str:
    """A computed indicator names the count it is read from (the scales' sources); none: declared."""
    source = ind.get("source")
    if source in (None, ""):
        return ""
    if source not in ScaleSource.values:
        p.error(f"{ipath}.source", _("unknown value “%(v)s”; allowed: %(ok)s")
                % {"v": source, "ok": ", ".join(ScaleSource.values)})
        return ""
    return source


def _parse_named_list(p: _Parser, doc, key) -> list[str]:
    names = []
    for i, name in enumerate(p.items(doc, key, key)):
        if not isinstance(name, str) or not name.strip():
            p.error(f"{key}[{i}]", _("a name is required"))
            continue
        if len(name.strip()) > 120:
            p.error(f"{key}[{i}]", _("the text is too long (at most %(n)s characters)") % {"n": 120})
        if name.strip() in names:
            p.error(f"{key}[{i}]", _("“%(name)s” is repeated") % {"name": name.strip()})
        names.append(name.strip())
    return names


def _parse_lpr(p: _Parser, doc) -> list[dict]:
    projects, seen = [], set()
    for i, item in enumerate(p.items(doc, "lpr_projects", "lpr_projects")):
        path = f"lpr_projects[{i}]"
        if not isinstance(item, dict):
            p.error(path, _("a project object expected"))
            continue
        code = p.string(item, "code", f"{path}.code", max_length=20)
        if code and code in seen:
            p.error(f"{path}.code", _("project number “%(code)s” is repeated") % {"code": code})
        seen.add(code)
        projects.append({"code": code, "name": p.string(item, "name", f"{path}.name", required=False, max_length=400)})
    return projects


def _check_dates(p: _Parser, out: dict) -> None:
    announced, deadline = out["announcement_date"], out["submission_deadline"]
    confirmation, decision = out["confirmation_deadline"], out["decision_date"]
    start, end = out["realisation_start"], out["realisation_end"]
    if announced and deadline:
        first_allowed = announced + timedelta(days=MIN_DAYS_TO_DEADLINE)
        if deadline.astimezone(WARSAW).date() < first_allowed:
            p.error(
                "submission_deadline",
                _("the submission deadline must be at least %(n)s days after the announcement (art. 13(1) of the Act), "
                  "that is not before %(d)s") % {"n": MIN_DAYS_TO_DEADLINE, "d": first_allowed.strftime("%d.%m.%Y")},
            )
    if out["submission_start"] and deadline and out["submission_start"] >= deadline:
        p.error("submission_start", _("the start of submissions must be before the submission deadline"))
    if deadline and confirmation and confirmation < deadline:
        p.error("confirmation_deadline", _("the confirmation-delivery deadline may not be before the submission deadline"))
    if deadline and decision and deadline.astimezone(WARSAW).date() > decision:
        p.error("decision_date", _("the submission deadline falls after the decision date"))
    if start and end and start > end:
        p.error("realisation_end", _("the realisation ends before it starts"))
    if decision and end and decision > end:
        p.error("realisation_end", _("the realisation ends before the decision date"))


def _check_totals(p: _Parser, out: dict) -> None:
    if out["min_actions"] and out["actions"] and out["min_actions"] > len(out["actions"]):
        p.error(
            "min_actions",
            ngettext("an offer must cover at least %(n)s action, but the call has only %(have)s",
                     "an offer must cover at least %(n)s actions, but the call has only %(have)s", out["min_actions"])
            % {"n": out["min_actions"], "have": len(out["actions"])},
        )
    merit_broken = any(e.path.startswith("merit_criteria") for e in p.errors)
    if out["max_points"] is not None and out["merit_criteria"] and not merit_broken:
        total = sum(criterion_max_points(c) for c in out["merit_criteria"])
        if total != out["max_points"]:
            p.error(
                "max_points",
                _("the maximum of %(declared)s points does not equal the sum of the criteria's maxima (%(total)s)")
                % {"declared": out["max_points"], "total": total},
            )
    _check_sources(p, out)


def _check_sources(p: _Parser, out: dict) -> None:
    """A criterion that counts zones or LPR projects needs the call to list them."""
    for i, c in enumerate(out["merit_criteria"]):
        if c.get("source") == ScaleSource.ZONES and not out["zones"]:
            p.error(f"merit_criteria[{i}].source", _("the criterion counts urban zones, but the call lists none"))
        if c.get("source") == ScaleSource.LPR_PROJECTS and not out["lpr_projects"]:
            p.error(f"merit_criteria[{i}].source", _("the criterion counts LPR projects, but the call lists none"))
    for i, c in enumerate(out["formal_criteria"]):
        if c["auto_check"] == FormalCheck.ZONES_COVERED and not out["zones"]:
            p.error(f"formal_criteria[{i}].auto_check", _("the check looks at urban zones, but the call lists none"))
    for i, action in enumerate(out["actions"]):
        for j, ind in enumerate(action["indicators"]):
            if ind["source"] == ScaleSource.ZONES and not out["zones"]:
                p.error(f"actions[{i}].indicators[{j}].source",
                        _("the indicator counts urban zones, but the call lists none"))
            if ind["source"] == ScaleSource.LPR_PROJECTS and not out["lpr_projects"]:
                p.error(f"actions[{i}].indicators[{j}].source",
                        _("the indicator counts LPR projects, but the call lists none"))
