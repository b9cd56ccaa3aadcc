"""Reads of offers, always scoped to the user who asks."""
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects
from django.http import Http404

from competition.models import Call, Indicator
from competition.structure import attach_structure
from offers import rules
from offers.models import CostItem, IndicatorValue, Offer, OfferAction, OfferPartner, ScheduleRow
from organisations.models import Organisation


def organisations_of(user) -> QuerySet:
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user)


def offers_of(user) -> QuerySet:
    """Offers the user may read and write: those led by, or joined by, one of their organisations."""
    orgs = organisations_of(user)
    joined = OfferPartner.objects.filter(organisation__in=orgs).values("offer")  # accepted partners only
    return Offer.objects.filter(Q(organisation__in=orgs) | Q(pk__in=joined)).distinct()


def partners_of(offer: Offer) -> list[OfferPartner]:
    """Every partner row of the offer, accepted or not, in order: for the lead's offerors step."""
    return list(OfferPartner.all_objects.filter(offer=offer).select_related("organisation"))


def _pending_q() -> QuerySet:
    return OfferPartner.all_objects.exclude(status=OfferPartner.Status.ACCEPTED).select_related("organisation")


def pending_partners(offer: Offer) -> list[OfferPartner]:
    """Partners invited (or that declined) and not offerors: only their names may be shown."""
    rows = getattr(offer, "pending_partner_rows", None)  # prefetched by _with_everything
    return list(rows) if rows is not None else list(_pending_q().filter(offer=offer))


def _everything() -> tuple:
    """What an offer's pages, its checks and its snapshot read of the offer itself: a fixed number
    of queries, whatever the number of actions, cost lines or partners."""
    return (
        Prefetch("partners", queryset=OfferPartner.objects.select_related("organisation")),
        Prefetch("partners", queryset=_pending_q(), to_attr="pending_partner_rows"),
        Prefetch(
            "offer_actions",
            queryset=OfferAction.objects.select_related("action").prefetch_related(
                Prefetch("indicator_values", queryset=IndicatorValue.objects.select_related("indicator")),
                "own_results",
                Prefetch("cost_items", queryset=CostItem.objects.select_related("offeror")),
            ),
        ),
        Prefetch("schedule", queryset=ScheduleRow.objects.select_related("responsible", "offer_action__action")),
        "zones",
        "lpr_projects",
        "versions",
        "attachments",
    )


def _with_everything(qs: QuerySet) -> QuerySet:
    """The offers with everything but the call's structure, which `_complete` adds from the cache."""
    return qs.select_related("call__authority", "organisation").prefetch_related(*_everything())


def _complete(offer: Offer) -> Offer:
    """The call's actions, indicators, zones and LPR projects, read once per revision of the call
    (`competition.structure`), where a prefetch would read them on every request."""
    attach_structure(offer.call)
    return offer


def offers_with_everything(qs: QuerySet) -> list[Offer]:
    """Many offers, each with everything `offer_get_for_user` reads (the dashboard)."""
    return [_complete(offer) for offer in _with_everything(qs)]


def offer_get_for_user(*, pk: int, user) -> Offer:
    """The offer, or 404 when it does not exist or belongs to somebody else."""
    try:
        return _complete(_with_everything(offers_of(user)).get(pk=pk))
    except Offer.DoesNotExist:
        raise Http404 from None


def offer_get_scoped(*, pk: int, user) -> Offer:
    """Only the offer's row and its call's (one query), or 404 as `offer_get_for_user`: for a
    write whose service reads what it needs under its lock (submission)."""
    try:
        return offers_of(user).select_related("call").get(pk=pk)
    except Offer.DoesNotExist:
        raise Http404 from None


def offer_load_everything(offer: Offer) -> Offer:
    """Everything `offer_get_for_user` reads, onto an offer row already read (e.g. locked by a
    service): the offer's row is not read again."""
    if "call" not in offer._state.fields_cache:  # noqa: SLF001
        offer.call = Call.objects.get(pk=offer.call_id)
    if "organisation" not in offer._state.fields_cache:  # noqa: SLF001
        offer.organisation = Organisation.objects.get(pk=offer.organisation_id)
    prefetch_related_objects([offer], *_everything())
    return _complete(offer)


