from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContractsConfig(AppConfig):
    name = "contracts"
    verbose_name = _("Contracts and their changes")

    def ready(self):
        # What contracts tell the outbox (docs/architecture.md, "Registries").
        from contracts import notices
        from notifications import registry as outbox
        from notifications import rules

        outbox.register_planner(notices.planned)
        outbox.register_check([kind for kind, _ in rules.REPORT_REMINDERS], notices.report_applies)

        from contracts.final_report import pdf

        pdf.register_documents()  # the final report's PDF (core.pdf)
