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

    NONE = "none", _("none — the authority decides between offers with the same score")
    CRITERION = "criterion", _("the higher mean score of the cost criterion")
    SUBMISSION = "submission", _("the earlier submission")


class AdminCostBase(models.TextChoices):
    """What the administrative-cost limit is a share of (the call's rule, stated in its announcement)."""

    TOTAL = "total", _("the total cost of the task, administrative costs included")
    ACTIONS = "actions", _("the value of the actions, administrative costs excluded")


class TaskForm(models.TextChoices):
    """The two forms of commissioning a public task with a grant (art. 5 ust. 4 pkt 2 and art. 16
    ust. 1 of the Act): the contract says which one it is."""

    SUPPORT = "support", _("support (wsparcie): the grant co-finances the task")
    ENTRUSTMENT = "entrustment", _("entrustment (powierzenie): the grant finances the task")


class ArrearsAnswer(models.TextChoices):
    """The two variants of an arrears statement (part VII of the offer form: "nie zalega(-ją) / zalega(-ją)")."""

    NONE = "none", _("is not in arrears")
    ARREARS = "arrears", _("is in arrears")


class Statement(models.TextChoices):
    """Statements an offer may have to contain (part VII of the offer form of the 2018 regulation,
    and the call's own conditions); the call names the ones its offers must contain."""

    STATUTORY = "statutory", _("the task is within the offeror's statutory public-benefit activity")
    FEES = "fees", _("fees from recipients are charged only within paid activity")
    # two variants each: the offeror answers "is not" or "is" in arrears; either is a statement made
    NO_TAX_ARREARS = "no_tax_arrears", _("the offeror is or is not in arrears with tax payments (one variant chosen)")
    NO_INSURANCE_ARREARS = "no_insurance_arrears", _(
        "the offeror is or is not in arrears with social-insurance contributions (one variant chosen)")
    REGISTER = "register", _("the data are consistent with the register")
    TRUE = "true", _("all information in the offer is true")
    PERSONAL_DATA = "personal_data", _("consents for processing personal data have been obtained")
    NEW_TASK = "new_task", _("the task is a new, non-cyclical undertaking and covers none of the excluded uses")
