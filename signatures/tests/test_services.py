"""Recording signed confirmations: every file kept with its result, report and audit row; the
formal check's signature criterion pre-answered from them, "no" with who is missing, then "yes"."""
import io
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from competition import services as call_services
from competition.models import Call
from evaluation.formal import services as formal
from signatures import rules, services
from signatures.models import SignatureEvent, SignedConfirmation
from signatures.tests.pki import pades_sign, xades_enveloping
from tests_support.offers import make_offer

pytestmark = pytest.mark.django_db


def _upload(offer, version, data, user, name="potwierdzenie-podpisane.pdf"):
    return services.signed_confirmation_upload(offer=offer, version=version, by=user,
                                               upload=SimpleUploadedFile(name, data))


def test_the_confirmation_downloaded_is_the_one_verified(client, submitted, member):
    """The applicant signs what the portal serves; the verification rebuilds the same bytes."""
    offer, version, pdf = submitted
    client.force_login(member.user)
    response = client.get(reverse("reports:offer_confirmation_pdf", kwargs={"pk": offer.pk, "number": 1}))
    assert response.status_code == 200
    assert b"".join(response.streaming_content if response.streaming else [response.content]) == pdf


def test_an_accepted_signature_is_kept_with_its_report_and_audit_row(anchors, submitted, member, people):
    offer, version, pdf = submitted
    signed = _upload(offer, version, pades_sign(pdf, people["anna"]), member.user)
    assert signed.accepted and signed.kind == "pades"
    assert signed.file.read() .startswith(pdf)
    assert signed.report.read().startswith(b"%PDF")
    event = SignatureEvent.objects.get(signed=signed)
    assert event.kind == "accepted" and event.by == member.user and event.details["signers"] == ["Anna Kowalska"]


@pytest.mark.parametrize(("who", "tamper", "code"), [
    ("piotr", False, rules.NOT_REPRESENTATIVE),
    ("revoked", False, rules.REVOKED),
    ("expired", False, rules.EXPIRED),
    ("unknown", False, rules.UNKNOWN_AUTHORITY),
    ("anna", True, rules.TAMPERED),
])
def test_bad_signatures_are_refused_and_kept_on_record(anchors, submitted, member, people, who, tamper, code):
    offer, version, pdf = submitted
    data = bytearray(pades_sign(pdf, people[who]))
    if tamper:
        data[len(pdf) // 3] ^= 0x01
    signed = _upload(offer, version, bytes(data), member.user)
    assert not signed.accepted
    event = SignatureEvent.objects.get(signed=signed)
    assert event.kind == "refused"
    name = "Piotr Zieliński" if who == "piotr" else "Anna Kowalska"
    expected = rules.message(code, name=name)
    assert expected in event.details["problems"]


def test_a_file_that_is_not_a_signature_is_refused_and_kept(anchors, submitted, member):
    offer, version, _pdf = submitted
    signed = _upload(offer, version, b"just some text", member.user, name="notatka.txt")
    assert not signed.accepted and signed.kind == "unknown"
    assert SignedConfirmation.objects.filter(pk=signed.pk).exists()
    assert rules.message(rules.NOT_SIGNATURE) in SignatureEvent.objects.get(signed=signed).details["problems"]


def test_a_signature_over_another_version_is_refused_naming_it(anchors, reference_call, member, people):
    offer = make_offer(call=reference_call, organisation=member.organisation, user=member.user, submit=True)
    from offers import services as offer_services
    from offers.documents import confirmation_pdf_bytes

    old = offer.versions.get()
    old_pdf = confirmation_pdf_bytes(old)
    offer_services.offer_withdraw(offer=offer, by=member.user)
    offer.refresh_from_db()
    offer_services.offer_submit(offer=offer, by=member.user, revision=offer.revision)
    new = offer.versions.get(number=2)
    signed = _upload(offer, new, pades_sign(old_pdf, people["anna"]), member.user)
    assert not signed.accepted and signed.result["other_version"] == 1
    problems = SignatureEvent.objects.get(signed=signed).details["problems"]
    assert rules.message(rules.OTHER_VERSION, other=1, version=2) in problems


def test_a_file_over_the_size_limit_is_refused_with_its_limit(anchors, submitted, member, monkeypatch):
    offer, version, _pdf = submitted
    monkeypatch.setattr(services, "MAX_SIZE", 10)
    with pytest.raises(ValidationError) as error:
        _upload(offer, version, b"x" * 11, member.user)
    assert "MB" in str(error.value)
    assert not SignedConfirmation.objects.exists()


def test_formal_sheet_answers_no_then_yes_with_the_names(anchors, submitted, member, people, clerk):
    offer, version, pdf = submitted
    Call.objects.filter(pk=offer.call_id).update(submission_deadline=timezone.now(),
                                                 confirmation_deadline=timezone.now() + timedelta(days=1))
    call = call_services.call_transition(call=Call.objects.get(pk=offer.call_id), to=Call.State.SUBMISSION_CLOSED,
                                         by=clerk)
    formal.formal_check_start(call=call, by=clerk)
    answer = offer.formal_sheet.answers.get(criterion__auto_check="confirmation_on_time")
    assert answer.auto_value is False

    _upload(offer, version, pades_sign(pdf, people["anna"]), member.user)
    answer.refresh_from_db()
    assert answer.auto_value is False
    assert "Anna Kowalska" in answer.auto_reason and "Jan Nowak" in answer.auto_reason

    _upload(offer, version, xades_enveloping(pdf, people["jan"]), member.user)
    answer.refresh_from_db()
    assert answer.auto_value is True
    assert "Anna Kowalska" in answer.auto_reason and "Jan Nowak" in answer.auto_reason


def test_the_report_names_the_signers(anchors, submitted, member, people):
    offer, version, pdf = submitted
    signed = _upload(offer, version, pades_sign(pdf, people["anna"]), member.user)
    from pypdf import PdfReader  # noqa: PLC0415

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(signed.report.read())).pages)
    assert "Anna Kowalska" in text and "przyjęty" in text
