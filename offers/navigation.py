"""The steps of an offer as its pages list them: number, label, address, problems per step."""
from django.urls import reverse
from django.utils.translation import ngettext

from offers import rules
from offers.models import Offer


def step_url(offer: Offer, section: str) -> str:
    return reverse("offers:offer_step", kwargs={"pk": offer.pk, "section": section})


def step_nav(offer: Offer, current: str, problems: list) -> list[dict]:
    items = []
    for number, section in enumerate(rules.SECTIONS, start=1):
        mine = [p.message for p in problems if p.section == section]
        items.append({
            "number": number, "section": section, "label": rules.section_label(section),
            "url": step_url(offer, section), "current": section == current, "count": len(mine), "messages": mine,
            "count_label": ngettext("%(n)s problem", "%(n)s problems", len(mine)) % {"n": len(mine)},
        })
    return items
