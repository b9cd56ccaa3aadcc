"""The floor of the page benchmark: the cheapest Django page that serves the same list as the
clerk's offer list of the big call, 1 000 rows, in one query and a minimal template (no base
template, no context processors, no per-row logic). Mounted only by `bench/settings.py` in
front of the portal's own URLs; not part of the product."""
from django.http import HttpResponse
from django.template import engines
from django.urls import include, path

from offers.models import Offer

TEMPLATE = engines["django"].from_string(
    '<!DOCTYPE html><html lang="pl"><head><meta charset="utf-8"><title>Oferty</title></head><body>'
    "<table><thead><tr><th>Nr</th><th>Tytuł zadania</th><th>Oferent</th><th>Stan</th></tr></thead><tbody>"
    "{% for offer in offers %}<tr><td>{{ offer.number }}</td><td>{{ offer.title }}</td>"
    "<td>{{ offer.organisation.name }}</td><td>{{ offer.state }}</td></tr>{% endfor %}"
    "</tbody></table></body></html>"
)


def floor(request, slug):
    offers = (Offer.objects.filter(call__slug=slug).exclude(number="").select_related("organisation")
              .only("number", "title", "state", "organisation__name").order_by("number"))
    return HttpResponse(TEMPLATE.render({"offers": offers}))


urlpatterns = [
    path("bench/floor/<slug:slug>/", floor),
    path("", include("config.urls")),
]
