"""Partners of a joint offer join only with their consent (issue 18, point 3).

The lead offeror invites an organisation (`partners_apply`, inside `offer_set_partners`); the
row starts as INVITED and the offer shows only the organisation's name. One of the partner's
own members accepts or declines (`partner_accept`, `partner_decline`); only an accepted
partner is an offeror: its data reach the offer's pages, PDFs and snapshot, and its members
reach the offer. Every step is an `OfferEvent` (who, when) and a notice through the outbox.

Only an organisation with at least one member can be invited: someone must be able to
answer, and the invitation goes to all of them (never to an address the lead types).
Removing a partner, accepted or not, is recorded and its members are told; a partner
added again must accept again.
"""
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from offers import rules_invitations as rules
from offers.models import Offer, OfferEvent, OfferPartner
from offers.permissions import edit_error
from organisations import rules as organisation_rules
from organisations.models import Organisation
from organisations.permissions import can_act_for
from organisations.services import limits

NOT_A_PARTNER_MEMBER = gettext_lazy("Only a member of the invited organisation can answer this invitation.")
ALREADY_DECLINED = gettext_lazy(
    "Your organisation has already declined this invitation. The lead offeror has to invite it again.")
OFFER_CLOSED = gettext_lazy("This offer can no longer be changed, so the invitation cannot be answered now: %(reason)s")


def _now() -> datetime:
    return timezone.now()


def _event(offer: Offer, kind: str, by, now: datetime, partner: OfferPartner, **details) -> None:
    OfferEvent.objects.create(offer=offer, kind=kind, by=by, at=now, section="offerors",
                              details={"organisation": partner.organisation_id,
                                       "name": partner.organisation.name, **details})


def _notify(users, *, object_key: str, subject: str, text: str, url: str, authority_id: int | None) -> None:
    """A dashboard notice and a plain-text e-mail (a legal notice) to each of `users`."""
    from accounts.models import Notice
    from notifications import services as outbox

    users = [u for u in users if u.is_active]
    Notice.objects.bulk_create(Notice(user=u, title=subject, body=text, url=url) for u in users)
    outbox.queue(kind="partner", users=users, object_key=object_key, subject=subject, text=text, url=url,
                 legal=True, html=False, authority_id=authority_id)


def _members(organisation: Organisation):
    from accounts.models import User

    return list(User.objects.filter(memberships__organisation=organisation, is_active=True))


def _named(organisation: Organisation) -> str:
    return organisation_rules.organisation_as_registered(name=organisation.name, nip=organisation.nip,
                                                         krs=organisation.krs)


def _call(offer: Offer) -> str:
    return organisation_rules.mail_safe(offer.call.title, limit=200)


def _tell_partner(partner: OfferPartner, offer: Offer, *, removed: bool) -> None:
    """The invited (or removed) organisation's members: the portal's words, names as data only."""
    with translation.override(settings.LANGUAGE_CODE):
        names = {"lead": _named(offer.organisation), "partner": _named(partner.organisation), "call": _call(offer)}
        if removed:
            subject = _("A joint offer no longer names your organisation")
            text = _("The lead offeror %(lead)s removed %(partner)s from the partners of its joint offer in the "
                     "call “%(call)s”. Your organisation's data are not part of that offer.") % names
        else:
            subject = _("Your organisation is invited to a joint offer")
            text = _("The lead offeror %(lead)s invites %(partner)s to be a partner of its joint offer in the call "
                     "“%(call)s”. Until a member of your organisation accepts, the offer shows only your "
                     "organisation's name and none of its data, and it cannot be submitted. Accept or decline on "
                     "your dashboard in the portal.") % names
        _notify(_members(partner.organisation), object_key=f"offer-partner:{offer.pk}:{partner.organisation_id}",
                subject=subject, text=text, url=reverse("offers_dashboard"), authority_id=offer.call.authority_id)


def _tell_lead(partner: OfferPartner, offer: Offer, *, accepted: bool) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        names = {"partner": _named(partner.organisation), "call": _call(offer)}
        if accepted:
            subject = _("A partner accepted your joint offer")
            text = _("%(partner)s accepted the invitation to be a partner of your joint offer in the call "
                     "“%(call)s”. It is now an offeror of that offer.") % names
        else:
            subject = _("A partner declined your joint offer")
            text = _("%(partner)s declined the invitation to be a partner of your joint offer in the call "
                     "“%(call)s”. Remove it from the offerors before submitting the offer.") % names
        _notify(_members(offer.organisation), object_key=f"offer:{offer.pk}", subject=subject, text=text,
                url=reverse("offers:offer_step", kwargs={"pk": offer.pk, "section": "offerors"}),
                authority_id=offer.call.authority_id)


