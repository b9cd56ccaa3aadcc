from django.utils.http import url_has_allowed_host_and_scheme

from accounts.models import Notice, User


def profile_context(user: User) -> dict:
    """What the profile page shows: roles, organisations and commission seats."""
    from accounts.permissions import role_labels

    return {
        "roles": role_labels(user),
        "memberships": user.memberships.select_related("organisation").order_by("organisation__name"),
        "seats": user.commission_seats.select_related("call").order_by("-call__submission_deadline"),
    }


def when(value):
    """A moment as the personal-data export writes it: ISO text, or None."""
    return value.isoformat() if value else None


def personal_data(user: User) -> dict:
    """Everything the portal keeps about `user` as a person (RODO art. 15 and 20): the account,
    organisations, offers they wrote or submitted, commission seats with their declarations and
    sheets, notices and e-mails sent to them. Plain data, ready for JSON. The sections kept by
    the apps above accounts are registered by them (`accounts.registry`)."""
    from accounts import registry

    return {section: provider(user, when) for section, provider in registry.personal_data_providers()}


def personal_data_account(user: User, when) -> dict:
    return {"email": user.email, "full_name": user.full_name, "phone": user.phone,
            "date_joined": when(user.date_joined), "last_login": when(user.last_login),
            "reminders_enabled": user.reminders_enabled,
            "roles": [{"authority": name, "role": role}  # officials' roles, per authority
                      for name, role in user.authority_roles.order_by("authority__name", "role")
                      .values_list("authority__name", "role")]}


def personal_data_organisations(user: User, when) -> list[dict]:
    return [{"name": m.organisation.name, "since": when(m.joined_at)}
            for m in user.memberships.select_related("organisation").order_by("organisation__name")]


def personal_data_commission_seats(user: User, when) -> list[dict]:
    return [{"call": s.call.title, "role": s.role, "kind": s.kind} for s in
            user.commission_seats.select_related("call").order_by("pk")]


def personal_data_notices(user: User, when) -> list[dict]:
    return [{"title": n.title, "created_at": when(n.created_at), "read_at": when(n.read_at)}
            for n in user.notices.order_by("created_at", "pk")]


def enrolment_link_refusal(*, token: str, user: User, now=None):
    """(the link, None) when `user` may use the set-up link `token` now; otherwise (the link or
    None, a ValidationError saying why). Reads only: using the link is a service."""
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from accounts import rules
    from accounts.models import EnrolmentLink
    from accounts.two_factor import device_of

    link = EnrolmentLink.objects.filter(token_hash=rules.token_hash(token or "")).first()
    if link is None or link.user_id != user.pk:
        return None, ValidationError(rules.LINK_UNKNOWN, code="unknown")
    problem = rules.enrolment_link_problem(issued_at=link.issued_at, opened_at=link.opened_at,
                                           revoked_at=link.revoked_at, now=now or timezone.now())
    if problem:
        return link, ValidationError(rules.LINK_PROBLEMS[problem], code=problem)
    if device_of(user) is not None:
        return link, ValidationError(rules.ALREADY_SET_UP, code="set_up")
    return link, None


def enrolment_link_opened(*, pk, user: User):
    """The set-up link `pk` of `user`, opened (in this session: the caller passes the pk it kept)
    and not yet confirmed; None otherwise."""
    from accounts.models import EnrolmentLink

    return EnrolmentLink.objects.filter(pk=pk or 0, user=user, opened_at__isnull=False, confirmed_at=None).first()


def enrolment_link_list(*, limit: int = 50):
    """The latest set-up links with who issued them, for the administrators' page."""
    from accounts.models import EnrolmentLink

    return EnrolmentLink.objects.select_related("user", "issued_by")[:limit]


# The user's notices, newest first (the list marks what it shows read: services.notices_mark_read).
NOTICES_PER_PAGE = 50
LATEST = 5  # how many the dashboard shows


def notice_links(notices) -> list[Notice]:
    """`link` is the notice's address when it is a local one; anything else is not linked."""
    notices = list(notices)
    for notice in notices:
        notice.link = notice.url if notice.url and url_has_allowed_host_and_scheme(notice.url, None) else ""
    return notices


def notice_list_for_user(*, user):
    return Notice.objects.filter(user=user).order_by("-created_at", "-pk")


def notice_latest_for_user(*, user, limit: int = LATEST) -> list[Notice]:
    return notice_links(notice_list_for_user(user=user)[:limit])


def notice_unread_count(*, user) -> int:
    return Notice.objects.filter(user=user, read_at__isnull=True).count()
