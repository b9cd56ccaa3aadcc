"""Organisations (offerors), who acts for them, and how one joins.

The models moved here from `offers`; their tables kept their names (`offers_organisation`,
...; the history tables too), so no row was touched by the move.
"""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import limits
from organisations.choices import LegalForm


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=300)
    legal_form = models.CharField(_("legal form"), max_length=40, choices=LegalForm.choices)
    krs = models.CharField(_("KRS number"), max_length=10, blank=True, help_text=_("10 digits."))
    other_register = models.CharField(
        _("other register"), max_length=200, blank=True, help_text=_("Name of the register when not in KRS.")
    )
    other_register_number = models.CharField(_("number in the other register"), max_length=60, blank=True)
    nip = models.CharField(_("NIP"), max_length=10, blank=True)
    regon = models.CharField(_("REGON"), max_length=14, blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=6, blank=True)
    city = models.CharField(_("town"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    bank_account = models.CharField(_("bank account (IBAN)"), max_length=34, blank=True)
    representatives = models.TextField(
        _("persons authorised to represent"),
        blank=True,
        help_text=_("One person per line: name and function, as in the register."),
        **limits.bounded(limits.NOTE),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Who changed what, shown to the members (docs/audit.md).
    history = HistoricalRecords(table_name="offers_historicalorganisation")

    class Meta:
        db_table = "offers_organisation"  # the table kept its name when the model moved from offers
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def representative_list(self) -> list[str]:
        return [line.strip() for line in self.representatives.splitlines() if line.strip()]

    @property
    def address(self) -> str:
        return ", ".join(part for part in (self.street, f"{self.postal_code} {self.city}".strip()) if part)


class Membership(models.Model):
    """A user acting for an organisation: this is what makes someone an applicant."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    joined_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(table_name="offers_historicalmembership")  # joining and leaving (docs/audit.md)

    class Meta:
        db_table = "offers_membership"
        verbose_name = _("membership")
        verbose_name_plural = _("organisation members")
        constraints = [models.UniqueConstraint(fields=["organisation", "user"], name="one_membership")]

    def __str__(self):
        return f"{self.user} – {self.organisation}"


class Invitation(models.Model):
    """A member invites a colleague by e-mail; accepting creates a Membership."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail"))
    token = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    # The token is the secret of the link: the history keeps everything but it.
    history = HistoricalRecords(excluded_fields=["token"], table_name="offers_historicalinvitation")

    class Meta:
        db_table = "offers_invitation"
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.email} → {self.organisation}"


class BankAccountChange(models.Model):
    """A change of an organisation's bank account: the grant is paid to the account in the
    organisation's data when the contract is made, so the members are told by e-mail and the
    clerk sees it beside the organisation's offers (docs/security.md)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="bank_account_changes")
    old_account = models.CharField(_("previous bank account"), max_length=34, blank=True)
    new_account = models.CharField(_("new bank account"), max_length=34, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("changed at"))

    class Meta:
        db_table = "offers_bankaccountchange"
        verbose_name = _("change of the bank account")
        verbose_name_plural = _("changes of the bank account")
        indexes = [models.Index(fields=["organisation", "-at"], name="bank_change_latest")]

    def __str__(self):
        return f"{self.organisation} {self.at:%Y-%m-%d %H:%M}"
