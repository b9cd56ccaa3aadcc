"""The pages through the test client, for every role that reaches them: the applicant uploads
and reads; the clerk reads the file and the report and sees them on the formal sheet; other
applicants, commission members and the anonymous get nothing."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from signatures.models import SignedConfirmation
from signatures.tests.pki import pades_sign
from tests_support.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def _url(offer, name="signatures:upload", **extra):
    return reverse(name, kwargs={"pk": offer.pk, "number": 1, **extra})


def test_the_offer_page_links_to_the_upload(client, submitted, member):
    offer, _version, _pdf = submitted
    client.force_login(member.user)
    body = client.get(offer.get_absolute_url()).content.decode()
    assert _url(offer) in body


def test_applicant_uploads_a_signed_confirmation_and_sees_who_signed(client, anchors, submitted, member, people):
    offer, _version, pdf = submitted
    client.force_login(member.user)
    page = client.get(_url(offer))
    assert page.status_code == 200 and "Jan Nowak" not in page.content.decode()
    response = client.post(_url(offer), {"file": SimpleUploadedFile("podpisane.pdf", pades_sign(pdf, people["anna"]))},
                           follow=True)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Anna Kowalska" in body and "Jan Nowak" in body  # signed, and who is still missing
    signed = SignedConfirmation.objects.get()
    assert signed.accepted
    report = client.get(_url(offer, "signatures:report_pdf", signed_pk=signed.pk))
    assert report.status_code == 200 and report["Content-Type"] == "application/pdf"
    download = client.get(_url(offer, "signatures:signed_file", signed_pk=signed.pk))
    assert download.status_code == 200 and download["X-Content-Type-Options"] == "nosniff"


def test_a_refused_file_is_explained_and_kept(client, anchors, submitted, member):
    offer, _version, _pdf = submitted
    client.force_login(member.user)
    response = client.post(_url(offer), {"file": SimpleUploadedFile("skan.jpg", b"\xff\xd8\xff\xe0 not a signature")},
                           follow=True)
    body = response.content.decode()
    assert "nie jest podpisem elektronicznym" in body or "is not an electronic signature" in body
    assert SignedConfirmation.objects.filter(accepted=False).count() == 1


def test_posting_without_a_file_says_so(client, anchors, submitted, member):
    offer, _version, _pdf = submitted
    client.force_login(member.user)
    response = client.post(_url(offer), {})
    assert response.status_code == 400
    assert not SignedConfirmation.objects.exists()


def test_other_roles_get_nothing(client, anchors, submitted, member, clerk, commission_member, people):
    offer, version, pdf = submitted
    client.force_login(member.user)
    client.post(_url(offer), {"file": SimpleUploadedFile("p.pdf", pades_sign(pdf, people["anna"]))})
    signed = SignedConfirmation.objects.get()
    outsider = MembershipFactory().user
    for user, upload, read in ((outsider, 404, 404), (commission_member, 404, 404), (clerk, 404, 200)):
        client.force_login(user)
        assert client.get(_url(offer)).status_code == upload
        assert client.post(_url(offer), {}).status_code == upload
        assert client.get(_url(offer, "signatures:report_pdf", signed_pk=signed.pk)).status_code == read
        assert client.get(_url(offer, "signatures:signed_file", signed_pk=signed.pk)).status_code == read
    client.logout()
    assert client.get(_url(offer)).status_code == 302
    assert client.get(_url(offer, "signatures:report_pdf", signed_pk=signed.pk)).status_code == 302


def test_a_withdrawn_version_takes_no_upload(client, anchors, submitted, member):
    from offers import services as offer_services

    offer, _version, _pdf = submitted
    offer_services.offer_withdraw(offer=offer, by=member.user)
    client.force_login(member.user)
    page = client.get(_url(offer))
    assert page.status_code == 200 and 'type="file"' not in page.content.decode()
    client.post(_url(offer), {"file": SimpleUploadedFile("p.pdf", b"%PDF-1.7")})
    assert not SignedConfirmation.objects.exists()


def test_the_offer_audit_trail_lists_each_signed_file(client, anchors, submitted, member, clerk, people):
    offer, _version, pdf = submitted
    client.force_login(member.user)
    client.post(_url(offer), {"file": SimpleUploadedFile("anna.pdf", pades_sign(pdf, people["anna"]))})
    client.post(_url(offer), {"file": SimpleUploadedFile("notatka.txt", b"plain text")})
    client.force_login(clerk)
    body = client.get(reverse("reports:offer_audit", kwargs={"pk": offer.pk})).content.decode()
    assert "anna.pdf" in body and "Anna Kowalska" in body
    assert "notatka.txt" in body and "nie jest podpisem elektronicznym" in body
