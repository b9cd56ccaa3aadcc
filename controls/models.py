"""Control of a contract (art. 17 of the Act on public benefit activity) and the return of a grant
(art. 251-252 of the public finance act) with interest "as for tax arrears".

A clerk plans a `Control` of a contract, records it as carried out with findings and
recommendations and a deadline for the grantee's answer; the grantee answers; the clerk closes it.
A `GrantReturn` is money the grantee must give back, with the day interest starts; once paid, its
interest is computed to the day from `InterestRate` (the rate table is data: a data migration holds
the historical rates, each with its source) and stored. Every step is a `ControlEvent` and in the
history tables.
"""
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import limits
from core.events import Event


class InterestRate(models.Model):
    """The yearly rate of interest on tax arrears (odsetki za zwłokę od zaległości podatkowych,
    art. 56 § 1 of the tax ordinance) from a day until the next row's day."""

    valid_from = models.DateField(_("from"), unique=True)
    rate = models.DecimalField(_("rate per year (%)"), max_digits=5, decimal_places=2)
    source = models.CharField(_("source"), max_length=300)

    class Meta:
        verbose_name = _("interest rate on tax arrears")
        verbose_name_plural = _("interest rates on tax arrears")
        ordering = ["valid_from"]

    def __str__(self):
        return f"{self.valid_from:%d.%m.%Y}: {self.rate}%"


class InterestThreshold(models.Model):
    """Interest not above this amount is not charged (art. 54 § 1 pkt 5 of the tax ordinance: three
    times the designated postal operator's fee for a registered letter), from a day on."""

    valid_from = models.DateField(_("from"), unique=True)
    amount = models.DecimalField(_("amount"), max_digits=8, decimal_places=2)
    source = models.CharField(_("source"), max_length=300)

    class Meta:
        verbose_name = _("threshold of interest not charged")
        verbose_name_plural = _("thresholds of interest not charged")
        ordering = ["valid_from"]

    def __str__(self):
        return f"{self.valid_from:%d.%m.%Y}: {self.amount}"


class Control(models.Model):
    class Scope(models.TextChoices):  # art. 17 of the Act
        PROGRESS = "progress", _("the progress of the task")
        QUALITY = "quality", _("the effectiveness, reliability and quality of the task")
        USE = "use", _("the correct use of the grant")
        DOCUMENTS = "documents", _("the keeping of the documents the contract requires")

    class State(models.TextChoices):
        PLANNED = "planned", _("planned")
        AWAITING_ANSWER = "awaiting_answer", _("carried out: awaiting the grantee's answer")
        ANSWERED = "answered", _("answered by the grantee")
        CLOSED = "closed", _("closed")

    contract = models.ForeignKey("contracts.Contract", on_delete=models.PROTECT, related_name="controls")
    number = models.PositiveSmallIntegerField(_("number"))
    scope = models.JSONField(_("scope"), default=list)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    place = models.CharField(_("place"), max_length=300)
    controllers = models.TextField(_("controllers"), **limits.bounded(limits.TEXT),
                                   help_text=_("One person a line: name and position."))
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.PLANNED)
    carried_out_on = models.DateField(_("carried out on"), null=True, blank=True)
    findings = models.TextField(_("findings"), blank=True, **limits.bounded(limits.LONG_TEXT))
    recommendations = models.TextField(_("recommendations"), blank=True, **limits.bounded(limits.TEXT))
    answer_due = models.DateField(_("answer due by"), null=True, blank=True)
    answer = models.TextField(_("the grantee's answer"), blank=True, **limits.bounded(limits.TEXT))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("control")
        verbose_name_plural = _("controls")
        ordering = ["contract", "number"]
        constraints = [models.UniqueConstraint(fields=["contract", "number"], name="control_number_unique")]

    def __str__(self):
        return f"{self.contract} – {self.number}"

    def get_absolute_url(self):
        return reverse("controls:control", kwargs={"pk": self.contract_id, "number": self.number})

    def scope_labels(self) -> list[str]:
        labels = dict(self.Scope.choices)
        return [str(labels[code]) for code in self.scope if code in labels]


class GrantReturn(models.Model):
    class Kind(models.TextChoices):
        UNSPENT = "unspent", _("not used in the spending period (art. 251 of the public finance act)")
        MISUSED = "misused", _("used against its purpose (art. 252 ust. 1 pkt 1)")
        EXCESS = "excess", _("taken unduly or in excess (art. 252 ust. 1 pkt 2)")

    contract = models.ForeignKey("contracts.Contract", on_delete=models.PROTECT, related_name="grant_returns")
    control = models.ForeignKey(Control, null=True, blank=True, on_delete=models.PROTECT, related_name="returns")
    number = models.PositiveSmallIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    amount = models.DecimalField(_("amount to return"), max_digits=14, decimal_places=2)
    reason = models.TextField(_("reason"), **limits.bounded(limits.TEXT))
    found_on = models.DateField(_("established on"))
    due_on = models.DateField(_("to be returned by"))
    interest_from = models.DateField(_("interest from"))
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    interest = models.DecimalField(_("interest"), max_digits=14, decimal_places=2, null=True, blank=True)
    demanded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    demanded_at = models.DateTimeField()
    paid_recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                         related_name="+")

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("return of the grant")
        verbose_name_plural = _("returns of the grant")
        ordering = ["contract", "number"]
        constraints = [models.UniqueConstraint(fields=["contract", "number"], name="grant_return_number_unique")]

    def __str__(self):
        return f"{self.contract} – {self.number}"


class ControlEvent(Event):
    class Kind(models.TextChoices):
        PLANNED = "planned", _("control planned")
        CARRIED_OUT = "carried_out", _("control carried out: findings and recommendations")
        ANSWERED = "answered", _("the grantee answered the recommendations")
        CLOSED = "closed", _("control closed")
        RETURN_DEMANDED = "return_demanded", _("return of the grant demanded")
        RETURN_PAID = "return_paid", _("return of the grant paid")

    contract = models.ForeignKey("contracts.Contract", on_delete=models.CASCADE, related_name="control_events")
    control = models.ForeignKey(Control, null=True, blank=True, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta(Event.Meta):
        verbose_name = _("control event")
        verbose_name_plural = _("control events")
