"""The end of a contract before its time: terminated by agreement of the parties, withdrawn from by
the grantee, or terminated by the authority for one of the reasons the framework contract names
(regulation of 24 October 2018, Dz. U. 2018 poz. 2057, annex 3: §§ 12–14).

Imported by `contracts.models`, so that Django registers it under the app label "contracts".
"""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import limits


class Termination(models.Model):
    class Kind(models.TextChoices):
        AGREEMENT = "agreement", _("terminated by agreement of the parties")
        GRANTEE = "grantee", _("withdrawn from by the grantee")
        AUTHORITY = "authority", _("terminated by the authority")

    class Ground(models.TextChoices):
        """The reasons for which the authority may terminate at once (the framework contract, § 14)."""

        MISUSE = "misuse", _("the grant used against its purpose, taken unduly or in excess")
        LATE = "late", _("the task carried out late or improperly, or its scope reduced without consent")
        THIRD_PARTY = "third_party", _("the grant passed on to a third party against the contract")
        NO_REPORT = "no_report", _("no report submitted, or no corrections to it, in time")
        NO_CONTROL = "no_control", _("control refused, or its recommendations not followed in time")
        UNAUTHORISED = "unauthorised", _("the offer was submitted by persons not authorised to represent the offeror")

    contract = models.OneToOneField("contracts.Contract", on_delete=models.CASCADE, related_name="termination")
    kind = models.CharField(_("how the contract ends"), max_length=12, choices=Kind.choices)
    ground = models.CharField(_("ground of the authority's termination"), max_length=16, choices=Ground.choices,
                              blank=True)
    on = models.DateField(_("ends on"))
    reason = models.TextField(_("reason"), **limits.bounded(limits.TEXT))
    paid = models.DecimalField(_("grant transferred until then"), max_digits=14, decimal_places=2)
    spent = models.DecimalField(_("grant spent properly until then"), max_digits=14, decimal_places=2)
    to_return = models.DecimalField(_("grant to return"), max_digits=14, decimal_places=2)
    return_by = models.DateField(_("to return by"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"))

    history = HistoricalRecords()  # the audit trail (docs/audit.md)

    class Meta:
        verbose_name = _("termination of a contract")
        verbose_name_plural = _("terminations of contracts")

    def __str__(self):
        return f"{self.contract}: {self.get_kind_display()}"
