"""What a call's announcement lists: actions and their indicators, zones, revitalisation
projects, formal and merit criteria with their sub-criteria and point scales."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from competition.choices import FormalCheck, ScaleSource
from competition.models.call import Call
from core import limits


class Action(models.Model):
    """One action of the call (działanie) with its own budget; money never moves between actions."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="actions")
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    code = models.CharField(_("code"), max_length=10)
    title = models.CharField(_("action title"), max_length=400)
    description = models.TextField(_("description"), blank=True, **limits.bounded(limits.TEXT))
    target_groups = models.TextField(_("target groups"), blank=True, help_text=_("One group per line."), **limits.bounded(limits.NOTE))
    budget = models.DecimalField(_("budget of the action (PLN)"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["position", "code"]
        constraints = [models.UniqueConstraint(fields=["call", "code"], name="action_code_unique_in_call")]

    def __str__(self):
        return f"{self.code}. {self.title}"

    def target_group_list(self) -> list[str]:
        return [line.strip() for line in self.target_groups.splitlines() if line.strip()]


class Indicator(models.Model):
    """A mandatory result of an action with the minimum an offer must declare."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="indicators")
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("indicator name"), max_length=400)
    unit = models.CharField(_("unit"), max_length=60, default="liczba")
    minimum = models.DecimalField(_("minimum value"), max_digits=12, decimal_places=2)
    source = models.CharField(
        _("computed from the offer"), max_length=16, blank=True, choices=ScaleSource.choices,
        help_text=_("Empty: the offer declares the value. Otherwise the portal counts it from the offer's data "
                    "(e.g. the urban zones it ticks), shows it read-only and compares it with the minimum."))

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.name


class UrbanZone(models.Model):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="zones")
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("zone name"), max_length=120)

    class Meta:
        verbose_name = _("urban zone")
        verbose_name_plural = _("urban zones")
        ordering = ["position", "name"]
        constraints = [models.UniqueConstraint(fields=["call", "name"], name="zone_name_unique_in_call")]

    def __str__(self):
        return self.name


class RevitalisationProject(models.Model):
    """A project of the Local Revitalisation Programme (LPR) the call points to."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="lpr_projects")
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    code = models.CharField(_("project number"), max_length=20)
    name = models.CharField(_("description"), max_length=400, blank=True)

    class Meta:
        verbose_name = _("LPR project")
        verbose_name_plural = _("LPR projects")
        ordering = ["position", "code"]
        constraints = [models.UniqueConstraint(fields=["call", "code"], name="lpr_code_unique_in_call")]

    def __str__(self):
        return f"{self.code} {self.name}".strip()


class FormalCriterion(models.Model):
    """A yes/no question of the formal check, optionally pre-answered by a named check."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="formal_criteria")
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    question = models.CharField(_("question"), max_length=500)
    auto_check = models.CharField(
        _("automatic check"), max_length=40, choices=FormalCheck.choices, blank=True, default=""
    )

    class Meta:
        verbose_name = _("formal criterion")
        verbose_name_plural = _("formal criteria")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.question


class MeritCriterion(models.Model):
    """A merit criterion: judged by members within sub-criteria ranges, or a step scale of a count."""

    class Kind(models.TextChoices):
        JUDGEMENT = "judgement", _("scored by commission members")
        SCALE = "scale", _("point scale of a count")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="merit_criteria")
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    code = models.CharField(_("code"), max_length=10)
    title = models.CharField(_("criterion title"), max_length=400)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    source = models.CharField(
        _("source of the count"), max_length=40, choices=ScaleSource.choices, blank=True, default=""
    )
    member_confirms = models.BooleanField(
        _("commission member confirms the count"),
        default=False,
        help_text=_("The count is pre-filled from the offer, but a commission member confirms it (e.g. coherence with LPR)."),
    )

    class Meta:
        verbose_name = _("merit criterion")
        verbose_name_plural = _("merit criteria")
        ordering = ["position", "code"]
        constraints = [models.UniqueConstraint(fields=["call", "code"], name="merit_code_unique_in_call")]

    def __str__(self):
        return f"{self.code}) {self.title}"


class MeritSubcriterion(models.Model):
    criterion = models.ForeignKey(MeritCriterion, on_delete=models.CASCADE, related_name="subcriteria")
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("name"), max_length=400)
    min_points = models.PositiveSmallIntegerField(_("from (points)"), default=0)
    max_points = models.PositiveSmallIntegerField(_("to (points)"))

    class Meta:
        verbose_name = _("sub-criterion")
        verbose_name_plural = _("sub-criteria")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.name


class ScaleStep(models.Model):
    """From `min_count` upwards (until the next step) the criterion gives `points`."""

    criterion = models.ForeignKey(MeritCriterion, on_delete=models.CASCADE, related_name="steps")
    min_count = models.PositiveSmallIntegerField(_("from count"))
    points = models.PositiveSmallIntegerField(_("points"))
    label = models.CharField(_("description"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("scale step")
        verbose_name_plural = _("scale steps")
        ordering = ["min_count"]

    def __str__(self):
        return f"≥ {self.min_count}: {self.points}"
