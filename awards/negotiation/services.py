"""Writes of the negotiation of lower grants and of the re-allocation of freed money.

Once the authority decides (and after every correction or re-allocation), each offer granted less
than it asked for is asked to answer by a deadline (`call.negotiation_days`): it either
submits an updated offer whose grant per action is exactly the awarded one (every rule of the
call checked again; `offers.services.offer_submit`), or the offeror resigns. No answer by the
deadline counts as resigning (the award notice says so). Money freed by a resignation can be
offered to the next offers in the ranking by re-running the allocation walk on what is left;
the authority confirms it, and offers that now get less than they asked for negotiate in turn.

Each function is one atomic change recorded as an `AwardEvent` (and an `OfferEvent`).
"""
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from awards import notices, published, registry, rules, selectors
from awards.models import AwardEvent, Decision, Grant
from competition.models import Call
from core.money import format_money
from notifications import services as outbox
from notifications.models import Message
from offers import services as offer_services
from offers.models import Offer
from offers.signals import offer_adjusted


def _now() -> datetime:
    return timezone.now()


def _event(call: Call, kind: str, by, now: datetime, reason: str = "", **details) -> AwardEvent:
    return AwardEvent.objects.create(call=call, kind=kind, by=by, at=now, reason=reason, details=details)


def answer_deadline(call: Call, now: datetime) -> datetime:
    """The end (23:59:59, Warsaw) of the call's `negotiation_days`-th day after `now`."""
    day = timezone.localtime(now).date() + timedelta(days=call.negotiation_days)
    return timezone.make_aware(datetime.combine(day, time(23, 59, 59)))


