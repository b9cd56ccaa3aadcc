"""`manage.py snapshot_pages`: one file per (role, URL), the same files on a second run."""
import io

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_loaded")]  # the demo is built once per module

RESULTS = "/calls/hajnowka-2019-rozstrzygniety/results"  # the results page and its PDF


def snapshot(out) -> dict[str, str]:
    call_command("snapshot_pages", str(out), "--only", RESULTS, "--roles", "anonymous,oferent",
                 stdout=io.StringIO())
    return {str(p.relative_to(out)): p.read_text(encoding="utf-8") for p in sorted(out.rglob("*")) if p.is_file()}


def test_a_file_per_role_and_url_listed_in_the_index_and_the_same_on_a_second_run(tmp_path):
    first = snapshot(tmp_path / "first")

    pages = {"calls~hajnowka-2019-rozstrzygniety~results.txt", "calls~hajnowka-2019-rozstrzygniety~results.pdf.txt",
             # the open-data files share the prefix (opendata)
             *(f"calls~hajnowka-2019-rozstrzygniety~results.{fmt}.txt" for fmt in ("csv", "xlsx", "json"))}
    assert set(first) == {"index.tsv", "unfilled.tsv"} | {f"{role}/{page}" for role in ("anonymous", "oferent")
                                                          for page in pages}
    index = first["index.tsv"].splitlines()
    assert index[0] == "role\turl\tstatus\tlocation\tfile"
    assert f"anonymous\t{RESULTS}/\t200\t\tanonymous/calls~hajnowka-2019-rozstrzygniety~results.txt" in index
    pdf = first["oferent/calls~hajnowka-2019-rozstrzygniety~results.pdf.txt"]
    assert "status: 200" in pdf and "content-type: application/pdf" in pdf
    assert "--- page 1 ---" in pdf and "Wyniki otwartego konkursu ofert" in pdf and "CreationDate" not in pdf
    html = first["oferent/calls~hajnowka-2019-rozstrzygniety~results.txt"]
    assert 'name="csrfmiddlewaretoken" value="<csrf>"' in html  # the logged-in menu's forms, normalised

    assert snapshot(tmp_path / "second") == first
