"""Query filters of the API (django-filter). A value that is not what the filter takes (a year
that is not a number between 2000 and 2100, a state that does not exist) is answered 400 with the
filter's Polish message naming the rule, never a server error."""
import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from competition.models import Call

MAX_ID = 2**53  # ids above this are not ids of this portal (and overflow some databases)


class CallFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(choices=[c for c in Call.State.choices if c[0] != Call.State.DRAFT],
                                        label=_("stage of the call"))
    year = django_filters.NumberFilter(field_name="announcement_date__year", min_value=2000, max_value=2100,
                                       decimal_places=0, label=_("year of the announcement"))
    results_published = django_filters.BooleanFilter(field_name="results_published_at", lookup_expr="isnull",
                                                     exclude=True, label=_("results published"))
    authority = django_filters.CharFilter(field_name="authority", lookup_expr="icontains", max_length=100,
                                          label=_("authority (a part of its name)"))
    title = django_filters.CharFilter(field_name="title", lookup_expr="icontains", max_length=100,
                                      label=_("title (a part of it)"))

    class Meta:
        model = Call
        fields = ["state", "year", "results_published", "authority", "title"]


class GrantFilter(django_filters.FilterSet):
    """Filters the calls whose grants are listed; `organisation` also picks the rows (the view)."""

    call = django_filters.CharFilter(field_name="slug", max_length=80, label=_("call (identifier)"))
    year = django_filters.NumberFilter(field_name="decision__order_date__year", min_value=2000, max_value=2100,
                                       decimal_places=0, label=_("year of the order deciding the call"))
    organisation = django_filters.NumberFilter(method="of_organisation", min_value=1, max_value=MAX_ID,
                                               decimal_places=0, label=_("organisation (id), lead or partner"))

    class Meta:
        model = Call
        fields = ["call", "year", "organisation"]

    def of_organisation(self, queryset, name, value):
        mine = Q(decision__grants__offer__organisation_id=int(value)) | Q(
            decision__grants__offer__partners__organisation_id=int(value))
        return queryset.filter(mine).distinct()
