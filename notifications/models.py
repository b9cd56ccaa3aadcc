"""The outbox: every e-mail the portal sends is first a row here, created in a transaction.

A reminder is one row per (kind, recipient, object, due moment): the unique constraint is
what makes a reminder go out once, however many planners, beats or workers run. Rows are
claimed with SELECT … FOR UPDATE SKIP LOCKED, sent, and marked; a failed send is retried
with backoff.
"""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Message(models.Model):
    class Kind(models.TextChoices):
        SUBMISSION_7D = "submission_7d", _("submission deadline in 7 days")
        SUBMISSION_1D = "submission_1d", _("submission deadline tomorrow")
        SUBMISSION_3H = "submission_3h", _("submission deadline in 3 hours")
        CONFIRMATION_1D = "confirmation_1d", _("confirmation to deliver by tomorrow")
        SUBMITTED = "submitted", _("offer submitted")
        FORMAL_RESULT = "formal_result", _("result of the formal check")
        RETURNED = "returned", _("offer returned for correction")
        INVITATION = "invitation", _("invitation to an organisation")
        PARTNER = "partner", _("a joint offer: partner invited, answered or removed")
        SCORING_3D = "scoring_3d", _("scoring deadline in 3 days")
        SCORING_1D = "scoring_1d", _("scoring deadline tomorrow")
        COMMISSION_COMPLETE = "commission_complete", _("every score sheet is in")
        AWARD = "award", _("the authority's decision on an offer")
        PUBLICATION = "publication", _("results published")
        NEGOTIATION = "negotiation", _("a lower grant to answer")
        NEGOTIATION_3D = "negotiation_3d", _("answer to a lower grant due in 3 days")
        NEGOTIATION_1D = "negotiation_1d", _("answer to a lower grant due tomorrow")
        CONTRACT_CHANGE = "contract_change", _("the authority's answer to a change of the contract")
        REPORT_REVIEWED = "report_reviewed", _("the office's review of the final report")
        REPORT_14D = "report_14d", _("final report due in 14 days")
        REPORT_3D = "report_3d", _("final report due in 3 days")
        REPORT_OVERDUE = "report_overdue", _("final report overdue")
        BANK_ACCOUNT = "bank_account", _("change of an organisation's bank account")
        PUBLICATION_MISSING = "publication_missing", _("a publication the Act requires is not recorded")
        CONTROL = "control", _("a control of a contract, its findings or a return of the grant")
        CONTROL_3D = "control_3d", _("an answer to a control or a return of the grant due in 3 days")

    class State(models.TextChoices):
        PENDING = "pending", _("to be sent")
        SENDING = "sending", _("being sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        CANCELLED = "cancelled", _("cancelled: no longer applies")

    # sent whatever the user's reminder setting: the law or the process requires them
    LEGAL_KINDS = frozenset({"submitted", "formal_result", "returned", "invitation", "partner", "award", "publication",
                            "negotiation", "contract_change", "report_reviewed", "bank_account", "control"})

    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="messages")
    email = models.EmailField(_("recipient"))
    object_key = models.CharField(_("about"), max_length=100, help_text="e.g. offer:12, call:3")
    # Whose work the message is about (an `authorities.Authority` id, kept as a plain number:
    # notifications sit below authorities); empty for the installation's own messages
    # (invitations into an organisation, bank accounts), which only its administrator reads.
    authority_id = models.PositiveIntegerField(_("authority"), null=True, blank=True, db_index=True)
    due_at = models.DateTimeField(_("due"))
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    body_html = models.TextField(_("HTML version"), blank=True)
    attachment = models.CharField(max_length=100, blank=True, help_text="e.g. confirmation:12:1")
    sender = models.CharField(_("sender"), max_length=320, blank=True,
                              help_text=_("The From header, the authority's own (“Urząd Gminy … <konkursy@…>”); "
                                          "empty: the installation's DEFAULT_FROM_EMAIL."))
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("outbox")
        ordering = ["-due_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "email", "object_key", "due_at"], name="message_once"),
        ]
        indexes = [models.Index(fields=["state", "next_attempt_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.email}"
