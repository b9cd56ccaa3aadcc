"""What evaluation tells the apps below it (registered in `EvaluationConfig.ready()`): whether a
commission's members have declared or scored (competition.registry), and a person's
declarations and score sheets, for their personal data (accounts.registry)."""
from django.db.models import Exists, OuterRef

from evaluation.models import Declaration, ScoreSheet


def seat_activity() -> dict:
    """Annotations of a CommissionMember queryset: has the member declared, has the member a sheet."""
    return {
        "has_declarations": Exists(Declaration.objects.filter(member=OuterRef("pk"))),
        "has_sheets": Exists(ScoreSheet.objects.filter(member=OuterRef("pk"))),
    }


def declarations_exist(call) -> bool:
    """Has any member of the call's commission declared (the grounds can no longer change)."""
    return Declaration.objects.filter(member__call=call).exists()


def personal_data_declarations(user, when) -> list[dict]:
    return [{"call": d.offer.call.title, "offer": d.offer.number, "conflict": d.conflict,
             "declared_at": when(d.declared_at), "text": d.text}
            for d in Declaration.objects.filter(member__user=user).select_related("offer__call")]


def personal_data_score_sheets(user, when) -> list[dict]:
    return [{"call": s.offer.call.title, "offer": s.offer.number, "state": s.state, "total": s.total,
             "submitted_at": when(s.submitted_at)}
            for s in ScoreSheet.objects.filter(member__user=user).select_related("offer__call")]
