"""Every family of limits on the models: a text of N characters is accepted, N+1 refused in
Polish by `full_clean()` (TextField's max_length alone is only a form hint in Django)."""
import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import translation

from core import limits

FIELDS = [
    ("offers.Offer", "synthetic_description", limits.LONG_TEXT),
    ("offers.Offer", "direct_effects", limits.TEXT),
    ("offers.Offer", "other_information", limits.TEXT),
    ("offers.ScheduleRow", "description", limits.NOTE),
    ("organisations.Organisation", "representatives", limits.NOTE),
    ("competition.Call", "grant_rules", limits.CALL_SECTION),
    ("competition.Call", "legal_basis", limits.TEXT),
    ("competition.Action", "description", limits.TEXT),
    ("evaluation.CorrectionRequest", "defects", limits.TEXT),
    ("evaluation.ScoreSheet", "opinion", limits.LONG_TEXT),
    ("controls.Control", "findings", limits.LONG_TEXT),
    ("controls.Control", "recommendations", limits.TEXT),
    ("controls.GrantReturn", "reason", limits.TEXT),
    ("evaluation.CriterionScore", "justification", limits.TEXT),
    ("contracts.FinalReport", "execution", limits.LONG_TEXT),
    ("contracts.ReportResult", "justification", limits.TEXT),
    ("contracts.ChangeRequest", "justification", limits.TEXT),
]


@pytest.mark.parametrize(("model", "name", "limit"), FIELDS, ids=[f"{m}.{n}" for m, n, _ in FIELDS])
def test_a_text_at_the_limit_is_accepted_and_one_more_character_refused(model, name, limit):
    field = apps.get_model(model)._meta.get_field(name)
    assert field.max_length == limit
    field.clean("słowo " * (limit // 6) + "x" * (limit % 6), None)
    with translation.override("pl"), pytest.raises(ValidationError) as exc:
        field.clean("a" * (limit + 1), None)
    assert exc.value.messages == [
        f"Limit znaków w tym polu: {limit}. Wpisany tekst ma ich {limit + 1}, czyli o 1 za dużo — skróć go."]


@pytest.mark.parametrize(("model", "name", "limit"), FIELDS[:4], ids=[f"{m}.{n}" for m, n, _ in FIELDS[:4]])
def test_the_model_form_field_carries_the_same_limit(model, name, limit):
    assert apps.get_model(model)._meta.get_field(name).formfield().max_length == limit
