"""The demo's third call: a copy of the reference call in the merit evaluation (Stage II).

Built entirely through the services, as the people would have done it, with back-dated
moments: the call was announced 40 days ago and closed for submissions 14 days ago; five
offers by the demo organisations (one joint, with two partners), the formal check admitted
four and rejected one (its confirmation was not signed by authorised persons); the authority's
order appointed the commission; its members have been declaring and scoring for a week.

The commission's work is left in every state the screens must show: submitted sheets, a
draft, a sheet not started, a declaration not made, a declared conflict, a sheet the chair
reopened (not yet submitted again) and the expert's opinion. The stage stays open, so the
demo chair can close it. Safe to re-run: nothing happens when the call exists.
"""
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.utils import timezone, translation

from competition import services
from competition import services_commission as commission
from demo import REFERENCE_ANNOUNCED, reference_document
from competition.models import Call, CommissionMember, MeritCriterion
from evaluation.merit import selectors as selectors_merit
from evaluation.formal import services as formal
from evaluation.merit import services as merit
from evaluation.models import FormalSheet
from offers import services as offer_services
from demo.offers import make_offer
from offers.models import Offer

MERIT_SLUG = "hajnowka-2019-ocena-merytoryczna"
ORDER_NUMBER = "Zarządzenie nr 123/2019"

# (lead, partners, actions, zones, LPR projects, title); the last one is formally rejected.
OFFERS = (
    ("oferent@demo.local", ("partner@demo.local", "kolo@demo.local"), ("A", "D"), 7, 3,
     "Hajnówka OdNowa – wspólnie w strefach rewitalizacji"),
    ("kolo@demo.local", (), ("A", "B"), 4, 1, "Leśne Smaki – warsztaty kulinarne dla seniorów i osób z niepełnosprawnościami"),
    ("partner@demo.local", (), ("C", "D"), 5, 0, "Świetlica „Puszcza” i Centrum Organizacji Pozarządowych"),
    ("oferent@demo.local", (), ("A", "C"), 6, 2, "Podwórka Hajnówki – animacja i integracja sąsiedzka"),
    ("partner@demo.local", (), ("B", "D"), 3, 1, "Razem bez barier – zajęcia dla dzieci z niepełnosprawnościami"),
)

JUSTIFICATIONS = {
    "a": "Opis trafnie wskazuje potrzeby mieszkańców obszaru rewitalizacji; komplementarność z LPR opisana.",
    "b": "Harmonogram realny, działania spójne z rezultatami; rekrutacja uczestników opisana ogólnie.",
    "c": "Rezultaty mierzalne i monitorowane listami obecności; trwałość opisana ogólnikowo.",
    "d": "Zasoby kadrowe adekwatne do skali zadania; zadania wolontariuszy określone.",
    "e": "Kosztorys przejrzysty, stawki rynkowe; wkład osobowy wyceniony z kalkulacją godzinową.",
    "f": "Przedsięwzięcia LPR wskazane w ofercie potwierdzone z opisem zadania.",
}

# Share of each sub-criterion's maximum a member gives an offer (by offer index): varied totals.
PROFILES = {
    "przewodniczaca@demo.local": (0.9, 0.7, 0.6, 0.8),
    "sekretarz@demo.local": (0.8, 0.6, 0.5, 0.7),
    "czlonek@demo.local": (1.0, 0.8, 0.5, 0.9),
}

CONFLICT_EXPLANATION = "Do 2018 r. byłem członkiem zarządu Stowarzyszenia Razem dla Hajnówki, oferenta tej oferty."
REOPEN_REASON = "Sekretarz zgłosił pomyłkę w kryterium e (kalkulacja kosztów); karta do poprawienia."
OPINION = ("Oferta wspólna trzech organizacji dobrze odpowiada na potrzeby stref rewitalizacji. Zwracam uwagę na "
           "realność liczby uczestników działania D i na koszt koordynacji (10% kosztów).")


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _sheet_input(call: Call, offer, share: float, *, complete: bool = True) -> merit.SheetInput:
    """Points at `share` of each range (a draft leaves criteria d and e empty); counts as in the offer."""
    counts = selectors_merit.offer_counts(offer)
    data = merit.SheetInput()
    for criterion in MeritCriterion.objects.filter(call=call).prefetch_related("subcriteria"):
        if criterion.kind == MeritCriterion.Kind.SCALE:
            if criterion.member_confirms:
                data.counts[criterion.pk] = str(counts[criterion.source].value)
        elif complete or criterion.code not in ("d", "e"):
            for part in criterion.subcriteria.all():
                points = max(part.min_points, min(part.max_points, round(part.max_points * share)))
                data.parts[part.pk] = str(points)
        if criterion.code in JUSTIFICATIONS and (complete or criterion.code not in ("d", "e")):
            data.justifications[criterion.pk] = JUSTIFICATIONS[criterion.code]
    return data