def _deadline_text(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%d.%m.%Y %H:%M")


def negotiation_text(offer: Offer) -> str:
    """What an offeror offered less must do, and by when (part of the notices)."""
    amounts = "; ".join(_("action %(code)s: %(amount)s") % {"code": code, "amount": format_money(value)}
                        for code, value in sorted(offer.fixed_grants.items()))
    return _("The grant is lower than requested. By %(deadline)s either update the offer on the portal – the scope, "
             "schedule, results and costs – so that it asks for exactly this grant (%(amounts)s) and submit it "
             "again, or resign from the grant on the offer's page. Without an answer by then the offer is treated "
             "as resigned.") % {"deadline": _deadline_text(offer.fixed_until), "amounts": amounts}


def negotiations_sync(decision: Decision, *, by, now: datetime, notify: bool = True) -> dict[int, str]:
    """Open, update or close each offer's negotiation to match the decision's amounts (in the
    caller's transaction). Returns offer pk → what was done (`rules.OPEN`, `UPDATE`, `CLOSE`)."""
    call = decision.call
    rows = selectors.grant_rows(decision)
    done = {}
    for offer in Offer.objects.filter(pk__in=rows).order_by("number"):
        plan = rules.negotiation_plan(offer.state, offer.fixed_grants, rows[offer.pk])
        if plan is None:
            continue
        fixed = {code: str(awarded) for code, (_requested, awarded) in sorted(rows[offer.pk].items())}
        if plan == rules.CLOSE:
            offer = offer_services.negotiation_close(offer=offer, by=by, now=now)
            _event(call, AwardEvent.Kind.NEG_CLOSED, by, now, offer=offer.number)
        else:
            until = answer_deadline(call, now)
            if plan == rules.UPDATE and offer.fixed_until and offer.fixed_until > until:
                until = offer.fixed_until
            offer = offer_services.negotiation_open(offer=offer, fixed=fixed, until=until, by=by, now=now)
            _event(call, AwardEvent.Kind.NEG_OPENED, by, now, offer=offer.number, fixed=fixed,
                   until=until.isoformat())
        done[offer.pk] = plan
        if notify:
            _notify_change(offer, plan, decision)
    return done


def _notify_change(offer: Offer, plan: str, decision: Decision) -> None:
    with override(settings.LANGUAGE_CODE):
        if plan == rules.CLOSE:
            title = _("Offer %(number)s: the negotiation is over") % {"number": offer.number}
            body = _("The authority's decision on the offer “%(title)s” changed, so no updated offer is needed any more. "
                     "See the offer's page for the grant.") % {"title": offer.title}
        else:
            title = _("Offer %(number)s: a lower grant to answer by %(deadline)s") % {
                "number": offer.number, "deadline": _deadline_text(offer.fixed_until)}
            body = negotiation_text(offer)
        outbox.notify_offerors(offer, kind=Message.Kind.NEGOTIATION,
                               object_key=f"negotiation:{offer.pk}:{decision.revision}", title=title, body=body,
                               url=reverse("offers:offer_detail", kwargs={"pk": offer.pk}))


def _zero_grants(decision: Decision, offer: Offer) -> dict[str, str]:
    freed = {}
    for grant in Grant.objects.filter(decision=decision, offer=offer).select_related("action"):
        if grant.awarded:
            freed[grant.action.code] = str(grant.awarded)
            grant.awarded = rules.ZERO
            grant.save(update_fields=["awarded"])
    decision.revision += 1
    decision.save(update_fields=["revision", "updated_at"])
    return freed


def _decision_for_update(call_id: int) -> Decision:
    decision = Decision.objects.select_for_update().select_related("call").filter(call_id=call_id).first()
    if decision is None or not decision.is_locked:
        raise ValidationError(_("The authority has not decided on this call yet."))
    return decision


def withdrawal_error(offer: Offer, decision: Decision | None) -> str | None:
    """Why the offeror cannot give up its grant now (None: it can): the authority has decided, the
    offer is awarded money (in full, lower, or lower and accepted) and its contract is not signed.
    After signing, the contract is terminated instead (`contracts`)."""
    if decision is None or not decision.is_locked:
        return _("The authority has not decided on this call yet.")
    if registry.contract_states([offer.pk]):
        return _("The contract for this offer is signed: it can only be terminated (by agreement, or by "
                 "a statement of the grantee or of the authority), on the contract's page.")
    awarded = sum(Grant.objects.filter(decision=decision, offer=offer).values_list("awarded", flat=True), rules.ZERO)
    if offer.state not in (Offer.State.ADMITTED, Offer.State.NEGOTIATION) or awarded <= rules.ZERO:
        return _("Only an offer awarded a grant can resign from it, before the contract is signed.")
    return None


@transaction.atomic
def award_withdraw(*, offer: Offer, by, reason: str = "", now: datetime | None = None,
                   reason_required: bool = True) -> Offer:
    """The offeror gives up the grant awarded (in full or lower) before the contract is signed: the
    offer gets nothing, the money is freed for the next offers in the ranking (`reallocation_confirm`);
    recorded with the reason, the office and the authority are notified."""
    now = now or _now()
    reason = (reason or "").strip()
    decision = _decision_for_update(offer.call_id)
    offer = Offer.objects.select_for_update(of=("self",)).select_related("call").get(pk=offer.pk)
    error = withdrawal_error(offer, decision)
    if error:
        raise ValidationError(error)
    if reason_required and not reason:
        raise ValidationError({"reason": _("Give the reason for resigning from the grant; it is recorded and "
                                           "the office sees it.")})
    lower = offer.state == Offer.State.NEGOTIATION
    offer = offer_services.offer_resign(offer=offer, by=by, now=now, reason=reason, awarded=True)
    freed = _zero_grants(decision, offer)
    kind = AwardEvent.Kind.NEG_WITHDREW if lower else AwardEvent.Kind.WITHDREW
    _event(decision.call, kind, by, now, reason=reason, offer=offer.number, freed=freed)
    published.after_change(decision.call)  # the published results name the resignation
    notices.withdrawal_to_office(offer, freed, reason)
    return offer


def negotiation_withdraw(*, offer: Offer, by, reason: str = "", now: datetime | None = None) -> Offer:
    """The offeror resigns from a lower grant (the negotiation's own form: the reason is optional)."""
    if offer.state != Offer.State.NEGOTIATION:
        raise ValidationError(_("Only an offer negotiating a lower grant can resign from it here."))
    return award_withdraw(offer=offer, by=by, reason=reason, now=now, reason_required=False)


@transaction.atomic
def negotiation_extend(*, offer: Offer, until, by, reason: str = "", now: datetime | None = None) -> Offer:
    """A clerk extends the deadline to answer a lower grant (`until`: a day, the answer due by its end,
    Warsaw time); later than the current one and not in the past. Recorded, the offerors notified;
    the expiry (`negotiations_expire`) and the reminders read the new deadline."""
    now = now or _now()
    decision = _decision_for_update(offer.call_id)
    offer = Offer.objects.select_for_update(of=("self",)).get(pk=offer.pk)
    if offer.state != Offer.State.NEGOTIATION or offer.fixed_until is None:
        raise ValidationError(_("Only the deadline of an offer negotiating a lower grant can be extended."))
    moment = timezone.make_aware(datetime.combine(until, time(23, 59, 59)))
    problem = rules.extension_problem(new=moment, current=offer.fixed_until, now=now)
    if problem:
        raise ValidationError({"until": problem})
    old = offer.fixed_until
    offer = offer_services.negotiation_open(offer=offer, fixed=dict(offer.fixed_grants), until=moment, by=by, now=now)
    _event(decision.call, AwardEvent.Kind.NEG_EXTENDED, by, now, reason=(reason or "").strip(), offer=offer.number,
           until=moment.isoformat(), previous=old.isoformat())
    with override(settings.LANGUAGE_CODE):
        title = _("Offer %(number)s: the deadline to answer the lower grant is extended to %(deadline)s") % {
            "number": offer.number, "deadline": _deadline_text(moment)}
        outbox.notify_offerors(offer, kind=Message.Kind.NEGOTIATION,
                               object_key=f"negotiation-extended:{offer.pk}:{moment.isoformat()}", title=title,
                               body=negotiation_text(offer),
                               url=reverse("offers:offer_detail", kwargs={"pk": offer.pk}))
    return offer


def negotiations_expire(*, now: datetime | None = None) -> int:
    """Offers whose answer is overdue are treated as resigned (each in its own transaction)."""
    now = now or _now()
    count = 0
    for pk in Offer.objects.filter(state=Offer.State.NEGOTIATION, fixed_until__lt=now).values_list("pk", flat=True):
        with transaction.atomic():
            offer = Offer.objects.select_for_update().filter(pk=pk, state=Offer.State.NEGOTIATION,
                                                             fixed_until__lt=now).first()
            if offer is None:
                continue  # answered, or expired by another worker, in the meantime
            decision = _decision_for_update(offer.call_id)
            offer = offer_services.offer_resign(offer=offer, by=None, now=now, expired=True)
            freed = _zero_grants(decision, offer)
            _event(decision.call, AwardEvent.Kind.NEG_EXPIRED, None, now, offer=offer.number, freed=freed)
            published.after_change(decision.call)
            with override(settings.LANGUAGE_CODE):
                title = _("Offer %(number)s: no answer to the lower grant in time") % {"number": offer.number}
                body = _("The deadline to answer the lower grant for the offer “%(title)s” has passed without an "
                         "updated offer, so the offer is treated as resigned from the grant.") % {"title": offer.title}
                outbox.notify_offerors(offer, kind=Message.Kind.NEGOTIATION, object_key=f"negotiation-expired:{offer.pk}",
                                       title=title, body=body,
                                       url=reverse("offers:offer_detail", kwargs={"pk": offer.pk}))
            count += 1
    return count


@receiver(offer_adjusted)
def _accepted(sender, offer: Offer, version, by, now, **kwargs):
    """The updated offer is submitted: the lower grant is accepted (inside the submission's transaction)."""
    _event(offer.call, AwardEvent.Kind.NEG_ACCEPTED, by, now, offer=offer.number, version=version.number,
           checksum=version.checksum, fixed=dict(offer.fixed_grants))
    published.after_change(offer.call)  # the updated offer's title and scope, in the published results


# --- re-allocation --------------------------------------------------------------------------------------


def reallocation_error(call: Call, decision: Decision | None) -> str | None:
    if decision is None or not decision.is_locked or call.state != Call.State.DECIDED:
        return _("Freed money can be re-allocated after the authority's decision and before the call is closed.")
    return None


@transaction.atomic
def reallocation_confirm(*, decision: Decision, by, revision: int | None = None,
                         now: datetime | None = None) -> dict[str, list[str]]:
    """The authority confirms the re-run of the walk on what is left: each extra amount is added to
    the grant; offers now granted less than asked negotiate. Returns the changes."""
    now = now or _now()
    decision = Decision.objects.select_for_update().select_related("call").get(pk=decision.pk)
    error = reallocation_error(decision.call, decision)
    if error:
        raise ValidationError(error)
    if revision is not None and revision != decision.revision:
        raise ValidationError(_("The decision changed after you opened the page (an answer, a withdrawal or a "
                                "correction); look at the new proposal and confirm again."))
    walk = selectors.reallocation(decision)
    extras = {key: amount for key, amount in walk.allocation.granted.items() if amount > rules.ZERO}
    if not extras:
        raise ValidationError(_("There is nothing to re-allocate: no action has money left that an offer waiting "
                                "in the ranking asked for."))
    grants = list(Grant.objects.filter(decision=decision).select_related("offer", "action"))
    sources = _freed_by(grants)
    changes = {}
    for grant in grants:
        extra = extras.get((grant.offer_id, grant.action.code))
        if extra:
            changes[f"{grant.offer.number}/{grant.action.code}"] = [str(grant.awarded), str(grant.awarded + extra)]
            grant.awarded += extra
            grant.save(update_fields=["awarded"])
    decision.revision += 1
    decision.save(update_fields=["revision", "updated_at"])
    steps = [{"offer": s.number, "position": s.position, "action": s.action, "requested": str(s.requested),
              "left_before": str(s.left_before), "granted": str(s.granted), "outcome": s.outcome}
             for s in walk.allocation.steps]
    _event(decision.call, AwardEvent.Kind.REALLOCATED, by, now, changes=changes, steps=steps, sources=sources)
    published.after_change(decision.call)
    plans = negotiations_sync(decision, by=by, now=now, notify=True)
    _notify_raised(decision, {pk for pk, _code in extras} - set(plans))
    return changes


def _freed_by(grants: list[Grant]) -> dict[str, list[str]]:
    """Per action, the offers whose money the re-allocation gives on: the walk proposed them money
    and they now have none (they resigned or withdrew, or the authority set the grant to nothing);
    published as the source of the money."""
    sources: dict[str, set[str]] = {}
    for g in grants:
        if g.awarded == rules.ZERO and g.proposed > rules.ZERO:
            sources.setdefault(g.action.code, set()).add(g.offer.number)
    return {code: sorted(numbers) for code, numbers in sorted(sources.items())}


def _notify_raised(decision: Decision, offer_pks: set[int]) -> None:
    """Offers that got more and need no negotiation (now granted all they asked for)."""
    with override(settings.LANGUAGE_CODE):
        for offer in Offer.objects.filter(pk__in=offer_pks):
            total = sum((g.awarded for g in Grant.objects.filter(decision=decision, offer=offer)), rules.ZERO)
            title = _("Offer %(number)s: a grant of %(amount)s") % {"number": offer.number, "amount": format_money(total)}
            body = _("Money freed by a withdrawal was re-allocated along the ranking: the offer “%(title)s” is now "
                     "granted %(amount)s, all it asked for.") % {"title": offer.title, "amount": format_money(total)}
            outbox.notify_offerors(offer, kind=Message.Kind.AWARD,
                                   object_key=f"award:{offer.pk}:{decision.pk}:{decision.revision}", title=title,
                                   body=body, url=reverse("offers:offer_detail", kwargs={"pk": offer.pk}))
