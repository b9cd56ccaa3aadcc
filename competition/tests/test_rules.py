"""The rules of a call document (competition.rules), on plain data: no database.

Each case mutates the valid reference document (Hajnówka 2019) in one way and expects the
error at exactly the named paths. Messages are translated, so the tests look at paths and
at the numbers and values a message repeats, never at its wording.
"""
import json
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from demo import reference_document
from competition.rules import (
    CLOSED,
    DECIDED,
    ANNULLED,
    DRAFT,
    FORMAL_CHECK,
    FORMAT,
    MERIT_EVALUATION,
    PUBLISHED,
    REQUIRED_STRINGS,
    SCORED,
    SUBMISSION_CLOSED,
    TRANSITIONS,
    WARSAW,
    CallDocumentError,
    FieldError,
    can_transition,
    criterion_max_points,
    document_diff,
    parse_call_document,
    publication_errors,
    scale_errors,
    scale_points,
    total_budget,
)

SECOND_CALL = Path(__file__).resolve().parents[2] / "docs" / "examples" / "second-call.json"

# Indexes into the reference document.
F, G, H = 5, 6, 7  # merit criteria f (LPR projects), g (offerors), h (zones)


def errors_of(doc) -> list[FieldError]:
    try:
        parse_call_document(doc)
    except CallDocumentError as exc:
        assert exc.errors, "CallDocumentError without errors"
        return exc.errors
    return []


def paths_of(doc) -> set[str]:
    return {e.path for e in errors_of(doc)}


def put(*keys, value):
    """A mutation that sets doc[k1][k2]...[kn] = value."""

    def mutate(doc):
        target = doc
        for key in keys[:-1]:
            target = target[key]
        target[keys[-1]] = value

    return mutate


def drop(*keys):
    def mutate(doc):
        target = doc
        for key in keys[:-1]:
            target = target[key]
        del target[keys[-1]]

    return mutate


def both(*mutations):
    def mutate(doc):
        for m in mutations:
            m(doc)

    return mutate


@pytest.fixture
def doc():
    return reference_document()


# --- the valid documents -------------------------------------------------------------------


def test_reference_document_parses_without_errors(doc):
    parsed = parse_call_document(doc)

    assert total_budget(parsed["actions"]) == Decimal("66200.00")
    assert [a["budget"] for a in parsed["actions"]] == [
        Decimal("30000.00"),
        Decimal("5000.00"),
        Decimal("7200.00"),
        Decimal("24000.00"),
    ]
    assert parsed["max_points"] == 65
    assert sum(criterion_max_points(c) for c in parsed["merit_criteria"]) == 65
    assert [criterion_max_points(c) for c in parsed["merit_criteria"]] == [10, 10, 5, 5, 10, 10, 10, 5]
    assert parsed["min_actions"] == 2
    assert parsed["max_grant_share"] == Decimal("0.90")
    assert parsed["max_admin_share"] == Decimal("0.15")
    assert parsed["report_days"] == 30
    assert parsed["submission_start"] is None
    assert parsed["submission_deadline"] == datetime(2019, 5, 20, 23, 59, 59, tzinfo=WARSAW)
    assert parsed["decision_date"] == date(2019, 6, 14)
    assert len(parsed["zones"]) == 7
    assert len(parsed["lpr_projects"]) == 11
    assert [c["auto_check"] for c in parsed["formal_criteria"]] == [
        "submitted_on_time",
        "confirmation_on_time",
        "eligible_entity",
        "zones_covered",
    ]


def test_second_example_call_parses_without_errors():
    parsed = parse_call_document(json.loads(SECOND_CALL.read_text(encoding="utf-8")))

    assert [a["code"] for a in parsed["actions"]] == ["1", "2", "3"]
    assert total_budget(parsed["actions"]) == Decimal("50250.00")
    assert parsed["max_points"] == 42
    assert parsed["min_actions"] == 1
    assert (parsed["max_grant_share"], parsed["max_admin_share"]) == (Decimal("0.80"), Decimal("0.10"))
    assert parsed["submission_start"] < parsed["submission_deadline"]
    assert [c["source"] for c in parsed["merit_criteria"] if c["kind"] == "scale"] == [
        "offerors",
        "zones",
        "lpr_projects",
    ]


