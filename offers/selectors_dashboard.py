"""What the applicant's dashboard shows, read in a fixed number of queries.

Counting the problems that block a draft needs the whole offer (costs, indicators,
schedule, the call's limits), so every offer of the user is loaded with the same prefetches
as the offer page: about twenty queries whatever the number of offers, and the rules then
run in memory. That is fine at the scale of a municipal call (an organisation has a few
offers a year); with hundreds of offers per user, store the count on the offer instead.
"""
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone

from competition.models import Call
from offers import selectors
from offers.models import Offer, OfferVersion


@dataclass
class OfferRow:
    offer: Offer
    problem_count: int | None  # None for a submitted offer: nothing blocks it
    latest_version: OfferVersion | None
    open: bool  # the call still accepts changes and submissions


@dataclass
class CallGroup:
    call: Call
    open: bool
    rows: list[OfferRow] = field(default_factory=list)


def dashboard_offers(*, user, now: datetime | None = None) -> list[CallGroup]:
    """The user's offers (led or joined by one of their organisations), grouped by call:
    calls still open first, by nearest deadline, then closed ones, latest first."""
    now = now or timezone.now()
    offers = selectors.offers_with_everything(selectors.offers_of(user).order_by("-updated_at"))
    groups: dict[int, CallGroup] = {}
    for offer in offers:
        is_open = offer.call.is_open_for_submission(now)
        group = groups.setdefault(offer.call_id, CallGroup(call=offer.call, open=is_open))
        editable = offer.state in (Offer.State.DRAFT, Offer.State.WITHDRAWN, Offer.State.RETURNED,
                                   Offer.State.NEGOTIATION)
        problems = len(selectors.offer_problems(offer)) if editable else None
        latest = max(offer.versions.all(), key=lambda v: v.number, default=None)
        group.rows.append(OfferRow(offer=offer, problem_count=problems, latest_version=latest, open=is_open))
    open_groups = sorted((g for g in groups.values() if g.open), key=lambda g: g.call.submission_deadline)
    closed = sorted((g for g in groups.values() if not g.open), key=lambda g: g.call.submission_deadline,
                    reverse=True)
    return open_groups + closed
