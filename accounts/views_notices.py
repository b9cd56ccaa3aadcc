"""The user's notices: results and decisions addressed to them (written by the services that
decide, e.g. the formal check), listed newest first and counted in the menu.

Opening the list marks the notices shown on it as read: the list is where a notice is read,
and a separate "mark as read" button would only add a step. The reads and the one write live
here because the notices have no other screen; move them to accounts/selectors.py and
accounts/services.py when a second user of them appears.
"""
from datetime import datetime

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from accounts.models import Notice

PER_PAGE = 50
LATEST = 5  # how many the dashboard shows


def _with_links(notices) -> list[Notice]:
    """`link` is the notice's address when it is a local one; anything else is not linked."""
    notices = list(notices)
    for notice in notices:
        notice.link = notice.url if notice.url and url_has_allowed_host_and_scheme(notice.url, None) else ""
    return notices


def notice_list_for_user(*, user):
    return Notice.objects.filter(user=user).order_by("-created_at", "-pk")


def notice_latest_for_user(*, user, limit: int = LATEST) -> list[Notice]:
    return _with_links(notice_list_for_user(user=user)[:limit])


def notice_unread_count(*, user) -> int:
    return Notice.objects.filter(user=user, read_at__isnull=True).count()


def notices_mark_read(*, user, notices: list[Notice], now: datetime | None = None) -> int:
    """Mark the given notices of `user` read; other users' rows are never touched."""
    ids = [n.pk for n in notices if n.read_at is None]
    if not ids:
        return 0
    return Notice.objects.filter(user=user, pk__in=ids, read_at__isnull=True).update(read_at=now or timezone.now())


@login_required
def notice_list(request):
    page = Paginator(notice_list_for_user(user=request.user), PER_PAGE).get_page(request.GET.get("page"))
    notices = _with_links(page.object_list)  # read before marking: what was unread shows as new
    notices_mark_read(user=request.user, notices=notices)
    return render(request, "accounts/notice_list.html", {"notices": notices, "page": page})
