from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        # Its own sections of a user's personal data; the apps above add theirs (accounts.registry).
        from accounts import registry, selectors

        registry.register_personal_data("account", selectors.personal_data_account)
        registry.register_personal_data("organisations", selectors.personal_data_organisations)
        registry.register_personal_data("commission_seats", selectors.personal_data_commission_seats)
        registry.register_personal_data("notices", selectors.personal_data_notices)