def test_parsing_does_not_change_the_document(doc):
    before = json.dumps(doc, sort_keys=True)
    parse_call_document(doc)
    assert json.dumps(doc, sort_keys=True) == before


# --- one case per rule ---------------------------------------------------------------------

RULE_CASES = [
    # money
    pytest.param(put("actions", 0, "budget", value="-100.00"), {"actions[0].budget"}, "100,00", id="negative-budget"),
    pytest.param(put("actions", 0, "budget", value="0.00"), {"actions[0].budget"}, None, id="zero-budget"),
    pytest.param(put("actions", 2, "budget", value="7200.005"), {"actions[2].budget"}, "2", id="three-decimal-places"),
    pytest.param(put("actions", 0, "budget", value=30000.5), {"actions[0].budget"}, None, id="float-money"),
    pytest.param(put("actions", 1, "budget", value="pięć tysięcy"), {"actions[1].budget"}, "pięć tysięcy", id="money-not-a-number"),
    pytest.param(put("actions", 1, "budget", value="NaN"), {"actions[1].budget"}, None, id="money-nan"),
    pytest.param(drop("actions", 3, "budget"), {"actions[3].budget"}, None, id="missing-budget"),
    pytest.param(put("actions", 0, "indicators", 0, "minimum", value="-1"), {"actions[0].indicators[0].minimum"}, None,
                 id="negative-indicator-minimum"),
    pytest.param(put("actions", 0, "indicators", 0, "minimum", value=100.0), {"actions[0].indicators[0].minimum"}, None,
                 id="float-indicator-minimum"),
    pytest.param(put("actions", 0, "indicators", 1, "name", value=""), {"actions[0].indicators[1].name"}, None,
                 id="indicator-without-name"),
    pytest.param(put("actions", 0, "indicators", 1, value="liczba wydarzeń"), {"actions[0].indicators[1]"}, None,
                 id="indicator-not-an-object"),
    # dates
    pytest.param(put("decision_date", value="2019-05-19"), {"decision_date"}, None, id="deadline-after-decision"),
    pytest.param(put("confirmation_deadline", value="2019-05-20T23:00:00+02:00"), {"confirmation_deadline"}, None,
                 id="confirmation-before-deadline"),
    pytest.param(put("announcement_date", value="2019-04-30"), {"submission_deadline"}, "21",
                 id="twenty-days-between-announcement-and-deadline"),
    pytest.param(put("submission_start", value="2019-05-21T08:00:00+02:00"), {"submission_start"}, None,
                 id="submission-start-after-deadline"),
    pytest.param(put("realisation_end", value="2019-06-30"), {"realisation_end"}, None, id="realisation-end-before-start"),
    pytest.param(both(put("realisation_start", value="2019-06-01"), put("realisation_end", value="2019-06-10")),
                 {"realisation_end"}, None, id="realisation-ends-before-decision"),
    pytest.param(put("announcement_date", value="24.04.2019"), {"announcement_date"}, None, id="date-not-iso"),
    pytest.param(put("decision_date", value="2019-02-30"), {"decision_date"}, None, id="date-that-does-not-exist"),
    pytest.param(put("realisation_start", value=None), {"realisation_start"}, None, id="date-missing"),
    pytest.param(put("realisation_start", value=20190701), {"realisation_start"}, None, id="date-as-number"),
    pytest.param(put("submission_deadline", value="20.05.2019 23:59"), {"submission_deadline"}, None, id="moment-not-iso"),
    pytest.param(drop("confirmation_deadline"), {"confirmation_deadline"}, None, id="moment-missing"),
    # scales
    pytest.param(put("merit_criteria", H, "steps", 2, "points", value=1), {f"merit_criteria[{H}].steps"}, "1",
                 id="scale-points-decreasing"),
    pytest.param(put("merit_criteria", H, "steps", 1, "min_count", value=3), {f"merit_criteria[{H}].steps"}, "3",
                 id="scale-threshold-repeated"),
    pytest.param(put("merit_criteria", G, "steps", 2, "min_count", value=1), {f"merit_criteria[{G}].steps"}, None,
                 id="scale-threshold-decreasing"),
    pytest.param(put("merit_criteria", F, "steps", value=[]), {f"merit_criteria[{F}].steps"}, None,
                 id="empty-scale"),
    pytest.param(put("merit_criteria", F, "steps", 0, "points", value=-1), {f"merit_criteria[{F}].steps[0].points"},
                 None, id="negative-scale-points"),
    pytest.param(put("merit_criteria", F, "steps", 1, "min_count", value="1"), {f"merit_criteria[{F}].steps[1].min_count"},
                 None, id="scale-threshold-not-a-number"),
    # uniqueness
    pytest.param(put("actions", 1, "code", value="A"), {"actions[1].code"}, "A", id="duplicate-action-code"),
    pytest.param(put("zones", 3, value="Chemiczna"), {"zones[3]"}, "Chemiczna", id="duplicate-zone-name"),
    pytest.param(put("zones", 0, value="  "), {"zones[0]"}, None, id="empty-zone-name"),
    pytest.param(put("lpr_projects", 1, "code", value="1a"), {"lpr_projects[1].code"}, "1a", id="duplicate-lpr-code"),
    pytest.param(put("merit_criteria", 1, "code", value="a"), {"merit_criteria[1].code"}, "a", id="duplicate-merit-code"),
    # closed vocabularies
    pytest.param(put("merit_criteria", G, "source", value="partners"), {f"merit_criteria[{G}].source"}, "partners",
                 id="unknown-criterion-source"),
    pytest.param(put("merit_criteria", 0, "kind", value="points"), {"merit_criteria[0].kind"}, None,
                 id="unknown-criterion-kind"),
    pytest.param(put("formal_criteria", 1, "auto_check", value="signed_by_board"), {"formal_criteria[1].auto_check"},
                 "signed_by_board", id="unknown-auto-check"),
    pytest.param(put("eligible_entity_types", 2, value="company"), {"eligible_entity_types[2]"}, "company",
                 id="unknown-legal-form"),
    pytest.param(put("eligible_entity_types", value=[]), {"eligible_entity_types"}, None, id="empty-eligible-list"),
    pytest.param(put("eligible_entity_types", value=["foundation", "foundation"]), {"eligible_entity_types"}, None,
                 id="repeated-legal-form"),
    # criteria
    pytest.param(put("merit_criteria", 0, "subcriteria", value=[]), {"merit_criteria[0].subcriteria"}, None,
                 id="judgement-without-subcriteria"),
    pytest.param(put("merit_criteria", 0, "subcriteria", 0, "min", value=3), {"merit_criteria[0].subcriteria[0].max"}, "3",
                 id="subcriterion-empty-range"),
    pytest.param(put("merit_criteria", 0, "subcriteria", 0, "max", value=0), {"merit_criteria[0].subcriteria[0].max"}, None,
                 id="subcriterion-max-zero"),
    pytest.param(put("merit_criteria", value=[]), {"merit_criteria"}, None, id="no-merit-criteria"),
    pytest.param(put("zones", value=[]), {f"merit_criteria[{H}].source", "formal_criteria[3].auto_check",
                                          "actions[0].indicators[2].source"}, None,
                 id="zones-counted-but-none-listed"),
    pytest.param(put("lpr_projects", value=[]), {f"merit_criteria[{F}].source"}, None, id="lpr-counted-but-none-listed"),
    pytest.param(put("required_attachments", value=["statut", "statut"]), {"required_attachments[1]"}, "statut",
                 id="repeated-required-attachment"),
    pytest.param(put("authority", "name_genitive", value="Burmistrza Miasta " + "x" * 200), {"authority.name_genitive"}, "200",
                 id="authority-too-long"),
    pytest.param(put("slug", value="Hajnówka 2019"), {"slug"}, None, id="slug-with-spaces-and-diacritics"),
    pytest.param(put("eligible_entity_types", 0, value={"x": 1}), {"eligible_entity_types[0]"}, None,
                 id="legal-form-not-text"),
    pytest.param(put("actions", 0, "target_groups", 0, value=None), {"actions[0].target_groups[0]"}, None,
                 id="target-group-not-text"),
    pytest.param(put("actions", 0, "budget", value="1000000000000.00"), {"actions[0].budget"}, None,
                 id="budget-too-large"),
    pytest.param(put("min_actions", value=40000), {"min_actions"}, "32767", id="integer-too-large"),
    pytest.param(put("formal_criteria", value=[]), {"formal_criteria"}, None, id="no-formal-criteria"),
    pytest.param(put("formal_criteria", 0, "question", value=""), {"formal_criteria[0].question"}, None,
                 id="formal-criterion-without-question"),
    pytest.param(put("formal_criteria", 0, "question", value="?" * 501), {"formal_criteria[0].question"}, "500",
                 id="formal-question-too-long"),
    # actions
    pytest.param(put("actions", value=[]), {"actions"}, None, id="no-actions"),
    pytest.param(put("actions", value={"A": {}}), {"actions"}, None, id="actions-not-a-list"),
    pytest.param(put("actions", 0, value="A"), {"actions[0]"}, None, id="action-not-an-object"),
    pytest.param(put("actions", 0, "code", value="ABCDEFGHIJK"), {"actions[0].code"}, "10", id="action-code-too-long"),
    pytest.param(put("actions", 0, "target_groups", value="dzieci"), {"actions[0].target_groups"}, None,
                 id="target-groups-not-a-list"),
    # totals and limits
    pytest.param(put("min_actions", value=5), {"min_actions"}, "4", id="min-actions-above-number-of-actions"),
    pytest.param(put("min_actions", value=0), {"min_actions"}, "1", id="min-actions-zero"),
    pytest.param(put("max_points", value=64), {"max_points"}, "65", id="max-points-not-the-sum"),
    pytest.param(put("max_points", value=-1), {"max_points"}, None, id="max-points-negative"),
    pytest.param(put("max_grant_share", value="1.10"), {"max_grant_share"}, None, id="grant-share-above-one"),
    pytest.param(put("max_admin_share", value="1.5"), {"max_admin_share"}, None, id="admin-share-above-one"),
    pytest.param(put("max_admin_share", value="-0.10"), {"max_admin_share"}, None, id="admin-share-negative"),
    pytest.param(put("max_grant_share", value="0"), {"max_grant_share"}, None, id="grant-share-zero"),
    pytest.param(put("max_grant_share", value="0.90001"), {"max_grant_share"}, "4", id="share-five-decimal-places"),
    pytest.param(put("max_grant_share", value=0.9), {"max_grant_share"}, None, id="share-as-float"),
    pytest.param(put("report_days", value=0), {"report_days"}, None, id="report-days-zero"),
    # types of top-level values
    pytest.param(put("title", value=2019), {"title"}, None, id="title-not-text"),
    pytest.param(put("title", value="K" * 401), {"title"}, "400", id="title-too-long"),
    pytest.param(put("slug", value="k" * 81), {"slug"}, "80", id="slug-too-long"),
    pytest.param(put("min_actions", value="2"), {"min_actions"}, None, id="integer-as-text"),
    pytest.param(put("min_actions", value=True), {"min_actions"}, None, id="integer-as-boolean"),
    pytest.param(put("max_points", value=65.0), {"max_points"}, None, id="integer-as-float"),
    pytest.param(put("zones", value="Chemiczna"), {"zones", f"merit_criteria[{H}].source", "formal_criteria[3].auto_check",
                                                   "actions[0].indicators[2].source"},
                 None, id="list-as-text"),
    # texts and format
    pytest.param(put("texts", "goal", value="Cel"), {"texts.goal"}, "goal", id="unknown-text-key"),
    pytest.param(put("texts", value=["cel"]), {"texts"}, None, id="texts-not-an-object"),
    pytest.param(put("texts", "goals", value=["cel"]), {"texts.goals"}, None, id="text-not-a-string"),
    pytest.param(put("format", value="konkurs-ofert/3"), {"format"}, "konkurs-ofert/3", id="unknown-format"),
]


