"""The rules of the publication record, as pure functions (no ORM).

Where the Act says a document must be published:

- the announcement: in BIP, on the notice board of the office and on its website (art. 13(3));
- the results: the same three places (art. 15(2h)), at once;
- an annulment: the way the call was announced (art. 18a(2));
- an amendment of the announcement: the way the announcement was, so that it reaches the same readers.

The results of the formal check are published by custom, not by the Act: nothing is required.
The portal's own page is the office's website when the office runs the portal, so the portal's
automatic entry counts as "website".
"""
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy

BIP, NOTICE_BOARD, WEBSITE, OTHER = "bip", "notice_board", "website", "other"
ALL_PLACES = (BIP, NOTICE_BOARD, WEBSITE)

REQUIRED_PLACES: dict[str, tuple[str, ...]] = {
    "announcement": ALL_PLACES,
    "amendment": ALL_PLACES,
    "results": ALL_PLACES,
    "annulment": ALL_PLACES,
    "formal_results": (),
}
# Places whose entry is an address on the web.
URL_PLACES = (BIP, WEBSITE)

# The clerk is reminded once when a required place is still not recorded this long after the document
# was made; not at all for a document older than REMINDER_STALE (a call loaded from the past).
REMINDER_AFTER = timedelta(days=1)
REMINDER_STALE = timedelta(days=14)

URL_REQUIRED = gettext_lazy("The Public Information Bulletin and the website are recorded with the address (URL) of the page "
                 "where the document is published, starting with https:// or http://.")
DESCRIPTION_REQUIRED = gettext_lazy("Say what the other place is (e.g. the local newspaper, its issue).")
UNTIL_BEFORE_FROM = gettext_lazy("The document cannot be taken down before it was put up: the end date is earlier than the start "
                      "date.")
UNTIL_ONLY_NOTICE_BOARD = gettext_lazy("Only a notice board has an end date (the day the document was taken down).")
IN_FUTURE = gettext_lazy("A publication is recorded once it has happened: the date %(date)s is in the future.")
BEFORE_DOCUMENT = gettext_lazy("The document was made on %(made)s: it cannot have been published before that (%(date)s).")


def _day(value: date) -> str:
    return value.strftime("%d.%m.%Y")


def _url_ok(value: str) -> bool:
    try:
        URLValidator(schemes=("http", "https"))(value)
    except ValidationError:
        return False
    return True


def entry_errors(*, place: str, address: str, published_from: date, published_until: date | None,
                 today: date, made_on: date) -> dict[str, str]:
    """What is wrong with a publication entry, by field; empty when it may be recorded.

    `made_on` is the day the document was made (published on the portal), `today` the Warsaw date."""
    errors: dict[str, str] = {}
    address = (address or "").strip()
    if place in URL_PLACES and not _url_ok(address):
        errors["address"] = str(URL_REQUIRED)
    elif place == OTHER and not address:
        errors["address"] = str(DESCRIPTION_REQUIRED)
    if published_from > today:
        errors["published_from"] = IN_FUTURE % {"date": _day(published_from)}
    elif published_from < made_on:
        errors["published_from"] = BEFORE_DOCUMENT % {"made": _day(made_on), "date": _day(published_from)}
    if published_until is not None:
        if place != NOTICE_BOARD:
            errors["published_until"] = str(UNTIL_ONLY_NOTICE_BOARD)
        elif published_until < published_from:
            errors["published_until"] = str(UNTIL_BEFORE_FROM)
        elif published_until > today:
            errors["published_until"] = IN_FUTURE % {"date": _day(published_until)}
    return errors


def missing_places(document: str, recorded: set[str]) -> list[str]:
    """The places the Act requires for the document that have no entry (the portal counts as the website)."""
    return [place for place in REQUIRED_PLACES.get(document, ()) if place not in recorded]


def reminder_moment(made_at: datetime, now: datetime) -> datetime | None:
    """When the reminder about a missing publication is due, if it is due at `now`: a day after the
    document was made, and not for documents older than REMINDER_STALE."""
    moment = made_at + REMINDER_AFTER
    if moment <= now and now - made_at <= REMINDER_STALE:
        return moment
    return None
