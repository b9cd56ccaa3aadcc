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
        from functools import partial

        from offers import documents, notices, providers
        from offers.signals import offer_submitted

        outbox.register_recipients("offer", notices.offer_members)
        outbox.register_sender("offer", notices.offer_sender)
        outbox.register_planner(notices.planned)
        outbox.register_check([kind for kind, _ in reminders.SUBMISSION_REMINDERS], notices.submission_applies)
        outbox.register_check([kind for kind, _ in reminders.CONFIRMATION_REMINDERS], notices.confirmation_applies)
        outbox.register_key_check("offer", notices.offer_applies)
        outbox.register_attachment("confirmation", partial(notices.confirmation_attachment,
                                                           render=documents.confirmation_pdf_bytes))
        offer_submitted.connect(notices.offer_submitted_notice, dispatch_uid="offers.notices.offer_submitted")
        register_commission_facts(offeror_memberships=providers.offeror_memberships)
        register_personal_data("offers_worked_on", providers.personal_data_offers)
        from accounts.registry import register_work
        from offers import work

        register_work("applicant", work.applicant_work)  # "Czeka na mnie"
        register_work("clerk", work.clerk_calls_open)
        documents.register_documents()  # the offer and its confirmation (core.pdf)

        from offers import selectors_partners
        from organisations.registry import register_page_section

        # The organisation's page lists the joint offers waiting for its answer.
        register_page_section(
            "partner_requests", template="offers/includes/_organisation_partner_requests.html",
            context=lambda organisation: {"partner_requests": selectors_partners.partner_request_list_for_organisation(
                organisation=organisation)},
        )
