"""The offer form's sections, its required texts and statements, and a problem found in it.

A problem names the rule's message and the place in the form (`section`, `field`) so the
offer page can link to it.
"""
from dataclasses import dataclass

from django.utils.translation import gettext_lazy

# Sections of the offer form, in order; the checklist links to them.
SECTIONS = (
    "basics",
    "offerors",
    "description",
    "actions",
    "indicators",
    "schedule",
    "zones",
    "resources",
    "costs",
    "other",
    "statements",
)

SECTION_LABELS = {
    "basics": gettext_lazy("Basic information"),
    "offerors": gettext_lazy("Offerors"),
    "description": gettext_lazy("Description of the task"),
    "actions": gettext_lazy("Actions"),
    "indicators": gettext_lazy("Results and indicators"),
    "schedule": gettext_lazy("Plan and schedule"),
    "zones": gettext_lazy("Zones and LPR projects"),
    "resources": gettext_lazy("Resources"),
    "costs": gettext_lazy("Costs"),
    "other": gettext_lazy("Other information"),
    "statements": gettext_lazy("Statements"),
}

STATEMENTS = (
    "st_statutory",
    "st_fees",
    "st_no_tax_arrears",
    "st_no_insurance_arrears",
    "st_register",
    "st_true",
    "st_personal_data",
    "st_new_task",
)

# Statements answered in one of two variants, and the offer's field holding the chosen one; the
# statement counts as made once a variant is chosen (either one: "zalega" is an answer too).
STATEMENT_VARIANTS = {
    "st_no_tax_arrears": "tax_arrears",
    "st_no_insurance_arrears": "insurance_arrears",
}

REQUIRED_TEXTS = {
    "title": "basics",
    "synthetic_description": "description",
    "target_groups": "description",
    "direct_effects": "description",
    "social_change": "description",
    "durability": "description",
    "experience": "resources",
    "resources": "resources",
}


@dataclass(frozen=True)
class Problem:
    section: str
    message: str
    field: str = ""


def section_label(section: str) -> str:
    return str(SECTION_LABELS.get(section, section))
