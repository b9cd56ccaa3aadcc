"""Clerk screens: define, edit, validate, publish, amend and copy calls."""
from django.shortcuts import render

from competition import selectors
from competition.decorators import clerk_required


@clerk_required
def manage_list(request):
    return render(request, "competition/manage/call_list.html", {"calls": selectors.call_list_for_clerk()})
