"""A double click, two tabs or two co-authors produce exactly one submitted version; two
applicants of one call never wait for each other.

Needs PostgreSQL (row locks across real connections); in CI it must run, never skip.
"""
import threading
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection, transaction

from offers import services
from offers.models import Offer, OfferEvent, OfferVersion
from tests_support.factories import MembershipFactory
from tests_support.offers import make_offer
from tests_support.postgres import require_postgres

ATTEMPTS = 20



@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_submits_give_exactly_one_submission(reference_call):
    require_postgres()
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


# --- no lock shared between applicants ------------------------------------------------------------

WAIT = 5  # seconds: far more than a submit takes alone, far less than "waits for the other"


def _in_thread(work, done: threading.Event, outcome: dict):
    def run():
        try:
            outcome["result"] = work()
        except Exception as exc:  # noqa: BLE001 - reported by the test
            outcome["error"] = exc
        finally:
            close_old_connections()
            connection.close()
            done.set()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def _two_offers(call):
    first, second = (MembershipFactory(organisation__legal_form="association") for _ in range(2))
    return (make_offer(call=call, organisation=first.organisation, user=first.user), first.user,
            make_offer(call=call, organisation=second.organisation, user=second.user), second.user)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_submit_does_not_wait_for_an_autosave_of_another_offer_in_the_call(reference_call):
    require_postgres()
    offer_a, user_a, offer_b, user_b = _two_offers(reference_call)
    holding, release, a_done, b_done = (threading.Event() for _ in range(4))
    a_out, b_out = {}, {}

    def autosave_a():  # an autosave of A whose transaction stays open
        with transaction.atomic():
            services.offer_save_fields(offer=Offer(pk=offer_a.pk), by=user_a, revision=None, section="other",
                                       data={"other_information": "Piszę…"})
            holding.set()
            release.wait(30)

    a = _in_thread(autosave_a, a_done, a_out)
    try:
        assert holding.wait(WAIT), a_out
        b = _in_thread(lambda: services.offer_submit(offer=Offer(pk=offer_b.pk, call_id=offer_b.call_id), by=user_b),
                       b_done, b_out)
        assert b_done.wait(WAIT), "the submit of B waited for the autosave of A"
    finally:
        release.set()
        a.join(30)
    b.join(30)
    assert "error" not in a_out and "error" not in b_out, (a_out, b_out)
    assert Offer.objects.get(pk=offer_b.pk).number == "001"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_submits_to_one_call_do_not_wait_for_each_other_and_get_distinct_numbers(reference_call):
    require_postgres()
    offer_a, user_a, offer_b, user_b = _two_offers(reference_call)
    holding, release, a_done, b_done = (threading.Event() for _ in range(4))
    a_out, b_out = {}, {}
    snapshot = services.selectors.offer_snapshot

    def slow_snapshot(offer):  # A's submit stops mid-way (checked, not yet numbered) until released
        if offer.pk == offer_a.pk:
            holding.set()
            release.wait(30)
        return snapshot(offer)

    with mock.patch.object(services.selectors, "offer_snapshot", side_effect=slow_snapshot):
        a = _in_thread(lambda: services.offer_submit(offer=Offer(pk=offer_a.pk, call_id=offer_a.call_id), by=user_a),
                       a_done, a_out)
        try:
            assert holding.wait(WAIT), a_out
            b = _in_thread(lambda: services.offer_submit(offer=Offer(pk=offer_b.pk, call_id=offer_b.call_id),
                                                         by=user_b), b_done, b_out)
            assert b_done.wait(WAIT), "the submit of B waited for the submit of A"
        finally:
            release.set()
            a.join(30)
        b.join(30)
    assert "error" not in a_out and "error" not in b_out, (a_out, b_out)
    assert Offer.objects.get(pk=offer_b.pk).number == "001"
    assert Offer.objects.get(pk=offer_a.pk).number == "002"
    assert OfferVersion.objects.get(offer=offer_a).data["number"] == "002"
