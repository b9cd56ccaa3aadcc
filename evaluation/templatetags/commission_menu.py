"""The commission's entry of the main menu (templates/base.html): under it, the progress page of
each call whose commission the user chairs or is the secretary of, once the commission works.
Looked up by name when a page is rendered (`{% load commission_menu %}`), not imported, so the
apps below evaluation do not depend on it; it reads the seats the menu has already loaded."""
from django import template
from django.urls import reverse

from competition.models import Call, CommissionMember

register = template.Library()

LEADS = (CommissionMember.Role.CHAIR, CommissionMember.Role.SECRETARY)


@register.simple_tag
def progress_links(seats) -> list[tuple[str, str]]:
    """(call title, progress page) for the seats that follow the commission's progress."""
    return [(seat.call.title, reverse("chair:progress", kwargs={"slug": seat.call.slug}))
            for seat in seats or [] if seat.role in LEADS and seat.call.state in Call.COMMISSION_STAGES][:5]