@pytest.mark.parametrize(("mutate", "expected_paths", "in_message"), RULE_CASES)
def test_each_rule_reports_its_field(doc, mutate, expected_paths, in_message):
    mutate(doc)

    errors = errors_of(doc)

    assert {e.path for e in errors} == expected_paths
    if in_message is not None:
        # the message of the rule itself, not of a knock-on max_points error
        main = sorted(errors, key=lambda e: (e.path == "max_points" and len(expected_paths) > 1))[0]
        assert in_message in main.message


@pytest.mark.parametrize("key", REQUIRED_STRINGS)
@pytest.mark.parametrize("value", [None, "", "   "], ids=["null", "empty", "spaces"])
def test_missing_required_string_is_reported(doc, key, value):
    doc[key] = value
    assert paths_of(doc) == {key}


@pytest.mark.parametrize("key", REQUIRED_STRINGS)
def test_absent_required_string_is_reported(doc, key):
    del doc[key]
    assert paths_of(doc) == {key}


def test_document_must_be_an_object():
    with pytest.raises(CallDocumentError) as exc:
        parse_call_document(["not", "a", "call"])
    assert [e.path for e in exc.value.errors] == ["$"]


def test_all_errors_are_reported_at_once(doc):
    doc["actions"][0]["budget"] = "-5.00"
    doc["actions"][1]["code"] = "A"
    doc["zones"][1] = "Chemiczna"
    doc["max_points"] = 70

    with pytest.raises(CallDocumentError) as exc:
        parse_call_document(doc)

    assert {e.path for e in exc.value.errors} == {"actions[0].budget", "actions[1].code", "zones[1]", "max_points"}
    assert "actions[0].budget: " in str(exc.value)
    assert str(exc.value.errors[0]) == f"{exc.value.errors[0].path}: {exc.value.errors[0].message}"


