"""The outbox log's search, filters and sorts (core/listing.py)."""
import django_filters
from django.utils.translation import gettext_lazy as _

from core.listing import Sort, search_filter
from notifications.models import Message

SORTS = [
    Sort("kind", _("kind"), ("kind", "pk")),
    Sort("email", _("recipient"), ("email", "pk")),
    Sort("due", _("due"), ("due_at", "pk")),
    Sort("state", _("state"), ("state", "pk")),
]
DEFAULT_SORT = "-due"


class OutboxFilter(django_filters.FilterSet):
    q = search_filter(fields=("email", "object_key", "subject"), label=_("Recipient, subject or object"))
    state = django_filters.ChoiceFilter(label=_("State"), empty_label=_("all"), choices=Message.State.choices)
    kind = django_filters.ChoiceFilter(label=_("Kind"), empty_label=_("all"), choices=Message.Kind.choices)
