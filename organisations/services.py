"""Writes to organisations, their members and invitations.

One function per change, atomic; e-mail goes out only after the commit. Services never
see the request: the views pass the user (`by`) and the cleaned data. Errors are raised
as `ValidationError`, keyed by field where there is one.
"""
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core import operator
from accounts.rules import normalise_email
from organisations import rules, selectors
from organisations.models import BankAccountChange, Invitation, Membership, Organisation
from organisations.permissions import can_act_for
from organisations.signals import bank_account_changed

# What a member may edit: everything the offer form's section II shows about the offeror.
ORGANISATION_FIELDS = (
    "name",
    "legal_form",
    "krs",
    "other_register",
    "other_register_number",
    "nip",
    "regon",
    "street",
    "postal_code",
    "city",
    "email",
    "phone",
    "bank_account",
    "representatives",
)

NOT_A_MEMBER = _("Only a member of the organisation may do this.")
ALREADY_MEMBER = _("%(email)s is already a member of this organisation.")
INVITATION_UNKNOWN = _("This invitation link is not valid. Check that it was copied whole.")
INVITATION_USED = _("This invitation has already been used. Ask a member of the organisation to send a new one.")
INVITATION_EXPIRED = _("This invitation has expired. Ask a member of the organisation to send a new one.")
INVITATION_OTHER_ADDRESS = _(
    "This invitation was sent to %(invited)s, but you are logged in as %(current)s. "
    "Log out and log in (or create an account) with the invited address."
)


def _now() -> datetime:
    return timezone.now()


def _check_member(organisation: Organisation, user) -> None:
    if not can_act_for(user, organisation):
        raise PermissionDenied(NOT_A_MEMBER)


def _apply(organisation: Organisation, data: dict, *, by) -> Organisation:
    data = rules.normalise_organisation({k: v for k, v in data.items() if k in ORGANISATION_FIELDS})
    errors = rules.organisation_errors(data)
    if errors:
        raise ValidationError(errors)
    for name, value in data.items():
        setattr(organisation, name, value)
    organisation.full_clean()
    organisation._history_user = by  # services never see the request: the history names `by`
    organisation.save()
    return organisation


def _join(*, organisation_id: int, user, by) -> Membership:
    membership = Membership(organisation_id=organisation_id, user=user)
    membership._history_user = by
    membership.save()
    return membership


# --- organisations -----------------------------------------------------------------------


@transaction.atomic
def organisation_register(*, data: dict, by) -> Organisation:
    """The person who registers an organisation becomes its first member."""
    organisation = _apply(Organisation(), data, by=by)
    _join(organisation_id=organisation.pk, user=by, by=by)
    return organisation


@transaction.atomic
def organisation_update(*, organisation: Organisation, data: dict, by, now: datetime | None = None) -> Organisation:
    """Save the members' edit. A new bank account is recorded (`BankAccountChange`) and every
    member is told by e-mail (`signals.bank_account_changed`, queued in this transaction)."""
    _check_member(organisation, by)
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    old_account, old_email = organisation.bank_account, organisation.email
    organisation = _apply(organisation, data, by=by)
    if organisation.bank_account != old_account:
        change = BankAccountChange.objects.create(organisation=organisation, old_account=old_account,
                                                  new_account=organisation.bank_account, by=by, at=now or _now())
        bank_account_changed.send(sender=BankAccountChange, change=change, previous_email=old_email)
    return organisation


# --- invitations -------------------------------------------------------------------------


def invitation_link(invitation: Invitation) -> str:
    path = reverse("offers:invitation_accept", kwargs={"token": invitation.token})
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def invitation_queue(invitation: Invitation) -> None:
    """The invitation, in Polish whatever language the inviting member uses, goes through the
    outbox (inside the caller's transaction): sent once, retried on failure, and not at all if
    it was accepted or expired in the meantime. The invitee may have no account yet."""
    from notifications import services as outbox

    invitation = Invitation.objects.select_related("organisation", "invited_by").get(pk=invitation.pk)
    organisation = invitation.organisation
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            # The only text a user typed is the organisation's name, shown as data: quoted, with
            # its identifiers, links defused. The inviter is named by the address they log in with.
            "organisation": rules.organisation_as_registered(
                name=organisation.name, nip=organisation.nip, krs=organisation.krs),
            "invited_by_email": invitation.invited_by.email,
            "link": invitation_link(invitation),
            "valid_days": selectors.INVITATION_VALID_FOR.days,
            "portal_operator": operator.name(),
        }
        name = rules.mail_safe(organisation.name, limit=120)  # a header has no line breaks
        subject = gettext("Invitation to act for „%(organisation)s”") % {"organisation": name}
        body = render_to_string("organisations/invitation_email.txt", context)
    outbox.queue_address(kind="invitation", email=invitation.email, object_key=f"invitation:{invitation.pk}",
                         subject=subject, body=body)


