"""The commission that evaluates a call's offers on merit (art. 15 of the Act)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts import wording
from competition.models.call import Call


class CommissionMember(models.Model):
    """A person's role in one call's commission (art. 15 of the Act)."""

    class Role(models.TextChoices):
        MEMBER = "member", _("member")
        CHAIR = "chair", _("chair")
        SECRETARY = "secretary", _("secretary")

    class Kind(models.TextChoices):
        CITY = "city", _("representative of the authority")
        NGO = "ngo", _("person nominated by NGOs")
        EXPERT = "expert", _("expert with an advisory voice")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="commission")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="commission_seats")
    role = models.CharField(_("function"), max_length=12, choices=Role.choices, default=Role.MEMBER)
    kind = models.CharField(_("represents"), max_length=12, choices=Kind.choices, default=Kind.CITY)

    class Meta:
        verbose_name = _("commission member")
        verbose_name_plural = _("commission")
        constraints = [models.UniqueConstraint(fields=["call", "user"], name="one_seat_per_call")]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"

    @property
    def role_title(self) -> str:
        """The function with the commission, in the member's own form ("Przewodnicząca komisji")."""
        return wording.role_title(self.role, self.user.address_form)

    @property
    def role_word(self) -> str:
        """The function alone, in the member's own form ("przewodnicząca")."""
        return wording.role_word(self.role, self.user.address_form)
