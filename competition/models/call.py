"""The call for offers itself: its dates, texts, limits and stage."""
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from django.utils.translation import override

from competition.choices import AdminCostBase, LegalForm, Statement, TaskForm, TieBreak
from core import limits


def default_impartiality_grounds() -> list[str]:
    """KPA art. 24 § 1 and § 3, and the three-year tie to an offeror that most cities add."""
    with override(settings.LANGUAGE_CODE):
        return [str(g) for g in IMPARTIALITY_GROUNDS]


# The English msgids (gettext_noop): the declaration words each default ground in the member's own
# form from the catalogue (`evaluation.merit.rules.grounds_worded`, contexts of `accounts.wording`).
IMPARTIALITY_GROUNDS_MSGIDS = (
    gettext_noop("I am an offeror, or I have such a legal relationship with an offeror that the result of the "
                 "competition may affect my rights or obligations."),
    gettext_noop("I am the spouse of, or a relative or relative by marriage up to the second degree of, a person "
                 "who represents an offeror or sits in its bodies."),
    gettext_noop("I am bound by adoption, guardianship or curatorship to a person who represents an offeror or "
                 "sits in its bodies."),
    gettext_noop("I am or have been a representative (attorney, proxy) of an offeror."),
    gettext_noop("In the last three years I have been a member of the bodies of an offeror, or worked for it "
                 "under an employment or any other contract, or as a volunteer."),
    gettext_noop("There are other circumstances that may raise a plausible doubt about my impartiality."),
)
IMPARTIALITY_GROUNDS = tuple(_(msgid) for msgid in IMPARTIALITY_GROUNDS_MSGIDS)


def default_required_statements() -> list[str]:
    """The statements of the regulation's offer form (part VII); a condition of one call (such as a new,
    non-cyclical task) is required only by the calls that name it."""
    return [code for code in Statement.values if code not in CALL_CONDITION_STATEMENTS]


# Statements that are a call's own condition, not part of the regulation's offer form.
CALL_CONDITION_STATEMENTS = (Statement.NEW_TASK,)


class CallQuerySet(models.QuerySet):
    def public(self):
        """Calls the public may see: everything past the draft stage."""
        return self.exclude(state=Call.State.DRAFT)


