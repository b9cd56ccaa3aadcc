from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Grants and the decision")

    def ready(self):
        from awards import protocol, services_negotiation  # noqa: F401 (connects the acceptance of a lower grant)

        protocol.register_documents()
