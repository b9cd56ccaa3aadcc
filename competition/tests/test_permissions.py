import pytest
from django.contrib.auth.models import AnonymousUser

from competition.models import CommissionMember
from competition.permissions import can_manage_calls, commission_role
from tests_support.factories import CallFactory, ClerkFactory, CommissionMemberFactory, MayorFactory, UserFactory, wojt

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("make", "allowed"),
    [(UserFactory, False), (ClerkFactory, True), (MayorFactory, False),
     (lambda: UserFactory(is_superuser=True), True)],
)
def test_only_the_call_s_clerks_and_administrators_manage_it(make, allowed):
    assert can_manage_calls(make(), CallFactory()) is allowed


def test_another_authority_s_clerk_does_not_manage_the_call():
    call = CallFactory(authority=wojt())
    assert not can_manage_calls(ClerkFactory(), call)
    assert can_manage_calls(ClerkFactory(authorities=[call.authority]), call)


def test_anonymous_cannot_manage_calls():
    assert not can_manage_calls(AnonymousUser(), CallFactory())


@pytest.mark.parametrize("role", [CommissionMember.Role.MEMBER, CommissionMember.Role.CHAIR, CommissionMember.Role.SECRETARY])
def test_commission_role_is_per_call(role):
    seat = CommissionMemberFactory(role=role)
    other_call = CallFactory(published=True)
    assert commission_role(seat.user, seat.call) == role
    assert commission_role(seat.user, other_call) is None
    assert commission_role(AnonymousUser(), seat.call) is None
