"""The clerk's formal-check screens, through the test client, for every role."""
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from competition import services as call_services
from competition.models import Call
from evaluation.formal import services
from evaluation.models import ConfirmationReceipt, FormalEvent, FormalSheet
from evaluation.formal.rules import normalise_checksum
from offers.models import Offer
from tests_support.factories import MembershipFactory
from tests_support.offers import make_offer

pytestmark = pytest.mark.django_db

NOT_CLERKS = ("anonymous", "outsider", "applicant", "commission_member", "mayor")
CLERKS = ("clerk", "admin_user")

CALL_PAGES = ("formal_overview", "formal_history")
OFFER_PAGES = ("sheet", "receipt_record")
CALL_POSTS = ("formal_start", "formal_close", "call_annul")
OFFER_POSTS = ("sheet", "receipt_record", "sheet_confirm", "sheet_approve", "sheet_reopen",
               "sheet_return_for_correction")


def pl(text: str) -> str:
    with translation.override("pl"):
        return translation.gettext(text)


def url(name: str, call: Call, offer: Offer | None = None, **kwargs) -> str:
    if offer is not None:
        kwargs["offer_pk"] = offer.pk
    return reverse(f"evaluation:{name}", kwargs={"slug": call.slug, **kwargs})


def refresh(call: Call) -> Call:
    return Call.objects.get(pk=call.pk)


def answers_data(sheet: FormalSheet, **overrides) -> dict:
    """POST data answering "yes" to every criterion (with a reason where the computed answer was "no");
    `overrides` maps a criterion's automatic check to (value, reason)."""
    data = {}
    for answer in sheet.answers.select_related("criterion"):
        value, reason = overrides.get(answer.criterion.auto_check, ("yes", "" if answer.auto_value is not False
                                                                        else "Sprawdzono na papierze"))
        data[f"value_{answer.criterion_id}"] = value
        data[f"reason_{answer.criterion_id}"] = reason
    return data


def receipt_data(offer: Offer, checksum: str | None = None, *, at=None, confirmed: bool = False) -> dict:
    """The receipt form as posted; `confirmed`: posted again after the warning, with the box ticked."""
    version = offer.versions.order_by("-number").first()
    at = timezone.localtime(at or timezone.now() - timedelta(minutes=5))
    data = {"received_at": at.strftime("%Y-%m-%dT%H:%M:%S"), "received_by": "Sekretariat, pok. 219",
            "checksum_read": checksum or version.short_checksum, "signed": "on", "note": ""}
    if confirmed:
        data.update(warned=normalise_checksum(data["checksum_read"]), confirm_mismatch="on")
    return data


@pytest.fixture
def started(formal_call, submitted_offers, clerk):
    return services.formal_check_start(call=formal_call, by=clerk)


# --- who may open what ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", NOT_CLERKS)
@pytest.mark.parametrize("name", CALL_PAGES + OFFER_PAGES)
def test_only_clerks_see_formal_check_pages_everyone_else_gets_404(as_role, role, name, started, submitted_offers):
    offer = submitted_offers[0] if name in OFFER_PAGES else None
    assert as_role(role).get(url(name, started, offer)).status_code == 404


@pytest.mark.parametrize("role", NOT_CLERKS)
@pytest.mark.parametrize("name", CALL_POSTS + OFFER_POSTS)
def test_non_clerks_cannot_change_anything(as_role, role, name, started, submitted_offers):
    offer = submitted_offers[0] if name in OFFER_POSTS else None
    before = FormalEvent.objects.count()
    response = as_role(role).post(url(name, started, offer), {"reason": "x", "defects": "x", "sections": "basics"})
    assert response.status_code == 404
    assert FormalEvent.objects.count() == before


@pytest.mark.parametrize("role", ("anonymous", "applicant"))
def test_the_action_addresses_are_404_for_non_clerks_even_on_get(as_role, role, started, submitted_offers):
    client = as_role(role)
    assert client.get(url("formal_close", started)).status_code == 404
    assert client.get(url("sheet_confirm", started, submitted_offers[0])).status_code == 404
    assert client.get(url("offer_pdf", started, submitted_offers[0], number=1)).status_code == 404


