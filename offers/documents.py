"""The PDFs of an offer: the submission confirmation and the whole offer laid out like the
official form (regulation of 24 October 2018, Dz. U. 2018 poz. 2057, annex 1): their data, and
the sources the PDF cache builds them from (`register_documents`, called from `OffersConfig.ready`).

Both are built from a snapshot dict: `OfferVersion.data` for a submitted version, or
`selectors.offer_snapshot(offer)` for the live draft. Never from the live rows, so one
version always gives the same document, however the draft or the call changes afterwards:
the snapshot also holds what the call said at submission (title, authority, deadlines,
action titles, indicator minimums).

Access is checked by the views (`offers.views_pdf`) before the cache is asked for a document.
"""
from datetime import date, datetime
from types import SimpleNamespace
from decimal import Decimal

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from competition.choices import LegalForm
from competition.models import Call
from competition.rules import WARSAW
from core.money import format_percent
from core.pdf import registry
from core.pdf.registry import Source
from core.pdf.render import render_pdf
from offers import selectors, services
from offers.models import Offer, OfferVersion
from offers.rules import STATEMENT_VARIANTS, STATEMENTS, share

ZERO = Decimal("0.00")
SOURCES = ("grant", "own_financial", "own_personal", "own_in_kind", "recipient_fees")


def confirmation_pdf_bytes(version: OfferVersion) -> bytes:
    """The confirmation of a stored version, e.g. to attach to the "offer submitted" e-mail."""
    with translation.override("pl"):
        return render_pdf("offers/pdf/confirmation.html",
                          confirmation_context(version.data, version.offer.call, version))


def file_slug(number) -> str:
    return "".join(ch for ch in str(number or "") if ch.isalnum() or ch in "-_") or "bez-numeru"


# --- the cached documents ------------------------------------------------------------------------

OFFER = "offer"
CONFIRMATION = "confirmation"


def offer_subject(offer: Offer, number: int | None = None) -> str:
    return f"offer-{offer.pk}-draft" if number is None else f"offer-{offer.pk}-v{number}"


def _offer_and_version(call: Call, subject: str) -> tuple[Offer, int | None]:
    _offer, pk, version = subject.split("-")
    offer = selectors.offer_get_for_document(pk=int(pk), call=call)
    return offer, None if version == "draft" else int(version[1:])


def _stored_version(offer: Offer, number: int) -> OfferVersion:
    return next(v for v in offer.versions.all() if v.number == number)


def offer_source(call: Call, subject: str) -> Source:
    """An offer's version ("offer-12-v3") or its live draft ("offer-12-draft")."""
    offer, number = _offer_and_version(call, subject)
    if number is None:
        with translation.override("pl"):  # the problems are printed in the document's language
            problems = [p.message for p in selectors.offer_problems(offer)]
        context = offer_context(selectors.offer_snapshot(offer), call, problems=problems)
        return Source("offers/pdf/offer.html", context, f"oferta-projekt-{offer.pk}.pdf")
    version = _stored_version(offer, number)
    context = offer_context(version.data, call, version=version)
    return Source("offers/pdf/offer.html", context,
                  f"oferta-{file_slug(version.data.get('number'))}-v{version.number}.pdf")


def confirmation_source(call: Call, subject: str) -> Source:
    offer, number = _offer_and_version(call, subject)
    version = _stored_version(offer, number)
    context = confirmation_context(version.data, call, version)
    return Source("offers/pdf/confirmation.html", context,
                  f"potwierdzenie-oferty-{file_slug(version.data.get('number'))}-v{version.number}.pdf")


def register_documents() -> None:
    """An offer and its confirmation grow with what the applicant typed (up to docs/limits.md):
    always built by the PDF worker, whatever the size of the call."""
    registry.register(OFFER, owner=Call, source=offer_source, label=_("offer"), worker_only=True)
    registry.register(CONFIRMATION, owner=Call, source=confirmation_source, label=_("submission confirmation"),
                      worker_only=True)


# --- the documents' data ----------------------------------------------------------------------


def confirmation_context(data: dict, call: Call, version: OfferVersion) -> dict:
    doc = _common(data, call)
    number = data.get("number") or ""
    return {
        **doc,
        "version": version,
        "submitted_at": _moment(version.submitted_at),
        "withdrawn_at": _moment(version.withdrawn_at) if version.withdrawn_at else "",
        "checksum": version.checksum,
        "checksum_groups": version.short_checksum,
        "checksum_lines": [version.short_checksum[:39], version.short_checksum[40:]],
        "entry_code": f"{number}/{version.number}/{version.checksum[:8]}",
        "integrity_ok": services.checksum(data) == version.checksum,
        "confirmation_deadline": _moment(doc["call"].confirmation_deadline, seconds=False),
        "confirmation_address": doc["call"].confirmation_address,
    }


