"""The deadline is judged at the moment the request reached the portal, not when a worker got to it."""
from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.urls import reverse

from offers.models import Offer, OfferVersion
from offers.views import detail, steps
from tests_support.factories import MembershipFactory
from tests_support.offers import make_offer


@pytest.fixture
def member(db):
    return MembershipFactory(organisation__legal_form="association")


@pytest.fixture
def offer(reference_call, member):
    return make_offer(call=reference_call, organisation=member.organisation, user=member.user)


def _late_worker(module, traveller, when):
    """The request waits in the queue: by the time the view reads the offer, the clock is at `when`."""
    original = module.selectors.offer_get_for_user

    def read(**kwargs):
        traveller.move_to(when)
        return original(**kwargs)

    return mock.patch.object(module.selectors, "offer_get_for_user", side_effect=read)


def test_a_submit_that_arrived_before_the_deadline_is_accepted_when_processed_after_it(client, member, offer):
    deadline = offer.call.submission_deadline
    with time_machine.travel(deadline - timedelta(seconds=1), tick=False) as traveller:
        client.force_login(member.user)
        with _late_worker(detail, traveller, deadline + timedelta(seconds=20)):
            response = client.post(reverse("offers:offer_submit", kwargs={"pk": offer.pk}))
    assert response.status_code == 302
    version = OfferVersion.objects.get(offer=offer)
    assert version.submitted_at == deadline - timedelta(seconds=1)
    assert Offer.objects.get(pk=offer.pk).state == Offer.State.SUBMITTED


def test_a_submit_that_arrived_after_the_deadline_is_refused(client, member, offer):
    deadline = offer.call.submission_deadline
    with time_machine.travel(deadline + timedelta(seconds=1), tick=False):
        client.force_login(member.user)
        response = client.post(reverse("offers:offer_submit", kwargs={"pk": offer.pk}))
    assert response.status_code == 200 and response.context["submit_errors"]
    assert not OfferVersion.objects.exists()


def test_an_autosave_that_arrived_before_the_deadline_is_saved_when_processed_after_it(client, member, offer):
    deadline = offer.call.submission_deadline
    url = reverse("offers:offer_step", kwargs={"pk": offer.pk, "section": "other"})
    with time_machine.travel(deadline - timedelta(seconds=1), tick=False) as traveller:
        client.force_login(member.user)
        data = {"revision": offer.revision, "other_information": "W ostatniej sekundzie"}
        with _late_worker(steps, traveller, deadline + timedelta(seconds=20)):
            response = client.post(url, data, HTTP_X_AUTOSAVE="1")
    assert response.status_code == 200, response.content
    assert Offer.objects.get(pk=offer.pk).other_information == "W ostatniej sekundzie"


def test_a_trusted_proxys_arrival_header_counts(client, member, offer, settings):
    settings.REQUEST_START_HEADER = "X-Request-Start"
    deadline = offer.call.submission_deadline
    arrived = deadline - timedelta(seconds=2)
    with time_machine.travel(deadline + timedelta(seconds=10), tick=False):
        client.force_login(member.user)
        response = client.post(reverse("offers:offer_submit", kwargs={"pk": offer.pk}),
                               HTTP_X_REQUEST_START=f"t={int(arrived.timestamp() * 1_000_000)}")
    assert response.status_code == 302
    assert OfferVersion.objects.get(offer=offer).submitted_at == arrived


def test_the_arrival_header_is_ignored_unless_configured(client, member, offer, settings):
    settings.REQUEST_START_HEADER = ""
    deadline = offer.call.submission_deadline
    with time_machine.travel(deadline + timedelta(seconds=10), tick=False):
        client.force_login(member.user)
        forged = deadline - timedelta(seconds=2)
        response = client.post(reverse("offers:offer_submit", kwargs={"pk": offer.pk}),
                               HTTP_X_REQUEST_START=f"t={int(forged.timestamp() * 1_000_000)}")
    assert response.status_code == 200 and response.context["submit_errors"]
    assert not OfferVersion.objects.exists()
