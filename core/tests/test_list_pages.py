"""Each list page through the test client: search, filters, sorting, paging and bad parameters.

The formal-check list has its own module (evaluation/tests/test_formal_list.py), the outbox its
tests in notifications/tests/test_views.py; the helper's rules are in test_listing.py.
"""
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from competition.models import Call
from offers.models import Offer
from tests_support.factories import CallFactory, MembershipFactory
from tests_support.merit import declare_all, merit_call
from tests_support.offers import make_offer

pytestmark = pytest.mark.django_db
BAD = {"state": "nonsense", "sort": "password", "page": "abc", "phase": "x", "declaration": "x", "contract": "x"}


# --- public list of calls --------------------------------------------------------------------------


@pytest.fixture
def calls(db):
    now = timezone.now()
    CallFactory(published=True, title="Konkurs na sport", submission_deadline=now + timedelta(days=9))
    CallFactory(published=True, title="Konkurs na kulturę", submission_deadline=now - timedelta(days=2))
    CallFactory(published=True, title="Konkurs na seniorów", submission_deadline=now + timedelta(days=20),
                submission_start=now + timedelta(days=5))


def _titles(client, **params) -> list[str]:
    response = client.get(reverse("competition:call_list"), params)
    assert response.status_code == 200
    return [c.title for c in response.context["listing"].rows]


def test_the_public_finds_calls_by_title_and_stage(client, calls):
    assert _titles(client) == ["Konkurs na sport", "Konkurs na seniorów", "Konkurs na kulturę"]  # open, soon, closed
    assert _titles(client, q="SPORT") == ["Konkurs na sport"]
    assert _titles(client, phase="closed") == ["Konkurs na kulturę"]
    assert _titles(client, phase="upcoming") == ["Konkurs na seniorów"]
    assert _titles(client, sort="title") == ["Konkurs na kulturę", "Konkurs na seniorów", "Konkurs na sport"]
    body = client.get(reverse("competition:call_list"), {"phase": "closed"}).content.decode()
    assert 'id="calls-open"' not in body and 'id="calls-closed"' in body  # filtered: only sections with calls


def test_the_call_list_pages_and_ignores_bad_parameters(client, calls, monkeypatch):
    monkeypatch.setattr("core.listing.PER_PAGE", 2)
    assert _titles(client, page="2") == ["Konkurs na kulturę"]
    assert _titles(client, page="50") == ["Konkurs na kulturę"]
    response = client.get(reverse("competition:call_list"), BAD)
    assert response.status_code == 200 and len(response.context["listing"].rows) == 2
    assert "Ten filtr został pominięty." in response.content.decode()


# --- My offers ----------------------------------------------------------------------------------------


@pytest.fixture
def my_offers(reference_call):
    membership = MembershipFactory(organisation__legal_form="association")
    draft = make_offer(call=reference_call, organisation=membership.organisation, user=membership.user)
    Offer.objects.filter(pk=draft.pk).update(title="Letnie warsztaty")
    submitted = make_offer(call=reference_call, organisation=membership.organisation, user=membership.user,
                           submit=True)
    other = MembershipFactory(organisation__legal_form="association")
    make_offer(call=reference_call, organisation=other.organisation, user=other.user, submit=True)  # not theirs
    return membership.user, draft, Offer.objects.get(pk=submitted.pk)


def _offer_pks(client, **params) -> list[int]:
    response = client.get(reverse("offers:offer_list"), params)
    assert response.status_code == 200
    return [o.pk for o in response.context["listing"].rows]


