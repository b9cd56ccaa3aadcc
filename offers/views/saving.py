"""One service call per step of the offer, and the retry when only unrelated sections changed."""
from core.middleware import arrived_at
from offers import forms, services
from offers.models import Offer

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


def _save(request, offer: Offer, step: forms.OfferStep) -> Offer:
    """One service call; again on the newest revision when only other, unrelated sections changed.
    The deadline is judged at the moment the request reached the portal."""
    overwrite = request.POST.get("overwrite", "")
    revision = int(overwrite) if overwrite.isdigit() else step.revision()
    saver = SAVERS.get(step.section, _save_fields)
    now = arrived_at(request)
    try:
        return saver(offer, step, request.user, revision, now)
    except services.OfferConflict as exc:
        touched = {step.section, *DEPENDS_ON.get(step.section, ())}
        if any(change.section in touched for change in exc.changes):
            raise
        return saver(offer, step, request.user, exc.offer.revision, now)


def _save_fields(offer, step, by, revision, now):
    return services.offer_save_fields(offer=offer, by=by, revision=revision, section=step.section,
                                      data=step.fields_data(), now=now)


def _save_partners(offer, step, by, revision, now):
    return services.offer_set_partners(offer=offer, by=by, revision=revision, partners=step.partners(), now=now)


def _save_actions(offer, step, by, revision, now):
    return services.offer_set_actions(offer=offer, by=by, revision=revision,
                                      actions=list(step.form.cleaned_data["actions"]), now=now)


def _save_indicators(offer, step, by, revision, now):
    values, own_results = step.indicator_values()
    return services.offer_save_indicators(offer=offer, by=by, revision=revision, values=values, own_results=own_results,
                                          now=now)


def _save_schedule(offer, step, by, revision, now):
    return services.offer_set_schedule(offer=offer, by=by, revision=revision, rows=step.schedule_rows(), now=now)


def _save_zones(offer, step, by, revision, now):
    data = step.form.cleaned_data
    return services.offer_set_zones(offer=offer, by=by, revision=revision, zones=list(data["zones"]),
                                    lpr_projects=list(data["lpr_projects"]), now=now)


def _save_costs(offer, step, by, revision, now):
    """The costs page shows every chosen action's costs: one save writes them all, or nothing."""
    return services.offer_set_cost_plan(offer=offer, by=by, revision=revision, plan=step.cost_items(), now=now)


SAVERS = {
    "offerors": _save_partners,
    "actions": _save_actions,
    "indicators": _save_indicators,
    "schedule": _save_schedule,
    "zones": _save_zones,
    "costs": _save_costs,
}
