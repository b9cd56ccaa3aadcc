"""Reads of the publication record: the public documents of a call and where each was published.

A call's public documents are read from what the portal stored when each was made: the
announcement (`Call.published_at`), each amendment (a `CallEvent` "amended"), the results of the
formal check (the call leaving the formal check), the results (`Call.results_published_at`) and
an annulment (the move to "annulled"). For each, the portal's own page is an automatic entry at
the moment of the portal's publication; the clerk's entries (`PublicationEntry`) follow.
"""
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from competition import rules_publication as rules
from competition.models import Call, CallEvent, PublicationEntry
from competition.rules import WARSAW

Document = PublicationEntry.Document
Place = PublicationEntry.Place


@dataclass
class Placement:
    """One place a document was published: a clerk's entry, or the portal's automatic one (`entry` None)."""

    place: str
    label: str
    address: str
    published_from: date
    published_until: date | None = None
    entry: PublicationEntry | None = None

    @property
    def is_url(self) -> bool:
        return self.address.startswith(("http://", "https://"))


@dataclass
class PublicDocument:
    kind: str
    ref: int
    label: str
    made_at: datetime
    path: str
    places: list[Placement] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.ref}"

    @property
    def made_on(self) -> date:
        return self.made_at.astimezone(WARSAW).date()

    @property
    def missing(self) -> list[str]:
        """The places the Act requires that have no entry, as labels."""
        labels = dict(Place.choices)
        return [str(labels[p]) for p in rules.missing_places(self.kind, {p.place for p in self.places})]

    def recorded(self, place: str) -> list[Placement]:
        return [p for p in self.places if p.place == place]


def _url(name: str, call: Call) -> str:
    return reverse(name, kwargs={"slug": call.slug})


def public_documents(call: Call, events: list[CallEvent] | None = None) -> list[PublicDocument]:
    """The call's public documents in the order they were made, without their places. `events`: the
    call's amendments and stage changes if the caller has read them already (the public page has)."""
    docs: list[PublicDocument] = []
    if call.published_at:
        docs.append(PublicDocument(Document.ANNOUNCEMENT, 0, str(Document.ANNOUNCEMENT.label), call.published_at,
                                   _url("competition:call_detail", call)))
    if events is None:
        events = call.events.filter(kind__in=(CallEvent.Kind.AMENDED, CallEvent.Kind.TRANSITION))
    transitions = sorted((e for e in events if e.kind in (CallEvent.Kind.AMENDED, CallEvent.Kind.TRANSITION)),
                         key=lambda e: (e.at, e.pk))
    amendments = [e for e in transitions if e.kind == CallEvent.Kind.AMENDED]
    for number, event in enumerate(amendments, start=1):
        label = _("amendment no. %(number)s of the announcement (%(date)s)") % {
            "number": number, "date": event.at.astimezone(WARSAW).strftime("%d.%m.%Y")}
        docs.append(PublicDocument(Document.AMENDMENT, event.pk, label, event.at,
                                   _url("competition:call_detail", call) + "#history"))
    left_check = next((e for e in transitions if e.kind == CallEvent.Kind.TRANSITION
                       and e.from_state == Call.State.FORMAL_CHECK), None)
    if left_check:
        docs.append(PublicDocument(Document.FORMAL_RESULTS, 0, str(Document.FORMAL_RESULTS.label), left_check.at,
                                   _url("reports:formal_results", call)))
    if call.results_published_at and call.state != Call.State.ANNULLED:
        docs.append(PublicDocument(Document.RESULTS, 0, str(Document.RESULTS.label), call.results_published_at,
                                   _url("reports:results", call)))
    annulled = next((e for e in transitions if e.kind == CallEvent.Kind.TRANSITION
                     and e.to_state == Call.State.ANNULLED), None)
    if annulled and call.state == Call.State.ANNULLED:
        docs.append(PublicDocument(Document.ANNULMENT, 0, str(Document.ANNULMENT.label), annulled.at,
                                   _url("reports:annulment_pdf", call)))
    return sorted(docs, key=lambda d: d.made_at)


def publication_record(call: Call, events: list[CallEvent] | None = None) -> list[PublicDocument]:
    """Every public document of the call with its places: the portal first, then the clerk's entries."""
    docs = public_documents(call, events)
    by_key = {d.key: d for d in docs}
    base = settings.PORTAL_BASE_URL.rstrip("/")
    for doc in docs:
        doc.places.append(Placement(Place.WEBSITE, _("this portal (automatic)"), base + doc.path, doc.made_on))
    for entry in call.publications.select_related("recorded_by").order_by("published_from", "pk"):
        doc = by_key.get(entry.document_key)
        if doc is not None:  # an entry of an amendment whose history row is gone cannot be shown
            doc.places.append(Placement(entry.place, entry.get_place_display(), entry.address, entry.published_from,
                                     entry.published_until, entry))
    return docs


def entry_get(call: Call, pk: int) -> PublicationEntry:
    try:
        return call.publications.get(pk=pk)
    except PublicationEntry.DoesNotExist:
        raise Http404 from None


def document_publication(call: Call, kind: str, ref: int = 0) -> PublicDocument | None:
    """One document with its places, for the texts that say where it was published; None before it exists.
    The announcement and the results are known from the call itself: their history rows are not read."""
    events = [] if kind in (Document.ANNOUNCEMENT, Document.RESULTS) else None
    return next((d for d in publication_record(call, events) if d.kind == kind and d.ref == ref), None)


def reminders_due(now: datetime | None = None) -> list[tuple[Call, PublicDocument, datetime]]:
    """Documents that still miss a place the Act requires a day after they were made (not older ones)."""
    now = now or timezone.now()
    since = now - rules.REMINDER_STALE
    calls = (Call.objects.public().filter(published_at__isnull=False)
             .filter(Q(events__at__gte=since) | Q(results_published_at__gte=since)).distinct())
    out = []
    for call in calls:
        for doc in publication_record(call):
            moment = rules.reminder_moment(doc.made_at, now)
            if moment and doc.missing:
                out.append((call, doc, moment))
    return out
