from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ControlsConfig(AppConfig):
    name = "controls"
    verbose_name = _("Control of grants and returns of money")

    def ready(self):
        # What controls tell the outbox (docs/architecture.md, "Registries").
        from controls import notices
        from notifications import registry as outbox

        outbox.register_planner(notices.planned)
        outbox.register_key_check("control", notices.control_applies)
