from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "evaluation"
    verbose_name = _("Evaluation")

    def ready(self):
        from evaluation.formal import services  # noqa: F401  (connects the signal receivers)

        # What evaluation tells the apps below it (docs/architecture.md, "Registries").
        from accounts.registry import register_personal_data
        from competition.registry import register_commission_facts
        from evaluation import providers
        from evaluation.merit import reminders
        from notifications import registry as outbox
        from notifications import rules
        from notifications.models import Message

        outbox.register_planner(reminders.planned)
        outbox.register_check([kind for kind, _ in rules.SCORING_REMINDERS], reminders.scoring_applies)
        outbox.register_check([Message.Kind.COMMISSION_COMPLETE], reminders.complete_applies)
        register_commission_facts(seat_activity=providers.seat_activity,
                                  declarations_exist=providers.declarations_exist)
        register_personal_data("declarations", providers.personal_data_declarations)
        register_personal_data("score_sheets", providers.personal_data_score_sheets)
