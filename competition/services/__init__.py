"""Writes to calls, by topic: `calls` (create, import, copy, check, move through the stages)
and `sections` (edit a draft or amend a published call, section by section).

This package's names are the services other apps call (`from competition import services`),
as `django.db.models` names what its modules define.
"""
from competition.services.calls import (
    AMENDABLE_STATES,
    BASIC_FIELDS,
    RULE_FIELDS,
    call_copy,
    call_create,
    call_import,
    call_move,
    call_publish,
    call_transition,
    call_validate,
    call_warn,
    shift_dates,
    unique_slug,
)
from competition.services.sections import (
    call_set_actions,
    call_set_formal_criteria,
    call_set_indicators,
    call_set_lpr_projects,
    call_set_merit_criteria,
    call_set_rules,
    call_set_zones,
    call_update_basics,
)

__all__ = [
    "AMENDABLE_STATES",
    "BASIC_FIELDS",
    "RULE_FIELDS",
    "call_copy",
    "call_create",
    "call_import",
    "call_move",
    "call_publish",
    "call_set_actions",
    "call_set_formal_criteria",
    "call_set_indicators",
    "call_set_lpr_projects",
    "call_set_merit_criteria",
    "call_set_rules",
    "call_set_zones",
    "call_transition",
    "call_update_basics",
    "call_validate",
    "call_warn",
    "shift_dates",
    "unique_slug",
]
