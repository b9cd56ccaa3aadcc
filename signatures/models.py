"""Confirmations signed electronically: every uploaded file is kept with what its verification
found (`result`, see `signatures.verify`) and the verification report PDF, whether it was
accepted or refused, so a refusal can be shown and checked later."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.events import Event
from offers.models import Offer, OfferVersion


class SignedConfirmation(models.Model):
    class Kind(models.TextChoices):
        PADES = "pades", _("signed PDF (PAdES)")
        XADES = "xades", _("XML signature (XAdES)")
        UNKNOWN = "unknown", _("not a signature")

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="signed_confirmations")
    version = models.ForeignKey(OfferVersion, on_delete=models.PROTECT, related_name="signed_confirmations")
    file = models.FileField(upload_to="signed/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded at"))
    accepted = models.BooleanField(_("accepted"), default=False,
                                   help_text="At least one valid, trusted signature over exactly this version.")
    result = models.JSONField(_("verification result"), default=dict)
    report = models.FileField(upload_to="signed/reports/%Y/%m/", blank=True)

    class Meta:
        verbose_name = _("signed confirmation")
        verbose_name_plural = _("signed confirmations")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return f"{self.original_name} ({self.get_kind_display()})"


class SignatureEvent(Event):
    """Audit row of a signed confirmation: uploaded and accepted, or refused with its reasons."""

    class Kind(models.TextChoices):
        ACCEPTED = "accepted", _("signed confirmation accepted")
        REFUSED = "refused", _("signed confirmation refused")

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="signature_events")
    signed = models.ForeignKey(SignedConfirmation, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
