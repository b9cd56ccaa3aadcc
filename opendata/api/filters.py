"""Query filters of the API (django-filter). A value that is not what the filter takes (a year
that is not a number between 2000 and 2100, a state that does not exist) is answered 400 with the
filter's Polish message naming the rule, never a server error."""
import django_filters
from django.core.validators import validate_slug
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from competition.models import Call
from opendata.rules import FIRST_YEAR, LAST_YEAR

MAX_ID = 2**53  # ids above this are not ids of this portal (and overflow some databases)
MAX_TEXT = 100


class CallFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(choices=[c for c in Call.State.choices if c[0] != Call.State.DRAFT],
                                        label=_("stage of the call"))
    year = django_filters.NumberFilter(field_name="announcement_date__year", min_value=FIRST_YEAR, max_value=LAST_YEAR,
                                       decimal_places=0, label=_("year of the announcement"))
    results_published = django_filters.ChoiceFilter(choices=[("true", "true"), ("false", "false")],
                                                    method="published_or_not", label=_("results published"))
    authority = django_filters.CharFilter(field_name="authority__name", lookup_expr="icontains", max_length=MAX_TEXT,
                                          label=_("authority (a part of its name)"))
    title = django_filters.CharFilter(field_name="title", lookup_expr="icontains", max_length=MAX_TEXT,
                                      label=_("title (a part of it)"))

    class Meta:
        model = Call
        fields = ["state", "year", "results_published", "authority", "title"]

    def published_or_not(self, queryset, name, value):
        published = queryset.exclude(results_published_at=None)
        return published if value == "true" else queryset.filter(results_published_at=None)


class GrantFilter(django_filters.FilterSet):
    """Filters the calls whose grants are listed; `organisation` also picks the rows (the view)."""

    call = django_filters.CharFilter(field_name="slug", max_length=80, validators=[validate_slug],
                                     label=_("call (identifier)"))
    year = django_filters.NumberFilter(field_name="decision__order_date__year", min_value=FIRST_YEAR, max_value=LAST_YEAR,
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
