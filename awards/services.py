"""Writes of the decision. Each function is one atomic, recorded change.

Flow: the chair closes the merit evaluation (call "scored") → a clerk proposes the allocation
(`decision_propose`: walk the ranking within each action's budget) → the authority changes
amounts (`decision_set_amounts`) and decides (`decision_lock`: order number and date; the
call becomes "decided") → afterwards only `decision_correct`, with a reason → a clerk
publishes the results (`results_publish`).
"""
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override, pgettext
from simple_history.utils import bulk_create_with_history

from awards import published, rules, selectors
from awards.negotiation import services as negotiation
from awards.models import AwardEvent, Decision, Grant
from competition import rules_dates as call_rules_dates
from competition import services as call_services
from competition.models import Call
from core.money import format_money
from notifications import services as outbox
from notifications.models import Message
from offers.models import Offer


def _now() -> datetime:
    return timezone.now()


def _event(call: Call, kind: str, by, *, now=None, reason: str = "", **details) -> AwardEvent:
    return AwardEvent.objects.create(call=call, kind=kind, by=by, at=now or _now(), reason=reason, details=details)


def _money(value) -> str:
    return format_money(value)


@transaction.atomic
def decision_propose(*, call: Call, by, now: datetime | None = None) -> Decision:
    """(Re)compute the proposed allocation from the ranking; allowed until the decision is locked."""
    now = now or _now()
    call = Call.objects.select_for_update().get(pk=call.pk)
    if call.state != Call.State.SCORED:
        raise ValidationError(_("The allocation can be proposed once the merit evaluation is closed and before "
                                "the decision is made."))
    places = selectors.ranking(call)
    allocation = rules.allocate(places, selectors.budgets_of(call))
    decision, _created = Decision.objects.get_or_create(call=call, defaults={"proposed_at": now})
    if decision.is_locked:
        raise ValidationError(_("The decision is made; change it by a correction."))
    decision.grants.all().delete()
    actions = {a.code: a for a in call.actions.all()}
    bulk_create_with_history([
        Grant(decision=decision, offer_id=p.candidate.offer_pk, action=actions[code], position=p.position,
              requested=requested, proposed=allocation.granted[(p.candidate.offer_pk, code)],
              awarded=allocation.granted[(p.candidate.offer_pk, code)])
        for p in places for code, requested in sorted(p.candidate.requested.items()) if code in actions
    ], Grant, default_user=by)
    decision.steps = [
        {"offer": s.number, "position": s.position, "action": s.action, "requested": str(s.requested),
         "left_before": str(s.left_before), "granted": str(s.granted), "outcome": s.outcome}
        for s in allocation.steps
    ]
    decision.proposed_at = now
    decision.revision += 1
    decision.save()
    _event(call, AwardEvent.Kind.PROPOSED, by, now=now, left={k: str(v) for k, v in allocation.left.items()})
    return decision


RESIGNED = (Offer.State.RESIGNED, Offer.State.WITHDRAWN)


def _typed(grant: Grant, raw: str, given: str | None, *, resigned: bool, default_reason: str):
    """(the amount, the authority's reason, a problem or None) typed for one grant; the amount is
    None when it cannot be used. A missing reason is a problem, but the amount still counts in its
    action's total, so that every problem is named at once."""
    value = rules.parse_amount(raw)
    where = {"offer": grant.offer.number, "action": grant.action.code}
    if value is None:
        return None, "", rules.NOT_AN_AMOUNT % {**where, "value": raw}
    if resigned and value > rules.ZERO and grant.offer.state in RESIGNED:
        return None, "", _("Offer %(offer)s: the offeror resigned from the grant, so it cannot be given money.") % {
            "offer": grant.offer.number}
    reason = (grant.reason if given is None else given or "").strip()
    if not reason and value != grant.awarded:
        reason = default_reason.strip()
    if not reason and rules.stated_reason_needed(proposed=grant.proposed, saved=grant.awarded, typed=value,
                                                 saved_reason=grant.reason):
        return value, reason, rules.STATED_REASON_MISSING % where
    return value, reason, None


