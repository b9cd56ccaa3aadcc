import pytest
from django.contrib.auth.models import AnonymousUser

from competition.models import CommissionMember
from competition.permissions import can_manage_calls, commission_role
from tests_support.factories import CallFactory, CommissionMemberFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("flags", "allowed"),
    [({}, False), ({"is_clerk": True}, True), ({"is_mayor": True}, False), ({"is_superuser": True}, True)],
)
def test_only_clerks_and_administrators_manage_calls(flags, allowed):
    assert can_manage_calls(UserFactory(**flags)) is allowed


def test_anonymous_cannot_manage_calls():
    assert not can_manage_calls(AnonymousUser())


@pytest.mark.parametrize("role", [CommissionMember.Role.MEMBER, CommissionMember.Role.CHAIR, CommissionMember.Role.SECRETARY])
def test_commission_role_is_per_call(role):
    seat = CommissionMemberFactory(role=role)
    other_call = CallFactory(published=True)
    assert commission_role(seat.user, seat.call) == role
    assert commission_role(seat.user, other_call) is None
    assert commission_role(AnonymousUser(), seat.call) is None
