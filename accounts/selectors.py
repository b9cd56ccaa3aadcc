from accounts.models import User


def profile_context(user: User) -> dict:
    """What the profile page shows: roles, organisations and commission seats."""
    from accounts.permissions import role_labels

    return {
        "roles": role_labels(user),
        "memberships": user.memberships.select_related("organisation").order_by("organisation__name"),
        "seats": user.commission_seats.select_related("call").order_by("-call__submission_deadline"),
    }


def personal_data(user: User) -> dict:
    """Everything the portal keeps about `user` as a person (RODO art. 15 and 20): the account,
    organisations, offers they wrote or submitted, commission seats with their declarations and
    sheets, notices and e-mails sent to them. Plain data, ready for JSON."""
    from evaluation.models import Declaration, ScoreSheet
    from notifications.models import Message
    from offers.models import Offer, OfferEvent

    def when(value):
        return value.isoformat() if value else None

    offers = (Offer.objects.filter(pk__in=OfferEvent.objects.filter(by=user).values("offer_id"))
              .select_related("call", "organisation").order_by("pk"))
    return {
        "account": {"email": user.email, "full_name": user.full_name, "phone": user.phone,
                    "date_joined": when(user.date_joined), "last_login": when(user.last_login),
                    "reminders_enabled": user.reminders_enabled, "clerk": user.is_clerk, "mayor": user.is_mayor},
        "organisations": [{"name": m.organisation.name, "since": when(m.joined_at)}
                          for m in user.memberships.select_related("organisation").order_by("organisation__name")],
        "offers_worked_on": [{"call": o.call.title, "number": o.number, "title": o.title, "state": o.state,
                              "organisation": o.organisation.name,
                              "my_changes": [{"kind": e.kind, "at": when(e.at), "section": e.section}
                                             for e in o.events.filter(by=user).order_by("at", "pk")]}
                             for o in offers],
        "commission_seats": [{"call": s.call.title, "role": s.role, "kind": s.kind} for s in
                             user.commission_seats.select_related("call").order_by("pk")],
        "declarations": [{"call": d.offer.call.title, "offer": d.offer.number, "conflict": d.conflict,
                          "declared_at": when(d.declared_at), "text": d.text}
                         for d in Declaration.objects.filter(member__user=user).select_related("offer__call")],
        "score_sheets": [{"call": s.offer.call.title, "offer": s.offer.number, "state": s.state, "total": s.total,
                          "submitted_at": when(s.submitted_at)}
                         for s in ScoreSheet.objects.filter(member__user=user).select_related("offer__call")],
        "notices": [{"title": n.title, "created_at": when(n.created_at), "read_at": when(n.read_at)}
                    for n in user.notices.order_by("created_at", "pk")],
        "e_mails": [{"subject": m.subject, "kind": m.kind, "state": m.state, "sent_at": when(m.sent_at)}
                    for m in Message.objects.filter(email__iexact=user.email).order_by("due_at", "pk")],
    }


def enrolment_link_refusal(*, token: str, user: User, now=None):
    """(the link, None) when `user` may use the set-up link `token` now; otherwise (the link or
    None, a ValidationError saying why). Reads only: using the link is a service."""
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from accounts import rules, services
    from accounts.models import EnrolmentLink
    from accounts.two_factor import device_of

    link = EnrolmentLink.objects.filter(token_hash=services.token_hash(token or "")).first()
    if link is None or link.user_id != user.pk:
        return None, ValidationError(services.LINK_UNKNOWN, code="unknown")
    problem = rules.enrolment_link_problem(issued_at=link.issued_at, opened_at=link.opened_at,
                                           revoked_at=link.revoked_at, now=now or timezone.now())
    if problem:
        return link, ValidationError(services.LINK_PROBLEMS[problem], code=problem)
    if device_of(user) is not None:
        return link, ValidationError(services.ALREADY_SET_UP, code="set_up")
    return link, None


def enrolment_link_list(*, limit: int = 50):
    """The latest set-up links with who issued them, for the administrators' page."""
    from accounts.models import EnrolmentLink

    return EnrolmentLink.objects.select_related("user", "issued_by")[:limit]
