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