# --- boundaries and accepted forms -----------------------------------------------------------


@pytest.mark.parametrize(
    ("announced", "ok"),
    [("2019-04-28", True), ("2019-04-29", True), ("2019-04-30", False), ("2019-05-20", False)],
    ids=["22-days", "exactly-21-days", "20-days", "same-day"],
)
def test_twenty_one_days_between_announcement_and_deadline(doc, announced, ok):
    doc["announcement_date"] = announced
    assert paths_of(doc) == (set() if ok else {"submission_deadline"})


def test_deadline_day_is_the_warsaw_day(doc):
    """01:30 in Warsaw on 20 May is still 19 May in UTC; the Warsaw day counts."""
    doc["announcement_date"] = "2019-04-29"
    doc["submission_deadline"] = "2019-05-19T23:30:00+00:00"
    assert paths_of(doc) == set()


def test_moment_without_offset_is_warsaw_time(doc):
    doc["submission_deadline"] = "2019-05-20T23:59:59"
    doc["submission_start"] = "2019-01-15T08:00:00"

    parsed = parse_call_document(doc)

    assert parsed["submission_deadline"].utcoffset() == timedelta(hours=2)  # summer time
    assert parsed["submission_deadline"] == datetime.fromisoformat("2019-05-20T23:59:59+02:00")
    assert parsed["submission_start"].utcoffset() == timedelta(hours=1)  # winter time


