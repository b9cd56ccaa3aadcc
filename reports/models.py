"""Rendered PDFs kept until the data they show changes.

A document is keyed by the SHA-256 of the HTML it is rendered from: the templates print no
"now", so the same stored data gives the same HTML, and any change of the data changes the
key. The PDF bytes live in the database (not in files next to the code or on one web host's
disk), so every web process behind a load balancer sees the same cache.
"""
from django.db import models
from django.utils.translation import gettext_lazy as _


class PdfDocument(models.Model):
    class Kind(models.TextChoices):
        RESULTS = "results", _("results announcement")
        RANKING = "ranking", _("ranking")
        PROTOCOL = "protocol", _("protocol of the commission")
        OFFER = "offer", _("offer")
        CONFIRMATION = "confirmation", _("submission confirmation")
        FINAL_REPORT = "final_report", _("final report")

    kind = models.CharField(max_length=16, choices=Kind.choices)
    call = models.ForeignKey("competition.Call", on_delete=models.CASCADE, related_name="pdf_documents")
    subject = models.CharField(
        max_length=40, blank=True, default="",
        help_text='Which document of the call: empty for the call\'s own, "offer-12-v3" for an offer\'s.')
    fingerprint = models.CharField(max_length=64, help_text="SHA-256 of the HTML the PDF is rendered from.")
    content = models.BinaryField(null=True, blank=True, help_text="Empty while a worker builds it.")
    size = models.PositiveIntegerField(default=0)
    requested_at = models.DateTimeField()
    built_at = models.DateTimeField(null=True, blank=True)
    render_ms = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("rendered PDF")
        verbose_name_plural = _("rendered PDFs")
        constraints = [models.UniqueConstraint(fields=["kind", "call", "subject", "fingerprint"],
                                               name="one_pdf_per_subject_and_content")]

    def __str__(self):
        return f"{self.kind} {self.call_id} {self.subject} {self.fingerprint[:12]}"

    @property
    def ready(self) -> bool:
        return self.built_at is not None
