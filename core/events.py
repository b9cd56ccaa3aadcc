"""The shape of every stage's audit row (docs/audit.md): what happened (`kind`, each stage with
its own choices), when (`at`) and the details as JSON; the stage adds who did it (`by`, which
may be empty where the portal itself acts) and to what (a call, an offer, a contract).

An abstract model: each stage keeps its own table (`competition.CallEvent`,
`offers.OfferEvent`, `evaluation.FormalEvent`, `evaluation.MeritEvent`, `awards.AwardEvent`,
`contracts.ContractEvent`). A subclass overrides `kind` with its choices and length, and may
drop `details` (`details = None`) when it records its changes otherwise.
"""
from django.db import models


class Event(models.Model):
    kind = models.CharField(max_length=20)
    at = models.DateTimeField()
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_kind_display()}"
