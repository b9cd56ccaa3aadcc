"""The contract and annex PDFs follow the framework contract of the 2018 regulation (Dz. U. 2018
poz. 2057, annex 3) section by section: read back from the PDF, for a Burmistrz's call and for
a Wójt's call (docs/examples/second-call.json), a joint offer, a task over two budget years with
partial reports, and a spending period ending on 31 December (return by 31 January)."""
import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse
from pypdf import PdfReader

from authorities.models import Authority
from contracts import services
from contracts.models import Contract
from tests_support.factories import grant
from tests_support.contracts import contract_for, funded, proposal

pytestmark = pytest.mark.django_db

SECOND_CALL = Path(__file__).resolve().parents[2] / "docs" / "examples" / "second-call.json"

# Every section of the framework contract, in its order (§ 1 … § 17).
SECTIONS = (
    "§ 1. Przedmiot umowy",
    "§ 2. Sposób wykonania zadania publicznego",
    "§ 3. Wysokość dotacji",
    "§ 4. Wkład własny",
    "§ 5. Dokonywanie przesunięć w zakresie ponoszonych wydatków",
    "§ 6. Dokumentacja związana z realizacją zadania publicznego",
    "§ 7. Obowiązki i uprawnienia informacyjne",
    "§ 8. Kontrola zadania publicznego",
    "§ 9. Obowiązki sprawozdawcze",
    "§ 10. Zwrot środków finansowych",
    "§ 11. Rozwiązanie umowy za porozumieniem Stron",
    "§ 12. Odstąpienie od umowy przez Zleceniobiorcę",
    "§ 13. Rozwiązanie umowy przez Zleceniodawcę",
    "§ 14. Zakaz zbywania rzeczy zakupionych za środki pochodzące z dotacji",
    "§ 15. Ochrona danych osobowych",
    "§ 16. Odpowiedzialność wobec osób trzecich",
    "§ 17. Postanowienia końcowe",
    "Załączniki:",
)


def text_of(content: bytes) -> str:
    pages = PdfReader(io.BytesIO(content)).pages
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pages))


def contract_text(client, contract: Contract, user) -> str:
    client.force_login(user)
    response = client.get(reverse("contracts:contract_pdf", kwargs={"pk": contract.pk}))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return text_of(response.content)


def section(text: str, title: str) -> str:
    """The text of one section: from its title to the next section's."""
    start = text.index(title)
    following = [pos for t in SECTIONS if (pos := text.find(t, start + 1)) > start]
    return text[start:min(following, default=len(text))]


@pytest.fixture
def world(reference_call, clerk, mayor):
    return funded(reference_call, clerk, mayor)


def wojt_authority() -> Authority:
    data = json.loads(SECOND_CALL.read_text(encoding="utf-8"))["authority"]
    return Authority.objects.create(**data, returns_account="PL61 1090 1014 0000 0712 1981 2874")


def check_parties(text: str, contract: Contract, authority: Authority) -> None:
    """The gmina represented by its authority with the treasurer's countersignature; the offeror
    represented by the persons named in the offer."""
    parties = text[:text.index("§ 1.")]
    assert f"{authority.municipality}" in parties
    assert (f"{authority.represented}, {authority.party_called} dalej „Zleceniodawcą”, przy kontrasygnacie: "
            f"{authority.treasurer_title_or_default}") in parties
    lead = contract.version.data["lead"]
    assert lead["name"] in parties
    for person in lead["representatives"]:
        assert person in parties
    assert "zwanym dalej „Zleceniobiorcą”" in parties
    assert "Kontrasygnata" in text  # the treasurer's line beside the signatures


