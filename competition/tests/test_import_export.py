"""`export_call` and `import_call`: a call leaves and comes back as the same document.

A second, different call (docs/examples/second-call.json) goes through import, validation,
publication and the public page with no code change.
"""
import io
import json
import re
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError
from django.db import connections
from django.utils import timezone

from competition import services
from demo import reference_document
from demo.loader import reference_call_document
from competition.models import Action, Call, CallEvent, Indicator, MeritCriterion, ScaleStep, UrbanZone
from competition.rules import CallDocumentError
from competition.selectors import call_document

pytestmark = pytest.mark.django_db

SECOND_CALL = Path(__file__).resolve().parents[2] / "docs" / "examples" / "second-call.json"
SECOND_SLUG = "kamienna-struga-2027-seniorzy-dzieci-wolontariat"


def second_call_document(*, announced_days_ago: int = 0) -> dict:
    """The second example, moved so that it is announced `announced_days_ago` days before today."""
    document = json.loads(SECOND_CALL.read_text(encoding="utf-8"))
    announced = timezone.localdate() - timedelta(days=announced_days_ago)
    return services.shift_dates(document, announced - date.fromisoformat(document["announcement_date"]))


def write_json(tmp_path, document, name="call.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def export(slug: str) -> str:
    out = io.StringIO()
    call_command("export_call", slug, stdout=out)
    return out.getvalue()


def run_import(*args, **kwargs) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_call", *args, stdout=out, stderr=err, **kwargs)
    return out.getvalue(), err.getvalue()


def failed_import(*args, **kwargs) -> tuple[CommandError, str]:
    err = io.StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("import_call", *args, stdout=io.StringIO(), stderr=err, **kwargs)
    return exc.value, err.getvalue()


def counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in (Call, Action, Indicator, UrbanZone, MeritCriterion, ScaleStep, CallEvent)}


# --- export ----------------------------------------------------------------------------------


def test_export_writes_the_call_document_as_readable_json(reference_call):
    text = export(reference_call.slug)

    assert json.loads(text) == call_document(reference_call)
    assert "Burmistrz Miasta Hajnówka" in text  # ensure_ascii=False: Polish letters as they are
    assert "\\u00f3" not in text
    assert text.startswith('{\n  "format": "konkurs-ofert/2",\n  "slug": ')  # indent 2


def test_export_to_a_file_is_utf8(reference_call, tmp_path):
    target = tmp_path / "out.json"
    out = io.StringIO()

    call_command("export_call", reference_call.slug, "-o", str(target), stdout=out)

    assert json.loads(target.read_text(encoding="utf-8")) == call_document(reference_call)
    assert "Kolejki Leśne" in target.read_bytes().decode("utf-8")
    assert str(target) in out.getvalue()


def test_export_of_a_draft_works_too(draft_call):
    assert json.loads(export(draft_call.slug))["slug"] == draft_call.slug


def test_export_of_an_unknown_slug_is_a_command_error(db):
    with pytest.raises(CommandError) as exc:
        export("nie-ma-takiego")
    assert "nie-ma-takiego" in str(exc.value)


# --- round trip --------------------------------------------------------------------------------


def test_exported_reference_call_imports_back_as_the_same_call(reference_call, tmp_path):
    exported = json.loads(export(reference_call.slug))
    exported["slug"] = "hajnowka-kopia"
    before = Call.objects.count()

    out, _ = run_import(str(write_json(tmp_path, exported)))

    assert Call.objects.count() == before + 1
    copy = Call.objects.get(slug="hajnowka-kopia")
    assert copy.state == Call.State.DRAFT
    assert "hajnowka-kopia" in out
    again = json.loads(export("hajnowka-kopia"))
    assert again.pop("slug") == "hajnowka-kopia"
    original = json.loads(export(reference_call.slug))
    assert original.pop("slug") == reference_call.slug
    assert again == original


def test_round_trip_through_stdin_with_another_slug(reference_call):
    text = export(reference_call.slug)

    out, _ = run_import("-", "--slug", "z-wejscia", stdin=io.StringIO(text))

    assert "z-wejscia" in out
    imported = call_document(Call.objects.get(slug="z-wejscia"))
    assert {**imported, "slug": reference_call.slug} == call_document(reference_call)


