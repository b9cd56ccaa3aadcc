"""The `rules` of a call document (konkurs-ofert/2): checked with paths, carried unchanged by
export, import and copy; a konkurs-ofert/1 document still reads, with its defaults named."""
import copy
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import translation

from competition import selectors, services
from competition.choices import Statement
from competition.models import Call, CallEvent
from competition.rules import FORMAT, RULE_KEYS, CallDocumentError, parse_call_document, rule_defaults
from demo import reference_document
from demo.loader import reference_call_document

OTHER_SHAPE = {
    "tie_break": "submission",
    "tie_break_criterion": None,
    "min_recommended_score": "25.00",
    "negotiation_days": 10,
    "correction_days": 5,
    "four_eyes": True,
    "min_sheets": 3,
    "show_other_sheets": True,
    "impartiality_grounds": ["Jestem oferentem.", "Jestem krewnym osoby reprezentującej oferenta."],
    "required_statements": ["statutory", "true", "personal_data"],
    "admin_cost_base": "actions",
    "task_form": "entrustment",
}


def errors_of(doc) -> dict[str, str]:
    try:
        parse_call_document(doc)
    except CallDocumentError as exc:
        return {e.path: e.message for e in exc.errors}
    return {}


def with_rules(**rules) -> dict:
    doc = reference_document()
    doc["rules"] = {**doc["rules"], **rules}
    return doc


# --- the rules on plain data ----------------------------------------------------------------


def test_the_reference_document_is_version_two_with_every_rule():
    doc = reference_document()

    assert doc["format"] == FORMAT == "konkurs-ofert/2"
    assert list(doc["rules"]) == list(RULE_KEYS)
    assert errors_of(doc) == {}


def test_a_version_one_document_reads_with_the_defaults():
    doc = reference_document()
    doc["format"] = "konkurs-ofert/1"
    del doc["rules"]

    parsed = parse_call_document(doc)

    defaults = rule_defaults()
    assert parsed["rules"]["tie_break"] == defaults["tie_break"] == "none"
    assert parsed["rules"]["negotiation_days"] == 7
    assert parsed["rules"]["min_sheets"] is None
    # the regulation's seven statements; the new-task statement is a call's own condition, never a default
    assert parsed["rules"]["required_statements"] == [s for s in Statement.values if s != "new_task"]
    assert parsed["rules"]["admin_cost_base"] == "total"
    assert parsed["rules"]["task_form"] == "support"


def test_an_indicator_may_be_computed_from_a_count_the_call_can_make():
    doc = reference_document()
    doc["actions"][0]["indicators"][0]["source"] = "zones"
    assert parse_call_document(doc)["actions"][0]["indicators"][0]["source"] == "zones"
    doc["actions"][0]["indicators"][0]["source"] = "guesses"
    assert "actions[0].indicators[0].source" in errors_of(doc)
    doc["actions"][0]["indicators"][0]["source"] = "zones"
    doc["zones"] = []
    assert "actions[0].indicators[0].source" in errors_of(doc)


def test_a_tie_break_criterion_must_name_a_merit_criterion_of_the_call():
    doc = with_rules(tie_break="criterion", tie_break_criterion="z")

    with translation.override("pl"):
        errors = errors_of(doc)

    assert set(errors) == {"rules.tie_break_criterion"}
    assert "„z” nie jest kryterium oceny merytorycznej" in errors["rules.tie_break_criterion"]
    assert "a, b, c, d, e, f, g, h" in errors["rules.tie_break_criterion"]
    assert errors_of(with_rules(tie_break="criterion", tie_break_criterion="e")) == {}


