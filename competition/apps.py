from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetitionConfig(AppConfig):
    name = "competition"
    verbose_name = _("Calls")

    def ready(self):
        from competition import notices
        from notifications import registry as outbox

        # the reminder about a publication the Act requires and nobody recorded (competition.notices)
        outbox.register_planner(notices.planned)
        outbox.register_check([notices.KIND], notices.publication_missing_applies)