def test_the_contract_follows_the_framework_contract_section_by_section(client, world, clerk):
    contract = world.contract
    Contract.objects.filter(pk=contract.pk).update(office_contact="Anna Urzędnik, tel. 85 682 20 00",
                                                   grantee_contact="Olga Oferentka, olga@example.org")
    contract.refresh_from_db()
    text = contract_text(client, contract, clerk)
    positions = [text.index(title) for title in SECTIONS]
    assert positions == sorted(positions)
    check_parties(text, contract, world.call.authority)

    subject = section(text, "§ 1. Przedmiot umowy")
    assert "umową o wsparcie realizacji zadania publicznego" in subject
    assert "powierzenie" not in text
    assert "ze strony Zleceniodawcy: Anna Urzędnik, tel. 85 682 20 00" in subject
    assert "ze strony Zleceniobiorcy: Olga Oferentka, olga@example.org" in subject

    how = section(text, "§ 2. Sposób wykonania zadania publicznego")
    start, end = contract.start_date, contract.end_date
    assert f"od dnia {start.day} " in how and f"{end.year} r." in how
    assert "dla środków pochodzących z dotacji: od dnia" in how
    assert "nie może ponosić z dotacji wydatków przed dniem zawarcia umowy" in how

    grant = section(text, "§ 3. Wysokość dotacji")
    assert "8 100,00 zł" in grant
    assert "PL" in grant and "jedynym posiadaczem wskazanego rachunku bankowego" in grant

    own = section(text, "§ 4. Wkład własny")
    for source in ("wkład własny finansowy", "wkład własny osobowy", "wkład własny rzeczowy",
                   "świadczenia pieniężne od odbiorców zadania"):
        assert source in own
    assert "%" in own

    assert "20,00%" in section(text, "§ 5. Dokonywanie przesunięć w zakresie ponoszonych wydatków")
    assert "przez 5 lat" in section(text, "§ 6. Dokumentacja związana z realizacją zadania publicznego")
    assert "art. 17 ustawy" in section(text, "§ 8. Kontrola zadania publicznego")
    reports = section(text, "§ 9. Obowiązki sprawozdawcze")
    assert "sprawozdanie końcowe" in reports and "dłuższym niż jeden rok budżetowy" not in reports
    assert f"{contract.report_due.year} r." in reports

    returns = section(text, "§ 10. Zwrot środków finansowych")
    assert "w terminie 15 dni od dnia zakończenia okresu wydatkowania dotacji (art. 251 ust. 2" in returns
    assert "jak dla zaległości podatkowych" in returns and "art. 252" in returns

    assert "porozumienia Stron" in section(text, "§ 11. Rozwiązanie umowy za porozumieniem Stron")
    assert "odstąpić od umowy" in section(text, "§ 12. Odstąpienie od umowy przez Zleceniobiorcę")
    assert "ze skutkiem natychmiastowym" in section(text, "§ 13. Rozwiązanie umowy przez Zleceniodawcę")
    assert "przez okres 5 lat od dnia dokonania ich zakupu" in section(
        text, "§ 14. Zakaz zbywania rzeczy zakupionych za środki pochodzące z dotacji")
    assert "RODO" in section(text, "§ 15. Ochrona danych osobowych")
    assert "w dwóch jednobrzmiących egzemplarzach" in section(text, "§ 17. Postanowienia końcowe")
    assert f"Oferta nr {contract.offer.number}" in section(text, "Załączniki:")

    # a grant spent to the year's end is returned by 31 January (art. 251 ust. 1)
    Contract.objects.filter(pk=contract.pk).update(
        start_date=date(2019, 7, 1), end_date=date(2019, 12, 31), spending_from=date(2019, 7, 1),
        spending_until=date(2019, 12, 31))
    returns = section(contract_text(client, Contract.objects.get(pk=contract.pk), clerk),
                      "§ 10. Zwrot środków finansowych")
    assert "do dnia 31 stycznia roku następującego po roku, w którym udzielono dotacji (art. 251 ust. 1" in returns
    assert "tj. do dnia 31 stycznia 2020 r." in returns
    assert "od dnia następującego po upływie tego terminu" in returns


