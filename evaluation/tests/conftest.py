from datetime import timedelta

import pytest
from django.utils import timezone

from competition import services as call_services
from competition.models import Call
from offers.models import Offer
from tests_support.factories import ClerkFactory, MembershipFactory, OrganisationFactory
from tests_support.offers import make_offer


@pytest.fixture
def second_clerk(db):
    return ClerkFactory()


@pytest.fixture
def formal_call(reference_call, clerk):
    """The reference call with three submitted offers (one joint), a draft, and submissions closed."""
    lead = MembershipFactory(organisation__legal_form="association")
    other = MembershipFactory(organisation__legal_form="foundation")
    third = MembershipFactory(organisation__legal_form="social_cooperative")
    partner = OrganisationFactory(legal_form="foundation", with_member=True)
    make_offer(call=reference_call, organisation=lead.organisation, user=lead.user, partners=[partner], submit=True)
    make_offer(call=reference_call, organisation=other.organisation, user=other.user, codes=("B", "C"), submit=True)
    make_offer(call=reference_call, organisation=third.organisation, user=third.user, submit=True)
    make_offer(call=reference_call, organisation=third.organisation, user=third.user)  # a draft: not checked
    Call.objects.filter(pk=reference_call.pk).update(
        submission_deadline=timezone.now(),  # every offer above was submitted before this moment
        confirmation_deadline=timezone.now() + timedelta(days=1),
    )
    call = Call.objects.get(pk=reference_call.pk)
    return call_services.call_transition(call=call, to=Call.State.SUBMISSION_CLOSED, by=clerk)


@pytest.fixture
def submitted_offers(formal_call):
    return list(Offer.objects.filter(call=formal_call, state=Offer.State.SUBMITTED).order_by("number"))
