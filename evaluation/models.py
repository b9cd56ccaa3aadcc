"""Stage I, the formal check: paper confirmations as they arrive, and one formal sheet per
submitted offer with the call's yes/no criteria, pre-answered where the portal can know.

Every answer keeps what the portal computed and why, what the clerk decided, and the reason
when the clerk departs from the computed answer or answers "no".
"""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import limits
from core.events import Event


class ConfirmationReceipt(models.Model):
    """A signed submission confirmation received at the office."""

    offer = models.ForeignKey("offers.Offer", on_delete=models.PROTECT, related_name="receipts")
    version = models.ForeignKey(
        "offers.OfferVersion", on_delete=models.PROTECT, related_name="receipts",
        help_text="The offer's version current when the receipt was recorded.",
    )
    received_at = models.DateTimeField(_("received at"))
    received_by = models.CharField(_("received by"), max_length=200)
    checksum_read = models.CharField(_("control sum read from the paper"), max_length=200)
    matches = models.BooleanField(_("control sum matches"))
    matched_version = models.PositiveSmallIntegerField(
        _("version the paper belongs to"), null=True, blank=True,
        help_text="When the paper carries an older version's control sum, its number.",
    )
    signed = models.BooleanField(_("signed by the persons authorised to represent"), default=True)
    note = models.TextField(_("note"), blank=True, **limits.bounded(limits.NOTE))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"))
    # A clerk's typing error is voided, never deleted: the entry stays in the record, struck
    # through, with who voided it, when and why, and counts no more.
    voided_at = models.DateTimeField(_("voided at"), null=True, blank=True)
    voided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True,
                                  blank=True)
    void_reason = models.TextField(_("reason for voiding"), blank=True)

    class Meta:
        verbose_name = _("confirmation receipt")
        verbose_name_plural = _("confirmation receipts")
        ordering = ["received_at", "pk"]

    def __str__(self):
        return f"{self.offer} {self.received_at:%Y-%m-%d %H:%M:%S}"

    @property
    def voided(self) -> bool:
        return self.voided_at is not None


class FormalSheet(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("to be checked")
        CONFIRMED = "confirmed", _("confirmed")
        APPROVED = "approved", _("confirmed by a second clerk")
        RETURNED = "returned", _("returned for correction")

    class Result(models.TextChoices):
        ADMITTED = "admitted", _("admitted to merit evaluation")
        REJECTED = "rejected", _("formally rejected")

    offer = models.OneToOneField("offers.Offer", on_delete=models.PROTECT, related_name="formal_sheet")
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.OPEN)
    result = models.CharField(_("result"), max_length=12, choices=Result.choices, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()  # the audit trail (docs/audit.md)

    class Meta:
        verbose_name = _("formal sheet")
        verbose_name_plural = _("formal sheets")
        ordering = ["offer__number", "pk"]

    def __str__(self):
        return f"{self.offer} ({self.get_state_display()})"


class FormalAnswer(models.Model):
    sheet = models.ForeignKey(FormalSheet, on_delete=models.CASCADE, related_name="answers")
    criterion = models.ForeignKey("competition.FormalCriterion", on_delete=models.PROTECT, related_name="+")
    auto_value = models.BooleanField(_("computed answer"), null=True, blank=True)
    auto_reason = models.TextField(_("why"), blank=True)
    value = models.BooleanField(_("answer"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True, **limits.bounded(limits.TEXT))
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("formal answer")
        verbose_name_plural = _("formal answers")
        ordering = ["criterion__position", "criterion__pk"]
        constraints = [models.UniqueConstraint(fields=["sheet", "criterion"], name="one_answer_per_criterion")]

    def __str__(self):
        return f"{self.criterion}: {self.value}"

    @property
    def overridden(self) -> bool:
        return self.auto_value is not None and self.value is not None and self.value != self.auto_value


class CorrectionRequest(models.Model):
    """The clerk returns an offer for correction of named formal defects (if the call allows it)."""

    offer = models.ForeignKey("offers.Offer", on_delete=models.PROTECT, related_name="corrections")
    sections = models.JSONField(_("sections to correct"), default=list)
    defects = models.TextField(_("formal defects"), **limits.bounded(limits.TEXT))
    deadline = models.DateTimeField(_("correct by"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField()
    resubmitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("correction request")
        verbose_name_plural = _("correction requests")
        ordering = ["-requested_at"]

    def __str__(self):
        return f"{self.offer}: {', '.join(self.sections)}"


class FormalEvent(Event):
    """Audit row of the formal check: who answered, overrode, confirmed, returned or closed what."""

    class Kind(models.TextChoices):
        RECEIPT = "receipt", _("confirmation received")
        MISMATCH = "mismatch", _("control sum does not match")
        VOIDED = "voided", _("confirmation entry voided")
        OPENED = "opened", _("formal check opened")
        ANSWERED = "answered", _("answered")
        OVERRIDDEN = "overridden", _("computed answer overridden")
        CONFIRMED = "confirmed", _("sheet confirmed")
        APPROVED = "approved", _("sheet confirmed by a second clerk")
        REOPENED = "reopened", _("sheet reopened")
        RETURNED = "returned", _("returned for correction")
        RESUBMITTED = "resubmitted", _("corrected and resubmitted")
        CLOSED = "closed", _("formal check closed")
        ANNULLED = "annulled", _("call annulled")

    call = models.ForeignKey("competition.Call", on_delete=models.CASCADE, related_name="formal_events")
    offer = models.ForeignKey("offers.Offer", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta(Event.Meta):
        verbose_name = _("formal-check event")
        verbose_name_plural = _("formal-check history")



from evaluation.models_merit import (  # noqa: E402,F401  (Stage II lives in its own module)
    CriterionScore,
    Declaration,
    MeritEvent,
    MeritResult,
    ScoreSheet,
)
