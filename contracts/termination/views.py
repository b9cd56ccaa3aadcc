"""The office records the early end of a contract (by agreement, the grantee's withdrawal, or the
authority's termination); the contract's page then shows it with the grant to return.

Who may: the office (`contracts.permissions.can_terminate`); the contract is looked up through the
selector scoped to the user, anybody else gets 404.
"""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from contracts import permissions, selectors
from contracts.forms import typed
from contracts.termination import forms, rules, services
from contracts.termination.selectors import termination_of
from core.forms import add_service_errors, error_summary


def terminate(request, pk):
    if not request.user.is_authenticated:
        raise Http404
    contract = selectors.contract_for(request.user, pk)
    if not permissions.can_terminate(request.user, contract):
        raise Http404
    if termination_of(contract) is not None:
        messages.info(request, _("This contract is already terminated."))
        return redirect(contract.get_absolute_url() + "#termination")
    today = timezone.localdate()
    paid = rules.paid_until([(p.due, p.amount) for p in selectors.payments_of(contract)], today)
    form = forms.TerminationForm(request.POST or None, initial={"on": today, "paid": typed(paid)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ending = rules.Ending(kind=data["kind"], ground=data["ground"], on=data["on"], paid=data["paid"],
                              spent=data["spent"], return_by=data["return_by"])
        try:
            services.contract_terminate(contract=contract, ending=ending, reason=data["reason"], by=request.user)
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The end of the contract is recorded; the grantee is notified."))
            return redirect(contract.get_absolute_url() + "#termination")
    return render(request, "contracts/terminate.html", {
        "contract": contract, "form": form, "errors": error_summary(form), "paid": paid})
