"""Builds a call in the merit evaluation through the services, for tests (and the e2e seeds).

`merit_call` takes a published call (normally the reference call), submits the offers asked
for, closes submissions, runs the formal check admitting every offer, and seats a commission:
a chair, two members (one nominated by NGOs) and an expert.
"""
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from competition import services as call_services
from competition.models import Call, CommissionMember
from evaluation.formal import services as formal_services
from evaluation.merit import services as services_merit
from evaluation.models import FormalSheet
from offers.models import Offer
from tests_support.factories import MembershipFactory, UserFactory
from tests_support.offers import make_offer


@dataclass
class MeritCall:
    call: Call
    offers: list[Offer]
    chair: CommissionMember
    members: list[CommissionMember]  # the two ordinary scoring members
    expert: CommissionMember

    @property
    def scorers(self) -> list[CommissionMember]:
        return [self.chair, *self.members]


def merit_call(call: Call, clerk, *, specs=({"partners": 1}, {}, {"zones": 5, "lpr_projects": 3})) -> MeritCall:
    """`specs`: one dict per offer: `partners` (how many co-offerors), `zones`, `lpr_projects`, `codes`."""
    offers = []
    for spec in specs:
        lead = MembershipFactory(organisation__legal_form="association")
        partners = [MembershipFactory(organisation__legal_form="foundation").organisation  # a member accepts
                    for _ in range(spec.get("partners", 0))]
        offers.append(make_offer(call=call, organisation=lead.organisation, user=lead.user, partners=partners,
                                 codes=spec.get("codes", ("A", "D")), zones=spec.get("zones", 3),
                                 lpr_projects=spec.get("lpr_projects", 2), submit=True))
    now = timezone.now()
    Call.objects.filter(pk=call.pk).update(submission_deadline=now, confirmation_deadline=now + timedelta(days=1))
    call = call_services.call_transition(call=Call.objects.get(pk=call.pk), to=Call.State.SUBMISSION_CLOSED, by=clerk)
    call = formal_services.formal_check_start(call=call, by=clerk)
    for sheet in FormalSheet.objects.filter(offer__call=call):
        formal_services.sheet_answer(sheet=sheet, answers={a.criterion_id: (True, "Sprawdzono na papierze.") for a in sheet.answers.all()},
                                     by=clerk)
        formal_services.sheet_confirm(sheet=sheet, by=clerk)
    call = formal_services.formal_check_close(call=call, by=clerk)
    seat = CommissionMember.objects.create
    chair = seat(call=call, user=UserFactory(full_name="Anna Przewodnicząca"),
                 role=CommissionMember.Role.CHAIR, kind=CommissionMember.Kind.CITY)
    members = [
        seat(call=call, user=UserFactory(full_name="Bogdan Urzędowy"), kind=CommissionMember.Kind.CITY),
        seat(call=call, user=UserFactory(full_name="Celina Społeczna"), kind=CommissionMember.Kind.NGO),
    ]
    expert = seat(call=call, user=UserFactory(full_name="Edward Ekspert"),
                  kind=CommissionMember.Kind.EXPERT)
    offers = [Offer.objects.get(pk=o.pk) for o in offers]
    return MeritCall(Call.objects.get(pk=call.pk), offers, chair, members, expert)


def judged_points(call: Call, value: int | None = None) -> dict[int, str]:
    """Points for every sub-criterion of the call's judgement criteria: `value`, capped at each range,
    or each range's maximum."""
    from competition.models import MeritSubcriterion

    parts = MeritSubcriterion.objects.filter(criterion__call=call)
    return {p.pk: str(p.max_points if value is None else min(value, p.max_points)) for p in parts}


def full_input(call: Call, value: int | None = None, **extra) -> services_merit.SheetInput:
    """A complete sheet: every judgement part scored, every justification written, counts as in the offer."""
    from competition.models import MeritCriterion

    criteria = list(MeritCriterion.objects.filter(call=call))
    return services_merit.SheetInput(
        parts=judged_points(call, value),
        counts=extra.pop("counts", {}),
        justifications={c.pk: f"Uzasadnienie {c.code}" for c in criteria},
        opinion=extra.pop("opinion", ""),
    )


def declare_all(mc: MeritCall, *, conflicts=()) -> None:
    """Every seat declares for every offer; (seat, offer) pairs in `conflicts` declare ground 1."""
    for seat in [*mc.scorers, mc.expert]:
        for offer in mc.offers:
            conflict = (seat, offer) in conflicts
            services_merit.declaration_make(seat=seat, offer=offer, conflict=conflict, grounds=[0] if conflict else [])


def score(seat: CommissionMember, offer: Offer, value: int | None = None, *, submit=True, **extra):
    """Fill in (and by default submit) a complete sheet; for criteria confirmed by members, the
    count pre-filled from the offer unless `counts` says otherwise."""
    from evaluation.merit import selectors as selectors_merit

    data = full_input(seat.call, value, **extra)
    counts = selectors_merit.offer_counts(offer)
    for c in selectors_merit.criteria_of(seat.call):
        if c.kind == "scale" and c.member_confirms and c.pk not in data.counts:
            data.counts[c.pk] = str(counts[c.source].value)
    return services_merit.sheet_save(seat=seat, offer=offer, data=data, submit=submit)
