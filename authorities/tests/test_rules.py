"""The grammar of every kind of authority, for a man and a woman in the office (pure functions)."""
import pytest

from authorities import rules

CASES = [
    # kind, nominative, genitive, accusative, act (gen.), party, participle
    (rules.BURMISTRZ, "Burmistrz Miasta Hajnówka", "Burmistrza Miasta Hajnówka", "Burmistrza Miasta Hajnówka",
     "zarządzenia", "Gmina Miejska Hajnówka", "reprezentowana"),
    (rules.WOJT, "Wójt Gminy Kamienna Struga", "Wójta Gminy Kamienna Struga", "Wójta Gminy Kamienna Struga",
     "zarządzenia", "Gmina Kamienna Struga", "reprezentowana"),
    (rules.PREZYDENT, "Prezydent Miasta Białegostoku", "Prezydenta Miasta Białegostoku",
     "Prezydenta Miasta Białegostoku", "zarządzenia", "Miasto Białystok", "reprezentowane"),
    (rules.ZARZAD_POWIATU, "Zarząd Powiatu Hajnowskiego", "Zarządu Powiatu Hajnowskiego",
     "Zarząd Powiatu Hajnowskiego", "uchwały", "Powiat Hajnowski", "reprezentowany"),
    (rules.ZARZAD_WOJEWODZTWA, "Zarząd Województwa Podlaskiego", "Zarządu Województwa Podlaskiego",
     "Zarząd Województwa Podlaskiego", "uchwały", "Województwo Podlaskie", "reprezentowane"),
]


@pytest.mark.parametrize(("kind", "name", "genitive", "accusative", "act", "party", "represented"), CASES)
def test_each_kind_declines_its_office_and_names_its_act(kind, name, genitive, accusative, act, party, represented):
    assert rules.genitive_of(name, kind) == genitive
    assert rules.accusative_of(name, genitive, kind) == accusative
    assert rules.kind_of(kind).act.genitive == act
    assert rules.represented_by(party, accusative) == f"{represented} przez {accusative}"
    assert rules.name_problems(kind=kind, name=name, genitive=genitive) == {}
    assert rules.party_problem(party) is None
    assert rules.guess_kind(name) == kind


@pytest.mark.parametrize("kind", [rules.BURMISTRZ, rules.WOJT, rules.PREZYDENT])
def test_a_woman_in_a_single_person_office_takes_feminine_verbs_but_the_office_keeps_its_name(kind):
    assert rules.past(kind, rules.FEMININE, "przyznał", "przyznała") == "przyznała"
    assert rules.past(kind, rules.MASCULINE, "przyznał", "przyznała") == "przyznał"
    office = rules.kind_of(kind)
    assert rules.genitive_of(f"{office.office} Gminy X", kind) == f"{office.office_genitive} Gminy X"


@pytest.mark.parametrize("kind", [rules.ZARZAD_POWIATU, rules.ZARZAD_WOJEWODZTWA])
def test_a_board_is_masculine_whoever_sits_on_it_and_decides_by_a_resolution(kind):
    assert rules.past(kind, rules.FEMININE, "przyznał", "przyznała") == "przyznał"
    assert rules.kind_of(kind).act == rules.RESOLUTION
    assert rules.kind_of(kind).act.instrumental == "uchwałą"


def test_single_person_offices_decide_by_an_order():
    for kind in (rules.BURMISTRZ, rules.WOJT, rules.PREZYDENT):
        act = rules.kind_of(kind).act
        assert (act.nominative, act.genitive, act.instrumental) == ("zarządzenie", "zarządzenia", "zarządzeniem")


@pytest.mark.parametrize(("kind", "office", "treasurer"), [
    (rules.BURMISTRZ, "Urząd Miasta", "Skarbnik Miasta"), (rules.WOJT, "Urząd Gminy", "Skarbnik Gminy"),
    (rules.PREZYDENT, "Urząd Miasta", "Skarbnik Miasta"),
    (rules.ZARZAD_POWIATU, "Starostwo Powiatowe", "Skarbnik Powiatu"),
    (rules.ZARZAD_WOJEWODZTWA, "Urząd Marszałkowski", "Skarbnik Województwa"),
])
def test_each_kind_has_its_office_and_treasurer(kind, office, treasurer):
    assert rules.kind_of(kind).office_name == office
    assert rules.kind_of(kind).treasurer_title == treasurer