def test_round_trip_keeps_the_reference_values(reference_call, tmp_path):
    exported = json.loads(export(reference_call.slug))
    run_import(str(write_json(tmp_path, exported)), "--slug", "kopia-2")
    call = Call.objects.get(slug="kopia-2")

    assert [a.budget for a in call.actions.all()] == [Decimal(b) for b in ("30000.00", "5000.00", "7200.00", "24000.00")]
    assert call.total_budget == Decimal("66200.00")
    assert call.max_points == 65
    assert call.submission_deadline == reference_call.submission_deadline
    assert call.confirmation_deadline == reference_call.confirmation_deadline
    assert list(call.zones.values_list("name", flat=True)) == list(reference_call.zones.values_list("name", flat=True))


def test_import_records_an_audit_event(tmp_path):
    run_import(str(write_json(tmp_path, reference_call_document())))
    call = Call.objects.get(slug=reference_document()["slug"])
    assert list(call.events.values_list("kind", flat=True)) == [CallEvent.Kind.IMPORTED]


def test_a_document_without_slug_gets_one_from_its_title(tmp_path):
    document = reference_call_document()
    del document["slug"]

    out, _ = run_import(str(write_json(tmp_path, document)))

    call = Call.objects.get()
    assert call.slug.startswith("otwarty-konkurs-ofert")
    assert call.slug in out


# --- errors ------------------------------------------------------------------------------------


def test_bad_document_reports_every_error_and_writes_nothing(reference_call, tmp_path):
    document = reference_call_document()
    document["slug"] = "zly-dokument"
    document["actions"][0]["budget"] = "-5.00"
    document["actions"][1]["code"] = "A"
    before = counts()

    error, stderr = failed_import(str(write_json(tmp_path, document)))

    assert error.returncode != 0
    lines = stderr.splitlines()
    assert any(line.startswith("actions[0].budget: ") and "5,00" in line for line in lines)
    assert any(line.startswith("actions[1].code: ") and "A" in line for line in lines)
    assert "2" in str(error)
    assert counts() == before
    assert not Call.objects.filter(slug="zly-dokument").exists()


