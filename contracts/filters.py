"""The clerk's list of funded offers and their contracts: its search, filters and sorts (core/listing.py)."""
import django_filters
from django.utils.translation import gettext_lazy as _

from core.listing import Sort, search_filter

PREPARED, NOT_PREPARED = "prepared", "not_prepared"

SORTS = [
    Sort("number", _("Offer"), ("number", "pk")),
    Sort("contract", _("Contract"), ("contract__number", "number", "pk")),
]
DEFAULT_SORT = "number"


class FundedOfferFilter(django_filters.FilterSet):
    q = search_filter(number="number", fields=("title", "organisation__name", "contract__number"),
                      label=_("Number, title, organisation or contract"))
    contract = django_filters.ChoiceFilter(
        label=_("Contract"), empty_label=_("any"), method="filter_contract",
        choices=[(PREPARED, _("prepared")), (NOT_PREPARED, _("not yet prepared"))])

    def filter_contract(self, queryset, name, value):
        return queryset.filter(contract__isnull=value == NOT_PREPARED)
