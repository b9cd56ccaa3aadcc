"""Offers of organisations (offerors; the organisations themselves are in `organisations`).

The offer follows the official offer form of the regulation of 24 October 2018
(Dz. U. 2018 poz. 2057, annex 1): I basic data, II offerors, III the task (description,
plan and schedule, results), IV resources, V costs (V.A items, V.B sources, V.C split
between joint offerors), VI other information, VII statements.
"""
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from competition.choices import ArrearsAnswer
from core import limits
from core.events import Event
from organisations.models import Organisation

ZERO = Decimal("0.00")


class Offer(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        WITHDRAWN = "withdrawn", _("withdrawn")
        RETURNED = "returned", _("returned for correction")
        ADMITTED = "admitted", _("admitted to merit evaluation")
        REJECTED = "rejected", _("formally rejected")
        NEGOTIATION = "negotiation", _("negotiating a lower grant")
        RESIGNED = "resigned", _("resigned from the grant")

    call = models.ForeignKey("competition.Call", on_delete=models.PROTECT, related_name="offers")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="led_offers", verbose_name=_("lead offeror")
    )
    number = models.CharField(_("offer number"), max_length=40, blank=True)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.DRAFT)
    revision = models.PositiveIntegerField(default=1, help_text="Incremented on every save: detects lost updates.")
    # I. basic data / III. the task
    title = models.CharField(_("title of the public task"), max_length=300, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    synthetic_description = models.TextField(
        _("synthetic description of the task"),
        blank=True,
        help_text=_("Place, needs and how the task answers them, what will be done."),
        **limits.bounded(limits.LONG_TEXT),
    )
    target_groups = models.TextField(_("target groups and how they are recruited"), blank=True, **limits.bounded(limits.TEXT))
    complementarity = models.TextField(_("complementarity with other activities"), blank=True, **limits.bounded(limits.TEXT))
    direct_effects = models.TextField(_("expected direct effects"), blank=True, **limits.bounded(limits.TEXT))
    social_change = models.TextField(_("social change achieved"), blank=True, **limits.bounded(limits.TEXT))
    durability = models.TextField(_("durability of the results"), blank=True, **limits.bounded(limits.TEXT))
    # IV. the offeror's characteristics
    experience = models.TextField(_("previous activity of the offeror(s)"), blank=True, **limits.bounded(limits.TEXT))
    resources = models.TextField(_("human, material and financial resources"), blank=True, **limits.bounded(limits.TEXT))
    volunteers = models.TextField(_("volunteers: number, tasks, hours"), blank=True, **limits.bounded(limits.TEXT))
    # VI. other information
    other_information = models.TextField(_("other information"), blank=True, **limits.bounded(limits.TEXT))
    paid_activity = models.BooleanField(
        _("the task is carried out as paid public-benefit activity"), default=False
    )
    zones = models.ManyToManyField("competition.UrbanZone", blank=True, related_name="offers", verbose_name=_("urban zones"))
    lpr_projects = models.ManyToManyField(
        "competition.RevitalisationProject", blank=True, related_name="offers", verbose_name=_("LPR projects")
    )
    # VII. statements
    st_statutory = models.BooleanField(_("the task is within the offeror's statutory public-benefit activity"), default=False)
    st_fees = models.BooleanField(_("fees from recipients are charged only within paid activity"), default=False)
    st_no_tax_arrears = models.BooleanField(_("the offeror has no tax arrears"), default=False)
    st_no_insurance_arrears = models.BooleanField(_("the offeror has no social-insurance arrears"), default=False)
    st_register = models.BooleanField(_("the data are consistent with the register"), default=False)
    st_true = models.BooleanField(_("all information in the offer is true"), default=False)
    st_personal_data = models.BooleanField(_("consents for processing personal data have been obtained"), default=False)
    st_new_task = models.BooleanField(
        _("the task is a new, non-cyclical undertaking and covers none of the excluded uses"), default=False
    )
    # The variant of a statement with two (part VII, points 3 and 4: "nie zalega / zalega"); the
    # statement's flag above says it is made, in whichever variant (offers.rules.statements).
    tax_arrears = models.CharField(_("tax arrears"), max_length=12, blank=True, choices=ArrearsAnswer.choices)
    insurance_arrears = models.CharField(_("social-insurance arrears"), max_length=12, blank=True,
                                         choices=ArrearsAnswer.choices)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    # Negotiation of a lower grant (art. 15 of the Act; the call's section on the decision): the
    # grant per action the updated offer must ask for ({action code: "amount"}), and the deadline.
    fixed_grants = models.JSONField(_("grant fixed by the decision"), default=dict, blank=True)
    fixed_until = models.DateTimeField(_("answer the lower grant by"), null=True, blank=True)

    history = HistoricalRecords()  # the audit trail (docs/audit.md)

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "number"], condition=~models.Q(number=""), name="offer_number_unique_in_call"
            )
        ]

    def __str__(self):
        return self.title or str(_("Offer without a title"))

    def get_absolute_url(self):
        return reverse("offers:offer_detail", kwargs={"pk": self.pk})

    @property
    def is_joint(self) -> bool:
        return self.partners.exists()

    @property
    def is_editable(self) -> bool:
        return self.state == self.State.DRAFT