def _offers(call: Call, users: dict, orgs: dict, before: datetime) -> list:
    offers = []
    for lead, partners, codes, zones, projects, title in OFFERS:
        offer = make_offer(call=call, organisation=orgs[lead], user=users[lead], codes=codes,
                           partners=[orgs[p] for p in partners], zones=zones, lpr_projects=projects, now=before)
        offer = offer_services.offer_save_fields(
            offer=offer, by=users[lead], revision=None, section="basics", now=before,
            data={"title": title, "start_date": offer.start_date, "end_date": offer.end_date})
        offer_services.offer_submit(offer=offer, by=users[lead], now=before)
        offers.append(Offer.objects.get(pk=offer.pk))  # with the number the submission gave it
    return offers


def _formal_check_start(call: Call, offers: list, clerk, *, received: datetime, started: datetime) -> Call:
    """Every confirmation delivered on time, the last one not signed by authorised persons."""
    for offer in offers:
        version = offer.versions.get()
        formal.receipt_record(offer=offer, received_at=received, received_by="Sekretariat, pok. 219",
                              checksum_read=version.short_checksum, signed=offer != offers[-1], by=clerk,
                              now=received + timedelta(minutes=5))
    return formal.formal_check_start(call=call, by=clerk, now=started)


def _formal_check_finish(call: Call, offers: list, clerk, *, checked: datetime, closed: datetime) -> Call:
    """Four offers admitted, the unsigned one rejected; the call moves to the merit evaluation."""
    for offer in offers:
        sheet = FormalSheet.objects.get(offer=offer)
        answers = {a.criterion_id: (True, "") for a in sheet.answers.all()}
        if offer == offers[-1]:
            signed = sheet.answers.get(criterion__auto_check="confirmation_on_time")
            answers[signed.criterion_id] = (False, "Potwierdzenie złożenia oferty nie zostało podpisane przez "
                                                   "osoby upoważnione do reprezentacji oferenta.")
        formal.sheet_answer(sheet=sheet, answers=answers, by=clerk, now=checked)
        formal.sheet_confirm(sheet=sheet, by=clerk, now=checked)
    return formal.formal_check_close(call=Call.objects.get(pk=call.pk), by=clerk, now=closed)


def _commission(call: Call, users: dict, clerk, *, appointed: datetime, scoring_deadline: datetime) -> dict:
    seats = {}
    for email, role, kind in (
        ("przewodniczaca@demo.local", CommissionMember.Role.CHAIR, CommissionMember.Kind.CITY),
        ("sekretarz@demo.local", CommissionMember.Role.SECRETARY, CommissionMember.Kind.CITY),
        ("czlonek@demo.local", CommissionMember.Role.MEMBER, CommissionMember.Kind.NGO),
        ("ekspert@demo.local", CommissionMember.Role.MEMBER, CommissionMember.Kind.EXPERT),
    ):
        seats[email] = commission.commission_member_add(call=call, user=users[email], role=role, kind=kind, by=clerk,
                                                        now=appointed, reason=ORDER_NUMBER)
    commission.commission_settings_set(
        call=Call.objects.get(pk=call.pk), by=clerk, order_number=ORDER_NUMBER,
        order_date=timezone.localtime(appointed).date(), scoring_deadline=scoring_deadline,
        show_other_sheets=call.show_other_sheets, min_sheets=call.min_sheets,
        impartiality_grounds=call.impartiality_grounds, now=appointed)
    return seats


