"""Identifier rules at their boundaries (no database). Messages are checked in Polish."""
import pytest
from django.utils import translation

from organisations.rules import (
    format_iban,
    iban_error,
    krs_error,
    nip_error,
    normalise_iban,
    normalise_krs,
    normalise_nip,
    normalise_organisation,
    normalise_postal_code,
    normalise_regon,
    organisation_errors,
    postal_code_error,
    register_errors,
    regon_error,
    representatives_error,
)

VALID_NIP = "1234563218"
VALID_REGON_9 = "123456785"
VALID_REGON_14 = "12345678512347"
VALID_IBAN = "PL61109010140000071219812874"


@pytest.fixture(autouse=True)
def polish():
    with translation.override("pl"):
        yield


# --- NIP ---------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [VALID_NIP, "123-456-32-18", "123 456 32 18", "PL1234563218", ""])
def test_valid_nip_passes(value):
    assert nip_error(value) is None


@pytest.mark.parametrize(
    ("value", "expected_digit"),
    [("1234563211", "8"), ("1234563219", "8"), ("1234563220", "4")],
)
def test_nip_with_a_changed_digit_fails_the_check_digit_and_names_the_right_one(value, expected_digit):
    message = nip_error(value)
    assert message.startswith(f"Cyfra kontrolna NIP {value} jest błędna")
    assert f"powinna wynosić {expected_digit}" in message


def test_nip_whose_first_nine_digits_allow_no_check_digit_says_so():
    # Weighted sum of 000000003 is 3 * 7 = 21, and 21 mod 11 = 10: no digit can follow.
    assert "żaden poprawny NIP" in nip_error("0000000030")


@pytest.mark.parametrize(("value", "n"), [("123456321", 9), ("12345632181", 11), ("1", 1)])
def test_nip_of_wrong_length_names_the_length(value, n):
    assert nip_error(value) == f"NIP musi mieć 10 cyfr; podano {n}."


@pytest.mark.parametrize("value", ["12345A3218", "NIP1234563", "123.456.32.18x"])
def test_nip_with_letters_names_the_digits_rule(value):
    assert nip_error(value).startswith("NIP może zawierać tylko cyfry")


def test_nip_is_stored_as_ten_digits():
    assert normalise_nip(" 123-456-32-18 ") == VALID_NIP
    assert normalise_nip("pl 1234563218") == VALID_NIP


# --- REGON -------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [VALID_REGON_9, VALID_REGON_14, "123-456-785", "1234 5678 5123 47", ""])
def test_valid_regon_passes(value):
    assert regon_error(value) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [("123456786", "ostatnia cyfra powinna wynosić 5"), ("12345678512348", "ostatnia cyfra powinna wynosić 7")],
)
def test_regon_with_a_changed_last_digit_fails_the_check_digit(value, expected):
    message = regon_error(value)
    assert message.startswith(f"Cyfra kontrolna REGON {value} jest błędna")
    assert expected in message


def test_fourteen_digit_regon_checks_the_parent_regon_in_its_first_nine_digits():
    message = regon_error("12345678612347")
    assert "pierwszych dziewięciu cyfr" in message
    assert "dziewiąta cyfra powinna wynosić 5" in message


@pytest.mark.parametrize(("value", "n"), [("12345678", 8), ("1234567851", 10), ("1234567851234", 13), ("123456785123470", 15)])
def test_regon_of_wrong_length_names_the_length(value, n):
    assert regon_error(value) == f"REGON musi mieć 9 lub 14 cyfr; podano {n}."


def test_regon_with_letters_names_the_digits_rule():
    assert regon_error("12345678O").startswith("REGON może zawierać tylko cyfry")
    assert normalise_regon("123-456-785") == VALID_REGON_9


# --- KRS ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("0000123456", None),
        ("0000 123 456", None),
        ("", None),
        ("000012345", "Numer KRS musi mieć 10 cyfr, z zerami na początku (np. 0000123456); podano 9."),
        ("00001234567", "Numer KRS musi mieć 10 cyfr, z zerami na początku (np. 0000123456); podano 11."),
        ("KRS0000123", "Numer KRS może zawierać tylko cyfry."),
    ],
)
def test_krs_is_ten_digits_without_a_check_digit(value, error):
    assert krs_error(value) == error


