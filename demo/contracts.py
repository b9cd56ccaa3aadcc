"""The demo after the award, built through the services on the decided demo call: a contract for
each of its three funded offers, changes in every state, and final reports in every state.

- Offer 1 (the joint offer): a change within 20% recorded at once, then a new cost item waiting
  for the authority's consent; its final report is being written (draft).
- Offer 2: a result raised by 20%, consented with annex no. 1; its final report is submitted and
  waits for the clerk.
- Offer 3: coordination cut by 25% (consented, annex no. 1); its report was returned for corrections (one result 15% short, with a justification
  the clerk found too thin), corrected, and accepted.
"""
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.html import escape

from contracts import rules, selectors, services
from contracts.final_report import services as services_final
from contracts.final_report.models import FinalReport
from contracts.models import Contract
from offers.models import Offer
from core.pdf.render import html_to_pdf

JUSTIFICATION_SHIFT = "Koordynator poświęci więcej godzin na dowóz uczestników; warsztaty zostaną skrócone o 15 minut."
JUSTIFICATION_NEW = "Uczestnicy warsztatów potrzebują materiałów plastycznych, których nie przewidzieliśmy w ofercie."
JUSTIFICATION_RESULT = "Zgłosiło się więcej chętnych, niż zakładaliśmy: zwiększamy liczbę uczestników."
EXECUTION = ("Warsztaty odbyły się zgodnie z harmonogramem, w świetlicy przy ul. Parkowej, raz w tygodniu. "
             "Jedno spotkanie przeniesiono o tydzień z powodu ferii.")


