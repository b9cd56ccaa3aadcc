"""Users log in by e-mail. Global roles are flags on the user; per-call roles
(commission) live in `competition`, per-organisation roles (applicant) in `offers`."""
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.rules import normalise_email


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=normalise_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=normalise_email(username))


class User(AbstractBaseUser, PermissionsMixin):
    class AddressForm(models.TextChoices):
        """How the portal words the person's functions and statements (accounts.wording)."""

        NEUTRAL = "neutral", _("neutral wording")
        FEMININE = "feminine", _("feminine forms")
        MASCULINE = "masculine", _("masculine forms")

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    address_form = models.CharField(
        _("form used for me"), max_length=10, choices=AddressForm.choices, default=AddressForm.NEUTRAL,
        help_text=_("Used in your function in a commission, your statements and signature lines in the protocol "
                    "and the score sheets."),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    # The global flags of a single-city portal, unused since roles are held per authority
    # (authorities.AuthorityRole; migration authorities 0003 turned each flag into roles). Kept
    # only so that code written before the move still creates users; to be dropped.
    is_clerk = models.BooleanField(
        _("clerk (unused)"), default=False, help_text=_("Unused: roles are held per authority.")
    )
    reminders_enabled = models.BooleanField(
        _("send me deadline reminders"), default=True,
        help_text=_("Legal notices (results of the formal check, decisions) are sent regardless."),
    )
    is_mayor = models.BooleanField(_("authority (unused)"), default=False,
                                   help_text=_("Unused: roles are held per authority."))
    is_staff = models.BooleanField(_("access to the admin site"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["full_name", "email"]
        constraints = [
            # one account per address however it is typed (accounts.rules.normalise_email)
            models.UniqueConstraint(Lower("email"), name="user_email_unique_case_insensitive"),
        ]

    def __str__(self):
        return self.full_name or self.email

    def clean(self):
        super().clean()
        self.email = normalise_email(self.email)

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def is_administrator(self) -> bool:
        return self.is_superuser


class Notice(models.Model):
    """A message to one user on their dashboard (results, decisions); e-mailed too where the law wants it."""

    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="notices")
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("message"))
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title


class EnrolmentLink(models.Model):
    """A one-time link to set up the second factor (accounts.services.enrolment_link_issue).

    Only the SHA-256 of the token is stored: whoever reads the database cannot use a link. The
    row is also the record of the link: who issued it and when, where it went, when it was used
    and when the device was confirmed through it."""

    class Channel(models.TextChoices):
        MAIL = "mail", _("sent to the account's e-mail address")
        ADMINISTRATOR = "administrator", _("shown to an administrator")
        COMMAND = "command", _("printed by a management command")

    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="enrolment_links",
                             verbose_name=_("user"))
    token_hash = models.CharField(max_length=64, unique=True)
    channel = models.CharField(_("issued as"), max_length=16, choices=Channel.choices)
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    issued_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+", verbose_name=_("issued by"), help_text=_("Empty: asked for by the user at login."))
    sent_to = models.EmailField(_("sent to"), blank=True)
    opened_at = models.DateTimeField(_("used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("replaced at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("device confirmed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("two-factor set-up link")
        verbose_name_plural = _("two-factor set-up links")
        ordering = ["-issued_at", "-pk"]

    def __str__(self):
        return f"{self.user} ({self.issued_at:%Y-%m-%d %H:%M})"
