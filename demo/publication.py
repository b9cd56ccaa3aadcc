"""The decided demo call's publication record, as the clerk would have kept it: the announcement in
BIP and on the office's notice board (taken down after the submission deadline), the results of the
formal check in BIP, the results in BIP and on the notice board. Recorded through the service, with
back-dated moments, a day after each document was made. The addresses are demonstration ones."""
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from competition import selectors_publication as record
from competition.models import Call
from competition.services import publication as services

BIP = "https://bip.example.org/konkursy/{slug}/{document}"
NOTICE_BOARD = "Tablica ogłoszeń w holu urzędu, parter"


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def publication_record(call: Call, clerk, *, taken_down: dict[str, date]) -> None:
    """Each public document of `call` in BIP (and on the notice board where `taken_down` names the
    day it was taken down), recorded the next morning."""
    for doc in record.public_documents(call):
        day = doc.made_on
        services.publication_record(call=call, document=doc.key, by=clerk, place="bip",
                                    address=BIP.format(slug=call.slug, document=doc.kind), published_from=day,
                                    now=_at(day + timedelta(days=1), 8))
        if doc.kind in taken_down:
            until = taken_down[doc.kind]
            services.publication_record(call=call, document=doc.key, by=clerk, place="notice_board",
                                        address=NOTICE_BOARD, published_from=day, published_until=until,
                                        now=_at(until, 15))