class AcceptedPartnerManager(models.Manager):
    """Only partners whose organisation accepted: the default, so `offer.partners` (and every
    prefetch of it) means the offerors, and an invited organisation's data never reach a page,
    a PDF, a snapshot, a notice or a permission by accident. `OfferPartner.all_objects` reads
    the invitations too (the offerors step, the partner's answer)."""

    def get_queryset(self):
        return super().get_queryset().filter(status=OfferPartner.Status.ACCEPTED)


class OfferPartner(models.Model):
    """A further offeror of a joint offer (the lead is `Offer.organisation`).

    The lead invites an organisation; it becomes an offeror only when one of its own members
    accepts (`status` ACCEPTED). Until then the offer shows only the name the lead chose."""

    class Status(models.TextChoices):
        INVITED = "invited", _("invited, waiting for its answer")
        ACCEPTED = "accepted", _("accepted the invitation")
        DECLINED = "declined", _("declined the invitation")

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="partner_in")
    role = models.CharField(_("role in the task"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    status = models.CharField(_("answer of the partner"), max_length=12, choices=Status.choices,
                              default=Status.INVITED)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    invited_at = models.DateTimeField(_("invited at"), null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    all_objects = models.Manager()
    objects = AcceptedPartnerManager()

    class Meta:
        default_manager_name = "objects"  # what `offer.partners` and every prefetch of it use
        base_manager_name = "all_objects"
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["offer", "organisation"], name="partner_once_per_offer")]

    def __str__(self):
        return str(self.organisation)


class OfferAction(models.Model):
    """An action of the call that the offer covers; its costs and declared indicators hang here."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="offer_actions")
    action = models.ForeignKey("competition.Action", on_delete=models.PROTECT, related_name="offer_actions")

    class Meta:
        verbose_name = _("chosen action")
        verbose_name_plural = _("chosen actions")
        ordering = ["action__position", "action__code"]
        constraints = [models.UniqueConstraint(fields=["offer", "action"], name="action_once_per_offer")]

    def __str__(self):
        return str(self.action)


class IndicatorValue(models.Model):
    """The value an offer declares for a mandatory indicator of a chosen action."""

    offer_action = models.ForeignKey(OfferAction, on_delete=models.CASCADE, related_name="indicator_values")
    indicator = models.ForeignKey("competition.Indicator", on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(_("declared value"), max_digits=12, decimal_places=2, null=True, blank=True)
    monitoring = models.CharField(_("how it will be monitored"), max_length=300, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["offer_action", "indicator"], name="indicator_once")]

    def __str__(self):
        return f"{self.indicator}: {self.value}"


class OwnResult(models.Model):
    """An additional result the offeror sets itself (results table of section III)."""

    offer_action = models.ForeignKey(OfferAction, on_delete=models.CASCADE, related_name="own_results")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("result"), max_length=300)
    planned_value = models.CharField(_("planned value"), max_length=100)
    monitoring = models.CharField(_("how it will be monitored"), max_length=300, blank=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.name


class ScheduleRow(models.Model):
    """A row of the plan and schedule (section III.4)."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="schedule")
    position = models.PositiveSmallIntegerField(default=0)
    offer_action = models.ForeignKey(
        OfferAction, null=True, blank=True, on_delete=models.SET_NULL, related_name="schedule_rows",
        verbose_name=_("action"),
    )
    activity = models.CharField(_("activity"), max_length=300)
    description = models.TextField(_("description"), blank=True, **limits.bounded(limits.NOTE))
    target_group = models.CharField(_("target group"), max_length=300, blank=True)
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("to"), null=True, blank=True)
    responsible = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("responsible offeror"),
    )
    non_party = models.BooleanField(_("done by a non-party"), default=False)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.activity


