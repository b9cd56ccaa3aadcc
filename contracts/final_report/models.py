"""The grantee's final report on a contract, its submitted versions, the office's reviews and its
attachments.

The models moved here from `reports` (issue 19: a document lives with the stage that owns it);
their tables kept their names (`reports_finalreport`, ...), so no row moved: see
`contracts/migrations/0004_final_report.py`. `contracts/models.py` imports them so that Django
registers them under the app label `contracts`.
"""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import limits


class FinalReport(models.Model):
    """The grantee's report on a contract (the report model of the 2018 regulation, annex 5),
    partial (a budget year of a task that runs over more than one) or final: the period it
    covers, results achieved against the planned ones, the actions carried out, costs incurred
    against the plan and by source, other revenue and the recipients' payments, the statements
    and who signs. Each submission is a `ReportVersion`; the clerk accepts it or returns it with
    comments per section (`ReportReview`). The class kept its name (and its table) from when
    there were final reports only."""

    class Kind(models.TextChoices):
        PARTIAL = "partial", _("partial")
        FINAL = "final", _("final")

    class State(models.TextChoices):
        DRAFT = "draft", _("being written")
        SUBMITTED = "submitted", _("submitted, awaiting review")
        RETURNED = "returned", _("returned for corrections")
        ACCEPTED = "accepted", _("accepted")

    contract = models.ForeignKey("contracts.Contract", on_delete=models.PROTECT, related_name="reports")
    kind = models.CharField(_("kind of report"), max_length=8, choices=Kind.choices, default=Kind.FINAL)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    due = models.DateField(_("due by"))
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.DRAFT)
    results_description = models.TextField(_("results achieved and how they were measured"), blank=True,
                                           **limits.bounded(limits.LONG_TEXT))
    execution = models.TextField(_("what was done, against the plan and schedule"), blank=True, **limits.bounded(limits.LONG_TEXT))
    other_revenue = models.TextField(_("other revenue obtained while carrying out the task"), blank=True,
                                     **limits.bounded(limits.TEXT))
    recipient_fees_info = models.TextField(_("payments collected from the recipients: on what terms, for what"),
                                           blank=True, **limits.bounded(limits.TEXT))
    other_information = models.TextField(_("other information"), blank=True, **limits.bounded(limits.TEXT))
    grant_received = models.DecimalField(_("grant received"), max_digits=14, decimal_places=2)
    # The costs incurred by source besides the grant (the grant spent is the sum of the cost rows).
    own_financial = models.DecimalField(_("own financial contribution"), max_digits=14, decimal_places=2, null=True,
                                        blank=True)
    own_personal = models.DecimalField(_("personal contribution"), max_digits=14, decimal_places=2, null=True,
                                       blank=True)
    own_in_kind = models.DecimalField(_("in-kind contribution"), max_digits=14, decimal_places=2, null=True,
                                      blank=True)
    recipient_fees = models.DecimalField(_("payments from recipients"), max_digits=14, decimal_places=2, null=True,
                                         blank=True)
    statements = models.BooleanField(_("the statements of part III are made"), default=False)
    signatories = models.TextField(_("persons signing for the grantee"), blank=True, **limits.bounded(limits.NOTE))
    revision = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    history = HistoricalRecords(table_name="reports_historicalfinalreport")

    class Meta:
        db_table = "reports_finalreport"
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["contract", "period_end", "kind"]
        constraints = [models.UniqueConstraint(fields=["contract", "kind", "period_end"], name="report_period_once")]

    def __str__(self):
        return f"{self.contract} ({self.get_kind_display()}, {self.period_end}): {self.get_state_display()}"

    @property
    def is_final(self) -> bool:
        return self.kind == self.Kind.FINAL

    @property
    def is_editable(self) -> bool:
        return self.state in (self.State.DRAFT, self.State.RETURNED)


class ReportResult(models.Model):
    report = models.ForeignKey(FinalReport, on_delete=models.CASCADE, related_name="results")
    result = models.ForeignKey("contracts.ContractResult", on_delete=models.PROTECT, related_name="+")
    achieved = models.DecimalField(_("achieved value"), max_digits=12, decimal_places=2, null=True, blank=True)
    justification = models.TextField(_("justification of the deviation"), blank=True, **limits.bounded(limits.TEXT))

    class Meta:
        db_table = "reports_reportresult"
        ordering = ["result__action__position", "result__action__code", "result__position", "result__pk"]
        constraints = [models.UniqueConstraint(fields=["report", "result"], name="report_result_once")]

    def __str__(self):
        return f"{self.result_id}: {self.achieved}"


class ReportCost(models.Model):
    report = models.ForeignKey(FinalReport, on_delete=models.CASCADE, related_name="costs")
    cost = models.ForeignKey("contracts.ContractCost", on_delete=models.PROTECT, related_name="+")
    actual_total = models.DecimalField(_("incurred in total"), max_digits=14, decimal_places=2, null=True, blank=True)
    actual_grant = models.DecimalField(_("of which from the grant"), max_digits=14, decimal_places=2, null=True,
                                       blank=True)

    class Meta:
        db_table = "reports_reportcost"
        ordering = ["cost__action__position", "cost__action__code", "cost__position", "cost__pk"]
        constraints = [models.UniqueConstraint(fields=["report", "cost"], name="report_cost_once")]

    def __str__(self):
        return f"{self.cost_id}: {self.actual_total}"


class ReportVersion(models.Model):
    """A submitted report as it was: kept for ever, whatever happens to the draft afterwards."""

    report = models.ForeignKey(FinalReport, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    data = models.JSONField()
    checksum = models.CharField(_("control sum (SHA-256)"), max_length=64)
    submitted_at = models.DateTimeField(_("submitted at"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    late = models.BooleanField(_("after the deadline"), default=False)

    class Meta:
        db_table = "reports_reportversion"
        ordering = ["report", "number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="report_version_unique")]

    def __str__(self):
        return f"{self.report} v{self.number}"


class ReportReview(models.Model):
    class Outcome(models.TextChoices):
        RETURNED = "returned", _("returned for corrections")
        ACCEPTED = "accepted", _("accepted")

    version = models.OneToOneField(ReportVersion, on_delete=models.PROTECT, related_name="review")
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices)
    comments = models.JSONField(default=dict, blank=True, help_text='{section: comment}')
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        db_table = "reports_reportreview"

    def __str__(self):
        return f"{self.version}: {self.get_outcome_display()}"


class ReportAttachment(models.Model):
    """A document attached to the final report (invoices' list, attendance lists, photographs):
    PDF or image, checked by content like the offer's attachments, stored privately."""

    report = models.ForeignKey(FinalReport, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="reports/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    description = models.CharField(_("description"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField()

    class Meta:
        db_table = "reports_reportattachment"
        verbose_name = _("attachment to the report")
        verbose_name_plural = _("attachments to the report")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name
