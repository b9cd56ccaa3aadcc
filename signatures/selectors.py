"""Reads of signed confirmations: for the applicant's upload page, the clerk's formal sheet and
the formal check's computed answer (`signed_status`)."""
from datetime import datetime

from django.http import Http404

from authorities.permissions import is_clerk_of
from offers.models import Offer, OfferVersion
from offers.selectors import offers_of
from signatures import rules
from signatures.models import SignedConfirmation


def representations(data: dict) -> list[rules.Representation]:
    """Every offeror of a version's snapshot with the persons it names to represent it."""
    offerors = [data.get("lead") or {}, *(data.get("partners") or [])]
    return [rules.representation(o.get("name") or "", o.get("representatives") or []) for o in offerors]


def deadline_of(version: OfferVersion) -> datetime:
    """The confirmation deadline the version was submitted under (the call's, as in its snapshot)."""
    info = version.data.get("call_info") or {}
    if info.get("confirmation_deadline"):
        return datetime.fromisoformat(info["confirmation_deadline"])
    return version.offer.call.confirmation_deadline


def signed_of_version(version: OfferVersion) -> list[SignedConfirmation]:
    return list(version.signed_confirmations.select_related("uploaded_by").order_by("uploaded_at", "pk"))


def signed_of_offer(offer: Offer) -> list[SignedConfirmation]:
    return list(offer.signed_confirmations.select_related("uploaded_by", "version").order_by("uploaded_at", "pk"))


def signatures_counted(signed: list[SignedConfirmation]) -> list[rules.Signature]:
    return [rules.Signature(name=s["name"], signed_at=datetime.fromisoformat(s["signed_at"]))
            for item in signed if item.accepted for s in item.result.get("signatures", []) if s.get("counts")]


def signed_status(version: OfferVersion | None) -> rules.SignedStatus | None:
    """Who signed the version's confirmation electronically, per offeror; None when no file was uploaded."""
    if version is None:
        return None
    signed = signed_of_version(version)
    if not signed:
        return None
    counted = signatures_counted(signed)
    return rules.SignedStatus(offerors=[rules.offeror_signed(rep, counted) for rep in representations(version.data)],
                              uploads=len(signed), refused=sum(1 for s in signed if not s.accepted))


def signed_get_for_user(*, offer_pk: int, number: int, signed_pk: int, user) -> SignedConfirmation:
    """A signed confirmation for the offer's applicants and the clerks of its call's authority;
    404 for everybody else."""
    try:
        signed = SignedConfirmation.objects.select_related("offer__call", "version").get(
            pk=signed_pk, offer_id=offer_pk, version__number=number)
    except SignedConfirmation.DoesNotExist:
        raise Http404 from None
    if is_clerk_of(user, signed.offer) or offers_of(user).filter(pk=offer_pk).exists():
        return signed
    raise Http404


def problems_of(signed: SignedConfirmation) -> list[str]:
    return rules.problems(signed.result, version=signed.version.number, checksum=signed.version.short_checksum,
                          deadline=deadline_of(signed.version))


def signed_status_for_report(signed: SignedConfirmation, deadline: datetime) -> tuple[bool, str]:
    """What the version's signatures amount to once this file is counted (the report's conclusion)."""
    status = signed_status(signed.version)
    if status is None:
        return False, ""
    return rules.status_reason(status, deadline)


def signed_rows(signed: list[SignedConfirmation]) -> list[dict]:
    """Each file with its signers and its problems in words, for the applicant's and the clerk's pages."""
    return [{"signed": item, "signers": item.result.get("signatures", []), "problems": problems_of(item)}
            for item in signed]


def version_of(offer: Offer, number: int) -> OfferVersion:
    """The offer's submitted version `number` (prefetched by `offers.selectors.offer_get_for_user`), or 404."""
    version = next((v for v in offer.versions.all() if v.number == number), None)
    if version is None:
        raise Http404
    return version
