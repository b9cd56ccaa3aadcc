""""Czeka na mnie": what waits for a person in each of their roles, per call, with its deadline.

The stages fill it (`accounts.registry.register_work`); accounts knows none of them. An item is
one kind of work in one call ("3 score sheets to submit"), already worded with the plural form
its count needs; a section is one role's items with a link to that role's own pages.
"""
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone

from accounts import registry


@dataclass
class WorkItem:
    call_title: str
    text: str  # e.g. "3 score sheets to submit", through ngettext
    url: str
    count: int
    deadline: datetime | None = None
    deadline_label: str = ""  # what the deadline is for, e.g. "scoring deadline"


@dataclass
class WorkSection:
    key: str
    title: str
    items: list[WorkItem] = field(default_factory=list)
    link_url: str = ""
    link_label: str = ""
    empty_text: str = ""


def work_for(user, now: datetime | None = None) -> list[WorkSection]:
    """Every role's section the user has, in the registry's order, the items of the stages that
    fill one role merged; the nearest deadline first within a section, items without one last."""
    now = now or timezone.now()
    sections = []
    for _name, providers in registry.work_providers():
        section = None
        for provider in providers:
            part = provider(user, now)
            if part is None:
                continue
            if section is None:
                section = part
            else:
                section.items.extend(part.items)
        if section is not None:
            section.items.sort(key=lambda item: (item.deadline is None, item.deadline or now))
            sections.append(section)
    return sections
