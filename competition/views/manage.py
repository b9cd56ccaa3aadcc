"""Clerk screens: list calls, create a draft, a call's overview and the edit screen of each
section of its announcement.

Each view finds the call through a selector, binds a form, makes one service call and
redirects; a service's ValidationError is shown on the form, never as a server error.
A draft is edited freely; a published call only by an amendment with a reason, which the
service records and publishes; from the close of submission on, a call is read-only.
"""
from accounts.decorators import clerk_required
from accounts.permissions import CLERK, scoped
from authorities.models import Authority
from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from competition import forms, rules, selectors, services
from competition.announcement import announced_rules
from competition.selectors_copy import call_stale_texts
from competition.models import Call
from competition.views.base import PREFIXES, detail_url, form_data, is_amending, is_editable, read_only


def _edit_page(request, call: Call, *, form, save: Callable[[str], object], title: str, anchor: str,
               template: str = "competition/manage/section_form.html", extra: dict | None = None):
    """Validate the form (and the amendment's reason), call the service once, redirect or show errors."""
    reason_form = forms.ReasonForm(form_data(request)) if is_amending(call) else None
    service_errors: list[str] = []
    if request.method == "POST" and not form.has_changed():
        messages.info(request, _("Nothing was changed."))
        return redirect(request.path if "continue" in request.POST else detail_url(call, anchor))
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
                return redirect(request.path if "continue" in request.POST else detail_url(call, anchor))
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


def _authorities_of(user):
    """The authorities a clerk may announce a call of: those where they are a clerk."""
    return scoped(Authority.objects.all(), user, "pk", CLERK)


@clerk_required
def manage_list(request):
    return render(request, "competition/manage/call_list.html", {"calls": selectors.call_list_for_clerk(request.user)})


@clerk_required
def manage_create(request):
    form = forms.CallBasicsForm(form_data(request), authorities=_authorities_of(request.user))
    service_errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            call = services.call_create(data=form.cleaned_data, by=request.user)
        except ValidationError as exc:
            service_errors = forms.add_service_errors(exc, form)
        else:
            messages.success(request, _("The draft call was created. Now add its actions, zones and criteria."))
            return redirect(detail_url(call))
    return render(
        request,
        "competition/manage/call_form.html",
        {"form": form, "errors": forms.error_summary(form, extra=service_errors), "page_title": _("New call")},
    )


@clerk_required
def manage_detail(request, slug):
    call = selectors.call_get_for_clerk(slug=slug, user=request.user)
    # annulment has its own page with the art. 18a check and a published reason (the formal check)
    next_states = [(state, Call.State(state).label) for state in rules.TRANSITIONS.get(call.state, ())
                   if state != Call.State.ANNULLED]
    return render(
        request,
        "competition/manage/call_detail.html",
        {
            "call": call,
            "editable": is_editable(call),
            "amending": is_amending(call),
            "total_budget": selectors.call_total_budget(call),
            "criteria": [(c, selectors.merit_max_points(c)) for c in call.merit_criteria.all()],
            "announced": announced_rules(call),
            "warnings": selectors.call_warnings(call),
            "stale_texts": call_stale_texts(call),
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
        call = selectors.call_get_for_clerk(slug=slug, user=request.user)
        if not is_editable(call):
            return read_only(request, call)
        return view(request, call, **kwargs)

    return wrapper


@_section
def manage_basics(request, call):
    form = forms.CallBasicsForm(form_data(request), initial=forms.basics_initial(call), document=selectors.call_document(call),
                                authorities=_authorities_of(request.user))
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
        form_data(request),
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
        form_data(request),
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
    form = forms.ZonesForm(form_data(request), initial=initial, document=selectors.call_document(call))
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
        form_data(request), initial=forms.lpr_initial(call), document=selectors.call_document(call), prefix=PREFIXES["lpr"]
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
        form_data(request), initial=forms.formal_initial(call), document=selectors.call_document(call), prefix=PREFIXES["formal"]
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
        form_data(request), initial=forms.merit_initial(call), document=selectors.call_document(call), prefix=PREFIXES["merit"]
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
        form_data(request),
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


@_section
def manage_rules(request, call):
    criteria = [(c.code, f"{c.code}) {c.title}") for c in call.merit_criteria.all()]
    form = forms.CallRulesForm(form_data(request), initial=forms.rules_initial(call),
                               document=selectors.call_document(call), criteria=criteria)
    return _edit_page(
        request,
        call,
        form=form,
        save=lambda reason: services.call_set_rules(call=call, by=request.user, data=form.service_data(), reason=reason),
        title=_("Rules of evaluation and award"),
        anchor="rules",
        template="competition/manage/call_form.html",
    )
