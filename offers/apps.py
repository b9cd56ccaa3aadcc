from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OffersConfig(AppConfig):
    name = "offers"
    verbose_name = _("Offers")

    def ready(self):
        from offers import selectors_partners
        from organisations.registry import register_page_section

        # The organisation's page lists the joint offers waiting for its answer.
        register_page_section(
            "partner_requests", template="offers/includes/_organisation_partner_requests.html",
            context=lambda organisation: {"partner_requests": selectors_partners.partner_request_list_for_organisation(
                organisation=organisation)},
        )
