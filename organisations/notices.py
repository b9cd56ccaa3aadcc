"""What organisations tell the outbox (registered in `OrganisationsConfig.ready()`): an
invitation is sent only while it can still be accepted. The bank-account notice is a signal
receiver (`organisations/receivers.py`)."""
from django.utils import timezone

from notifications.models import Message
from organisations.models import Invitation
from organisations.selectors import INVITATION_VALID_FOR


def invitation_applies(message: Message) -> bool:
    """An invitation ("invitation:<pk>") is sent only while it can still be accepted."""
    pk = int(message.object_key.split(":")[1])
    return Invitation.objects.filter(pk=pk, accepted_at__isnull=True,
                                     created_at__gt=timezone.now() - INVITATION_VALID_FOR).exists()