def offer_after_save(before: Offer, saved: Offer, *, user, fields_only: bool) -> Offer:
    """The offer as a save left it, with everything. When the save changed only the offer's own
    fields (`fields_only`) and nothing else happened since `before` was read (the revision moved
    by one), what was read with `before` still holds; otherwise it is read again."""
    if fields_only and saved.revision == before.revision + 1 and saved.pk == before.pk:
        saved.call, saved.organisation = before.call, before.organisation
        saved._prefetched_objects_cache = dict(before._prefetched_objects_cache)  # noqa: SLF001
        saved.pending_partner_rows = before.pending_partner_rows
        return saved
    return offer_get_for_user(pk=saved.pk, user=user)


def offer_get_for_document(*, pk: int, call: Call) -> Offer:
    """The offer with everything its PDF prints, for the PDF worker: the view that asked for
    the document has already found the offer through `offer_get_for_user`."""
    return _complete(_with_everything(Offer.objects.filter(call=call)).get(pk=pk))


def offer_list_for_user(user) -> QuerySet:
    """The columns "My offers" shows (no version: a version's snapshot is tens of kB)."""
    return (offers_of(user).select_related("call__authority", "organisation")
            .only("pk", "number", "title", "state", "updated_at", "call__title", "call__slug", "call__authority__name",
                  "call__authority__slug", "organisation__name")
            .order_by("-updated_at"))


def offerors(offer: Offer) -> list[Organisation]:
    """The lead first, then partners in their order."""
    return [offer.organisation, *[p.organisation for p in offer.partners.all()]]


def indicator_counts(offer: Offer) -> dict[str, Decimal]:
    """The value of each kind of computed indicator for this offer (what the offer ticks and who offers it)."""
    zones, lpr, who = len(offer.zones.all()), len(offer.lpr_projects.all()), len(offerors(offer))
    return {source: rules.indicator_count(source, zones=zones, lpr_projects=lpr, offerors=who)
            for source in ("zones", "lpr_projects", "offerors")}


def indicator_value(iv: IndicatorValue, counts: dict[str, Decimal]) -> Decimal | None:
    """The value of one indicator row: counted for a computed indicator, else as declared."""
    return counts.get(iv.indicator.source) if iv.indicator.source else iv.value


def call_limits(call: Call) -> rules.CallLimits:
    return rules.CallLimits(
        min_actions=call.min_actions,
        max_grant_share=call.max_grant_share,
        max_admin_share=call.max_admin_share,
        action_budgets={a.code: a.budget for a in call.actions.all()},
        realisation_start=call.realisation_start,
        realisation_end=call.realisation_end,
        eligible_forms=tuple(call.eligible_entity_types),
        required_attachments=tuple(call.required_attachments),
        required_statements=tuple(call.required_statements),
        admin_cost_base=call.admin_cost_base,
    )


def cost_line(item: CostItem, code: str) -> rules.CostLine:
    return rules.CostLine(
        action_code=code,
        name=item.name,
        kind=item.kind,
        unit=item.unit,
        quantity=item.quantity,
        unit_cost=item.unit_cost,
        grant=item.grant,
        own_financial=item.own_financial,
        own_personal=item.own_personal,
        own_in_kind=item.own_in_kind,
        recipient_fees=item.recipient_fees,
        personal_hours=item.personal_hours,
        personal_rate=item.personal_rate,
        in_kind_valuation=item.in_kind_valuation,
        offeror_id=item.offeror_id,
        position=item.position,
    )


def offer_data(offer: Offer) -> rules.OfferData:
    """The offer as the plain data the rules check."""
    chosen = list(offer.offer_actions.all())
    declared = {}
    costs = []
    for oa in chosen:
        for iv in oa.indicator_values.all():
            declared[(oa.action_id, iv.indicator_id)] = iv.value
        costs.extend(cost_line(item, oa.action.code) for item in oa.cost_items.all())
    counts = indicator_counts(offer)
    indicators = [
        rules.IndicatorDeclaration(oa.action.code, ind.name, ind.minimum,
                                   counts.get(ind.source) if ind.source else declared.get((oa.action_id, ind.pk)),
                                   source=ind.source)
        for oa in chosen
        for ind in _indicators_of(offer.call, oa.action_id)
    ]
    return rules.OfferData(
        title=offer.title,
        start_date=offer.start_date,
        end_date=offer.end_date,
        texts={name: getattr(offer, name) for name in rules.REQUIRED_TEXTS if name != "title"},
        action_codes=[oa.action.code for oa in chosen],
        indicators=indicators,
        costs=costs,
        schedule=[rules.ScheduleLine(r.activity, r.start_date, r.end_date, r.position, r.responsible_id)
                  for r in offer.schedule.all()],
        statements={name: getattr(offer, name) for name in rules.STATEMENTS},
        zone_count=len(offer.zones.all()),
        offeror_ids=[o.pk for o in offerors(offer)],
        offerors=[(o.pk, o.name, o.legal_form) for o in offerors(offer)],
        pending_partners=[(p.organisation.name, p.status) for p in pending_partners(offer)],
        attachment_descriptions=[a.description or a.original_name for a in offer.attachments.all()],
        fixed_grants=fixed_grants(offer),
    )


