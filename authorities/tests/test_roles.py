"""Roles per authority: the checks on an object, the writes with their history, the officials' page."""
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.permissions import AUTHORITY_ADMIN, CLERK, DECIDER, authority_ids, is_clerk, scoped
from authorities import services
from authorities.models import Authority, AuthorityRole
from authorities.permissions import (
    authority_id_of,
    is_authority_admin_of,
    is_clerk_of,
    is_decider_of,
    is_office_of,
    is_official_of,
)
from tests_support.factories import AuthorityFactory, CallFactory, UserFactory, county_board, wojt

pytestmark = pytest.mark.django_db


@pytest.fixture
def town():
    return AuthorityFactory()


@pytest.fixture
def other():
    return wojt()


def _official(authority, *roles):
    user = UserFactory()
    for role in roles:
        services.role_grant(authority=authority, user=user, role=role)
    return user


@pytest.mark.parametrize("role", [CLERK, DECIDER, AUTHORITY_ADMIN])
def test_a_role_counts_at_its_own_authority_only(town, other, role):
    user = _official(town, role)
    checks = {CLERK: is_clerk_of, DECIDER: is_decider_of, AUTHORITY_ADMIN: is_authority_admin_of}
    assert checks[role](user, town)
    assert not checks[role](user, other)
    assert is_official_of(user, town) and not is_official_of(user, other)
    for name, check in checks.items():
        if name != role:
            assert not check(user, town)


def test_a_call_and_its_offers_lead_to_the_call_s_authority(town, other):
    call = CallFactory(authority=other)
    clerk = _official(other, CLERK)
    assert authority_id_of(call) == other.pk
    assert is_clerk_of(clerk, call) and is_office_of(clerk, call)
    assert not is_clerk_of(_official(town, CLERK, DECIDER, AUTHORITY_ADMIN), call)


def test_the_installation_s_administrator_holds_every_role_everywhere(town, other):
    admin = UserFactory(is_superuser=True)
    assert all(check(admin, a) for check in (is_clerk_of, is_decider_of, is_authority_admin_of) for a in (town, other))
    assert scoped(Authority.objects.all(), admin, "pk", CLERK).count() == 2


def test_an_inactive_official_holds_nothing(town):
    user = _official(town, CLERK)
    user.is_active = False
    user.save()
    assert not is_clerk_of(user, town) and not is_clerk(user)


def test_lists_keep_to_the_user_s_authorities(town, other):
    user = _official(town, CLERK)
    county = county_board()
    services.role_grant(authority=county, user=user, role=DECIDER)
    assert authority_ids(user, CLERK) == {town.pk}
    assert set(scoped(Authority.objects.all(), user, "pk", CLERK, DECIDER)) == {town, county}
    assert not scoped(Authority.objects.all(), UserFactory(), "pk", CLERK).exists()


def test_grant_is_once_and_recorded_with_who(town):
    admin = _official(town, AUTHORITY_ADMIN)
    user = UserFactory()
    first = services.role_grant(authority=town, user=user, role=CLERK, by=admin)
    again = services.role_grant(authority=town, user=user, role=CLERK, by=admin)
    assert first.pk == again.pk and first.granted_by == admin
    assert AuthorityRole.history.filter(authority_id=town.pk, user_id=user.pk, history_type="+").get().history_user == admin
    assert is_clerk_of(user, town)


def test_revoke_is_recorded_and_takes_effect_at_once(town):
    admin = _official(town, AUTHORITY_ADMIN)
    user = _official(town, CLERK)
    assert is_clerk_of(user, town)
    services.role_revoke(role=user.authority_roles.get(), by=admin)
    assert not is_clerk_of(type(user).objects.get(pk=user.pk), town)  # the next request's user
    assert AuthorityRole.history.filter(user_id=user.pk, history_type="-").get().history_user == admin


def test_the_last_administrator_of_the_officials_stays(town):
    admin = _official(town, AUTHORITY_ADMIN)
    with pytest.raises(ValidationError, match="co najmniej jednego administratora"):
        services.role_revoke(role=admin.authority_roles.get(), by=admin)
    services.role_revoke(role=admin.authority_roles.get(), by=UserFactory(is_superuser=True))
    assert not AuthorityRole.objects.exists()


def test_grant_by_email_needs_an_account_and_a_new_role(town):
    admin = _official(town, AUTHORITY_ADMIN)
    with pytest.raises(ValidationError) as no_account:
        services.role_grant_by_email(authority=town, email="nikt@example.org", role=CLERK, by=admin)
    assert "email" in no_account.value.message_dict
    user = UserFactory(email="Jan.Kowalski@example.org")
    services.role_grant_by_email(authority=town, email=" jan.kowalski@example.org ", role=CLERK, by=admin)
    with pytest.raises(ValidationError) as twice:
        services.role_grant_by_email(authority=town, email=user.email, role=CLERK, by=admin)
    assert "role" in twice.value.message_dict


# --- the officials' page ---------------------------------------------------------------------------


def _page(authority):
    return reverse("authorities:official_list", kwargs={"slug": authority.slug})


def test_the_authority_s_administrator_lists_adds_and_removes_officials(client, town):
    admin = _official(town, AUTHORITY_ADMIN)
    newcomer = UserFactory(email="nowa@example.org", full_name="Nowa Urzędniczka")
    client.force_login(admin)
    assert client.get(_page(town)).status_code == 200
    response = client.post(_page(town), {"email": "nowa@example.org", "role": CLERK}, follow=True)
    assert is_clerk_of(newcomer, town)
    assert "Nowa Urzędniczka" in response.content.decode()
    role = newcomer.authority_roles.get()
    client.post(reverse("authorities:official_remove", kwargs={"slug": town.slug, "pk": role.pk}))
    assert not AuthorityRole.objects.filter(pk=role.pk).exists()


def test_a_bad_e_mail_is_named_and_kept(client, town):
    client.force_login(_official(town, AUTHORITY_ADMIN))
    response = client.post(_page(town), {"email": "ktos@example.org", "role": CLERK})
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="ktos@example.org"' in body
    assert 'id="error-summary"' in body


@pytest.mark.parametrize("roles", [(CLERK, DECIDER), ()])
def test_nobody_else_sees_an_authority_s_officials(client, town, other, roles):
    client.force_login(_official(town, *roles) if roles else UserFactory())
    assert client.get(_page(town)).status_code == 404
    client.force_login(_official(other, AUTHORITY_ADMIN))  # another authority's administrator
    assert client.get(_page(town)).status_code == 404
    role = AuthorityRole.objects.create(authority=town, user=UserFactory(), role=CLERK)
    url = reverse("authorities:official_remove", kwargs={"slug": town.slug, "pk": role.pk})
    assert client.post(url).status_code == 404
    assert AuthorityRole.objects.filter(pk=role.pk).exists()
