"""A call for offers and everything its announcement fixes, all of it data.

Nothing in the code knows a particular call: limits, actions, indicators, zones,
criteria and point scales are rows here, so another city's call needs no code change.
"""
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from competition.choices import FormalCheck, LegalForm, ScaleSource


class CallQuerySet(models.QuerySet):
    def public(self):
        """Calls the public may see: everything past the draft stage."""
        return self.exclude(state=Call.State.DRAFT)


class Call(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("projekt")
        PUBLISHED = "published", _("ogłoszony — nabór ofert")
        SUBMISSION_CLOSED = "submission_closed", _("nabór zamknięty")
        FORMAL_CHECK = "formal_check", _("ocena formalna")
        MERIT_EVALUATION = "merit_evaluation", _("ocena merytoryczna")
        DECIDED = "decided", _("rozstrzygnięty")
        CLOSED = "closed", _("zakończony")

    slug = models.SlugField(_("identyfikator w adresie"), max_length=80, unique=True)
    title = models.CharField(_("tytuł ogłoszenia"), max_length=400)
    authority = models.CharField(
        _("organ ogłaszający"), max_length=200, help_text=_("Np. Burmistrz Miasta Hajnówka.")
    )
    public_task_type = models.TextField(
        _("rodzaj zadania publicznego"), help_text=_("Sfera zadań publicznych (art. 4 ustawy) i cel zadania.")
    )
    legal_basis = models.TextField(_("podstawa prawna"))
    order_number = models.CharField(_("numer zarządzenia"), max_length=80)
    announcement_date = models.DateField(_("data ogłoszenia"))
    goals = models.TextField(_("rodzaj i cel zadania"), blank=True)
    submission_start = models.DateTimeField(
        _("początek naboru"), null=True, blank=True, help_text=_("Puste: oferty można składać od publikacji.")
    )
    submission_deadline = models.DateTimeField(_("termin składania ofert"))
    confirmation_deadline = models.DateTimeField(
        _("termin dostarczenia potwierdzenia"),
        help_text=_("Do kiedy podpisane potwierdzenie złożenia oferty musi wpłynąć do urzędu (decyduje data wpływu)."),
    )
    confirmation_address = models.TextField(_("miejsce dostarczenia potwierdzenia"))
    decision_date = models.DateField(_("termin rozstrzygnięcia"))
    realisation_start = models.DateField(_("początek realizacji"))
    realisation_end = models.DateField(_("koniec realizacji"))
    eligible_entity_types = models.JSONField(
        _("uprawnione podmioty"), default=list, help_text=_("Formy prawne, które mogą składać oferty.")
    )
    min_actions = models.PositiveSmallIntegerField(
        _("minimalna liczba działań w ofercie"), default=1, validators=[MinValueValidator(1)]
    )
    max_grant_share = models.DecimalField(
        _("maksymalny udział dotacji w kosztach"),
        max_digits=5,
        decimal_places=4,
        default=Decimal("0.9000"),
        validators=[MinValueValidator(Decimal("0.0001")), MaxValueValidator(Decimal("1"))],
        help_text=_("Ułamek kosztów całkowitych, np. 0,90 = 90%."),
    )
    max_admin_share = models.DecimalField(
        _("maksymalny udział kosztów administracyjnych"),
        max_digits=5,
        decimal_places=4,
        default=Decimal("0.1500"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        help_text=_("Ułamek wartości działań i każdego działania, np. 0,15 = 15%."),
    )
    max_points = models.PositiveSmallIntegerField(_("maksymalna liczba punktów"), default=0)
    grant_rules = models.TextField(_("zasady przyznawania dotacji"), blank=True)
    realisation_conditions = models.TextField(_("termin i warunki realizacji"), blank=True)
    excluded_costs = models.TextField(_("na co dotacja nie może być wykorzystana"), blank=True)
    grantee_duties = models.TextField(_("obowiązki dotowanych"), blank=True)
    submission_rules = models.TextField(_("termin i zasady składania ofert"), blank=True)
    selection_procedure = models.TextField(_("tryb i kryteria wyboru ofert"), blank=True)
    previous_grants = models.TextField(
        _("zadania tego samego rodzaju zrealizowane w roku bieżącym i poprzednim"),
        blank=True,
        help_text=_("Wymagane przez art. 13 ust. 2 pkt 7 ustawy: zadania i wysokość dotacji."),
    )
    publication_places = models.TextField(
        _("miejsca publikacji wyników"), blank=True, help_text=_("BIP, strona internetowa, tablica ogłoszeń.")
    )
    contact_info = models.TextField(_("informacje dodatkowe i kontakt"), blank=True)
    report_days = models.PositiveSmallIntegerField(
        _("termin sprawozdania (dni od zakończenia)"), default=30, validators=[MinValueValidator(1)]
    )
    state = models.CharField(_("etap"), max_length=24, choices=State.choices, default=State.DRAFT)
    published_at = models.DateTimeField(_("opublikowano"), null=True, blank=True)
    copied_from = models.ForeignKey(
        "self", verbose_name=_("skopiowano z"), null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CallQuerySet.as_manager()

    class Meta:
        verbose_name = _("konkurs")
        verbose_name_plural = _("konkursy")
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


class Action(models.Model):
    """One action of the call (działanie) with its own budget; money never moves between actions."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="actions")
    position = models.PositiveSmallIntegerField(_("kolejność"), default=0)
    code = models.CharField(_("oznaczenie"), max_length=10)
    title = models.CharField(_("nazwa działania"), max_length=400)
    description = models.TextField(_("opis"), blank=True)
    target_groups = models.TextField(_("odbiorcy"), blank=True, help_text=_("Jedna grupa w wierszu."))
    budget = models.DecimalField(_("kwota na działanie (zł)"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("działanie")
        verbose_name_plural = _("działania")
        ordering = ["position", "code"]
        constraints = [models.UniqueConstraint(fields=["call", "code"], name="action_code_unique_in_call")]

    def __str__(self):
        return f"{self.code}. {self.title}"

    def target_group_list(self) -> list[str]:
        return [line.strip() for line in self.target_groups.splitlines() if line.strip()]


class Indicator(models.Model):
    """A mandatory result of an action with the minimum an offer must declare."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="indicators")
    position = models.PositiveSmallIntegerField(_("kolejność"), default=0)
    name = models.CharField(_("nazwa wskaźnika"), max_length=400)
    unit = models.CharField(_("jednostka"), max_length=60, default="liczba")
    minimum = models.DecimalField(_("wartość minimalna"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("wskaźnik")
        verbose_name_plural = _("wskaźniki")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.name


class UrbanZone(models.Model):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="zones")
    position = models.PositiveSmallIntegerField(_("kolejność"), default=0)
    name = models.CharField(_("nazwa strefy"), max_length=120)

    class Meta:
        verbose_name = _("strefa urbanistyczna")
        verbose_name_plural = _("strefy urbanistyczne")
        ordering = ["position", "name"]
        constraints = [models.UniqueConstraint(fields=["call", "name"], name="zone_name_unique_in_call")]

    def __str__(self):
        return self.name


class RevitalisationProject(models.Model):
    """A project of the Local Revitalisation Programme (LPR) the call points to."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="lpr_projects")
    position = models.PositiveSmallIntegerField(_("kolejność"), default=0)
    code = models.CharField(_("numer przedsięwzięcia"), max_length=20)
    name = models.CharField(_("opis"), max_length=400, blank=True)

    class Meta:
        verbose_name = _("przedsięwzięcie LPR")
        verbose_name_plural = _("przedsięwzięcia LPR")
        ordering = ["position", "code"]
        constraints = [models.UniqueConstraint(fields=["call", "code"], name="lpr_code_unique_in_call")]

    def __str__(self):
        return f"{self.code} {self.name}".strip()


class FormalCriterion(models.Model):
    """A yes/no question of the formal check, optionally pre-answered by a named check."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="formal_criteria")
    position = models.PositiveSmallIntegerField(_("kolejność"), default=0)
    question = models.CharField(_("pytanie"), max_length=500)
    auto_check = models.CharField(
        _("sprawdzenie automatyczne"), max_length=40, choices=FormalCheck.choices, blank=True, default=""
    )

    class Meta:
        verbose_name = _("kryterium formalne")
        verbose_name_plural = _("kryteria formalne")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.question


class MeritCriterion(models.Model):
    """A merit criterion: judged by members within sub-criteria ranges, or a step scale of a count."""

    class Kind(models.TextChoices):
        JUDGEMENT = "judgement", _("ocena członka komisji")
        SCALE = "scale", _("skala punktowa od liczby")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="merit_criteria")
    position = models.PositiveSmallIntegerField(_("kolejność"), default=0)
    code = models.CharField(_("oznaczenie"), max_length=10)
    title = models.CharField(_("nazwa kryterium"), max_length=400)
    kind = models.CharField(_("rodzaj"), max_length=12, choices=Kind.choices)
    source = models.CharField(
        _("źródło liczby"), max_length=40, choices=ScaleSource.choices, blank=True, default=""
    )
    member_confirms = models.BooleanField(
        _("członek komisji potwierdza liczbę"),
        default=False,
        help_text=_("Liczba jest wstępnie wyliczona z oferty, ale członek komisji ją potwierdza (np. spójność z LPR)."),
    )

    class Meta:
        verbose_name = _("kryterium merytoryczne")
        verbose_name_plural = _("kryteria merytoryczne")
        ordering = ["position", "code"]
        constraints = [models.UniqueConstraint(fields=["call", "code"], name="merit_code_unique_in_call")]

    def __str__(self):
        return f"{self.code}) {self.title}"


class MeritSubcriterion(models.Model):
    criterion = models.ForeignKey(MeritCriterion, on_delete=models.CASCADE, related_name="subcriteria")
    position = models.PositiveSmallIntegerField(_("kolejność"), default=0)
    name = models.CharField(_("nazwa"), max_length=400)
    min_points = models.PositiveSmallIntegerField(_("od (pkt)"), default=0)
    max_points = models.PositiveSmallIntegerField(_("do (pkt)"))

    class Meta:
        verbose_name = _("podkryterium")
        verbose_name_plural = _("podkryteria")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.name


class ScaleStep(models.Model):
    """From `min_count` upwards (until the next step) the criterion gives `points`."""

    criterion = models.ForeignKey(MeritCriterion, on_delete=models.CASCADE, related_name="steps")
    min_count = models.PositiveSmallIntegerField(_("od liczby"))
    points = models.PositiveSmallIntegerField(_("punkty"))
    label = models.CharField(_("opis"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("próg skali")
        verbose_name_plural = _("progi skali")
        ordering = ["min_count"]

    def __str__(self):
        return f"≥ {self.min_count}: {self.points}"


class CommissionMember(models.Model):
    """A person's role in one call's commission (art. 15 of the Act)."""

    class Role(models.TextChoices):
        MEMBER = "member", _("członek")
        CHAIR = "chair", _("przewodniczący")
        SECRETARY = "secretary", _("sekretarz")

    class Kind(models.TextChoices):
        CITY = "city", _("przedstawiciel organu")
        NGO = "ngo", _("osoba wskazana przez organizacje")
        EXPERT = "expert", _("ekspert z głosem doradczym")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="commission")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="commission_seats")
    role = models.CharField(_("funkcja"), max_length=12, choices=Role.choices, default=Role.MEMBER)
    kind = models.CharField(_("reprezentuje"), max_length=12, choices=Kind.choices, default=Kind.CITY)

    class Meta:
        verbose_name = _("członek komisji")
        verbose_name_plural = _("skład komisji")
        constraints = [models.UniqueConstraint(fields=["call", "user"], name="one_seat_per_call")]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"


class CallEvent(models.Model):
    """Audit row: who did what to a call, when (state changes, edits, amendments, imports)."""

    class Kind(models.TextChoices):
        CREATED = "created", _("utworzono")
        EDITED = "edited", _("zmieniono projekt")
        TRANSITION = "transition", _("zmiana etapu")
        AMENDED = "amended", _("zmiana ogłoszenia")
        COPIED = "copied", _("skopiowano")
        IMPORTED = "imported", _("zaimportowano")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    from_state = models.CharField(max_length=24, blank=True)
    to_state = models.CharField(max_length=24, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    at = models.DateTimeField()
    reason = models.TextField(blank=True)
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("zdarzenie konkursu")
        verbose_name_plural = _("historia konkursu")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_kind_display()}"

    @property
    def is_public(self) -> bool:
        """Amendments of a published announcement are public; internal edits are not."""
        return self.kind in (self.Kind.AMENDED, self.Kind.TRANSITION)
