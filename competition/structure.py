"""The call's structure, read once per revision of the call rather than on every request.

An offer's pages, its autosave and its submission check the offer against the call's actions
(codes, budgets), their mandatory indicators, the urban zones and the LPR projects. Those are
fixed once the call is published and change only by a recorded amendment
(`competition.services.sections`), whose every edit saves the call and so moves its
`updated_at`; a draft is published by a save too. The cache key holds the call's pk and that
moment, so an edited call is read afresh by the next request that reads the call's row, and an
entry of an older revision is never read again (it only waits to expire): a stale read needs a
request that read the call row before the edit committed, and such a request saw the old call
anyway.

The cache is Django's default cache (`settings.CACHES`; with none configured, each process
keeps its own in memory, which suffices: a miss costs the three queries it saves). Entries hold
plain model instances, unpickled afresh for every request, so a request never shares an object
with another one. `attach_structure(call)` fills the call's `actions`, `zones` and
`lpr_projects` (and each action's `indicators`) as a prefetch would: the code that reads
`call.actions.all()` reads the cache without knowing it.
"""
from dataclasses import dataclass, field

from django.core.cache import cache

from competition.models import Action, Call, Indicator, RevitalisationProject, UrbanZone

KEY = "competition:call-structure:1:%s:%s"
TIMEOUT = 24 * 60 * 60  # an entry of an edited call is never read again; this only frees it


@dataclass
class CallStructure:
    actions: list[Action]
    indicators: dict[int, list[Indicator]] = field(default_factory=dict)  # action pk -> its indicators, in order
    zones: list[UrbanZone] = field(default_factory=list)
    lpr_projects: list[RevitalisationProject] = field(default_factory=list)


def structure_key(call: Call) -> str:
    """The call and the moment of its last save: every edit of the structure saves the call."""
    return KEY % (call.pk, call.updated_at.isoformat() if call.updated_at else "")


def _read(call: Call) -> CallStructure:
    actions = list(Action.objects.filter(call_id=call.pk))
    indicators: dict[int, list[Indicator]] = {a.pk: [] for a in actions}
    for indicator in Indicator.objects.filter(action__call_id=call.pk):
        indicators[indicator.action_id].append(indicator)
    return CallStructure(actions=actions, indicators=indicators,
                         zones=list(UrbanZone.objects.filter(call_id=call.pk)),
                         lpr_projects=list(RevitalisationProject.objects.filter(call_id=call.pk)))


def call_structure(call: Call) -> CallStructure:
    """The call's actions, indicators, zones and LPR projects: from the cache, or read (3 queries)."""
    key = structure_key(call)
    found = cache.get(key)
    if found is None:
        found = _read(call)
        cache.set(key, found, TIMEOUT)
    return found


def _prefetched(instance, name: str, objects: list) -> None:
    """What `prefetch_related(name)` leaves on `instance`: `instance.<name>.all()` answers `objects`."""
    queryset = getattr(instance, name).all()
    queryset._result_cache = list(objects)  # noqa: SLF001 - as Django's own prefetch fills it
    queryset._prefetch_done = True  # noqa: SLF001
    if not hasattr(instance, "_prefetched_objects_cache"):
        instance._prefetched_objects_cache = {}  # noqa: SLF001
    instance._prefetched_objects_cache[name] = queryset  # noqa: SLF001


def attach_structure(call: Call) -> Call:
    """Give `call` its structure from the cache, as if prefetched; returns the call."""
    structure = call_structure(call)
    for action in structure.actions:
        action.call = call
        indicators = structure.indicators.get(action.pk, [])
        for indicator in indicators:
            indicator.action = action
        _prefetched(action, "indicators", indicators)
    _prefetched(call, "actions", structure.actions)
    _prefetched(call, "zones", structure.zones)
    _prefetched(call, "lpr_projects", structure.lpr_projects)
    return call


def attach_structures(calls) -> None:
    """`attach_structure` for many calls (each distinct call read once)."""
    for call in {id(c): c for c in calls}.values():
        attach_structure(call)