def test_bad_document_exits_with_a_non_zero_status_from_the_command_line(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(connections, "close_all", lambda: None)  # keep the test database open
    document = reference_call_document()
    document["actions"][0]["budget"] = "-5.00"
    document["merit_criteria"][6]["source"] = "partners"
    path = write_json(tmp_path, document)

    with pytest.raises(SystemExit) as exc:
        execute_from_command_line(["manage.py", "import_call", str(path)])

    assert exc.value.code not in (0, None)
    stderr = capsys.readouterr().err
    assert "actions[0].budget: " in stderr
    assert "merit_criteria[6].source: " in stderr and "partners" in stderr
    assert Call.objects.count() == 0


def test_invalid_json_names_line_and_column(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{\n  "slug": "x",\n  "title": "a" "b"\n}\n', encoding="utf-8")

    error, _ = failed_import(str(path))

    assert "line 3" in str(error)
    assert "column 16" in str(error)
    assert Call.objects.count() == 0


def test_file_that_is_not_utf8_is_refused(tmp_path):
    path = tmp_path / "cp1250.json"
    path.write_bytes('{"title": "Hajnówka"}'.encode("cp1250"))

    error, _ = failed_import(str(path))

    assert "UTF-8" in str(error)


def test_missing_file_is_refused(tmp_path):
    error, _ = failed_import(str(tmp_path / "nie-ma.json"))
    assert "nie-ma.json" in str(error)


def test_document_that_is_not_an_object_is_refused():
    error, stderr = failed_import("-", stdin=io.StringIO("[1, 2, 3]"))
    assert stderr.startswith("$: ")
    assert Call.objects.count() == 0


def test_slug_collision_is_a_field_error(reference_call, tmp_path):
    document = reference_call_document()
    assert document["slug"] == reference_call.slug
    before = counts()

    error, stderr = failed_import(str(write_json(tmp_path, document)))

    assert stderr.startswith("slug: ")
    assert reference_call.slug in stderr
    assert counts() == before


def test_slug_collision_in_the_service(reference_call):
    with pytest.raises(CallDocumentError) as exc:
        services.call_import(document=reference_call_document(), by=None)
    assert [e.path for e in exc.value.errors] == ["slug"]


def test_slug_with_forbidden_characters_is_a_field_error(tmp_path):
    error, stderr = failed_import(str(write_json(tmp_path, reference_call_document())), "--slug", "mój konkurs!")
    assert stderr.startswith("slug: ")
    assert Call.objects.count() == 0


def test_dry_run_checks_and_writes_nothing(tmp_path):
    out, _ = run_import(str(write_json(tmp_path, second_call_document())), "--dry-run")

    assert "3 actions" in out
    assert "50 250,00" in out
    assert counts()["Call"] == 0 and counts()["CallEvent"] == 0


def test_dry_run_reports_errors_like_an_import(tmp_path):
    document = second_call_document()
    document["max_points"] = 41
    error, stderr = failed_import(str(write_json(tmp_path, document)), "--dry-run")
    assert stderr.startswith("max_points: ")
    assert "42" in stderr


# --- a second, different call ---------------------------------------------------------------


def test_second_call_is_imported_as_a_draft_with_its_structure(tmp_path):
    out, _ = run_import(str(write_json(tmp_path, second_call_document())))

    call = Call.objects.get(slug=SECOND_SLUG)
    assert SECOND_SLUG in out
    assert "draft" in out
    assert call.state == Call.State.DRAFT
    assert call.announcement_date == timezone.localdate()
    assert [(a.code, a.budget) for a in call.actions.all()] == [
        ("1", Decimal("18000.00")),
        ("2", Decimal("22500.00")),
        ("3", Decimal("9750.00")),
    ]
    assert [a.indicators.count() for a in call.actions.all()] == [3, 3, 3]
    assert call.min_actions == 1
    assert (call.max_grant_share, call.max_admin_share) == (Decimal("0.80"), Decimal("0.10"))
    assert call.max_points == 42
    assert list(call.zones.values_list("name", flat=True)) == ["Stare Miasto", "Osiedle Kolejowe", "Zarzecze", "Osiedle Słoneczne"]
    scales = {
        c.source: [(s.min_count, s.points) for s in c.steps.all()]
        for c in call.merit_criteria.filter(kind=MeritCriterion.Kind.SCALE)
    }
    assert scales == {
        "offerors": [(1, 0), (2, 3), (3, 6)],
        "zones": [(1, 1), (2, 2), (4, 5)],
        "lpr_projects": [(0, 0), (1, 2), (2, 4)],
    }
    assert list(call.formal_criteria.values_list("auto_check", flat=True)) == [
        "submitted_on_time", "confirmation_on_time", "eligible_entity", ""
    ]


def test_second_call_validates_publishes_and_shows_its_budgets(tmp_path, client):
    run_import(str(write_json(tmp_path, second_call_document())))
    call = Call.objects.get(slug=SECOND_SLUG)

    assert services.call_validate(call) == []
    call = services.call_publish(call=call, by=None)

    assert call.state == Call.State.PUBLISHED
    assert call.published_at is not None
    response = client.get(f"/calls/{SECOND_SLUG}/")
    assert response.status_code == 200
    html = response.content.decode().replace("&nbsp;", " ").replace("\xa0", " ")
    budgets = re.search(r'<table[^>]*id="budgets".*?</table>', html, re.DOTALL)
    assert budgets, "the public page has no budgets table"
    table = budgets.group(0)
    for amount in ("18 000,00 zł", "22 500,00 zł", "9 750,00 zł", "50 250,00 zł"):
        assert amount in table
    for action in call.actions.all():
        assert action.title in table
    assert "66 200,00" not in html
    assert "Osiedle Słoneczne" in html


def test_draft_second_call_is_not_public(tmp_path, client):
    run_import(str(write_json(tmp_path, second_call_document())))
    assert client.get(f"/calls/{SECOND_SLUG}/").status_code == 404


def test_import_with_publish_publishes_at_once(tmp_path):
    out, _ = run_import(str(write_json(tmp_path, second_call_document())), "--publish")

    call = Call.objects.get(slug=SECOND_SLUG)
    assert call.state == Call.State.PUBLISHED
    assert f"/calls/{SECOND_SLUG}/" in out
    assert list(call.events.values_list("kind", "to_state")) == [
        (CallEvent.Kind.IMPORTED, ""),
        (CallEvent.Kind.TRANSITION, Call.State.PUBLISHED),
    ]


def test_import_with_publish_too_late_imports_nothing(tmp_path):
    # announced 10 days ago: the deadline (28 days after the announcement) is 18 days away
    document = second_call_document(announced_days_ago=10)

    error, stderr = failed_import(str(write_json(tmp_path, document)), "--publish")

    assert stderr.startswith("submission_deadline: ")
    assert "21" in stderr
    assert counts()["Call"] == 0


def test_second_call_is_publishable_exactly_twenty_one_days_before_its_deadline(tmp_path):
    # the deadline is 28 days after the announcement: announced 7 days ago leaves 21 days
    run_import(str(write_json(tmp_path, second_call_document(announced_days_ago=7))))
    call = Call.objects.get(slug=SECOND_SLUG)
    assert services.call_validate(call) == []

    call.submission_deadline -= timedelta(days=1)
    call.save()
    assert [e.path for e in services.call_validate(call)] == ["submission_deadline"]
