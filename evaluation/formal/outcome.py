"""What is published of the formal check (art. 18a of the Act for an annulment): the outcome of
stage I and the annulment notice, read from what the formal check stored (the sheets, their "no"
answers with the clerk's reasons, the stage's audit rows). The pages and PDFs that show them are
in `evaluation.formal.views_public`. Nothing is stored for these documents.
"""
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Prefetch
from django.http import Http404

from competition.models import Call, CallEvent, PublicationEntry
from competition.selectors_publication import document_publication
from evaluation.models import FormalAnswer, FormalEvent, FormalSheet
from offers.models import Offer

# Stages that come after the formal check; an annulled call counts only if it went through one.
AFTER_FORMAL_CHECK = (Call.State.MERIT_EVALUATION, Call.State.SCORED, Call.State.DECIDED, Call.State.CLOSED, Call.State.ANNULLED)

ANNULMENT_LEGAL_BASIS = "art. 18a ustawy z dnia 24 kwietnia 2003 r. o działalności pożytku publicznego i o wolontariacie"


@dataclass
class OfferOutcome:
    offer: Offer
    offerors: list[str]
    failed: list[tuple[str, str]] = field(default_factory=list)  # (criterion, the clerk's reason)


@dataclass
class FormalOutcome:
    call: Call
    closed_at: datetime | None
    submitted: int
    admitted: list[OfferOutcome]
    rejected: list[OfferOutcome]
    annulment: CallEvent | None


def _public_call(slug: str) -> Call:
    call = Call.objects.public().select_related("authority").filter(slug=slug).first()
    if call is None:
        raise Http404("No such call.")
    return call


def _annulment_event(call: Call) -> CallEvent | None:
    return (call.events.filter(kind=CallEvent.Kind.TRANSITION, to_state=Call.State.ANNULLED)
            .order_by("-at", "-pk").first())


def formal_check_published(call: Call) -> bool:
    """The outcome is public once the call has left the formal check for a later stage.

    The public call page decides the same way, from the call's public history (a transition
    to the formal check exists and the call is past it), so the link and the page agree."""
    if call.state not in AFTER_FORMAL_CHECK:
        return False
    return call.events.filter(kind=CallEvent.Kind.TRANSITION, to_state=Call.State.FORMAL_CHECK).exists()


def _closed_at(call: Call) -> datetime | None:
    """When stage I was closed: the "closed" audit row; for a call annulled during the formal
    check (no "closed" row), the moment it left the stage."""
    closed = call.formal_events.filter(kind=FormalEvent.Kind.CLOSED).order_by("-at", "-pk").first()
    if closed:
        return closed.at
    left = (call.events.filter(kind=CallEvent.Kind.TRANSITION, from_state=Call.State.FORMAL_CHECK)
            .order_by("-at", "-pk").first())
    return left.at if left else None


def formal_outcome_get(*, slug: str) -> FormalOutcome:
    """The published outcome of stage I, in a fixed number of queries; 404 before it is public."""
    call = _public_call(slug)
    if not formal_check_published(call):
        raise Http404("The formal check of this call is not closed yet.")
    failed = FormalAnswer.objects.filter(value=False).select_related("criterion")
    sheets = (FormalSheet.objects.filter(offer__call=call)
              .select_related("offer__organisation")
              .prefetch_related("offer__partners__organisation", Prefetch("answers", queryset=failed))
              .order_by("offer__number", "pk"))
    admitted, rejected = [], []
    for sheet in sheets:
        offer = sheet.offer
        row = OfferOutcome(offer=offer, offerors=[offer.organisation.name,
                                                  *[p.organisation.name for p in offer.partners.all()]])
        if sheet.result == FormalSheet.Result.ADMITTED:
            admitted.append(row)
        elif sheet.result == FormalSheet.Result.REJECTED:
            row.failed = [(a.criterion.question, a.reason) for a in sheet.answers.all()]
            rejected.append(row)
    return FormalOutcome(
        call=call, closed_at=_closed_at(call), submitted=len(sheets), admitted=admitted, rejected=rejected,
        annulment=_annulment_event(call) if call.state == Call.State.ANNULLED else None,
    )


def annulment_get(*, slug: str) -> dict:
    """The annulment notice's data (art. 18a(2) of the Act); 404 unless the call is annulled."""
    call = _public_call(slug)
    if call.state != Call.State.ANNULLED:
        raise Http404("This call is not annulled.")
    submitted = Offer.objects.filter(call=call).exclude(state__in=(Offer.State.DRAFT, Offer.State.WITHDRAWN)).exists()
    event = _annulment_event(call)
    return {
        "call": call,
        "event": event,
        "as_of": event.at if event else None,
        "no_offers": not submitted,  # art. 18a(1)(1); otherwise (1)(2): none met the requirements
        "legal_basis": ANNULMENT_LEGAL_BASIS,
        # where the announcement was published, as recorded: the annulment is published the same way
        "announcement": document_publication(call, PublicationEntry.Document.ANNOUNCEMENT),
    }
