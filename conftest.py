"""Shared fixtures. In CI (CI=true) a test that needs a missing service fails; it never skips."""
import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API beside live_server

from tests_support.factories import (  # noqa: E402
    CallFactory,
    ClerkFactory,
    CommissionMemberFactory,
    MayorFactory,
    MembershipFactory,
    UserFactory,
)


@pytest.fixture
def clerk(db):
    return ClerkFactory()


@pytest.fixture
def mayor(db):
    return MayorFactory()


@pytest.fixture
def admin_user(db):
    return UserFactory(is_superuser=True, is_staff=True)


@pytest.fixture
def applicant(db):
    return MembershipFactory().user


@pytest.fixture
def commission_member(db):
    return CommissionMemberFactory().user


@pytest.fixture
def outsider(db):
    """Logged in, but with no role at all."""
    return UserFactory()


@pytest.fixture
def reference_call(db, clerk):
    """The Hajnówka 2019 call, imported from the demo document and published today."""
    from competition import services
    from demo.loader import reference_call_document

    call = services.call_import(document=reference_call_document(), by=clerk)
    return services.call_publish(call=call, by=clerk)


@pytest.fixture
def draft_call(db):
    return CallFactory()


ROLE_FIXTURES = ("anonymous", "outsider", "applicant", "commission_member", "clerk", "mayor", "admin_user")


@pytest.fixture
def as_role(client, request):
    """`as_role("clerk")` logs the test client in as that role ("anonymous" stays logged out)."""

    def login(role: str):
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        return client

    return login


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with empty caches (the memory one and the rendered pages' files): keys name
    a call by its pk and moments, which a test database that rolls back (and a frozen clock) can
    give to a different call in another test."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()