def fixed_grants(offer: Offer) -> dict[str, Decimal] | None:
    """The grant per action a negotiated offer must ask for (None: not negotiating)."""
    if offer.state != Offer.State.NEGOTIATION or not offer.fixed_grants:
        return None
    return {code: Decimal(amount) for code, amount in offer.fixed_grants.items()}


def _indicators_of(call: Call, action_id: int) -> list[Indicator]:
    for action in call.actions.all():
        if action.pk == action_id:
            return list(action.indicators.all())
    return []


def offer_problems(offer: Offer) -> list[rules.Problem]:
    return rules.offer_problems(offer_data(offer), call_limits(offer.call))


def offer_totals(offer: Offer) -> tuple[dict, rules.ActionTotals]:
    data = offer_data(offer)
    return rules.totals(data.costs, data.action_codes)


def requested_grants(offers) -> dict[int, dict[str, Decimal]]:
    """Per offer, the grant requested for each action that has cost items, read for many offers
    in one query: `rules.requested_per_action` over the offer's cost items. `offers` is a
    queryset or a list of offers (or their pks); an offer without cost items is absent."""
    lines: dict[int, list[rules.CostLine]] = {}
    rows = (CostItem.objects.filter(offer_action__offer__in=offers)
            .values_list("offer_action__offer_id", "offer_action__action__code", "grant").order_by())
    for offer_pk, code, grant in rows:
        lines.setdefault(offer_pk, []).append(rules.CostLine(action_code=code, name="", grant=grant))
    return {offer_pk: rules.requested_per_action(costs) for offer_pk, costs in lines.items()}


def requested_grant_totals(offers) -> dict[int, Decimal]:
    """Per offer, the whole grant it requests (the sum over its actions); see `requested_grants`."""
    return {offer_pk: sum(per_action.values(), rules.ZERO) for offer_pk, per_action in requested_grants(offers).items()}


