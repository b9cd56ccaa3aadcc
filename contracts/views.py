"""After the award, in the browser: the clerk records each funded offer's contract; the grantee's
dashboard lists its contracts; one page per contract shows the contract, its budget and results
as amended, the changes and the final report; the grantee asks for changes there, and the office
(a clerk or the authority) records the authority's consent or refusal.

Who may look: the offerors' members and the office (`contracts.selectors.contracts_for`);
anybody else gets 404. Who may act is checked in `contracts.permissions`. Every POST calls one
service; a ValidationError re-renders the form (200) with the error summary and every value as
typed.
"""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from authorities.permissions import is_office_of
from competition.models import Call
from contracts import filters, forms, permissions, selectors, services
from contracts.final_report import selectors as report_selectors
from contracts.models import ChangeRequest
from contracts.rules_returns import unspent_return_deadline
from core.forms import error_summary
from core.listing import build_listing
from core.pdf.render import render_pdf
from core.pdf.response import pdf_response
from organisations.rules import format_iban


def _login_or_404(request):
    if not request.user.is_authenticated:
        raise Http404


@login_required
def dashboard(request):
    """The grantee's contracts (the office sees every contract, newest first)."""
    rows = list(selectors.grantee_contracts(request.user))
    return render(request, "contracts/dashboard.html", {
        "rows": rows, "is_office": selectors.is_office(request.user), "today": timezone.localdate()})


def contract(request, pk):
    _login_or_404(request)
    contract = selectors.contract_for(request.user, pk)
    report = contract.report
    return render(request, "contracts/contract.html", {
        "reports": report_selectors.report_entries(contract),
        "contract": contract, "offerors": selectors.offerors_of(contract),
        "budget": selectors.budget_by_action(contract), "results": list(contract.results.all()),
        "changes": list(contract.changes.all()), "events": list(contract.events.all()), "report": report,
        "payments": selectors.payments_of(contract),
        "return_due": unspent_return_deadline(contract.grant_spending_until),
        "can_request": permissions.can_request_change(request.user, contract),
        "can_decide": permissions.can_decide_change(request.user, contract),
        "change_error": services.change_error(contract, timezone.localdate()),
        "today": timezone.localdate(),
    })


def contract_pdf(request, pk):
    _login_or_404(request)
    contract = selectors.contract_for(request.user, pk)
    content = render_pdf("contracts/contract_pdf.html", selectors.contract_document(contract))
    return pdf_response(content, f"umowa-{_file(contract.number)}.pdf")


def _file(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in text).strip("-").lower()


def change_new(request, pk):
    _login_or_404(request)
    contract = selectors.contract_for(request.user, pk)
    if not permissions.can_request_change(request.user, contract):
        raise Http404
    form = forms.ChangeForm(request.POST or None, contract=contract)
    errors, assessment = [], None
    if request.method == "POST" and form.is_valid():
        proposal = form.proposal()
        assessment = services.assess(contract, proposal)
        if "preview" not in request.POST:
            try:
                revision = int(request.POST.get("revision", ""))
            except ValueError:
                revision = -1
            try:
                change = services.change_request(contract=contract, by=request.user, proposal=proposal,
                                                 justification=form.cleaned_data["justification"], revision=revision)
            except ValidationError as exc:
                errors = exc.messages
            else:
                if change.state == ChangeRequest.State.RECORDED:
                    messages.success(request, _("The change is recorded and applies from now: no consent was needed."))
                else:
                    messages.success(request, _("The change awaits the authority's consent; you will be notified of the "
                                                "answer. Until then the contract stays as it was."))
                return redirect("contracts:change", pk=contract.pk, number=change.number)
    return render(request, "contracts/change_form.html", {
        "contract": contract, "form": form, "assessment": assessment,
        "errors": error_summary(form, extra=errors), "change_error": services.change_error(contract, timezone.localdate()),
    })


