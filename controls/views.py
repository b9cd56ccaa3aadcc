"""Control in the browser: the contract's controls, returns and settlement; a clerk plans a
control, records its findings, demands a return and records its payment; the grantee answers
the recommendations; the office lists a call's controls; the protocol and the demand as PDFs.

Who may look: whoever may see the contract (`contracts.selectors.contract_for`: the offerors'
members and the office), anybody else gets 404. Who may act: `controls.permissions`. Every POST
calls one service; a ValidationError re-renders the form (200) with the errors and what was typed.
"""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from contracts import selectors as contract_selectors
from controls import forms, permissions, selectors, services
from controls.models import Control
from core.forms import add_service_errors, error_summary
from core.pdf.render import render_pdf
from core.pdf.response import pdf_response


def _contract(request, pk):
    if not request.user.is_authenticated:
        raise Http404
    return contract_selectors.contract_for(request.user, pk)


def _file(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in text).strip("-").lower()


def contract_controls(request, pk, *, demand_form=None):
    """The contract's controls, its returns with their interest, and the grant's settlement."""
    contract = _contract(request, pk)
    can_demand = permissions.can_demand_return(request.user, contract)
    return render(request, "controls/contract_controls.html", {
        "contract": contract, "controls": list(contract.controls.all()),
        "returns": selectors.return_rows(contract), "settlement": selectors.settlement(contract),
        "can_plan": permissions.can_plan_control(request.user, contract), "can_demand": can_demand,
        "today": timezone.localdate(),
    })


def control_new(request, pk):
    contract = _contract(request, pk)
    if not permissions.can_plan_control(request.user, contract):
        raise Http404
    form = forms.PlanForm(request.POST or None, initial={
        "scope": [c for c, _label in Control.Scope.choices], "place": contract.offer.organisation.address})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            control = services.control_plan(contract=contract, by=request.user, scope=data["scope"],
                                            starts_on=data["starts_on"], ends_on=data["ends_on"], place=data["place"],
                                            controllers=data["controllers"])
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The control is planned; the grantee is notified."))
            return redirect(control)
    return render(request, "controls/control_form.html", {
        "contract": contract, "form": form, "errors": error_summary(form)})


def control(request, pk, number, *, record_form=None, answer_form=None):
    contract = _contract(request, pk)
    control = selectors.control_get(contract, number)
    can_record = permissions.can_record_control(request.user, control)
    can_answer = permissions.can_answer_control(request.user, control)
    record_form = record_form or forms.RecordForm(initial={"carried_out_on": timezone.localdate()})
    answer_form = answer_form or forms.AnswerForm()
    return render(request, "controls/control.html", {
        "contract": contract, "control": control, "events": list(control.events.select_related("by")),
        "returns": list(control.returns.all()),
        "can_record": can_record and control.state == Control.State.PLANNED,
        "can_close": can_record and control.state in (Control.State.AWAITING_ANSWER, Control.State.ANSWERED),
        "can_demand": permissions.can_demand_return(request.user, contract) and control.state != Control.State.PLANNED,
        "can_answer": can_answer and control.state == Control.State.AWAITING_ANSWER,
        "record_form": record_form, "answer_form": answer_form,
        "errors": error_summary(record_form, answer_form),
    })


@require_POST
def control_record(request, pk, number):
    contract = _contract(request, pk)
    control_ = selectors.control_get(contract, number)
    if not permissions.can_record_control(request.user, control_):
        raise Http404
    form = forms.RecordForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.control_record(control=control_, by=request.user, carried_out_on=data["carried_out_on"],
                                    findings=data["findings"], recommendations=data["recommendations"],
                                    answer_due=data["answer_due"])
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The findings are recorded; the grantee is notified."))
            return redirect(control_)
    return control(request, pk, number, record_form=form)


@require_POST
def control_answer(request, pk, number):
    contract = _contract(request, pk)
    control_ = selectors.control_get(contract, number)
    if not permissions.can_answer_control(request.user, control_):
        raise Http404
    form = forms.AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.control_answer(control=control_, by=request.user, answer=form.cleaned_data["answer"])
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("Your answer is recorded."))
            return redirect(control_)
    return control(request, pk, number, answer_form=form)


@require_POST
def control_close(request, pk, number):
    contract = _contract(request, pk)
    control_ = selectors.control_get(contract, number)
    if not permissions.can_record_control(request.user, control_):
        raise Http404
    try:
        services.control_close(control=control_, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The control is closed."))
    return redirect(control_)


def protocol_pdf(request, pk, number):
    contract = _contract(request, pk)
    control_ = selectors.control_get(contract, number)
    if control_.state == Control.State.PLANNED:
        raise Http404
    content = render_pdf("controls/protocol_pdf.html", selectors.protocol_document(control_))
    return pdf_response(content, f"protokol-kontroli-{control_.number}-{_file(contract.number)}.pdf")


def return_new(request, pk):
    contract = _contract(request, pk)
    if not permissions.can_demand_return(request.user, contract):
        raise Http404
    control_ = None
    if request.GET.get("control", "").isdigit():
        control_ = selectors.control_get(contract, int(request.GET["control"]))
    form = forms.DemandForm(request.POST or None, initial={"found_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            grant_return = services.return_demand(contract=contract, by=request.user, kind=data["kind"],
                                                  amount=data["amount"], reason=data["reason"],
                                                  found_on=data["found_on"], interest_from=data["interest_from"],
                                                  control=control_)
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The return is demanded; the grantee is notified. Print the demand."))
            return redirect(f"{contract_controls_url(contract)}#return-{grant_return.number}")
    return render(request, "controls/return_form.html", {
        "contract": contract, "control": control_, "form": form, "errors": error_summary(form)})


def contract_controls_url(contract) -> str:
    return reverse("controls:contract_controls", kwargs={"pk": contract.pk})


@require_POST
def return_paid(request, pk, return_number):
    contract = _contract(request, pk)
    if not permissions.can_demand_return(request.user, contract):
        raise Http404
    grant_return = selectors.return_get(contract, return_number)
    form = forms.PaidForm(request.POST)
    if form.is_valid():
        try:
            services.return_paid(grant_return=grant_return, by=request.user, paid_on=form.cleaned_data["paid_on"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The payment is recorded with its interest."))
    else:
        messages.error(request, _("Give the day the money was paid."))
    return redirect(f"{contract_controls_url(contract)}#return-{grant_return.number}")


def demand_pdf(request, pk, return_number):
    contract = _contract(request, pk)
    grant_return = selectors.return_get(contract, return_number)
    content = render_pdf("controls/demand_pdf.html", selectors.demand_document(grant_return))
    return pdf_response(content, f"wezwanie-do-zwrotu-{grant_return.number}-{_file(contract.number)}.pdf")


def call_controls(request, slug):
    call = contract_selectors.call_get_for_office(slug=slug)
    if not permissions.can_list_controls(request.user, call):
        raise Http404
    return render(request, "controls/call_controls.html", {"call": call, "rows": selectors.call_controls(call)})

