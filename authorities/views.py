"""The authority's officials, for its administrator (and the installation's administrator): who
holds which role, adding a role by an account's e-mail, removing one. Everybody else gets 404:
nobody learns who works for another authority. Each change is one service call, kept in the
roles' history."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from authorities import selectors, services
from authorities.forms import OfficialAddForm
from authorities.models import Authority, AuthorityRole
from authorities.permissions import is_authority_admin_of
from core.forms import add_service_errors, error_summary


def _authority(request, slug: str) -> Authority:
    authority = get_object_or_404(Authority, slug=slug)
    if not is_authority_admin_of(request.user, authority):
        raise Http404
    return authority


@login_required
def official_list(request, slug):
    authority = _authority(request, slug)
    form = OfficialAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            row = services.role_grant_by_email(authority=authority, email=form.cleaned_data["email"],
                                               role=form.cleaned_data["role"], by=request.user)
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("%(user)s now holds the role %(role)s at %(authority)s.") % {
                "user": row.user, "role": row.get_role_display(), "authority": authority})
            return redirect("authorities:official_list", slug=authority.slug)
    return render(request, "authorities/official_list.html", {
        "authority": authority, "roles": selectors.roles_of(authority), "form": form,
        "errors": error_summary(form), "history": selectors.role_history(authority)})


@login_required
@require_POST
def official_remove(request, slug, pk):
    authority = _authority(request, slug)
    role = get_object_or_404(AuthorityRole, pk=pk, authority=authority)
    try:
        services.role_revoke(role=role, by=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("%(user)s no longer holds the role %(role)s at %(authority)s.") % {
            "user": role.user, "role": role.get_role_display(), "authority": authority})
    return redirect("authorities:official_list", slug=authority.slug)
