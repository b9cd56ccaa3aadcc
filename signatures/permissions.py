"""Whether a signed confirmation may be uploaded for a version now."""
from django.utils.translation import gettext as _

from offers.models import Offer, OfferVersion


def upload_error(offer: Offer, version: OfferVersion) -> str | None:
    """Only the offer's current version, while it stands (not withdrawn), takes a signed confirmation."""
    if version.withdrawn_at is not None or offer.state in (Offer.State.DRAFT, Offer.State.WITHDRAWN):
        return _("Version %(number)s has been withdrawn: its confirmation can no longer be signed.") % {
            "number": version.number}
    latest = max(v.number for v in offer.versions.all())
    if version.number != latest:
        return _("Version %(number)s has been replaced by version %(latest)s: sign the confirmation of version "
                 "%(latest)s.") % {"number": version.number, "latest": latest}
    return None