def offer_context(data: dict, call: Call, *, version: OfferVersion | None = None, problems=None) -> dict:
    doc = _common(data, call)
    actions = doc["actions"]
    costs = [c for a in actions for c in a["costs"]]
    admin = [c for c in costs if c["kind"] == "administrative"]
    for n, cost in enumerate(admin, start=1):
        cost["number"] = f"II.{n}"
    return {
        **doc,
        "version": version,
        "is_draft": version is None,
        "problems": problems or [],
        "submitted_at": _moment(version.submitted_at) if version else "",
        "withdrawn_at": _moment(version.withdrawn_at) if version and version.withdrawn_at else "",
        "texts": data.get("texts", {}),
        "paid_activity": data.get("paid_activity"),
        "zones": data.get("zones", []),
        "lpr_projects": [p for p in call.lpr_projects.all() if p.code in set(data.get("lpr_projects", []))],
        "schedule": _schedule(data.get("schedule", [])),
        "admin_costs": admin,
        "substantive_total": sum((c["total"] for c in costs if c["kind"] != "administrative"), ZERO),
        "sources": _sources(doc["totals"]),
        "split": _split(actions, doc["offerors"]) if doc["is_joint"] else None,
        "statements": data.get("statements", {}),
        "statement_rows": _statement_rows(data.get("statements", {}), call),
        "registers": _registers(doc["offerors"]),
        "admin_share": format_percent(share(doc["totals"].get("admin", ZERO), doc["totals"].get("total", ZERO))),
        "attachments": data.get("attachments", []),
        "invited_partners": data.get("invited_partners", []),  # names only, never their data
    }


def _statement_rows(statements: dict, call: Call) -> list[dict]:
    """Part VII as the call requires it: each statement (code), whether it is made and, for one with
    two variants, the chosen one ("none" / "arrears"; a statement made before variants existed: "none")."""
    required = set(call.required_statements or [])
    rows = []
    for name in STATEMENTS:
        if name.removeprefix("st_") not in required:
            continue
        made = bool(statements.get(name))
        variant = STATEMENT_VARIANTS.get(name)
        rows.append({"code": name.removeprefix("st_"), "made": made,
                     "variant": (statements.get(variant) or ("none" if made else "")) if variant else ""})
    return rows


def _call_as_submitted(data: dict, call: Call) -> SimpleNamespace:
    """The call's facts as stored in the snapshot (falling back to the call for old snapshots)."""
    info = data.get("call_info") or {}
    facts = {key: info.get(key, getattr(call, key)) for key in (
        "title", "authority", "order_number", "public_task_type", "confirmation_address")}
    for key in ("announcement_date",):
        facts[key] = date.fromisoformat(info[key]) if key in info else getattr(call, key)
    for key in ("submission_deadline", "confirmation_deadline"):
        facts[key] = datetime.fromisoformat(info[key]) if key in info else getattr(call, key)
    # The act (zarządzenie / uchwała) and the genitive follow the call's authority; a snapshot holds only its name.
    return SimpleNamespace(**facts, slug=call.slug, lpr_projects=call.lpr_projects, act=call.authority.act,
                           authority_genitive=call.authority.name_genitive)


def _common(data: dict, call: Call) -> dict:
    offerors = [_offeror(data["lead"], lead=True)] + [_offeror(p, lead=False) for p in data.get("partners", [])]
    totals = {key: Decimal(value) for key, value in data.get("totals", {}).items()}
    return {
        "data": data,
        "call": _call_as_submitted(data, call),
        "number": data.get("number") or "",
        "title": data.get("title") or "",
        "start_date": _day(data.get("start_date")),
        "end_date": _day(data.get("end_date")),
        "offerors": offerors,
        "is_joint": len(offerors) > 1,
        "actions": _actions(data.get("actions", []), call),
        "totals": totals,
    }


def _offeror(d: dict, *, lead: bool) -> dict:
    if d.get("krs"):
        register = f"Krajowy Rejestr Sądowy, nr KRS {d['krs']}"
    elif d.get("other_register"):
        register = f"{d['other_register']}, nr {d.get('other_register_number') or '—'}"
    else:
        register = "—"
    try:
        legal_form = LegalForm(d.get("legal_form")).label
    except ValueError:
        legal_form = d.get("legal_form") or ""
    return {**d, "is_lead": lead, "legal_form_label": legal_form, "register": register,
            "representatives": d.get("representatives") or []}


def _registers(offerors: list[dict]) -> str:
    """Statement 5 names KRS or another register: strike the one that applies to nobody."""
    in_krs = {bool(o.get("krs")) for o in offerors}
    return "mixed" if len(in_krs) > 1 else ("krs" if True in in_krs else "other")


