"""Reads of the outbox."""
from django.db.models import QuerySet

from accounts.permissions import CLERK, scoped
from notifications.models import Message


def outbox_list(user) -> QuerySet:
    """The outbox log's messages about the work of the authorities where `user` is a clerk (all
    of them for the installation's administrator); the view filters, sorts and pages them."""
    messages = Message.objects.only("kind", "email", "object_key", "due_at", "state", "attempts", "sent_at",
                                    "last_error", "authority_id")
    return scoped(messages, user, "authority_id", CLERK)


def personal_data_e_mails(user, when) -> list[dict]:
    """The user's section "e_mails" of their personal data (accounts.selectors.personal_data)."""
    return [{"subject": m.subject, "kind": m.kind, "state": m.state, "sent_at": when(m.sent_at)}
            for m in Message.objects.filter(email__iexact=user.email).order_by("due_at", "pk")]
