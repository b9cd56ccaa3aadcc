"""Reads of the outbox."""
from notifications.models import Message

OUTBOX_LIMIT = 200


def outbox_list(*, state: str = "", limit: int = OUTBOX_LIMIT) -> list[Message]:
    """The latest `limit` messages (by due moment), optionally of one state."""
    messages = Message.objects.order_by("-due_at", "-pk")
    if state:
        messages = messages.filter(state=state)
    return list(messages.only("kind", "email", "object_key", "due_at", "state", "attempts", "sent_at",
                              "last_error")[:limit])


def personal_data_e_mails(user, when) -> list[dict]:
    """The user's section "e_mails" of their personal data (accounts.selectors.personal_data)."""
    return [{"subject": m.subject, "kind": m.kind, "state": m.state, "sent_at": when(m.sent_at)}
            for m in Message.objects.filter(email__iexact=user.email).order_by("due_at", "pk")]
