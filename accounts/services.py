import logging
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from core import operator
from accounts import rules
from accounts.models import EnrolmentLink, Notice, User
from accounts.selectors import enrolment_link_refusal

log = logging.getLogger(__name__)


def _now() -> datetime:
    return timezone.now()


@transaction.atomic
def user_register(*, email: str, full_name: str, password: str, phone: str = "") -> User:
    return User.objects.create_user(email=email, password=password, full_name=full_name, phone=phone)


@transaction.atomic
def user_update_profile(*, user: User, full_name: str, phone: str, reminders_enabled: bool = True,
                        address_form: str | None = None) -> User:
    """The user's own details; `address_form` (None: unchanged) is the form the portal uses for them."""
    user.full_name, user.phone, user.reminders_enabled = full_name, phone, reminders_enabled
    if address_form is not None:
        user.address_form = address_form
    user.full_clean()
    user.save(update_fields=["full_name", "phone", "reminders_enabled", "address_form"])
    return user


# --- two-factor set-up links ----------------------------------------------------------------------


def enrolment_link_path(token: str) -> str:
    return reverse("accounts:two_factor_enrol", kwargs={"token": token})


def _send_enrolment_mail(user: User, token: str) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        context = {"user": user, "link": settings.PORTAL_BASE_URL.rstrip("/") + enrolment_link_path(token),
                   "operator": operator.name(), "hours": int(rules.ENROLMENT_LINK_VALID_FOR.total_seconds() // 3600)}
        subject = render_to_string("accounts/email/enrolment_link_subject.txt", context).strip()
        body = render_to_string("accounts/email/enrolment_link.txt", context)
    send_mail(subject, body, None, [user.email])


@transaction.atomic
def enrolment_link_issue(*, user: User, by: User | None = None, channel: str = EnrolmentLink.Channel.MAIL,
                         now: datetime | None = None) -> str:
    """Issue a one-time set-up link for `user` and return its token (shown once, never stored).

    Earlier unused links of the user stop working. A MAIL link goes to the account's own address
    after the commit (not through the outbox: the outbox keeps the text of every message, and the
    text of this one is the key); an ADMINISTRATOR or COMMAND link is handed to whoever issued it."""
    now = now or _now()
    User.objects.select_for_update().filter(pk=user.pk).first()  # one issue at a time per user
    EnrolmentLink.objects.filter(user=user, opened_at=None, revoked_at=None).update(revoked_at=now)
    token = secrets.token_urlsafe(32)
    EnrolmentLink.objects.create(user=user, token_hash=rules.token_hash(token), channel=channel, issued_at=now,
                                 issued_by=by, sent_to=user.email if channel == EnrolmentLink.Channel.MAIL else "")
    log.info("two-factor set-up link issued for user %s by %s (%s)", user.pk, by.pk if by else "-", channel)
    if channel == EnrolmentLink.Channel.MAIL:
        transaction.on_commit(lambda: _send_enrolment_mail(user, token))
    return token


def enrolment_link_live(*, user: User, now: datetime | None = None) -> EnrolmentLink | None:
    """The user's newest link that still works, if any."""
    now = now or _now()
    link = EnrolmentLink.objects.filter(user=user).first()
    if link and rules.enrolment_link_problem(issued_at=link.issued_at, opened_at=link.opened_at,
                                             revoked_at=link.revoked_at, now=now) is None:
        return link
    return None


def _wait_message(wait: timedelta) -> str:
    return gettext(
        "A new set-up link is sent at most once every %(interval)d min. and %(per_day)d times a day: "
        "try again in %(minutes)d min. Check the spam folder too."
    ) % {"interval": rules.ENROLMENT_RESEND_INTERVAL.total_seconds() // 60, "per_day": rules.ENROLMENT_MAX_PER_DAY,
         "minutes": max(1, -(-int(wait.total_seconds()) // 60))}


@transaction.atomic
def enrolment_link_send(*, user: User, now: datetime | None = None) -> str:
    """The user asks for a (new) link to their own address: at most every 5 minutes, 5 a day."""
    now = now or _now()
    User.objects.select_for_update().filter(pk=user.pk).first()
    issued = list(EnrolmentLink.objects.filter(user=user, channel=EnrolmentLink.Channel.MAIL,
                                               issued_at__gt=now - timedelta(days=1))
                  .values_list("issued_at", flat=True))
    wait = rules.enrolment_resend_wait(issued, now=now)
    if wait is not None:
        raise ValidationError(_wait_message(wait))
    return enrolment_link_issue(user=user, channel=EnrolmentLink.Channel.MAIL, now=now)


@transaction.atomic
def enrolment_link_open(*, token: str, user: User, now: datetime | None = None) -> EnrolmentLink:
    """Use a link: only by the account it was issued for, once, within 24 hours. A fresh secret
    is made for the new device (any earlier, unconfirmed one is discarded: its key may have been
    seen by someone else)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    now = now or _now()
    User.objects.select_for_update().filter(pk=user.pk).first()  # one use at a time per user
    link, refusal = enrolment_link_refusal(token=token, user=user, now=now)
    if refusal is not None:
        if refusal.code == "unknown" and link is None:
            log.warning("two-factor set-up link refused for user %s (unknown or another account's)", user.pk)
        raise refusal
    link.opened_at = now
    link.save(update_fields=["opened_at"])
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    TOTPDevice.objects.create(user=user, name="aplikacja", confirmed=False)
    log.info("two-factor set-up link %s used by user %s", link.pk, user.pk)
    return link


@transaction.atomic
def enrolment_link_complete(*, link: EnrolmentLink, now: datetime | None = None) -> EnrolmentLink:
    """Record that the device set up through `link` was confirmed."""
    link.confirmed_at = now or _now()
    link.save(update_fields=["confirmed_at"])
    return link


def notices_mark_read(*, user, notices: list[Notice], now: datetime | None = None) -> int:
    """Mark the given notices of `user` read; other users' rows are never touched."""
    ids = [n.pk for n in notices if n.read_at is None]
    if not ids:
        return 0
    return Notice.objects.filter(user=user, pk__in=ids, read_at__isnull=True).update(read_at=now or timezone.now())
