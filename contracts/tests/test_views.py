"""Contracts, changes and final reports through the test client, for each role that acts."""
from datetime import timedelta
from decimal import Decimal as D

import pytest
from django.urls import reverse

from contracts.final_report.models import FinalReport
from contracts.models import ChangeRequest, Contract
from tests_support.contracts import decided, funded

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(reference_call, clerk, mayor):
    return funded(reference_call, clerk, mayor)


def change_data(contract, overrides=None, **extra):
    data = {"justification": "Dowóz uczestników.", "revision": str(contract.revision)}
    for cost in contract.costs.all():
        data[f"total_{cost.pk}"] = str(cost.total).replace(".", ",")
        data[f"grant_{cost.pk}"] = str(cost.grant)
    for result in contract.results.all():
        data[f"result_{result.pk}"] = str(result.value)
    for (code, name), (total, grant) in (overrides or {}).items():
        cost = contract.costs.get(action__code=code, name=name)
        data[f"total_{cost.pk}"], data[f"grant_{cost.pk}"] = total, grant
    data.update(extra)
    return data


SHIFT_25 = {("A", "Koordynacja"): ("375,00", "337,50"), ("A", "Warsztaty – działanie A"): ("4 125,00", "3712,5")}


def test_the_clerk_prepares_a_contract_from_the_funded_list(client, reference_call, clerk, mayor):
    offers = decided(reference_call, clerk, mayor)
    client.force_login(clerk)
    page = client.get(reverse("contracts:call_contracts", kwargs={"slug": reference_call.slug}))
    assert page.status_code == 200 and offers[0].number in page.content.decode()
    url = reverse("contracts:contract_new", kwargs={"slug": reference_call.slug, "offer_pk": offers[0].pk})
    form = client.get(url)
    assert form.status_code == 200
    initial = form.context["form"].initial
    bad = {"number": "OKO/7/2019", "signed_on": offers[0].start_date.isoformat(), "place": "Hajnówka",
           "due_1": offers[0].start_date.isoformat(), "amount_1": "8 000,00"}
    response = client.post(url, bad)
    assert response.status_code == 200 and "8 100,00" in response.content.decode()
    assert 'value="OKO/7/2019"' in response.content.decode()  # nothing typed is lost
    good = {**bad, "amount_1": initial["amount_1"]}
    early = (offers[0].start_date - timedelta(days=1)).isoformat()
    response = client.post(url, {**good, "spending_from": early})
    assert response.status_code == 200 and not Contract.objects.filter(offer=offers[0]).exists()
    assert f'value="{early}"' in response.content.decode()  # the refused date is shown as typed
    assert initial["office_contact"] == f"{clerk.full_name}, {clerk.email}"  # proposed: the clerk
    representative = offers[0].organisation.representative_list()[0].split(" – ")[0]
    assert initial["grantee_contact"].startswith(representative)
    late = (offers[0].end_date + timedelta(days=1)).isoformat()
    response = client.post(url, {**good, "spending_until": late})
    assert response.status_code == 200 and not Contract.objects.filter(offer=offers[0]).exists()
    assert "musi kończyć się między jego początkiem" in response.content.decode()
    assert f'value="{late}"' in response.content.decode()
    until = (offers[0].end_date - timedelta(days=5))
    response = client.post(url, {**good, "spending_until": until.isoformat(), "office_contact": "Anna Urzędnik, tel. 1",
                                 "grantee_contact": "Olga Oferentka"})
    contract = Contract.objects.get(offer=offers[0])
    assert contract.spending_from == offers[0].start_date
    assert (contract.spending_until, contract.grant_spending_until) == (until, until)
    assert (contract.office_contact, contract.grantee_contact) == ("Anna Urzędnik, tel. 1", "Olga Oferentka")
    assert contract.events.get().details["spending_until"] == until.isoformat()
    assert response.status_code == 302 and response["Location"] == contract.get_absolute_url()
    assert client.get(reverse("contracts:contract_pdf", kwargs={"pk": contract.pk}))["Content-Type"] == "application/pdf"


