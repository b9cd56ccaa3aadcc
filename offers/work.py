"""What waits for an applicant ("Czeka na mnie", accounts.registry.register_work): per call,
the drafts to finish before the submission deadline, the confirmations to deliver before the
confirmation deadline, and the invitations to joint offers waiting for an answer. For a clerk:
the calls accepting offers, with the offers submitted so far, until their deadline."""
from datetime import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.permissions import CLERK, is_applicant, is_clerk, scoped
from accounts.work import WorkItem, WorkSection
from competition.models import Call
from offers import selectors_dashboard
from offers.models import Offer
from offers.selectors_partners import partner_request_list_for_user

EDITABLE = (Offer.State.DRAFT, Offer.State.WITHDRAWN, Offer.State.RETURNED, Offer.State.NEGOTIATION)


def applicant_work(user, now: datetime) -> WorkSection | None:
    if not is_applicant(user):
        return None
    section = WorkSection(key="applicant", title=_("As an applicant"), link_url=reverse("offers_dashboard"),
                          link_label=_("My offers"), empty_text=_("No offer waits for you: nothing to finish "
                                                                   "or deliver."))
    for group in selectors_dashboard.dashboard_offers(user=user, now=now):
        section.items.extend(_call_items(group, now))
    requests = list(partner_request_list_for_user(user=user))
    if requests:
        section.items.append(WorkItem(
            call_title="", url=reverse("offers_dashboard") + "#my-partner-requests", count=len(requests),
            text=ngettext("%(n)s invitation to a joint offer waits for an answer",
                          "%(n)s invitations to joint offers wait for an answer", len(requests)) % {"n": len(requests)}))
    return section


def _call_items(group, now: datetime) -> list[WorkItem]:
    call, items = group.call, []
    drafts = [row for row in group.rows if row.offer.state in EDITABLE]
    if group.open and drafts:
        problems = sum(row.problem_count or 0 for row in drafts)
        text = ngettext("%(n)s offer not submitted yet", "%(n)s offers not submitted yet", len(drafts)) % {
            "n": len(drafts)}
        if problems:
            text += " (" + ngettext("%(n)s problem to fix", "%(n)s problems to fix", problems) % {"n": problems} + ")"
        url = drafts[0].offer.get_absolute_url() if len(drafts) == 1 else reverse("offers_dashboard")
        items.append(WorkItem(call_title=call.title, text=text, url=url, count=len(drafts),
                              deadline=call.submission_deadline, deadline_label=_("submission deadline")))
    submitted = [row for row in group.rows if row.offer.state == Offer.State.SUBMITTED]
    if submitted and call.confirmation_deadline > now:
        url = (reverse("offers:offer_next_steps", kwargs={"pk": submitted[0].offer.pk}) if len(submitted) == 1
               else reverse("offers_dashboard"))
        items.append(WorkItem(
            call_title=call.title, url=url, count=len(submitted),
            text=ngettext("%(n)s submitted offer: deliver its signed confirmation",
                          "%(n)s submitted offers: deliver their signed confirmations", len(submitted)) % {
                "n": len(submitted)},
            deadline=call.confirmation_deadline, deadline_label=_("confirmation deadline")))
    return items


def clerk_calls_open(user, now: datetime) -> WorkSection | None:
    """Per published call: the offers submitted so far and the submission deadline, after which
    the clerk closes submissions (one query for all the calls)."""
    if not is_clerk(user):
        return None
    section = WorkSection(key="clerk", title=_("As a clerk"), link_url=reverse("competition:manage_list"),
                          link_label=_("Manage calls"), empty_text=_("No call you manage waits for a step of yours."))
    calls = scoped(Call.objects.filter(state=Call.State.PUBLISHED), user, "authority_id", CLERK).annotate(
        submitted=Count("offers", filter=Q(offers__state=Offer.State.SUBMITTED))).order_by("submission_deadline")
    for call in calls:
        text = (ngettext("accepting offers: %(n)s submitted so far", "accepting offers: %(n)s submitted so far",
                         call.submitted) % {"n": call.submitted} if call.submission_deadline > now
                else _("the submission deadline has passed: close submissions"))
        section.items.append(WorkItem(call_title=call.title, url=reverse("competition:manage_detail",
                                                                           kwargs={"slug": call.slug}),
                                      count=call.submitted, text=text, deadline=call.submission_deadline,
                                      deadline_label=_("submission deadline")))
    return section