def offer_snapshot(offer: Offer) -> dict:
    """Everything the offer says, as JSON-ready data: what a submitted version freezes."""
    data = offer_data(offer)
    counts = indicator_counts(offer)
    per_action, whole = rules.totals(data.costs, data.action_codes)
    split = rules.split_by_offeror(data.costs, offer.organisation_id)

    def money(value: Decimal) -> str:
        return str(Decimal(value).quantize(Decimal("0.01")))

    def org(o: Organisation) -> dict:
        return {
            "id": o.pk, "name": o.name, "legal_form": o.legal_form, "krs": o.krs,
            "other_register": o.other_register, "other_register_number": o.other_register_number,
            "nip": o.nip, "regon": o.regon, "address": o.address, "email": o.email, "phone": o.phone,
            "bank_account": o.bank_account, "representatives": o.representative_list(),
        }

    call = offer.call
    invited = [{"name": p.organisation.name, "status": p.status} for p in pending_partners(offer)]
    return {
        "call": call.slug,
        # what the call said when the offer was submitted: the documents print this, not today's call
        "call_info": {
            "title": call.title, "authority": call.authority.name, "order_number": call.order_number,
            "announcement_date": call.announcement_date.isoformat(), "public_task_type": call.public_task_type,
            "submission_deadline": call.submission_deadline.isoformat(),
            "confirmation_deadline": call.confirmation_deadline.isoformat(),
            "confirmation_address": call.confirmation_address,
        },
        "number": offer.number,
        "title": offer.title,
        "start_date": offer.start_date.isoformat() if offer.start_date else None,
        "end_date": offer.end_date.isoformat() if offer.end_date else None,
        "lead": org(offer.organisation),
        "partners": [{**org(p.organisation), "role": p.role} for p in offer.partners.all()],
        "texts": {name: getattr(offer, name) for name in (
            "synthetic_description", "target_groups", "complementarity", "direct_effects", "social_change",
            "durability", "experience", "resources", "volunteers", "other_information")},
        "paid_activity": offer.paid_activity,
        "zones": sorted(z.name for z in offer.zones.all()),
        "lpr_projects": sorted(p.code for p in offer.lpr_projects.all()),
        "lpr_project_names": {p.code: p.name for p in offer.lpr_projects.all()},
        "schedule": [
            {"activity": r.activity, "description": r.description, "target_group": r.target_group,
             "start": r.start_date.isoformat() if r.start_date else None,
             "end": r.end_date.isoformat() if r.end_date else None,
             "action": r.offer_action.action.code if r.offer_action else None,
             "responsible": r.responsible.name if r.responsible else None, "non_party": r.non_party}
            for r in offer.schedule.all()
        ],
        "actions": [
            {
                "code": oa.action.code,
                "title": oa.action.title,
                "budget": money(oa.action.budget),
                "indicators": [
                    {"name": iv.indicator.name,
                     "value": str(value) if (value := indicator_value(iv, counts)) is not None else None,
                     **({"computed": iv.indicator.source} if iv.indicator.source else {}),
                     "minimum": str(iv.indicator.minimum), "unit": iv.indicator.unit, "monitoring": iv.monitoring}
                    for iv in oa.indicator_values.all()
                ],
                "own_results": [
                    {"name": r.name, "planned_value": r.planned_value, "monitoring": r.monitoring}
                    for r in oa.own_results.all()
                ],
                "costs": [
                    {"kind": c.kind, "name": c.name, "unit": c.unit, "quantity": str(c.quantity),
                     "unit_cost": money(c.unit_cost), "total": money(rules.item_total(c.quantity, c.unit_cost)),
                     "grant": money(c.grant), "own_financial": money(c.own_financial),
                     "own_personal": money(c.own_personal), "own_in_kind": money(c.own_in_kind),
                     "recipient_fees": money(c.recipient_fees),
                     "personal_hours": str(c.personal_hours) if c.personal_hours is not None else None,
                     "personal_rate": money(c.personal_rate) if c.personal_rate is not None else None,
                     "in_kind_valuation": c.in_kind_valuation,
                     "offeror": c.offeror.name if c.offeror else offer.organisation.name}
                    for c in oa.cost_items.all()
                ],
                "totals": {"total": money(per_action[oa.action.code].total), "grant": money(per_action[oa.action.code].grant),
                           "admin": money(per_action[oa.action.code].admin)},
            }
            for oa in offer.offer_actions.all()
        ],
        "totals": {
            "total": money(whole.total), "grant": money(whole.grant), "own_financial": money(whole.own_financial),
            "own_personal": money(whole.own_personal), "own_in_kind": money(whole.own_in_kind),
            "recipient_fees": money(whole.recipient_fees), "admin": money(whole.admin),
        },
        "split": {str(k): money(v) for k, v in sorted(split.items())},
        # the chosen variant of a statement that has two, when chosen ("none": nie zalega, "arrears": zalega)
        "statements": {**{name: getattr(offer, name) for name in rules.STATEMENTS},
                       **{v: getattr(offer, v) for v in rules.STATEMENT_VARIANTS.values() if getattr(offer, v)}},
        "attachments": [{"name": a.original_name, "sha256": a.sha256} for a in offer.attachments.all()],
        # invited, not accepted: the name only. Left out when empty, so a submitted offer's
        # snapshot (the rules let none be submitted with one) keeps the keys it always had.
        **({"invited_partners": invited} if invited else {}),
    }


# --- what the offer's pages show ---------------------------------------------------------------


def offer_list_in_call_for_user(user, call: Call) -> QuerySet:
    """The user's offers in one call (the page that starts an offer lists them)."""
    return offer_list_for_user(user).filter(call=call)


def negotiation_rows(offer: Offer) -> list[dict]:
    """Per action, the awarded grant against the grant the offer asks for now."""
    fixed = fixed_grants(offer)
    if fixed is None:
        return []
    per_action, _whole = offer_totals(offer)
    rows = []
    for code, amount in sorted(fixed.items()):
        current = per_action[code].grant if code in per_action else rules.ZERO
        rows.append({"code": code, "fixed": amount, "current": current, "ok": current == amount})
    return rows


def offer_versions_newest_first(offer: Offer) -> list:
    return sorted(offer.versions.all(), key=lambda v: v.number, reverse=True)


def offer_recent_events(offer: Offer, limit: int = 10) -> list[dict]:
    """The offer's latest events, newest first, each with the label of the section it touched."""
    return [{"event": e, "section": rules.section_label(e.section) if e.section else ""}
            for e in offer.events.select_related("by").order_by("-at", "-pk")[:limit]]
