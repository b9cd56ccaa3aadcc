"""Recording a signed confirmation: the file is read, verified against the portal's confirmation
of the version and the trust anchors, judged against the offer's representatives and the
deadline, and kept with its verification report, accepted or refused, in one transaction with
its audit row."""
import hashlib
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from core.files import safe_filename
from offers.attachments import MAX_SIZE
from offers.documents import confirmation_pdf_bytes, file_slug
from offers.models import Offer, OfferVersion
from signatures import documents, registry, rules, selectors
from signatures.models import SignatureEvent, SignedConfirmation
from signatures.verify import inspect_file, load_anchors

CONTENT_TYPES = {"pades": "application/pdf", "xades": "application/xml"}


def _read(upload) -> bytes:
    if upload.size > MAX_SIZE:
        raise ValidationError(rules.message(rules.TOO_LARGE, limit=MAX_SIZE // (1024 * 1024)))
    return b"".join(upload.chunks())


def _others(version: OfferVersion):
    def checksums() -> dict[int, str]:
        siblings = OfferVersion.objects.filter(offer_id=version.offer_id).exclude(pk=version.pk)
        return dict(siblings.values_list("number", "checksum"))
    return checksums


def verify(data: bytes, *, version: OfferVersion, now: datetime, expected: bytes | None = None) -> tuple[dict, bool]:
    """The verification result of `data` for `version`, judged; and whether the file is accepted."""
    expected = expected if expected is not None else confirmation_pdf_bytes(version)
    result = inspect_file(data, expected=expected, others=_others(version), anchors=load_anchors(), uploaded_at=now)
    accepted = rules.judge(result, selectors.representations(version.data), selectors.deadline_of(version))
    return result, accepted


def signed_confirmation_upload(*, offer: Offer, version: OfferVersion, upload, by,
                               now: datetime | None = None) -> SignedConfirmation:
    """Verify and record an uploaded file (refused ones too: `accepted` says which)."""
    now = now or timezone.now()
    if version.offer_id != offer.pk:
        raise ValidationError(rules.message(rules.NOT_THIS_CONFIRMATION, version=version.number,
                                            checksum=version.short_checksum))
    data = _read(upload)
    result, accepted = verify(data, version=version, now=now)
    kind = result["kind"] if result["kind"] in CONTENT_TYPES else SignedConfirmation.Kind.UNKNOWN
    name = safe_filename(upload.name or "podpis")
    with transaction.atomic():
        # uploads of one offer are recorded one after another (the slow verification above is not):
        # each refresh of the formal sheet then sees every signature recorded before it
        Offer.objects.select_for_update(of=("self",)).filter(pk=offer.pk).first()
        signed = SignedConfirmation(
            offer=offer, version=version, original_name=name, size=len(data), kind=kind, accepted=accepted,
            content_type=CONTENT_TYPES.get(kind, "application/octet-stream"),
            sha256=hashlib.sha256(data).hexdigest(), uploaded_by=by, uploaded_at=now, result=result)
        signed.file.save(f"{file_slug(version.data.get('number'))}-v{version.number}.bin", ContentFile(data),
                         save=False)
        signed.save()
        signed.report.save(f"raport-podpisu-{signed.pk}.pdf", ContentFile(documents.report_pdf(signed)), save=True)
        SignatureEvent.objects.create(
            offer=offer, signed=signed, by=by, at=now,
            kind=SignatureEvent.Kind.ACCEPTED if accepted else SignatureEvent.Kind.REFUSED,
            details={"file": name, "sha256": signed.sha256, "version": version.number,
                     "signers": [s["name"] for s in result["signatures"]],
                     "problems": rules.problems(result, version=version.number, checksum=version.short_checksum,
                                                deadline=selectors.deadline_of(version))})
        registry.recorded(offer)
    return signed
