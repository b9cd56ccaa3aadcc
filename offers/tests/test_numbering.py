"""Offer numbers 001, 002, … per call from the call's counter: unique, never reused, kept on resubmission."""
import importlib

from offers import services
from offers.models import Offer, OfferNumberCounter
from tests_support.factories import MembershipFactory
from tests_support.offers import make_offer


def _offer(call, submit=True):
    member = MembershipFactory(organisation__legal_form="association")
    return make_offer(call=call, organisation=member.organisation, user=member.user, submit=submit), member.user


def test_numbers_follow_the_calls_counter_and_a_resubmission_keeps_its_number(reference_call):
    first, user = _offer(reference_call)
    second, _ = _offer(reference_call)
    assert (Offer.objects.get(pk=first.pk).number, Offer.objects.get(pk=second.pk).number) == ("001", "002")
    services.offer_withdraw(offer=first, by=user)
    services.offer_submit(offer=Offer.objects.get(pk=first.pk), by=user)
    assert Offer.objects.get(pk=first.pk).number == "001"
    assert OfferNumberCounter.objects.get(call=reference_call).last_number == 2


def test_a_call_without_a_counter_continues_after_the_numbers_already_given(reference_call):
    given, _ = _offer(reference_call, submit=False)
    Offer.objects.filter(pk=given.pk).update(number="007")
    fresh, _ = _offer(reference_call)
    assert Offer.objects.get(pk=fresh.pk).number == "008"


def test_the_migration_starts_counters_from_the_highest_number_given():
    migration = importlib.import_module("offers.migrations.0010_offer_number_counter")
    assert migration.numbers_given(["001", "003", ""]) == 3
    assert migration.numbers_given(["A/1", "A/2"]) == 2
    assert migration.numbers_given([]) == 0