@pytest.mark.parametrize("role", CLERKS)
@pytest.mark.parametrize("name", CALL_PAGES + OFFER_PAGES)
def test_clerks_and_administrators_open_every_page(as_role, role, name, started, submitted_offers):
    offer = submitted_offers[0] if name in OFFER_PAGES else None
    assert as_role(role).get(url(name, started, offer)).status_code == 200


def test_the_offers_own_applicant_cannot_open_its_sheet(client, started, submitted_offers):
    offer = submitted_offers[0]
    client.force_login(offer.organisation.memberships.first().user)
    assert client.get(url("sheet", started, offer)).status_code == 404
    assert client.get(url("receipt_record", started, offer)).status_code == 404


def test_an_offer_of_another_call_or_a_draft_is_404(client, clerk, started):
    draft = Offer.objects.get(call=started, state=Offer.State.DRAFT)
    client.force_login(clerk)
    assert client.get(url("sheet", started, draft)).status_code == 404
    assert client.get(reverse("evaluation:sheet", kwargs={"slug": "no-such-call", "offer_pk": draft.pk})).status_code == 404


def test_the_clerk_reads_the_submitted_offer_as_a_pdf(client, clerk, started, submitted_offers):
    offer = submitted_offers[0]
    client.force_login(clerk)
    response = client.get(url("offer_pdf", started, offer, number=1))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert client.get(url("offer_pdf", started, offer, number=9)).status_code == 404


# --- the overview ---------------------------------------------------------------------------------


def test_the_overview_lists_every_submitted_offer_with_its_confirmation(client, clerk, formal_call, submitted_offers):
    on_time, wrong = submitted_offers[0], submitted_offers[1]
    services.receipt_record(offer=on_time, received_at=timezone.now() - timedelta(minutes=1), received_by="B",
                            checksum_read=on_time.versions.get().checksum, signed=True, by=clerk)
    services.receipt_record(offer=wrong, received_at=timezone.now() - timedelta(minutes=1), received_by="B",
                            checksum_read="0000 1111 2222 3333", signed=True, by=clerk, mismatch_confirmed=True)
    client.force_login(clerk)
    response = client.get(url("formal_overview", formal_call))
    html = response.content.decode()
    for offer in submitted_offers:
        assert f'id="offer-{offer.pk}"' in html and offer.number in html
    assert f'id="offer-{on_time.pk}" data-receipt="on_time"' in html
    assert f'id="offer-{wrong.pk}" data-receipt="mismatch" class="table-danger"' in html
    assert pl("MISMATCH") in html  # text, not colour alone
    assert 'data-receipt="none"' in html
    assert 'action="%s"' % url("formal_start", formal_call) in html


def test_starting_the_formal_check_from_the_overview_opens_the_sheets(client, clerk, formal_call, submitted_offers):
    client.force_login(clerk)
    response = client.post(url("formal_start", formal_call), follow=True)
    assert response.status_code == 200
    assert refresh(formal_call).state == Call.State.FORMAL_CHECK
    assert FormalSheet.objects.filter(offer__call=formal_call).count() == 3


def test_moving_the_call_to_the_formal_check_on_the_call_page_opens_the_sheets(client, clerk, formal_call,
                                                                               submitted_offers):
    client.force_login(clerk)
    detail = client.get(reverse("competition:manage_detail", kwargs={"slug": formal_call.slug}))
    assert url("formal_overview", formal_call) in detail.content.decode()
    client.post(reverse("competition:manage_transition", kwargs={"slug": formal_call.slug}), {"to": "formal_check"})
    assert refresh(formal_call).state == Call.State.FORMAL_CHECK
    assert FormalSheet.objects.filter(offer__call=formal_call).count() == 3


def test_closing_is_disabled_while_sheets_are_open_and_says_which(client, clerk, started, submitted_offers):
    client.force_login(clerk)
    html = client.get(url("formal_overview", started)).content.decode()
    assert 'disabled aria-describedby="close-why"' in html
    for offer in submitted_offers:
        assert url("sheet", started, offer) in html.split('id="close-why"')[1].split("</ul>")[0]
    client.post(url("formal_close", started))
    assert refresh(started).state == Call.State.FORMAL_CHECK


def _confirm_all(client, call, offers, *, reject: Offer | None = None):
    for offer in offers:
        sheet = offer.formal_sheet
        overrides = {"eligible_entity": ("no", "Podmiot nieuprawniony")} if offer == reject else {}
        assert client.post(url("sheet", call, offer), answers_data(sheet, **overrides)).status_code == 302
        assert client.post(url("sheet_confirm", call, offer)).status_code == 302


