"""The applicant's "My offers": its search, filters and sorts (core/listing.py)."""
import django_filters
from django.utils.translation import gettext_lazy as _

from authorities.models import Authority
from core.listing import Sort, search_filter
from offers.models import Offer

SORTS = [
    Sort("title", _("Offer"), ("title", "pk")),
    Sort("call", _("Call"), ("call__title", "pk")),
    Sort("authority", _("Authority"), ("call__authority__name", "pk")),
    Sort("organisation", _("Lead offeror"), ("organisation__name", "pk")),
    Sort("state", _("State"), ("state", "pk")),
    Sort("updated", _("Last change"), ("updated_at", "pk")),
]
DEFAULT_SORT = "-updated"


class MyOfferFilter(django_filters.FilterSet):
    q = search_filter(number="number", fields=("title", "organisation__name", "call__title"),
                      label=_("Number, title, organisation or call"))
    state = django_filters.ChoiceFilter(label=_("State"), empty_label=_("any"), choices=Offer.State.choices)
    # One organisation applies to many authorities on one installation: its offers to one of them.
    authority = django_filters.ModelChoiceFilter(
        label=_("Authority"), empty_label=_("any"), field_name="call__authority", to_field_name="slug",
        queryset=Authority.objects.filter(calls__isnull=False).distinct().only("slug", "name").order_by("name"))
