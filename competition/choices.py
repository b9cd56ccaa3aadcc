"""Closed vocabularies that the law or the portal's code defines.

Calls pick from these (which entity types are eligible, which check pre-answers a formal
criterion, which count a scale reads), so the choice is data while the meaning is code.
"""
from django.db import models
from django.utils.translation import gettext_lazy as _

from organisations.choices import LegalForm  # noqa: F401 - defined with the organisation; calls name it


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