@pytest.mark.parametrize(("rules", "paths"), [
    ({"tie_break": "coin"}, {"rules.tie_break"}),
    ({"tie_break": "criterion"}, {"rules.tie_break_criterion"}),
    ({"tie_break": "submission", "tie_break_criterion": "e"}, {"rules.tie_break_criterion"}),
    ({"min_recommended_score": "66"}, {"rules.min_recommended_score"}),
    ({"min_recommended_score": "-1"}, {"rules.min_recommended_score"}),
    ({"min_recommended_score": 25.5}, {"rules.min_recommended_score"}),
    ({"min_recommended_score": "25.005"}, {"rules.min_recommended_score"}),
    ({"negotiation_days": 0}, {"rules.negotiation_days"}),
    ({"negotiation_days": "10"}, {"rules.negotiation_days"}),
    ({"correction_days": -1}, {"rules.correction_days"}),
    ({"four_eyes": "yes"}, {"rules.four_eyes"}),
    ({"show_other_sheets": 1}, {"rules.show_other_sheets"}),
    ({"min_sheets": 0}, {"rules.min_sheets"}),
    ({"impartiality_grounds": []}, {"rules.impartiality_grounds"}),
    ({"impartiality_grounds": ["Jestem oferentem.", " "]}, {"rules.impartiality_grounds[1]"}),
    ({"impartiality_grounds": ["Jestem oferentem.", "Jestem oferentem."]}, {"rules.impartiality_grounds[1]"}),
    ({"impartiality_grounds": "Jestem oferentem."}, {"rules.impartiality_grounds"}),
    ({"required_statements": ["statutory", "oath"]}, {"rules.required_statements[1]"}),
    ({"required_statements": ["true", "true"]}, {"rules.required_statements[1]"}),
    ({"admin_cost_base": "grant"}, {"rules.admin_cost_base"}),
    ({"task_form": "powierzenie"}, {"rules.task_form"}),
    ({"tie_breaker": "none"}, {"rules.tie_breaker"}),
], ids=lambda v: json.dumps(v, ensure_ascii=False) if isinstance(v, dict) else "")
def test_each_rule_reports_its_path(rules, paths):
    assert set(errors_of(with_rules(**rules))) == paths


def test_rules_that_are_not_an_object_are_reported():
    doc = reference_document()
    doc["rules"] = ["none"]

    assert set(errors_of(doc)) == {"rules"}


def test_an_empty_list_of_statements_is_a_valid_rule():
    assert errors_of(with_rules(required_statements=[])) == {}


# --- export, import, copy -----------------------------------------------------------------


def export(slug: str) -> dict:
    out = io.StringIO()
    call_command("export_call", slug, stdout=out)
    return json.loads(out.getvalue())


def other_shape_document() -> dict:
    doc = reference_call_document()
    doc["rules"] = copy.deepcopy(OTHER_SHAPE)
    return doc


@pytest.mark.django_db
def test_every_rule_goes_through_export_import_and_export_unchanged(tmp_path, clerk):
    call = services.call_import(document=other_shape_document(), by=clerk)
    first = export(call.slug)
    assert first["rules"] == OTHER_SHAPE
    path = tmp_path / "call.json"
    path.write_text(json.dumps(first, ensure_ascii=False), encoding="utf-8")

    call_command("import_call", str(path), "--slug", "kopia-z-pliku", stdout=io.StringIO())
    second = export("kopia-z-pliku")

    assert second == {**first, "slug": "kopia-z-pliku"}
    imported = Call.objects.get(slug="kopia-z-pliku")
    assert imported.tie_break == "submission"
    assert imported.min_recommended_score == Decimal("25.00")
    assert (imported.negotiation_days, imported.four_eyes, imported.min_sheets) == (10, True, 3)
    assert imported.show_other_sheets is True


@pytest.mark.django_db
def test_a_copy_keeps_every_rule(clerk):
    call = services.call_import(document=other_shape_document(), by=clerk)

    copied = services.call_copy(call=call, by=clerk)

    copied = selectors.call_get_for_clerk(slug=copied.slug, user=None)
    assert selectors.call_document(copied)["rules"] == OTHER_SHAPE


@pytest.mark.django_db
def test_importing_version_one_names_the_defaults_it_applied(tmp_path):
    doc = reference_call_document()
    doc["format"] = "konkurs-ofert/1"
    del doc["rules"]
    path = tmp_path / "v1.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    out = io.StringIO()

    call_command("import_call", str(path), stdout=out)

    text = out.getvalue()
    assert f"does not state {len(RULE_KEYS)} rules (format konkurs-ofert/1)" in text
    for key in RULE_KEYS:
        assert f"rules.{key} = " in text
    assert "rules.negotiation_days = 7" in text
    call = Call.objects.get(slug=doc["slug"])
    event = call.events.get(kind=CallEvent.Kind.IMPORTED)
    # the rules it applied by default, and the authority it added (none was stored yet)
    assert set(event.changes) == {f"rules.{key}" for key in RULE_KEYS} | {"authority"}
    assert selectors.call_document(call)["rules"]["tie_break"] == "none"


@pytest.mark.django_db
def test_a_complete_document_applies_no_default(clerk):
    call = services.call_import(document=other_shape_document(), by=clerk)

    # no rule by default; the document's authority is the clerk's own, stored already: nothing added
    assert call.events.get(kind=CallEvent.Kind.IMPORTED).changes == {}
