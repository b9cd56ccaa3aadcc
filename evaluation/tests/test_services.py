from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import Notice
from competition.models import Call
from evaluation.formal import services
from evaluation.models import FormalEvent, FormalSheet
from offers import services as offer_services
from offers.models import Offer

pytestmark = pytest.mark.django_db


def _yes_to_all(sheet, clerk):
    answers = {a.criterion_id: (True, "" if a.auto_value is not False else "Sprawdzono na papierze")
               for a in sheet.answers.all()}
    return services.sheet_answer(sheet=sheet, answers=answers, by=clerk)


def _receive(offer, clerk, *, checksum=None, at=None):
    version = offer.versions.order_by("-number").first()
    return services.receipt_record(offer=offer, received_at=at or timezone.now() - timedelta(minutes=5),
                                   received_by="Sekretariat, pok. 219", checksum_read=checksum or version.short_checksum,
                                   signed=True, by=clerk, mismatch_confirmed=True)


def test_starting_the_formal_check_opens_a_sheet_per_submitted_offer(formal_call, submitted_offers, clerk):
    services.formal_check_start(call=formal_call, by=clerk)
    sheets = FormalSheet.objects.filter(offer__call=formal_call)
    assert sheets.count() == 3
    assert all(s.answers.count() == 4 for s in sheets)


def test_computed_answers_explain_themselves(formal_call, submitted_offers, clerk):
    offer = submitted_offers[0]
    _receive(offer, clerk)
    services.formal_check_start(call=formal_call, by=clerk)
    answers = {a.criterion.auto_check: a for a in offer.formal_sheet.answers.select_related("criterion")}
    assert answers["submitted_on_time"].auto_value is True
    assert answers["confirmation_on_time"].auto_value is True
    assert answers["eligible_entity"].auto_value is True
    assert answers["zones_covered"].auto_value is True and "3" in answers["zones_covered"].auto_reason


def test_a_confirmation_with_an_older_control_sum_is_flagged(formal_call, submitted_offers, clerk):
    offer = submitted_offers[0]
    receipt = _receive(offer, clerk, checksum="0000 1111 2222 3333")
    assert receipt.matches is False
    assert FormalEvent.objects.filter(offer=offer, kind=FormalEvent.Kind.MISMATCH).exists()
    services.formal_check_start(call=formal_call, by=clerk)
    answer = offer.formal_sheet.answers.get(criterion__auto_check="confirmation_on_time")
    assert answer.auto_value is False


def test_a_mismatch_is_recorded_only_when_the_clerk_confirms_it(formal_call, submitted_offers, clerk):
    offer = submitted_offers[0]
    with pytest.raises(services.MismatchNotConfirmed) as refused:
        services.receipt_record(offer=offer, received_at=timezone.now() - timedelta(minutes=5), received_by="B",
                                checksum_read="0000 1111 2222 3333", signed=True, by=clerk)
    assert "Sprawdź ponownie z dokumentem" in refused.value.messages[0]
    assert not offer.receipts.exists() and not FormalEvent.objects.exists()


def test_a_mistyped_control_sum_is_voided_with_a_reason_and_recorded_again(formal_call, submitted_offers, clerk):
    offer = submitted_offers[0]
    services.formal_check_start(call=formal_call, by=clerk)
    typo = _receive(offer, clerk, checksum="0000 1111 2222 3333")
    answer = offer.formal_sheet.answers.get(criterion__auto_check="confirmation_on_time")
    assert answer.auto_value is False and "niezgodn" in answer.auto_reason

    voided = services.receipt_void(receipt=typo, by=clerk, reason="Pomyłka przy przepisywaniu sumy.")
    assert (voided.voided_by, voided.void_reason) == (clerk, "Pomyłka przy przepisywaniu sumy.")
    assert voided.voided_at is not None and offer.receipts.count() == 1  # the entry stays in the record
    event = FormalEvent.objects.get(offer=offer, kind=FormalEvent.Kind.VOIDED)
    assert event.by == clerk and event.details["reason"] == "Pomyłka przy przepisywaniu sumy."
    assert event.details["read"] == "0000 1111 2222 3333"
    answer.refresh_from_db()
    assert answer.auto_value is False and "niezgodn" not in answer.auto_reason  # none recorded yet
    assert services.offer_facts(offer).mismatched_receipts == 0  # the voided entry no longer counts

    _receive(offer, clerk)
    answer.refresh_from_db()
    assert answer.auto_value is True


