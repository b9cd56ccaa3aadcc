from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuthoritiesConfig(AppConfig):
    name = "authorities"
    verbose_name = _("Authorities")

    def ready(self):
        # The authority that runs the portal speaks in the footer, the privacy notice and the
        # accessibility statement, over the installation's settings (core knows no authority).
        from authorities import selectors
        from core import operator

        operator.register(selectors.operator_overrides)
