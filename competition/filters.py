"""The public list of calls: its search, filters and sorts (core/listing.py).

The default order is the home page's: calls accepting offers first, then those opening soon,
then the closed ones, each by its submission deadline (the closed ones newest first).
"""
from datetime import datetime, time, timedelta

import django_filters
from django import forms
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _

from competition.models import Call
from competition.rules import WARSAW
from core.listing import Sort, search_filter

OPEN, UPCOMING, CLOSED = "open", "upcoming", "closed"

SORTS = [
    Sort("phase", _("Stage"), ("phase_rank", "open_deadline", "-closed_deadline", "pk")),
    Sort("deadline", _("Submission deadline"), ("submission_deadline", "pk")),
    Sort("title", _("Title"), ("title", "pk")),
]
DEFAULT_SORT = "phase"


def phase_q(phase: str, now) -> Q:
    """The calls in one phase at `now`, as `Call.is_open_for_submission` and the home page judge it."""
    published = Q(state=Call.State.PUBLISHED, submission_deadline__gt=now)
    started = Q(submission_start__isnull=True) | Q(submission_start__lte=now)
    if phase == OPEN:
        return published & started
    if phase == UPCOMING:
        return published & ~started
    return ~published


def with_phase(calls: QuerySet, now) -> QuerySet:
    """`phase_rank` (0 open, 1 upcoming, 2 closed) and the deadlines the default order reads."""
    return calls.annotate(
        phase_rank=Case(When(phase_q(OPEN, now), then=Value(0)), When(phase_q(UPCOMING, now), then=Value(1)),
                        default=Value(2), output_field=IntegerField()),
        open_deadline=Case(When(phase_q(CLOSED, now), then=Value(None)), default=F("submission_deadline")),
        closed_deadline=Case(When(phase_q(CLOSED, now), then=F("submission_deadline")), default=Value(None)),
    )


class CallFilter(django_filters.FilterSet):
    """The home page's filters: text, stage, authority, field of public tasks, deadline. The
    authorities and fields offered are the selectors' (`competition.selectors_authority`), given
    as choices so that the form reads nothing itself; an authority's own page leaves its filter out."""

    q = search_filter(fields=("title", "authority__name", "order_number"), label=_("Title or authority"))
    phase = django_filters.ChoiceFilter(
        label=_("Stage"), empty_label=_("any"), method="filter_phase",
        choices=[(OPEN, _("Accepting offers now")), (UPCOMING, _("Opening soon")), (CLOSED, _("Submission closed"))])
    authority = django_filters.ChoiceFilter(label=_("Authority"), empty_label=_("any"), field_name="authority__slug")
    field = django_filters.ChoiceFilter(label=_("Field of public tasks"), empty_label=_("any"), method="filter_field")
    deadline_by = django_filters.DateFilter(
        label=_("Submission deadline by"), method="filter_deadline_by",
        widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, now, authorities=None, fields=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.now = now
        if authorities is None:  # one authority's own page
            del self.filters["authority"]
        else:
            self.filters["authority"].extra["choices"] = list(authorities)
        self.filters["field"].extra["choices"] = [(f, f) for f in fields]

    def filter_phase(self, queryset, name, value):
        return queryset.filter(phase_q(value, self.now))

    def filter_field(self, queryset, name, value):
        return queryset.filter(public_task_type__icontains=value)

    def filter_deadline_by(self, queryset, name, value):
        """Deadlines on or before that day (Warsaw time): the last moment is the day's end."""
        end = datetime.combine(value + timedelta(days=1), time.min, tzinfo=WARSAW)
        return queryset.filter(submission_deadline__lt=end)
