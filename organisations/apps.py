from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "organisations"
    verbose_name = _("organisations")

    def ready(self):
        from organisations import receivers  # noqa: F401  (connects the signal receivers)

        # What organisations tell the outbox (docs/architecture.md, "Registries").
        from notifications import registry as outbox
        from organisations import notices

        outbox.register_key_check("invitation", notices.invitation_applies)
