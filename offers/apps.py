from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OffersConfig(AppConfig):
    name = "offers"
    verbose_name = _("Offers")

    def ready(self):
        # What offers tell the apps below them (docs/architecture.md, "Registries").
        from accounts.registry import register_personal_data
        from competition.registry import register_commission_facts
        from notifications import registry as outbox
        from notifications import rules as reminders
        from offers import notices, notices_organisation, providers
        from offers.signals import bank_account_changed, offer_submitted

        outbox.register_recipients("offer", notices.offer_members)
        outbox.register_planner(notices.planned)
        outbox.register_check([kind for kind, _ in reminders.SUBMISSION_REMINDERS], notices.submission_applies)
        outbox.register_check([kind for kind, _ in reminders.CONFIRMATION_REMINDERS], notices.confirmation_applies)
        outbox.register_check(["partner"], notices.partner_applies)
        outbox.register_check(["invitation"], notices_organisation.invitation_applies)
        offer_submitted.connect(notices.offer_submitted_notice, dispatch_uid="offers.notices.offer_submitted")
        bank_account_changed.connect(notices_organisation.bank_account_changed_notice,
                                     dispatch_uid="offers.notices_organisation.bank_account_changed")
        register_commission_facts(offeror_memberships=providers.offeror_memberships)
        register_personal_data("offers_worked_on", providers.personal_data_offers)
