"""What the apps above accounts tell it when they start (`AppConfig.ready()`), so that accounts
imports none of them (docs/architecture.md, "Apps stack in one order").

Personal data (RODO art. 15 and 20, `accounts.selectors.personal_data`): each app that keeps
something about a person registers a section, `provider(user, when) -> plain data`, where
`when` turns a moment into ISO text (or None). The sections appear in the export in the order
of PERSONAL_DATA_SECTIONS (the file's format, which people keep), then any others.
"""
from collections.abc import Callable

PERSONAL_DATA_SECTIONS = ("account", "organisations", "offers_worked_on", "commission_seats", "declarations",
                          "score_sheets", "notices", "e_mails")

_personal_data: dict[str, Callable] = {}


def register_personal_data(section: str, provider: Callable) -> None:
    _personal_data[section] = provider


def personal_data_providers() -> list[tuple[str, Callable]]:
    """(section, provider) in the order of the export."""
    known = [(name, _personal_data[name]) for name in PERSONAL_DATA_SECTIONS if name in _personal_data]
    return known + [(name, p) for name, p in _personal_data.items() if name not in PERSONAL_DATA_SECTIONS]


# "Czeka na mnie" (`accounts.work.work_for`): each stage registers what waits for a person in one
# of their roles, `provider(user, now) -> accounts.work.WorkSection | None` (None: the user does not
# hold that role). Several stages may fill one role's section (the clerk's formal check and
# publication); the sections appear in the order of WORK_SECTIONS, then any others.
WORK_SECTIONS = ("applicant", "member", "chair", "clerk", "authority")

_work: dict[str, list[Callable]] = {}


def register_work(section: str, provider: Callable) -> None:
    if provider not in _work.setdefault(section, []):
        _work[section].append(provider)


def work_providers() -> list[tuple[str, list[Callable]]]:
    known = [(name, _work[name]) for name in WORK_SECTIONS if name in _work]
    return known + [(name, p) for name, p in _work.items() if name not in WORK_SECTIONS]
