"""The demo's fourth call: a copy of the reference call taken all the way to published results.

Built entirely through the services, as the people would have done it, with back-dated
moments: announced 75 days ago; six offers by the demo organisations (one joint, with two
partners); the formal check admitted five and rejected one (its confirmation was not signed by
authorised persons); the commission (the demo chair, secretary, member and expert) declared for
every offer, the member declaring a conflict on the joint offer, and submitted every sheet; the
chair closed the merit evaluation; a clerk proposed the allocation; the authority lowered one amount,
decided by his order, and a clerk published the results. Then the negotiation of the two lower
grants: the best offer accepted with an updated offer (nine workshops instead of ten in action
A), the fourth offer's offeror resigned, and today the authority confirmed the re-allocation of the
freed money to the fifth offer, which now has a lower grant of its own to answer.

Action D has 10 000 zł here instead of 24 000 zł, so that its money runs out along the ranking:
the fourth offer gets the remainders of actions B and D (a partial grant), the fifth nothing.
Safe to re-run: nothing happens when the call exists.
"""
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.utils import timezone, translation

from awards import selectors as award_selectors
from awards import services as awards
from competition import services
from competition import services_commission as commission
from demo import REFERENCE_ANNOUNCED, reference_document
from demo.merit import CONFLICT_EXPLANATION, OPINION, _at, _formal_check_finish, _formal_check_start
from demo.merit import _sheet_input as sheet_input
from competition.models import Call, CommissionMember
from demo.contracts import post_award
from evaluation.merit import services as merit
from offers import services as offer_services
from awards.negotiation import services as negotiation
from demo.offers import cost, make_offer
from demo.publication import publication_record
from offers.models import Offer

DECIDED_SLUG = "hajnowka-2019-rozstrzygniety"
COMMISSION_ORDER = "Zarządzenie nr 131/2019"
DECISION_ORDER = "150/2019"
BUDGETS = {"D": "10000.00"}
LOWERED = ("A", Decimal("3600.00"))  # the authority's change: the best offer's action A, from 4 050,00 zł
LOWERED_REASON = "Koszty wynajmu sal w działaniu A zawyżone względem cen rynkowych."  # published with the results

# (lead, partners, actions, zones, LPR projects, title) in the order of the ranking; the last is rejected.
OFFERS = (
    ("oferent@demo.local", ("partner@demo.local", "kolo@demo.local"), ("A", "D"), 7, 3,
     "Hajnówka OdNowa – sąsiedzkie centra aktywności"),
    ("kolo@demo.local", (), ("A", "B"), 5, 2, "Smaki Puszczy – warsztaty międzypokoleniowe"),
    ("partner@demo.local", (), ("C", "D"), 6, 2, "Dom Organizacji i świetlica „Żubrzyk”"),
    ("oferent@demo.local", (), ("B", "D"), 4, 1, "Aktywni mimo barier – zajęcia dla dzieci i dorosłych"),
    ("partner@demo.local", (), ("B", "D"), 3, 0, "Letnie podwórko dla dzieci z niepełnosprawnościami"),
    ("kolo@demo.local", (), ("A", "C"), 3, 1, "Jarmark organizacji pozarządowych"),
)

# Share of each sub-criterion's maximum each member gives the five admitted offers: a clear order.
PROFILES = {
    "przewodniczaca@demo.local": (0.95, 0.85, 0.75, 0.6, 0.45),
    "sekretarz@demo.local": (0.9, 0.8, 0.7, 0.55, 0.4),
    "czlonek@demo.local": (None, 0.85, 0.7, 0.6, 0.5),  # excluded from the joint offer
}
SEATS = (
    ("przewodniczaca@demo.local", CommissionMember.Role.CHAIR, CommissionMember.Kind.CITY),
    ("sekretarz@demo.local", CommissionMember.Role.SECRETARY, CommissionMember.Kind.CITY),
    ("czlonek@demo.local", CommissionMember.Role.MEMBER, CommissionMember.Kind.NGO),
    ("ekspert@demo.local", CommissionMember.Role.MEMBER, CommissionMember.Kind.EXPERT),
)