def test_a_name_of_another_office_than_its_kind_is_refused_with_the_office_it_needs():
    problems = rules.name_problems(kind=rules.WOJT, name="Burmistrz Gminy X", genitive="Burmistrza Gminy X")
    assert set(problems) == {"name", "name_genitive"}
    assert "Wójt" in problems["name"]
    assert "Wójta" in problems["name_genitive"]


def test_a_genitive_of_another_place_is_refused_with_the_expected_form():
    problems = rules.name_problems(kind=rules.WOJT, name="Wójt Gminy Kamienna Struga", genitive="Wójta Gminy Y")
    assert "Wójta Gminy Kamienna Struga" in problems["name_genitive"]


def test_a_board_needs_its_level_in_the_name():
    problems = rules.name_problems(kind=rules.ZARZAD_POWIATU, name="Zarząd Województwa X",
                                   genitive="Zarządu Województwa X")
    assert "Zarząd Powiatu" in problems["name"]


def test_an_unknown_kind_and_party_are_named():
    assert "kind" in rules.name_problems(kind="starosta", name="Starosta X", genitive="Starosty X")
    assert rules.party_problem("Urząd Miasta X") is not None


@pytest.mark.parametrize(("party", "called"), [("Gmina Miejska Hajnówka", "zwana"), ("Powiat Hajnowski", "zwany"),
                                              ("Miasto Białystok", "zwane"), ("Województwo Podlaskie", "zwane")])
def test_the_party_agrees_with_its_participles(party, called):
    assert rules.called(party) == called


@pytest.mark.parametrize(("name", "party", "seat", "office"), [
    ("Wójt Gminy Kamienna Struga", "Gmina Kamienna Struga", "Kamienna Struga", "Urząd Gminy Kamienna Struga"),
    ("Burmistrz Miasta Hajnówka", "Gmina Miejska Hajnówka", "Hajnówka", "Urząd Miasta Hajnówka"),
    ("Zarząd Powiatu Hajnowskiego", "Powiat Hajnowski", "", "Starostwo Powiatowe"),
    ("Zarząd Województwa Podlaskiego", "Województwo Podlaskie", "", "Urząd Marszałkowski"),
])
def test_guesses_for_the_free_text_of_older_calls(name, party, seat, office):
    kind = rules.guess_kind(name)
    assert rules.party_guess(name, kind) == party
    assert rules.seat_guess(name, kind) == seat
    assert rules.office_guess(name, kind) == office


def test_a_text_that_names_no_office_is_taken_for_a_burmistrz_and_passes_the_check_only_if_it_fits():
    assert rules.guess_kind("Organ X") == rules.BURMISTRZ
    assert rules.name_problems(kind=rules.BURMISTRZ, name="Organ X", genitive="Organu X")


def test_the_act_reads_in_the_pages_language_polish_cases_and_english_words():
    from django.utils import translation

    with translation.override("pl"):
        assert (str(rules.ORDER.nominative), str(rules.ORDER.genitive), str(rules.ORDER.instrumental)) == (
            "zarządzenie", "zarządzenia", "zarządzeniem")
        assert str(rules.RESOLUTION.instrumental) == "uchwałą"
    with translation.override("en"):
        assert (str(rules.ORDER.nominative), str(rules.RESOLUTION.genitive)) == ("order", "resolution")


@pytest.mark.parametrize("account, valid", [
    ("PL61 1090 1014 0000 0712 1981 2874", True),
    ("61109010140000071219812874", True),  # the Polish number without "PL"
    ("PL61 1090 1014 0000 0712 1981 2875", False),  # a wrong check digit
    ("DE89 3704 0044 0532 0130 00", False),  # not a Polish account
    ("PL61 1090", False),
])
def test_the_account_for_returns_is_a_polish_iban(account, valid):
    assert (rules.account_problem(account) is None) == valid
