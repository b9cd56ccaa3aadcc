"""A Wójt's call and a county board's call through every document: each speaks in its own
authority's name, in the right case, with its own act (zarządzenie / uchwała) and never names
an office it does not have. The reference call (Hajnówka 2019) is given another authority."""
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from awards import services as awards
from awards.tests.test_views import _scored
from competition.models import Call
from competition.rules import TEXT_FIELDS
from notifications.models import Message
from tests_support.contracts import contract_for
from tests_support.factories import county_board, grant, wojt
from tests_support.pdf import pdf_text

pytestmark = pytest.mark.django_db

WOJT = SimpleNamespace(
    make=wojt, act="Zarządzenie", act_gen="Zarządzenia", act_ins="zarządzeniem", verb="przyznała",
    name="Wójt Gminy Kamienna Struga", genitive="Wójta Gminy Kamienna Struga",
    party="Gmina Kamienna Struga", represented="reprezentowana przez Wójta Gminy Kamienna Struga, zwana dalej",
    treasurer="Skarbnik Gminy", foreign=("Burmistrz", "Uchwały Nr 45", "uchwałą", "Zarząd ", "Zarządu ", "przyznał "))
BOARD = SimpleNamespace(
    make=county_board, act="Uchwała", act_gen="Uchwały", act_ins="uchwałą", verb="przyznał",
    name="Zarząd Powiatu Testowskiego", genitive="Zarządu Powiatu Testowskiego",
    party="Powiat Testowski", represented="reprezentowany przez Zarząd Powiatu Testowskiego, zwany dalej",
    treasurer="Skarbnik Powiatu", foreign=("Burmistrz", "Wójt", "Zarządzeni", "zarządzeni"))


@pytest.fixture(params=[WOJT, BOARD], ids=["wojt", "county-board"])
def case(request, reference_call):
    authority = request.param.make()
    # The announcement's own texts are the call's data: Hajnówka's name its mayor, so they go.
    texts = {key: "" for key in TEXT_FIELDS if "Burmistrz" in getattr(reference_call, key)}
    Call.objects.filter(pk=reference_call.pk).update(authority=authority, **texts)
    return SimpleNamespace(**vars(request.param), call=Call.objects.get(pk=reference_call.pk))


def _clean(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


def _assert_foreign_absent(case, text):
    for word in case.foreign:
        assert word not in text, f"{word!r} in a document of {case.name}"


def test_the_announcement_is_an_annex_to_the_authoritys_own_act(client, case):
    text = _clean(pdf_text(client.get(reverse("reports:announcement_pdf", kwargs={"slug": case.call.slug}))))

    assert f"Załącznik do {case.act_gen} Nr 45/19 {case.genitive} z dnia" in text
    _assert_foreign_absent(case, text)


def test_the_public_pages_name_the_act_of_the_authority(client, case):
    for url in (reverse("competition:call_list"), reverse("competition:call_detail", kwargs={"slug": case.call.slug})):
        html = _clean(client.get(url).content.decode())
        assert case.name in html
        assert f"{case.act.lower()} nr 45/19" in html.lower()
        _assert_foreign_absent(case, html)


def test_the_decision_notice_contract_and_results_speak_in_the_authoritys_name(client, case, clerk, mayor):
    grant(clerk, "clerk", [case.call.authority])  # the call moved to another authority: its officials too
    grant(mayor, "decider", [case.call.authority])
    mc = _scored(case.call, clerk)
    decision = awards.decision_propose(call=mc.call, by=clerk)
    awards.decision_lock(decision=decision, order_number="15/2019", order_date=timezone.localdate(), by=mayor)
    awards.results_publish(call=Call.objects.get(pk=case.call.pk), by=clerk)

    notice = Message.objects.filter(kind=Message.Kind.AWARD).first()
    assert f"\n\n{case.act_ins.capitalize()} nr 15/2019 z dnia" in notice.body
    assert f"{case.name} {case.verb} na realizację oferty" in notice.body
    _assert_foreign_absent(case, notice.body)

    offer = mc.offers[1]
    contract = contract_for(offer, clerk)
    client.force_login(clerk)
    text = _clean(pdf_text(client.get(reverse("contracts:contract_pdf", kwargs={"pk": contract.pk}))))
    assert f"ogłoszonego {case.act_ins} nr 45/19 {case.genitive}" in text
    assert f"{case.party} z siedzibą:" in text
    assert case.represented in text
    assert "Kontrasygnata" in text and case.treasurer in text
    _assert_foreign_absent(case, text)

    results = _clean(pdf_text(client.get(reverse("reports:results_pdf", kwargs={"slug": case.call.slug}))))
    # the facts table's heading cell wraps in the PDF's layout: its words, and the exact phrase on the page
    assert f"ogłoszony {case.act_ins} nr 45/19 {case.genitive} z dnia" in results
    assert case.act in results and "rozstrzygnięcia" in results
    _assert_foreign_absent(case, results)
    page = _clean(client.get(reverse("reports:results", kwargs={"slug": case.call.slug})).content.decode())
    assert f"{case.act} {case.genitive} w sprawie rozstrzygnięcia konkursu" in page