def decided_call(users: dict, orgs: dict, out, *, today: date | None = None) -> None:
    if Call.objects.filter(slug=DECIDED_SLUG).exists():
        return
    # the declarations keep their text as signed, the notices their wording: in the portal's language
    with translation.override(settings.LANGUAGE_CODE):
        _build(users, orgs, out, today=today or timezone.localdate())


def _offers(call: Call, users: dict, orgs: dict, before) -> list[Offer]:
    offers = []
    for lead, partners, codes, zones, projects, title in OFFERS:
        offer = make_offer(call=call, organisation=orgs[lead], user=users[lead], codes=codes,
                           partners=[orgs[p] for p in partners], zones=zones, lpr_projects=projects, now=before)
        offer = offer_services.offer_save_fields(
            offer=offer, by=users[lead], revision=None, section="basics", now=before,
            data={"title": title, "start_date": offer.start_date, "end_date": offer.end_date})
        offer_services.offer_submit(offer=offer, by=users[lead], now=before)
        offers.append(Offer.objects.get(pk=offer.pk))
    return offers


def _commission(call: Call, users: dict, clerk, *, appointed) -> dict[str, CommissionMember]:
    seats = {email: commission.commission_member_add(call=call, user=users[email], role=role, kind=kind, by=clerk,
                                                     now=appointed, reason=COMMISSION_ORDER)
             for email, role, kind in SEATS}
    call = Call.objects.get(pk=call.pk)
    commission.commission_settings_set(
        call=call, by=clerk, order_number=COMMISSION_ORDER, order_date=timezone.localtime(appointed).date(),
        scoring_deadline=appointed + timedelta(days=10), show_other_sheets=call.show_other_sheets,
        min_sheets=call.min_sheets, impartiality_grounds=call.impartiality_grounds, now=appointed)
    return seats


def _scoring(call: Call, seats: dict, offers: list[Offer], *, day: date) -> None:
    """Every declaration made (the NGO member's conflict on the joint offer), every sheet submitted."""
    for email, seat in seats.items():
        for index, offer in enumerate(offers):
            conflict = email == "czlonek@demo.local" and index == 0
            merit.declaration_make(seat=seat, offer=offer, conflict=conflict, grounds=[4] if conflict else [],
                                   explanation=CONFLICT_EXPLANATION if conflict else "", now=_at(day, 9, index))
    for email, shares in PROFILES.items():
        for index, (offer, share) in enumerate(zip(offers, shares)):
            if share is not None:
                merit.sheet_save(seat=seats[email], offer=offer, data=sheet_input(call, offer, share), submit=True,
                                 now=_at(day + timedelta(days=2), 10 + index))
    merit.sheet_save(seat=seats["ekspert@demo.local"], offer=offers[0], data=merit.SheetInput(opinion=OPINION),
                     submit=True, now=_at(day + timedelta(days=1), 12))


def _decide(call: Call, users: dict, best: Offer, *, day: date) -> date:
    """The clerk proposes, the authority lowers one amount and decides, the clerk publishes."""
    clerk, mayor = users["urzednik@demo.local"], users["burmistrz@demo.local"]
    decision = awards.decision_propose(call=call, by=clerk, now=_at(day, 10))
    code, amount = LOWERED
    grant = award_selectors.grants_of(decision).get(offer=best, action__code=code)
    decision = awards.decision_set_amounts(decision=decision, amounts={grant.pk: str(amount)}, by=mayor,
                                           reasons={grant.pk: LOWERED_REASON}, now=_at(day + timedelta(days=3), 11))
    order_date = day + timedelta(days=4)
    awards.decision_lock(decision=decision, order_number=DECISION_ORDER, order_date=order_date, by=mayor,
                         now=_at(order_date, 14))
    awards.results_publish(call=Call.objects.get(pk=call.pk), by=clerk, now=_at(order_date + timedelta(days=1), 9))
    return order_date