def partners_apply(*, offer: Offer, partners: list[tuple], by, now: datetime) -> None:
    """Inside `offer_set_partners`' transaction, on the locked offer: new organisations are
    invited, missing ones removed (both recorded and told), the rest keep their answer."""
    existing = {p.organisation_id: p for p in OfferPartner.all_objects.filter(offer=offer).select_related("organisation")}
    wanted = {org.pk for org, _role in partners}
    new = [org for org, _role in partners if org.pk not in existing]
    for org in new:
        if not org.memberships.exists():
            raise ValidationError(rules.PARTNER_WITHOUT_MEMBERS % {"name": org.name})
    recent = OfferPartner.all_objects.filter(invited_by=by, invited_at__gte=now - timedelta(hours=1)).count()
    error = rules.partner_limit_error(invited_by_user_last_hour=recent, new=len(new), limits=limits())
    if error:
        raise ValidationError(error)
    for org_id, partner in existing.items():
        if org_id not in wanted:
            _event(offer, OfferEvent.Kind.PARTNER_REMOVED, by, now, partner, status=partner.status)
            if partner.status != OfferPartner.Status.DECLINED:
                _tell_partner(partner, offer, removed=True)
            partner.delete()
    for position, (org, role) in enumerate(partners):
        partner = existing.get(org.pk)
        if partner is None:
            partner = OfferPartner.all_objects.create(offer=offer, organisation=org, role=role, position=position,
                                                      status=OfferPartner.Status.INVITED, invited_by=by,
                                                      invited_at=now)
            _event(offer, OfferEvent.Kind.PARTNER_INVITED, by, now, partner)
            _tell_partner(partner, offer, removed=False)
        elif (partner.role, partner.position) != (role, position):
            partner.role, partner.position = role, position
            partner.save(update_fields=["role", "position"])


def _locked(partner: OfferPartner) -> tuple[Offer, OfferPartner]:
    offer = Offer.objects.select_for_update().select_related("call", "organisation").get(pk=partner.offer_id)
    row = OfferPartner.all_objects.select_for_update().select_related("organisation").filter(pk=partner.pk).first()
    if row is None:
        raise ValidationError(_("The lead offeror has removed your organisation from this offer."))
    return offer, row


@transaction.atomic
def partner_accept(*, partner: OfferPartner, by, now: datetime | None = None) -> OfferPartner:
    """A member of the invited organisation accepts: it becomes an offeror of the offer."""
    now = now or _now()
    offer, partner = _locked(partner)
    if not can_act_for(by, partner.organisation):
        raise PermissionDenied(NOT_A_PARTNER_MEMBER)
    if partner.status == OfferPartner.Status.ACCEPTED:
        return partner  # a double click
    if partner.status == OfferPartner.Status.DECLINED:
        raise ValidationError(ALREADY_DECLINED)
    reason = edit_error(offer, "offerors", now)
    if reason:
        raise ValidationError(OFFER_CLOSED % {"reason": reason})
    partner.status, partner.answered_by, partner.answered_at = OfferPartner.Status.ACCEPTED, by, now
    partner.save(update_fields=["status", "answered_by", "answered_at"])
    _event(offer, OfferEvent.Kind.PARTNER_ACCEPTED, by, now, partner)
    _tell_lead(partner, offer, accepted=True)
    return partner


@transaction.atomic
def partner_decline(*, partner: OfferPartner, by, now: datetime | None = None) -> OfferPartner:
    """A member of the invited organisation declines (or, while the offer is a draft, withdraws
    an acceptance): it is no offeror, and the offer cannot be submitted until the lead removes it."""
    now = now or _now()
    offer, partner = _locked(partner)
    if not can_act_for(by, partner.organisation):
        raise PermissionDenied(NOT_A_PARTNER_MEMBER)
    if partner.status == OfferPartner.Status.DECLINED:
        return partner
    reason = edit_error(offer, "offerors", now)
    if partner.status == OfferPartner.Status.ACCEPTED and reason:
        raise ValidationError(OFFER_CLOSED % {"reason": reason})
    was = partner.status
    partner.status, partner.answered_by, partner.answered_at = OfferPartner.Status.DECLINED, by, now
    partner.save(update_fields=["status", "answered_by", "answered_at"])
    _event(offer, OfferEvent.Kind.PARTNER_DECLINED, by, now, partner, was=was)
    _tell_lead(partner, offer, accepted=False)
    return partner