class CostItem(models.Model):
    """A cost line of section V.A with how it is financed (V.B) and who bears it (V.C)."""

    class Kind(models.TextChoices):
        SUBSTANTIVE = "substantive", _("cost of the action")
        ADMINISTRATIVE = "administrative", _("administrative cost")

    offer_action = models.ForeignKey(OfferAction, on_delete=models.CASCADE, related_name="cost_items")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.SUBSTANTIVE)
    name = models.CharField(_("cost"), max_length=300)
    unit = models.CharField(_("unit"), max_length=60)
    quantity = models.DecimalField(_("number of units"), max_digits=12, decimal_places=2, default=Decimal("1"))
    unit_cost = models.DecimalField(_("unit cost (PLN)"), max_digits=14, decimal_places=2, default=ZERO)
    grant = models.DecimalField(_("from the grant"), max_digits=14, decimal_places=2, default=ZERO)
    own_financial = models.DecimalField(_("own financial contribution"), max_digits=14, decimal_places=2, default=ZERO)
    own_personal = models.DecimalField(_("personal contribution"), max_digits=14, decimal_places=2, default=ZERO)
    personal_hours = models.DecimalField(_("hours of work"), max_digits=10, decimal_places=2, null=True, blank=True)
    personal_rate = models.DecimalField(_("value of an hour (PLN)"), max_digits=10, decimal_places=2, null=True, blank=True)
    own_in_kind = models.DecimalField(_("in-kind contribution"), max_digits=14, decimal_places=2, default=ZERO)
    in_kind_valuation = models.CharField(_("how the in-kind contribution is valued"), max_length=300, blank=True)
    recipient_fees = models.DecimalField(_("payments from recipients"), max_digits=14, decimal_places=2, default=ZERO)
    offeror = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("offeror bearing the cost"),
    )

    history = HistoricalRecords()  # the audit trail (docs/audit.md)

    class Meta:
        verbose_name = _("cost item")
        verbose_name_plural = _("cost items")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.name


class OfferVersion(models.Model):
    """An immutable snapshot of a submitted offer with its SHA-256 control sum."""

    offer = models.ForeignKey(Offer, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    data = models.JSONField()
    checksum = models.CharField(_("control sum (SHA-256)"), max_length=64)
    submitted_at = models.DateTimeField(_("submitted at"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("submitted version")
        verbose_name_plural = _("submitted versions")
        ordering = ["offer", "number"]
        constraints = [models.UniqueConstraint(fields=["offer", "number"], name="version_number_unique")]

    def __str__(self):
        return f"{self.offer} v{self.number} {self.checksum[:12]}"

    @property
    def short_checksum(self) -> str:
        """Groups of four for reading aloud and typing from paper."""
        return " ".join(self.checksum[i : i + 4] for i in range(0, len(self.checksum), 4))


class OfferEvent(Event):
    """Audit row: who did what to an offer, when."""

    class Kind(models.TextChoices):
        CREATED = "created", _("created")
        SAVED = "saved", _("saved")
        SUBMITTED = "submitted", _("submitted")
        WITHDRAWN = "withdrawn", _("withdrawn")
        CONFLICT = "conflict", _("save refused: changed by someone else")
        NEGOTIATION = "negotiation", _("lower grant to answer")
        ACCEPTED = "accepted", _("lower grant accepted")
        RESIGNED = "resigned", _("resigned from the grant")
        PARTNER_INVITED = "partner_invited", _("partner invited")
        PARTNER_ACCEPTED = "partner_accepted", _("partner accepted the invitation")
        PARTNER_DECLINED = "partner_declined", _("partner declined the invitation")
        PARTNER_REMOVED = "partner_removed", _("partner removed by the lead offeror")

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                           related_name="+", help_text="Empty: the portal itself (a deadline passed).")
    section = models.CharField(max_length=40, blank=True)


class Attachment(models.Model):
    """A file attached to an offer: PDF or image, checked by content, stored privately."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="attachments/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    description = models.CharField(_("description"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name


class OfferNumberCounter(models.Model):
    """The last offer number given in a call: numbers 001, 002, … are taken from it with one
    `UPDATE … RETURNING` at the very end of a submission, so neither the call's row nor this
    one is held while an offer is checked and frozen (docs/architecture.md, "Offers")."""

    call = models.OneToOneField("competition.Call", on_delete=models.CASCADE, primary_key=True, related_name="+")
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.call_id}: {self.last_number}"