def _scoring(seats: dict, offers: list, *, today: date) -> None:
    """Who did what (offers 1–4 admitted):

    chair      submitted ×4
    secretary  submitted, submitted then reopened by the chair, draft, declared but not started
    member     conflict (ground 5) on offer 1, submitted ×3
    expert     opinion on offer 1, declared on 2 and 3, no declaration yet on 4
    """
    chair, secretary = seats["przewodniczaca@demo.local"], seats["sekretarz@demo.local"]
    member, expert = seats["czlonek@demo.local"], seats["ekspert@demo.local"]
    call = chair.call
    day = today - timedelta(days=8)
    for seat in (chair, secretary, member):
        for index, offer in enumerate(offers):
            conflict = seat == member and index == 0
            merit.declaration_make(seat=seat, offer=offer, conflict=conflict, grounds=[4] if conflict else [],
                                   explanation=CONFLICT_EXPLANATION if conflict else "", now=_at(day, 10, index))
    for offer in offers[:3]:
        merit.declaration_make(seat=expert, offer=offer, conflict=False, grounds=[], now=_at(day, 12))

    def sheet(seat, index, *, days_ago, submit=True, complete=True):
        share = PROFILES[seat.user.email][index]
        return merit.sheet_save(seat=seat, offer=offers[index], submit=submit,
                                data=_sheet_input(call, offers[index], share, complete=complete),
                                now=_at(today - timedelta(days=days_ago), 11 + index))

    for index in range(4):
        sheet(chair, index, days_ago=6)
    for index in (1, 2, 3):
        sheet(member, index, days_ago=5)
    sheet(secretary, 0, days_ago=4)
    reopened = sheet(secretary, 1, days_ago=4)
    sheet(secretary, 2, days_ago=3, submit=False, complete=False)  # a draft
    merit.sheet_save(seat=expert, offer=offers[0], data=merit.SheetInput(opinion=OPINION), submit=True,
                     now=_at(today - timedelta(days=3), 9))
    merit.sheet_reopen(sheet=reopened, by=chair.user, reason=REOPEN_REASON, now=_at(today - timedelta(days=1), 9))


def merit_stage_call(users: dict, orgs: dict, out, *, today: date | None = None) -> None:
    if Call.objects.filter(slug=MERIT_SLUG).exists():
        return
    # the declarations keep their text as signed: in the portal's language, as members would sign them
    with translation.override(settings.LANGUAGE_CODE):
        _build(users, orgs, out, today=today or timezone.localdate())


def _build(users: dict, orgs: dict, out, *, today: date) -> None:
    clerk = users["urzednik@demo.local"]
    announced = today - timedelta(days=40)  # the submission deadline passed 14 days ago
    doc = services.shift_dates(reference_document(), announced - REFERENCE_ANNOUNCED)
    doc.update(slug=MERIT_SLUG, title=doc["title"] + " (etap oceny merytorycznej – dane demonstracyjne)")
    call = services.call_import(document=doc, by=clerk)
    call = services.call_publish(call=call, by=clerk, now=_at(announced, 9))
    offers = _offers(call, users, orgs, before=call.submission_deadline - timedelta(days=2))
    deadline = call.submission_deadline
    call = services.call_transition(call=call, to=Call.State.SUBMISSION_CLOSED, by=clerk,
                                    now=deadline + timedelta(minutes=1))
    call = _formal_check_start(call, offers, clerk, received=deadline + timedelta(hours=10),
                               started=call.confirmation_deadline + timedelta(hours=1))
    seats = _commission(call, users, clerk, appointed=_at(today - timedelta(days=11), 9),  # the authority's order
                        scoring_deadline=_at(today + timedelta(days=4), 15))
    call = _formal_check_finish(call, offers, clerk, checked=_at(today - timedelta(days=11), 11),
                                closed=_at(today - timedelta(days=10), 12))
    _scoring(seats, offers[:4], today=today)
    out(f"Demo call in the merit evaluation: {call.slug} (5 offers, 4 admitted; the commission's declarations "
        f"and sheets in every state, scoring deadline {today + timedelta(days=4):%d.%m.%Y})")
