"""Clerk screens: define, edit, validate, publish, amend, move and copy calls.

Each view finds the call through a selector, binds a form, makes one service call and
redirects; a service's ValidationError is shown on the form, never as a server error.
A draft is edited freely; a published call only by an amendment with a reason, which the
service records and publishes; from the close of submission on, a call is read-only.
"""
from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from competition import forms, rules, selectors, services
from competition.decorators import clerk_required
from competition.models import Call
from evaluation.formal import services as formal_services

# Form prefixes of the section screens; the validation page links errors to their fields.
PREFIXES = {
    "actions": "actions",
    "indicators": "indicators",
    "lpr": "lpr",
    "formal": "formal",
    "merit": "merit",
    "merit_parts": "parts",
}


def _detail_url(call: Call, anchor: str = "") -> str:
    url = reverse("competition:manage_detail", kwargs={"slug": call.slug})
    return f"{url}#{anchor}" if anchor else url


def _is_editable(call: Call) -> bool:
    return call.state in services.AMENDABLE_STATES


def _is_amending(call: Call) -> bool:
    return call.state == Call.State.PUBLISHED


def _data(request):
    return request.POST if request.method == "POST" else None


def _read_only(request, call: Call, message: str = ""):
    """A call past the submission stage keeps its rules: say so plainly, with a 403."""
    if not message:
        message = _(
            "The call is at the stage “%(stage)s”: its announcement can no longer be changed. "
            "Only drafts are edited, and published calls amended until submission closes."
        ) % {"stage": call.get_state_display()}
    return render(request, "competition/manage/read_only.html", {"call": call, "message": message}, status=403)


def _edit_page(request, call: Call, *, form, save: Callable[[str], object], title: str, anchor: str,
               template: str = "competition/manage/section_form.html", extra: dict | None = None):
    """Validate the form (and the amendment's reason), call the service once, redirect or show errors."""
    reason_form = forms.ReasonForm(_data(request)) if _is_amending(call) else None
    service_errors: list[str] = []
    if request.method == "POST" and not form.has_changed():
        messages.info(request, _("Nothing was changed."))
        return redirect(request.path if "continue" in request.POST else _detail_url(call, anchor))
    if request.method == "POST":
        form_valid = form.is_valid()
        reason_valid = reason_form is None or reason_form.is_valid()
        if form_valid and reason_valid:
            try:
                save(reason_form.cleaned_data["reason"] if reason_form else "")
            except ValidationError as exc:
                service_errors = forms.add_service_errors(exc, form, reason_form)
            else:
                if reason_form:
                    messages.success(request, _("The amendment was saved; it is published with its reason."))
                else:
                    messages.success(request, _("The changes were saved."))
                return redirect(request.path if "continue" in request.POST else _detail_url(call, anchor))
    context = {
        "call": call,
        "form": form,
        "reason_form": reason_form,
        "errors": forms.error_summary(form, reason_form, extra=service_errors),
        "page_title": title,
        "anchor": anchor,
        **(extra or {}),
    }
    return render(request, template, context)


def _indexed(items, pk: int):
    """The item with this pk and its position (the position names it in the call document)."""
    for index, item in enumerate(items):
        if item.pk == pk:
            return index, item
    raise Http404


# --- list, new call, overview ----------------------------------------------------------------


@clerk_required
def manage_list(request):
    return render(request, "competition/manage/call_list.html", {"calls": selectors.call_list_for_clerk()})


@clerk_required
def manage_create(request):
    form = forms.CallBasicsForm(_data(request))
    service_errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            call = services.call_create(data=form.cleaned_data, by=request.user)
        except ValidationError as exc:
            service_errors = forms.add_service_errors(exc, form)
        else:
            messages.success(request, _("The draft call was created. Now add its actions, zones and criteria."))
            return redirect(_detail_url(call))
    return render(
        request,
        "competition/manage/call_form.html",
        {"form": form, "errors": forms.error_summary(form, extra=service_errors), "page_title": _("New call")},
    )


