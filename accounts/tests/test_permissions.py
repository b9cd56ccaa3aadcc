import pytest

from accounts import permissions
from tests_support.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("flags", "clerk", "mayor", "admin"),
    [
        ({}, False, False, False),
        ({"is_clerk": True}, True, False, False),
        ({"is_mayor": True}, False, True, False),
        ({"is_superuser": True}, True, True, True),
        ({"is_clerk": True, "is_active": False}, False, False, False),
    ],
)
def test_global_roles(flags, clerk, mayor, admin):
    user = UserFactory(**flags)
    assert permissions.is_clerk(user) is clerk
    assert permissions.is_mayor(user) is mayor
    assert permissions.is_administrator(user) is admin


def test_applicant_is_a_member_of_an_organisation(applicant, outsider):
    assert permissions.is_applicant(applicant)
    assert not permissions.is_applicant(outsider)


def test_anonymous_has_no_role():
    from django.contrib.auth.models import AnonymousUser

    assert permissions.role_labels(AnonymousUser()) == []
    assert not permissions.is_clerk(AnonymousUser())
