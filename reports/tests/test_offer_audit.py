"""The audit trail: every change of an offer, its costs, its formal sheet, its grants and the
decision is recorded (django-simple-history) and clerks read it field by field."""
from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from awards import services as awards
from awards.tests.test_views import _scored, grants_by_key
from competition.models import Action
from core.money import format_amount
from offers import services
from demo.offers import default_costs

pytestmark = pytest.mark.django_db


def _rows(client, offer) -> str:
    response = client.get(reverse("reports:offer_audit", kwargs={"pk": offer.pk}))
    assert response.status_code == 200
    return response.content.decode()


def test_the_trail_shows_who_changed_which_field_from_what_to_what(client, reference_call, clerk, mayor):
    mc = _scored(reference_call, clerk)
    first = mc.offers[0]
    Action.objects.filter(call=mc.call, code="A").update(budget=D("9000.00"))
    decision = awards.decision_propose(call=mc.call, by=clerk)
    grant = grants_by_key(decision)[(first.number, "A")]
    awards.decision_lock(decision=decision, order_number="Zarządzenie nr 7/2019", order_date=date(2019, 6, 14),
                         by=mayor, amounts={grant.pk: "4000,00"}, reasons={grant.pk: "Koszty zawyżone"})
    client.force_login(clerk)
    html = _rows(client, first)
    assert f"{format_amount(D('4050.00'))} → {format_amount(D('4000.00'))}" in html  # the grant, the Polish way
    assert "Zarządzenie nr 7/2019" in html                # the decision's order
    assert "dopuszczona" in html                          # the formal check moved the offer on (the state's label)
    assert html.count('data-kind="+"') >= 2               # cost items and the sheet were created
    assert "karta oceny" in html.lower() or "score sheet" in html.lower()  # the sheets, the commission closed


def test_cost_items_replaced_by_the_applicant_are_on_the_trail(client, reference_call, clerk):
    from tests_support.factories import MembershipFactory
    from tests_support.offers import make_offer

    member = MembershipFactory(organisation__legal_form="association")
    offer = make_offer(call=reference_call, organisation=member.organisation, user=member.user, submit=True)
    services.offer_withdraw(offer=offer, by=member.user)
    action = offer.offer_actions.get(action__code="A")
    items = default_costs("A")
    items[0]["name"] = "Warsztaty skrócone"
    services.offer_set_costs(offer=offer, offer_action=action, by=member.user, revision=None, items=items)
    client.force_login(clerk)
    html = _rows(client, offer)
    # the cost line is changed in place (offers/services_costs.py): one "~" record, old name → new
    assert "Warsztaty skrócone" in html and "Warsztaty – działanie A" in html and 'data-kind="~"' in html


def test_a_change_made_in_the_browser_names_its_author(client, reference_call, clerk):
    from tests_support.factories import MembershipFactory
    from tests_support.offers import make_offer

    member = MembershipFactory(organisation__legal_form="association", user__full_name="Teresa Skarbnik")
    offer = make_offer(call=reference_call, organisation=member.organisation, user=member.user)
    client.force_login(member.user)
    saved = client.post(reverse("offers:offer_step", kwargs={"pk": offer.pk, "section": "other"}),
                        {"revision": offer.revision, "other_information": "Zajęcia także w soboty."},
                        HTTP_X_AUTOSAVE="1")
    assert saved.status_code == 200
    services.offer_submit(offer=offer, by=member.user)  # clerks read submitted offers only
    client.force_login(clerk)
    html = _rows(client, offer)
    assert "Teresa Skarbnik" in html and "— → Zajęcia także w soboty." in html


def test_values_read_as_people_read_them_labels_warsaw_time_yes_and_no(client, reference_call, clerk):
    from offers.models import Offer
    from tests_support.factories import MembershipFactory
    from tests_support.offers import make_offer

    member = MembershipFactory(organisation__legal_form="association")
    offer = make_offer(call=reference_call, organisation=member.organisation, user=member.user, submit=True)
    offer = Offer.objects.get(pk=offer.pk)
    client.force_login(clerk)
    html = " ".join(_rows(client, offer).split())
    submitted = str(Offer.State.SUBMITTED.label)
    assert f"→ {submitted}" in html                         # the state's label, not "draft → submitted"
    assert "→ submitted" not in html and "False" not in html and "True" not in html
    moment = date_format(timezone.localtime(offer.submitted_at), "j E Y, H:i")
    assert f"— → {moment}" in html                          # Warsaw time to the minute, no microseconds
    assert "+00:00" not in html


def test_only_clerks_read_the_trail(client, reference_call, clerk):
    from tests_support.factories import MembershipFactory, UserFactory
    from tests_support.offers import make_offer

    member = MembershipFactory(organisation__legal_form="association")
    offer = make_offer(call=reference_call, organisation=member.organisation, user=member.user, submit=True)
    url = reverse("reports:offer_audit", kwargs={"pk": offer.pk})
    for user in (member.user, UserFactory()):
        client.force_login(user)
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 404


def test_the_trail_reads_the_same_queries_for_3_and_30_changes(client, reference_call, clerk,
                                                                django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from offers.models import Offer
    from tests_support.factories import MembershipFactory
    from tests_support.offers import make_offer

    member = MembershipFactory(organisation__legal_form="association")
    offer = make_offer(call=reference_call, organisation=member.organisation, user=member.user, submit=True)
    client.force_login(clerk)

    def change_title(times: int) -> None:
        for k in range(times):
            row = Offer.objects.get(pk=offer.pk)
            row.title = f"Tytuł numer {row.pk}-{k}-{times}"
            row.save()

    change_title(3)
    _rows(client, offer)  # warms the caches
    with CaptureQueriesContext(connection) as few:
        _rows(client, offer)
    change_title(27)
    with django_assert_num_queries(len(few)):
        html = _rows(client, offer)
    assert f"Tytuł numer {offer.pk}-25-27 → Tytuł numer {offer.pk}-26-27" in html