def _at(day, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _contract(offer: Offer, clerk, number: str, today) -> Contract:
    row = next(r for r in selectors.funded_offers(offer.call) if r.offer.pk == offer.pk)
    signed = min(today - timedelta(days=1), offer.end_date)  # yesterday
    due = max(signed, offer.start_date)
    return services.contract_create(offer=offer, by=clerk, number=number, signed_on=signed, place="Hajnówka",
                                    tranches=[rules.Tranche(due, row.awarded)], now=_at(signed, 8),
                                    office_contact=selectors.office_contact_of(clerk),
                                    grantee_contact=selectors.grantee_contact_of(offer.organisation))


RESULTS = ("Warsztaty odbyły się zgodnie z planem; liczbę uczestników policzono z list obecności. Trwałym "
           "rezultatem są prace uczestników pokazane na wystawie.")


def _fill(report: FinalReport, by, now, *, short: dict[str, Decimal] | None = None, justify: bool = True,
          spend: Decimal = Decimal("1")) -> FinalReport:
    """The report filled in: each result as declared (or short by the given share), each cost
    as planned times `spend`."""
    contract = report.contract
    results = {}
    for result in contract.results.all():
        factor = 1 - (short or {}).get(result.name, Decimal(0))
        achieved = (result.value * factor).quantize(Decimal("1"))
        note = "Część zajęć odwołano z powodu epidemii grypy." if justify and factor != 1 else ""
        results[result.pk] = (achieved, note)
    costs = {c.pk: ((c.total * spend).quantize(Decimal("0.01")), (c.grant * spend).quantize(Decimal("0.01")))
             for c in contract.costs.all()}
    own = sum((total - grant for total, grant in costs.values()), Decimal("0.00"))
    return services_final.report_save(
        report=report, by=by, revision=report.revision, execution=EXECUTION, other_information="",
        grant_received=contract.grant_total, results=results, costs=costs, now=now, statements=True,
        texts={"results_description": RESULTS, "other_revenue": "Brak.", "recipient_fees_info": "Nie pobierano."},
        sources={"own_financial": own, "own_personal": Decimal("0.00"), "own_in_kind": Decimal("0.00"),
                 "recipient_fees": Decimal("0.00")})


def _attendance_list(offer: Offer) -> SimpleUploadedFile:
    """A one-page PDF to attach: the attendance list of the workshops."""
    html = (f"<html lang='pl'><body><h1>Lista obecności</h1><p>{escape(offer.title)}</p>"
            "<table><tr><th>Data</th><th>Liczba uczestników</th></tr><tr><td>pierwsze zajęcia</td><td>12</td></tr>"
            "</table></body></html>")
    return SimpleUploadedFile("lista-obecnosci.pdf", html_to_pdf(html), content_type="application/pdf")


def post_award(call, users: dict, *, today) -> None:
    clerk, mayor = users["urzednik@demo.local"], users["burmistrz@demo.local"]
    funded = [row.offer for row in selectors.funded_offers(call) if row.error is None]
    first, second, third = funded[:3]
    now = _at(today - timedelta(days=1), 9)  # yesterday: nothing in the demo happens in the future
    # Offer 1: a recorded shift, then a new item waiting for consent; the report is a draft.
    contract = _contract(first, clerk, "OKO/1/" + str(first.start_date.year), today)
    lead = first.organisation.memberships.first().user
    services.change_request(contract=contract, by=lead, revision=contract.revision, justification=JUSTIFICATION_SHIFT,
                            proposal=selectors.proposal_with(contract, {"D:Warsztaty – działanie D": ("3950.00", "3555.00"),
                                                          "D:Koordynacja": ("550.00", "495.00")}), now=now)
    contract.refresh_from_db()
    services.change_request(contract=contract, by=lead, revision=contract.revision, justification=JUSTIFICATION_NEW,
                            proposal=selectors.proposal_with(contract, {"D:Warsztaty – działanie D": ("3650.00", "3285.00")},
                                               new=[{"action": "D", "name": "Materiały plastyczne", "kind": "substantive",
                                                     "total": "300.00", "grant": "270.00"}]),
                            now=now + timedelta(hours=1))
    report = services_final.report_start(contract=contract, by=lead, now=now)
    services_final.report_save(report=report, by=lead, revision=report.revision, execution=EXECUTION[:90],
                               other_information="", grant_received=contract.grant_total, results={}, costs={}, now=now)

    # Offer 2: a result raised by 20%, consented with an annex; the report is submitted.
    contract = _contract(second, clerk, "OKO/2/" + str(second.start_date.year), today)
    lead = second.organisation.memberships.first().user
    result = contract.results.first()
    change = services.change_request(
        contract=contract, by=lead, revision=contract.revision, justification=JUSTIFICATION_RESULT,
        proposal=selectors.proposal_with(contract, {}, results={str(result.pk): str((result.value * Decimal("1.2")).quantize(
            Decimal("1")))}), now=now)
    services.change_decide(change=change, by=mayor, approve=True, note="Zgoda Burmistrza.",
                           now=now + timedelta(hours=2))
    report = services_final.report_start(contract=contract, by=lead, now=now)
    report = _fill(report, lead, now, spend=Decimal("0.98"))
    services_final.report_submit(report=report, by=lead, now=now + timedelta(hours=3))

    # Offer 3: a 25% cut of coordination, consented with annex no. 1; the report was returned once
    contract = _contract(third, clerk, "OKO/3/" + str(third.start_date.year), today)
    lead = third.organisation.memberships.first().user
    change = services.change_request(
        contract=contract, by=lead, revision=contract.revision, justification=JUSTIFICATION_SHIFT,
        proposal=selectors.proposal_with(contract, {"C:Koordynacja": ("375.00", "337.50"),
                                      "C:Warsztaty – działanie C": ("4125.00", "3712.50")}), now=now)
    services.change_decide(change=change, by=clerk, approve=True, note="", now=now + timedelta(minutes=30))
    # Offer 3: returned once (a result 15% short, not explained), corrected, accepted.
    name = contract.results.first().name
    report = services_final.report_start(contract=contract, by=lead, now=now)
    report = _fill(report, lead, now, short={name: Decimal("0.15")}, justify=False)
    report.results.filter(result__name=name).update(justification="Mniej osób.")
    services_final.report_attachment_add(report=report, upload=_attendance_list(third), by=lead,
                                         description="Listy obecności", now=now)
    report = FinalReport.objects.get(pk=report.pk)
    services_final.report_submit(report=report, by=lead, now=now + timedelta(hours=1))
    services_final.report_review(report=report, by=clerk, accept=False, now=now + timedelta(hours=4), comments={
        "results": "Wskaźnik jest o 15% niższy od zakładanego: proszę wyjaśnić, dlaczego i co zrobiono, by go osiągnąć."})
    report = FinalReport.objects.get(pk=report.pk)
    report = _fill(report, lead, now + timedelta(hours=5), short={name: Decimal("0.15")})
    services_final.report_submit(report=report, by=lead, now=now + timedelta(hours=6))
    services_final.report_review(report=FinalReport.objects.get(pk=report.pk), by=clerk, accept=True, comments={},
                                 now=now + timedelta(hours=8))
