"""Attachments: judged by content and size, stored under a random name, served to members only."""
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from competition.models import Call
from offers import attachments
from offers.models import Attachment, Offer, OfferEvent
from tests_support.factories import MembershipFactory
from tests_support.offers import make_offer

MB = 1024 * 1024
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 32


def _padded(head: bytes, size: int) -> bytes:
    return head + b"\x00" * (size - len(head))


# --- pure checks ----------------------------------------------------------------------------------


@pytest.fixture
def english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    ("content", "accepted"),
    [
        pytest.param(PDF, True, id="pdf"),
        pytest.param(PNG, True, id="png"),
        pytest.param(JPEG, True, id="jpeg"),
        pytest.param(EXE, False, id="exe-renamed-pdf"),
        pytest.param("Statut stowarzyszenia – zażółć gęślą jaźń\n".encode(), False, id="text"),
        pytest.param(b"%PDF", False, id="truncated-pdf-magic"),
        pytest.param(b"", False, id="empty"),
        pytest.param(_padded(PDF, 10 * MB), True, id="exactly-10-MB"),
        pytest.param(_padded(PDF, 10 * MB + 1), False, id="10-MB-and-one-byte"),
    ],
)
def test_files_are_judged_by_content_and_size(content, accepted):
    errors = attachments.attachment_errors(head=content[: attachments.HEAD_BYTES], size=len(content))
    assert (errors == []) is accepted, errors


def test_a_program_named_pdf_is_refused_with_a_message_naming_the_rule(english):
    [error] = attachments.attachment_errors(head=EXE[:8], size=len(EXE))
    assert "PDF, PNG" in error and "JPEG" in error and "content" in error


def test_a_file_above_10_mb_is_refused_with_a_message_naming_the_limit(english):
    [error] = attachments.attachment_errors(head=PDF[:8], size=10 * MB + 1)
    assert "10 MB" in error


@pytest.mark.parametrize(
    ("name", "extension", "expected"),
    [
        ("statut.pdf", ".pdf", "statut.pdf"),
        ("../../etc/passwd", ".pdf", "passwd.pdf"),
        ("C:\\Users\\Ala\\Umowa partnerska.PDF", ".pdf", "Umowa partnerska.pdf"),
        ('zdjęcie "świetlicy".jpeg', ".jpg", "zdjęcie świetlicy.jpg"),
        ("program.exe", ".pdf", "program.pdf"),
        ("", ".png", "zalacznik.png"),
        ("a\r\nb.pdf", "", "ab.pdf"),
    ],
)
def test_names_are_made_safe_and_follow_the_content(name, extension, expected):
    assert attachments.safe_filename(name, extension=extension) == expected


# --- the service ----------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def member(db):
    return MembershipFactory(organisation__legal_form="association")


@pytest.fixture
def offer(reference_call, member):
    return make_offer(call=reference_call, organisation=member.organisation, user=member.user)


