"""After the award: the contract for a funded offer, its budget and results as signed, and the
changes the grantee asks for during the task (recorded at once, or with the authority's consent and
an annex).

The contract keeps its own budget (`ContractCost`) and results (`ContractResult`), copied from
the offer as submitted last (after a negotiation, the updated offer): changes amend these rows,
never the submitted offer, which stays the contract's annex as it was signed. Money is
`Decimal` with two places. Every change is a `ContractEvent` and in the history tables.

The final report's models live in `contracts/final_report/models.py`; they are imported here so
that Django registers them under this app's label.
"""
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from contracts.final_report.models import (  # noqa: F401 (registered under the app label "contracts")
    FinalReport,
    ReportAttachment,
    ReportCost,
    ReportResult,
    ReportReview,
    ReportVersion,
)
from contracts.termination.models import Termination  # noqa: F401 (registered under the app label "contracts")
from core import limits
from core.events import Event

ZERO = Decimal("0.00")


class Contract(models.Model):
    offer = models.OneToOneField("offers.Offer", on_delete=models.PROTECT, related_name="contract")
    call = models.ForeignKey("competition.Call", on_delete=models.PROTECT, related_name="contracts")
    version = models.ForeignKey("offers.OfferVersion", on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("the offer as signed (annex)"))
    number = models.CharField(_("contract number"), max_length=80, unique=True)
    signed_on = models.DateField(_("date of the contract"))
    place = models.CharField(_("place of signing"), max_length=120)
    start_date = models.DateField(_("start of the task"))
    end_date = models.DateField(_("end of the task"))
    spending_from = models.DateField(
        _("grant-funded costs from"),
        help_text=_("Costs paid from the grant are incurred from this day to the end of the task; never before "
                    "the contract is signed."))
    spending_until = models.DateField(
        _("grant-funded costs until"), null=True, blank=True,
        help_text=_("The last day of the grant's spending period; empty: the end of the task."))
    office_contact = models.CharField(_("contact person of the authority"), max_length=300, blank=True,
                                      help_text=_("Name, phone, e-mail."))
    grantee_contact = models.CharField(_("contact person of the grantee"), max_length=300, blank=True,
                                       help_text=_("Name, phone, e-mail."))
    report_due = models.DateField(_("final report due"))
    partial_report_days = models.PositiveSmallIntegerField(
        _("partial report due (days after the end of a budget year)"), default=31,
        help_text=_("A task that runs over more than one budget year is reported on each year but the last; "
                    "31: by 31 January of the next year."))
    grant_total = models.DecimalField(_("grant"), max_digits=14, decimal_places=2)
    bank_account = models.CharField(_("bank account for the grant"), max_length=34)
    payments = models.JSONField(_("payment schedule"), default=list,
                                help_text='[{"due": "2019-07-15", "amount": "12000.00"}, …]')
    revision = models.PositiveIntegerField(default=1, help_text="Incremented by every change of the budget or results.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    history = HistoricalRecords()  # the audit trail (docs/audit.md)

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        ordering = ["call", "offer__number"]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("contracts:contract", kwargs={"pk": self.pk})

    @property
    def grant_spending_until(self):
        """The last day grant-funded costs may be incurred: the contract's, or the end of the task."""
        return self.spending_until or self.end_date

    @property
    def report(self):
        """The final report, or None while it is not started (every report: `reports`; prefetch
        them in lists)."""
        return next((r for r in self.reports.all() if r.kind == "final"), None)


class ContractCost(models.Model):
    """A cost item of the contract's budget (section V.A of the offer, as amended)."""

    class Kind(models.TextChoices):
        SUBSTANTIVE = "substantive", _("cost of the action")
        ADMINISTRATIVE = "administrative", _("administrative cost")

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="costs")
    action = models.ForeignKey("competition.Action", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("cost"), max_length=300)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.SUBSTANTIVE)
    total = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    grant = models.DecimalField(_("from the grant"), max_digits=14, decimal_places=2)
    added_by_change = models.ForeignKey("ChangeRequest", null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="+")

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contract cost item")
        verbose_name_plural = _("contract cost items")
        ordering = ["action__position", "action__code", "position", "pk"]

    def __str__(self):
        return self.name

    @property
    def own(self) -> Decimal:
        return self.total - self.grant


class ContractResult(models.Model):
    """A result the grantee committed to: an indicator of the call, or a result of its own."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="results")
    action = models.ForeignKey("competition.Action", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("result"), max_length=400)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    value = models.DecimalField(_("declared value"), max_digits=12, decimal_places=2)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contract result")
        verbose_name_plural = _("contract results")
        ordering = ["action__position", "action__code", "position", "pk"]

    def __str__(self):
        return self.name


class ChangeRequest(models.Model):
    class State(models.TextChoices):
        RECORDED = "recorded", _("recorded (no consent needed)")
        PENDING = "pending", _("awaiting the authority's consent")
        APPROVED = "approved", _("consented: annex signed")
        REFUSED = "refused", _("consent refused")

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="changes")
    number = models.PositiveSmallIntegerField(_("number"))
    state = models.CharField(_("state"), max_length=12, choices=State.choices)
    justification = models.TextField(_("justification"), **limits.bounded(limits.TEXT))
    proposal = models.JSONField(help_text='{"costs": [{"key", "action", "name", "kind", "total", "grant"}], '
                                          '"results": {"id": "value"}}')
    findings = models.JSONField(default=list, help_text='[{"message": "...", "needs_consent": true}]')
    base_revision = models.PositiveIntegerField(help_text="The contract's revision the proposal was made against.")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("requested at"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("note on the decision"), blank=True, **limits.bounded(limits.TEXT))
    annex_number = models.CharField(_("annex"), max_length=200, blank=True)
    annex_sequence = models.PositiveSmallIntegerField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("change request")
        verbose_name_plural = _("change requests")
        ordering = ["contract", "number"]
        constraints = [models.UniqueConstraint(fields=["contract", "number"], name="change_number_unique")]

    def __str__(self):
        return f"{self.contract} #{self.number}"

    @property
    def needs_consent(self) -> bool:
        return any(f.get("needs_consent") for f in self.findings)


class ContractEvent(Event):
    class Kind(models.TextChoices):
        SIGNED = "signed", _("contract recorded")
        CHANGE_RECORDED = "change_recorded", _("change recorded")
        CHANGE_REQUESTED = "change_requested", _("change awaiting consent")
        CHANGE_APPROVED = "change_approved", _("change consented, annex")
        CHANGE_REFUSED = "change_refused", _("change refused")
        REPORT_ATTACHMENT = "report_attachment", _("document attached to a report")
        REPORT_SUBMITTED = "report_submitted", _("report submitted")
        REPORT_RETURNED = "report_returned", _("report returned for corrections")
        REPORT_ACCEPTED = "report_accepted", _("report accepted")
        TERMINATED = "terminated", _("contract ended early")

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