def _apply(decision: Decision, amounts: dict[int, str], *, reasons: dict[int, str] | None = None,
           resigned: bool = False, default_reason: str = "") -> dict[str, dict]:
    """Set the typed amounts, and the authority's reasons for them, on the decision's grants (not
    saved); raise with every problem. An amount other than the proposal's needs a reason
    (`rules.stated_reason_needed`; `default_reason`, a correction's, stands for one not given).
    With `resigned`, an offer whose offeror resigned from the grant cannot be given money.
    Returns {"amounts": the amounts changed (old, new), "reasons": the reasons changed}."""
    grants = {g.pk: g for g in selectors.grants_of(decision)}
    errors, changes, stated = [], {}, {}
    for pk, raw in amounts.items():
        grant = grants.get(pk)
        if grant is None:
            continue
        value, reason, problem = _typed(grant, raw, (reasons or {}).get(pk), resigned=resigned,
                                        default_reason=default_reason)
        if problem:
            errors.append(problem)
        if value is None:
            continue
        key = f"{grant.offer.number}/{grant.action.code}"
        if value != grant.awarded:
            changes[key] = [str(grant.awarded), str(value)]
            grant.awarded = value
        if reason != grant.reason:
            stated[key] = reason
            grant.reason = reason
    rows = [(g.offer.number, g.action.code, g.requested, g.awarded) for g in grants.values()]
    errors += rules.decision_errors(rows, selectors.budgets_of(decision.call), _money)
    if errors:
        raise ValidationError(errors)
    for grant in grants.values():
        grant.save(update_fields=["awarded", "reason"])
    return {"amounts": changes, "reasons": stated}


def _locked_decision(decision: Decision, revision: int | None) -> Decision:
    decision = Decision.objects.select_for_update().select_related("call").get(pk=decision.pk)
    if revision is not None and revision != decision.revision:
        raise ValidationError(_("Someone changed the decision after you opened it; reload the page and enter your "
                                "changes again."))
    return decision


@transaction.atomic
def decision_set_amounts(*, decision: Decision, amounts: dict[int, str], by, revision: int | None = None,
                         reasons: dict[int, str] | None = None, now: datetime | None = None) -> Decision:
    """The authority's amounts before deciding: each at most what was requested, per action at most its budget."""
    decision = _locked_decision(decision, revision)
    if decision.is_locked:
        raise ValidationError(_("The decision is made; change it by a correction."))
    changes = _apply(decision, amounts, reasons=reasons)
    decision.revision += 1
    decision.save(update_fields=["revision", "updated_at"])
    if changes["amounts"] or changes["reasons"]:
        _event(decision.call, AwardEvent.Kind.CHANGED, by, now=now, changes=changes["amounts"],
               reasons=changes["reasons"])
    return decision


@transaction.atomic
def decision_lock(*, decision: Decision, order_number: str, order_date: date | None, by,
                  amounts: dict[int, str] | None = None, revision: int | None = None,
                  reasons: dict[int, str] | None = None, now: datetime | None = None) -> Decision:
    """Decide: the amounts (as typed, checked again), the order's number and date; the call becomes "decided"."""
    now = now or _now()
    decision = _locked_decision(decision, revision)
    if decision.is_locked:
        raise ValidationError(_("The decision is already made."))
    errors = {}
    if not (order_number or "").strip():
        errors["order_number"] = _("Give the number of the authority's order.")
    if order_date is None:
        errors["order_date"] = _("Give the date of the authority's order.")
    if errors:
        raise ValidationError(errors)
    changes = _apply(decision, amounts or {}, reasons=reasons)
    decision.state = Decision.State.LOCKED
    decision.order_number, decision.order_date = order_number.strip(), order_date
    decision.locked_at, decision.locked_by = now, by
    decision.revision += 1
    decision.save()
    call_services.call_transition(call=decision.call, to=Call.State.DECIDED, by=by, now=now)
    total = sum((g.awarded for g in decision.grants.all()), rules.ZERO)
    _event(decision.call, AwardEvent.Kind.LOCKED, by, now=now, order_number=decision.order_number,
           order_date=order_date.isoformat(), changes=changes["amounts"], reasons=changes["reasons"],
           total=str(total))
    late = call_rules_dates.decision_late_warning(decision.call.decision_date, order_date)
    if late:
        call_services.call_warn(call=decision.call, by=by, now=now, reason=late, changes={
            "decision_date": [decision.call.decision_date.isoformat(), order_date.isoformat()]})
    negotiation.negotiations_sync(decision, by=by, now=now, notify=False)  # the award notice says it
    _notify_decision(decision)
    return decision


