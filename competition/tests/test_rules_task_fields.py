"""The fields of public tasks a call names, for the home page's filter."""
import pytest

from competition.rules import task_fields


@pytest.mark.parametrize("text, fields", [
    ("Rewitalizacja; działalność na rzecz osób niepełnosprawnych; działalność wspomagająca rozwój organizacji "
     "pozarządowych (art. 4 ust. 1 ustawy o działalności pożytku publicznego i o wolontariacie).",
     ["Rewitalizacja", "Działalność na rzecz osób niepełnosprawnych",
      "Działalność wspomagająca rozwój organizacji pozarządowych"]),
    ("Działalność na rzecz organizacji pozarządowych", ["Działalność na rzecz organizacji pozarządowych"]),
    ("kultura;\nsport.", ["Kultura", "Sport"]),
    ("", []),
])
def test_task_fields(text, fields):
    assert task_fields(text) == fields