def test_voiding_needs_a_reason_and_happens_once(formal_call, submitted_offers, clerk):
    typo = _receive(submitted_offers[0], clerk, checksum="0000 1111 2222 3333")
    with pytest.raises(ValidationError) as no_reason:
        services.receipt_void(receipt=typo, by=clerk, reason="  ")
    assert no_reason.value.message_dict["reason"] == [
        "Podaj powód unieważnienia wpisu, np. błędnie wpisana suma kontrolna; wpis pozostaje w ewidencji."]
    typo.refresh_from_db()
    assert typo.voided_at is None
    services.receipt_void(receipt=typo, by=clerk, reason="Pomyłka.")
    with pytest.raises(ValidationError, match="Ten wpis został już unieważniony."):
        services.receipt_void(receipt=typo, by=clerk, reason="Jeszcze raz.")


def test_a_receipt_in_the_future_is_refused(formal_call, submitted_offers, clerk):
    with pytest.raises(ValidationError):
        _receive(submitted_offers[0], clerk, at=timezone.now() + timedelta(hours=1))


def test_no_without_a_reason_is_refused_and_nothing_is_saved(formal_call, submitted_offers, clerk):
    services.formal_check_start(call=formal_call, by=clerk)
    sheet = submitted_offers[0].formal_sheet
    criterion = sheet.answers.first().criterion_id
    with pytest.raises(ValidationError):
        services.sheet_answer(sheet=sheet, answers={criterion: (False, "")}, by=clerk)
    assert sheet.answers.get(criterion_id=criterion).value is None


def test_overriding_a_computed_answer_is_recorded_with_its_reason(formal_call, submitted_offers, clerk):
    services.formal_check_start(call=formal_call, by=clerk)
    sheet = submitted_offers[0].formal_sheet
    answer = sheet.answers.get(criterion__auto_check="confirmation_on_time")  # no receipt: computed "no"
    services.sheet_answer(sheet=sheet, answers={answer.criterion_id: (True, "Wpłynęło pocztą 21.05, stempel")}, by=clerk)
    event = FormalEvent.objects.get(offer=sheet.offer, kind=FormalEvent.Kind.OVERRIDDEN)
    assert event.by == clerk and event.details["reason"] == "Wpłynęło pocztą 21.05, stempel"


def test_closing_needs_every_sheet_confirmed(formal_call, submitted_offers, clerk):
    services.formal_check_start(call=formal_call, by=clerk)
    with pytest.raises(ValidationError):
        services.formal_check_close(call=formal_call, by=clerk)


def test_closing_admits_and_rejects_and_tells_every_applicant(formal_call, submitted_offers, clerk,
                                                              django_capture_on_commit_callbacks):
    services.formal_check_start(call=formal_call, by=clerk)
    rejected = submitted_offers[1]
    for offer in submitted_offers:
        sheet = offer.formal_sheet
        _yes_to_all(sheet, clerk)
        if offer == rejected:
            criterion = sheet.answers.get(criterion__auto_check="confirmation_on_time").criterion_id
            services.sheet_answer(sheet=sheet, answers={criterion: (False, "Potwierdzenie bez podpisu")}, by=clerk)
        services.sheet_confirm(sheet=sheet, by=clerk)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call = services.formal_check_close(call=formal_call, by=clerk)
    assert call.state == Call.State.MERIT_EVALUATION
    states = dict(Offer.objects.filter(call=call).exclude(state="draft").values_list("pk", "state"))
    assert states[rejected.pk] == "rejected"
    assert sorted(states.values()) == ["admitted", "admitted", "rejected"]
    notice = Notice.objects.get(user=rejected.organisation.memberships.first().user)
    assert "Potwierdzenie bez podpisu" in notice.body
    # the e-mails wait in the outbox, in the same transaction as the decision, and go out once
    from notifications import services as outbox
    from notifications.models import Message

    assert Message.objects.filter(kind="formal_result").count() == 4  # the three leads' members and the partner's
    assert mail.outbox == []
    outbox.send_due()
    outbox.send_due()
    results = [m for m in mail.outbox if Message.objects.filter(kind="formal_result", subject=m.subject).exists()]
    assert len(results) == 4  # once each (the outbox also held the joint offer's partner notices)
    assert any("Potwierdzenie bez podpisu" in m.body for m in results)


