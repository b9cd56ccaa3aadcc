"""The stages fill notifications.registry at start-up: every reminder kind has its check, the
planners run in the order of the stages, and the confirmation has its attachment builder."""
from notifications import registry, rules
from notifications.models import Message

REMINDER_KINDS = [kind for group in (rules.SUBMISSION_REMINDERS, rules.CONFIRMATION_REMINDERS,
                                     rules.SCORING_REMINDERS, rules.NEGOTIATION_REMINDERS, rules.REPORT_REMINDERS)
                  for kind, _ in group]


def test_every_reminder_kind_has_a_still_applies_check():
    assert [kind for kind in REMINDER_KINDS if registry.check_for(kind) is None] == []


def test_checks_are_found_by_the_kind_stored_on_the_row():
    assert registry.check_for(Message.Kind.COMMISSION_COMPLETE) is registry.check_for("commission_complete")
    assert registry.check_for("commission_complete") is not None
    assert registry.check_for("invitation") is not None


def test_planners_run_in_the_order_of_the_stages():
    assert [p.__module__ for p in registry.planners()] == [
        "offers.notices", "evaluation.merit.reminders", "awards.notices", "contracts.notices"]


def test_the_confirmation_attachment_has_a_builder():
    assert registry.attachment_builder("confirmation") is not None
    assert registry.attachment_builder("unknown") is None
