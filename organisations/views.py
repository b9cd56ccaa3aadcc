"""Pages for an applicant's organisations: register, edit, invite colleagues, join.

Thin views: the organisation is found through a selector scoped to the user (a
non-member gets 404), one service does the change, then a redirect.
"""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.forms import error_summary
from core.http import safe_next
from organisations import rules, selectors, services
from organisations.forms import InvitationForm, OrganisationForm, organisation_initial
from organisations.permissions import can_act_for
from organisations.registry import page_sections


def _form_page(request, form, *, organisation=None):
    return render(
        request,
        "organisations/organisation_form.html",
        {"form": form, "organisation": organisation, "errors": error_summary(form), "next": safe_next(request)},
    )


@login_required
def organisation_list(request):
    organisations = selectors.organisation_list_for_user(user=request.user)
    return render(request, "organisations/organisation_list.html", {"organisations": organisations})


@login_required
def organisation_create(request):
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_register(data=form.cleaned_data, by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            target = safe_next(request)  # e.g. the offer the applicant was starting
            if target:
                messages.success(request, _("The organisation has been registered. You can now go on with the offer."))
                return redirect(target)
            messages.success(request, _("The organisation has been registered. You can now invite colleagues."))
            return redirect("offers:organisation_detail", pk=organisation.pk)
    return _form_page(request, form)


@login_required
def organisation_edit(request, pk: int):
    organisation = selectors.organisation_get_for_member(user=request.user, pk=pk)
    form = OrganisationForm(request.POST or None, initial=organisation_initial(organisation))
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(organisation=organisation, data=form.cleaned_data, by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The organisation's data have been saved."))
            return redirect("offers:organisation_detail", pk=organisation.pk)
    return _form_page(request, form, organisation=organisation)


def _detail_page(request, organisation, invite_form):
    return render(
        request,
        "organisations/organisation_detail.html",
        {
            "organisation": organisation,
            "bank_account": rules.format_iban(organisation.bank_account),
            "members": selectors.organisation_members(organisation=organisation),
            "invitations": selectors.invitation_list_pending(organisation=organisation),
            "sections": page_sections(organisation),  # registered by the apps above (offers: joint offers)
            "invite_form": invite_form,
            "history": selectors.organisation_history(organisation=organisation),
        },
    )


@login_required
def organisation_detail(request, pk: int):
    organisation = selectors.organisation_get_for_member(user=request.user, pk=pk)
    return _detail_page(request, organisation, InvitationForm())


@login_required
@require_POST
def organisation_invite(request, pk: int):
    organisation = selectors.organisation_get_for_member(user=request.user, pk=pk)
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation = services.invitation_create(
                organisation=organisation, email=form.cleaned_data["email"], by=request.user
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": invitation.email})
            return redirect("offers:organisation_detail", pk=organisation.pk)
    return _detail_page(request, organisation, form)


@login_required
def invitation_accept(request, token: str):
    """GET shows whom the link invites where; POST joins. Anonymous users log in first."""
    invitation = selectors.invitation_get_by_token(token=token)
    problem = None
    if request.method == "POST":
        try:
            membership = services.invitation_accept(token=token, user=request.user)
        except ValidationError as exc:
            problem = " ".join(exc.messages)
        else:
            messages.success(
                request, _("You are now a member of %(organisation)s.") % {"organisation": membership.organisation.name}
            )
            return redirect("offers:organisation_detail", pk=membership.organisation_id)
    already_member = can_act_for(request.user, invitation.organisation)
    if problem is None and not already_member:
        problem = services.invitation_problem(invitation, user=request.user)
    return render(
        request,
        "organisations/invitation_accept.html",
        {"invitation": invitation, "already_member": already_member, "problem": problem},
        status=400 if request.method == "POST" and problem else 200,
    )
