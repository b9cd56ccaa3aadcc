"""The dates a call announces and the dates its texts mention (competition.rules_dates)."""
from datetime import date, timedelta

import pytest

from competition.rules_dates import dates_in_text, decision_late_warning, shift_text_dates, stale_date_mentions

OLD = [date(2019, 4, 24), date(2019, 6, 14), date(2019, 7, 1), date(2019, 12, 31)]
NEW = [date(2020, 4, 24), date(2020, 6, 14), date(2020, 7, 1), date(2020, 12, 31)]


@pytest.mark.parametrize(("decided", "late"), [
    (date(2019, 6, 13), False), (date(2019, 6, 14), False), (date(2019, 6, 15), True), (None, False),
])
def test_a_decision_after_the_announced_date_is_warned_about(decided, late):
    warning = decision_late_warning(date(2019, 6, 14), decided)
    assert (warning is not None) == late
    if late:
        assert "14.06.2019" in warning and "15.06.2019" in warning and "art. 13 ust. 2 pkt 6" in warning


def test_dates_are_read_in_numeric_word_and_iso_forms():
    found = dates_in_text("od 1.07.2019 r., 14 czerwca 2019, 2019-12-31; 31.02.2019 is no date")
    assert [d for _w, d in found] == [date(2019, 7, 1), date(2019, 6, 14), date(2019, 12, 31)]


def test_a_copied_text_lists_the_old_calls_dates_and_years():
    text = "Zadanie w okresie od 1.07.2019 r. do 31.12.2019 r.; w 2019 r.; uchwała z 20.11.2017 r."
    assert stale_date_mentions(text, old_dates=OLD, new_dates=NEW) == ["1.07.2019", "31.12.2019", "2019"]


def test_a_rewritten_text_lists_nothing():
    text = "Zadanie w okresie od 1.07.2020 r. do 31.12.2020 r. (Dz. U. z 2018 r. poz. 2057)"
    assert stale_date_mentions(text, old_dates=OLD, new_dates=NEW) == []


def test_a_year_the_new_call_shares_is_not_listed():
    old = [date(2019, 11, 1), date(2020, 3, 31)]
    new = [date(2020, 11, 1), date(2021, 3, 31)]
    assert stale_date_mentions("w latach 2019–2020", old_dates=old, new_dates=new) == ["2019"]


def test_shifting_moves_the_calls_own_dates_and_its_year_but_not_a_laws():
    text = ("od 1.07.2019 r. do 31.12.2019 r., 14 czerwca 2019, 2019-07-01; w 2019 r. W 2018 r.; "
            "ustawa z dnia 24 kwietnia 2003 r. (Dz. U. z 2019 r. poz. 688), rozporządzenie z 24.10.2018 r.")
    shifted = shift_text_dates(text, timedelta(days=366), period=(date(2019, 4, 24), date(2019, 12, 31)))
    assert shifted == ("od 1.07.2020 r. do 31.12.2020 r., 14 czerwca 2020, 2020-07-01; w 2020 r. W 2019 r.; "
                       "ustawa z dnia 24 kwietnia 2003 r. (Dz. U. z 2019 r. poz. 688), rozporządzenie z 24.10.2018 r.")