def test_a_wojts_call_of_entrustment_over_two_years_names_its_gmina_partial_reports_and_the_annex(
        client, world, clerk, mayor):
    authority = wojt_authority()
    grant(clerk, "clerk", [authority])  # the commune's own officials act on its call
    grant(mayor, "decider", [authority])
    # the second call's authority and form; the reference call's own text naming its town is left out
    world.call.__class__.objects.filter(pk=world.call.pk).update(authority=authority, task_form="entrustment",
                                                                 grantee_duties="")
    # a change consented during the task (an annex; read below)
    change = services.change_request(
        contract=world.contract, by=world.grantee, revision=world.contract.revision, justification="Dowóz uczestników.",
        proposal=proposal(world.contract, new=[{"action": "A", "name": "Dowóz", "kind": "substantive",
                                         "total": "100.00", "grant": "0.00"}]))
    change = services.change_decide(change=change, by=mayor, approve=True)
    Contract.objects.filter(pk=world.contract.pk).update(
        start_date=date(2019, 7, 1), end_date=date(2021, 6, 30), spending_from=date(2019, 7, 1),
        spending_until=date(2021, 6, 20), report_due=date(2021, 7, 30))
    contract = Contract.objects.get(pk=world.contract.pk)
    text = contract_text(client, contract, clerk)
    check_parties(text, contract, authority)

    assert text.startswith("UMOWA NR") and "o powierzenie realizacji zadania publicznego" in text[:200]
    assert ("Gmina Kamienna Struga z siedzibą: Rynek 7, 19-314 Kamienna Struga, reprezentowana przez Wójta Gminy "
            "Kamienna Struga, zwana dalej „Zleceniodawcą”, przy kontrasygnacie: Skarbnik Gminy – Halina Rachunek") in text
    assert "umową o powierzenie realizacji zadania publicznego: dotacja finansuje" in section(text, "§ 1. Przedmiot umowy")
    assert "na rachunek bankowy Zleceniodawcy nr PL61 1090 1014 0000 0712 1981 2874" in section(
        text, "§ 10. Zwrot środków finansowych")
    assert "Burmistrz" not in text and "Miasta Hajnówka" not in text  # nothing of the first call's authority

    reports = section(text, "§ 9. Obowiązki sprawozdawcze")
    assert "w okresie dłuższym niż jeden rok budżetowy" in reports
    assert "1 lipca 2019 r. – 31 grudnia 2019 r. do 31 stycznia 2020 r." in reports
    assert "1 stycznia 2020 r. – 31 grudnia 2020 r. do 31 stycznia 2021 r." in reports
    assert "2021 r. – " not in reports  # the last year: the final report
    assert "do dnia 30 lipca 2021 r." in reports
    how = section(text, "§ 2. Sposób wykonania zadania publicznego")
    assert "od dnia 1 lipca 2019 r. do dnia 20 czerwca 2021 r." in how
    returns = section(text, "§ 10. Zwrot środków finansowych")
    assert "tj. do dnia 5 lipca 2021 r." in returns  # 15 days after 20 June (art. 251 ust. 2)

    # the annex: the same parties, what changes, the rest unchanged
    response = client.get(reverse("contracts:annex_pdf", kwargs={"pk": contract.pk, "number": change.number}))
    assert response.status_code == 200
    annex = text_of(response.content)
    assert f"do umowy nr {contract.number}" in annex and "o powierzenie realizacji zadania publicznego" in annex
    check_parties(annex, contract, authority)
    assert "Dowóz" in annex and "nowa pozycja" in annex
    assert "Pozostałe postanowienia umowy pozostają bez zmian." in annex
    assert "Burmistrz" not in annex


def test_a_joint_offer_names_and_lets_sign_every_offeror(client, world, clerk):
    joint = contract_for(world.offers[0], clerk, number="OKO/2/2019")
    offerors = [joint.version.data["lead"], *joint.version.data["partners"]]
    assert len(offerors) > 1
    text = contract_text(client, joint, clerk)
    parties = text[:text.index("§ 1. Przedmiot umowy")]
    for offeror in offerors:
        assert offeror["name"] in parties
        for person in offeror["representatives"]:
            assert person in parties
        assert f"Zleceniobiorca – {offeror['name']}" in text  # a signature line each
    assert "solidarnie" in parties
    copies = {2: "dwóch", 3: "trzech", 4: "czterech"}[1 + len(offerors)]
    assert f"w {copies} jednobrzmiących egzemplarzach" in text