def test_the_grantee_previews_and_asks_for_a_25_percent_shift_and_the_clerk_consents(client, world, clerk):
    c = world.contract
    client.force_login(world.grantee)
    url = reverse("contracts:change_new", kwargs={"pk": c.pk})
    preview = client.post(url, change_data(c, SHIFT_25, preview="1"))
    assert preview.status_code == 200 and preview.context["assessment"].needs_consent
    assert not c.changes.exists()
    response = client.post(url, change_data(c, SHIFT_25))
    change = c.changes.get()
    assert response.status_code == 302 and change.state == ChangeRequest.State.PENDING
    client.force_login(clerk)
    page = client.get(reverse("contracts:change", kwargs={"pk": c.pk, "number": 1}))
    assert page.context["can_decide"]
    client.post(reverse("contracts:change_decide", kwargs={"pk": c.pk, "number": 1}), {"decision": "approve"})
    change.refresh_from_db()
    assert change.state == ChangeRequest.State.APPROVED
    annex = client.get(reverse("contracts:annex_pdf", kwargs={"pk": c.pk, "number": 1}))
    assert annex.status_code == 200 and annex.content.startswith(b"%PDF")


def test_a_refused_change_keeps_every_typed_value_and_names_the_rule(client, world):
    c = world.contract
    client.force_login(world.grantee)
    data = change_data(c, {("A", "Warsztaty – działanie A"): ("4 000,00", "3 700,00")})
    response = client.post(reverse("contracts:change_new", kwargs={"pk": c.pk}), data)
    body = response.content.decode()
    assert response.status_code == 200 and not c.changes.exists()
    assert "3 700,00" in body and 'id="error-summary"' in body


def test_a_bad_amount_is_marked_on_its_field(client, world):
    c = world.contract
    client.force_login(world.grantee)
    data = change_data(c, {("A", "Koordynacja"): ("pięćset", "450")})
    body = client.post(reverse("contracts:change_new", kwargs={"pk": c.pk}), data).content.decode()
    assert 'aria-invalid="true"' in body and 'value="pięćset"' in body


def test_the_mayor_may_refuse_but_an_applicant_of_another_offer_sees_nothing(client, world, mayor):
    c = world.contract
    client.force_login(world.grantee)
    client.post(reverse("contracts:change_new", kwargs={"pk": c.pk}), change_data(c, SHIFT_25))
    other = world.offers[0].organisation.memberships.first().user
    client.force_login(other)
    assert client.get(c.get_absolute_url()).status_code == 404
    assert client.post(reverse("contracts:change_decide", kwargs={"pk": c.pk, "number": 1}),
                       {"decision": "approve"}).status_code == 404
    client.force_login(mayor)
    response = client.post(reverse("contracts:change_decide", kwargs={"pk": c.pk, "number": 1}), {"decision": "refuse"})
    assert response.status_code == 200 and 'id="error-summary"' in response.content.decode()  # a reason is needed
    client.post(reverse("contracts:change_decide", kwargs={"pk": c.pk, "number": 1}),
                {"decision": "refuse", "note": "Nie ma uzasadnienia."})
    assert c.changes.get().state == ChangeRequest.State.REFUSED


def report_data(contract, *, short=None, justification=""):
    data = {"execution": "Warsztaty odbyły się.", "other_information": "", "revision": "1",
            "grant_received": str(contract.grant_total)}
    first = contract.results.first()
    for r in contract.results.all():
        value = (r.value * (1 - short)).quantize(D("0.01")) if short and r == first else r.value
        data[f"achieved_{r.pk}"] = str(value)
        data[f"justification_{r.pk}"] = justification if r == first else ""
    for cost in contract.costs.all():
        data[f"total_{cost.pk}"], data[f"grant_{cost.pk}"] = str(cost.total), str(cost.grant)
    own = sum((c.total - c.grant for c in contract.costs.all()), D("0.00"))
    data.update(results_description="Rezultaty osiągnięte, policzone z list obecności.", other_revenue="Brak.",
                recipient_fees_info="Nie pobierano.", own_financial=str(own), own_personal="0", own_in_kind="0",
                recipient_fees="0", statements="1", signatories="Jan Kowalski – prezes")
    return data


