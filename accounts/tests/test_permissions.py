import pytest

from accounts import permissions
from tests_support.factories import ClerkFactory, MayorFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("factory", "flags", "clerk", "mayor", "admin"),
    [
        (UserFactory, {}, False, False, False),
        (ClerkFactory, {}, True, False, False),
        (MayorFactory, {}, False, True, False),
        (UserFactory, {"is_superuser": True}, True, True, True),
        (ClerkFactory, {"is_active": False}, False, False, False),
        # the old global flags grant nothing any more: roles are held per authority
        (UserFactory, {"is_clerk": True, "is_mayor": True}, False, False, False),
    ],
)
def test_roles_at_any_authority(factory, flags, clerk, mayor, admin):
    user = factory(**flags)
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
