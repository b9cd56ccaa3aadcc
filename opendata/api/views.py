"""The read-only public API (Django REST framework): calls, their published results and grants.

Anyone may read it, with no account and no session (settings.REST_FRAMEWORK: no authentication);
it is throttled per client address, paginated where a list can grow, and open to cross-origin
GET (opendata.middleware). Only public data: drafts and unpublished results are 404.
"""
from django.http import Http404
from drf_spectacular.views import SpectacularSwaggerSplitView
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from opendata import formats, selectors, tables
from opendata.api import filters, serializers
from opendata.api.filters import MAX_ID
from organisations.models import Organisation

NOT_FOUND = OpenApiResponse(serializers.ErrorSerializer, description="No such public call, or nothing published.")
NO_PAGE = OpenApiResponse(serializers.ErrorSerializer, description="No such page of the list.")
BAD_FILTER = OpenApiResponse(description="A filter's value breaks its rule: {filter: [messages]}.")
THROTTLED = OpenApiResponse(serializers.ErrorSerializer, description="Too many requests; see Retry-After.")

# The filters' rules as the schema states them (django-filter's own description of its fields
# names no bounds): a client keeping to these gets no 400.
YEAR = {"type": "integer", "minimum": filters.FIRST_YEAR, "maximum": filters.LAST_YEAR}
TEXT = {"type": "string", "maxLength": filters.MAX_TEXT, "pattern": "^[^\\x00]*$"}  # no NUL: a 400 (Django refuses it)
SLUG = {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$", "maxLength": 80}
SLUG_OR_NOTHING = {**SLUG, "pattern": "^[-a-zA-Z0-9_]*$"}  # an empty filter is no filter
ID = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
CALL_PARAMETERS = [OpenApiParameter("year", YEAR, description="year of the announcement"),
                   OpenApiParameter("authority", TEXT, description="a part of the authority's name"),
                   OpenApiParameter("title", TEXT, description="a part of the call's title")]
GRANT_PARAMETERS = [OpenApiParameter("year", YEAR, description="year of the order deciding the call"),
                    OpenApiParameter("call", SLUG_OR_NOTHING, description="the call's identifier (slug)"),
                    OpenApiParameter("organisation", ID, description="an organisation's id, as the lead or a partner")]
SLUG_PATH = [OpenApiParameter("slug", SLUG, OpenApiParameter.PATH)]


@extend_schema_view(get=extend_schema(summary="Public calls", parameters=CALL_PARAMETERS, responses={200: serializers.CallSerializer(many=True),
                                                                       400: BAD_FILTER, 404: NO_PAGE, 429: THROTTLED}))
class CallList(generics.ListAPIView):
    serializer_class = serializers.CallSerializer
    filterset_class = filters.CallFilter

    def get_queryset(self):
        return selectors.calls_public()


@extend_schema_view(get=extend_schema(summary="A public call with its actions", parameters=SLUG_PATH,
                                      responses={200: serializers.CallDetailSerializer, 404: NOT_FOUND, 429: THROTTLED}))
class CallDetail(generics.RetrieveAPIView):
    serializer_class = serializers.CallDetailSerializer
    pagination_class = None
    filter_backends = []

    def get_object(self):
        call = selectors.calls_public().prefetch_related("actions").filter(slug=self.kwargs["slug"]).first()
        if call is None:
            raise Http404
        return call


class CallResults(APIView):
    @extend_schema(summary="The published results of a call", parameters=SLUG_PATH,
                   responses={200: serializers.ResultsSerializer, 404: NOT_FOUND, 429: THROTTLED})
    def get(self, request, slug):
        results = selectors.results_of(selectors.call_get(slug=slug))
        name, url = formats.licence()
        document = {**tables.results_document(results), "licence": name, "licence_url": url}
        return Response(serializers.ResultsSerializer(document).data)


@extend_schema_view(get=extend_schema(summary="Grants of the published results", parameters=GRANT_PARAMETERS,
                                      responses={200: serializers.GrantSerializer(many=True), 400: BAD_FILTER,
                                                 404: NO_PAGE, 429: THROTTLED}))
class GrantList(generics.ListAPIView):
    """Every grant of the calls whose results are published, oldest decision first; filter by
    call, year of the decision or organisation (as the lead or a partner)."""

    serializer_class = serializers.GrantSerializer
    filterset_class = filters.GrantFilter

    def get_queryset(self):
        return selectors.published_calls()

    def list(self, request, *args, **kwargs):
        filterset = filters.GrantFilter(request.query_params, queryset=self.get_queryset(), request=request)
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        organisation = filterset.form.cleaned_data.get("organisation")
        rows = [row for results in selectors.results_of_calls(filterset.qs) for row in tables.grant_rows(results)
                if organisation is None or int(organisation) in row["_organisations"]]
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class OrganisationGrants(APIView):
    @extend_schema(summary="Every published grant of an organisation (art. 15 of the Act)",
                   parameters=[OpenApiParameter("id", ID, OpenApiParameter.PATH)],
                   responses={200: serializers.OrganisationGrantsSerializer, 404: NOT_FOUND, 429: THROTTLED})
    def get(self, request, pk):
        """404 for an organisation with no published grant: the API names no other organisation."""
        if pk > MAX_ID:
            raise Http404
        calls = filters.GrantFilter({"organisation": pk}, queryset=selectors.published_calls()).qs
        rows = [row for results in selectors.results_of_calls(calls) for row in tables.grant_rows(results)
                if pk in row["_organisations"]]
        if not rows:
            raise Http404
        name = Organisation.objects.values_list("name", flat=True).get(pk=pk)
        document = {"organisation": pk, "name": name, "awarded": sum(row["awarded"] for row in rows), "grants": rows}
        return Response(serializers.OrganisationGrantsSerializer(document).data)


@extend_schema(exclude=True)
class NotFound(APIView):
    """Any other address under /api/: a JSON 404 like the API's own, not the portal's HTML page."""

    def get(self, request):
        raise Http404


class Documentation(SpectacularSwaggerSplitView):
    """Swagger UI from the portal's own static files (drf-spectacular-sidecar), its set-up script
    a file too (`?script=`), in a page with the portal's language and no inline style, so the
    Content-Security-Policy stays as strict as on every other page."""

    template_name = "opendata/api_docs.html"
    url_name = "opendata:api_schema"
