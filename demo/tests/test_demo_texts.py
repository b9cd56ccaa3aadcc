"""The demo's texts agree with its dates: the reference call moved in time says the moved period."""
from datetime import date

import pytest

from competition.rules_dates import dates_in_text
from demo import REFERENCE_ANNOUNCED
from demo.loader import reference_call_document


@pytest.mark.parametrize("today", [date(2026, 12, 7), date(2027, 3, 1), REFERENCE_ANNOUNCED])
def test_the_moved_call_names_only_its_own_realisation_period(today):
    doc = reference_call_document(today=today)
    start, end = date.fromisoformat(doc["realisation_start"]), date.fromisoformat(doc["realisation_end"])
    assert [day for _w, day in dates_in_text(doc["texts"]["realisation_conditions"])] == [start, end]
    assert f"w {end.year} r." in doc["title"]
    assert doc["texts"]["previous_grants"].startswith(f"W {end.year - 1} r.")
    assert "Dz. U. z 2019 r. poz. 688" in doc["legal_basis"]  # a cited law keeps its year
    assert "z dnia 24 kwietnia 2003 r." in doc["legal_basis"]
