"""Closed vocabularies that the law or the portal's code defines.

Calls pick from these (which entity types are eligible, which check pre-answers a formal
criterion, which count a scale reads), so the choice is data while the meaning is code.
"""
from django.db import models
from django.utils.translation import gettext_lazy as _


class LegalForm(models.TextChoices):
    """Entities that may run public tasks (art. 3 ust. 2 and 3 of the Act)."""

    ASSOCIATION = "association", _("stowarzyszenie")
    ORDINARY_ASSOCIATION = "ordinary_association", _("stowarzyszenie zwykłe")
    FOUNDATION = "foundation", _("fundacja")
    CHURCH_ENTITY = "church_entity", _("kościelna osoba prawna lub jednostka organizacyjna")
    LGU_ASSOCIATION = "lgu_association", _("stowarzyszenie jednostek samorządu terytorialnego")
    SOCIAL_COOPERATIVE = "social_cooperative", _("spółdzielnia socjalna")
    NONPROFIT_COMPANY = "nonprofit_company", _("spółka non-profit (art. 3 ust. 3 pkt 4)")
    RURAL_WOMEN_CIRCLE = "rural_women_circle", _("koło gospodyń wiejskich")
    SPORTS_CLUB = "sports_club", _("klub sportowy działający jako spółka non-profit")


class FormalCheck(models.TextChoices):
    """Automatic checks that can pre-answer a formal criterion; the clerk confirms or overrides."""

    SUBMITTED_ON_TIME = "submitted_on_time", _("oferta złożona przed terminem składania ofert")
    CONFIRMATION_ON_TIME = "confirmation_on_time", _("potwierdzenie dostarczone przed terminem")
    ELIGIBLE_ENTITY = "eligible_entity", _("forma prawna oferentów wśród uprawnionych")
    ZONES_COVERED = "zones_covered", _("oferta obejmuje co najmniej jedną strefę rewitalizacji")


class ScaleSource(models.TextChoices):
    """Counts read from an offer that a step scale turns into points."""

    OFFERORS = "offerors", _("liczba oferentów")
    ZONES = "zones", _("liczba stref urbanistycznych")
    LPR_PROJECTS = "lpr_projects", _("liczba przedsięwzięć LPR")
