from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from offers import selectors, services
from offers.models import Offer, OfferEvent, OfferVersion
from tests_support.factories import MembershipFactory, OrganisationFactory
from tests_support.offers import cost, make_offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(db):
    return MembershipFactory(organisation__legal_form="association")


def test_a_complete_offer_has_no_problems(reference_call, member):
    offer = make_offer(call=reference_call, organisation=member.organisation, user=member.user)
    assert selectors.offer_problems(selectors.offer_get_for_user(pk=offer.pk, user=member.user)) == []


def test_submission_freezes_a_version_with_a_sha256_control_sum(reference_call, member):
    offer = make_offer(call=reference_call, organisation=member.organisation, user=member.user, submit=True)
    version = offer.versions.get()
    assert offer.state == Offer.State.SUBMITTED
    assert offer.number == "001"
    assert len(version.checksum) == 64
    assert version.checksum == services.checksum(version.data)
    assert version.data["totals"]["grant"] == "8100.00"


def test_a_second_submit_is_refused(reference_call, member):
    offer = make_offer(call=reference_call, organisation=member.organisation, user=member.user, submit=True)
    with pytest.raises(ValidationError, match="już złożona|already been submitted"):
        services.offer_submit(offer=offer, by=member.user)
    assert OfferVersion.objects.filter(offer=offer).count() == 1


def test_submit_after_the_deadline_is_refused(reference_call, member):
    offer = make_offer(call=reference_call, organisation=member.organisation, user=member.user)
    with pytest.raises(ValidationError):
        services.offer_submit(offer=offer, by=member.user, now=reference_call.submission_deadline)
    offer.refresh_from_db()
    assert offer.state == Offer.State.DRAFT


def test_submit_one_second_before_the_deadline_passes(reference_call, member):
    offer = make_offer(call=reference_call, organisation=member.organisation, user=member.user)
    services.offer_submit(offer=offer, by=member.user, now=reference_call.submission_deadline - timedelta(seconds=1))
    offer.refresh_from_db()
    assert offer.state == Offer.State.SUBMITTED


def test_invalid_offer_cannot_be_submitted_and_says_why(reference_call, member):
    costs = {"A": [cost("Sala", "1", "1000.00", grant="950.00", own_financial="50.00")]}
    offer = make_offer(call=reference_call, organisation=member.organisation, user=member.user, costs=costs)
    with pytest.raises(ValidationError) as exc:
        services.offer_submit(offer=offer, by=member.user)
    assert any("90,00%" in m for m in exc.value.messages)


def test_withdraw_then_edit_and_submit_a_new_version(reference_call, member):
    offer = make_offer(call=reference_call, organisation=member.organisation, user=member.user, submit=True)
    offer = services.offer_withdraw(offer=offer, by=member.user)
    assert offer.state == Offer.State.WITHDRAWN
    offer = services.offer_save_fields(offer=offer, by=member.user, revision=offer.revision, section="basics",
                                       data={"title": "Razem w Hajnówce 2"})
    assert offer.state == Offer.State.DRAFT
    services.offer_submit(offer=offer, by=member.user)
    first, second = OfferVersion.objects.filter(offer=offer).order_by("number")
    assert first.withdrawn_at is not None and second.withdrawn_at is None
    assert first.checksum != second.checksum
    offer.refresh_from_db()
    assert offer.number == "001"  # the number stays with the offer


def test_a_submitted_offer_cannot_be_edited(reference_call, member):
    offer = make_offer(call=reference_call, organisation=member.organisation, user=member.user, submit=True)
    with pytest.raises(ValidationError):
        services.offer_save_fields(offer=offer, by=member.user, revision=None, section="basics", data={"title": "x"})


def test_nothing_is_written_after_the_deadline(reference_call, member):
    offer = make_offer(call=reference_call, organisation=member.organisation, user=member.user)
    with pytest.raises(ValidationError, match="(?i)termin składania ofert"):
        services.offer_save_fields(offer=offer, by=member.user, revision=None, section="basics", data={"title": "Późno"},
                                   now=reference_call.submission_deadline + timedelta(seconds=1))
    offer.refresh_from_db()
    assert offer.title == "Razem w Hajnówce"


def test_a_save_based_on_an_old_revision_is_refused_and_shows_what_changed(reference_call, member):
    colleague = MembershipFactory(organisation=member.organisation).user
    offer = make_offer(call=reference_call, organisation=member.organisation, user=member.user)
    seen = offer.revision
    services.offer_save_fields(offer=offer, by=colleague, revision=seen, section="description",
                               data={"complementarity": "Kolega pisze"})
    with pytest.raises(services.OfferConflict) as exc:
        services.offer_save_fields(offer=offer, by=member.user, revision=seen, section="description",
                                   data={"complementarity": "Ja piszę"})
    assert [(e.by, e.section) for e in exc.value.changes] == [(colleague, "description")]
    offer.refresh_from_db()
    assert offer.complementarity == "Kolega pisze"


