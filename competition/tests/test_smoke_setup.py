from competition.services import call_validate


def test_call_factory_builds_a_publishable_draft(draft_call):
    assert call_validate(draft_call) == []


def test_reference_call_has_the_announcement_budget(reference_call):
    assert str(reference_call.total_budget) == "66200.00"
    assert reference_call.max_points == 65
