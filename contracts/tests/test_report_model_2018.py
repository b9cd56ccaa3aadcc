"""Partial and final reports after the 2018 report model (annex 5 of the regulation of 24 October
2018, Dz. U. 2018 poz. 2057): a task that runs over two budget years owes a partial report for the
first and a final one; each PDF is read back section by section; the final report settles the
whole task (the partial report's costs added); reminders go before each due day."""
import io
from datetime import date, datetime, time
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from contracts.final_report import selectors
from contracts.final_report import services as services_final
from contracts.final_report.models import FinalReport
from contracts.models import Contract
from core.money import format_money, format_percent
from core.pdf import tasks
from notifications import services as outbox
from notifications.models import Message
from tests_support.contracts import funded

pytestmark = pytest.mark.django_db

CENT = D("0.01")


@pytest.fixture
def two_years(reference_call, clerk, mayor):
    """The funded contract stretched into the next budget year, paid in two tranches (one a year)."""
    world = funded(reference_call, clerk, mayor)
    c = world.contract
    end = date(c.start_date.year + 1, 6, 30)
    half = (c.grant_total / 2).quantize(CENT)
    Contract.objects.filter(pk=c.pk).update(
        end_date=end, report_due=date(end.year, 7, 30),
        payments=[{"due": c.start_date.isoformat(), "amount": str(half)},
                  {"due": date(end.year, 1, 15).isoformat(), "amount": str(c.grant_total - half)}])
    world.contract = Contract.objects.get(pk=c.pk)
    return world


def fill(report, by, *, part=D("0.5")):
    """Every result as planned, every cost item `part` of its plan; the rest of the costs from the
    own financial contribution."""
    contract = report.contract
    results = {r.pk: (r.value, "") for r in contract.results.all()}
    costs = {c.pk: ((c.total * part).quantize(CENT), (c.grant * part).quantize(CENT)) for c in contract.costs.all()}
    own = sum((t - g for t, g in costs.values()), D("0.00"))
    return services_final.report_save(
        report=report, by=by, revision=report.revision, execution="Warsztaty A i D odbyły się zgodnie z harmonogramem.",
        other_information="", grant_received=report.grant_received, results=results, costs=costs, statements=True,
        texts={"results_description": "Uczestnicy policzeni z list obecności.", "other_revenue": "Brak przychodów.",
               "recipient_fees_info": "Nie pobierano świadczeń.", "signatories": "Anna Nowak – prezes\nJan Lis – skarbnik"},
        sources={"own_financial": own, "own_personal": D("0"), "own_in_kind": D("0"), "recipient_fees": D("0")})


def pdf_text(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(response.content)).pages)


def test_a_task_over_two_budget_years_owes_a_partial_and_a_final_report(two_years):
    c = two_years.contract
    periods = selectors.periods(c)
    assert [(p.kind, p.start, p.end, p.due) for p in periods] == [
        ("partial", c.start_date, date(c.start_date.year, 12, 31), date(c.start_date.year + 1, 1, 31)),
        ("final", date(c.end_date.year, 1, 1), c.end_date, c.report_due)]


