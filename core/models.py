"""Rendered PDFs kept until the data they show change (`core.pdf.cache`).

A document is keyed by the SHA-256 of the HTML it is rendered from: the templates print no
"now", so the same stored data gives the same HTML, and any change of the data changes the
key. The PDF bytes live in the database (not in files next to the code or on one web host's
disk), so every web process behind a load balancer sees the same cache.
"""
from django.db import models
from django.utils.translation import gettext_lazy as _


class PdfDocument(models.Model):
    kind = models.CharField(max_length=40, help_text="A kind registered in core.pdf.registry (its label is there).")
    owner = models.CharField(max_length=40, help_text='Whose document: "call-12".')
    subject = models.CharField(
        max_length=40, blank=True, default="",
        help_text='Which document of the owner: empty for its own, "offer-12-v3" for an offer\'s.')
    fingerprint = models.CharField(max_length=64, help_text="SHA-256 of the HTML the PDF is rendered from.")
    content = models.BinaryField(null=True, blank=True, help_text="Empty while a worker builds it.")
    size = models.PositiveIntegerField(default=0)
    requested_at = models.DateTimeField()
    built_at = models.DateTimeField(null=True, blank=True)
    render_ms = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        db_table = "reports_pdfdocument"  # the table of the app it came from: moving it touched no row
        verbose_name = _("rendered PDF")
        verbose_name_plural = _("rendered PDFs")
        constraints = [models.UniqueConstraint(fields=["kind", "owner", "subject", "fingerprint"],
                                               name="one_pdf_per_owner_subject_and_content")]

    def __str__(self):
        return f"{self.kind} {self.owner} {self.subject} {self.fingerprint[:12]}"

    @property
    def ready(self) -> bool:
        return self.built_at is not None


class PdfChunk(models.Model):
    """One chunk of rows of a long document (`core.pdf.chunks`) while the PDF worker processes
    build its chunks at once (`core.pdf.spread`): its HTML, then its PDF. It belongs to the
    pending `PdfDocument` of that content (so to its fingerprint), and goes with it: deleted when
    the chunks are joined, or when the pending document is dropped or replaced."""

    document = models.ForeignKey(PdfDocument, on_delete=models.CASCADE, related_name="chunks")
    index = models.PositiveIntegerField(help_text="Its place in the document, from 0.")
    html = models.TextField()
    content = models.BinaryField(null=True, blank=True, help_text="Empty until a worker has rendered it.")
    pages = models.PositiveIntegerField(null=True, blank=True)
    render_ms = models.PositiveIntegerField(null=True, blank=True)
    queued_at = models.DateTimeField(null=True, blank=True, help_text="When its build task was last sent.")

    class Meta:
        verbose_name = _("chunk of a PDF being built")
        verbose_name_plural = _("chunks of PDFs being built")
        constraints = [models.UniqueConstraint(fields=["document", "index"], name="one_pdf_chunk_per_index")]

    def __str__(self):
        return f"{self.document} #{self.index}"
