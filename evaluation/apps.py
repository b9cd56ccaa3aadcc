from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "evaluation"
    verbose_name = _("Evaluation")

    def ready(self):
        from competition.models import Call
        from competition.stages import register_stage_entry
        from evaluation.formal import services  # (also connects the signal receivers)

        # The clerk's stage buttons open and settle the offers' formal sheets (competition.stages).
        register_stage_entry(Call.State.FORMAL_CHECK, services.formal_check_start)
        register_stage_entry(Call.State.MERIT_EVALUATION, services.formal_check_close)

        # What evaluation tells the apps below it (docs/architecture.md, "Registries").
        from accounts.registry import register_personal_data
        from competition.registry import register_commission_facts
        from evaluation import providers
        from evaluation.merit import reminders
        from notifications import registry as outbox
        from notifications.models import Message

        outbox.register_planner(reminders.planned)
        outbox.register_key_check("seat", reminders.scoring_applies)
        outbox.register_check([Message.Kind.COMMISSION_COMPLETE], reminders.complete_applies)
        register_commission_facts(seat_activity=providers.seat_activity,
                                  declarations_exist=providers.declarations_exist)
        register_personal_data("declarations", providers.personal_data_declarations)
        register_personal_data("score_sheets", providers.personal_data_score_sheets)
        from accounts.registry import register_work
        from evaluation import work

        register_work("member", work.member_work)  # "Czeka na mnie"
        register_work("chair", work.chair_work)
        register_work("clerk", work.clerk_work)

        from evaluation.formal.services.sheets import signatures_recorded
        from signatures.registry import register_recorded

        register_recorded(signatures_recorded)  # a signed confirmation refreshes the computed answers