def test_the_report_is_saved_submitted_returned_and_accepted(client, world, clerk):
    c = world.contract
    url = reverse("final_report:report", kwargs={"pk": c.pk})
    client.force_login(world.grantee)
    assert client.get(url).status_code == 200
    response = client.post(url, {**report_data(c, short=D("0.15")), "submit": "1"})
    report = FinalReport.objects.get(contract=c)
    assert report.state == "draft"  # saved, but the 15% shortfall needs a justification
    assert response.status_code == 200 and 'id="error-summary"' in response.content.decode()
    data = {**report_data(c, short=D("0.15"), justification="Grypa."), "revision": str(report.revision), "submit": "1"}
    assert client.post(url, data).status_code == 302
    assert FinalReport.objects.get(contract=c).state == "submitted"
    assert client.get(reverse("final_report:pdf", kwargs={"pk": c.pk, "number": 1})).content.startswith(b"%PDF")
    client.force_login(clerk)
    review = reverse("final_report:review", kwargs={"pk": c.pk})
    assert client.post(review, {"outcome": "return"}).status_code == 200  # a comment is needed
    client.post(review, {"outcome": "return", "comment_results": "Proszę opisać, ile zajęć odwołano."})
    assert FinalReport.objects.get(contract=c).state == "returned"
    client.force_login(world.grantee)
    page = client.get(url).content.decode()
    assert "Proszę opisać, ile zajęć odwołano." in page
    report = FinalReport.objects.get(contract=c)
    data = {**report_data(c, short=D("0.15"), justification="Grypa: odwołano 3 z 20 zajęć."),
            "revision": str(report.revision), "submit": "1"}
    client.post(url, data)
    client.force_login(clerk)
    client.post(review, {"outcome": "accept"})
    report = FinalReport.objects.get(contract=c)
    assert report.state == "accepted" and report.versions.count() == 2


def test_the_grantee_dashboard_lists_the_contract_with_its_report_state(client, world):
    client.force_login(world.grantee)
    page = client.get(reverse("contracts:dashboard")).content.decode()
    assert world.contract.number in page


def test_the_grantee_attaches_a_pdf_to_the_report_and_a_fake_one_is_refused(client, world, clerk):
    from django.core.files.uploadedfile import SimpleUploadedFile

    c = world.contract
    client.force_login(world.grantee)
    url = reverse("final_report:attachment_add", kwargs={"pk": c.pk})
    fake = SimpleUploadedFile("faktura.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post(url, {"file": fake, "description": "Faktura"})
    assert response.status_code == 400 and 'aria-invalid="true"' in response.content.decode()
    assert 'value="Faktura"' in response.content.decode()
    active = SimpleUploadedFile("lista.pdf", b"%PDF-1.4\n1 0 obj <</Type/Catalog/Names<</EmbeddedFiles 2 0 R>>>> "
                                b"endobj\n", content_type="application/pdf")
    response = client.post(url, {"file": active, "description": "Lista obecności"})
    assert response.status_code == 400 and "Plik PDF zawiera aktywną zawartość (/EmbeddedFiles)" in \
        response.content.decode()
    pdf = SimpleUploadedFile("lista.pdf", b"%PDF-1.4\n%demo\n", content_type="application/pdf")
    assert client.post(url, {"file": pdf, "description": "Lista obecności"}).status_code == 302
    attachment = FinalReport.objects.get(contract=c).attachments.get()
    client.force_login(clerk)
    download = client.get(reverse("final_report:attachment", kwargs={"pk": c.pk, "attachment_id": attachment.pk}))
    assert download.status_code == 200 and download["X-Content-Type-Options"] == "nosniff"
    outsider = world.offers[0].organisation.memberships.first().user
    client.force_login(outsider)
    assert client.get(reverse("final_report:attachment",
                              kwargs={"pk": c.pk, "attachment_id": attachment.pk})).status_code == 404
