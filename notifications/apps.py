from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        # The stages register their reminders, checks and attachments with notifications.registry
        # in their own ready(); notifications itself adds only its section of a user's data.
        from accounts import registry as accounts_registry
        from notifications import selectors

        accounts_registry.register_personal_data("e_mails", selectors.personal_data_e_mails)
