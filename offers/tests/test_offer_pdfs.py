"""PDFs of an offer: the submission confirmation and the whole offer (official form layout)."""
import io
import os
import re
import time

import pytest
from django.utils import timezone
from pypdf import PdfReader

from competition.rules import WARSAW
from tests_support.factories import MembershipFactory, OrganisationFactory
from tests_support.offers import cost, make_offer

A4_POINTS = (595, 842)
DUMP_DIR = os.environ.get("PDF_DUMP_DIR")  # set it to look at the rendered files by eye


def _text(content: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(content))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _get_pdf(client, url: str, name: str = "") -> tuple[PdfReader, str]:
    started = time.perf_counter()
    response = client.get(url)
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    if DUMP_DIR and name:
        with open(os.path.join(DUMP_DIR, name), "wb") as fh:
            fh.write(response.content)
        print(f"{name}: {elapsed:.2f} s")
    return _text(response.content)


@pytest.fixture
def member(db):
    return MembershipFactory(organisation__legal_form="association",
                             organisation__name="Stowarzyszenie Żurawie Hajnówki")


@pytest.fixture
def submitted(reference_call, member):
    return make_offer(call=reference_call, organisation=member.organisation, user=member.user, submit=True)


def _confirmation_url(offer, number=1):
    return f"/offers/{offer.pk}/versions/{number}/confirmation.pdf"


def _version_url(offer, number=1):
    return f"/offers/{offer.pk}/versions/{number}/offer.pdf"


def _draft_url(offer):
    return f"/offers/{offer.pk}/offer.pdf"


# --- the submission confirmation ----------------------------------------------------------------


def test_confirmation_carries_everything_the_office_checks(client, submitted, member, reference_call):
    version = submitted.versions.get()
    client.force_login(member.user)

    reader, text = _get_pdf(client, _confirmation_url(submitted), "confirmation.pdf")
    flat = _flat(text)

    assert "Potwierdzenie złożenia oferty" in text
    assert version.checksum in text, "the 64-hex control sum must be extractable unbroken"
    assert version.short_checksum[:39] in flat
    assert f"{submitted.number}/1/{version.checksum[:8]}" in flat  # the code to type in
    assert "Numer oferty " + submitted.number in flat
    assert _flat(reference_call.title) in flat  # Polish diacritics survive extraction
    assert reference_call.authority.name in flat
    assert "Razem w Hajnówce" in flat
    assert "Stowarzyszenie Żurawie Hajnówki" in flat
    assert "Anna Kowalska – prezes zarządu" in flat  # the authorised persons sign here
    submitted_at = timezone.localtime(version.submitted_at, WARSAW).strftime("%d.%m.%Y, godz. %H:%M:%S")
    assert submitted_at in flat
    assert "chwila, w której polecenie złożenia oferty dotarło do portalu" in flat  # the moment that counts
    deadline = timezone.localtime(reference_call.confirmation_deadline, WARSAW)
    assert deadline.strftime("%d.%m.%Y, godz. %H:%M") in flat
    assert _flat(reference_call.confirmation_address) in flat
    assert "decyduje data wpływu" in flat
    assert "Strona 1 z" in text
    pages = len(reader.pages)
    assert f"Strona {pages} z {pages}" in text
    assert tuple(round(float(v)) for v in reader.pages[0].mediabox[2:]) == A4_POINTS


def test_confirmation_shows_the_grant_per_action_and_in_total(client, submitted, member):
    client.force_login(member.user)
    _, text = _get_pdf(client, _confirmation_url(submitted))
    flat = _flat(text)

    # default costs: per action 4 000,00 + 500,00 = 4 500,00 of which 4 050,00 is grant
    assert "4 500,00 zł 4 050,00 zł" in flat
    assert "Razem 9 000,00 zł 8 100,00 zł" in flat


def test_the_same_version_renders_the_same_text_even_after_the_offer_changes(client, submitted, member):
    from offers import services

    client.force_login(member.user)
    _, first = _get_pdf(client, _confirmation_url(submitted))
    _, first_offer = _get_pdf(client, _version_url(submitted))
    services.offer_withdraw(offer=submitted, by=member.user)
    services.offer_save_fields(offer=submitted, by=member.user, revision=None, section="basics",
                               data={"title": "Zupełnie inny tytuł"})

    _, second = _get_pdf(client, _confirmation_url(submitted))
    _, second_offer = _get_pdf(client, _version_url(submitted))

    assert "Zupełnie inny tytuł" not in second + second_offer
    assert "została wycofana" in second  # the only change: the withdrawal is stated
    withdrawn = re.compile(r"Ta wersja oferty została wycofana \d\d\.\d\d\.\d{4}, godz\. [\d:]+\."
                           r"( Potwierdzenie tej wersji nie jest ważne\.)? ")
    footers = re.compile(r"Potwierdzenie – oferta nr \S+, wersja \d+, suma kontrolna \w+… |Strona \d+ z \d+ ?")

    def strip(text):  # the banner may move a page break: compare the content, not the pagination
        return footers.sub("", withdrawn.sub("", _flat(text)))

    assert strip(second) == strip(first)
    # the offer's banner moves its page breaks, so compare what it says rather than byte for byte
    assert "Razem w Hajnówce" in second_offer and "została wycofana" in second_offer


def test_rendering_one_version_twice_gives_identical_text(client, submitted, member):
    client.force_login(member.user)
    assert _get_pdf(client, _confirmation_url(submitted))[1] == _get_pdf(client, _confirmation_url(submitted))[1]
    assert _get_pdf(client, _version_url(submitted))[1] == _get_pdf(client, _version_url(submitted))[1]


