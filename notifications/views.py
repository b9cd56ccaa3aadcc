"""The clerk's log of the outbox: what the portal sent, is about to send, or failed to send."""
from django.shortcuts import render

from competition.decorators import clerk_required
from notifications.models import Message

OUTBOX_LIMIT = 200


@clerk_required
def outbox_list(request):
    """The latest OUTBOX_LIMIT messages (by due moment), optionally of one state (?state=failed)."""
    state = request.GET.get("state", "")
    if state not in Message.State.values:
        state = ""
    messages = Message.objects.order_by("-due_at", "-pk")
    if state:
        messages = messages.filter(state=state)
    messages = messages.only("kind", "email", "object_key", "due_at", "state", "attempts", "sent_at",
                             "last_error")[:OUTBOX_LIMIT]
    return render(request, "notifications/outbox_list.html", {
        "outbox": list(messages), "state": state, "states": Message.State.choices, "limit": OUTBOX_LIMIT,
    })