def test_closing_the_stage_admits_and_rejects_the_offers(client, clerk, started, submitted_offers,
                                                         django_capture_on_commit_callbacks):
    client.force_login(clerk)
    rejected = submitted_offers[2]
    _confirm_all(client, started, submitted_offers, reject=rejected)
    html = client.get(url("formal_overview", started)).content.decode()
    assert 'id="close-why"' not in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("formal_close", started), follow=True)
    assert response.status_code == 200
    assert refresh(started).state == Call.State.MERIT_EVALUATION
    states = {o.pk: o.state for o in Offer.objects.filter(call=started).exclude(state=Offer.State.DRAFT)}
    assert states.pop(rejected.pk) == Offer.State.REJECTED
    assert set(states.values()) == {Offer.State.ADMITTED}
    assert FormalEvent.objects.filter(call=started, kind=FormalEvent.Kind.CLOSED).exists()


def test_annulment_needs_a_published_reason(client, clerk, started, submitted_offers):
    client.force_login(clerk)
    for offer in submitted_offers:
        client.post(url("sheet", started, offer), answers_data(offer.formal_sheet,
                                                               eligible_entity=("no", "Podmiot nieuprawniony")))
        client.post(url("sheet_confirm", started, offer))
    html = client.get(url("formal_overview", started)).content.decode()
    assert 'id="annul"' in html
    response = client.post(url("call_annul", started), {"reason": "  "})
    assert response.status_code == 200 and 'id="error-summary"' in response.content.decode()
    assert refresh(started).state == Call.State.FORMAL_CHECK
    response = client.post(url("call_annul", started), {"reason": "Żadna oferta nie spełniła wymogów formalnych"})
    assert response.status_code == 302
    call = refresh(started)
    assert call.state == Call.State.ANNULLED
    assert call.events.filter(to_state="annulled", reason__startswith="Żadna").exists()


def test_annulment_is_not_offered_while_an_offer_may_pass(client, clerk, started):
    client.force_login(clerk)
    assert 'id="annul"' not in client.get(url("formal_overview", started)).content.decode()
    response = client.post(url("call_annul", started), {"reason": "Brak ofert"})
    assert response.status_code == 200 and 'id="error-summary"' in response.content.decode()
    assert refresh(started).state == Call.State.FORMAL_CHECK


def test_the_overview_costs_the_same_queries_for_3_and_for_10_offers(client, clerk, reference_call,
                                                                     django_assert_max_num_queries):
    """Rows come from prefetched data: no query per offer."""
    client.force_login(clerk)
    page = url("formal_overview", reference_call)

    def add_offers(n):
        for _ in range(n):
            member = MembershipFactory(organisation__legal_form="association")
            offer = make_offer(call=reference_call, organisation=member.organisation, user=member.user, submit=True)
            services.receipt_record(offer=offer, received_at=timezone.now(), received_by="B", signed=True, by=clerk,
                                    checksum_read=offer.versions.get().checksum)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page).status_code == 200
        return len(queries)

    add_offers(3)
    three = count()
    add_offers(7)
    with django_assert_max_num_queries(three) as ten:
        assert client.get(page).status_code == 200
    assert len(ten) == three


def test_the_overview_with_sheets_stays_within_a_fixed_number_of_queries(client, clerk, started,
                                                                         django_assert_max_num_queries):
    client.force_login(clerk)
    # the counters over the whole call (4), the page's count and keys (2), the page's rows (5)
    with django_assert_max_num_queries(21):
        assert client.get(url("formal_overview", started)).status_code == 200


# --- receipts -------------------------------------------------------------------------------------


def test_the_receipt_form_defaults_to_now_and_the_clerks_name(client, clerk, formal_call, submitted_offers):
    client.force_login(clerk)
    html = client.get(url("receipt_record", formal_call, submitted_offers[0])).content.decode()
    assert 'type="datetime-local"' in html
    assert timezone.localtime().strftime("%Y-%m-%dT%H:") in html
    assert f'value="{clerk.full_name}"' in html


