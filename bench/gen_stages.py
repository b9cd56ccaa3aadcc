"""The stages after submission for the benchmark data (`bench/generate.py`): the formal check,
the commission's merit evaluation, the authority's decision and the publication of results.

The rows an office would have produced by thousands of clicks (paper confirmations, formal
sheets and answers, impartiality declarations, score sheets with points per criterion) are
written in bulk, each computed by the same pure rules the services use (`evaluation.formal.rules`,
`evaluation.merit.rules`). What happens once per call and reads everything back goes through
the real services, so the stored results are exactly what the portal would compute: the
stage transitions, `merit_close` (the final scores), `decision_propose` (the allocation walk),
`decision_lock` and `results_publish`.
"""
import random
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import translation

from bench.gen_copy import copy_objects

from competition import services as call_services
from competition import services_commission as commission
from competition.choices import FormalCheck, LegalForm
from competition.models import Call, CommissionMember
from evaluation.formal import rules
from evaluation.models import (
    ConfirmationReceipt,
    FormalAnswer,
    FormalEvent,
    FormalSheet,
)
from offers.models import Offer

BATCH = 2000
RECEIVED_BY = "Sekretariat, pok. 219"
UNSIGNED = "Potwierdzenie złożenia oferty nie zostało podpisane przez osoby upoważnione do reprezentacji oferenta."
NO_PAPER = "Potwierdzenie złożenia oferty nie wpłynęło do urzędu w terminie."
CONFLICT = "W ostatnich trzech latach byłem członkiem zarządu jednego z oferentów."
JUSTIFICATION = {
    "a": "Opis trafnie wskazuje potrzeby mieszkańców; komplementarność opisana.",
    "b": "Harmonogram realny, działania spójne z rezultatami.",
    "c": "Rezultaty mierzalne, monitorowane listami obecności.",
    "d": "Zasoby kadrowe adekwatne do skali zadania.",
    "e": "Kosztorys przejrzysty, stawki rynkowe, wkład osobowy wyceniony.",
    "f": "Przedsięwzięcia LPR wskazane w ofercie potwierdzone.",
}


def _check(check: str, call: Call, facts: rules.OfferFacts) -> rules.Check:
    """`evaluation.formal.services.compute_check` for an offer without corrections, on facts in memory."""
    if check == FormalCheck.SUBMITTED_ON_TIME:
        return rules.submitted_on_time(facts.submitted_at, call.submission_deadline)
    if check == FormalCheck.CONFIRMATION_ON_TIME:
        return rules.confirmation_on_time(facts, call.confirmation_deadline)
    if check == FormalCheck.ELIGIBLE_ENTITY:
        return rules.eligible_entity(facts.offerors, call.eligible_entity_types, dict(LegalForm.choices))
    if check == FormalCheck.ZONES_COVERED:
        return rules.zones_covered(facts.zone_count)
    return rules.Check(None, "")


def _submitted(call: Call) -> list[Offer]:
    return list(Offer.objects.filter(call=call, state=Offer.State.SUBMITTED).select_related("organisation")
                .prefetch_related("partners__organisation", "zones", "versions").order_by("number"))


