"""The applicant's dashboard (/my/): my organisations, my offers by call with what blocks
each draft, and the calls accepting offers with their deadlines."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from competition import selectors as call_selectors
from offers import selectors_dashboard
from offers.selectors_partners import partner_request_list_for_user
from organisations.selectors import organisation_list_for_user


@login_required
def dashboard(request):
    now = timezone.now()
    groups = selectors_dashboard.dashboard_offers(user=request.user, now=now)
    organisations = list(organisation_list_for_user(user=request.user))
    open_calls = call_selectors.call_list_public(now=now)["open"]
    return render(request, "offers/dashboard.html", {
        "organisations": [(org, _url("offers:organisation_detail", pk=org.pk)) for org in organisations],
        "organisation_create_url": _url("offers:organisation_create"),
        "partner_requests": list(partner_request_list_for_user(user=request.user)),
        "groups": [(group, [_offer_links(request, row) for row in group.rows]) for group in groups],
        "open_calls": [(call, _url("competition:call_detail", slug=call.slug),
                        _url("offers:offer_create", slug=call.slug) if organisations else "")
                       for call in open_calls],
        "now": now,
    })


def _offer_links(request, row) -> dict:
    offer, version = row.offer, row.latest_version
    current = version if version and not version.withdrawn_at else None  # a withdrawn version confirms nothing
    return {
        "row": row,
        "detail": _url("offers:offer_detail", pk=offer.pk),
        "pdf": (_url("reports:offer_version_pdf", pk=offer.pk, number=current.number) if current
                else _url("reports:offer_draft_pdf", pk=offer.pk)),
        "confirmation": _url("reports:offer_confirmation_pdf", pk=offer.pk, number=current.number) if current else "",
        "attachments": _here(request, "offer_attachments", pk=offer.pk),
    }


def _url(name: str, **kwargs) -> str:
    """The address of a page, or "" while the page does not exist (it is built elsewhere)."""
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return ""


def _here(request, name: str, **kwargs) -> str:
    """A route of offers/urls_extra.py, in whichever namespace it was included."""
    namespace = request.resolver_match.namespace if request.resolver_match else ""
    return _url(f"{namespace}:{name}" if namespace else name, **kwargs)
