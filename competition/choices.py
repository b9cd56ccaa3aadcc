"""Closed vocabularies that the law or the portal's code defines.

Calls pick from these (which entity types are eligible, which check pre-answers a formal
criterion, which count a scale reads), so the choice is data while the meaning is code.
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


class FormalCheck(models.TextChoices):
    """Automatic checks that can pre-answer a formal criterion; the clerk confirms or overrides."""

    SUBMITTED_ON_TIME = "submitted_on_time", _("offer submitted before the submission deadline")
    CONFIRMATION_ON_TIME = "confirmation_on_time", _("confirmation delivered before the deadline")
    ELIGIBLE_ENTITY = "eligible_entity", _("offerors' legal forms among the eligible ones")
    ZONES_COVERED = "zones_covered", _("offer covers at least one revitalisation zone")


class ScaleSource(models.TextChoices):
    """Counts read from an offer that a step scale turns into points."""

    OFFERORS = "offerors", _("number of offerors")
    ZONES = "zones", _("number of urban zones")
    LPR_PROJECTS = "lpr_projects", _("number of LPR projects")


class TieBreak(models.TextChoices):
    """How offers with the same final score are ordered (stated on the ranking and in its PDF)."""

    NONE = "none", _("none — the Mayor decides between offers with the same score")
    CRITERION = "criterion", _("the higher mean score of the cost criterion")
    SUBMISSION = "submission", _("the earlier submission")
