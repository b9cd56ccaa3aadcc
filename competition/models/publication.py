"""Where and when each public document of a call was published (art. 13, 15 and 18a of the Act).

A clerk records each place: the Public Information Bulletin (BIP), the office's notice board,
the office's website, or another place. The portal's own page is not recorded here: the portal
knows when it published each document, and `competition.selectors_publication` adds it as an
automatic entry. Changes to entries are recorded in the call's history (`CallEvent`).
"""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from competition.models.call import Call


class PublicationEntry(models.Model):
    class Document(models.TextChoices):
        ANNOUNCEMENT = "announcement", _("announcement of the call")
        AMENDMENT = "amendment", _("amendment of the announcement")
        FORMAL_RESULTS = "formal_results", _("results of the formal check")
        RESULTS = "results", _("results of the call")
        ANNULMENT = "annulment", _("annulment of the call")

    class Place(models.TextChoices):
        BIP = "bip", _("Public Information Bulletin (BIP)")
        NOTICE_BOARD = "notice_board", _("notice board of the office")
        WEBSITE = "website", _("website of the office")
        OTHER = "other", _("other place")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="publications")
    document = models.CharField(_("document"), max_length=16, choices=Document.choices)
    # Which document of its kind: the amendment's history row (its `CallEvent` pk); 0 for the others.
    document_ref = models.PositiveIntegerField(_("which document"), default=0)
    place = models.CharField(_("place"), max_length=16, choices=Place.choices)
    address = models.CharField(
        _("address or description"), max_length=500, blank=True,
        help_text=_("The address (URL) of the page in BIP or on the website; for another place, what and where it is."),
    )
    published_from = models.DateField(_("published on (from)"))
    published_until = models.DateField(_("displayed until"), null=True, blank=True,
                                       help_text=_("The notice board: the day the document was taken down."))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        verbose_name = _("publication entry")
        verbose_name_plural = _("publication record")
        ordering = ["call", "document", "document_ref", "published_from", "pk"]
        indexes = [models.Index(fields=["call", "document", "document_ref"])]

    def __str__(self):
        return f"{self.get_document_display()} — {self.get_place_display()} ({self.published_from:%d.%m.%Y})"

    @property
    def document_key(self) -> str:
        return f"{self.document}:{self.document_ref}"
