"""The stages fill notifications.registry at start-up: every reminder kind has its check, the
planners run in the order of the stages, checks are found by kind or by what the message is about, and the confirmation has its attachment builder."""
from notifications import registry, rules
from notifications.models import Message

REMINDER_KINDS = [kind for group in (rules.SUBMISSION_REMINDERS, rules.CONFIRMATION_REMINDERS,
                                     rules.SCORING_REMINDERS, rules.NEGOTIATION_REMINDERS, rules.REPORT_REMINDERS)
                  for kind, _ in group]


# The object each reminder is about, as its planner keys it.
REMINDER_KEYS = {"submission": "offer:1", "confirmation": "offer:1", "scoring": "seat:1", "negotiation": "offer:1",
                 "report": "contract:1"}


def _message(kind, key):
    return Message(kind=kind, object_key=key)


def test_every_reminder_has_a_still_applies_check():
    missing = [kind for kind in REMINDER_KINDS
               if registry.check_for(_message(kind, REMINDER_KEYS[kind.split("_")[0]])) is None]
    assert missing == []


def test_a_kinds_own_check_comes_first_then_the_check_of_what_the_message_is_about():
    assert registry.check_for(_message(Message.Kind.COMMISSION_COMPLETE, "call:3")) is registry.check_for(
        _message("commission_complete", "call:3"))
    assert registry.check_for(_message("commission_complete", "call:3")) is not None
    offer_check = registry.check_for(_message(Message.Kind.PARTNER, "offer:5"))
    assert offer_check is not None
    assert registry.check_for(_message(Message.Kind.SUBMISSION_1D, "offer:5")) is not offer_check
    assert registry.check_for(_message(Message.Kind.AWARD, "invitation:5")) is not None


def test_a_message_about_nothing_a_stage_knows_has_no_check():
    assert registry.check_for(_message(Message.Kind.INVITATION, "test:0")) is None
    assert registry.check_for(_message(Message.Kind.PARTNER, "offer-partner:1:2")) is None
    assert registry.check_for(_message(Message.Kind.AWARD, "award:1:2")) is None


def test_planners_run_in_the_order_of_the_stages():
    assert [p.__module__ for p in registry.planners()] == [
        "competition.notices", "offers.notices", "evaluation.merit.reminders", "awards.notices", "contracts.notices",
        "controls.notices"]


def test_the_confirmation_attachment_has_a_builder():
    assert registry.attachment_builder("confirmation") is not None
    assert registry.attachment_builder("unknown") is None
