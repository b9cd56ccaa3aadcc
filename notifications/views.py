"""The clerk's log of the outbox: what the portal sent, is about to send, or failed to send."""
from django.shortcuts import render

from accounts.decorators import clerk_required
from notifications import selectors
from notifications.models import Message

OUTBOX_LIMIT = selectors.OUTBOX_LIMIT


@clerk_required
def outbox_list(request):
    """The latest OUTBOX_LIMIT messages (by due moment), optionally of one state (?state=failed)."""
    state = request.GET.get("state", "")
    if state not in Message.State.values:
        state = ""
    return render(request, "notifications/outbox_list.html", {
        "outbox": selectors.outbox_list(state=state), "state": state, "states": Message.State.choices,
        "limit": OUTBOX_LIMIT,
    })
