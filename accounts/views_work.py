""""Czeka na mnie": where every role lands after logging in (LOGIN_REDIRECT_URL)."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from accounts import work


@login_required
def waiting(request):
    """What waits for the user in each role they hold, per call, with counts and deadlines (each
    stage fills its part: accounts.registry.register_work). A user with no role yet is shown where
    to start."""
    now = timezone.now()
    sections = work.work_for(request.user, now)
    return render(request, "accounts/work.html", {"sections": sections, "now": now})