def _actions(actions: list[dict], call: Call) -> list[dict]:
    known = {a.code: a for a in call.actions.all()}
    out = []
    for i, a in enumerate(actions, start=1):
        action = known.get(a["code"])
        minimums = {ind.name: ind for ind in action.indicators.all()} if action else {}
        costs = [{**_cost(c), "action_code": a["code"]} for c in a.get("costs", [])]
        for j, cost in enumerate((c for c in costs if c["kind"] != "administrative"), start=1):
            cost["number"] = f"I.{i}.{j}"
        sums = {key: sum((c[key] for c in costs), ZERO) for key in SOURCES}
        total = Decimal(a["totals"]["total"])
        out.append({
            "number": f"I.{i}",
            "code": a["code"],
            "title": a.get("title") or (action.title if action else ""),
            "budget": Decimal(a["budget"]) if a.get("budget") else (action.budget if action else None),
            "indicators": [
                {**ind,
                 "minimum": Decimal(ind["minimum"]) if ind.get("minimum") else getattr(minimums.get(ind["name"]), "minimum", None),
                 "unit": ind.get("unit") or getattr(minimums.get(ind["name"]), "unit", "")}
                for ind in a.get("indicators", [])
            ],
            "own_results": a.get("own_results", []),
            "costs": costs,
            "substantive": [c for c in costs if c["kind"] != "administrative"],
            "substantive_total": sum((c["total"] for c in costs if c["kind"] != "administrative"), ZERO),
            "total": total,
            "grant": Decimal(a["totals"]["grant"]),
            "admin": Decimal(a["totals"]["admin"]),
            "grant_share": format_percent(share(Decimal(a["totals"]["grant"]), total)),
            "admin_share": format_percent(share(Decimal(a["totals"]["admin"]), total)),
            **{f"sum_{key}": value for key, value in sums.items()},
        })
    return out


def _cost(c: dict) -> dict:
    money = ("unit_cost", "total", *SOURCES)
    return {
        **c,
        **{key: Decimal(c[key]) for key in money},
        "quantity": Decimal(c["quantity"]),
        "personal_hours": Decimal(c["personal_hours"]) if c.get("personal_hours") else None,
        "personal_rate": Decimal(c["personal_rate"]) if c.get("personal_rate") else None,
    }


def _schedule(rows: list[dict]) -> list[dict]:
    return [{**r, "start": _day(r.get("start")), "end": _day(r.get("end"))} for r in rows]


def _sources(totals: dict) -> list[dict]:
    """Section V.B: every source with its share of the total cost (the total is 100%)."""
    total = totals.get("total", ZERO)
    personal, in_kind = totals.get("own_personal", ZERO), totals.get("own_in_kind", ZERO)
    financial = totals.get("own_financial", ZERO)
    rows = [
        ("1", "Suma wszystkich kosztów realizacji zadania", total, True),
        ("2", "Planowana dotacja w ramach niniejszej oferty", totals.get("grant", ZERO), True),
        ("3", "Wkład własny (suma pól 3.1 i 3.2)", financial + personal + in_kind, True),
        ("3.1", "Wkład własny finansowy", financial, False),
        ("3.2", "Wkład własny niefinansowy (osobowy i rzeczowy)", personal + in_kind, False),
        ("3.2.1", "w tym wkład osobowy (praca wolontariuszy i członków, z kalkulacją godzinową)", personal, False),
        ("3.2.2", "w tym wkład rzeczowy (z wyceną)", in_kind, False),
        ("4", "Świadczenia pieniężne od odbiorców zadania", totals.get("recipient_fees", ZERO), True),
    ]
    return [{"number": n, "label": label, "value": value, "share": format_percent(share(value, total)), "main": main}
            for n, label, value, main in rows]


def _split(actions: list[dict], offerors: list[dict]) -> dict:
    """Section V.C: the cost each offeror of a joint offer bears, per action and in total."""
    names = [o["name"] for o in offerors]
    for a in actions:
        for c in a["costs"]:
            if c.get("offeror") and c["offeror"] not in names:
                names.append(c["offeror"])  # a cost left with an organisation no longer a partner
    lead = names[0]
    rows = []
    for a in actions:
        values = {name: ZERO for name in names}
        for c in a["costs"]:
            values[c.get("offeror") or lead] += c["total"]
        rows.append({"label": f"{a['number']} Działanie {a['code']}", "values": [values[n] for n in names],
                     "total": a["total"]})
    column_totals = [sum((r["values"][i] for r in rows), ZERO) for i in range(len(names))]
    whole = sum(column_totals, ZERO)
    return {"names": names, "rows": rows, "totals": column_totals, "total": whole,
            "shares": [format_percent(share(v, whole)) for v in column_totals]}


def _day(value: str | None) -> str:
    return date.fromisoformat(value).strftime("%d.%m.%Y") if value else ""


def _moment(value: datetime, *, seconds: bool = True) -> str:
    """Official (Warsaw) time whatever the server's zone: the date of receipt is judged by it."""
    local = timezone.localtime(value, WARSAW)
    return local.strftime("%d.%m.%Y, godz. %H:%M:%S" if seconds else "%d.%m.%Y, godz. %H:%M")


def many_offers(call: Call) -> bool:
    """A call with at least `PDF_ASYNC_MIN_OFFERS` offers submitted: its large documents (results,
    ranking, the commission's protocol) are built by the PDF worker."""
    return Offer.objects.filter(call=call).exclude(state=Offer.State.DRAFT).count() >= settings.PDF_ASYNC_MIN_OFFERS
