"""What the clerk's call screens share: where a call's overview is, whether it may still be
edited, and the page that says it may not."""
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from competition import services
from competition.models import Call

# Form prefixes of the section screens; the validation page links errors to their fields.
PREFIXES = {
    "actions": "actions",
    "indicators": "indicators",
    "lpr": "lpr",
    "formal": "formal",
    "merit": "merit",
    "merit_parts": "parts",
}


def detail_url(call: Call, anchor: str = "") -> str:
    url = reverse("competition:manage_detail", kwargs={"slug": call.slug})
    return f"{url}#{anchor}" if anchor else url


def is_editable(call: Call) -> bool:
    return call.state in services.AMENDABLE_STATES


def is_amending(call: Call) -> bool:
    return call.state == Call.State.PUBLISHED


def form_data(request):
    return request.POST if request.method == "POST" else None


def read_only(request, call: Call, message: str = ""):
    """A call past the submission stage keeps its rules: say so plainly, with a 403."""
    if not message:
        message = _(
            "The call is at the stage “%(stage)s”: its announcement can no longer be changed. "
            "Only drafts are edited, and published calls amended until submission closes."
        ) % {"stage": call.get_state_display()}
    return render(request, "competition/manage/read_only.html", {"call": call, "message": message}, status=403)
