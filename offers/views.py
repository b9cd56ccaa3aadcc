"""Pages where the members of an organisation write, submit and withdraw an offer.

Every view finds the offer through `selectors.offer_get_for_user` (404 for anyone outside
its organisations, clerks included: they do not read drafts), binds the forms of one step
and calls the service for it. A service's ValidationError is shown on the page with the
typed data kept; an `OfferConflict` says who changed which section and when, keeps the
typed data and offers to reload or to save anyway. An autosave (header `X-Autosave: 1`)
gets JSON instead of a page. After the deadline the pages are read-only, and the services
refuse any write whatever the browser sends.

If the session expired while somebody typed, what they posted is kept in the session under
the page's path, and restored on that page after they log in again.
"""
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from competition import selectors as call_selectors
from offers import forms, rules, selectors, services
from offers.models import Offer

AUTOSAVE_HEADER = "X-Autosave"
STASH_KEY = "offers:unsaved:%s"
# A save based on an older revision still goes through when nobody changed its own section,
# or one it depends on, in between: two people can write different sections at once. What
# one section's rows point to (chosen actions, offerors) makes them depend on each other.
DEPENDS_ON = {
    "actions": {"indicators", "costs", "schedule"},
    "offerors": {"costs", "schedule"},
    "indicators": {"actions"},
    "schedule": {"actions", "offerors"},
    "costs": {"actions", "offerors"},
}


def _is_autosave(request) -> bool:
    return request.headers.get(AUTOSAVE_HEADER) == "1"


