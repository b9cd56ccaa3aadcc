"""Stage II, the merit evaluation by the commission (art. 15 of the Act).

Every commission member declares for each admitted offer whether a ground for exclusion
(KPA art. 24, the call's list) applies to them; a member with a conflict never sees that
offer. Scoring members then fill one score sheet per offer from the call's merit criteria;
an expert (advisory voice) writes an opinion only. A submitted sheet is locked; the chair
can reopen it with a recorded reason. The final score of an offer is the arithmetic mean of
the totals of its submitted sheets, fixed in a `MeritResult` when the chair closes the stage.

Every change is a `MeritEvent` row: who, when, what (and, for a changed score, old and new).
"""
from fractions import Fraction

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import limits
from core.events import Event


class Declaration(models.Model):
    """A member's impartiality declaration for one offer, naming its offerors."""

    member = models.ForeignKey("competition.CommissionMember", on_delete=models.PROTECT, related_name="declarations")
    offer = models.ForeignKey("offers.Offer", on_delete=models.PROTECT, related_name="declarations")
    conflict = models.BooleanField(_("a ground for exclusion applies"))
    grounds = models.JSONField(_("grounds that apply"), default=list, blank=True,
                               help_text="Indexes into the call's impartiality_grounds.")
    explanation = models.TextField(_("explanation"), blank=True, **limits.bounded(limits.TEXT))
    text = models.TextField(_("text of the declaration as signed"),
                            help_text="The statement as shown, with the offerors' names and the grounds.")
    declared_at = models.DateTimeField(_("declared at"))
    withdrawn_at = models.DateTimeField(_("conflict lifted at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    withdrawn_reason = models.TextField(_("why the chair lifted the conflict"), blank=True)

    class Meta:
        verbose_name = _("impartiality declaration")
        verbose_name_plural = _("impartiality declarations")
        ordering = ["offer__number", "member__pk"]
        constraints = [models.UniqueConstraint(fields=["member", "offer"], name="one_declaration_per_member_offer")]

    def __str__(self):
        return f"{self.member} — {self.offer}: {'conflict' if self.conflict else 'impartial'}"

    @property
    def excludes(self) -> bool:
        """The member may not see or score the offer."""
        return self.conflict and self.withdrawn_at is None


class ScoreSheet(models.Model):
    """One member's score sheet (karta oceny) for one offer."""

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")

    member = models.ForeignKey("competition.CommissionMember", on_delete=models.PROTECT, related_name="sheets")
    offer = models.ForeignKey("offers.Offer", on_delete=models.PROTECT, related_name="score_sheets")
    version = models.ForeignKey("offers.OfferVersion", on_delete=models.PROTECT, related_name="+",
                                help_text="The submitted version of the offer the member scored.")
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.DRAFT)
    total = models.PositiveSmallIntegerField(_("total points"), null=True, blank=True)
    opinion = models.TextField(_("opinion"), blank=True, **limits.bounded(limits.LONG_TEXT))
    revision = models.PositiveIntegerField(default=1)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()  # the audit trail (docs/audit.md)

    class Meta:
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")
        ordering = ["offer__number", "member__pk"]
        constraints = [models.UniqueConstraint(fields=["member", "offer"], name="one_sheet_per_member_offer")]

    def __str__(self):
        return f"{self.member} — {self.offer} ({self.get_state_display()})"

    @property
    def is_submitted(self) -> bool:
        return self.state == self.State.SUBMITTED


class CriterionScore(models.Model):
    """Points for one merit criterion on one sheet.

    Judgement criteria keep the points of each sub-criterion in `parts` ({sub-criterion pk:
    points}); scale criteria keep the count (`count`), the count read from the offer
    (`offer_count`) and the points the scale gives. `points` is the criterion's total.
    """

    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey("competition.MeritCriterion", on_delete=models.PROTECT, related_name="+")
    parts = models.JSONField(default=dict, blank=True)
    count = models.PositiveSmallIntegerField(null=True, blank=True)
    offer_count = models.PositiveSmallIntegerField(null=True, blank=True)
    points = models.PositiveSmallIntegerField(null=True, blank=True)
    justification = models.TextField(_("justification"), blank=True, **limits.bounded(limits.TEXT))

    history = HistoricalRecords()  # the audit trail (docs/audit.md)

    class Meta:
        verbose_name = _("criterion score")
        verbose_name_plural = _("criterion scores")
        ordering = ["criterion__position", "criterion__code"]
        constraints = [models.UniqueConstraint(fields=["sheet", "criterion"], name="one_score_per_criterion")]

    def __str__(self):
        return f"{self.criterion.code}: {self.points}"


class MeritResult(models.Model):
    """An offer's outcome of the merit evaluation, fixed when the stage closes.

    The final score is exactly `points_sum / sheet_count` (a fraction, so ties are ties and
    the ranking never rounds); `score` holds it to two places for display and PDFs.
    """

    offer = models.OneToOneField("offers.Offer", on_delete=models.PROTECT, related_name="merit_result")
    points_sum = models.PositiveIntegerField()
    sheet_count = models.PositiveSmallIntegerField()
    score = models.DecimalField(_("final score"), max_digits=7, decimal_places=2, null=True, blank=True)
    criterion_means = models.JSONField(default=dict, help_text="{criterion code: mean as a string with two places}")
    min_total = models.PositiveSmallIntegerField(null=True, blank=True)
    max_total = models.PositiveSmallIntegerField(null=True, blank=True)
    quorum = models.BooleanField(_("enough score sheets"), default=True)
    closed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("merit result")
        verbose_name_plural = _("merit results")
        ordering = ["offer__number"]

    def __str__(self):
        return f"{self.offer}: {self.score}"

    @property
    def exact(self) -> Fraction | None:
        return Fraction(self.points_sum, self.sheet_count) if self.sheet_count else None


class MeritEvent(Event):
    """Audit row of the merit evaluation."""

    class Kind(models.TextChoices):
        DECLARED = "declared", _("impartiality declared")
        CONFLICT = "conflict", _("conflict declared")
        CONFLICT_LIFTED = "conflict_lifted", _("conflict lifted by the chair")
        SAVED = "saved", _("sheet saved")
        SUBMITTED = "submitted", _("sheet submitted")
        REOPENED = "reopened", _("sheet reopened")
        CLOSED = "closed", _("merit evaluation closed")

    call = models.ForeignKey("competition.Call", on_delete=models.CASCADE, related_name="merit_events")
    offer = models.ForeignKey("offers.Offer", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey("competition.CommissionMember", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta(Event.Meta):
        verbose_name = _("merit-evaluation event")
        verbose_name_plural = _("merit-evaluation history")
