"""The clerk's page of a call's commission (art. 15 of the Act): its members, and the order
appointing it; the rules of its merit evaluation are shown as the announcement states them.

One page, one URL: every form on it posts back with `op` (add, update, remove, settings).
Each view step binds the one form posted, makes one service call and redirects; a broken
rule is shown on the page with everything typed still in the form (status 200).
"""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.decorators import clerk_required
from competition import announcement, rules_commission, selectors, services as call_services
from competition import services_commission as services
from competition.display import CommissionPage
from competition.forms import add_service_errors, error_summary
from competition.forms.commission import CommissionSettingsForm, MemberAddForm, SeatForm, settings_initial
from competition.models import Call


def _page_url(call: Call, anchor: str) -> str:
    return f"{reverse('competition:manage_commission', kwargs={'slug': call.slug})}#{anchor}"


def _add(request, page: CommissionPage):
    form = page.add_form = MemberAddForm(request.POST)
    if not form.is_valid():
        return None
    try:
        seat = services.commission_member_add(call=page.call, by=request.user, **form.cleaned_data)
    except ValidationError as exc:
        page.service_errors = add_service_errors(exc, form)
        return None
    messages.success(request, _("Added to the commission: %(person)s.") % {"person": seat.user})
    return redirect(_page_url(page.call, f"seat-{seat.pk}"))


def _update(request, page: CommissionPage):
    seat = services.commission_seat_get(call=page.call, seat_pk=request.POST.get("seat"))
    form = page.seat_forms[seat.pk] = SeatForm(request.POST, seat=seat)
    if not form.is_valid():
        return None
    try:
        services.commission_member_update(seat=seat, by=request.user, **form.cleaned_data)
    except ValidationError as exc:
        page.service_errors = add_service_errors(exc, form)
        return None
    messages.success(request, _("Saved the changes for %(person)s.") % {"person": seat.user})
    return redirect(_page_url(page.call, f"seat-{seat.pk}"))


def _remove(request, page: CommissionPage):
    seat = services.commission_seat_get(call=page.call, seat_pk=request.POST.get("seat"))
    try:
        services.commission_member_remove(seat=seat, by=request.user)
    except ValidationError as exc:
        page.service_errors = exc.messages
        return None
    messages.success(request, _("Removed from the commission: %(person)s.") % {"person": seat.user})
    return redirect(_page_url(page.call, "members"))


def _settings(request, page: CommissionPage):
    form = page.settings_form = CommissionSettingsForm(request.POST, initial=settings_initial(page.call))
    if not form.is_valid():
        return None
    try:
        services.commission_settings_set(call=page.call, by=request.user, **form.service_arguments())
    except ValidationError as exc:
        page.service_errors = add_service_errors(exc, form)
        return None
    messages.success(request, _("The commission's settings were saved."))
    return redirect(_page_url(page.call, "settings"))


_OPERATIONS = {"add": _add, "update": _update, "remove": _remove, "settings": _settings}


@clerk_required
def manage_commission(request, slug):
    call = selectors.call_get_for_clerk(slug=slug, user=request.user)
    page = CommissionPage.for_call(call)
    if request.method == "POST":
        operation = _OPERATIONS.get(request.POST.get("op", ""))
        if operation is None:
            return HttpResponseBadRequest()
        response = operation(request, page)
        if response is not None:
            return response
    frozen = rules_commission.commission_frozen(call.state, stage=call.get_state_display())
    context = {
        "call": call,
        "page_title": _("Call commission"),
        "frozen": frozen,
        "rows": [(seat, page.seat_forms[seat.pk]) for seat in page.seats],
        "add_form": page.add_form,
        "settings_form": page.settings_form,
        "merit_rules": [announcement.grounds_rule(call), announcement.other_sheets_rule(call),
                        announcement.min_sheets_rule(call)],
        "rules_editable": call.state in call_services.AMENDABLE_STATES,
        "errors": error_summary(*page.forms(), extra=page.service_errors),
    }
    return render(request, "competition/manage/commission.html", context)
