"""What the publication record tells the outbox (registered in `CompetitionConfig.ready()` with
notifications.registry): a reminder to the clerks when a publication the Act requires (BIP, the
notice board; the portal counts as the website) is still not recorded a day after the document
was made, and the check, just before sending, that it is still missing.

One reminder per document and clerk: its due moment is fixed (the document's moment plus a day),
and the outbox's unique constraint makes a second planning of the same reminder a no-op."""
from datetime import datetime

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.permissions import CLERK
from competition import selectors_publication as record
from competition.models import Call
from notifications.models import Message
from notifications.registry import Planned

KIND = Message.Kind.PUBLICATION_MISSING


def _key(call: Call, doc: record.PublicDocument) -> str:
    return f"call:{call.pk}:{doc.kind}:{doc.ref}"


def _clerks(call: Call) -> list:
    """The clerks of the call's authority (each reminder goes to its own office only)."""
    return list(get_user_model().objects.filter(authority_roles__authority_id=call.authority_id,
                                                authority_roles__role=CLERK, is_active=True)
                .distinct().order_by("pk"))


def planned(now: datetime) -> list[Planned]:
    due = record.reminders_due(now)
    if not due:
        return []
    clerks = {}
    out = []
    for call, doc, moment in due:
        subject = _("Record where “%(document)s” was published: %(call)s") % {
            "document": doc.label, "call": call.title[:120]}
        text = _("A day after the portal published “%(document)s” of the call “%(call)s”, the publication record "
                 "still has no entry for: %(missing)s. The Act requires these places; once the document is "
                 "published there, record each with its address and date.") % {
            "document": doc.label, "call": call.title, "missing": ", ".join(doc.missing)}
        url = reverse("competition:manage_publication", kwargs={"slug": call.slug})
        if call.authority_id not in clerks:
            clerks[call.authority_id] = _clerks(call)
        out.append(Planned(KIND, clerks[call.authority_id], _key(call, doc), subject, text, url, moment,
                           authority_id=call.authority_id))
    return out


def publication_missing_applies(message: Message) -> bool:
    """Not sent when the missing places were recorded meanwhile."""
    try:
        _prefix, call_pk, kind, ref = message.object_key.split(":")
        call = Call.objects.get(pk=int(call_pk))
    except (ValueError, Call.DoesNotExist):
        return False
    doc = next((d for d in record.publication_record(call) if d.kind == kind and d.ref == int(ref)), None)
    return doc is not None and bool(doc.missing)