def _upload(content: bytes, name: str = "statut.pdf", content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_added_file_is_stored_under_a_random_name_with_its_sum(offer, member, media):
    added = attachments.attachment_add(offer=offer, upload=_upload(PDF, "Statut Żurawi.pdf"), description="statut",
                                       by=member.user)

    assert added.original_name == "Statut Żurawi.pdf"
    assert added.content_type == "application/pdf"
    assert added.size == len(PDF)
    assert len(added.sha256) == 64
    assert "Statut" not in added.file.name and "Żurawi" not in added.file.name
    assert added.file.name.startswith("attachments/") and added.file.name.endswith(".pdf")
    assert (media / added.file.name).read_bytes() == PDF
    assert OfferEvent.objects.filter(offer=offer, section="attachments").exists()


def test_the_browsers_content_type_and_the_name_do_not_matter(offer, member):
    added = attachments.attachment_add(offer=offer, upload=_upload(PNG, "skan.pdf", "application/pdf"),
                                       by=member.user)
    assert added.content_type == "image/png"
    assert added.original_name == "skan.png"


def test_refused_file_leaves_nothing_behind(offer, member, media):
    with pytest.raises(ValidationError):
        attachments.attachment_add(offer=offer, upload=_upload(EXE, "statut.pdf"), by=member.user)
    assert not Attachment.objects.exists()
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_no_attachment_after_the_deadline(offer, member, reference_call, english):
    later = reference_call.submission_deadline + timedelta(seconds=1)
    with pytest.raises(ValidationError, match="deadline"):
        attachments.attachment_add(offer=offer, upload=_upload(PDF), by=member.user, now=later)


def test_no_attachment_change_to_a_submitted_offer(reference_call, member, english):
    offer = make_offer(call=reference_call, organisation=member.organisation, user=member.user, submit=True)
    with pytest.raises(ValidationError, match="submitted"):
        attachments.attachment_add(offer=offer, upload=_upload(PDF), by=member.user)


def test_attaching_to_a_withdrawn_offer_makes_it_a_draft_again(reference_call, member):
    from offers import services

    offer = make_offer(call=reference_call, organisation=member.organisation, user=member.user, submit=True)
    services.offer_withdraw(offer=offer, by=member.user)
    attachments.attachment_add(offer=offer, upload=_upload(PDF), by=member.user)
    assert Offer.objects.get(pk=offer.pk).state == Offer.State.DRAFT


def test_removed_attachment_loses_its_file(offer, member, media, django_capture_on_commit_callbacks):
    added = attachments.attachment_add(offer=offer, upload=_upload(PDF), by=member.user)
    path = media / added.file.name
    with django_capture_on_commit_callbacks(execute=True):
        attachments.attachment_remove(attachment=added, by=member.user)
    assert not Attachment.objects.exists()
    assert not path.exists()


def test_attachment_does_not_make_a_co_authors_save_a_conflict(offer, member):
    from offers import services

    revision = Offer.objects.get(pk=offer.pk).revision
    attachments.attachment_add(offer=offer, upload=_upload(PDF), by=member.user)
    services.offer_save_fields(offer=offer, by=member.user, revision=revision, section="other",
                               data={"other_information": "x"})


# --- through the pages ----------------------------------------------------------------------------


def _list_url(offer):
    return f"/offers/{offer.pk}/attachments/"


def test_member_uploads_and_downloads_through_the_pages(client, offer, member):
    client.force_login(member.user)

    response = client.post(_list_url(offer), {"file": _upload(PDF, "Umowa partnerska – Żurawie.pdf"),
                                               "description": "umowa partnerska"})
    assert response.status_code == 302
    added = Attachment.objects.get()
    page = client.get(_list_url(offer))
    assert page.status_code == 200
    assert "Umowa partnerska – Żurawie.pdf" in page.content.decode()

    download = client.get(f"/offers/{offer.pk}/attachments/{added.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    disposition = download["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=UTF-8''Umowa%20partnerska%20%E2%80%93%20%C5%BBurawie.pdf" in disposition


def test_refused_upload_shows_the_rule_and_keeps_the_page(client, offer, member):
    client.force_login(member.user)
    response = client.post(_list_url(offer), {"file": _upload(EXE, "statut.pdf")})
    assert response.status_code == 400
    assert not Attachment.objects.exists()
    assert "PDF, PNG" in response.content.decode() and "JPEG" in response.content.decode()


ACTIVE_PDF = (b"%PDF-1.7\n1 0 obj\n<</Type/Catalog/Pages 2 0 R/OpenAction 3 0 R>>\nendobj\n"
              b"3 0 obj\n<</S/J#61vaScript/JS(app.launchURL('https://evil.example'))>>\nendobj\n%%EOF\n")


def test_a_pdf_with_a_script_is_refused_naming_what_was_found(client, offer, member, media):
    client.force_login(member.user)
    response = client.post(_list_url(offer), {"file": _upload(ACTIVE_PDF, "statut.pdf"), "description": "statut"})
    assert response.status_code == 400
    assert ("Plik PDF zawiera aktywną zawartość (/JS, /JavaScript, /OpenAction): skrypty, akcje uruchamiane przy "
            "otwarciu, osadzone pliki i formularze interaktywne nie są przyjmowane w załącznikach."
            in response.content.decode())
    assert 'value="statut"' in response.content.decode()
    assert not Attachment.objects.exists()
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_upload_of_exactly_10_mb_passes_and_one_byte_more_fails(client, offer, member):
    client.force_login(member.user)
    assert client.post(_list_url(offer), {"file": _upload(_padded(PDF, 10 * MB))}).status_code == 302
    assert client.post(_list_url(offer), {"file": _upload(_padded(PDF, 10 * MB + 1))}).status_code == 400
    assert Attachment.objects.count() == 1


def test_another_organisation_gets_404_everywhere(client, offer, member):
    added = attachments.attachment_add(offer=offer, upload=_upload(PDF), by=member.user)
    client.force_login(MembershipFactory(organisation__legal_form="association").user)

    assert client.get(_list_url(offer)).status_code == 404
    assert client.post(_list_url(offer), {"file": _upload(PDF)}).status_code == 404
    assert client.get(f"/offers/{offer.pk}/attachments/{added.pk}/").status_code == 404
    assert client.post(f"/offers/{offer.pk}/attachments/{added.pk}/delete/").status_code == 404
    assert Attachment.objects.count() == 1


def test_an_attachment_is_only_reachable_through_its_own_offer(client, reference_call, offer, member):
    added = attachments.attachment_add(offer=offer, upload=_upload(PDF), by=member.user)
    other = make_offer(call=reference_call, organisation=member.organisation, user=member.user)
    client.force_login(member.user)
    assert client.get(f"/offers/{other.pk}/attachments/{added.pk}/").status_code == 404


def test_anonymous_is_sent_to_log_in(client, offer):
    response = client.get(_list_url(offer))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_upload_after_the_deadline_is_refused(client, offer, member):
    Call.objects.filter(pk=offer.call_id).update(submission_deadline=timezone.now() - timedelta(minutes=1))
    client.force_login(member.user)

    response = client.post(_list_url(offer), {"file": _upload(PDF)}, follow=True)

    assert not Attachment.objects.exists()
    assert "termin składania ofert" in response.content.decode().lower()
    assert 'type="file"' not in client.get(_list_url(offer)).content.decode()


def test_member_removes_an_attachment(client, offer, member):
    added = attachments.attachment_add(offer=offer, upload=_upload(PDF), by=member.user)
    client.force_login(member.user)
    response = client.post(f"/offers/{offer.pk}/attachments/{added.pk}/delete/")
    assert response.status_code == 302 and response["Location"] == _list_url(offer)
    assert not Attachment.objects.exists()


def test_media_files_are_not_served_as_static(client, offer, member):
    added = attachments.attachment_add(offer=offer, upload=_upload(PDF), by=member.user)
    client.force_login(member.user)
    for prefix in ("/", "/media/", "/static/"):
        assert client.get(prefix + added.file.name).status_code == 404
