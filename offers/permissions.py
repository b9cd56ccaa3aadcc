"""When an offer may be changed or submitted.

The `*_error` checks answer "why not" (a message) or None when the action is allowed; the
services refuse with the same message, and the pages show it before anybody tries. Who may act
for an organisation is `organisations.permissions.can_act_for`.
"""
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from competition.models import Call
from offers import rules
from offers.models import Offer

# What an applicant may change when answering a lower grant: the scope (dates, description,
# results, schedule) and the costs; not the offerors, the actions, the zones or the statements.
NEGOTIATION_SECTIONS = ("basics", "description", "indicators", "schedule", "costs")


def submission_closed_error(call: Call, now: datetime) -> str | None:
    if call.state == Call.State.DRAFT:
        return _("The call has not been published yet.")
    if call.state != Call.State.PUBLISHED or now >= call.submission_deadline:
        return _("The submission deadline (%(deadline)s) has passed; the offer can no longer be changed.") % {
            "deadline": timezone.localtime(call.submission_deadline).strftime("%d.%m.%Y %H:%M")}
    if call.submission_start and now < call.submission_start:
        return _("Submissions open on %(start)s.") % {
            "start": timezone.localtime(call.submission_start).strftime("%d.%m.%Y %H:%M")}
    return None


def open_correction(offer: Offer):
    """The correction request the applicant is answering now, if any (formal check, optional)."""
    if offer.state != Offer.State.RETURNED:
        return None
    return offer.corrections.filter(resubmitted_at__isnull=True).order_by("-requested_at").first()


def negotiation_error(offer: Offer, now: datetime) -> str | None:
    """Why a negotiated offer can no longer be answered (None: it can)."""
    if offer.fixed_until is None or now > offer.fixed_until:
        return _("The time to answer the lower grant has ended.")
    return None


def edit_error(offer: Offer, section: str, now: datetime) -> str | None:
    """Why this section of the offer cannot be changed now (None: it can)."""
    if offer.state == Offer.State.NEGOTIATION:
        if section not in NEGOTIATION_SECTIONS:
            return _("In the negotiation of a lower grant only these parts can be changed: %(sections)s.") % {
                "sections": ", ".join(str(rules.SECTION_LABELS[s]) for s in NEGOTIATION_SECTIONS)}
        return negotiation_error(offer, now)
    if offer.state == Offer.State.RESIGNED:
        return _("The offeror resigned from the grant; the offer can no longer be changed.")
    if offer.state == Offer.State.RETURNED:
        correction = open_correction(offer)
        if correction is None or now > correction.deadline:
            return _("The time to correct the offer has ended.")
        if section not in correction.sections:
            return _("Only these parts were returned for correction: %(sections)s.") % {
                "sections": ", ".join(str(rules.SECTION_LABELS.get(s, s)) for s in correction.sections)}
        return None
    if offer.state == Offer.State.SUBMITTED:
        return _("The offer has been submitted. Withdraw it first to change it.")
    if offer.state in (Offer.State.ADMITTED, Offer.State.REJECTED):
        return _("The formal check of the offer is finished; it can no longer be changed.")
    return submission_closed_error(offer.call, now)


def submit_error(offer: Offer, now: datetime) -> str | None:
    """Why the offer cannot be submitted now, whatever its content (None: it can)."""
    if offer.state == Offer.State.NEGOTIATION:
        return negotiation_error(offer, now)
    if offer.state == Offer.State.RESIGNED:
        return _("The offeror resigned from the grant; the offer can no longer be changed.")
    if offer.state == Offer.State.RETURNED:
        correction = open_correction(offer)
        return None if correction and now <= correction.deadline else _("The time to correct the offer has ended.")
    if offer.state in (Offer.State.ADMITTED, Offer.State.REJECTED):
        return _("The formal check of the offer is finished; it can no longer be changed.")
    return submission_closed_error(offer.call, now)