def test_four_eyes_needs_another_clerk(formal_call, submitted_offers, clerk, second_clerk):
    Call.objects.filter(pk=formal_call.pk).update(four_eyes=True)
    formal_call.refresh_from_db()
    services.formal_check_start(call=formal_call, by=clerk)
    sheet = submitted_offers[0].formal_sheet
    _yes_to_all(sheet, clerk)
    services.sheet_confirm(sheet=sheet, by=clerk)
    with pytest.raises(ValidationError):
        services.sheet_approve(sheet=sheet, by=clerk)
    services.sheet_approve(sheet=sheet, by=second_clerk)
    sheet.refresh_from_db()
    assert sheet.state == FormalSheet.State.APPROVED


def test_reopening_needs_a_reason(formal_call, submitted_offers, clerk):
    services.formal_check_start(call=formal_call, by=clerk)
    sheet = submitted_offers[0].formal_sheet
    _yes_to_all(sheet, clerk)
    services.sheet_confirm(sheet=sheet, by=clerk)
    with pytest.raises(ValidationError):
        services.sheet_reopen(sheet=sheet, by=clerk, reason=" ")
    services.sheet_reopen(sheet=sheet, by=clerk, reason="Błędnie zaznaczona strefa")
    sheet.refresh_from_db()
    assert sheet.state == FormalSheet.State.OPEN


def test_correction_reopens_only_the_named_sections_and_gives_a_new_control_sum(formal_call, submitted_offers, clerk):
    Call.objects.filter(pk=formal_call.pk).update(correction_days=7)
    formal_call.refresh_from_db()
    services.formal_check_start(call=formal_call, by=clerk)
    offer = submitted_offers[0]
    user = offer.organisation.memberships.first().user
    first = offer.versions.get().checksum
    services.sheet_return_for_correction(sheet=offer.formal_sheet, sections=["description"],
                                         defects="Brak opisu grup odbiorców", by=clerk)
    offer.refresh_from_db()
    assert offer.state == Offer.State.RETURNED
    with pytest.raises(ValidationError):
        offer_services.offer_save_fields(offer=offer, by=user, revision=None, section="basics", data={"title": "x"})
    offer_services.offer_save_fields(offer=offer, by=user, revision=None, section="description",
                                     data={"target_groups": "Seniorzy 60+ z ul. Lipowej, rekrutacja przez MOPS"})
    version = offer_services.offer_submit(offer=offer, by=user)
    assert version.number == 2 and version.checksum != first
    offer.refresh_from_db()
    assert offer.state == Offer.State.SUBMITTED
    assert offer.formal_sheet.state == FormalSheet.State.OPEN
    assert FormalEvent.objects.filter(offer=offer, kind=FormalEvent.Kind.RESUBMITTED).exists()


def test_correction_is_refused_when_the_call_does_not_allow_it(formal_call, submitted_offers, clerk):
    services.formal_check_start(call=formal_call, by=clerk)
    with pytest.raises(ValidationError):
        services.sheet_return_for_correction(sheet=submitted_offers[0].formal_sheet, sections=["description"],
                                             defects="x", by=clerk)


def test_after_the_correction_period_the_offer_cannot_be_resubmitted(formal_call, submitted_offers, clerk):
    Call.objects.filter(pk=formal_call.pk).update(correction_days=7)
    formal_call.refresh_from_db()
    services.formal_check_start(call=formal_call, by=clerk)
    offer = submitted_offers[0]
    correction = services.sheet_return_for_correction(sheet=offer.formal_sheet, sections=["description"],
                                                      defects="Brak opisu", by=clerk)
    user = offer.organisation.memberships.first().user
    with pytest.raises(ValidationError):
        offer_services.offer_submit(offer=offer, by=user, now=correction.deadline + timedelta(seconds=1))


