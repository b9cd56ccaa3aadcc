"""Forms of the clerk's screens for defining a call.

They turn what the clerk typed (amounts the Polish way, percentages, one item per line)
into the values the services take. Before anything is written, a section is checked
against the call's own rules (`competition.rules.parse_call_document`, the same rules
the import and publication use), and each error is put beside the field it concerns,
so a rule still lives in one place.

The package: `fields` (the fields and their formatting), `errors` (where an error
belongs), `basics` (the call's basic data), `rules` (the call's rules), `sections` (sections edited as rows) and
`criteria` (merit criteria and their parts). Everything is imported from here.
"""
from competition.forms.basics import (
    EMPTY_STRUCTURE,
    CallBasicsForm,
    ConfirmPublishForm,
    ReasonForm,
    basics_initial,
)
from competition.forms.criteria import (
    BaseCriterionPartsFormSet,
    BaseMeritFormSet,
    BaseStepFormSet,
    BaseSubcriterionFormSet,
    MeritCriterionForm,
    MeritFormSet,
    StepForm,
    StepFormSet,
    SubcriterionForm,
    SubcriterionFormSet,
    merit_initial,
    parts_initial,
)
from competition.forms.errors import Segment, add_service_errors, path_segments, rule_errors, section_of
from competition.forms.fields import (
    MAX_AMOUNT,
    LinesField,
    LocalDecimalField,
    MoneyField,
    MultilineField,
    PercentField,
    as_number,
    as_percent,
    parse_number,
)
from competition.forms.rules import CallRulesForm, rules_initial
from competition.forms.sections import (
    ActionForm,
    ActionFormSet,
    BaseActionFormSet,
    BaseFormalFormSet,
    BaseIndicatorFormSet,
    BaseLprFormSet,
    FormalCriterionForm,
    FormalFormSet,
    IndicatorForm,
    IndicatorFormSet,
    LprFormSet,
    LprProjectForm,
    SectionFormSet,
    ZonesForm,
    actions_initial,
    formal_initial,
    indicators_initial,
    lpr_initial,
)
from core.forms import error_summary  # the views use forms.error_summary

__all__ = [
    # fields
    "MAX_AMOUNT",
    "LinesField",
    "LocalDecimalField",
    "MoneyField",
    "MultilineField",
    "PercentField",
    "as_number",
    "as_percent",
    "parse_number",
    # errors
    "Segment",
    "add_service_errors",
    "error_summary",
    "path_segments",
    "rule_errors",
    "section_of",
    # basics
    "EMPTY_STRUCTURE",
    "CallBasicsForm",
    "ConfirmPublishForm",
    "ReasonForm",
    "basics_initial",
    # rules
    "CallRulesForm",
    "rules_initial",
    # sections
    "SectionFormSet",
    "ActionForm",
    "ActionFormSet",
    "BaseActionFormSet",
    "actions_initial",
    "IndicatorForm",
    "IndicatorFormSet",
    "BaseIndicatorFormSet",
    "indicators_initial",
    "ZonesForm",
    "LprProjectForm",
    "LprFormSet",
    "BaseLprFormSet",
    "lpr_initial",
    "FormalCriterionForm",
    "FormalFormSet",
    "BaseFormalFormSet",
    "formal_initial",
    # criteria
    "MeritCriterionForm",
    "MeritFormSet",
    "BaseMeritFormSet",
    "merit_initial",
    "SubcriterionForm",
    "SubcriterionFormSet",
    "BaseSubcriterionFormSet",
    "StepForm",
    "StepFormSet",
    "BaseStepFormSet",
    "BaseCriterionPartsFormSet",
    "parts_initial",
]
