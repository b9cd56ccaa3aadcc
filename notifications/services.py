"""Writes of the outbox: plan reminders (recipients computed from the database at that
moment), queue event messages, and send what is due, once.

Sending is at-least-once per claimed row and once-only per row: a row is claimed by one
worker (`SKIP LOCKED`), sent, and marked sent in a second short transaction. If a worker
dies between the SMTP hand-over and that mark, the row is reclaimed after CLAIM_TIMEOUT and
may be sent a second time: that window is the only possible duplicate (docs/notifications.md).
"""
import logging
from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import override

from core import operator
from notifications import registry, rules
from notifications.models import Message

log = logging.getLogger(__name__)


def _now() -> datetime:
    return timezone.now()


def _link(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def queue(*, kind: str, users, object_key: str, subject: str, text: str, url: str = "", due_at=None,
          attachment: str = "", legal: bool = False, html: bool = True, sender: str = "",
          authority_id: int | None = None) -> int:
    """Queue one message per user (inside the caller's transaction). Reminders respect the
    user's choice; legal notices (`legal=True`) always go. `html=False`: plain text only (a
    message quoting names users typed, so that no HTML version can make them links).
    `authority_id`: whose work the message is about (the outbox shows it to that authority's
    clerks only). Returns how many rows were new."""
    due_at = due_at or _now()
    rows = []
    for user in users:
        if not legal and not user.reminders_enabled:
            continue
        context = {"user": user, "subject": subject, "text": text, "link": _link(url) if url else "",
                   "operator": operator.name()}
        rows.append(Message(kind=kind, user=user, email=user.email, object_key=object_key, due_at=due_at,
                            subject=subject, body=render_to_string("notifications/email.txt", context),
                            body_html=render_to_string("notifications/email.html", context) if html else "",
                            attachment=attachment, next_attempt_at=due_at, sender=sender,
                            authority_id=authority_id))
    if not rows:
        return 0
    known = set(Message.objects.filter(kind=kind, object_key=object_key, due_at=due_at,
                                       email__in=[r.email for r in rows]).values_list("email", flat=True))
    rows = [r for r in rows if r.email not in known]
    Message.objects.bulk_create(rows, ignore_conflicts=True)  # the unique constraint settles any race
    if rows and settings.OUTBOX_SEND_ON_COMMIT and due_at <= _now():
        transaction.on_commit(send_due)  # development without a worker: send right away
    return len(rows)


def queue_address(*, kind: str, email: str, object_key: str, subject: str, body: str, due_at=None) -> int:
    """Queue one legal notice to a bare address: someone who may have no account yet (an
    invitation). Like `queue`, inside the caller's transaction; one row per due moment."""
    due_at = due_at or _now()
    message = Message(kind=kind, user=None, email=email, object_key=object_key, due_at=due_at, subject=subject,
                      body=body, next_attempt_at=due_at)
    created = Message.objects.bulk_create([message], ignore_conflicts=True)
    if settings.OUTBOX_SEND_ON_COMMIT and due_at <= _now():
        transaction.on_commit(send_due)
    return len(created)


def notify_offerors(offer, *, kind: str, object_key: str, title: str, body: str, url: str) -> None:
    """A dashboard notice and an e-mail (a legal notice: always sent) to every member of every
    offeror of `offer`, in the caller's transaction."""
    from accounts.models import Notice

    users = list(registry.recipients("offer", offer))
    Notice.objects.bulk_create(Notice(user=u, title=title, body=body, url=url) for u in users)
    queue(kind=kind, users=users, object_key=object_key, subject=title, text=f"{title}\n\n{body}", url=url,
          legal=True, sender=registry.sender_of("offer", offer),
          authority_id=offer.call.authority_id)


# --- reminders ----------------------------------------------------------------------------------


def plan_reminders(*, now: datetime | None = None) -> int:
    """Create the reminders due now; safe to run any number of times, concurrently too. What is
    due is said by the planners the stages registered (`notifications.registry`)."""
    now = now or _now()
    created = 0
    with override(settings.LANGUAGE_CODE):
        for planner in registry.planners():
            for p in planner(now):
                created += queue(kind=p.kind, users=p.users, object_key=p.object_key, subject=p.subject,
                                 text=p.text, url=p.url, due_at=p.due_at, sender=p.sender,
                                 authority_id=p.authority_id)
    return created


# --- sending ----------------------------------------------------------------------------------------


def still_applies(message: Message) -> bool:
    """Checked again just before sending: nothing goes out to a user who was deactivated or
    turned reminders off, nor when the check its stage registered for the kind, or for what the
    message is about, says no (a withdrawn or submitted draft, a closed call, a user who left the
    organisation)."""
    if message.user_id and not message.user.is_active:
        return False
    if message.user_id and message.kind not in Message.LEGAL_KINDS and not message.user.reminders_enabled:
        return False
    check = registry.check_for(message)
    return check is None or check(message)


def claim(*, now: datetime | None = None, limit: int = 50) -> list[int]:
    """Claim due rows for this worker; rows of a worker that died are reclaimed after a while."""
    now = now or _now()
    with transaction.atomic():
        due = (Message.objects.select_for_update(skip_locked=True)
               .filter(Q(state=Message.State.PENDING, next_attempt_at__lte=now)
                       | Q(state=Message.State.SENDING, claimed_at__lte=now - rules.CLAIM_TIMEOUT))
               .order_by("next_attempt_at")[:limit])
        ids = [m.pk for m in due]
        Message.objects.filter(pk__in=ids).update(state=Message.State.SENDING, claimed_at=now)
    return ids


def send_one(message_id: int, *, now: datetime | None = None) -> str:
    """Send one claimed row and record the outcome; returns the new state."""
    now = now or _now()
    message = Message.objects.select_related("user").get(pk=message_id)
    if message.state != Message.State.SENDING:
        return message.state
    mine = Message.objects.filter(pk=message.pk, state=Message.State.SENDING, claimed_at=message.claimed_at)
    try:
        if not still_applies(message):
            mine.update(state=Message.State.CANCELLED)
            return Message.State.CANCELLED
        email = EmailMultiAlternatives(message.subject, message.body, message.sender or None, [message.email])
        if message.body_html:
            email.attach_alternative(message.body_html, "text/html")
        _attach(email, message.attachment)
        email.send(fail_silently=False)
    except Exception as exc:  # noqa: BLE001 - any SMTP or rendering failure is retried and recorded
        attempts = message.attempts + 1
        retry = rules.next_attempt(attempts, now)
        mine.update(
            attempts=attempts, last_error=repr(exc)[:2000],
            state=Message.State.PENDING if retry else Message.State.FAILED, next_attempt_at=retry or now)
        log.warning("sending message %s failed (%s attempt(s)): %r", message.pk, attempts, exc)
        return Message.State.PENDING if retry else Message.State.FAILED
    # only while the claim is still ours: a slower pass that lost its claim records nothing
    mine.update(state=Message.State.SENT, sent_at=now, attempts=message.attempts + 1)
    return Message.State.SENT


def _attach(email: EmailMultiAlternatives, attachment: str) -> None:
    """Attach what `attachment` names ("confirmation:12:1"), built by the builder its stage registered."""
    prefix, *parts = attachment.split(":")
    builder = registry.attachment_builder(prefix) if attachment else None
    if builder is None:
        return
    email.attach(*builder(*parts))


def send_due(*, now: datetime | None = None) -> dict:
    """One pass of the sender: claim, send, count."""
    counts: dict[str, int] = {}
    for message_id in claim(now=now):
        state = send_one(message_id, now=now)
        counts[state] = counts.get(state, 0) + 1
    return counts
