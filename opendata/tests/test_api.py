"""The read-only public API: only public data, 404 for anything unpublished, 400 for a malformed
filter, page sizes capped, throttled, open to cross-origin GET; and schemathesis run against
the OpenAPI schema: no server error and every response as the schema says."""
import json

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import override_settings
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings

from opendata.api.filters import MAX_ID
from reports import selectors_results

pytestmark = pytest.mark.django_db


def _json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code, response.content[:300])
    return response.json()


def test_the_list_of_calls_holds_public_calls_only(client, world):
    slugs = {call["slug"] for call in _json(client, "/api/calls/")["results"]}
    assert {world.published.slug, world.unpublished.slug} <= slugs
    assert world.draft.slug not in slugs


def test_a_draft_call_and_an_unknown_slug_are_404(client, world):
    for slug in (world.draft.slug, "nie-ma-takiego"):
        _json(client, f"/api/calls/{slug}/", 404)
        _json(client, f"/api/calls/{slug}/results/", 404)


def test_results_are_404_until_published_and_no_decision_is_shown_before(client, world):
    _json(client, f"/api/calls/{world.unpublished.slug}/results/", 404)
    detail = _json(client, f"/api/calls/{world.unpublished.slug}/")
    assert detail["decision"] is None and detail["results"] is None
    grants = _json(client, "/api/grants/?page_size=200")["results"]
    assert grants and {g["call"] for g in grants} == {world.published.slug}


def test_the_published_results_are_those_of_the_public_page(client, world):
    document = _json(client, f"/api/calls/{world.published.slug}/results/")
    results = selectors_results.results_get(world.published)
    assert document["decision"] == {"order_number": "Zarządzenie nr 150/2019", "order_date": "2019-06-14"}
    assert document["awarded"] == float(results.awarded_total) == 18100.0
    assert [r["offer_number"] for r in document["ranking"]] == [r.offer.number for r in results.ranking]
    assert [(r["position"], r["ex_aequo"]) for r in document["ranking"][:2]] == [(1, True), (1, True)]
    assert [r["offer_number"] for r in document["rejected"]] == ["005"]
    assert document["rejected"][0]["failed"][0]["reason"].startswith("Oferent nie jest podmiotem uprawnionym")
    assert document["licence"] == "CC0 1.0 / dane publiczne"
    assert "email" not in str(document) and "@" not in str(document)


def test_grants_per_organisation_lead_or_partner(client, world):
    joint = world.offers[0]
    partner = joint.partners.get().organisation
    for organisation in (joint.organisation, partner):
        document = _json(client, f"/api/organisations/{organisation.pk}/grants/")
        assert document["name"] == organisation.name
        assert {g["offer_number"] for g in document["grants"]} == {"001"}
        assert document["awarded"] == 8100.0
        listed = _json(client, f"/api/grants/?organisation={organisation.pk}")["results"]
        assert [g["action"] for g in listed] == ["A", "D"]


def test_an_organisation_without_a_published_grant_is_404(client, world):
    unfunded = world.offers[2].organisation  # 003: below the minimum score
    _json(client, f"/api/organisations/{unfunded.pk}/grants/", 404)
    _json(client, f"/api/organisations/{MAX_ID + 1}/grants/", 404)
    _json(client, f"/api/organisations/{10**30}/grants/", 404)


@pytest.mark.parametrize("query, field", [
    ("year=abc", "year"), ("year=1800", "year"), ("year=99999999999999999999999", "year"),
    ("state=draft", "state"), ("results_published=perhaps", "results_published"), ("title=" + "x" * 101, "title"),
])
def test_a_malformed_filter_of_calls_is_400_naming_the_filter(client, world, query, field):
    errors = _json(client, f"/api/calls/?{query}", 400)
    assert list(errors) == [field] and errors[field][0]


@pytest.mark.parametrize("query", ["organisation=-1", "organisation=1.5", f"organisation={MAX_ID + 1}", "year=x",
                                   "call=ko%C5%82o"])
def test_a_malformed_filter_of_grants_is_400(client, world, query):
    _json(client, f"/api/grants/?{query}", 400)


def test_filters_select_calls(client, world):
    published = _json(client, "/api/calls/?results_published=true")["results"]
    assert [c["slug"] for c in published] == [world.published.slug]
    assert _json(client, "/api/grants/?year=2018")["count"] == 0
    assert _json(client, f"/api/grants/?year=2019&call={world.published.slug}")["count"] == 6


