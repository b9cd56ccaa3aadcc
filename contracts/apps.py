from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContractsConfig(AppConfig):
    name = "contracts"
    verbose_name = _("Contracts and their changes")

    def ready(self):
        # What contracts tell the outbox (docs/architecture.md, "Registries").
        from contracts import notices
        from notifications import registry as outbox

        outbox.register_planner(notices.planned)
        outbox.register_key_check("contract", notices.contract_applies)

        from awards import registry as awards_registry
        from contracts.termination.selectors import contract_states

        awards_registry.register_contract_states(contract_states)  # withdrawal and re-allocation ask

        from contracts.final_report import pdf

        pdf.register_documents()  # the final report's PDF (core.pdf)
