"""The applicant's list of offers, and starting an offer in a call."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from competition import selectors as call_selectors
from core.middleware import arrived_at
from core.listing import build_listing
from offers import filters, forms, permissions, rules, selectors, services
from offers.views.common import _login_required, _step_url


@_login_required()
def offer_list(request):
    listing = build_listing(request.GET, selectors.offer_list_for_user(request.user), filterset_class=filters.MyOfferFilter,
                            sorts=filters.SORTS, default_sort=filters.DEFAULT_SORT)
    return render(request, "offers/offer_list.html", {"listing": listing})


@_login_required()
def offer_create(request, slug):
    call = call_selectors.call_get_public(slug=slug)
    form = forms.OfferCreateForm(request.POST if request.method == "POST" else None, user=request.user)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            offer = services.offer_create(call=call, organisation=form.cleaned_data["organisation"], by=request.user,
                                          title=form.cleaned_data["title"], now=arrived_at(request))
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, _("The offer was started. It is saved as you write; fill in the steps in any order."))
            return redirect(_step_url(offer, rules.SECTIONS[0]))
    context = {
        "call": call,
        "form": form,
        "errors": forms.error_summary(form, extra=errors),
        "closed": permissions.submission_closed_error(call, timezone.now()),
        "has_organisations": bool(form.fields["organisation"].queryset),
        "existing": selectors.offer_list_in_call_for_user(request.user, call),
    }
    return render(request, "offers/offer_create.html", context)
