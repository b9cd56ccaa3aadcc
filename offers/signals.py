"""Signals other apps listen to, so that offers need not import them."""
from django.dispatch import Signal

# Sent inside the transaction when an offer returned for correction is submitted again;
# kwargs: offer, by, now. The formal check reopens the offer's sheet.
offer_resubmitted = Signal()

# Sent after commit when an offer is submitted; kwargs: version (OfferVersion). The outbox
# queues the "offer received" e-mail with the confirmation attached.
offer_submitted = Signal()

# Sent inside the transaction when an offer negotiating a lower grant is submitted, updated;
# kwargs: offer, version, by, now. The decision records the acceptance.
offer_adjusted = Signal()