def test_annulment_only_when_nothing_passes(formal_call, submitted_offers, clerk):
    with pytest.raises(ValidationError):
        services.call_annul(call=formal_call, by=clerk, reason="brak ofert")
    services.formal_check_start(call=formal_call, by=clerk)
    for offer in submitted_offers:
        sheet = offer.formal_sheet
        answers = {a.criterion_id: (False, "Oferta złożona przez podmiot nieuprawniony") for a in sheet.answers.all()}
        services.sheet_answer(sheet=sheet, answers=answers, by=clerk)
        services.sheet_confirm(sheet=sheet, by=clerk)
    with pytest.raises(ValidationError):
        services.call_annul(call=formal_call, by=clerk, reason=" ")
    call = services.call_annul(call=formal_call, by=clerk, reason="Żadna oferta nie spełniła wymogów formalnych")
    assert call.state == Call.State.ANNULLED
    assert call.events.filter(to_state="annulled", reason__startswith="Żadna").exists()


def test_a_call_without_offers_can_be_annulled(reference_call, clerk):
    Call.objects.filter(pk=reference_call.pk).update(submission_deadline=timezone.now() - timedelta(minutes=1))
    from competition import services as call_services

    call = call_services.call_transition(call=Call.objects.get(pk=reference_call.pk), to="submission_closed", by=clerk)
    assert services.call_annul(call=call, by=clerk, reason="Nie wpłynęła żadna oferta").state == "annulled"


def test_a_returned_offer_not_corrected_in_time_can_be_checked_as_it_stands(formal_call, submitted_offers, clerk):
    Call.objects.filter(pk=formal_call.pk).update(correction_days=7)
    formal_call.refresh_from_db()
    services.formal_check_start(call=formal_call, by=clerk)
    offer = submitted_offers[0]
    correction = services.sheet_return_for_correction(sheet=offer.formal_sheet, sections=["description"],
                                                      defects="Brak opisu", by=clerk)
    with pytest.raises(ValidationError):
        services.sheet_reopen(sheet=offer.formal_sheet, by=clerk, reason="brak korekty")
    services.sheet_reopen(sheet=offer.formal_sheet, by=clerk, reason="Nie poprawiono w terminie",
                          now=correction.deadline + timedelta(seconds=1))
    offer.refresh_from_db()
    assert offer.state == Offer.State.SUBMITTED
    assert offer.formal_sheet.state == FormalSheet.State.OPEN


def test_the_second_confirmation_cannot_come_from_the_clerk_who_answered(formal_call, submitted_offers, clerk,
                                                                          second_clerk):
    from tests_support.factories import ClerkFactory

    Call.objects.filter(pk=formal_call.pk).update(four_eyes=True)
    formal_call.refresh_from_db()
    services.formal_check_start(call=formal_call, by=clerk)
    sheet = submitted_offers[0].formal_sheet
    _yes_to_all(sheet, second_clerk)
    services.sheet_confirm(sheet=sheet, by=clerk)
    with pytest.raises(ValidationError):
        services.sheet_approve(sheet=sheet, by=second_clerk)
    services.sheet_approve(sheet=sheet, by=ClerkFactory())


def test_a_reason_without_an_answer_is_not_saved(formal_call, submitted_offers, clerk):
    services.formal_check_start(call=formal_call, by=clerk)
    sheet = submitted_offers[0].formal_sheet
    answer = sheet.answers.first()
    services.sheet_answer(sheet=sheet, answers={answer.criterion_id: (None, "tylko komentarz")}, by=clerk)
    answer.refresh_from_db()
    assert answer.value is None and answer.reason == ""
    assert not FormalEvent.objects.filter(offer=sheet.offer, kind=FormalEvent.Kind.ANSWERED).exists()


def test_computed_reasons_are_stored_in_polish_whatever_the_screen_language(formal_call, submitted_offers, clerk):
    from django.utils import translation

    with translation.override("en"):
        services.formal_check_start(call=formal_call, by=clerk)
    answer = submitted_offers[0].formal_sheet.answers.get(criterion__auto_check="zones_covered")
    assert "stref" in answer.auto_reason


def test_a_generic_transition_cannot_annul_without_a_reason(formal_call, clerk):
    from competition import services as call_services

    with pytest.raises(ValidationError):
        call_services.call_transition(call=formal_call, to=Call.State.ANNULLED, by=clerk)
