"""Attachments of an offer: what may be uploaded, and the two writes (add, remove).

A file is judged by its first bytes, never by its name or the browser's content type: a
program renamed to `statut.pdf` is refused. Only PDF, PNG and JPEG are accepted, up to
10 MB inclusive. A PDF with active content (scripts, actions on opening, embedded files, XFA
forms: see core/pdf_active.py) is refused, naming what was found. Files are stored under MEDIA_ROOT with a random name (the user's file name
is kept in the database only) and are served by a view that checks membership; MEDIA is
never served as static files.
"""
import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import pdf_active
from core.files import safe_filename
from offers.models import Attachment, Offer, OfferEvent
from offers.permissions import submission_closed_error

MAX_SIZE = 10 * 1024 * 1024  # 10 MB; exactly this much is allowed


@dataclass(frozen=True)
class FileKind:
    magic: bytes
    content_type: str
    extension: str
    label: str


KINDS = (
    FileKind(b"%PDF-", "application/pdf", ".pdf", "PDF"),
    FileKind(b"\x89PNG\r\n\x1a\n", "image/png", ".png", "PNG"),
    FileKind(b"\xff\xd8\xff", "image/jpeg", ".jpg", "JPEG"),
)
HEAD_BYTES = max(len(kind.magic) for kind in KINDS)


# --- pure checks (no database, no files) ----------------------------------------------------------


def detect_kind(head: bytes) -> FileKind | None:
    """The kind of file its first bytes announce, or None."""
    for kind in KINDS:
        if head.startswith(kind.magic):
            return kind
    return None


def size_error(size: int) -> str | None:
    if size <= 0:
        return _("The file is empty.")
    if size > MAX_SIZE:
        return _("The file has %(size)s; an attachment may have at most 10 MB.") % {"size": _megabytes(size)}
    return None


def kind_error(head: bytes) -> str | None:
    if head and detect_kind(head) is None:
        return _("Only PDF, PNG and JPEG files are accepted. The file's content is checked, not its name, "
                 "and this file is none of them.")
    return None


def pdf_error(data: bytes) -> str | None:
    """Why a PDF may not be attached (active content, or a part that cannot be checked), or None."""
    try:
        found = pdf_active.active_content(data)
    except pdf_active.Unreadable:
        return _("Part of the PDF file (a compressed or encrypted object stream) cannot be read, so it cannot be "
                 "checked for active content such as scripts. Print the document to a new PDF (“Print to PDF”) "
                 "and attach that file.")
    if found:
        return _("The PDF file contains active content (%(found)s): scripts, actions run when it is opened, "
                 "embedded files and interactive forms are not accepted in an attachment. Print the document to "
                 "a new PDF (“Print to PDF”) and attach that file.") % {"found": ", ".join(found)}
    return None


def attachment_errors(*, head: bytes, size: int) -> list[str]:
    """Everything wrong with a file of `size` bytes starting with `head` (an empty list if nothing)."""
    return [error for error in (size_error(size), kind_error(head)) if error]


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.2f}".replace(".", ",") + " MB"


# --- writes ---------------------------------------------------------------------------------------


def _now() -> datetime:
    return timezone.now()


def _lock_editable(offer: Offer, now: datetime) -> Offer:
    """The offer, locked for the transaction, or ValidationError when it may not change."""
    locked = Offer.objects.select_for_update().select_related("call").get(pk=offer.pk)
    error = submission_closed_error(locked.call, now)
    if error:
        raise ValidationError(error)
    if locked.state == Offer.State.SUBMITTED:
        raise ValidationError(_("The offer has been submitted. Withdraw it first to change its attachments."))
    return locked


@dataclass(frozen=True)
class CheckedUpload:
    kind: FileKind
    sha256: str
    original_name: str

    @property
    def stored_name(self) -> str:
        """A random name on disk: the user's file name is kept in the database only."""
        return secrets.token_hex(16) + self.kind.extension


def check_upload(upload) -> CheckedUpload:
    """Judge a Django UploadedFile by its first bytes and size (ValidationError naming the
    rule otherwise) and digest it; shared by every upload of the portal."""
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    errors = attachment_errors(head=head, size=upload.size)
    if errors:
        raise ValidationError(errors)
    kind = detect_kind(head)
    digest, content = hashlib.sha256(), bytearray()
    for chunk in upload.chunks():
        digest.update(chunk)
        if kind.extension == ".pdf":
            content += chunk  # at most MAX_SIZE: the size was checked above
    upload.seek(0)
    error = pdf_error(bytes(content)) if kind.extension == ".pdf" else None
    if error:
        raise ValidationError(error)
    return CheckedUpload(kind, digest.hexdigest(), safe_filename(getattr(upload, "name", ""), extension=kind.extension))


def attachment_add(*, offer: Offer, upload, description: str = "", by, now: datetime | None = None) -> Attachment:
    """Check `upload` (a Django UploadedFile) by content and size, and store it with a random
    name while the offer is editable. The file is written before the row; if the row fails
    the file is deleted again (a rollback of an enclosing transaction would leave it behind)."""
    now = now or _now()
    checked = check_upload(upload)
    kind, original = checked.kind, checked.original_name
    with transaction.atomic():
        locked = _lock_editable(offer, now)
        attachment = Attachment(
            offer=locked, original_name=original, content_type=kind.content_type, size=upload.size,
            sha256=checked.sha256, description=(description or "").strip()[:300], uploaded_by=by,
        )
        attachment.file.save(checked.stored_name, File(upload), save=False)
        try:
            attachment.full_clean()
            attachment.save()
            _touch(locked, by=by, now=now, details={"attachment_added": original, "sha256": attachment.sha256})
        except Exception:
            attachment.file.delete(save=False)  # the row is not there: do not keep its file
            raise
    return attachment


def attachment_remove(*, attachment: Attachment, by, now: datetime | None = None) -> None:
    now = now or _now()
    with transaction.atomic():
        locked = _lock_editable(attachment.offer, now)
        attachment = Attachment.objects.select_for_update().get(pk=attachment.pk, offer=locked)
        name, storage = attachment.file.name, attachment.file.storage
        attachment.delete()
        _touch(locked, by=by, now=now, details={"attachment_removed": attachment.original_name,
                                                "sha256": attachment.sha256})
        transaction.on_commit(lambda: storage.delete(name))  # the file goes only if the row did


def _touch(offer: Offer, *, by, now: datetime, details: dict) -> None:
    """Record the change like any other save of the offer. The revision is not bumped: an
    attachment overwrites nothing a co-author is typing, so it must not make their save a
    conflict. A withdrawn offer whose attachments change is a draft again, as on any edit."""
    locked = Offer.objects.get(pk=offer.pk)
    locked.updated_by = by
    if locked.state == Offer.State.WITHDRAWN:
        locked.state = Offer.State.DRAFT
    locked.save(update_fields=["updated_by", "updated_at", "state"])  # saved: the audit trail has it
    OfferEvent.objects.create(offer=offer, kind=OfferEvent.Kind.SAVED, by=by, at=now, section="attachments",
                              details=details)
