"""One step page of the offer: show it, save it (by a form post or an autosave), or refuse."""
from urllib.parse import quote, urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.middleware import arrived_at
from offers import forms, rules, selectors, selectors_costs, services
from offers.models import Offer
from offers.views.common import _is_autosave, _lock_reason, _login_required, _nav, _step_url, _unstash
from offers.views.saving import _save


@_login_required(stash=True)
def offer_step(request, pk, section):
    if section not in rules.SECTIONS:
        raise Http404
    offer = selectors.offer_get_for_user(pk=pk, user=request.user)
    lock = _lock_reason(offer, section, arrived_at(request))
    if request.method == "POST":
        return _step_post(request, offer, section, lock)
    data = _unstash(request)
    if data is not None:
        if lock:
            messages.warning(request, _("Changes you typed before your session expired could not be restored: %(reason)s")
                             % {"reason": lock})
        else:
            messages.info(request, _("Unsaved changes were restored — check them and save."))
    step = forms.OfferStep(section, offer, None if lock else data, read_only=bool(lock),
                           add_row=request.GET.get("add", ""))
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
            lock = _lock_reason(offer, section, arrived_at(request))  # e.g. a correction closed meanwhile
        else:
            if autosave:
                return _autosave_saved(request, offer, saved, section)
            messages.success(request, _("Saved."))
            if request.POST.get("add_row", "").startswith(f"{section}-"):  # "Add a cost" without JavaScript
                table = request.POST["add_row"]
                return redirect(f"{_step_url(saved, section)}?{urlencode({'add': table})}#{quote(table)}-rows")
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


# --- autosave answers ----------------------------------------------------------------------


def _autosave_saved(request, before: Offer, saved: Offer, section: str):
    full = selectors.offer_after_save(before, saved, user=request.user, fields_only=section in services.SECTION_FIELDS)
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
        changes.append({"by": who, "at": when, "section": rules.section_label(change.section),
                        "text": _("%(who)s changed “%(section)s” at %(time)s on %(date)s.") % {
                            "who": who, "section": rules.section_label(change.section),
                            "time": when.strftime("%H:%M"), "date": when.strftime("%d.%m.%Y")}})
    return {
        "title": _("Someone changed this offer since you opened it."),
        "help": _("What you typed is still in the form below, but it has not been saved. Reload the page to see "
                  "their version (what you typed here is lost), or save your version, which replaces theirs "
                  "in this step."),
        "changes": changes,
        "revision": exc.offer.revision,
    }


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
        "section_label": rules.section_label(step.section),
        "step_number": index + 1,
        "is_last": index + 1 == len(rules.SECTIONS),
        "nav": nav,
        "section_problems": nav[index]["messages"],
        "errors": step.errors(extra=errors) if step.data is not None else [],
        "conflict": _conflict(conflict) if conflict else None,
        "lock": lock,
        "offerors": selectors.offerors(offer),
        "pending_partners": selectors.pending_partners(offer),
        "totals": selectors_costs.cost_table(offer) if step.section == "costs" else None,
        "step_template": f"offers/includes/_offer_step_{template}.html",
    }
    return render(request, "offers/offer_step.html", context, status=status)