RESIGNATION = "Zarząd stowarzyszenia uznał, że za przyznaną kwotę nie zrealizuje zajęć w obu działaniach."


def _negotiate(call: Call, users: dict, offers: list[Offer], *, decided: date) -> None:
    """The best offer accepts its lower grant with an updated offer; the fourth offer's offeror
    resigns; the authority re-allocates the freed money (an hour ago) to the fifth offer."""
    best, fourth = Offer.objects.get(pk=offers[0].pk), Offer.objects.get(pk=offers[3].pk)
    lead = users[OFFERS[0][0]]
    code, amount = LOWERED
    action_a = best.offer_actions.get(action__code=code)
    updated = [
        cost(f"Warsztaty – działanie {code}", "9", "400.00", grant=str(amount - Decimal("450.00")),
             own_financial="450.00", unit="warsztat"),
        cost("Koordynacja", "5", "100.00", grant="450.00", own_personal="50.00", kind="administrative",
             unit="miesiąc", hours="2", rate="25.00"),
    ]
    answered = _at(decided + timedelta(days=2), 10)
    best = offer_services.offer_set_costs(offer=best, offer_action=action_a, by=lead, revision=None, items=updated,
                                          now=answered)
    offer_services.offer_submit(offer=best, by=lead, now=answered)
    negotiation.negotiation_withdraw(offer=fourth, by=users[OFFERS[3][0]], reason=RESIGNATION,
                                     now=_at(decided + timedelta(days=3), 12))
    decision = award_selectors.decision_of(call)
    negotiation.reallocation_confirm(decision=decision, by=users["burmistrz@demo.local"],
                                     now=timezone.now() - timedelta(hours=1))


def _build(users: dict, orgs: dict, out, *, today: date) -> None:
    clerk = users["urzednik@demo.local"]
    announced = today - timedelta(days=75)
    doc = services.shift_dates(reference_document(), announced - REFERENCE_ANNOUNCED)
    doc.update(slug=DECIDED_SLUG, title=doc["title"] + " (rozstrzygnięty, wyniki ogłoszone – dane demonstracyjne)")
    for action in doc["actions"]:
        action["budget"] = BUDGETS.get(action["code"], action["budget"])
    call = services.call_import(document=doc, by=clerk)
    call = services.call_publish(call=call, by=clerk, now=_at(announced, 9))
    offers = _offers(call, users, orgs, before=call.submission_deadline - timedelta(days=3))
    call = services.call_transition(call=call, to=Call.State.SUBMISSION_CLOSED, by=clerk,
                                    now=call.submission_deadline + timedelta(minutes=1))
    call = _formal_check_start(call, offers, clerk, received=call.submission_deadline + timedelta(hours=10),
                               started=call.confirmation_deadline + timedelta(hours=1))
    day = timezone.localtime(call.confirmation_deadline).date()
    seats = _commission(call, users, clerk, appointed=_at(day + timedelta(days=2), 9))
    call = _formal_check_finish(call, offers, clerk, checked=_at(day + timedelta(days=2), 11),
                                closed=_at(day + timedelta(days=3), 12))
    _scoring(call, seats, offers[:-1], day=day + timedelta(days=4))
    call = merit.merit_close(call=call, by=seats["przewodniczaca@demo.local"].user, now=_at(day + timedelta(days=9), 15))
    decided = _decide(call, users, offers[0], day=day + timedelta(days=12))
    announced_until = timezone.localtime(call.submission_deadline).date() + timedelta(days=1)
    publication_record(Call.objects.get(pk=call.pk), clerk, taken_down={
        "announcement": announced_until, "results": min(decided + timedelta(days=15), today - timedelta(days=1))})
    _negotiate(call, users, offers, decided=decided)
    post_award(Call.objects.get(pk=call.pk), users, today=today)
    out(f"Demo decided call: {call.slug} (6 offers, 5 admitted; decided by order no. {DECISION_ORDER} of {decided:%d.%m.%Y}, "
        f"results published and their publication recorded; one lower grant accepted, one resigned, the freed money re-allocated; three contracts with changes and final reports)")
