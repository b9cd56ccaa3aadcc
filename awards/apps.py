from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Grants and the decision")

    def ready(self):
        from awards import protocol
        from awards.negotiation import services  # noqa: F401 (connects the acceptance of a lower grant)

        protocol.register_documents()  # the commission's protocol (core.pdf)

        # What awards tell the outbox (docs/architecture.md, "Registries").
        from awards import notices
        from notifications import registry as outbox
        from notifications import rules

        outbox.register_planner(notices.planned)
        outbox.register_check([kind for kind, _ in rules.NEGOTIATION_REMINDERS], notices.negotiation_applies)

        from accounts.registry import register_work
        from awards import work

        register_work("authority", work.authority_work)  # "Czeka na mnie"
        register_work("clerk", work.clerk_publication_work)
