"""Organisations (offerors) and who may act for them. The offer itself comes with the offers issue."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from competition.choices import LegalForm


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=300)
    legal_form = models.CharField(_("legal form"), max_length=40, choices=LegalForm.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Membership(models.Model):
    """A user acting for an organisation: this is what makes someone an applicant."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("organisation members")
        constraints = [models.UniqueConstraint(fields=["organisation", "user"], name="one_membership")]

    def __str__(self):
        return f"{self.user} – {self.organisation}"
