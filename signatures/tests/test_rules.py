"""The pure rules: names, who represents an offeror, joint representation, the deadline, judging a file."""
from datetime import datetime, timedelta, timezone

import pytest

from signatures import rules

T0 = datetime(2026, 3, 2, 10, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Anna Kowalska", "KOWALSKA ANNA", True),  # case and order of given and family name
    ("Zofia Łęcka", "Zofia Lecka", True),  # diacritics, ł included
    ("Anna Kowalska", "Anna Maria Kowalska", True),  # a second given name in the certificate
    ("Anna Kowalska-Nowak", "Anna Kowalska Nowak", True),
    ("Anna Kowalska", "Anna Nowak", False),
    ("Kowalska", "Anna Kowalska", False),  # one word is not a name
    ("", "Anna Kowalska", False),
])
def test_names_match_whatever_the_case_diacritics_and_order(a, b, same):
    assert rules.same_person(a, b) is same


def test_certificate_name_prefers_given_name_and_surname():
    assert rules.certificate_name({"given_name": "Jan", "surname": "Nowak", "common_name": "J. N."}) == "Jan Nowak"
    assert rules.certificate_name({"common_name": "Jan Nowak"}) == "Jan Nowak"


def test_every_person_named_signs_when_the_offer_states_no_way_of_representation():
    rep = rules.representation("Fundacja", ["Anna Kowalska – prezes", "Jan Nowak - skarbnik"])
    assert rep.persons == ["Anna Kowalska", "Jan Nowak"]
    assert rep.required == 2


@pytest.mark.parametrize(("line", "required"), [
    ("Sposób reprezentacji: dwie osoby łącznie", 2),
    ("dwóch członków zarządu łącznie", 2),
    ("każdy członek zarządu samodzielnie", 1),
    ("jednoosobowo prezes", 1),
    ("Sposób reprezentacji: 2 osoby łącznie", 2),
])
def test_a_line_stating_the_way_of_representation_sets_how_many_sign(line, required):
    rep = rules.representation("Stowarzyszenie", ["Anna Kowalska – prezes", "Jan Nowak – wiceprezes",
                                                   "Piotr Zieliński – skarbnik", line])
    assert rep.persons == ["Anna Kowalska", "Jan Nowak", "Piotr Zieliński"]
    assert rep.required == required


def test_joint_representation_is_complete_with_any_two_and_says_when():
    rep = rules.representation("Stowarzyszenie", ["Anna Kowalska – prezes", "Jan Nowak", "Piotr Zieliński",
                                                   "dwie osoby łącznie"])
    one = rules.offeror_signed(rep, [rules.Signature("Piotr Zielinski", T0)])
    assert not one.complete and one.signed == ["Piotr Zieliński"] and one.missing == ["Anna Kowalska", "Jan Nowak"]
    two = rules.offeror_signed(rep, [rules.Signature("Piotr Zielinski", T0),
                                     rules.Signature("KOWALSKA Anna", T0 + timedelta(hours=2))])
    assert two.complete and two.complete_at == T0 + timedelta(hours=2)


def test_strangers_are_signers_no_offeror_names():
    reps = [rules.representation("A", ["Anna Kowalska"]), rules.representation("B", ["Jan Nowak"])]
    assert rules.strangers(reps, [rules.Signature("Jan Nowak", T0), rules.Signature("Ewa Mróz", T0)]) == ["Ewa Mróz"]


def _status(*signed_per_offeror):
    reps = [rules.representation(f"Org {i}", ["Anna Kowalska", "Jan Nowak"]) for i in range(len(signed_per_offeror))]
    return rules.SignedStatus(offerors=[rules.offeror_signed(rep, sigs) for rep, sigs in zip(reps, signed_per_offeror)],
                              uploads=1, refused=0)


def test_status_says_who_signed_and_who_is_missing():
    value, reason = rules.status_reason(_status([rules.Signature("Anna Kowalska", T0)]), T0 + timedelta(days=1))
    assert value is False
    assert "Anna Kowalska" in reason and "Jan Nowak" in reason


def test_status_yes_when_everyone_needed_signed_by_the_deadline_and_no_when_late():
    both = [rules.Signature("Anna Kowalska", T0), rules.Signature("Jan Nowak", T0 + timedelta(minutes=5))]
    assert rules.status_reason(_status(both), T0 + timedelta(minutes=5))[0] is True
    assert rules.status_reason(_status(both), T0 + timedelta(minutes=4))[0] is False


def test_a_joint_offer_needs_every_offeror_signed():
    both = [rules.Signature("Anna Kowalska", T0), rules.Signature("Jan Nowak", T0)]
    assert rules.status_reason(_status(both, both[:1]), T0 + timedelta(days=1))[0] is False


def _result(*signers, covers=True, errors=()):
    return {"covers": covers, "errors": list(errors), "other_version": None, "signatures": [
        {"name": name, "subject": name, "problem": problem, "signed_at": at.isoformat()} for name, problem, at in signers]}


def test_judge_accepts_a_valid_representative_and_refuses_the_rest():
    reps = [rules.representation("A", ["Anna Kowalska – prezes", "Jan Nowak – skarbnik"])]
    deadline = T0 + timedelta(days=1)
    ok = _result(("Anna Kowalska", "", T0))
    assert rules.judge(ok, reps, deadline) and ok["signatures"][0]["counts"]
    stranger = _result(("Ewa Mróz", "", T0))
    assert not rules.judge(stranger, reps, deadline)
    assert stranger["signatures"][0]["problems"] == [rules.NOT_REPRESENTATIVE]
    revoked = _result(("Anna Kowalska", rules.REVOKED, T0))
    assert not rules.judge(revoked, reps, deadline)
    late = _result(("Anna Kowalska", "", deadline + timedelta(seconds=1)))
    assert rules.judge(late, reps, deadline) and late["signatures"][0]["problems"] == [rules.LATE]
    other = _result(("Anna Kowalska", "", T0), covers=False, errors=[{"code": rules.OTHER_VERSION, "params": {}}])
    assert not rules.judge(other, reps, deadline)


def test_problems_are_named_in_words():
    reps = [rules.representation("A", ["Anna Kowalska"])]
    result = _result(("Ewa Mróz", "", T0), covers=False, errors=[{"code": rules.OTHER_VERSION, "params": {}}])
    result["other_version"] = 1
    rules.judge(result, reps, T0 + timedelta(days=1))
    words = rules.problems(result, version=2, checksum="abcd", deadline=T0 + timedelta(days=1))
    assert any("wersji 1" in w and "wersji 2" in w for w in words) or any("version 1" in w for w in words)
    assert any("Ewa Mróz" in w for w in words)
