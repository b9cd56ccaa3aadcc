"""The clerk's list of offers in the formal check: its search, filters and sorts (core/listing.py)."""
import django_filters
from django.utils.translation import gettext_lazy as _

from core.listing import Sort, search_filter
from evaluation.models import FormalSheet

NO_SHEET, NO_RESULT = "none", "none"

SORTS = [
    Sort("number", _("No."), ("number", "pk")),
    Sort("title", _("Offer"), ("title", "pk")),
]
DEFAULT_SORT = "number"


class FormalOfferFilter(django_filters.FilterSet):
    q = search_filter(number="number", fields=("title", "organisation__name"),
                      label=_("Number, title or organisation"))
    sheet = django_filters.ChoiceFilter(
        label=_("Sheet"), empty_label=_("any"), method="filter_sheet",
        choices=[(NO_SHEET, _("not started")), *FormalSheet.State.choices])
    result = django_filters.ChoiceFilter(
        label=_("Result"), empty_label=_("any"), method="filter_result",
        choices=[*FormalSheet.Result.choices, (NO_RESULT, _("no result yet"))])

    def filter_sheet(self, queryset, name, value):
        if value == NO_SHEET:
            return queryset.filter(formal_sheet__isnull=True)
        return queryset.filter(formal_sheet__state=value)

    def filter_result(self, queryset, name, value):
        if value == NO_RESULT:
            return queryset.exclude(formal_sheet__result__in=FormalSheet.Result.values)
        return queryset.filter(formal_sheet__result=value)
