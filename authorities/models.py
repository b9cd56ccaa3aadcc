"""An authority that runs calls, as data: its kind, the forms of its name that documents need,
the party of its contracts, its treasurer, its office, and the data of its privacy notice and
accessibility statement. A call belongs to one authority (`competition.Call.authority`); its
officials hold their roles here (`AuthorityRole`)."""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts import permissions as roles
from authorities import rules


class Authority(models.Model):
    class Kind(models.TextChoices):
        # The offices' own Polish names, from the rules: the one place that names them.
        BURMISTRZ = rules.BURMISTRZ, rules.KINDS[rules.BURMISTRZ].label
        WOJT = rules.WOJT, rules.KINDS[rules.WOJT].label
        PREZYDENT = rules.PREZYDENT, rules.KINDS[rules.PREZYDENT].label
        ZARZAD_POWIATU = rules.ZARZAD_POWIATU, rules.KINDS[rules.ZARZAD_POWIATU].label
        ZARZAD_WOJEWODZTWA = rules.ZARZAD_WOJEWODZTWA, rules.KINDS[rules.ZARZAD_WOJEWODZTWA].label

    class Gender(models.TextChoices):
        MASCULINE = rules.MASCULINE, _("masculine (“przyznał”)")
        FEMININE = rules.FEMININE, _("feminine (“przyznała”)")

    slug = models.SlugField(_("address identifier (slug)"), max_length=80, unique=True)
    kind = models.CharField(_("kind of authority"), max_length=20, choices=Kind.choices)
    name = models.CharField(
        _("name (nominative)"), max_length=200,
        help_text=_("As it signs: the office as its kind names it, then whose office it is."),
    )
    name_genitive = models.CharField(
        _("name (genitive)"), max_length=200,
        help_text=_("As documents name whose act it is (“Zarządzenie …”): the office in the genitive, the rest unchanged."),
    )
    holder_gender = models.CharField(
        _("verbs agree with the holder as"), max_length=1, choices=Gender.choices, default=rules.MASCULINE,
        help_text=_("For a board the verbs are always masculine."),
    )
    municipality = models.CharField(
        _("party of contracts"), max_length=200,
        help_text=_("The local government unit that signs contracts, beginning with “Gmina”, “Powiat”, “Miasto” or “Województwo”."),
    )
    seat = models.CharField(_("place of signing"), max_length=100, blank=True,
                            help_text=_("The town written before a document's date."))
    office_name = models.CharField(
        _("office"), max_length=200, help_text=_("The office that serves the authority (Urząd Gminy …, Starostwo Powiatowe w …)."),
    )
    address = models.CharField(_("address of the office"), max_length=300, blank=True)
    bip_url = models.URLField(_("Public Information Bulletin (BIP)"), blank=True)
    crest = models.ImageField(_("crest"), upload_to="authorities/", blank=True)
    treasurer_name = models.CharField(_("treasurer"), max_length=200, blank=True,
                                      help_text=_("Countersigns the contracts; empty leaves a line to fill in."))
    treasurer_title = models.CharField(
        _("treasurer's title"), max_length=100, blank=True,
        help_text=_("Empty: as the kind of authority has it (Skarbnik Gminy, Skarbnik Powiatu, …)."),
    )
    returns_account = models.CharField(
        _("bank account for returns of grants"), max_length=34, blank=True,
        help_text=_("The contracts name it for returning unspent or unduly used grants (art. 251–252 of the public "
                    "finance act); empty leaves a line to fill in."),
    )
    privacy_contact = models.CharField(_("privacy: contact of the controller"), max_length=200, blank=True)
    privacy_dpo = models.CharField(_("privacy: data protection officer"), max_length=200, blank=True)
    privacy_retention = models.TextField(_("privacy: how long data are kept"), blank=True)
    accessibility_contact_person = models.CharField(_("accessibility: contact person"), max_length=200, blank=True)
    accessibility_email = models.EmailField(_("accessibility: e-mail"), blank=True)
    accessibility_phone = models.CharField(_("accessibility: phone"), max_length=50, blank=True)
    domain = models.CharField(
        _("own domain"), max_length=253, blank=True,
        help_text=_("Optional, e.g. konkursy.gmina.pl: this installation then shows the authority's page at that "
                    "domain's address. The domain must point at the portal and be in ALLOWED_HOSTS (docs/deploy.md)."),
    )
    email_from = models.EmailField(
        _("sender of e-mails"), blank=True,
        help_text=_("Messages about this authority's calls go from this address, under the office's name; empty: "
                    "the installation's sender."),
    )
    operates_portal = models.BooleanField(
        _("runs this portal"), default=False,
        help_text=_("Its data stand in the privacy notice and the accessibility statement; at most one authority."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("authority")
        verbose_name_plural = _("authorities")
        ordering = ("name",)
        constraints = [
            models.UniqueConstraint(fields=["operates_portal"], condition=models.Q(operates_portal=True),
                                    name="one_authority_operates_portal"),
            models.UniqueConstraint(fields=["domain"], condition=~models.Q(domain=""), name="authority_domain_unique",
                                    violation_error_message=_("Another authority already has this domain.")),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.domain = rules.normal_domain(self.domain)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("authority:home", kwargs={"authority": self.slug})

    def clean(self):
        problems = rules.name_problems(kind=self.kind, name=" ".join(self.name.split()),
                                       genitive=" ".join(self.name_genitive.split()))
        party = rules.party_problem(self.municipality) if self.municipality else None
        if party:
            problems["municipality"] = party
        for field, problem in (("slug", rules.slug_problem(self.slug)),
                               ("domain", self.domain and rules.domain_problem(self.domain))):
            if problem:
                problems[field] = problem
        account = rules.account_problem(self.returns_account) if self.returns_account else None
        if account:
            problems["returns_account"] = account
        if problems:
            raise ValidationError(problems)

    # --- the forms documents use ---------------------------------------------------------

    @property
    def is_board(self) -> bool:
        return rules.kind_of(self.kind).is_board

    @property
    def office(self) -> str:
        """The short nominative: "Wójt", "Zarząd"."""
        return rules.kind_of(self.kind).office

    @property
    def office_genitive(self) -> str:
        return rules.kind_of(self.kind).office_genitive

    @property
    def act(self) -> rules.Act:
        """zarządzenie / uchwała, in its cases: `authority.act.genitive`."""
        return rules.kind_of(self.kind).act

    @property
    def name_accusative(self) -> str:
        return rules.accusative_of(self.name, self.name_genitive, self.kind)

    @property
    def represented(self) -> str:
        """"reprezentowana przez Burmistrza Miasta Hajnówka", after the party's name."""
        return rules.represented_by(self.municipality, self.name_accusative)

    @property
    def party_called(self) -> str:
        """"zwana" / "zwany" / "zwane" (dalej „Zleceniodawcą”)."""
        return rules.called(self.municipality)

    @property
    def treasurer_title_or_default(self) -> str:
        return self.treasurer_title or rules.kind_of(self.kind).treasurer_title

    @property
    def verb_gender(self) -> str:
        return rules.verb_gender(self.kind, self.holder_gender)

    def past(self, masculine: str, feminine: str) -> str:
        return rules.past(self.kind, self.holder_gender, masculine, feminine)


class AuthorityRole(models.Model):
    """One role of one official at one authority: a clerk, the deciding authority, or the
    administrator of the authority's officials. Granted and removed by the installation's
    administrator (the admin site) or the authority's administrator (`authorities.services`);
    every grant and removal is kept in the history (who, when)."""

    class Role(models.TextChoices):
        CLERK = roles.CLERK, _("clerk")
        DECIDER = roles.DECIDER, _("deciding authority")
        AUTHORITY_ADMIN = roles.AUTHORITY_ADMIN, _("administrator of the officials")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="authority_roles",
                             verbose_name=_("official"))
    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="roles",
                                  verbose_name=_("authority"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("granted by"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("official's role")
        verbose_name_plural = _("officials' roles")
        ordering = ("authority__name", "user__full_name", "role")
        constraints = [
            models.UniqueConstraint(fields=["user", "authority", "role"], name="one_role_of_a_user_at_an_authority"),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} – {self.authority}"