@transaction.atomic
def decision_correct(*, decision: Decision, amounts: dict[int, str], reason: str, by, revision: int | None = None,
                     reasons: dict[int, str] | None = None, now: datetime | None = None) -> Decision:
    """A change after the decision: only with a recorded reason, every rule checked again. An amount
    changed without a reason of its own takes the correction's as the authority's stated reason."""
    decision = _locked_decision(decision, revision)
    if not decision.is_locked:
        raise ValidationError(_("The decision is not made yet; change the amounts directly."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for the correction; it is recorded.")})
    changes = _apply(decision, amounts, reasons=reasons, resigned=True, default_reason=reason)
    if not changes["amounts"]:
        raise ValidationError(_("The correction changes no amount."))
    decision.revision += 1
    decision.save(update_fields=["revision", "updated_at"])
    now = now or _now()
    _event(decision.call, AwardEvent.Kind.CORRECTED, by, now=now, reason=reason.strip(), changes=changes["amounts"],
           reasons=changes["reasons"])
    negotiation.negotiations_sync(decision, by=by, now=now)
    published.after_change(decision.call)  # the published documents again, built before anyone asks
    return decision


@transaction.atomic
def results_publish(*, call: Call, by, now: datetime | None = None) -> Call:
    """Publish the results on the portal (art. 15 of the Act: at once, also in BIP and on the notice board,
    which the clerk records in the call's publication record)."""
    now = now or _now()
    call = Call.objects.select_for_update().get(pk=call.pk)
    decision = selectors.decision_of(call)
    if decision is None or not decision.is_locked:
        raise ValidationError(_("The results can be published once the authority has decided."))
    if call.results_published_at:
        raise ValidationError(_("The results are already published."))
    call.results_published_at = now
    call.save(update_fields=["results_published_at", "updated_at"])
    _notify_publication(call, decision)
    _event(call, AwardEvent.Kind.PUBLISHED, by, now=now)
    published.after_change(call)  # the results' PDFs, built by the worker after the commit, and the page
    return call


# --- notices to the applicants ----------------------------------------------------------------------


def _notify_decision(decision: Decision) -> None:
    """Each offeror learns the authority's decision on its offer: the grant per action, or none."""
    grants: dict[int, list[Grant]] = {}
    for grant in selectors.grants_of(decision):
        grants.setdefault(grant.offer_id, []).append(grant)
    authority = decision.call.authority
    with override(settings.LANGUAGE_CODE):
        order = _("%(act)s no. %(number)s of %(date)s") % {
            "act": authority.act.instrumental.capitalize(), "number": decision.order_number,
            "date": decision.order_date.strftime("%d.%m.%Y")}
        facts = {"authority": authority.name, "order": order}
        for offer in Offer.objects.filter(pk__in=grants).select_related("organisation"):
            mine = grants[offer.pk]
            awarded = sum((g.awarded for g in mine), rules.ZERO)
            requested = sum((g.requested for g in mine), rules.ZERO)
            if awarded > rules.ZERO:
                title = _("Offer %(number)s: a grant of %(amount)s") % {"number": offer.number,
                                                                       "amount": _money(awarded)}
                lines = [_("Action %(code)s: %(awarded)s of %(requested)s requested") % {
                    "code": g.action.code, "awarded": _money(g.awarded), "requested": _money(g.requested)}
                    for g in mine]
                body = authority.past(
                    pgettext("masculine", "%(order)s: %(authority)s awarded the offer “%(title)s” a grant of "
                             "%(amount)s (requested: %(requested)s)."),
                    pgettext("feminine", "%(order)s: %(authority)s awarded the offer “%(title)s” a grant of "
                             "%(amount)s (requested: %(requested)s)."),
                ) % {**facts, "title": offer.title, "amount": _money(awarded), "requested": _money(requested)}
                body = "\n".join([body, *lines])
                if offer.state == Offer.State.NEGOTIATION:
                    body = "\n\n".join([body, negotiation.negotiation_text(offer)])
            else:
                title = _("Offer %(number)s: no grant") % {"number": offer.number}
                body = authority.past(
                    pgettext("masculine", "%(order)s: %(authority)s did not award a grant to the offer “%(title)s”."),
                    pgettext("feminine", "%(order)s: %(authority)s did not award a grant to the offer “%(title)s”."),
                ) % {**facts, "title": offer.title}
            outbox.notify_offerors(offer, kind=Message.Kind.AWARD, object_key=f"award:{offer.pk}:{decision.pk}",
                                   title=title, body=body, url=reverse("offers:offer_detail", kwargs={"pk": offer.pk}))


def _notify_publication(call: Call, decision: Decision) -> None:
    offers = Offer.objects.filter(call=call).exclude(state__in=(Offer.State.DRAFT, Offer.State.WITHDRAWN))
    with override(settings.LANGUAGE_CODE):
        title = _("The results of “%(call)s” are published") % {"call": call.title[:120]}
        # Only what is recorded: at this moment the portal is the one place the results are published in
        # (the clerk records BIP and the notice board in the call's publication record).
        body = _("The results are published on the portal. No appeal applies; anyone may ask for the reasons for "
                 "choosing or rejecting an offer within 30 days of publication.")
        for offer in offers.select_related("organisation"):
            outbox.notify_offerors(offer, kind=Message.Kind.PUBLICATION, object_key=f"publication:{call.pk}:{offer.pk}",
                                   title=title, body=body, url=call.get_absolute_url())