def _login_required(*, stash: bool = False):
    """Anonymous visitors go to the login page; with `stash`, what they posted waits for them."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.user.is_authenticated:
                return view(request, *args, **kwargs)
            if stash and request.method == "POST":
                request.session[STASH_KEY % request.path] = {
                    key: values for key, values in request.POST.lists() if key != "csrfmiddlewaretoken"}
            login = redirect_to_login(request.path)
            if _is_autosave(request):
                return JsonResponse({"ok": False, "login_url": login.url, "message": _(
                    "Your session has expired, so this was not saved. Log in again: what you typed here "
                    "will be waiting on this page.")}, status=401)
            return login

        return wrapper

    return decorator


def _unstash(request) -> QueryDict | None:
    saved = request.session.pop(STASH_KEY % request.path, None)
    if saved is None:
        return None
    data = QueryDict(mutable=True)
    for key, values in saved.items():
        data.setlist(key, values)
    return data


def _lock_reason(offer: Offer, section: str, now) -> str:
    """Why this step of the offer cannot be changed now ("" when it can)."""
    if offer.state == Offer.State.SUBMITTED and not services.submission_closed_error(offer.call, now):
        return _("The offer has been submitted. To change it, withdraw it on the offer's page and submit it again.")
    return services.edit_error(offer, section, now) or ""


def _step_url(offer: Offer, section: str) -> str:
    return reverse("offers:offer_step", kwargs={"pk": offer.pk, "section": section})


# --- start an offer ---------------------------------------------------------------------------


@_login_required()
def offer_list(request):
    return render(request, "offers/offer_list.html", {"offers": selectors.offer_list_for_user(request.user)})


@_login_required()
def offer_create(request, slug):
    call = call_selectors.call_get_public(slug=slug)
    form = forms.OfferCreateForm(request.POST if request.method == "POST" else None, user=request.user)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            offer = services.offer_create(call=call, organisation=form.cleaned_data["organisation"], by=request.user,
                                          title=form.cleaned_data["title"])
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, _("The offer was started. It is saved as you write; fill in the steps in any order."))
            return redirect(_step_url(offer, rules.SECTIONS[0]))
    context = {
        "call": call,
        "form": form,
        "errors": forms.error_summary(form, extra=errors),
        "closed": services.submission_closed_error(call, timezone.now()),
        "has_organisations": bool(form.fields["organisation"].queryset),
        "existing": selectors.offer_list_for_user(request.user).filter(call=call),
    }
    return render(request, "offers/offer_create.html", context)


# --- the steps ----------------------------------------------------------------------------


@_login_required(stash=True)
def offer_step(request, pk, section):
    if section not in rules.SECTIONS:
        raise Http404
    offer = selectors.offer_get_for_user(pk=pk, user=request.user)
    lock = _lock_reason(offer, section, timezone.now())
    if request.method == "POST":
        return _step_post(request, offer, section, lock)
    data = _unstash(request)
    if data is not None:
        if lock:
            messages.warning(request, _("Changes you typed before your session expired could not be restored: %(reason)s")
                             % {"reason": lock})
        else:
            messages.info(request, _("Unsaved changes were restored — check them and save."))
    step = forms.OfferStep(section, offer, None if lock else data, read_only=bool(lock))
    return _render_step(request, offer, step, lock=lock)


def _step_post(request, offer: Offer, section: str, lock: str):
    autosave = _is_autosave(request)
    if lock:
        if autosave:
            return JsonResponse({"ok": False, "message": lock}, status=403)
        return _render_step(request, offer, forms.OfferStep(section, offer, read_only=True), lock=lock, status=403)
    step = forms.OfferStep(section, offer, request.POST)
    conflict, service_errors = None, []
    if step.is_valid():
        try:
            saved = _save(request, offer, step)
        except services.OfferConflict as exc:
            conflict = exc
        except ValidationError as exc:
            service_errors = exc.messages
            lock = _lock_reason(offer, section, timezone.now())  # the deadline may have passed meanwhile
        else:
            if autosave:
                return _autosave_saved(request, saved)
            messages.success(request, _("Saved."))
            return redirect(_after_save_url(saved, section, "next" in request.POST))
    if autosave:
        return _autosave_refused(step, conflict, service_errors, lock)
    return _render_step(request, offer, step, conflict=conflict, errors=service_errors, lock=lock)


def _after_save_url(offer: Offer, section: str, go_next: bool) -> str:
    if not go_next:
        return _step_url(offer, section)
    index = rules.SECTIONS.index(section)
    if index + 1 < len(rules.SECTIONS):
        return _step_url(offer, rules.SECTIONS[index + 1])
    return offer.get_absolute_url()


def _save(request, offer: Offer, step: forms.OfferStep) -> Offer:
    """One service call; again on the newest revision when only other, unrelated sections changed."""
    overwrite = request.POST.get("overwrite", "")
    revision = int(overwrite) if overwrite.isdigit() else step.revision()
    saver = SAVERS.get(step.section, _save_fields)
    try:
        return saver(offer, step, request.user, revision)
    except services.OfferConflict as exc:
        touched = {step.section, *DEPENDS_ON.get(step.section, ())}
        if any(change.section in touched for change in exc.changes):
            raise
        return saver(offer, step, request.user, exc.offer.revision)


def _save_fields(offer, step, by, revision):
    return services.offer_save_fields(offer=offer, by=by, revision=revision, section=step.section,
                                      data=step.fields_data())


def _save_partners(offer, step, by, revision):
    return services.offer_set_partners(offer=offer, by=by, revision=revision, partners=step.partners())


def _save_actions(offer, step, by, revision):
    return services.offer_set_actions(offer=offer, by=by, revision=revision,
                                      actions=list(step.form.cleaned_data["actions"]))


def _save_indicators(offer, step, by, revision):
    values, own_results = step.indicator_values()
    return services.offer_save_indicators(offer=offer, by=by, revision=revision, values=values, own_results=own_results)


def _save_schedule(offer, step, by, revision):
    return services.offer_set_schedule(offer=offer, by=by, revision=revision, rows=step.schedule_rows())


def _save_zones(offer, step, by, revision):
    data = step.form.cleaned_data
    return services.offer_set_zones(offer=offer, by=by, revision=revision, zones=list(data["zones"]),
                                    lpr_projects=list(data["lpr_projects"]))


def _save_costs(offer, step, by, revision):
    """`offer_set_costs` replaces the costs of one action and the page shows them all: one
    transaction chains the calls, the first on the page's revision, each next on the one
    before it, so the page is saved whole or not at all."""
    with transaction.atomic():
        for offer_action, items in step.cost_items():
            offer = services.offer_set_costs(offer=offer, offer_action=offer_action, by=by, revision=revision,
                                             items=items)
            revision = offer.revision
    return offer


SAVERS = {
    "offerors": _save_partners,
    "actions": _save_actions,
    "indicators": _save_indicators,
    "schedule": _save_schedule,
    "zones": _save_zones,
    "costs": _save_costs,
}


# --- autosave answers ----------------------------------------------------------------------


def _autosave_saved(request, saved: Offer):
    full = selectors.offer_get_for_user(pk=saved.pk, user=request.user)
    problems = selectors.offer_problems(full)
    return JsonResponse({
        "ok": True,
        "revision": saved.revision,
        "saved_at": timezone.localtime(saved.updated_at).strftime("%H:%M"),
        "problems": {item["section"]: {"count": item["count"], "label": item["count_label"],
                                       "messages": item["messages"]} for item in _nav(full, "", problems)},
    })


def _autosave_refused(step, conflict, service_errors, lock):
    if conflict is not None:
        details = _conflict(conflict)
        return JsonResponse({"ok": False, "conflict": True, "message": details["title"], "help": details["help"],
                             "revision": details["revision"], "changes": [c["text"] for c in details["changes"]]},
                            status=409)
    if lock:
        return JsonResponse({"ok": False, "message": lock}, status=403)
    return JsonResponse({"ok": False, "errors": [e["text"] for e in step.errors(extra=service_errors)]}, status=400)


# --- what a step page shows ----------------------------------------------------------------


def _conflict(exc: services.OfferConflict) -> dict:
    changes = []
    for change in exc.changes:
        who = change.by.get_full_name() or change.by.email
        when = timezone.localtime(change.at)
        changes.append({"by": who, "at": when, "section": forms.section_label(change.section),
                        "text": _("%(who)s changed “%(section)s” at %(time)s on %(date)s.") % {
                            "who": who, "section": forms.section_label(change.section),
                            "time": when.strftime("%H:%M"), "date": when.strftime("%d.%m.%Y")}})
    return {
        "title": _("Someone changed this offer since you opened it."),
        "help": _("What you typed is still in the form below, but it has not been saved. Reload the page to see "
                  "their version (what you typed here is lost), or save your version, which replaces theirs "
                  "in this step."),
        "changes": changes,
        "revision": exc.offer.revision,
    }


def _nav(offer: Offer, current: str, problems: list) -> list[dict]:
    items = []
    for number, section in enumerate(rules.SECTIONS, start=1):
        mine = [p.message for p in problems if p.section == section]
        items.append({
            "number": number, "section": section, "label": forms.section_label(section),
            "url": _step_url(offer, section), "current": section == current, "count": len(mine), "messages": mine,
            "count_label": ngettext("%(n)s problem", "%(n)s problems", len(mine)) % {"n": len(mine)},
        })
    return items


def _totals(offer: Offer) -> dict:
    """Per chosen action and for the whole task: the sums of section V.B and the two shares."""
    per_action, whole = selectors.offer_totals(offer)
    call = offer.call

    def column(key, label, title, t, budget=None):
        return {"key": key, "label": label, "title": title, "t": t, "budget": budget,
                "grant_share": rules.share(t.grant, t.total), "admin_share": rules.share(t.admin, t.total),
                "grant_over": t.grant > t.total * call.max_grant_share and t.grant > 0,
                "admin_over": t.admin > t.total * call.max_admin_share and t.admin > 0,
                "budget_over": budget is not None and t.grant > budget}

    columns = [column(oa.action.code, oa.action.code, str(oa.action), per_action[oa.action.code], oa.action.budget)
               for oa in offer.offer_actions.all()]
    columns.append(column("all", _("Total"), _("The whole task"), whole))
    return {"columns": columns, "max_grant_share": call.max_grant_share, "max_admin_share": call.max_admin_share}


def _render_step(request, offer: Offer, step: forms.OfferStep, *, lock: str = "", conflict=None, errors=(),
                 status: int = 200):
    if lock and step.data is None:
        step.disable()  # a page bound to what was typed keeps it visible, only without buttons
    problems = selectors.offer_problems(offer)
    nav = _nav(offer, step.section, problems)
    index = rules.SECTIONS.index(step.section)
    template = step.section if step.section in ("basics", "offerors", "actions", "indicators", "zones", "costs",
                                                "statements") else "rows" if step.formsets else "fields"
    context = {
        "offer": offer,
        "call": offer.call,
        "step": step,
        "section": step.section,
        "section_label": forms.section_label(step.section),
        "step_number": index + 1,
        "is_last": index + 1 == len(rules.SECTIONS),
        "nav": nav,
        "section_problems": nav[index]["messages"],
        "errors": step.errors(extra=errors) if step.data is not None else [],
        "conflict": _conflict(conflict) if conflict else None,
        "lock": lock,
        "offerors": selectors.offerors(offer),
        "pending_partners": selectors.pending_partners(offer),
        "totals": _totals(offer) if step.section == "costs" else None,
        "step_template": f"offers/includes/_offer_step_{template}.html",
    }
    return render(request, "offers/offer_step.html", context, status=status)


# --- overview, submit, withdraw -----------------------------------------------------------------


@_login_required()
def offer_detail(request, pk):
    offer = selectors.offer_get_for_user(pk=pk, user=request.user)
    return _render_detail(request, offer)


def _render_detail(request, offer: Offer, *, submit_errors=(), status: int = 200):
    now = timezone.now()
    problems = selectors.offer_problems(offer)
    correction = services.open_correction(offer)
    context = {
        "offer": offer,
        "call": offer.call,
        "nav": _nav(offer, "", problems),
        "problems": problems,
        "submit_errors": submit_errors,
        "closed": "" if offer.state == Offer.State.SUBMITTED and not services.submission_closed_error(offer.call, now)
        else services.submit_error(offer, now),
        "correction": correction,
        "correction_sections": [(s, rules.SECTION_LABELS.get(s, s)) for s in getattr(correction, "sections", [])],
        "totals": _totals(offer),
        "negotiation": _negotiation(offer),
        "negotiation_sections": [(s, rules.SECTION_LABELS[s]) for s in services.NEGOTIATION_SECTIONS],
        "versions": sorted(offer.versions.all(), key=lambda v: v.number, reverse=True),
        "offerors": selectors.offerors(offer),
        "pending_partners": selectors.pending_partners(offer),
        "events": [{"event": e, "section": forms.section_label(e.section) if e.section else ""}
                   for e in offer.events.select_related("by").order_by("-at", "-pk")[:10]],
    }
    return render(request, "offers/offer_detail.html", context, status=status)


def _negotiation(offer: Offer) -> list[dict]:
    """Per action, the awarded grant against the grant the offer asks for now."""
    fixed = selectors.fixed_grants(offer)
    if fixed is None:
        return []
    per_action, _whole = selectors.offer_totals(offer)
    rows = []
    for code, amount in sorted(fixed.items()):
        current = per_action[code].grant if code in per_action else rules.ZERO
        rows.append({"code": code, "fixed": amount, "current": current, "ok": current == amount})
    return rows


@_login_required()
@require_POST
def offer_submit(request, pk):
    offer = selectors.offer_get_for_user(pk=pk, user=request.user)
    negotiating = offer.state == Offer.State.NEGOTIATION
    try:
        version = services.offer_submit(offer=offer, by=request.user)
    except ValidationError as exc:
        return _render_detail(request, offer, submit_errors=exc.messages)
    if negotiating:
        messages.success(request, _("The updated offer was submitted (version %(number)s, control sum %(checksum)s): "
                                    "the lower grant is accepted, and the contract will follow this version.")
                         % {"number": version.number, "checksum": version.short_checksum})
        return redirect(offer)
    messages.success(request, _("The offer was submitted (version %(number)s). Its control sum is %(checksum)s: print "
                                "the submission confirmation, which carries it, and have it signed.")
                     % {"number": version.number, "checksum": version.short_checksum})
    return redirect(offer)


@_login_required()
@require_POST
def offer_withdraw(request, pk):
    offer = selectors.offer_get_for_user(pk=pk, user=request.user)
    try:
        services.offer_withdraw(offer=offer, by=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The offer was withdrawn. You can change it and submit it again before the deadline."))
    return redirect(offer)
