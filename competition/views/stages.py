"""Clerk screens of a call's life: validate and publish it, move it to the next stage, copy
it, and read its history."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import clerk_required
from competition import forms, rules, selectors, services
from competition.models import Call
from competition.views.base import PREFIXES, detail_url, form_data, is_editable, read_only


# --- validation, publication, stages, copy, history ------------------------------------------


def _section_label(call: Call, path: str) -> str:
    section, parent = forms.section_of(path)
    if section == "indicators":
        return _("Mandatory indicators of action %(code)s") % {"code": list(call.actions.all())[parent].code}
    if section == "merit_parts":
        return _("Merit criterion %(code)s") % {"code": list(call.merit_criteria.all())[parent].code}
    labels = {
        "basics": _("Basic data"),
        "actions": _("Actions and their budgets"),
        "zones": _("Urban zones"),
        "lpr": _("Projects of the Local Revitalisation Programme"),
        "formal": _("Formal criteria"),
        "merit": _("Merit criteria"),
        "rules": _("Rules of evaluation and award"),
    }
    return labels[section]


def _problem_link(call: Call, path: str) -> str:
    """The edit screen (and the field on it) where the value at `path` is changed."""
    section, parent = forms.section_of(path)
    kwargs = {"slug": call.slug}
    if section == "indicators":
        kwargs["action_pk"] = list(call.actions.all())[parent].pk
    elif section == "merit_parts":
        kwargs["criterion_pk"] = list(call.merit_criteria.all())[parent].pk
    url = reverse(f"competition:manage_{section}", kwargs=kwargs)
    segs = forms.path_segments(path)
    if section == "basics":
        field = segs[1].name if segs[0].name == "texts" and len(segs) > 1 else segs[0].name
        return f"{url}#div_id_{field}"
    if section == "zones":
        return f"{url}#div_id_zones"
    if section == "rules":
        return f"{url}#div_id_{segs[1].name}" if len(segs) > 1 else url
    depth = 1 if section in ("indicators", "merit_parts") else 0
    row = segs[depth].index if len(segs) > depth else None
    if row is None:
        return url
    prefix = PREFIXES[section]
    if len(segs) > depth + 1:
        return f"{url}#div_id_{prefix}-{row}-{segs[depth + 1].name}"
    return f"{url}#{prefix}-{row}-row"


@clerk_required
def manage_validate(request, slug):
    """What stops the call from being published, each linked to its field; and the Publish button."""
    call = selectors.call_get_for_clerk(slug=slug, user=request.user)
    confirm_form = forms.ConfirmPublishForm(form_data(request))
    publish_errors: list[str] = []
    if request.method == "POST":
        if not call.is_draft:
            return read_only(request, call, _("Only a draft can be published; this call is already past that stage."))
        if confirm_form.is_valid():
            try:
                services.call_publish(call=call, by=request.user)
            except ValidationError as exc:
                publish_errors = exc.messages
            else:
                messages.success(request, _("The call is published."))
                return redirect(detail_url(call))
    problems = [
        {
            "path": e.path,
            "section": _section_label(call, e.path),
            "message": e.message,
            "href": _problem_link(call, e.path) if is_editable(call) else "",
        }
        for e in services.call_validate(call)
    ]
    return render(
        request,
        "competition/manage/call_validate.html",
        {
            "call": call,
            "problems": problems,
            "confirm_form": confirm_form,
            "errors": forms.error_summary(confirm_form, extra=publish_errors),
        },
    )


@clerk_required
@require_POST
def manage_transition(request, slug):
    call = selectors.call_get_for_clerk(slug=slug, user=request.user)
    target = request.POST.get("to", "")
    # Annulment has its own form; only the commission's chair closes the merit evaluation.
    if target not in rules.TRANSITIONS.get(call.state, ()) or target in (Call.State.ANNULLED, Call.State.SCORED):
        messages.error(
            request,
            _("A call at the stage “%(stage)s” cannot move to the stage requested.") % {"stage": call.get_state_display()},
        )
        return redirect(detail_url(call))
    try:
        # Entering and leaving the formal check open and settle the offers' formal sheets.
        services.call_move(call=call, to=target, by=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The call is now at the stage “%(stage)s”.") % {"stage": Call.State(target).label})
    return redirect(detail_url(call))


@clerk_required
@require_POST
def manage_copy(request, slug):
    call = selectors.call_get_for_clerk(slug=slug, user=request.user)
    copy = services.call_copy(call=call, by=request.user, years=1)
    messages.success(request, _("This is a draft copy of “%(title)s”, every date moved by one year.") % {"title": call.title})
    return redirect(detail_url(copy))


@clerk_required
def manage_history(request, slug):
    call = selectors.call_get_for_clerk(slug=slug, user=request.user)
    return render(request, "competition/manage/call_history.html", {"call": call, "events": selectors.call_history(call)})