def formal_stage(rng: random.Random, call: Call, clerk, *, until: datetime, confirmed: float = 1.0,
                 rejected: float = 0.05) -> Call:
    """Submissions close; confirmations arrive; every offer gets its formal sheet, `confirmed`
    of them answered and confirmed by the clerk (`rejected` of the offers with a "no")."""
    call = call_services.call_transition(call=call, to=Call.State.SUBMISSION_CLOSED, by=clerk,
                                         now=call.submission_deadline + timedelta(minutes=1))
    start = call.confirmation_deadline + timedelta(hours=1)
    call = call_services.call_transition(call=call, to=Call.State.FORMAL_CHECK, by=clerk, now=start)
    criteria = list(call.formal_criteria.all())
    offers = _submitted(call)
    receipts, sheets, answers, events = [], [], [], []
    window = (call.confirmation_deadline - call.submission_deadline).total_seconds()
    with translation.override(settings.LANGUAGE_CODE):
        for offer in offers:
            version = offer.versions.all()[0]
            fails = rng.random() < rejected
            paper = not (fails and rng.random() < 0.5)  # half of the failures: no paper at all
            received = call.submission_deadline + timedelta(seconds=rng.uniform(600, window - 600))
            if paper:
                receipts.append(ConfirmationReceipt(
                    offer=offer, version=version, received_at=received, received_by=RECEIVED_BY,
                    checksum_read=version.short_checksum, matches=True, matched_version=1, signed=not fails,
                    recorded_by=clerk, recorded_at=received + timedelta(minutes=5)))
                events.append(FormalEvent(call=call, offer=offer, kind=FormalEvent.Kind.RECEIPT, by=clerk,
                                          at=received + timedelta(minutes=5),
                                          details={"read": version.short_checksum, "current_version": 1}))
            offerors = [offer.organisation, *[p.organisation for p in offer.partners.all()]]
            facts = rules.OfferFacts(
                submitted_at=version.submitted_at, receipt_at=received if paper else None,
                receipt_signed=not fails if paper else None, mismatched_receipts=0,
                offerors=[(o.name, o.legal_form) for o in offerors], zone_count=len(offer.zones.all()))
            done = rng.random() < confirmed
            at = start + (min(until, start + timedelta(hours=72)) - start) * rng.uniform(0.1, 0.9)
            sheet = FormalSheet(offer=offer, state=FormalSheet.State.CONFIRMED if done else FormalSheet.State.OPEN,
                                confirmed_by=clerk if done else None, confirmed_at=at if done else None)
            values = []
            for criterion in criteria:
                check = _check(criterion.auto_check, call, facts)
                value = check.value if done else None
                reason = (UNSIGNED if facts.receipt_at else NO_PAPER) if value is False else ""
                values.append(value)
                answers.append(FormalAnswer(sheet=sheet, criterion=criterion, auto_value=check.value,
                                            auto_reason=str(check.reason), value=value, reason=reason,
                                            answered_by=clerk if done else None, answered_at=at if done else None))
            if done:
                sheet.result = rules.sheet_result(values)
                events.append(FormalEvent(call=call, offer=offer, kind=FormalEvent.Kind.CONFIRMED, by=clerk, at=at,
                                          details={"result": sheet.result}))
            sheets.append(sheet)
    copy_objects(ConfirmationReceipt, receipts)
    FormalSheet.objects.bulk_create(sheets, batch_size=BATCH)
    copy_objects(FormalAnswer, answers)
    FormalEvent.objects.create(call=call, kind=FormalEvent.Kind.OPENED, by=clerk, at=start,
                               details={"offers": len(offers)})
    copy_objects(FormalEvent, events)
    return call


def formal_close(call: Call, clerk, *, now: datetime) -> Call:
    """Every sheet confirmed: offers admitted or rejected, the call moves to the merit evaluation."""
    admitted = FormalSheet.objects.filter(offer__call=call, result=FormalSheet.Result.ADMITTED)
    Offer.objects.filter(call=call, formal_sheet__in=admitted).update(state=Offer.State.ADMITTED)
    Offer.objects.filter(call=call, formal_sheet__result=FormalSheet.Result.REJECTED).update(
        state=Offer.State.REJECTED)
    FormalEvent.objects.create(call=call, kind=FormalEvent.Kind.CLOSED, by=clerk, at=now, details={
        "admitted": admitted.count(),
        "rejected": FormalSheet.objects.filter(offer__call=call, result=FormalSheet.Result.REJECTED).count()})
    return call_services.call_transition(call=call, to=Call.State.MERIT_EVALUATION, by=clerk, now=now)


def appoint(call: Call, users: list, clerk, *, now: datetime) -> list[CommissionMember]:
    """The authority's order: the first user chairs, the second is the secretary; NGO nominees alternate."""
    seats = []
    for index, user in enumerate(users):
        role = (CommissionMember.Role.CHAIR, CommissionMember.Role.SECRETARY)[index] if index < 2 \
            else CommissionMember.Role.MEMBER
        kind = CommissionMember.Kind.NGO if index % 3 == 2 else CommissionMember.Kind.CITY
        seats.append(commission.commission_member_add(call=call, user=user, role=role, kind=kind, by=clerk, now=now,
                                                      reason="Zarządzenie Burmistrza"))
    call = Call.objects.get(pk=call.pk)
    commission.commission_settings_set(
        call=call, by=clerk, order_number=f"Zarządzenie nr {100 + call.pk}/2019", order_date=now.date(),
        scoring_deadline=now + timedelta(days=14), show_other_sheets=True, min_sheets=call.min_sheets,
        impartiality_grounds=call.impartiality_grounds, now=now)
    return seats