def test_autosaves_in_one_section_make_one_audit_row(reference_call, member):
    offer = make_offer(call=reference_call, organisation=member.organisation, user=member.user)
    before = offer.events.count()
    for text in ("a", "ab", "abc"):
        offer = services.offer_save_fields(offer=offer, by=member.user, revision=offer.revision, section="other",
                                           data={"other_information": text})
    assert offer.events.count() == before + 1
    assert offer.events.last().kind == OfferEvent.Kind.SAVED


def test_an_ineligible_organisation_cannot_start_an_offer(reference_call, member):
    member.organisation.legal_form = "nonexistent"
    with pytest.raises(ValidationError):
        services.offer_create(call=reference_call, organisation=member.organisation, by=member.user)


def test_joint_offer_counts_offerors_and_splits_costs(reference_call, member):
    partner = OrganisationFactory(legal_form="foundation", with_member=True)
    costs = {"A": [cost("Warsztaty", "10", "400.00", grant="3600.00", own_financial="400.00", offeror=partner)],
             "D": [cost("Świetlica", "10", "400.00", grant="3600.00", own_financial="400.00")]}
    offer = make_offer(call=reference_call, organisation=member.organisation, user=member.user, partners=[partner],
                       costs=costs, submit=True)
    data = offer.versions.get().data
    assert [p["name"] for p in data["partners"]] == [partner.name]
    assert data["split"] == {str(member.organisation.pk): "4000.00", str(partner.pk): "4000.00"}


def test_a_partner_cannot_be_the_lead(reference_call, member):
    offer = make_offer(call=reference_call, organisation=member.organisation, user=member.user)
    with pytest.raises(ValidationError):
        services.offer_set_partners(offer=offer, by=member.user, revision=None, partners=[(member.organisation, "x")])


def test_dropping_an_action_drops_its_costs(reference_call, member):
    offer = make_offer(call=reference_call, organisation=member.organisation, user=member.user)
    a = reference_call.actions.get(code="A")
    services.offer_set_actions(offer=offer, by=member.user, revision=None, actions=[a])
    full = selectors.offer_get_for_user(pk=offer.pk, user=member.user)
    _per_action, whole = selectors.offer_totals(full)
    assert whole.total == Decimal("4500.00")
    assert any("co najmniej 2" in p.message or "at least 2" in p.message for p in selectors.offer_problems(full))


def test_other_users_cannot_read_the_offer(reference_call, member, outsider):
    from django.http import Http404

    offer = make_offer(call=reference_call, organisation=member.organisation, user=member.user)
    with pytest.raises(Http404):
        selectors.offer_get_for_user(pk=offer.pk, user=outsider)
    assert timezone.now() < reference_call.submission_deadline


def test_indicator_rows_appear_for_an_indicator_added_to_the_call_later(reference_call, member, clerk):
    """An amendment adds an indicator (the only way a published call's structure changes)."""
    from competition.services import call_set_indicators
    from offers.models import IndicatorValue

    offer = make_offer(call=reference_call, organisation=member.organisation, user=member.user)
    action = reference_call.actions.get(code="A")
    rows = [{"name": i.name, "unit": i.unit, "minimum": i.minimum} for i in action.indicators.all()]
    call_set_indicators(call=reference_call, action=action, by=clerk, reason="Nowy wskaźnik obowiązkowy",
                        indicators=[*rows, {"name": "nowy wskaźnik", "unit": "osoby", "minimum": Decimal(1)}])
    added = action.indicators.get(name="nowy wskaźnik")
    services.offer_save_indicators(offer=offer, by=member.user, revision=None, values={}, own_results={})
    assert IndicatorValue.objects.filter(offer_action__offer=offer, indicator=added).exists()


def test_a_withdrawal_is_listed_as_a_change_in_a_conflict(reference_call, member):
    offer = make_offer(call=reference_call, organisation=member.organisation, user=member.user, submit=True)
    seen = Offer.objects.get(pk=offer.pk).revision
    services.offer_withdraw(offer=offer, by=member.user)
    with pytest.raises(services.OfferConflict) as exc:
        services.offer_save_fields(offer=offer, by=member.user, revision=seen, section="other",
                                   data={"other_information": "x"})
    assert [e.kind for e in exc.value.changes] == [OfferEvent.Kind.WITHDRAWN]