def test_confirmation_at_the_deadline_itself_is_accepted(doc):
    doc["confirmation_deadline"] = doc["submission_deadline"]
    assert paths_of(doc) == set()


def test_decision_on_the_deadline_day_is_accepted(doc):
    doc["decision_date"] = "2019-05-20"
    assert paths_of(doc) == set()


@pytest.mark.parametrize(
    ("budget", "expected"),
    [("30000.00", Decimal("30000.00")), ("30000,00", Decimal("30000.00")), (30000, Decimal("30000")), ("30000.5", Decimal("30000.5"))],
    ids=["dot", "polish-comma", "whole-json-number", "one-place"],
)
def test_accepted_forms_of_money(doc, budget, expected):
    doc["actions"][0]["budget"] = budget
    parsed = parse_call_document(doc)
    assert parsed["actions"][0]["budget"] == expected
    assert total_budget(parsed["actions"]) == Decimal("36200.00") + expected


@pytest.mark.parametrize(("share", "expected"), [("1", Decimal(1)), ("0.0001", Decimal("0.0001")), ("0,85", Decimal("0.85"))])
def test_accepted_grant_shares(doc, share, expected):
    doc["max_grant_share"] = share
    assert parse_call_document(doc)["max_grant_share"] == expected


def test_admin_share_may_be_zero(doc):
    doc["max_admin_share"] = "0"
    assert parse_call_document(doc)["max_admin_share"] == 0


