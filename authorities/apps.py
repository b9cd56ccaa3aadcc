from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuthoritiesConfig(AppConfig):
    name = "authorities"
    verbose_name = _("Authorities")

    def ready(self):
        # The authority that runs the portal speaks in the footer, the privacy notice and the
        # accessibility statement, over the installation's settings (core knows no authority).
        from django.db.models.signals import post_delete, post_save

        from authorities import middleware, selectors
        from authorities.models import Authority
        from core import operator

        operator.register(selectors.operator_overrides)
        post_save.connect(middleware.forget_domains, sender=Authority, dispatch_uid="authorities_forget_domains")
        post_delete.connect(middleware.forget_domains, sender=Authority, dispatch_uid="authorities_forget_domains_del")