def test_the_partial_report_settles_its_year_and_the_final_report_the_whole_task(two_years):
    c, grantee = two_years.contract, two_years.grantee
    partial_period, final_period = selectors.periods(c)
    partial = services_final.report_start(contract=c, by=grantee, period=partial_period)
    half = (c.grant_total / 2).quantize(CENT)
    assert partial.kind == "partial" and partial.grant_received == half  # the first year's tranche
    # the persons the offer names as representing the offeror sign, unless the grantee changes them
    assert partial.signatories == "\n".join(f"{p} ({o['name']})" for o in selectors.offerors_signed(c)
                                            for p in o["representatives"]) != ""
    fill(partial, grantee)
    version = services_final.report_submit(report=FinalReport.objects.get(pk=partial.pk), by=grantee)
    assert version.data["kind"] == "partial"
    assert D(version.data["settlement"]["to_return"]) == half - sum((c.grant * D("0.5")).quantize(CENT)
                                                                    for c in c.costs.all())
    final = services_final.report_start(contract=c, by=grantee, period=final_period)
    assert final.grant_received == c.grant_total and final.period_start == final_period.start
    fill(final, grantee)
    version = services_final.report_submit(report=FinalReport.objects.get(pk=final.pk), by=grantee)
    used = sum((2 * (x.grant * D("0.5")).quantize(CENT) for x in c.costs.all()), D("0.00"))
    assert D(version.data["settlement"]["used"]) == used  # the partial report's half added
    total = sum((2 * (x.total * D("0.5")).quantize(CENT) for x in c.costs.all()), D("0.00"))
    sources = {row["number"]: row for row in version.data["sources"]}
    assert D(sources["1"]["actual"]) == total and D(sources["2"]["actual"]) == used
    assert D(sources["2"]["actual_share"]) == (used / total).quantize(D("0.0001"))


def test_sources_that_do_not_make_the_costs_incurred_block_submission(two_years):
    c, grantee = two_years.contract, two_years.grantee
    report = fill(services_final.report_start(contract=c, by=grantee), grantee)
    FinalReport.objects.filter(pk=report.pk).update(own_financial=D("1.00"), statements=False)
    with pytest.raises(ValidationError) as exc:
        services_final.report_submit(report=FinalReport.objects.get(pk=report.pk), by=grantee)
    text = " ".join(exc.value.messages)
    assert "add up to" in text or "muszą razem dać poniesione koszty" in text
    assert len(exc.value.messages) == 2  # and the statements are not made


def test_a_grant_spent_above_an_item_beyond_the_shift_limit_is_a_finding_of_the_final_report(two_years):
    c, grantee = two_years.contract, two_years.grantee
    report = fill(services_final.report_start(contract=c, by=grantee), grantee, part=D("1"))
    item = c.costs.order_by("pk").first()
    over = (item.grant * D("1.30")).quantize(CENT)  # 30% above its grant, the call allows 20%
    report.costs.filter(cost=item).update(actual_total=max(item.total, over), actual_grant=over)
    results, costs = selectors.report_rows(report)
    findings = selectors.report_findings(FinalReport.objects.get(pk=report.pk), results, costs)
    assert any(item.name in f and format_percent(c.call.cost_shift_limit) in f for f in findings)