@clerk_required
def manage_detail(request, slug):
    call = selectors.call_get_for_clerk(slug=slug)
    # annulment has its own page with the art. 18a check and a published reason (the formal check)
    next_states = [(state, Call.State(state).label) for state in rules.TRANSITIONS.get(call.state, ())
                   if state != Call.State.ANNULLED]
    return render(
        request,
        "competition/manage/call_detail.html",
        {
            "call": call,
            "editable": _is_editable(call),
            "amending": _is_amending(call),
            "total_budget": selectors.call_total_budget(call),
            "criteria": [(c, selectors.merit_max_points(c)) for c in call.merit_criteria.all()],
            "problems": services.call_validate(call) if call.is_draft else [],
            # A draft is published from the validation page, which lists what stops it.
            "next_states": [] if call.is_draft else next_states,
        },
    )


# --- sections ------------------------------------------------------------------------------


def _section(view):
    """Clerks only; 404 for an unknown call; 403 with an explanation once the call is read-only."""

    @clerk_required
    @wraps(view)
    def wrapper(request, slug, **kwargs):
        call = selectors.call_get_for_clerk(slug=slug)
        if not _is_editable(call):
            return _read_only(request, call)
        return view(request, call, **kwargs)

    return wrapper


@_section
def manage_basics(request, call):
    form = forms.CallBasicsForm(_data(request), initial=forms.basics_initial(call), document=selectors.call_document(call))
    return _edit_page(
        request,
        call,
        form=form,
        save=lambda reason: services.call_update_basics(call=call, by=request.user, data=form.cleaned_data, reason=reason),
        title=_("Basic data"),
        anchor="basics",
        template="competition/manage/call_form.html",
    )


@_section
def manage_actions(request, call):
    formset = forms.ActionFormSet(
        _data(request),
        initial=forms.actions_initial(call),
        document=selectors.call_document(call),
        prefix=PREFIXES["actions"],
        call_actions=call.actions.all(),
    )
    return _edit_page(
        request,
        call,
        form=formset,
        save=lambda reason: services.call_set_actions(call=call, by=request.user, actions=formset.items(), reason=reason),
        title=_("Actions and their budgets"),
        anchor="actions",
    )


@_section
def manage_indicators(request, call, action_pk):
    index, action = _indexed(call.actions.all(), action_pk)
    formset = forms.IndicatorFormSet(
        _data(request),
        initial=forms.indicators_initial(action),
        document=selectors.call_document(call),
        parent_index=index,
        prefix=PREFIXES["indicators"],
    )
    return _edit_page(
        request,
        call,
        form=formset,
        save=lambda reason: services.call_set_indicators(
            call=call, action=action, by=request.user, indicators=formset.items(), reason=reason
        ),
        title=_("Mandatory indicators of action %(code)s") % {"code": action.code},
        anchor=f"action-{action.pk}",
        extra={"parent": action},
    )


@_section
def manage_zones(request, call):
    initial = {"zones": [zone.name for zone in call.zones.all()]}
    form = forms.ZonesForm(_data(request), initial=initial, document=selectors.call_document(call))
    return _edit_page(
        request,
        call,
        form=form,
        save=lambda reason: services.call_set_zones(call=call, by=request.user, zones=form.cleaned_data["zones"], reason=reason),
        title=_("Urban zones"),
        anchor="zones",
    )


@_section
def manage_lpr(request, call):
    formset = forms.LprFormSet(
        _data(request), initial=forms.lpr_initial(call), document=selectors.call_document(call), prefix=PREFIXES["lpr"]
    )
    return _edit_page(
        request,
        call,
        form=formset,
        save=lambda reason: services.call_set_lpr_projects(call=call, by=request.user, projects=formset.items(), reason=reason),
        title=_("Projects of the Local Revitalisation Programme"),
        anchor="lpr",
    )


@_section
def manage_formal(request, call):
    formset = forms.FormalFormSet(
        _data(request), initial=forms.formal_initial(call), document=selectors.call_document(call), prefix=PREFIXES["formal"]
    )
    return _edit_page(
        request,
        call,
        form=formset,
        save=lambda reason: services.call_set_formal_criteria(
            call=call, by=request.user, criteria=formset.items(), reason=reason
        ),
        title=_("Formal criteria"),
        anchor="formal",
    )


@_section
def manage_merit(request, call):
    formset = forms.MeritFormSet(
        _data(request), initial=forms.merit_initial(call), document=selectors.call_document(call), prefix=PREFIXES["merit"]
    )
    return _edit_page(
        request,
        call,
        form=formset,
        save=lambda reason: services.call_set_merit_criteria(call=call, by=request.user, criteria=formset.items(), reason=reason),
        title=_("Merit criteria"),
        anchor="merit",
    )


