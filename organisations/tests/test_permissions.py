import pytest
from django.contrib.auth.models import AnonymousUser

from organisations.permissions import can_act_for
from tests_support.factories import ClerkFactory, MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_member_acts_for_own_organisation_only():
    membership = MembershipFactory()
    other = OrganisationFactory()
    assert can_act_for(membership.user, membership.organisation)
    assert not can_act_for(membership.user, other)


def test_clerk_does_not_act_for_an_organisation():
    org = OrganisationFactory()
    assert not can_act_for(ClerkFactory(), org)
    assert not can_act_for(AnonymousUser(), org)


def test_inactive_member_cannot_act():
    membership = MembershipFactory(user=UserFactory(is_active=False))
    assert not can_act_for(membership.user, membership.organisation)
