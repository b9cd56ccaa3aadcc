"""A call's history: who changed what, and when."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from competition.models.call import Call
from core.events import Event


class CallEvent(Event):
    """Audit row: who did what to a call, when (state changes, edits, amendments, imports)."""

    class Kind(models.TextChoices):
        CREATED = "created", _("created")
        EDITED = "edited", _("draft edited")
        TRANSITION = "transition", _("stage changed")
        AMENDED = "amended", _("announcement amended")
        COPIED = "copied", _("copied")
        IMPORTED = "imported", _("imported")
        COMMISSION = "commission", _("commission changed")
        PUBLICATION_RECORDED = "pub_recorded", _("publication recorded")
        PUBLICATION_EDITED = "pub_edited", _("publication entry changed")
        PUBLICATION_REMOVED = "pub_removed", _("publication entry removed")
        WARNING = "warning", _("warning")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    from_state = models.CharField(max_length=24, blank=True)
    to_state = models.CharField(max_length=24, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    reason = models.TextField(blank=True)
    changes = models.JSONField(default=dict, blank=True)
    details = None  # a call's event records its changes (`changes`)

    class Meta(Event.Meta):
        verbose_name = _("call event")
        verbose_name_plural = _("call history")

    @property
    def is_public(self) -> bool:
        """Amendments of a published announcement are public; internal edits are not."""
        return self.kind in (self.Kind.AMENDED, self.Kind.TRANSITION)