def _sent(invitations, since: datetime) -> int:
    """How many invitation e-mails the outbox took for `invitations` since `since` (re-sends count)."""
    from notifications.models import Message

    keys = invitations.annotate(key=Concat(Value("invitation:"), Cast("pk", CharField()))).values("key")
    return Message.objects.filter(kind=Message.Kind.INVITATION, created_at__gte=since, object_key__in=keys).count()


def limits() -> rules.Limits:
    """The rate limits of invitations (of colleagues here, of partners in offers), from the settings."""
    return rules.Limits(
        per_user_per_hour=getattr(settings, "INVITATIONS_PER_USER_PER_HOUR", rules.DEFAULT_PER_USER_PER_HOUR),
        per_organisation_per_day=getattr(settings, "INVITATIONS_PER_ORGANISATION_PER_DAY",
                                         rules.DEFAULT_PER_ORGANISATION_PER_DAY),
    )


def invitation_limit_error(*, organisation: Organisation, by, now: datetime) -> str | None:
    """Invitations are rate-limited per inviting user (an hour) and per organisation (a day)."""
    return rules.invitation_limit_error(
        sent_by_user_last_hour=_sent(Invitation.objects.filter(invited_by=by), now - timedelta(hours=1)),
        sent_for_organisation_last_day=_sent(organisation.invitations.all(), now - timedelta(days=1)),
        limits=limits(),
    )


@transaction.atomic
def invitation_create(*, organisation: Organisation, email: str, by, now: datetime | None = None) -> Invitation:
    """Invite a colleague by e-mail; a still-valid invitation to the same address is sent again
    (by whoever sends it now: the limits count each e-mail against the member who sent it last)."""
    now = now or _now()
    _check_member(organisation, by)
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()  # one count at a time per organisation
    email = normalise_email(email)
    if organisation.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError({"email": ALREADY_MEMBER % {"email": email}})
    error = invitation_limit_error(organisation=organisation, by=by, now=now)
    if error:
        raise ValidationError({"email": error})
    pending = selectors.invitation_list_pending(organisation=organisation, now=now)
    invitation = pending.filter(email__iexact=email).first()
    if invitation is None:
        invitation = Invitation(organisation=organisation, email=email, token=secrets.token_urlsafe(32), invited_by=by)
        invitation._history_user = by
        invitation.save()
    elif invitation.invited_by_id != by.pk:
        invitation.invited_by = by
        invitation._history_user = by
        invitation.save(update_fields=["invited_by"])
    invitation_queue(invitation)
    return invitation


def invitation_problem(invitation: Invitation, *, user, now: datetime | None = None) -> str | None:
    """Why `user` may not accept `invitation`, or None. The accept page shows it up front."""
    if invitation.accepted_at is not None:
        return str(INVITATION_USED)
    if selectors.invitation_is_expired(invitation, now=now or _now()):
        return str(INVITATION_EXPIRED)
    if normalise_email(invitation.email) != normalise_email(user.email):
        return INVITATION_OTHER_ADDRESS % {"invited": invitation.email, "current": user.email}
    return None


@transaction.atomic
def invitation_accept(*, token: str, user, now: datetime | None = None) -> Membership:
    """The invited person joins. Accepting twice (a double click) returns the same membership."""
    now = now or _now()
    invitation = Invitation.objects.select_for_update().filter(token=token).first()
    if invitation is None:
        raise ValidationError(INVITATION_UNKNOWN)
    if invitation.accepted_at is not None and invitation.accepted_by_id == user.pk:
        membership = Membership.objects.filter(organisation_id=invitation.organisation_id, user=user).first()
        if membership is not None:
            return membership
    problem = invitation_problem(invitation, user=user, now=now)
    if problem:
        raise ValidationError(problem)
    membership = Membership.objects.filter(organisation_id=invitation.organisation_id, user=user).first()
    if membership is None:
        try:
            with transaction.atomic():  # another invitation to the same organisation accepted at once
                membership = _join(organisation_id=invitation.organisation_id, user=user, by=user)
        except IntegrityError:
            membership = Membership.objects.get(organisation_id=invitation.organisation_id, user=user)
    invitation.accepted_at, invitation.accepted_by = now, user
    invitation._history_user = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership
