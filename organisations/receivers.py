"""Messages queued on the organisations' own events (connected in `OrganisationsConfig.ready()`):
organisations call notifications, never the reverse."""
from django.conf import settings
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from core import operator
from accounts.models import User
from notifications.services import queue, queue_address
from organisations.rules import mask_iban
from organisations.signals import bank_account_changed


@receiver(bank_account_changed)
def _bank_account_changed(sender, change, previous_email="", **kwargs):
    """Every member of the organisation, and its own address as it was before the edit, is told
    that the account the grant will be paid to has changed: the old and the new account masked
    but for their last four digits, who changed it and when, and what to do if it was not them.
    A legal notice (always sent), queued in the change's transaction, sent after its commit."""
    from accounts.models import Notice

    organisation = change.organisation
    users = list(User.objects.filter(memberships__organisation=organisation, is_active=True).distinct())
    with override(settings.LANGUAGE_CODE):
        values = {
            "organisation": " ".join(organisation.name.split()),
            "at": timezone.localtime(change.at).strftime("%d.%m.%Y %H:%M"),
            "who": (change.by.get_full_name() or change.by.email) if change.by else _("the system"),
            "old": mask_iban(change.old_account) or _("(none)"),
            "new": mask_iban(change.new_account) or _("(none)"),
            "operator": operator.name(),
        }
        subject = _("The bank account of %(organisation)s was changed") % values
        text = _("On %(at)s %(who)s changed the bank account of %(organisation)s in the portal from %(old)s to "
                 "%(new)s. A grant is paid to the account in the organisation's data. If neither you nor a "
                 "colleague you know of made this change, log in at once, check the organisation's data and its "
                 "history, correct the account, change your password and tell the office (%(operator)s): someone "
                 "else may have access to an account of your organisation.") % values
        url = reverse("offers:organisation_detail", kwargs={"pk": organisation.pk}) + "#history"
        key = f"bank_account:{change.pk}"
        Notice.objects.bulk_create(Notice(user=u, title=subject, body=text, url=url) for u in users)
        queue(kind="bank_account", users=users, object_key=key, subject=subject, text=text, url=url, legal=True)
        address = (previous_email or "").strip()
        if address and address.lower() not in {u.email.lower() for u in users}:
            body = render_to_string("notifications/email.txt", {"text": text, "link": settings.PORTAL_BASE_URL.rstrip("/") + url})
            queue_address(kind="bank_account", email=address, object_key=key, subject=subject, body=body)
