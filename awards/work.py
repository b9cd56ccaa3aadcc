"""What waits for the authority and for the clerks after the merit evaluation ("Czeka na mnie",
accounts.registry.register_work): the decisions to make by the call's decision date, the
allocations to propose and the results to publish."""
from datetime import datetime, time

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.work import WorkItem, WorkSection
from accounts.permissions import CLERK, DECIDER, is_clerk, is_mayor, scoped
from awards.models import Decision
from competition.models import Call


def _end_of(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(23, 59)))


def _decisions(calls) -> dict[int, Decision]:
    return {d.call_id: d for d in Decision.objects.filter(call__in=calls)}


def authority_work(user, now: datetime) -> WorkSection | None:
    """Per call whose merit evaluation is closed: the decision, by the call's decision date."""
    if not is_mayor(user):
        return None
    section = WorkSection(key="authority", title=_("As the authority"), link_url=reverse("awards:decision_list"),
                          link_label=_("Decisions"), empty_text=_("No decision waits for you."))
    calls = list(scoped(Call.objects.filter(state=Call.State.SCORED), user, "authority_id", DECIDER)
                 .order_by("decision_date"))
    decisions = _decisions(calls)
    for call in calls:
        proposed = call.pk in decisions
        section.items.append(WorkItem(
            call_title=call.title, url=reverse("awards:decision", kwargs={"slug": call.slug}), count=1,
            text=_("decide the grants (the allocation is proposed)") if proposed
            else _("decide the grants (the clerks have not proposed the allocation yet)"),
            deadline=_end_of(call.decision_date), deadline_label=_("decision date")))
    return section


def clerk_publication_work(user, now: datetime) -> WorkSection | None:
    """Per call: the allocation to propose once scored, the results to publish once decided."""
    if not is_clerk(user):
        return None
    section = WorkSection(key="clerk", title=_("As a clerk"), link_url=reverse("competition:manage_list"),
                          link_label=_("Manage calls"), empty_text=_("No call you manage waits for a step of yours."))
    calls = list(scoped(Call.objects.filter(state__in=(Call.State.SCORED, Call.State.DECIDED),
                                            results_published_at__isnull=True), user, "authority_id", CLERK)
                 .order_by("decision_date"))
    decisions = _decisions(calls)
    for call in calls:
        url = reverse("awards:decision", kwargs={"slug": call.slug})
        if call.state == Call.State.SCORED and call.pk not in decisions:
            section.items.append(WorkItem(call_title=call.title, url=url, count=1,
                                          text=_("propose the allocation for the authority's decision"),
                                          deadline=_end_of(call.decision_date), deadline_label=_("decision date")))
        elif call.state == Call.State.DECIDED:
            section.items.append(WorkItem(call_title=call.title, url=url + "#publish", count=1,
                                          text=_("publish the results of the decision")))
    return section
