"""The legal forms an organisation may have: the entities that may run public tasks.

Defined here, with the organisation that has one; calls name the eligible ones
(`competition.choices` re-exports it).
"""
from django.db import models
from django.utils.translation import gettext_lazy as _


class LegalForm(models.TextChoices):
    """Entities that may run public tasks (art. 3 ust. 2 and 3 of the Act)."""

    ASSOCIATION = "association", _("association")
    ORDINARY_ASSOCIATION = "ordinary_association", _("ordinary association")
    FOUNDATION = "foundation", _("foundation")
    CHURCH_ENTITY = "church_entity", _("church legal person or organisational unit")
    LGU_ASSOCIATION = "lgu_association", _("association of local government units")
    SOCIAL_COOPERATIVE = "social_cooperative", _("social cooperative")
    NONPROFIT_COMPANY = "nonprofit_company", _("non-profit company (art. 3(3)(4))")
    RURAL_WOMEN_CIRCLE = "rural_women_circle", _("rural women's circle")
    SPORTS_CLUB = "sports_club", _("sports club run as a non-profit company")
