"""Reads of the formal check: what the overview and the sheet show, from prefetched data."""
from datetime import timedelta

import pytest
from django.http import Http404
from django.utils import timezone

from competition.models import Call
from evaluation.formal import selectors
from evaluation.formal import services
from evaluation.models import FormalEvent
from offers import services as offer_services
from offers.models import Offer

pytestmark = pytest.mark.django_db


def _receive(offer, clerk, checksum=None, *, minutes_ago=5, signed=True):
    version = offer.versions.order_by("-number").first()
    return services.receipt_record(offer=offer, received_at=timezone.now() - timedelta(minutes=minutes_ago),
                                   received_by="Sekretariat", checksum_read=checksum or version.checksum,
                                   signed=signed, by=clerk, mismatch_confirmed=True)


def _rows(call):
    return {row.offer.pk: row for row in selectors.formal_overview(call).rows}


def test_receipt_status_none_on_time_and_mismatch(formal_call, submitted_offers, clerk):
    first, second, third = submitted_offers
    _receive(first, clerk)
    _receive(second, clerk, "0000 1111 2222 3333")
    rows = _rows(formal_call)
    assert rows[first.pk].receipt.status == selectors.ON_TIME
    assert rows[second.pk].receipt.status == selectors.MISMATCH and rows[second.pk].receipt.mismatches == 1
    assert rows[third.pk].receipt.status == selectors.NONE
    counts = selectors.formal_overview(formal_call).counts
    assert (counts["on_time"], counts["mismatch"], counts["none"], counts["offers"]) == (1, 1, 1, 3)


def test_a_matching_paper_after_a_wrong_one_counts_and_the_wrong_one_stays_visible(formal_call, submitted_offers,
                                                                                   clerk):
    offer = submitted_offers[0]
    _receive(offer, clerk, "0000 1111 2222 3333", minutes_ago=10)
    _receive(offer, clerk)
    row = _rows(formal_call)[offer.pk]
    assert row.receipt.status == selectors.ON_TIME and row.receipt.mismatches == 1


def test_a_confirmation_after_the_delivery_deadline_is_late(formal_call, submitted_offers, clerk):
    Call.objects.filter(pk=formal_call.pk).update(confirmation_deadline=timezone.now() - timedelta(hours=1))
    offer = submitted_offers[0]
    _receive(offer, clerk)
    call = Call.objects.get(pk=formal_call.pk)
    assert _rows(call)[offer.pk].receipt.status == selectors.LATE


def test_an_unsigned_confirmation_is_flagged(formal_call, submitted_offers, clerk):
    offer = submitted_offers[0]
    _receive(offer, clerk, signed=False)
    assert _rows(formal_call)[offer.pk].receipt.signed is False


def test_the_stage_can_close_only_when_every_sheet_is_done(formal_call, submitted_offers, clerk):
    call = services.formal_check_start(call=formal_call, by=clerk)
    overview = selectors.formal_overview(call)
    assert not overview.can_close and len(overview.still_open) == 3
    for offer in submitted_offers:
        sheet = offer.formal_sheet
        answers = {a.criterion_id: (True, "" if a.auto_value is not False else "Sprawdzono") for a in sheet.answers.all()}
        services.sheet_answer(sheet=sheet, answers=answers, by=clerk)
        services.sheet_confirm(sheet=sheet, by=clerk)
    overview = selectors.formal_overview(call)
    assert overview.can_close and overview.counts["done"] == 3 and overview.counts["admitted"] == 3


def test_with_four_eyes_a_confirmed_sheet_is_not_done(formal_call, submitted_offers, clerk):
    Call.objects.filter(pk=formal_call.pk).update(four_eyes=True)
    call = services.formal_check_start(call=Call.objects.get(pk=formal_call.pk), by=clerk)
    sheet = submitted_offers[0].formal_sheet
    answers = {a.criterion_id: (True, "" if a.auto_value is not False else "Sprawdzono") for a in sheet.answers.all()}
    services.sheet_answer(sheet=sheet, answers=answers, by=clerk)
    services.sheet_confirm(sheet=sheet, by=clerk)
    row = _rows(call)[submitted_offers[0].pk]
    assert row.sheet.state == "confirmed" and not row.done


def test_a_paper_of_the_replaced_version_is_outdated_after_a_correction(formal_call, submitted_offers, clerk):
    Call.objects.filter(pk=formal_call.pk).update(correction_days=7)
    call = services.formal_check_start(call=Call.objects.get(pk=formal_call.pk), by=clerk)
    offer = submitted_offers[0]
    _receive(offer, clerk)
    services.sheet_return_for_correction(sheet=offer.formal_sheet, sections=["description"], defects="Brak opisu",
                                         by=clerk)
    row = _rows(call)[offer.pk]
    assert row.correction is not None and row.correction.defects == "Brak opisu"
    user = offer.organisation.memberships.first().user
    offer_services.offer_submit(offer=Offer.objects.get(pk=offer.pk), by=user)
    page = selectors.sheet_page(call=call, offer_pk=offer.pk)
    assert page.row.version.number == 2 and page.row.correction is None
    assert page.receipts[0].outdated and not page.receipts[0].matches
    assert page.row.receipt.status == selectors.MISMATCH


def test_sheet_page_is_404_for_a_draft_or_another_calls_offer(formal_call, submitted_offers, draft_call):
    draft = Offer.objects.get(call=formal_call, state=Offer.State.DRAFT)
    with pytest.raises(Http404):
        selectors.sheet_page(call=formal_call, offer_pk=draft.pk)
    with pytest.raises(Http404):
        selectors.sheet_page(call=draft_call, offer_pk=submitted_offers[0].pk)


def test_event_details_name_the_override_and_its_reason(formal_call, submitted_offers, clerk):
    call = services.formal_check_start(call=formal_call, by=clerk)
    sheet = submitted_offers[0].formal_sheet
    answer = sheet.answers.get(criterion__auto_check="confirmation_on_time")
    services.sheet_answer(sheet=sheet, answers={answer.criterion_id: (True, "Stempel pocztowy 21.05")}, by=clerk)
    rows = selectors.formal_events(call)
    override = next(r for r in rows if r["event"].kind == FormalEvent.Kind.OVERRIDDEN)
    texts = dict(override["details"]).values()
    assert "Stempel pocztowy 21.05" in texts and answer.criterion.question in texts
    assert rows[-1]["event"].kind == FormalEvent.Kind.OPENED  # newest first
