from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        # The final report's PDF (contracts, below reports) is served by this app's PDF cache.
        from contracts.final_report import pdf as final_report_pdf
        from reports import pdf_cache

        final_report_pdf.connect_pdf_cache(source=pdf_cache.Source, respond=pdf_cache.respond)

        from functools import partial

        from notifications import registry as outbox
        from offers.notices import confirmation_attachment
        from reports.views_offers import confirmation_pdf_bytes

        outbox.register_attachment("confirmation", partial(confirmation_attachment, render=confirmation_pdf_bytes))
