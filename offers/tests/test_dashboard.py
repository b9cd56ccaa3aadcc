"""The applicant's dashboard: my organisations, my offers by call, what blocks each draft."""
import pytest
from django.urls import reverse

from offers import selectors_dashboard, services
from tests_support.factories import CallFactory, MembershipFactory
from tests_support.offers import make_offer

URL = "/my/"


@pytest.fixture
def member(db):
    return MembershipFactory(organisation__legal_form="association", organisation__name="Stowarzyszenie Żurawie")


def test_anonymous_is_sent_to_log_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_dashboard_is_named_offers_dashboard(db):
    assert reverse("offers_dashboard") == URL


def test_shows_my_offers_and_not_others(client, reference_call, member):
    mine = make_offer(call=reference_call, organisation=member.organisation, user=member.user, submit=True)
    other = MembershipFactory(organisation__legal_form="association")
    services.offer_create(call=reference_call, organisation=other.organisation, by=other.user, title="Cudza oferta")
    client.force_login(member.user)

    page = client.get(URL).content.decode()

    assert "Razem w Hajnówce" in page
    assert "Cudza oferta" not in page
    assert "Stowarzyszenie Żurawie" in page
    assert reference_call.title in page
    version = mine.versions.get()
    assert version.short_checksum in page  # the latest version's control sum
    assert f"/offers/{mine.pk}/versions/1/confirmation.pdf" in page
    assert f"/offers/{mine.pk}/" in page
    assert 'class="countdown"' in page  # the reference call is open: its deadline counts down


def test_partner_sees_the_joint_offer(client, reference_call, member):
    partner = MembershipFactory(organisation__legal_form="foundation")
    make_offer(call=reference_call, organisation=member.organisation, user=member.user,
               partners=[partner.organisation])
    client.force_login(partner.user)
    assert "Razem w Hajnówce" in client.get(URL).content.decode()


def test_counts_the_problems_blocking_each_draft(client, reference_call, member):
    services.offer_create(call=reference_call, organisation=member.organisation, by=member.user, title="Szkic")
    make_offer(call=reference_call, organisation=member.organisation, user=member.user)
    client.force_login(member.user)

    groups = selectors_dashboard.dashboard_offers(user=member.user)

    [group] = groups
    counts = {row.offer.title: row.problem_count for row in group.rows}
    assert counts["Razem w Hajnówce"] == 0
    assert counts["Szkic"] > 5  # texts, dates, actions, schedule, statements…
    page = client.get(URL).content.decode()
    assert f"{counts['Szkic']} " in page


def test_submitted_offer_has_no_problem_count(reference_call, member):
    make_offer(call=reference_call, organisation=member.organisation, user=member.user, submit=True)
    [group] = selectors_dashboard.dashboard_offers(user=member.user)
    assert group.rows[0].problem_count is None
    assert group.rows[0].latest_version.number == 1


def test_offers_are_grouped_by_call(reference_call, member):
    other_call = CallFactory(published=True, eligible_entity_types=["association"])
    make_offer(call=reference_call, organisation=member.organisation, user=member.user)
    services.offer_create(call=other_call, organisation=member.organisation, by=member.user, title="Druga")

    groups = selectors_dashboard.dashboard_offers(user=member.user)

    assert {g.call.pk for g in groups} == {reference_call.pk, other_call.pk}
    assert all(len(g.rows) == 1 for g in groups)


def test_query_count_does_not_grow_with_offers(client, reference_call, member, django_assert_max_num_queries):
    for _ in range(4):
        make_offer(call=reference_call, organisation=member.organisation, user=member.user)
    client.force_login(member.user)
    with django_assert_max_num_queries(40):
        assert client.get(URL).status_code == 200


def test_user_without_organisation_is_invited_to_register_one(client, outsider):
    client.force_login(outsider)
    page = client.get(URL).content.decode()
    assert reverse("offers:organisation_create") in page
