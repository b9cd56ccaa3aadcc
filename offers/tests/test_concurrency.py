"""A double click, two tabs or two co-authors produce exactly one submitted version.

Needs PostgreSQL (row locks across real connections); in CI it must run, never skip.
"""
import os
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection

from offers import services
from offers.models import Offer, OfferEvent, OfferVersion
from tests_support.factories import MembershipFactory
from tests_support.offers import make_offer

ATTEMPTS = 20


def _require_postgres():
    if connection.vendor != "postgresql":
        if os.environ.get("CI") == "true":
            pytest.fail("The concurrency test needs PostgreSQL (DATABASE_URL) and must not be skipped in CI.")
        pytest.skip("needs PostgreSQL: set DATABASE_URL=postgres://…")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_submits_give_exactly_one_submission(reference_call):
    _require_postgres()
    member = MembershipFactory(organisation__legal_form="association")
    colleague = MembershipFactory(organisation=member.organisation).user
    offer = make_offer(call=reference_call, organisation=member.organisation, user=member.user)
    barrier = threading.Barrier(ATTEMPTS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def submit(i):
        try:
            barrier.wait()
            services.offer_submit(offer=Offer(pk=offer.pk, call_id=offer.call_id),
                                  by=member.user if i % 2 else colleague)
            result = "ok"
        except ValidationError:
            result = "refused"
        except Exception as exc:  # noqa: BLE001 - any other error is a failure of the test
            result = f"error: {exc!r}"
        finally:
            close_old_connections()
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=submit, args=(i,)) for i in range(ATTEMPTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)

    assert sorted(outcomes) == ["ok"] + ["refused"] * (ATTEMPTS - 1)
    assert OfferVersion.objects.filter(offer=offer).count() == 1
    assert OfferEvent.objects.filter(offer=offer, kind=OfferEvent.Kind.SUBMITTED).count() == 1
    assert Offer.objects.get(pk=offer.pk).state == Offer.State.SUBMITTED
