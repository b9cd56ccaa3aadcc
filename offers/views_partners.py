"""A member of an organisation invited to be the partner of a joint offer answers it."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from offers import selectors_partners as selectors
from offers import services_partners


@login_required
@require_POST
def partner_answer(request, pk: int):
    """A member of an invited organisation accepts or declines a joint offer (POST `answer`)."""
    partner = selectors.partner_request_get_for_member(user=request.user, pk=pk)
    answer = request.POST.get("answer")
    if answer not in ("accept", "decline"):
        messages.error(request, _("Choose whether to accept or decline the invitation."))
        return redirect("offers_dashboard")
    service = services_partners.partner_accept if answer == "accept" else services_partners.partner_decline
    try:
        service(partner=partner, by=request.user)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", None) or [str(exc)]))
        return redirect("offers_dashboard")
    names = {"partner": partner.organisation.name, "lead": partner.offer.organisation.name}
    if answer == "accept":
        messages.success(request, _("%(partner)s is now a partner of the joint offer of %(lead)s.") % names)
        return redirect("offers:offer_detail", pk=partner.offer_id)
    messages.success(request, _("%(partner)s declined the joint offer of %(lead)s.") % names)
    return redirect("offers_dashboard")