def test_my_offers_search_filter_sort_and_page(client, my_offers, monkeypatch):
    user, draft, submitted = my_offers
    client.force_login(user)
    assert sorted(_offer_pks(client)) == sorted([draft.pk, submitted.pk])  # never another organisation's
    assert _offer_pks(client, q="letnie") == [draft.pk]
    assert _offer_pks(client, q=f"2019/{submitted.number}") == [submitted.pk]
    assert _offer_pks(client, state="submitted") == [submitted.pk]
    assert _offer_pks(client, sort="title") == [draft.pk, submitted.pk] or submitted.title < draft.title
    monkeypatch.setattr("core.listing.PER_PAGE", 1)
    assert len(_offer_pks(client, page="2")) == 1 and _offer_pks(client, page="2") == _offer_pks(client, page="9")
    response = client.get(reverse("offers:offer_list"), BAD)
    assert response.status_code == 200 and "Ten filtr został pominięty." in response.content.decode()


def test_my_offers_reads_a_fixed_number_of_queries(client, my_offers, django_assert_max_num_queries):
    user, *_ = my_offers
    client.force_login(user)
    with django_assert_max_num_queries(8):  # session, user, the count, the page, menu and notices
        assert client.get(reverse("offers:offer_list"), {"q": "warsztaty", "sort": "-call"}).status_code == 200


# --- the member's list -----------------------------------------------------------------------------------


def test_the_member_filters_by_declaration_and_searches(client, reference_call, clerk, monkeypatch):
    mc = merit_call(reference_call, clerk)
    declare_all(mc, conflicts=[(mc.members[0], mc.offers[1])])
    seat, url = mc.members[0], reverse("commission:offers", kwargs={"slug": mc.call.slug})
    client.force_login(seat.user)

    def numbers(**params):
        response = client.get(url, params)
        assert response.status_code == 200
        return [item.row.offer.number for item in response.context["rows"]]

    everything = numbers()
    assert everything == sorted(o.number for o in mc.offers)
    assert numbers(declaration="excluded") == [mc.offers[1].number]
    assert numbers(declaration="impartial") == [o.number for o in mc.offers if o != mc.offers[1]]
    assert numbers(sheet="submitted") == []
    assert numbers(q=mc.offers[2].number) == [mc.offers[2].number]
    assert numbers(sort="-number") == everything[::-1]
    monkeypatch.setattr("core.listing.PER_PAGE", 2)
    assert numbers(page="2") == everything[2:] == numbers(page="99")
    response = client.get(url, {**BAD, "page": "2"})
    assert response.status_code == 200 and "Ten filtr został pominięty." in response.content.decode()
    assert response.context["listing"].page.paginator.count == len(everything)
    assert 'id="counter-declared"' in response.content.decode()  # the counters stay over the whole call


# --- the audit trail ---------------------------------------------------------------------------------


def test_the_audit_trail_filters_by_kind_searches_and_pages(client, reference_call, clerk, monkeypatch):
    membership = MembershipFactory(organisation__legal_form="association")
    offer = make_offer(call=reference_call, organisation=membership.organisation, user=membership.user, submit=True)
    offer = Offer.objects.get(pk=offer.pk)
    offer.title = "Nowy tytuł zadania"
    offer.save()
    url = reverse("reports:offer_audit", kwargs={"pk": offer.pk})
    client.force_login(clerk)
    every = client.get(url).context["listing"]
    assert every.page.paginator.count >= 2
    changed = client.get(url, {"kind": "~"}).context["listing"].rows
    assert changed and all(change.kind == "~" for change in changed)
    assert any("Nowy tytuł zadania" in new for c in changed for _, _, new in c.fields)
    assert client.get(url, {"q": "nowy tytuł"}).context["listing"].rows
    oldest = client.get(url, {"sort": "at"}).context["listing"].rows
    assert [c.at for c in oldest] == sorted(c.at for c in oldest)
    monkeypatch.setattr("core.listing.PER_PAGE", 1)
    assert client.get(url, {"page": "999"}).context["listing"].page.number == every.page.paginator.count
    response = client.get(url, {"kind": "?", "sort": "who", "page": "x"})
    assert response.status_code == 200 and "Ten filtr został pominięty." in response.content.decode()


def test_calls_in_the_public_list_are_only_public(client, calls):
    Call.objects.filter(title="Konkurs na sport").update(state=Call.State.DRAFT)
    assert "Konkurs na sport" not in _titles(client, q="sport")
