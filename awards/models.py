"""The authority's decision on a call: a grant per offer per action, proposed by walking the
ranking within each action's own budget, changed by the authority, locked with the order's
number and date, and corrected afterwards only with a recorded reason.

Money is `Decimal` with two places. Every change is an `AwardEvent` (who, when, what, why).
"""
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.events import Event


class Decision(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("being prepared")
        LOCKED = "locked", _("decided")

    call = models.OneToOneField("competition.Call", on_delete=models.PROTECT, related_name="decision")
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.DRAFT)
    order_number = models.CharField(_("number of the authority's order"), max_length=80, blank=True)
    order_date = models.DateField(_("date of the authority's order"), null=True, blank=True)
    proposed_at = models.DateTimeField(_("allocation proposed at"))
    locked_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    locked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    steps = models.JSONField(default=list, blank=True, help_text="The allocation walk, step by step, as proposed.")
    revision = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()  # the audit trail (docs/audit.md)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return f"{self.call}: {self.get_state_display()}"

    @property
    def is_locked(self) -> bool:
        return self.state == self.State.LOCKED


class Grant(models.Model):
    """What one offer gets for one action: requested, proposed by the walk, awarded by the authority."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="grants")
    offer = models.ForeignKey("offers.Offer", on_delete=models.PROTECT, related_name="grants")
    action = models.ForeignKey("competition.Action", on_delete=models.PROTECT, related_name="grants")
    position = models.PositiveIntegerField(_("place in the ranking"))
    requested = models.DecimalField(_("requested"), max_digits=14, decimal_places=2)
    proposed = models.DecimalField(_("proposed"), max_digits=14, decimal_places=2)
    awarded = models.DecimalField(_("awarded"), max_digits=14, decimal_places=2)
    reason = models.TextField(_("the authority's reason for the amount"), blank=True,
                              help_text="Required when the amount set differs from the proposal; published with "
                                        "the results when the offer gets less than the money left allowed.")

    history = HistoricalRecords()  # the audit trail (docs/audit.md)

    class Meta:
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        ordering = ["position", "offer__number", "action__position", "action__code"]
        constraints = [models.UniqueConstraint(fields=["offer", "action"], name="one_grant_per_offer_action")]

    def __str__(self):
        return f"{self.offer} / {self.action.code}: {self.awarded}"

    @property
    def partial(self) -> bool:
        return Decimal("0.00") < self.proposed < self.requested


class AwardEvent(Event):
    class Kind(models.TextChoices):
        PROPOSED = "proposed", _("allocation proposed")
        CHANGED = "changed", _("amounts changed")
        LOCKED = "locked", _("decision made")
        CORRECTED = "corrected", _("decision corrected")
        PUBLISHED = "published", _("results published")
        NEG_OPENED = "neg_opened", _("lower grant offered for negotiation")
        NEG_ACCEPTED = "neg_accepted", _("lower grant accepted with an updated offer")
        NEG_WITHDREW = "neg_withdrew", _("applicant resigned from the grant")
        NEG_EXPIRED = "neg_expired", _("no answer to the lower grant in time")
        NEG_CLOSED = "neg_closed", _("negotiation ended by a change of the grant")
        REALLOCATED = "reallocated", _("freed money re-allocated")
        WITHDREW = "withdrew", _("applicant withdrew from the grant awarded")
        NEG_EXTENDED = "neg_extended", _("deadline to answer a lower grant extended")

    call = models.ForeignKey("competition.Call", on_delete=models.CASCADE, related_name="award_events")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                           related_name="+", help_text="Empty: the portal itself (a deadline passed).")
    reason = models.TextField(blank=True)

    class Meta(Event.Meta):
        verbose_name = _("decision event")
        verbose_name_plural = _("decision history")