def test_optional_parts_have_defaults(doc):
    for key in ("slug", "format", "report_days", "texts", "zones", "lpr_projects", "submission_start"):
        doc.pop(key, None)
    # without zones and LPR projects no criterion may count them
    doc["merit_criteria"] = [c for c in doc["merit_criteria"] if c.get("source") not in ("zones", "lpr_projects")]
    doc["max_points"] = 50
    doc["formal_criteria"] = [c for c in doc["formal_criteria"] if c["auto_check"] != "zones_covered"]
    doc["formal_criteria"][0]["auto_check"] = None
    for action in doc["actions"]:  # nor an indicator (A.3 of the reference call counts the zones)
        for indicator in action["indicators"]:
            indicator.pop("source", None)
    del doc["actions"][0]["indicators"][0]["unit"]

    parsed = parse_call_document(doc)

    assert parsed["slug"] == ""
    assert parsed["report_days"] == 30
    assert parsed["texts"] == {key: "" for key in parsed["texts"]}
    assert parsed["zones"] == [] and parsed["lpr_projects"] == []
    assert parsed["formal_criteria"][0]["auto_check"] == ""
    assert parsed["actions"][0]["indicators"][0]["unit"] == "liczba"


def test_unknown_top_level_keys_are_ignored(doc):
    doc["exported_by"] = "portal 2.0"
    assert paths_of(doc) == set()


def test_strings_are_trimmed(doc):
    doc["title"] = "  Konkurs  "
    doc["zones"][0] = " Chemiczna "
    parsed = parse_call_document(doc)
    assert parsed["title"] == "Konkurs"
    assert parsed["zones"][0] == "Chemiczna"


# --- scales ----------------------------------------------------------------------------------


def reference_steps(code: str) -> list[tuple[int, int]]:
    criterion = next(c for c in reference_document()["merit_criteria"] if c["code"] == code)
    return [(s["min_count"], s["points"]) for s in criterion["steps"]]


def second_call_steps(source: str) -> list[tuple[int, int]]:
    document = json.loads(SECOND_CALL.read_text(encoding="utf-8"))
    criterion = next(c for c in document["merit_criteria"] if c.get("source") == source)
    return [(s["min_count"], s["points"]) for s in criterion["steps"]]


@pytest.mark.parametrize(
    ("code", "count", "points"),
    [
        *[("g", n, p) for n, p in zip(range(1, 7), (0, 2, 3, 4, 10, 10))],
        ("g", 0, 0),
        ("g", 12, 10),
        *[("h", n, p) for n, p in zip(range(0, 8), (0, 0, 0, 0, 2, 3, 4, 5))],
        ("h", 20, 5),
        *[("f", n, p) for n, p in zip(range(0, 5), (0, 2, 5, 10, 10))],
    ],
)
def test_reference_scale_points(code, count, points):
    assert scale_points(reference_steps(code), count) == points


@pytest.mark.parametrize(
    ("source", "count", "points"),
    [
        ("offerors", 0, 0), ("offerors", 1, 0), ("offerors", 2, 3), ("offerors", 3, 6), ("offerors", 7, 6),
        ("zones", 0, 0), ("zones", 1, 1), ("zones", 2, 2), ("zones", 3, 2), ("zones", 4, 5),
        ("lpr_projects", 0, 0), ("lpr_projects", 1, 2), ("lpr_projects", 2, 4), ("lpr_projects", 4, 4),
    ],
)
def test_second_call_scale_points(source, count, points):
    assert scale_points(second_call_steps(source), count) == points


def test_empty_scale_gives_no_points():
    assert scale_points([], 5) == 0


@pytest.mark.parametrize(
    "steps",
    [[(0, 0)], [(3, 5)], [(1, 0), (2, 2), (3, 3)], [(1, 2), (2, 2)], [(0, 0), (10, 1)]],
    ids=["single-zero", "single", "rising", "flat-points", "gap"],
)
def test_valid_scales_have_no_errors(steps):
    assert scale_errors(steps) == []


@pytest.mark.parametrize(
    ("steps", "count", "numbers"),
    [
        ([], 1, ()),
        ([(1, 0), (1, 2)], 1, ("1",)),
        ([(2, 0), (1, 2)], 1, ("1", "2")),
        ([(1, 3), (2, 2)], 1, ("2", "3")),
        ([(2, 5), (1, 1)], 2, ("1", "2", "5")),
        ([(1, 0), (2, 5), (3, 4), (3, 6)], 2, ("3", "4", "5")),
    ],
    ids=["empty", "repeated-threshold", "falling-threshold", "falling-points", "both", "two-places"],
)
def test_invalid_scales_are_explained(steps, count, numbers):
    errors = scale_errors(steps)
    assert len(errors) == count
    text = " ".join(errors)
    for number in numbers:
        assert number in text