@_section
def manage_merit_parts(request, call, criterion_pk):
    index, criterion = _indexed(call.merit_criteria.all(), criterion_pk)
    formset_class = forms.StepFormSet if criterion.kind == criterion.Kind.SCALE else forms.SubcriterionFormSet
    formset = formset_class(
        _data(request),
        initial=forms.parts_initial(criterion),
        document=selectors.call_document(call),
        parent_index=index,
        prefix=PREFIXES["merit_parts"],
    )
    if criterion.kind == criterion.Kind.SCALE:
        title = _("Point scale of criterion %(code)s") % {"code": criterion.code}
    else:
        title = _("Sub-criteria of criterion %(code)s") % {"code": criterion.code}
    return _edit_page(
        request,
        call,
        form=formset,
        save=lambda reason: services.call_set_merit_criteria(
            call=call, by=request.user, criteria=formset.criteria(), reason=reason
        ),
        title=title,
        anchor=f"criterion-{criterion.pk}",
        extra={"parent": criterion},
    )


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
    call = selectors.call_get_for_clerk(slug=slug)
    confirm_form = forms.ConfirmPublishForm(_data(request))
    publish_errors: list[str] = []
    if request.method == "POST":
        if not call.is_draft:
            return _read_only(request, call, _("Only a draft can be published; this call is already past that stage."))
        if confirm_form.is_valid():
            try:
                services.call_publish(call=call, by=request.user)
            except ValidationError as exc:
                publish_errors = exc.messages
            else:
                messages.success(request, _("The call is published."))
                return redirect(_detail_url(call))
    problems = [
        {
            "path": e.path,
            "section": _section_label(call, e.path),
            "message": e.message,
            "href": _problem_link(call, e.path) if _is_editable(call) else "",
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
    call = selectors.call_get_for_clerk(slug=slug)
    target = request.POST.get("to", "")
    # Annulment has its own form; only the commission's chair closes the merit evaluation.
    if target not in rules.TRANSITIONS.get(call.state, ()) or target in (Call.State.ANNULLED, Call.State.SCORED):
        messages.error(
            request,
            _("A call at the stage “%(stage)s” cannot move to the stage requested.") % {"stage": call.get_state_display()},
        )
        return redirect(_detail_url(call))
    try:
        # Entering and leaving the formal check open and settle the offers' formal sheets.
        if target == Call.State.FORMAL_CHECK:
            formal_services.formal_check_start(call=call, by=request.user)
        elif target == Call.State.MERIT_EVALUATION:
            formal_services.formal_check_close(call=call, by=request.user)
        else:
            services.call_transition(call=call, to=target, by=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The call is now at the stage “%(stage)s”.") % {"stage": Call.State(target).label})
    return redirect(_detail_url(call))


@clerk_required
@require_POST
def manage_copy(request, slug):
    call = selectors.call_get_for_clerk(slug=slug)
    copy = services.call_copy(call=call, by=request.user, years=1)
    messages.success(request, _("This is a draft copy of “%(title)s”, every date moved by one year.") % {"title": call.title})
    return redirect(_detail_url(copy))


def _shown(value) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def _change_rows(changes: dict) -> list[tuple[str, str, str]]:
    """(path, old, new) per changed value; a note such as a copy's source shows as new only.

    A list that only changed shape (empty before, rows of its own after) reads "—" on both
    sides; its rows are listed one by one, so the line is left out.
    """
    rows = []
    for path, value in changes.items():
        if isinstance(value, list) and len(value) == 2:
            old, new = _shown(value[0]), _shown(value[1])
            if old != new:
                rows.append((path, old, new))
        else:
            rows.append((path, "", _shown(value)))
    return rows


def _state_label(state: str) -> str:
    return Call.State(state).label if state in Call.State.values else state


@clerk_required
def manage_history(request, slug):
    call = selectors.call_get_for_clerk(slug=slug)
    events = [
        {
            "event": event,
            "from_state": _state_label(event.from_state) if event.from_state else "",
            "to_state": _state_label(event.to_state) if event.to_state else "",
            "changes": _change_rows(event.changes or {}),
        }
        for event in selectors.call_events(call)
    ]
    return render(request, "competition/manage/call_history.html", {"call": call, "events": events})
