"""A world for the open-data tests, built once per test module through the services (as
reports/tests/test_results.py builds it) and flushed after the module:

- `published`: the reference call taken to a locked decision and published (offers 001–006 of
  reports.tests.test_results: a joint offer, ex aequo places, an offer below the minimum score,
  one with the money used up, one formally rejected), offer 002's title starting with "=";
- `unpublished`: a copy decided (decision locked) but with its results not published;
- `draft`: a draft call.
"""
from dataclasses import dataclass

import pytest
from django.core.management import call_command
from django.utils import timezone

FORMULA_TITLE = '=HYPERLINK("http://example.org/";"Kliknij")'


@dataclass
class World:
    published: object
    offers: list
    unpublished: object
    draft: object


def _reference(clerk, slug: str):
    from competition import services
    from demo.loader import reference_call_document

    document = {**reference_call_document(), "slug": slug}
    return services.call_publish(call=services.call_import(document=document, by=clerk), by=clerk)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    from offers.models import Offer
    from reports.tests.test_results import build
    from tests_support.factories import CallFactory, ClerkFactory, MayorFactory

    with django_db_blocker.unblock():
        try:
            clerk, mayor = ClerkFactory(), MayorFactory()
            published, offers = build(_reference(clerk, "konkurs-opublikowany"), clerk, mayor)
            Offer.objects.filter(pk=offers[1].pk).update(title=FORMULA_TITLE, updated_at=timezone.now())
            unpublished, _offers = build(_reference(clerk, "konkurs-bez-publikacji"), clerk, mayor, publish=False)
            yield World(published, [Offer.objects.get(pk=o.pk) for o in offers], unpublished, CallFactory())
        finally:
            call_command("flush", interactive=False, verbosity=0)
