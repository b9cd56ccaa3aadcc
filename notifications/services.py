"""Writes of the outbox: plan reminders (recipients computed from the database at that
moment), queue event messages, and send what is due, once.

Sending is at-least-once per claimed row and once-only per row: a row is claimed by one
worker (`SKIP LOCKED`), sent, and marked sent in a second short transaction. If a worker
dies between the SMTP hand-over and that mark, the row is reclaimed after CLAIM_TIMEOUT and
may be sent a second time: that window is the only possible duplicate (docs/notifications.md).
"""
import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from accounts.models import User
from competition.models import Call
from notifications import commission, rules
from notifications.models import Message
from offers.models import Offer, OfferVersion
from offers.documents import confirmation_pdf_bytes

log = logging.getLogger(__name__)


def _now() -> datetime:
    return timezone.now()


def _link(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def queue(*, kind: str, users, object_key: str, subject: str, text: str, url: str = "", due_at=None,
          attachment: str = "", legal: bool = False, html: bool = True) -> int:
    """Queue one message per user (inside the caller's transaction). Reminders respect the
    user's choice; legal notices (`legal=True`) always go. `html=False`: plain text only (a
    message quoting names users typed, so that no HTML version can make them links).
    Returns how many rows were new."""
    due_at = due_at or _now()
    rows = []
    for user in users:
        if not legal and not user.reminders_enabled:
            continue
        context = {"user": user, "subject": subject, "text": text, "link": _link(url) if url else "",
                   "operator": settings.PORTAL_OPERATOR}
        rows.append(Message(kind=kind, user=user, email=user.email, object_key=object_key, due_at=due_at,
                            subject=subject, body=render_to_string("notifications/email.txt", context),
                            body_html=render_to_string("notifications/email.html", context) if html else "",
                            attachment=attachment, next_attempt_at=due_at))
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


def offer_members(offer: Offer):
    orgs = [offer.organisation_id, *offer.partners.values_list("organisation_id", flat=True)]  # accepted only
    return User.objects.filter(memberships__organisation_id__in=orgs, is_active=True).distinct()


def notify_offerors(offer: Offer, *, kind: str, object_key: str, title: str, body: str, url: str) -> None:
    """A dashboard notice and an e-mail (a legal notice: always sent) to every member of every
    offeror of `offer`, in the caller's transaction."""
    from accounts.models import Notice

    users = list(offer_members(offer))
    Notice.objects.bulk_create(Notice(user=u, title=title, body=body, url=url) for u in users)
    queue(kind=kind, users=users, object_key=object_key, subject=title, text=f"{title}\n\n{body}", url=url,
          legal=True)


# --- reminders ----------------------------------------------------------------------------------


def plan_reminders(*, now: datetime | None = None) -> int:
    """Create the reminders due now; safe to run any number of times, concurrently too."""
    now = now or _now()
    created = 0
    with override(settings.LANGUAGE_CODE):
        for call in Call.objects.filter(state=Call.State.PUBLISHED, submission_deadline__gt=now):
            for kind, before in rules.SUBMISSION_REMINDERS:
                moment = rules.due_now(call.submission_deadline, before, now)
                if moment:
                    created += _submission_reminders(call, kind, moment)
        open_confirmation = Call.objects.filter(
            state__in=(Call.State.PUBLISHED, Call.State.SUBMISSION_CLOSED, Call.State.FORMAL_CHECK),
            confirmation_deadline__gt=now)
        for call in open_confirmation:
            for kind, before in rules.CONFIRMATION_REMINDERS:
                moment = rules.due_now(call.confirmation_deadline, before, now)
                if moment:
                    created += _confirmation_reminders(call, kind, moment)
        for p in [*commission.planned(now), *_negotiation_reminders(now), *_report_reminders(now)]:
            created += queue(kind=p.kind, users=p.users, object_key=p.object_key, subject=p.subject, text=p.text,
                             url=p.url, due_at=p.due_at)
    return created


def _submission_reminders(call: Call, kind: str, moment: datetime) -> int:
    """Members of organisations with an unsubmitted draft in the call."""
    drafts = Offer.objects.filter(call=call, state=Offer.State.DRAFT)  # never for withdrawn offers
    deadline = timezone.localtime(call.submission_deadline).strftime("%d.%m.%Y %H:%M")
    created = 0
    for offer in drafts.select_related("organisation"):
        subject = _("Reminder: offers in “%(call)s” are due by %(deadline)s") % {"call": call.title[:120],
                                                                                  "deadline": deadline}
        text = _("Your offer “%(title)s” has not been submitted yet. The submission deadline is %(deadline)s; "
                 "after it the offer cannot be submitted.") % {"title": offer.title or offer.pk, "deadline": deadline}
        created += queue(kind=kind, users=offer_members(offer), object_key=f"offer:{offer.pk}", subject=subject,
                         text=text, url=reverse("offers:offer_detail", kwargs={"pk": offer.pk}), due_at=moment)
    return created


def _negotiation_reminders(now: datetime) -> list[commission.Planned]:
    """Offerors who have not answered a lower grant yet, 3 days and 1 day before the deadline."""
    out = []
    for offer in Offer.objects.filter(state=Offer.State.NEGOTIATION, fixed_until__gt=now):
        for kind, before in rules.NEGOTIATION_REMINDERS:
            moment = rules.due_now(offer.fixed_until, before, now)
            if not moment:
                continue
            deadline = timezone.localtime(offer.fixed_until).strftime("%d.%m.%Y %H:%M")
            subject = _("Reminder: answer the lower grant for offer %(number)s by %(deadline)s") % {
                "number": offer.number, "deadline": deadline}
            text = _("The Mayor awarded the offer “%(title)s” less than it asked for. By %(deadline)s submit the "
                     "offer updated to the awarded grant, or resign from the grant on the offer's page; without an "
                     "answer the offer is treated as resigned.") % {"title": offer.title, "deadline": deadline}
            out.append(commission.Planned(kind, list(offer_members(offer)), f"offer:{offer.pk}", subject, text,
                                          reverse("offers:offer_detail", kwargs={"pk": offer.pk}), moment))
    return out


REPORT_OPEN = ("draft", "returned")


def _report_reminders(now: datetime) -> list[commission.Planned]:
    """Grantees whose final report is not submitted: 14 and 3 days before it is due, and the
    day after, when it is overdue."""
    from contracts.models import Contract

    today = timezone.localdate(now)
    out = []
    window = Contract.objects.filter(report_due__gte=today - timedelta(days=1), report_due__lte=today + timedelta(days=14))
    for contract in window.select_related("offer", "report"):
        report = getattr(contract, "report", None)
        if report is not None and report.state not in REPORT_OPEN:
            continue
        for kind, days in rules.REPORT_REMINDERS:
            moment = rules.report_reminder_now(contract.report_due, days, now)
            if not moment:
                continue
            values = {"number": contract.number, "due": contract.report_due.strftime("%d.%m.%Y"),
                      "title": contract.offer.title}
            if days < 0:
                subject = _("The final report on contract %(number)s is overdue (it was due on %(due)s)") % values
                text = _("The final report on the task “%(title)s” was due on %(due)s and has not been submitted. "
                         "Submit it as soon as possible; a late report is recorded as late.") % values
            else:
                subject = _("Reminder: the final report on contract %(number)s is due by %(due)s") % values
                text = _("Submit the final report on the task “%(title)s” by %(due)s: what was done, the results "
                         "achieved and the costs incurred.") % values
            out.append(commission.Planned(kind, list(offer_members(contract.offer)), f"contract:{contract.pk}",
                                          subject, text, reverse("final_report:report", kwargs={"pk": contract.pk}),
                                          moment))
    return out


def report_still_open(contract_pk: int, user_id: int | None) -> bool:
    """A final-report reminder still applies: the report is not submitted and the user still
    acts for one of the offerors."""
    from contracts.models import Contract

    contract = Contract.objects.filter(pk=contract_pk).select_related("offer", "report").first()
    if contract is None:
        return False
    report = getattr(contract, "report", None)
    if report is not None and report.state not in REPORT_OPEN:
        return False
    return user_id is None or offer_members(contract.offer).filter(pk=user_id).exists()


def _confirmation_reminders(call: Call, kind: str, moment: datetime) -> int:
    """Offerors whose signed confirmation of the current version is not recorded yet."""
    deadline = timezone.localtime(call.confirmation_deadline).strftime("%d.%m.%Y %H:%M")
    created = 0
    for offer in Offer.objects.filter(call=call, state=Offer.State.SUBMITTED).prefetch_related("receipts"):
        if any(r.matches and r.voided_at is None for r in offer.receipts.all()):
            continue
        subject = _("Reminder: deliver the signed confirmation of offer %(number)s by %(deadline)s") % {
            "number": offer.number, "deadline": deadline}
        text = _("The office has not recorded the signed confirmation of offer %(number)s yet. Deliver it to: "
                 "%(address)s by %(deadline)s; the date of receipt decides.") % {
            "number": offer.number, "address": call.confirmation_address, "deadline": deadline}
        created += queue(kind=kind, users=offer_members(offer), object_key=f"offer:{offer.pk}", subject=subject,
                         text=text, url=reverse("offers:offer_detail", kwargs={"pk": offer.pk}), due_at=moment)
    return created


# --- sending ----------------------------------------------------------------------------------------


def still_applies(message: Message) -> bool:
    """Checked again just before sending: nothing goes out for a withdrawn or submitted
    draft, a closed call, a user who left the organisation or turned reminders off."""
    kind = message.kind
    if message.user_id and not message.user.is_active:
        return False
    if message.user_id and kind not in Message.LEGAL_KINDS and not message.user.reminders_enabled:
        return False
    if message.object_key.startswith("seat:") or message.kind == Message.Kind.COMMISSION_COMPLETE:
        return commission.still_applies(message)
    if message.object_key.startswith("invitation:"):
        return invitation_pending(int(message.object_key.split(":")[1]))
    if message.object_key.startswith("contract:") and kind.startswith("report_"):
        return report_still_open(int(message.object_key.split(":")[1]), message.user_id)
    if not message.object_key.startswith("offer:"):
        return True
    offer = Offer.objects.filter(pk=int(message.object_key.split(":")[1])).select_related("call").first()
    if offer is None:
        return False
    if message.user_id and not offer_members(offer).filter(pk=message.user_id).exists():
        return False
    if kind.startswith("submission_"):
        return offer.state == Offer.State.DRAFT and offer.call.state == Call.State.PUBLISHED
    if kind.startswith("negotiation_"):
        return offer.state == Offer.State.NEGOTIATION and offer.fixed_until is not None and offer.fixed_until > _now()
    if kind.startswith("confirmation_"):
        return offer.state == Offer.State.SUBMITTED and not offer.receipts.filter(matches=True).exists()
    return True


def invitation_pending(pk: int) -> bool:
    """An invitation is sent only while it can still be accepted."""
    from offers.models import Invitation
    from offers.selectors_organisation import INVITATION_VALID_FOR

    return Invitation.objects.filter(pk=pk, accepted_at__isnull=True,
                                     created_at__gt=_now() - INVITATION_VALID_FOR).exists()


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
        email = EmailMultiAlternatives(message.subject, message.body, None, [message.email])
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
    if not attachment.startswith("confirmation:"):
        return
    _kind, offer_pk, number = attachment.split(":")
    version = OfferVersion.objects.select_related("offer__call").get(offer_id=offer_pk, number=number)
    email.attach(f"potwierdzenie-oferty-{version.offer.number}-v{version.number}.pdf",
                 confirmation_pdf_bytes(version), "application/pdf")


def send_due(*, now: datetime | None = None) -> dict:
    """One pass of the sender: claim, send, count."""
    counts: dict[str, int] = {}
    for message_id in claim(now=now):
        state = send_one(message_id, now=now)
        counts[state] = counts.get(state, 0) + 1
    return counts
