"""What the apps above add to an organisation's page, registered when they start.

Organisations sit below the stages of the competition and import none of them. A stage with
something to show on the organisation's page (offers: the joint offers waiting for the
organisation's answer) registers a section in its `AppConfig.ready()`: a template and a
function of the organisation that gives the template its `section` (docs/architecture.md).
"""
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PageSection:
    template: str
    context: Callable  # (organisation) -> dict, the included template's `section`


_page_sections: dict[str, PageSection] = {}


def register_page_section(name: str, *, template: str, context: Callable) -> None:
    """Sections are shown in the order they were registered; registering a name again replaces it."""
    _page_sections[name] = PageSection(template=template, context=context)


def page_sections(organisation) -> list[tuple[str, dict]]:
    """(template, section) of every registered section, for `organisation`."""
    return [(s.template, s.context(organisation)) for s in _page_sections.values()]