# --- document_diff -----------------------------------------------------------------------------


def test_identical_documents_have_no_diff(doc):
    assert document_diff(doc, reference_document()) == {}


def test_diff_names_changed_values_by_path(doc):
    after = reference_document()
    after["actions"][0]["budget"] = "31000.00"
    after["actions"][1]["indicators"][1]["minimum"] = "12"
    after["texts"]["goals"] = "Nowy cel"
    after["merit_criteria"][H]["steps"][4]["points"] = 6
    after["max_points"] = 66

    diff = document_diff(doc, after)

    assert diff == {
        "actions[0].budget": ["30000.00", "31000.00"],
        "actions[1].indicators[1].minimum": ["10", "12"],
        "texts.goals": [doc["texts"]["goals"], "Nowy cel"],
        f"merit_criteria[{H}].steps[4].points": [5, 6],
        "max_points": [65, 66],
    }


def test_diff_of_lists_of_names_shows_whole_lists(doc):
    after = reference_document()
    after["zones"] = after["zones"][:-1]
    diff = document_diff(doc, after)
    assert diff == {"zones": [doc["zones"], doc["zones"][:-1]]}


def test_diff_shows_added_and_removed_items_against_none(doc):
    after = reference_document()
    after["lpr_projects"].append({"code": "24", "name": "nowe"})
    del after["report_days"]

    diff = document_diff(doc, after)

    assert diff == {
        "lpr_projects[11].code": [None, "24"],
        "lpr_projects[11].name": [None, "nowe"],
        "report_days": [30, None],
    }


# --- publication -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "ok"),
    [(date(2019, 4, 24), True), (date(2019, 4, 29), True), (date(2019, 4, 30), False), (date(2019, 5, 21), False)],
    ids=["26-days", "21-days", "20-days", "after-deadline"],
)
def test_publication_needs_twenty_one_days_to_the_deadline(doc, today, ok):
    parsed = parse_call_document(doc)

    errors = publication_errors(parsed, today=today)

    if ok:
        assert errors == []
    else:
        assert [e.path for e in errors] == ["submission_deadline"]
        assert "21" in errors[0].message
        assert "20.05.2019" in errors[0].message


def test_publication_compares_the_warsaw_day_of_the_deadline(doc):
    doc["submission_deadline"] = "2019-05-19T23:30:00+00:00"  # 20 May, 01:30 in Warsaw
    parsed = parse_call_document(doc)
    assert publication_errors(parsed, today=date(2019, 4, 29)) == []
    assert [e.path for e in publication_errors(parsed, today=date(2019, 4, 30))] == ["submission_deadline"]


# --- the lifecycle -----------------------------------------------------------------------------

STATES = (DRAFT, PUBLISHED, SUBMISSION_CLOSED, FORMAL_CHECK, MERIT_EVALUATION, SCORED, DECIDED, CLOSED, ANNULLED)
ALLOWED = {
    (DRAFT, PUBLISHED),
    (PUBLISHED, SUBMISSION_CLOSED),
    (SUBMISSION_CLOSED, FORMAL_CHECK),
    (FORMAL_CHECK, MERIT_EVALUATION),
    (MERIT_EVALUATION, SCORED),
    (SCORED, DECIDED),
    (DECIDED, CLOSED),
    (SUBMISSION_CLOSED, ANNULLED),
    (FORMAL_CHECK, ANNULLED),
    (MERIT_EVALUATION, ANNULLED),
}


@pytest.mark.parametrize("current", STATES)
@pytest.mark.parametrize("target", STATES)
def test_can_transition_table(current, target):
    assert can_transition(current, target) is ((current, target) in ALLOWED)


def test_transition_table_covers_every_state_and_ends_in_closed():
    assert set(TRANSITIONS) == set(STATES)
    assert TRANSITIONS[CLOSED] == ()
    assert TRANSITIONS[ANNULLED] == ()


@pytest.mark.parametrize(("current", "target"), [("archived", DRAFT), (DRAFT, "archived"), ("", PUBLISHED)])
def test_unknown_states_cannot_transition(current, target):
    assert can_transition(current, target) is False


def test_states_match_the_model():
    from competition.models import Call

    assert set(Call.State.values) == set(STATES)
    assert FORMAT == reference_document()["format"]