class Call(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published — accepting offers")
        SUBMISSION_CLOSED = "submission_closed", _("submission closed")
        FORMAL_CHECK = "formal_check", _("formal check")
        MERIT_EVALUATION = "merit_evaluation", _("merit evaluation")
        SCORED = "scored", _("merit evaluation closed — awaiting the decision")
        DECIDED = "decided", _("decided")
        CLOSED = "closed", _("closed")
        ANNULLED = "annulled", _("annulled")

    # Stage groups, defined once: the commission works from the merit evaluation on; its points,
    # the protocol and the decision exist once the merit evaluation is closed.
    COMMISSION_STAGES = (State.MERIT_EVALUATION, State.SCORED, State.DECIDED, State.CLOSED)
    MERIT_CLOSED_STAGES = (State.SCORED, State.DECIDED, State.CLOSED)

    slug = models.SlugField(_("address identifier (slug)"), max_length=80, unique=True)
    title = models.CharField(_("title of the announcement"), max_length=400)
    authority = models.ForeignKey(
        "authorities.Authority", verbose_name=_("announcing authority"), on_delete=models.PROTECT,
        related_name="calls", help_text=_("It announces and decides the call; every document speaks in its name."),
    )
    public_task_type = models.TextField(
        _("type of public task"), help_text=_("Sphere of public tasks (art. 4 of the Act) and the task's aim."),
        **limits.bounded(limits.TEXT),
    )
    legal_basis = models.TextField(_("legal basis"), **limits.bounded(limits.TEXT))
    order_number = models.CharField(_("order number"), max_length=80)
    announcement_date = models.DateField(_("announcement date"))
    goals = models.TextField(_("type and aim of the task"), blank=True, **limits.bounded(limits.CALL_SECTION))
    submission_start = models.DateTimeField(
        _("start of submissions"), null=True, blank=True, help_text=_("Empty: offers can be submitted from publication.")
    )
    submission_deadline = models.DateTimeField(_("submission deadline"))
    confirmation_deadline = models.DateTimeField(
        _("confirmation-delivery deadline"),
        help_text=_("When the signed submission confirmation must reach the office (the date of receipt decides)."),
    )
    confirmation_address = models.TextField(_("where to deliver the confirmation"), **limits.bounded(limits.NOTE))
    decision_date = models.DateField(_("decision date"))
    realisation_start = models.DateField(_("realisation start"))
    realisation_end = models.DateField(_("realisation end"))
    eligible_entity_types = models.JSONField(
        _("eligible entities"), default=list, help_text=_("Legal forms that may submit offers.")
    )
    min_actions = models.PositiveSmallIntegerField(
        _("minimum number of actions per offer"), default=1, validators=[MinValueValidator(1)]
    )
    max_grant_share = models.DecimalField(
        _("maximum grant share of the costs"),
        max_digits=5,
        decimal_places=4,
        default=Decimal("0.9000"),
        validators=[MinValueValidator(Decimal("0.0001")), MaxValueValidator(Decimal("1"))],
        help_text=_("A fraction of the total cost, e.g. 0.90 = 90%."),
    )
    max_admin_share = models.DecimalField(
        _("maximum administrative-cost share"),
        max_digits=5,
        decimal_places=4,
        default=Decimal("0.1500"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        help_text=_("A fraction of the value of the actions and of each action, e.g. 0.15 = 15%."),
    )
    # After the contract (the framework contract of the 2018 regulation fills these in per call)
    cost_shift_limit = models.DecimalField(
        _("cost-item change allowed without consent"),
        max_digits=5,
        decimal_places=4,
        default=Decimal("0.2000"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        help_text=_("A fraction of a cost item, e.g. 0.20 = 20%: a grantee may shift money between the cost items of "
                    "one action up to this much of an item without the authority's consent; above it, consent and an annex."),
    )
    result_change_limit = models.DecimalField(
        _("result change allowed without consent"),
        max_digits=5,
        decimal_places=4,
        default=Decimal("0.1000"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        help_text=_("A fraction of a declared result, e.g. 0.10 = 10%: a larger change needs consent and an annex, "
                    "and a larger shortfall in the final report needs a justification."),
    )
    max_points = models.PositiveSmallIntegerField(_("maximum points"), default=0)
    grant_rules = models.TextField(_("grant rules"), blank=True, **limits.bounded(limits.CALL_SECTION))
    realisation_conditions = models.TextField(_("realisation dates and conditions"), blank=True, **limits.bounded(limits.CALL_SECTION))
    excluded_costs = models.TextField(_("what the grant may not be used for"), blank=True, **limits.bounded(limits.CALL_SECTION))
    grantee_duties = models.TextField(_("duties of grantees"), blank=True, **limits.bounded(limits.CALL_SECTION))
    submission_rules = models.TextField(_("submission deadline and rules"), blank=True, **limits.bounded(limits.CALL_SECTION))
    selection_procedure = models.TextField(_("selection procedure and criteria"), blank=True, **limits.bounded(limits.CALL_SECTION))
    previous_grants = models.TextField(
        _("tasks of the same type carried out this year and last year"),
        blank=True,
        help_text=_("Required by art. 13(2)(7) of the Act: the tasks and their grants."),
        **limits.bounded(limits.CALL_SECTION),
    )
    publication_places = models.TextField(
        _("where the results are published"), blank=True, help_text=_("BIP, website, notice board."),
        **limits.bounded(limits.NOTE),
    )
    contact_info = models.TextField(_("further information and contact"), blank=True, **limits.bounded(limits.TEXT))
    four_eyes = models.BooleanField(
        _("four-eyes formal check"), default=False,
        help_text=_("A second clerk confirms every formal sheet before the stage can close."),
    )
    correction_days = models.PositiveSmallIntegerField(
        _("days to correct formal defects"), default=0,
        help_text=_("0: offers cannot be returned for correction. Otherwise the applicant has this many days."),
    )
    required_attachments = models.JSONField(
        _("attachments the offer must include"), default=list, blank=True,
        help_text=_("Names of the documents an applicant must attach (e.g. the statute); empty if none."),
    )
    required_statements = models.JSONField(
        _("statements the offer must contain"), default=default_required_statements, blank=True,
        help_text=_("Codes of the statements (competition.choices.Statement) every offer must confirm."),
    )
    admin_cost_base = models.CharField(
        _("base of the administrative-cost limit"), max_length=10, choices=AdminCostBase.choices,
        default=AdminCostBase.TOTAL,
        help_text=_("What the administrative costs are a share of: the total cost of the task, or the value of the actions."),
    )
    task_form = models.CharField(
        _("form of commissioning the task"), max_length=12, choices=TaskForm.choices, default=TaskForm.SUPPORT,
        help_text=_("Support (wsparcie) co-finances the task with the grant; entrustment (powierzenie) finances it "
                    "(art. 16 ust. 1 of the Act). The contract is made in this form."),
    )
    report_days = models.PositiveSmallIntegerField(
        _("report deadline (days after the end)"), default=30, validators=[MinValueValidator(1)]
    )
    # The commission (art. 15 of the Act) and the rules of its merit evaluation.
    commission_order_number = models.CharField(_("number of the order appointing the commission"),
                                               max_length=80, blank=True)
    commission_order_date = models.DateField(_("date of the order appointing the commission"), null=True, blank=True)
    scoring_deadline = models.DateTimeField(
        _("scoring deadline"), null=True, blank=True,
        help_text=_("By when commission members should submit every score sheet; reminders are sent before it."),
    )
    impartiality_grounds = models.JSONField(
        _("grounds for excluding a commission member"), default=default_impartiality_grounds, blank=True,
        help_text=_("One circumstance per line; each member declares for every offer whether any of them applies "
                    "(art. 24 of the Code of Administrative Procedure, as art. 15 of the Act requires)."),
    )
    show_other_sheets = models.BooleanField(
        _("members see the other members' score sheets"), default=True,
        help_text=_("Only ever after submitting their own sheet for the same offer."),
    )
    min_sheets = models.PositiveSmallIntegerField(
        _("minimum number of score sheets per offer"), null=True, blank=True,
        help_text=_("Empty: a majority of the scoring members not excluded from the offer."),
    )
    # Ranking, allocation and the decision.
    tie_break = models.CharField(_("tie-break rule"), max_length=12, choices=TieBreak.choices, default=TieBreak.NONE)
    tie_break_criterion = models.CharField(
        _("cost criterion (code)"), max_length=10, blank=True,
        help_text=_("The merit criterion whose mean breaks ties when the rule says so, e.g. “e”."),
    )
    min_recommended_score = models.DecimalField(
        _("minimum score to be recommended"), max_digits=7, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Empty: every admitted offer can be recommended, in the order of the ranking."),
    )
    negotiation_days = models.PositiveSmallIntegerField(
        _("days to answer a lower grant"), default=7, validators=[MinValueValidator(1)],
        help_text=_("An applicant offered less than requested accepts with an updated offer or withdraws within this time."),
    )
    results_published_at = models.DateTimeField(_("results published at"), null=True, blank=True)
    state = models.CharField(_("stage"), max_length=24, choices=State.choices, default=State.DRAFT)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    copied_from = models.ForeignKey(
        "self", verbose_name=_("copied from"), null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CallQuerySet.as_manager()

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["-submission_deadline", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("competition:call_detail", kwargs={"slug": self.slug})

    @property
    def is_draft(self) -> bool:
        return self.state == self.State.DRAFT

    @property
    def total_budget(self) -> Decimal:
        """Sum of the actions' budgets (uses prefetched actions when present)."""
        return sum((a.budget for a in self.actions.all()), Decimal("0.00"))

    def is_open_for_submission(self, now) -> bool:
        if self.state != self.State.PUBLISHED or now >= self.submission_deadline:
            return False
        return self.submission_start is None or now >= self.submission_start

    def eligible_entity_labels(self) -> list[str]:
        labels = dict(LegalForm.choices)
        return [str(labels.get(code, code)) for code in self.eligible_entity_types]