def test_the_pdfs_follow_the_2018_report_model_section_by_section(client, two_years):
    c, grantee = two_years.contract, two_years.grantee
    partial_period, final_period = selectors.periods(c)
    partial = fill(services_final.report_start(contract=c, by=grantee, period=partial_period), grantee)
    services_final.report_submit(report=partial, by=grantee)
    final = fill(services_final.report_start(contract=c, by=grantee, period=final_period), grantee)
    services_final.report_submit(report=final, by=grantee)
    client.force_login(grantee)
    year = partial_period.end.year
    tasks.build_pdf("final_report", c.call_id, f"report-{c.pk}-{year}-v1")
    tasks.build_pdf("final_report", c.call_id, f"report-{c.pk}-v1")
    partial_text = pdf_text(client, reverse("final_report:partial_pdf", kwargs={"pk": c.pk, "year": year, "number": 1}))
    final_text = pdf_text(client, reverse("final_report:pdf", kwargs={"pk": c.pk, "number": 1}))
    for text, kind, period in ((partial_text, "częściowe", partial_period), (final_text, "końcowe", final_period)):
        sections = ["SPRAWOZDANIE Z WYKONANIA ZADANIA PUBLICZNEGO", f"Rodzaj sprawozdania {kind}",
                    f"od {period.start:%d.%m.%Y} do {period.end:%d.%m.%Y}", c.call.authority.name,
                    "Nazwa Zleceniobiorcy", c.offer.title, f"nr {c.number}",
                    "Część I. Sprawozdanie merytoryczne", "1. Opis osiągniętych rezultatów",
                    "Uczestnicy policzeni z list obecności.", "Planowana wartość", "Osiągnięta wartość",
                    "2. Szczegółowy opis wykonania poszczególnych działań", "Warsztaty A i D odbyły się",
                    "Część II. Sprawozdanie z wykonania wydatków", "Koszty realizacji działań", "Działanie A",
                    "Koszty administracyjne", "Suma wszystkich kosztów realizacji zadania",
                    "2. Rozliczenie ze względu na źródło finansowania", "Kwota dotacji", "Wkład własny finansowy",
                    "Wkład własny niefinansowy osobowy", "Wkład własny niefinansowy rzeczowy",
                    "Świadczenia pieniężne od odbiorców zadania", "Kwota dotacji do zwrotu",
                    "3. Informacje o innych przychodach", "Brak przychodów.",
                    "4. Informacje o świadczeniach pieniężnych", "Nie pobierano świadczeń.",
                    "Część III. Dodatkowe informacje", "Oświadczam(y), że:",
                    "nie zmienił się status prawny Zleceniobiorcy", "zgodne z aktualnym stanem prawnym i faktycznym",
                    "ochronie danych osobowych", "Podpisy osób upoważnionych", "Anna Nowak – prezes",
                    "Jan Lis – skarbnik"]
        missing = [s for s in sections if s not in text]
        assert not missing, (kind, missing)
        # every section in the model's order
        positions = [text.index(s) for s in ("Część I.", "Część II.", "Część III.", "Oświadczam(y)", "Podpisy")]
        assert positions == sorted(positions)
    total = sum((2 * (x.total * D("0.5")).quantize(CENT) for x in c.costs.all()), D("0.00"))
    used = sum((2 * (x.grant * D("0.5")).quantize(CENT) for x in c.costs.all()), D("0.00"))
    # the final report's sources cover the whole task, with the grant's share of all costs
    assert format_money(total) in final_text and format_percent(used / total) in final_text
    assert "100,00%" in final_text


def _nine(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(9)))


def test_the_partial_report_is_reminded_before_its_due_day_once(two_years):
    c = two_years.contract
    partial_period = selectors.periods(c)[0]
    outbox.plan_reminders(now=_nine(partial_period.due - timezone.timedelta(days=14)))
    outbox.plan_reminders(now=_nine(partial_period.due - timezone.timedelta(days=14)))
    key = f"contract:{c.pk}:{partial_period.end.year}"
    rows = Message.objects.filter(object_key=key, kind="report_14d")
    assert rows.count() == len({m.email for m in rows}) >= 1  # once per person, however often it runs
    assert "31.01." in rows.first().subject
    assert not Message.objects.filter(object_key=f"contract:{c.pk}").exists()  # the final one is not due yet


def test_a_submitted_partial_report_is_no_longer_reminded(two_years):
    c, grantee = two_years.contract, two_years.grantee
    partial_period = selectors.periods(c)[0]
    report = fill(services_final.report_start(contract=c, by=grantee, period=partial_period), grantee)
    services_final.report_submit(report=report, by=grantee)
    outbox.plan_reminders(now=_nine(partial_period.due - timezone.timedelta(days=3)))
    assert not Message.objects.filter(object_key=f"contract:{c.pk}:{partial_period.end.year}").exists()


def test_the_partial_report_page_exists_only_for_a_year_the_task_spans(client, two_years):
    c = two_years.contract
    client.force_login(two_years.grantee)
    year = c.start_date.year
    page = client.get(reverse("final_report:partial_report", kwargs={"pk": c.pk, "year": year}))
    assert page.status_code == 200 and str(year) in page.content.decode()
    # a report not started yet offers the persons the offer names as those who sign
    assert selectors.default_signatories(c).splitlines()[0] in page.content.decode()
    assert client.get(reverse("final_report:partial_report", kwargs={"pk": c.pk, "year": year + 1})).status_code == 404
    contract_page = client.get(c.get_absolute_url()).content.decode()
    assert f'id="partial-report-link-{year}"' in contract_page and 'id="report-link"' in contract_page