def test_a_wrong_control_sum_is_not_saved_until_checked_again(client, clerk, formal_call, submitted_offers):
    offer = submitted_offers[0]
    client.force_login(clerk)
    response = client.post(url("receipt_record", formal_call, offer), receipt_data(offer, "0000 1111 2222 3333"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sprawdź ponownie sumę kontrolną, zanim zostanie zapisana." in html
    assert ("Wpisana suma kontrolna nie zgadza się ze złożoną wersją oferty. Sprawdź ponownie z dokumentem: popraw "
            "wpisaną sumę albo potwierdź, że dokument zawiera właśnie tę sumę kontrolną.") in html
    assert 'value="0000 1111 2222 3333"' in html and 'name="confirm_mismatch"' in html
    assert 'name="warned" value="0000111122223333"' in html
    assert not ConfirmationReceipt.objects.exists() and not FormalEvent.objects.exists()


def test_a_mistyped_sum_corrected_after_the_warning_is_saved_as_matching(client, clerk, formal_call,
                                                                         submitted_offers):
    offer = submitted_offers[0]
    client.force_login(clerk)
    client.post(url("receipt_record", formal_call, offer), receipt_data(offer, "0000 1111 2222 3333"))
    corrected = {**receipt_data(offer), "warned": "0000111122223333"}  # box not ticked: the sum was retyped
    assert client.post(url("receipt_record", formal_call, offer), corrected).status_code == 302
    assert ConfirmationReceipt.objects.get(offer=offer).matches is True


def test_a_confirmation_ticked_for_another_sum_does_not_save_a_new_mismatch(client, clerk, formal_call,
                                                                           submitted_offers):
    offer = submitted_offers[0]
    client.force_login(clerk)
    data = {**receipt_data(offer, "0000 1111 2222 3333"), "warned": "ffff", "confirm_mismatch": "on"}
    response = client.post(url("receipt_record", formal_call, offer), data)
    assert response.status_code == 200 and "Sprawdź ponownie sumę kontrolną" in response.content.decode()
    assert not ConfirmationReceipt.objects.exists()


def test_a_receipt_with_a_wrong_control_sum_is_shown_loudly_and_recorded(client, clerk, formal_call, submitted_offers):
    offer = submitted_offers[0]
    client.force_login(clerk)
    response = client.post(url("receipt_record", formal_call, offer),
                           receipt_data(offer, "0000 1111 2222 3333", confirmed=True), follow=True)
    html = response.content.decode()
    assert 'role="alert"' in html
    assert pl("The control sum does not match the submitted version.") in html
    assert pl("The paper belongs to no version of this offer. Check what was typed, and the paper.") in html
    receipt = ConfirmationReceipt.objects.get(offer=offer)
    assert receipt.matches is False
    assert FormalEvent.objects.filter(offer=offer, kind=FormalEvent.Kind.MISMATCH).exists()
    assert 'data-receipt-status="mismatch"' in html


def test_a_mistyped_entry_is_voided_with_a_reason_and_stays_struck_through(client, clerk, formal_call,
                                                                          submitted_offers):
    offer = submitted_offers[0]
    typo = services.receipt_record(offer=offer, received_at=timezone.now() - timedelta(minutes=5), received_by="B",
                                   checksum_read="0000 1111 2222 3333", signed=True, by=clerk, mismatch_confirmed=True)
    client.force_login(clerk)
    page = client.get(url("receipt_record", formal_call, offer)).content.decode()
    void_url = url("receipt_void", formal_call, offer, receipt_pk=typo.pk)
    assert f'action="{void_url}"' in page and 'data-receipt-status="mismatch"' in page

    refused = client.post(void_url, {f"void-{typo.pk}-reason": ""})
    assert refused.status_code == 400
    assert "Podaj powód unieważnienia wpisu, np. błędnie wpisana suma kontrolna" in refused.content.decode()

    response = client.post(void_url, {f"void-{typo.pk}-reason": "Pomyłka przy przepisywaniu sumy."}, follow=True)
    html = response.content.decode()
    assert "Wpis unieważniono: pozostaje w ewidencji, przekreślony" in html
    assert f'id="receipt-{typo.pk}" class="text-body-secondary" data-voided="true"' in html
    assert "<del><code class=\"text-break\">0000 1111 2222 3333</code></del>" in html
    assert "UNIEWAŻNIONY" in html and "Pomyłka przy przepisywaniu sumy." in html
    assert f"Unieważnił(a) {clerk.full_name}" in html
    assert 'data-receipt-status="none"' in html and 'data-receipt-status="mismatch"' not in html
    assert f'action="{void_url}"' not in html  # voided once, for good
    twice = client.post(void_url, {f"void-{typo.pk}-reason": "Jeszcze raz."})
    assert twice.status_code == 400 and "Ten wpis został już unieważniony." in twice.content.decode()

    again = client.post(url("receipt_record", formal_call, offer), receipt_data(offer), follow=True).content.decode()
    assert 'data-receipt-status="on_time"' in again
    assert ConfirmationReceipt.objects.filter(offer=offer).count() == 2


def test_a_receipt_of_another_offer_cannot_be_voided_here(client, clerk, formal_call, submitted_offers):
    first, second = submitted_offers[0], submitted_offers[1]
    theirs = services.receipt_record(offer=second, received_at=timezone.now() - timedelta(minutes=5), received_by="B",
                                     checksum_read=second.versions.get().checksum, signed=True, by=clerk)
    client.force_login(clerk)
    response = client.post(url("receipt_void", formal_call, first, receipt_pk=theirs.pk),
                           {f"void-{theirs.pk}-reason": "Próba."})
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.voided_at is None


def test_the_printed_code_is_accepted_and_matches(client, clerk, formal_call, submitted_offers):
    offer = submitted_offers[0]
    version = offer.versions.get()
    client.force_login(clerk)
    code = f"{offer.number}/{version.number}/{version.checksum[:8]}"
    html = client.post(url("receipt_record", formal_call, offer), receipt_data(offer, code), follow=True).content.decode()
    assert pl("The control sum matches version %(n)s, the submitted version.") % {"n": 1} in html
    assert ConfirmationReceipt.objects.get(offer=offer).matches is True
    assert 'data-receipt-status="on_time"' in html


def test_a_refused_receipt_keeps_what_was_typed(client, clerk, formal_call, submitted_offers):
    offer = submitted_offers[0]
    client.force_login(clerk)
    data = receipt_data(offer, "abcd ef01 2345 6789", at=timezone.now() + timedelta(hours=2))
    response = client.post(url("receipt_record", formal_call, offer), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert pl("The time of receipt cannot be in the future.") in html
    assert 'value="abcd ef01 2345 6789"' in html
    assert not ConfirmationReceipt.objects.exists()


def test_a_receipt_for_an_older_version_names_it(client, clerk, started, submitted_offers):
    """The applicant printed version 1, then corrected the offer: the paper of version 1 is not the submitted one."""
    Call.objects.filter(pk=started.pk).update(correction_days=7)
    offer = submitted_offers[0]
    old = offer.versions.get()
    services.sheet_return_for_correction(sheet=offer.formal_sheet, sections=["description"], defects="Brak opisu",
                                         by=clerk)
    user = offer.organisation.memberships.first().user
    from offers import services as offer_services

    offer_services.offer_submit(offer=Offer.objects.get(pk=offer.pk), by=user)
    client.force_login(clerk)
    html = client.post(url("receipt_record", started, offer), receipt_data(offer, old.short_checksum, confirmed=True),
                       follow=True).content.decode()
    assert pl("The control sum does not match the submitted version.") in html
    assert ConfirmationReceipt.objects.get(offer=offer).matched_version == 1
    sheet_html = client.get(url("sheet", started, offer)).content.decode()
    assert 'class="table-danger"' in sheet_html


# --- the sheet -----------------------------------------------------------------------------------


def test_the_sheet_pre_selects_the_computed_answers_and_explains_them(client, clerk, started, submitted_offers):
    offer = submitted_offers[0]
    client.force_login(clerk)
    html = client.get(url("sheet", started, offer)).content.decode()
    for answer in offer.formal_sheet.answers.all():
        expected = "yes" if answer.auto_value else "no"
        assert f'id="id_value_{answer.criterion_id}_{0 if expected == "yes" else 1}" value="{expected}" checked' in html
        assert escape(answer.auto_reason) in html
    assert url("offer_pdf", started, offer, number=1) in html


def test_no_without_a_reason_is_refused_and_the_typed_answers_stay(client, clerk, started, submitted_offers):
    offer = submitted_offers[0]
    sheet = offer.formal_sheet
    zones = sheet.answers.get(criterion__auto_check="zones_covered")
    eligible = sheet.answers.get(criterion__auto_check="eligible_entity")
    client.force_login(clerk)
    data = answers_data(sheet, zones_covered=("no", ""), eligible_entity=("yes", "Statut sprawdzony w KRS"))
    response = client.post(url("sheet", started, offer), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert pl("Give the reason for “no”: the applicant receives it.") in html
    assert f'href="#id_reason_{zones.criterion_id}"' in html
    assert f'id="id_value_{zones.criterion_id}_1" value="no" checked' in html
    assert "Statut sprawdzony w KRS" in html
    assert not sheet.answers.exclude(value=None).exists()
    assert eligible.criterion_id  # nothing saved for any criterion


def test_an_override_is_saved_with_its_reason_and_shown_in_the_history(client, clerk, started, submitted_offers):
    offer = submitted_offers[0]
    client.force_login(clerk)
    data = answers_data(offer.formal_sheet, confirmation_on_time=("yes", "Wpłynęło pocztą 21.05, stempel"))
    assert client.post(url("sheet", started, offer), data).status_code == 302
    event = FormalEvent.objects.get(offer=offer, kind=FormalEvent.Kind.OVERRIDDEN)
    assert event.by == clerk and event.details["reason"] == "Wpłynęło pocztą 21.05, stempel"
    html = client.get(url("sheet", started, offer)).content.decode()
    assert f'id="event-{event.pk}" data-kind="overridden"' in html
    assert "Wpłynęło pocztą 21.05, stempel" in html
    history = client.get(url("formal_history", started)).content.decode()
    assert f'id="event-{event.pk}"' in history


def test_confirming_the_sheet(client, clerk, started, submitted_offers):
    offer = submitted_offers[0]
    client.force_login(clerk)
    unanswered = client.post(url("sheet_confirm", started, offer))
    assert unanswered.status_code == 200 and 'id="error-summary"' in unanswered.content.decode()
    client.post(url("sheet", started, offer), answers_data(offer.formal_sheet))
    assert client.post(url("sheet_confirm", started, offer)).status_code == 302
    sheet = FormalSheet.objects.get(offer=offer)
    assert sheet.state == FormalSheet.State.CONFIRMED and sheet.result == FormalSheet.Result.ADMITTED
    assert sheet.confirmed_by == clerk


def test_four_eyes_the_second_confirmation_comes_from_another_clerk(client, clerk, second_clerk, started,
                                                                    submitted_offers):
    Call.objects.filter(pk=started.pk).update(four_eyes=True)
    offer = submitted_offers[0]
    client.force_login(clerk)
    client.post(url("sheet", started, offer), answers_data(offer.formal_sheet))
    client.post(url("sheet_confirm", started, offer))
    html = client.get(url("sheet", started, offer)).content.decode()
    assert 'disabled aria-describedby="approve-why"' in html
    response = client.post(url("sheet_approve", started, offer))
    assert response.status_code == 200
    assert pl("The second confirmation must come from a clerk who neither answered nor confirmed "
              "this sheet.") in response.content.decode()
    client.force_login(second_clerk)
    assert 'disabled aria-describedby="approve-why"' not in client.get(url("sheet", started, offer)).content.decode()
    assert client.post(url("sheet_approve", started, offer)).status_code == 302
    sheet = FormalSheet.objects.get(offer=offer)
    assert sheet.state == FormalSheet.State.APPROVED and sheet.approved_by == second_clerk


def test_reopening_needs_a_reason(client, clerk, started, submitted_offers):
    offer = submitted_offers[0]
    client.force_login(clerk)
    client.post(url("sheet", started, offer), answers_data(offer.formal_sheet))
    client.post(url("sheet_confirm", started, offer))
    response = client.post(url("sheet_reopen", started, offer), {"reason": ""})
    assert response.status_code == 200 and 'id="error-summary"' in response.content.decode()
    assert FormalSheet.objects.get(offer=offer).state == FormalSheet.State.CONFIRMED
    assert client.post(url("sheet_reopen", started, offer), {"reason": "Błędnie zaznaczona strefa"}).status_code == 302
    assert FormalSheet.objects.get(offer=offer).state == FormalSheet.State.OPEN
    event = FormalEvent.objects.get(offer=offer, kind=FormalEvent.Kind.REOPENED)
    assert "Błędnie zaznaczona strefa" in client.get(url("sheet", started, offer)).content.decode()
    assert event.details["reason"] == "Błędnie zaznaczona strefa"


# --- correction -----------------------------------------------------------------------------------


def test_return_for_correction_is_offered_only_when_the_call_allows_it(client, clerk, started, submitted_offers):
    client.force_login(clerk)
    offer = submitted_offers[0]
    assert 'id="correction"' not in client.get(url("sheet", started, offer)).content.decode()
    Call.objects.filter(pk=started.pk).update(correction_days=7)
    html = client.get(url("sheet", started, offer)).content.decode()
    assert 'id="correction"' in html
    with translation.override("pl"):
        from offers.forms import section_label

        assert section_label("description") in html


def test_returned_offer_shows_the_defects_to_the_applicant(client, clerk, started, submitted_offers):
    Call.objects.filter(pk=started.pk).update(correction_days=7)
    offer = submitted_offers[0]
    client.force_login(clerk)
    refused = client.post(url("sheet_return_for_correction", started, offer),
                          {"defects": "Brak opisu grup odbiorców"})
    assert refused.status_code == 200 and "Brak opisu grup odbiorców" in refused.content.decode()
    response = client.post(url("sheet_return_for_correction", started, offer),
                           {"sections": ["description"], "defects": "Brak opisu grup odbiorców"})
    assert response.status_code == 302
    assert Offer.objects.get(pk=offer.pk).state == Offer.State.RETURNED
    overview = client.get(url("formal_overview", started)).content.decode()
    assert pl("returned for correction") in overview
    client.force_login(offer.organisation.memberships.first().user)
    html = client.get(reverse("offers:offer_detail", kwargs={"pk": offer.pk})).content.decode()
    correction = html.split('id="correction"')[1].split("</div>")[0]
    assert "Brak opisu grup odbiorców" in correction


def test_a_confirmed_sheet_cannot_be_answered_again(client, clerk, started, submitted_offers):
    offer = submitted_offers[0]
    client.force_login(clerk)
    client.post(url("sheet", started, offer), answers_data(offer.formal_sheet))
    client.post(url("sheet_confirm", started, offer))
    html = client.get(url("sheet", started, offer)).content.decode()
    assert 'type="radio"' not in html
    response = client.post(url("sheet", started, offer), answers_data(offer.formal_sheet, zones_covered=("no", "x")))
    assert response.status_code == 200
    assert "aby zmienić odpowiedź, otwórz ją ponownie" in response.content.decode()


def test_before_the_formal_check_starts_the_sheet_page_says_so(client, clerk, formal_call, submitted_offers):
    client.force_login(clerk)
    response = client.get(url("sheet", formal_call, submitted_offers[0]))
    assert response.status_code == 200 and 'id="answers-form"' not in response.content.decode()
    assert client.post(url("sheet_confirm", formal_call, submitted_offers[0])).status_code == 404


def test_moving_the_call_on_to_merit_evaluation_closes_the_formal_check(client, clerk, started, submitted_offers):
    client.force_login(clerk)
    transition = reverse("competition:manage_transition", kwargs={"slug": started.slug})
    client.post(transition, {"to": "merit_evaluation"})
    assert refresh(started).state == Call.State.FORMAL_CHECK  # sheets still open: refused with the reason
    _confirm_all(client, started, submitted_offers)
    client.post(transition, {"to": "merit_evaluation"})
    assert refresh(started).state == Call.State.MERIT_EVALUATION
    assert set(Offer.objects.filter(call=started).exclude(state="draft").values_list("state", flat=True)) == {"admitted"}


def test_a_call_without_offers_can_be_annulled_from_the_overview(client, clerk, reference_call):
    Call.objects.filter(pk=reference_call.pk).update(submission_deadline=timezone.now() - timedelta(minutes=1))
    call = call_services.call_transition(call=refresh(reference_call), to="submission_closed", by=clerk)
    client.force_login(clerk)
    assert 'id="annul"' in client.get(url("formal_overview", call)).content.decode()
    client.post(url("call_annul", call), {"reason": "Nie wpłynęła żadna oferta"})
    assert refresh(call).state == Call.State.ANNULLED
