"""The user's notices: results and decisions addressed to them (written by the services that
decide, e.g. the formal check), listed newest first and counted in the menu.

Opening the list marks the notices shown on it as read: the list is where a notice is read,
and a separate "mark as read" button would only add a step. The reads are
`accounts.selectors.notice_*`, the write `accounts.services.notices_mark_read`.
"""
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from accounts import selectors, services


@login_required
def notice_list(request):
    page = Paginator(selectors.notice_list_for_user(user=request.user), selectors.NOTICES_PER_PAGE).get_page(
        request.GET.get("page"))
    notices = selectors.notice_links(page.object_list)  # read before marking: what was unread shows as new
    services.notices_mark_read(user=request.user, notices=notices)
    return render(request, "accounts/notice_list.html", {"notices": notices, "page": page})
