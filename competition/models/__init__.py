"""A call for offers and everything its announcement fixes, all of it data.

Nothing in the code knows a particular call: limits, actions, indicators, zones,
criteria and point scales are rows here, so another city's call needs no code change.
Django finds an app's models in `competition.models`; the modules are `call`, `structure`
(what the announcement lists), `commission`, `events` and `publication`.
"""
from competition.models.call import (
    IMPARTIALITY_GROUNDS,
    Call,
    CallQuerySet,
    default_impartiality_grounds,
    default_required_statements,
)
from competition.models.commission import CommissionMember
from competition.models.events import CallEvent
from competition.models.publication import PublicationEntry
from competition.models.structure import (
    Action,
    FormalCriterion,
    Indicator,
    MeritCriterion,
    MeritSubcriterion,
    RevitalisationProject,
    ScaleStep,
    UrbanZone,
)

__all__ = [
    "IMPARTIALITY_GROUNDS",
    "Action",
    "Call",
    "CallEvent",
    "CallQuerySet",
    "CommissionMember",
    "FormalCriterion",
    "Indicator",
    "MeritCriterion",
    "MeritSubcriterion",
    "PublicationEntry",
    "RevitalisationProject",
    "ScaleStep",
    "UrbanZone",
    "default_impartiality_grounds",
    "default_required_statements",
]
