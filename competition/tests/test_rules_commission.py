"""The commission's rules (competition.rules_commission) on plain values: no database.

Messages are translated, so a test compares a message with the rule's own constant filled
in the same way (true in any language), or looks for the names and dates it must repeat.
"""
from datetime import UTC, datetime, timedelta

import pytest

from competition import rules_commission as rules
from competition.models import Call, CommissionMember
from competition.rules import WARSAW

ALL_STATES = [state for state, _ in Call.State.choices]
OPEN_STATES = ["draft", "published", "submission_closed", "formal_check", "merit_evaluation"]
DEADLINE = datetime(2026, 3, 31, 15, 30, tzinfo=WARSAW)


def test_the_rules_use_the_models_values():
    assert {rules.MEMBER, rules.CHAIR, rules.SECRETARY} == set(CommissionMember.Role.values)
    assert rules.EXPERT in CommissionMember.Kind.values
    assert set(rules.COMMISSION_STATES) <= set(Call.State.values)


@pytest.mark.parametrize("state", ALL_STATES)
def test_the_commission_changes_only_until_the_merit_evaluation_closes(state):
    message = rules.commission_frozen(state, stage="ETAP")
    if state in OPEN_STATES:
        assert message is None
    else:
        assert message == rules.COMMISSION_FROZEN % {"stage": "ETAP"}
        assert "ETAP" in message


@pytest.mark.parametrize(
    ("role", "holder", "expected"),
    [
        ("chair", None, None),
        ("chair", "Anna Nowak", rules.CHAIR_TAKEN),
        ("secretary", None, None),
        ("secretary", "Anna Nowak", rules.SECRETARY_TAKEN),
        ("member", "Anna Nowak", None),
    ],
)
def test_one_chair_and_one_secretary(role, holder, expected):
    message = rules.single_function_violation(role, holder=holder)
    if expected is None:
        assert message is None
    else:
        assert message == expected % {"name": holder}
        assert "Anna Nowak" in message


@pytest.mark.parametrize(
    ("role", "kind", "refused"),
    [
        ("chair", "expert", True),
        ("chair", "city", False),
        ("chair", "ngo", False),
        ("secretary", "expert", False),
        ("member", "expert", False),
    ],
)
def test_an_expert_cannot_chair(role, kind, refused):
    message = rules.expert_chair_violation(role, kind)
    assert (message == str(rules.EXPERT_CANNOT_CHAIR)) if refused else message is None


@pytest.mark.parametrize(
    ("organisations", "refused"),
    [([], False), ([""], False), (["Stowarzyszenie Razem"], True), (["Fundacja A", "Stowarzyszenie B"], True)],
)
def test_a_member_of_an_offeror_cannot_sit_on_the_commission(organisations, refused):
    message = rules.offeror_violation("Jan Kowalski", organisations)
    if not refused:
        assert message is None
        return
    assert "Jan Kowalski" in message
    for name in organisations:
        assert name in message


def test_already_a_member():
    assert rules.already_member_violation("Jan Kowalski", is_member=False) is None
    assert rules.already_member_violation("Jan Kowalski", is_member=True) == rules.ALREADY_MEMBER % {
        "person": "Jan Kowalski"
    }


@pytest.mark.parametrize(
    ("declarations", "sheets", "refused"),
    [(False, False, False), (True, False, True), (False, True, True), (True, True, True)],
)
def test_a_member_who_declared_or_scored_stays(declarations, sheets, refused):
    message = rules.removal_violation("Jan Kowalski", has_declarations=declarations, has_sheets=sheets)
    if refused:
        assert message == rules.CANNOT_REMOVE % {"person": "Jan Kowalski"}
    else:
        assert message is None


@pytest.mark.parametrize(
    ("old", "new", "sheets", "refused"),
    [
        ("city", "expert", True, True),
        ("ngo", "expert", True, True),
        ("city", "expert", False, False),
        ("expert", "expert", True, False),
        ("city", "ngo", True, False),
        ("expert", "city", False, False),
    ],
)
def test_a_member_with_a_score_sheet_does_not_become_an_expert(old, new, sheets, refused):
    message = rules.kind_change_violation("Jan Kowalski", old_kind=old, new_kind=new, has_sheets=sheets)
    if refused:
        assert message == rules.EXPERT_WITH_SHEETS % {"person": "Jan Kowalski"}
    else:
        assert message is None


@pytest.mark.parametrize(("value", "refused"), [(None, False), (1, False), (5, False), (0, True), (-2, True)])
def test_min_sheets_is_at_least_one_when_given(value, refused):
    message = rules.min_sheets_violation(value)
    assert (message == str(rules.MIN_SHEETS_TOO_LOW)) if refused else message is None


@pytest.mark.parametrize(
    ("lines", "refused"),
    [([], True), ([""], True), (["  ", "\t"], True), (["Jestem oferentem."], False), (["", " a "], False)],
)
def test_at_least_one_ground_for_exclusion(lines, refused):
    message = rules.grounds_violation(lines)
    assert (message == str(rules.GROUNDS_EMPTY)) if refused else message is None


def test_grounds_are_stored_trimmed_without_empty_lines():
    assert rules.clean_grounds(["  pierwsza ", "", "   ", "druga"]) == ["pierwsza", "druga"]


@pytest.mark.parametrize(
    ("old", "new", "declared", "refused"),
    [
        (["a", "b"], ["a", "b", "c"], True, True),
        (["a", "b"], ["b", "a"], True, True),
        (["a", "b"], [" a ", "b", ""], True, False),
        (["a", "b"], ["a", "b", "c"], False, False),
    ],
)
def test_grounds_are_fixed_once_anyone_declared(old, new, declared, refused):
    message = rules.grounds_change_violation(old=old, new=new, declarations_exist=declared)
    assert (message == str(rules.GROUNDS_LOCKED)) if refused else message is None


@pytest.mark.parametrize(
    ("scoring", "refused"),
    [
        (None, False),
        (DEADLINE + timedelta(minutes=1), False),
        (DEADLINE + timedelta(days=14), False),
        (DEADLINE, True),
        (DEADLINE - timedelta(days=1), True),
    ],
)
def test_scoring_deadline_is_after_the_submission_deadline(scoring, refused):
    message = rules.scoring_deadline_violation(scoring, DEADLINE)
    if refused:
        assert message == rules.SCORING_DEADLINE_TOO_EARLY % {"deadline": "31.03.2026 15:30"}
    else:
        assert message is None


def test_the_submission_deadline_is_shown_in_warsaw_time():
    utc_deadline = datetime(2026, 7, 1, 8, 0, tzinfo=UTC)  # 10:00 in Warsaw (summer time)
    message = rules.scoring_deadline_violation(utc_deadline - timedelta(hours=1), utc_deadline)
    assert "01.07.2026 10:00" in message
