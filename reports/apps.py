from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        # The confirmation PDF attached to "offer received" (offers.notices); it is rendered here
        # until it moves to offers with the other stages' PDFs (docs/architecture.md, "Registries").
        from functools import partial

        from notifications import registry as outbox
        from offers.notices import confirmation_attachment
        from reports.views_offers import confirmation_pdf_bytes

        outbox.register_attachment("confirmation", partial(confirmation_attachment, render=confirmation_pdf_bytes))