def _change(request, pk, number) -> tuple:
    _login_or_404(request)
    contract = selectors.contract_for(request.user, pk)
    change = selectors.change_get(contract, number)
    return contract, change


def change(request, pk, number, *, form=None, errors=()):
    contract, change = _change(request, pk, number)
    return render(request, "contracts/change.html", {
        "contract": contract, "change": change, "rows": selectors.change_rows(contract, change),
        "form": form or forms.DecideForm(), "errors": error_summary(form, extra=list(errors)) if form else [],
        "can_decide": permissions.can_decide_change(request.user, contract) and change.state == ChangeRequest.State.PENDING,
    })


@require_POST
def change_decide(request, pk, number):
    contract, change_ = _change(request, pk, number)
    if not permissions.can_decide_change(request.user, contract):
        raise Http404
    form = forms.DecideForm(request.POST)
    form.is_valid()
    approve = request.POST.get("decision") == "approve"
    try:
        services.change_decide(change=change_, by=request.user, approve=approve, note=form.cleaned_data.get("note", ""))
    except ValidationError as exc:
        return change(request, pk, number, form=form, errors=exc.messages)
    messages.success(request, _("The authority's consent is recorded; the annex is ready.") if approve
                     else _("The refusal is recorded; the grantee is notified."))
    return redirect("contracts:change", pk=pk, number=number)


def annex_pdf(request, pk, number):
    contract, change = _change(request, pk, number)
    if change.state != ChangeRequest.State.APPROVED:
        raise Http404
    content = render_pdf("contracts/annex_pdf.html", selectors.annex_document(contract, change))
    return pdf_response(content, f"aneks-{change.annex_sequence}-{_file(contract.number)}.pdf")


# --- the office: contracts of a call --------------------------------------------------------------


def _office_call(request, slug) -> Call:
    call = selectors.call_get_for_office(slug=slug)
    if not is_office_of(request.user, call):
        raise Http404
    return call


def call_contracts(request, slug):
    call = _office_call(request, slug)
    listing = build_listing(request.GET, selectors.funded_offer_list(call), filterset_class=filters.FundedOfferFilter,
                            sorts=filters.SORTS, default_sort=filters.DEFAULT_SORT)
    return render(request, "contracts/call_contracts.html", {
        "call": call, "rows": selectors.funded_offers(call, page=listing.rows), "listing": listing,
        "can_create": permissions.can_create(request.user, call)})


def contract_new(request, slug, offer_pk):
    call = _office_call(request, slug)
    if not permissions.can_create(request.user, call):
        raise Http404
    row = next((r for r in selectors.funded_offers(call) if r.offer.pk == offer_pk), None)
    if row is None:
        raise Http404
    if row.contract:
        return redirect(row.contract)
    if row.error:
        messages.error(request, row.error)
        return redirect("contracts:call_contracts", slug=call.slug)
    initial = {"number": selectors.next_contract_number(call), "signed_on": timezone.localdate(),
               "place": call.authority.seat,
               "office_contact": selectors.office_contact_of(request.user),
               "grantee_contact": selectors.grantee_contact_of(row.offer.organisation),
               **forms.default_tranche(row.awarded, max(row.offer.start_date, timezone.localdate()))}
    form = forms.ContractForm(request.POST or None, initial=initial)
    errors = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            contract = services.contract_create(offer=row.offer, by=request.user, number=data["number"],
                                                signed_on=data["signed_on"], place=data["place"],
                                                tranches=data["tranches"], spending_from=data["spending_from"],
                                                spending_until=data["spending_until"],
                                                office_contact=data["office_contact"],
                                                grantee_contact=data["grantee_contact"])
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, _("Contract %(number)s is recorded; print it for signing.")
                             % {"number": contract.number})
            return redirect(contract)
    return render(request, "contracts/contract_form.html", {
        "call": call, "row": row, "form": form, "errors": error_summary(form, extra=errors),
        "bank_account": format_iban(row.offer.organisation.bank_account)})