@override_settings(OPEN_DATA_MAX_PAGE_SIZE=3, OPEN_DATA_PAGE_SIZE=2)
def test_page_sizes_are_capped(client, world):
    assert len(_json(client, "/api/grants/")["results"]) == 2
    page = _json(client, "/api/grants/?page_size=1000000")
    assert len(page["results"]) == 3 and page["count"] == 6 and page["next"]
    _json(client, "/api/grants/?page=999", 404)


@override_settings(OPEN_DATA_THROTTLE="3/minute")
def test_a_client_asking_too_often_is_told_to_wait(client, world):
    cache.clear()
    try:
        for _ in range(3):
            _json(client, "/api/calls/")
        response = client.get("/api/calls/")
        assert response.status_code == 429 and int(response["Retry-After"]) > 0
    finally:
        cache.clear()


def test_cross_origin_get_is_allowed_without_credentials(client, world):
    response = client.get("/api/calls/", headers={"Origin": "https://dane.example.org"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    preflight = client.options("/api/calls/", headers={"Origin": "https://dane.example.org",
                                                        "Access-Control-Request-Method": "GET"})
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "Access-Control-Allow-Origin" not in client.get("/")  # the portal's own pages are not opened


def test_the_api_refuses_writes(client, world):
    assert client.post("/api/calls/", {}).status_code == 405
    assert client.delete(f"/api/calls/{world.published.slug}/").status_code == 405


def test_the_schema_and_its_documentation_page_answer_with_local_assets(client, world):
    schema = client.get("/api/schema/?format=json").json()
    assert {"/api/calls/", "/api/calls/{slug}/", "/api/calls/{slug}/results/", "/api/grants/",
            "/api/organisations/{id}/grants/"} <= set(schema["paths"])
    assert schema["info"]["license"]["name"] == "CC0 1.0 / dane publiczne"
    page = client.get("/api/docs/").content.decode()
    assert "swagger-ui" in page and "cdn" not in page.lower() and "https://" not in page
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200 and b"SwaggerUIBundle" in script.content


# --- schemathesis ----------------------------------------------------------------------------------------


def _openapi() -> dict:
    """The schema as /api/schema/ serves it, generated without a request (at collection, before
    any database exists), for schemathesis to send its cases to the portal's WSGI application."""
    document = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(document, renderer_context={}))


schema = schemathesis.openapi.from_dict(_openapi())
schema.app = get_wsgi_application()


@pytest.fixture
def connection_kept():
    """The WSGI handler closes the database connection at the end of each request, which ends the
    test's transaction on PostgreSQL; Django's test client stops the same signal (ClientHandler)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_every_operation_answers_as_the_schema_says(case, world, connection_kept):
    case.call_and_validate()


def test_the_real_results_match_the_schema(world, connection_kept):
    """Random slugs mostly find nothing: the published call's own answers are checked too."""
    for path, parameters in (("/api/calls/{slug}/", {"slug": world.published.slug}),
                             ("/api/calls/{slug}/results/", {"slug": world.published.slug}),
                             ("/api/organisations/{id}/grants/", {"id": world.offers[0].organisation_id})):
        case = schema[path]["GET"].Case(path_parameters=parameters)
        response = case.call_and_validate()
        assert response.status_code == 200


@pytest.mark.parametrize("query", ["page_size=0", "page_size=abc", "page_size=-5", "page_size=1&page_size=2"])
def test_a_malformed_page_size_is_400_in_polish(client, world, query):
    assert _json(client, f"/api/grants/?{query}", 400)["page_size"][0].startswith("Podaj rozmiar strony")


def test_any_other_api_address_is_a_json_404(client, world):
    assert _json(client, "/api/organisations/abc/grants/", 404)["detail"]
    assert _json(client, "/api/nic/", 404)["detail"]


def test_the_published_calls_query_agrees_with_the_results_pages_rule(world):
    from django.http import Http404

    from competition.models import Call
    from opendata import selectors

    listed = set(selectors.published_calls().values_list("pk", flat=True))
    for call in Call.objects.select_related("decision"):
        try:
            selectors_results.decision_published(call)
            public = call.state != Call.State.DRAFT
        except Http404:
            public = False
        assert (call.pk in listed) is public, call.slug
    assert listed == {world.published.pk}
