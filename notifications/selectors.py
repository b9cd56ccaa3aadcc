"""Reads of the outbox."""
from django.db.models import QuerySet

from notifications.models import Message


def outbox_list() -> QuerySet:
    """The outbox log's messages (the view filters, sorts and pages them), only the columns shown."""
    return Message.objects.only("kind", "email", "object_key", "due_at", "state", "attempts", "sent_at", "last_error")


def personal_data_e_mails(user, when) -> list[dict]:
    """The user's section "e_mails" of their personal data (accounts.selectors.personal_data)."""
    return [{"subject": m.subject, "kind": m.kind, "state": m.state, "sent_at": when(m.sent_at)}
            for m in Message.objects.filter(email__iexact=user.email).order_by("due_at", "pk")]
