"""Reads for the installation's home page and each authority's own pages: the authorities with
their calls, the fields of public tasks the calls name, one authority's call."""
from django.db.models import Count, Q

from authorities.models import Authority
from competition.models import Call
from competition.rules import task_fields


def authority_list_for_home(*, now) -> list[Authority]:
    """The authorities with a public call, each with the number of its public calls and of those
    accepting offers now (an authority with no call yet has nothing to show the public)."""
    public = ~Q(calls__state=Call.State.DRAFT)
    # as competition.filters.phase_q(OPEN) judges a call, through the authority's calls
    open_now = Q(calls__state=Call.State.PUBLISHED, calls__submission_deadline__gt=now) & (
        Q(calls__submission_start__isnull=True) | Q(calls__submission_start__lte=now))
    return list(Authority.objects.annotate(
        public_calls=Count("calls", filter=public), open_calls=Count("calls", filter=open_now),
    ).filter(public_calls__gt=0).order_by("name"))


def authority_choices(authorities: list[Authority]) -> list[tuple[str, str]]:
    """The home page's authority filter, by slug."""
    return [(a.slug, a.name) for a in authorities]


def task_field_choices(*, authority: Authority | None = None) -> list[str]:
    """The fields of public tasks named by the public calls (of one authority, if given), once
    each, in alphabetical order."""
    calls = Call.objects.public() if authority is None else Call.objects.public().filter(authority=authority)
    texts = calls.values_list("public_task_type", flat=True).distinct()
    return sorted({field for text in texts for field in task_fields(text)}, key=str.lower)