def test_unknown_version_is_404(client, submitted, member):
    client.force_login(member.user)
    assert client.get(_confirmation_url(submitted, 2)).status_code == 404
    assert client.get(_version_url(submitted, 2)).status_code == 404


# --- access ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [_confirmation_url, _version_url, _draft_url])
def test_another_organisations_member_gets_404(client, submitted, url):
    stranger = MembershipFactory(organisation__legal_form="association").user
    client.force_login(stranger)
    assert client.get(url(submitted)).status_code == 404


@pytest.mark.parametrize("url", [_confirmation_url, _version_url, _draft_url])
def test_anonymous_is_sent_to_log_in(client, submitted, url):
    response = client.get(url(submitted))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_partners_member_may_print_the_joint_offer(client, reference_call, member):
    partner = MembershipFactory(organisation__legal_form="foundation")
    offer = make_offer(call=reference_call, organisation=member.organisation, user=member.user,
                       partners=[partner.organisation], submit=True)
    client.force_login(partner.user)
    assert client.get(_confirmation_url(offer)).status_code == 200


# --- the whole offer -------------------------------------------------------------------------------


@pytest.fixture
def joint(reference_call, member):
    partner = OrganisationFactory(legal_form="foundation", name="Fundacja Puszcza Dzieciom", krs="",
                                  other_register="Ewidencja Starosty Hajnowskiego", other_register_number="12/2015",
                                  representatives="Zofia Łęcka – fundatorka", with_member=True)
    costs = {
        "A": [cost("Warsztaty animacyjne", "10", "400.00", grant="3600.00", own_financial="400.00", unit="warsztat"),
              cost("Koordynacja", "5", "100.00", grant="450.00", own_personal="50.00", kind="administrative",
                   unit="miesiąc", hours="2", rate="25.00")],
        "D": [cost("Świetlica – opiekun", "120", "30.00", grant="3240.00", own_in_kind="360.00", unit="godzina",
                   valuation="sala udostępniona przez fundację", offeror=partner),
              cost("Księgowość", "4", "100.00", grant="360.00", own_financial="40.00", kind="administrative",
                   unit="miesiąc", offeror=partner)],
    }
    offer = make_offer(call=reference_call, organisation=member.organisation, user=member.user,
                       partners=[partner], costs=costs, submit=True)
    return offer, partner


def test_joint_offer_pdf_lists_both_offerors_and_the_split(client, joint, member):
    offer, partner = joint
    client.force_login(member.user)

    reader, text = _get_pdf(client, _version_url(offer), "offer-joint.pdf")
    flat = _flat(text)

    assert "OFERTA WSPÓLNA REALIZACJI ZADANIA PUBLICZNEGO" in flat
    for heading in ("I. Podstawowe informacje", "II. Dane oferenta", "III. Opis zadania",
                    "IV. Charakterystyka oferenta",
                    "V. Kalkulacja przewidywanych kosztów", "V.A Zestawienie kosztów", "V.B Źródła finansowania",
                    "V.C Podział kosztów", "VI. Inne informacje", "VII. Oświadczenia"):
        assert heading in flat, heading
    assert "Stowarzyszenie Żurawie Hajnówki" in flat
    assert "Fundacja Puszcza Dzieciom" in flat
    assert "Ewidencja Starosty Hajnowskiego, nr 12/2015" in flat
    assert "Zofia Łęcka – fundatorka" in flat
    # V.C: the lead bears action A (4 500,00), the partner action D (4 000,00)
    assert "4 500,00 4 000,00 8 500,00" in flat
    assert "52,94% 47,06% 100,00%" in flat
    # V.B: total, grant with its share, own contribution split
    assert "Planowana dotacja w ramach niniejszej oferty 7 650,00 90,00%" in flat
    assert "wkład osobowy: 2 h × 25,00 zł = 50,00 zł" in flat
    assert "sala udostępniona przez fundację" in flat
    assert "Strona 1 z" in text
    assert len(reader.pages) >= 3


def test_draft_pdf_is_built_from_live_data_and_marked_as_a_draft(client, reference_call, member):
    offer = make_offer(call=reference_call, organisation=member.organisation, user=member.user)
    client.force_login(member.user)

    _, text = _get_pdf(client, _draft_url(offer), "offer-draft.pdf")
    flat = _flat(text)

    assert "PROJEKT — wersja robocza (podgląd)" in flat
    assert "PROJEKT / podgląd" in flat  # the watermark on every page
    assert "OFERTA REALIZACJI ZADANIA PUBLICZNEGO, O KTÓREJ MOWA W ART. 14 UST. 1" in flat
    assert "Razem w Hajnówce" in flat
    assert "V.C Podział kosztów" in flat and "Nie dotyczy – oferta jednego oferenta." in flat
    assert "Do uzupełnienia" not in flat  # make_offer builds a complete offer


def test_draft_pdf_lists_what_blocks_submission(client, reference_call, member):
    from offers import services

    offer = services.offer_create(call=reference_call, organisation=member.organisation, by=member.user)
    client.force_login(member.user)

    _, text = _get_pdf(client, _draft_url(offer))

    assert "Do uzupełnienia przed złożeniem oferty" in _flat(text)


def test_current_pdf_of_a_submitted_offer_is_its_latest_version(client, submitted, member):
    client.force_login(member.user)
    response = client.get(_draft_url(submitted))
    assert response.status_code == 302
    assert response["Location"] == _version_url(submitted)
