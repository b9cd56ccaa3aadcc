"""Control in the browser's requests: the clerk plans and records, the grantee answers, errors
keep what was typed, nobody else sees anything; the PDFs say what the law asks in the
authority's name."""
from datetime import timedelta
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import timezone

from controls import services
from controls.models import Control, GrantReturn
from tests_support.pdf import pdf_text

pytestmark = pytest.mark.django_db


def test_the_clerk_plans_a_control_and_a_bad_plan_keeps_what_was_typed(world, clerk, client):
    client.force_login(clerk)
    url = reverse("controls:control_new", kwargs={"pk": world.contract.pk})
    assert client.get(url).status_code == 200
    today = timezone.localdate()
    response = client.post(url, {"scope": ["use"], "starts_on": today.isoformat(), "ends_on": today.isoformat(),
                                 "place": "Siedziba", "controllers": "   "})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="error-summary"' in html and "Siedziba" in html and "art. 17" in html
    response = client.post(url, {"scope": ["use", "documents"], "starts_on": today.isoformat(),
                                 "ends_on": today.isoformat(), "place": "Siedziba", "controllers": "Jan Kowalski"})
    control = Control.objects.get()
    assert response.status_code == 302 and response["Location"] == control.get_absolute_url()


def test_the_grantee_answers_and_an_outsider_gets_404(world, clerk, client, outsider):
    today = timezone.localdate()
    control = services.control_plan(contract=world.contract, by=clerk, scope=["use"], starts_on=today, ends_on=today,
                                    place="Siedziba", controllers="Jan Kowalski")
    services.control_record(control=control, by=clerk, carried_out_on=today, findings="Brak list obecności.",
                            recommendations="Uzupełnić listy.", answer_due=today + timedelta(days=7))
    page = reverse("controls:control", kwargs={"pk": world.contract.pk, "number": 1})
    client.force_login(outsider)
    assert client.get(page).status_code == 404
    client.force_login(world.grantee)
    assert 'id="answer-form"' in client.get(page).content.decode()
    answer = reverse("controls:control_answer", kwargs={"pk": world.contract.pk, "number": 1})
    assert client.post(reverse("controls:control_record", kwargs={"pk": world.contract.pk, "number": 1}),
                       {"findings": "x"}).status_code == 404
    response = client.post(answer, {"answer": "Listy uzupełnione."})
    assert response.status_code == 302
    assert Control.objects.get().state == Control.State.ANSWERED


def test_protocol_and_demand_name_the_authority_and_the_interest_rule(world, clerk, client):
    today = timezone.localdate()
    control = services.control_plan(contract=world.contract, by=clerk, scope=["use", "documents"], starts_on=today,
                                    ends_on=today, place="Siedziba", controllers="Jan Kowalski, inspektor")
    services.control_record(control=control, by=clerk, carried_out_on=today, findings="Zakup spoza kosztorysu.",
                            recommendations="Zwrócić kwotę.", answer_due=today + timedelta(days=7))
    services.return_demand(contract=world.contract, by=clerk, kind="misused", amount=D("1000.00"),
                           reason="Zakup spoza kosztorysu.", found_on=today, control=control)
    client.force_login(world.grantee)
    authority = world.contract.call.authority
    protocol = pdf_text(client.get(reverse("controls:protocol_pdf", kwargs={"pk": world.contract.pk, "number": 1})))
    for text in ("PROTOKÓŁ KONTROLI NR 1", "art. 17", authority.municipality, "Jan Kowalski, inspektor",
                 "Ustalenia kontroli", "Zakup spoza kosztorysu.", "zalecenia", "1 000,00 zł"):
        assert text in protocol, text
    demand = pdf_text(client.get(reverse("controls:demand_pdf", kwargs={"pk": world.contract.pk, "return_number": 1})))
    for text in ("WEZWANIE DO ZWROTU DOTACJI", "art. 252 ust. 1", authority.name, authority.municipality,
                 "1 000,00 zł", "jak dla zaległości podatkowych", "art. 252 ust. 5 pkt 1", "Wyliczenie odsetek"):
        assert text in demand, text


def test_the_clerk_demands_a_return_and_records_its_payment(world, clerk, client):
    client.force_login(clerk)
    url = reverse("controls:return_new", kwargs={"pk": world.contract.pk})
    today = timezone.localdate()
    response = client.post(url, {"kind": "misused", "amount": "99 999,00", "found_on": today.isoformat(),
                                 "reason": "Zakup spoza kosztorysu."})
    assert response.status_code == 200 and "99 999,00" in response.content.decode()
    response = client.post(url, {"kind": "misused", "amount": "1 000,00", "found_on": today.isoformat(),
                                 "reason": "Zakup spoza kosztorysu."})
    assert response.status_code == 302
    grant_return = GrantReturn.objects.get()
    paid = reverse("controls:return_paid", kwargs={"pk": world.contract.pk, "return_number": 1})
    assert client.post(paid, {"paid_on": today.isoformat()}).status_code == 302
    grant_return.refresh_from_db()
    assert grant_return.paid_on == today and grant_return.interest > 0
    page = client.get(reverse("controls:contract_controls", kwargs={"pk": world.contract.pk})).content.decode()
    assert 'data-paid="yes"' in page and "art. 63" in page


def test_the_call_list_shows_each_contract_with_its_controls(world, clerk, client, django_assert_max_num_queries):
    client.force_login(clerk)
    today = timezone.localdate()
    services.control_plan(contract=world.contract, by=clerk, scope=["use"], starts_on=today, ends_on=today,
                          place="Siedziba", controllers="Jan Kowalski")
    with django_assert_max_num_queries(20):
        response = client.get(reverse("controls:call_controls", kwargs={"slug": world.call.slug}))
    assert response.status_code == 200 and world.contract.number in response.content.decode()


def test_the_documents_speak_for_the_calls_authority_whoever_it_is(world, clerk, client):
    """A commune's head (a woman, a wójt) instead of a town's mayor: the protocol and the demand
    name her and her commune from the authority's data, never another office."""
    from competition.models import Call
    from tests_support.factories import wojt

    from tests_support.factories import grant

    authority = wojt()
    grant(clerk, "clerk", [authority])  # the clerk serves the commune now running the call
    Call.objects.filter(pk=world.call.pk).update(authority=authority)
    today = timezone.localdate()
    control = services.control_plan(contract=world.contract, by=clerk, scope=["use"], starts_on=today, ends_on=today,
                                    place="Siedziba", controllers="Ewa Kontrolna")
    services.control_record(control=control, by=clerk, carried_out_on=today, findings="Nadwyżka środków.",
                            recommendations="", answer_due=None)
    services.return_demand(contract=world.contract, by=clerk, kind="excess", amount=D("250.00"),
                           reason="Dotacja pobrana w nadmiernej wysokości.", found_on=today, control=control)
    client.force_login(clerk)
    protocol = pdf_text(client.get(reverse("controls:protocol_pdf", kwargs={"pk": world.contract.pk, "number": 1})))
    demand = pdf_text(client.get(reverse("controls:demand_pdf", kwargs={"pk": world.contract.pk, "return_number": 1})))
    assert "Gmina Kamienna Struga" in protocol and "Wójt Gminy Kamienna Struga" in protocol
    assert "Wójt Gminy Kamienna Struga wzywa" in demand.replace("\n", " ")
    assert "art. 252 ust. 5 pkt 2" in demand and "Brak zaleceń" in protocol
    for text in (protocol, demand):
        assert "Burmistrz" not in text and "Gmina Miejska Hajnówka" not in text  # the grantee's address may say Hajnówka
