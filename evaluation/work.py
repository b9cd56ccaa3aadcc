"""What waits for the commission and for the clerks of the formal check ("Czeka na mnie",
accounts.registry.register_work): a member's declarations and sheets, the chair's (and the
secretary's) progress of the whole commission, the clerk's open formal sheets."""
from datetime import datetime

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.permissions import CLERK, is_clerk, scoped
from accounts.work import WorkItem, WorkSection
from competition.models import Call, CommissionMember
from evaluation.formal import selectors as formal_selectors
from evaluation.merit import selectors as merit_selectors

LEADS = (CommissionMember.Role.CHAIR, CommissionMember.Role.SECRETARY)


def _scoring_seats(user) -> list[CommissionMember]:
    return [seat for seat in merit_selectors.seats_of_user(user) if seat.call.state == Call.State.MERIT_EVALUATION]


def member_work(user, now: datetime) -> WorkSection | None:
    """Per call under merit evaluation: the declarations to make and the sheets to submit."""
    seats = merit_selectors.seats_of_user(user)
    if not seats:
        return None
    section = WorkSection(key="member", title=_("As a member of a commission"), link_url=reverse("commission:home"),
                          link_label=_("Commission"), empty_text=_("No declaration or score sheet waits for you."))
    for seat in _scoring_seats(user):
        overview = merit_selectors.member_overview(seat)
        undeclared = sum(1 for row in overview.rows if row.declaration is None)
        unsubmitted = overview.to_score - overview.submitted if overview.scores else 0
        url = reverse("commission:offers", kwargs={"slug": seat.call.slug})
        if undeclared:
            section.items.append(WorkItem(
                call_title=seat.call.title, url=url, count=undeclared, deadline=seat.call.scoring_deadline,
                deadline_label=_("scoring deadline"),
                text=ngettext("%(n)s impartiality declaration to make", "%(n)s impartiality declarations to make",
                              undeclared) % {"n": undeclared}))
        if unsubmitted > 0:
            section.items.append(WorkItem(
                call_title=seat.call.title, url=url, count=unsubmitted, deadline=seat.call.scoring_deadline,
                deadline_label=_("scoring deadline"),
                text=ngettext("%(n)s score sheet to submit", "%(n)s score sheets to submit", unsubmitted) % {
                    "n": unsubmitted}))
    return section


def chair_work(user, now: datetime) -> WorkSection | None:
    """Per call under merit evaluation that the user chairs (or is the secretary of): what is still
    missing before the stage can be closed, linked to the progress page."""
    seats = [seat for seat in merit_selectors.seats_of_user(user) if seat.role in LEADS]
    if not seats:
        return None
    section = WorkSection(key="chair", title=_("As the chair or secretary of a commission"),
                          empty_text=_("No commission you lead is scoring now."))
    for seat in seats:
        if seat.call.state != Call.State.MERIT_EVALUATION:
            continue
        missing = len(merit_selectors.progress(seat.call).missing)
        url = reverse("chair:progress", kwargs={"slug": seat.call.slug})
        text = (ngettext("%(n)s declaration or sheet of the commission still missing",
                         "%(n)s declarations or sheets of the commission still missing", missing) % {"n": missing}
                if missing else _("everything is in: the merit evaluation can be closed"))
        section.items.append(WorkItem(call_title=seat.call.title, url=url, count=missing or 1, text=text,
                                      deadline=seat.call.scoring_deadline, deadline_label=_("scoring deadline")))
    return section


def clerk_work(user, now: datetime) -> WorkSection | None:
    """Per call in the formal check: the sheets not yet settled; per call whose submissions ended:
    the formal check to start."""
    if not is_clerk(user):
        return None
    section = WorkSection(key="clerk", title=_("As a clerk"), link_url=reverse("competition:manage_list"),
                          link_label=_("Manage calls"), empty_text=_("No call you manage waits for a step of yours."))
    calls = scoped(Call.objects.filter(state__in=(Call.State.FORMAL_CHECK, Call.State.SUBMISSION_CLOSED)), user,
                   "authority_id", CLERK).order_by(
        "confirmation_deadline")
    for call in calls:
        url = reverse("evaluation:formal_overview", kwargs={"slug": call.slug})
        if call.state == Call.State.SUBMISSION_CLOSED:
            section.items.append(WorkItem(call_title=call.title, url=url, count=1,
                                          text=_("submissions closed: start the formal check"),
                                          deadline=call.confirmation_deadline,
                                          deadline_label=_("confirmation deadline")))
            continue
        still_open = len(formal_selectors.formal_summary(call).still_open)
        text = (ngettext("%(n)s formal sheet to settle", "%(n)s formal sheets to settle", still_open) % {
            "n": still_open} if still_open else _("every formal sheet is settled: close the formal check"))
        section.items.append(WorkItem(call_title=call.title, url=url, count=still_open or 1, text=text))
    return section