def test_krs_is_stored_as_digits():
    assert normalise_krs("0000-123-456") == "0000123456"


# --- IBAN --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        VALID_IBAN,
        "PL61 1090 1014 0000 0712 1981 2874",
        "pl61 1090 1014 0000 0712 1981 2874",
        "61109010140000071219812874",
        "61 1090 1014 0000 0712 1981 2874",
        "",
    ],
)
def test_valid_polish_account_passes_with_or_without_spaces_and_pl(value):
    assert iban_error(value) is None
    if value:
        assert normalise_iban(value) == VALID_IBAN


def test_account_with_a_changed_digit_fails_the_checksum():
    assert iban_error("PL62109010140000071219812874").startswith("Cyfry kontrolne numeru rachunku są błędne")
    assert iban_error("61109010140000071219812875").startswith("Cyfry kontrolne numeru rachunku są błędne")


@pytest.mark.parametrize(
    ("value", "n"),
    [("PL6110901014000007121981287", 25), ("PL611090101400000712198128741", 27), ("6110901014000007121981287", 25)],
)
def test_account_of_wrong_length_names_the_length(value, n):
    assert iban_error(value) == f"Polski numer rachunku ma 26 cyfr (w formie IBAN: PL i 26 cyfr); podano {n}."


@pytest.mark.parametrize(("value", "country"), [("DE89370400440532013000", "DE"), ("GB82 WEST 1234 5698 7654 32", "GB")])
def test_foreign_account_names_the_country_rule(value, country):
    assert iban_error(value) == f"Rachunek bankowy musi być polski (PL); podany numer zaczyna się od {country}."


def test_account_with_letters_after_pl_names_the_digits_rule():
    assert iban_error("PL61109010140000071219812AB4").startswith("Numer rachunku bankowego może zawierać")


def test_account_is_shown_in_groups_of_four():
    assert format_iban("61109010140000071219812874") == "PL61 1090 1014 0000 0712 1981 2874"
    assert format_iban("") == ""


# --- postal code, register, representatives ----------------------------------------------


@pytest.mark.parametrize(("value", "stored"), [("17-200", "17-200"), ("17200", "17-200"), (" 17-200 ", "17-200")])
def test_postal_code_is_stored_as_nn_nnn(value, stored):
    assert postal_code_error(value) is None
    assert normalise_postal_code(value) == stored


@pytest.mark.parametrize("value", ["1-7200", "172000", "17 200", "AB-CDE"])
def test_postal_code_of_another_shape_is_rejected(value):
    assert postal_code_error(value) == "Kod pocztowy ma postać NN-NNN, np. 17-200."


@pytest.mark.parametrize(
    ("krs", "name", "number", "errors"),
    [
        ("0000123456", "", "", {}),
        ("", "ewidencja stowarzyszeń zwykłych Starosty Hajnowskiego", "12/2019", {}),
        ("", "", "", {"krs": "Podaj numer KRS albo nazwę innego rejestru i numer w tym rejestrze."}),
        ("", "ewidencja KGW", "", {"other_register_number": "Podaj numer w innym rejestrze."}),
        ("", "", "12/2019", {"other_register": "Podaj nazwę innego rejestru."}),
    ],
)
def test_krs_or_another_register_with_its_number_is_required(krs, name, number, errors):
    assert register_errors(krs, name, number) == errors


@pytest.mark.parametrize(("text", "ok"), [("Anna Kowalska – prezes", True), ("\n  \n", False), ("", False)])
def test_at_least_one_representative_is_required(text, ok):
    assert (representatives_error(text) is None) is ok


def test_organisation_errors_collects_every_rule_by_field():
    data = normalise_organisation(
        {"krs": "", "nip": "1234563211", "regon": VALID_REGON_9, "postal_code": "17200", "bank_account": "",
         "representatives": " Anna Kowalska \n\n", "name": "  Stowarzyszenie  "}
    )
    assert data["postal_code"] == "17-200"
    assert data["representatives"] == "Anna Kowalska"
    assert data["name"] == "Stowarzyszenie"
    assert set(organisation_errors(data)) == {"nip", "krs"}
