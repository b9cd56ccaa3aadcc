"""Rules about the dates a call announces and the dates its texts mention (pure: no ORM).

- the decision recorded after the date the announcement gave for it is a warning in the call's
  history (art. 13(2)(6) of the Act: the announcement states when the choice is made);
- a copied call's texts may still name the old call's dates or years, which the copy cannot
  rewrite safely (a law's citation keeps its year), so the clerk gets a list of them;
- the demo's texts move with its dates (`shift_text_dates`), so it never prints two periods.
"""
import re
from datetime import date, timedelta

from django.utils.translation import ngettext

# "1.07.2019", "01.07.2019 r.", "1 lipca 2019", "2019-07-01"
MONTHS_GENITIVE = ("stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia",
                   "września", "października", "listopada", "grudnia")
_NUMERIC = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_WORDS = re.compile(r"\b(\d{1,2}) (" + "|".join(MONTHS_GENITIVE) + r") (\d{4})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_IN_YEAR = re.compile(r"\b([wW]) ((?:19|20)\d\d) r\.")
_YEAR = re.compile(r"(?<![\d.\-/])((?:19|20)\d\d)(?![\d\-])")


def decision_late_warning(announced: date | None, decided: date | None) -> str | None:
    """The decision made after the date the announcement gave for it: allowed, but recorded and shown."""
    if announced is None or decided is None or decided <= announced:
        return None
    days = (decided - announced).days
    return ngettext("The decision is dated %(decided)s, %(days)s day after the date announced for it (%(announced)s): "
                    "the announcement states when the offers are chosen (art. 13(2)(6) of the Act).",
                    "The decision is dated %(decided)s, %(days)s days after the date announced for it (%(announced)s): "
                    "the announcement states when the offers are chosen (art. 13(2)(6) of the Act).", days) % {
        "decided": decided.strftime("%d.%m.%Y"), "announced": announced.strftime("%d.%m.%Y"), "days": days}


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def dates_in_text(text: str) -> list[tuple[str, date]]:
    """Every full date written in a text, as (what is written, the date)."""
    found = []
    for m in _NUMERIC.finditer(text or ""):
        day = _safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if day:
            found.append((m.group(0), day))
    for m in _WORDS.finditer(text or ""):
        day = _safe_date(int(m.group(3)), MONTHS_GENITIVE.index(m.group(2)) + 1, int(m.group(1)))
        if day:
            found.append((m.group(0), day))
    for m in _ISO.finditer(text or ""):
        day = _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if day:
            found.append((m.group(0), day))
    return found


def stale_date_mentions(text: str, *, old_dates: list[date], new_dates: list[date]) -> list[str]:
    """What a copied call's text still says of the old call: each of the old call's dates it names,
    and each year of the old call that is not a year of the new one (in the order they appear)."""
    old, new_years = set(old_dates), {d.year for d in new_dates}
    stale_years = {d.year for d in old_dates} - new_years
    found: list[tuple[int, str]] = []
    covered: list[range] = []
    for pattern in (_NUMERIC, _WORDS, _ISO):
        for m in pattern.finditer(text or ""):
            written = [d for w, d in dates_in_text(m.group(0))]
            if written and (written[0] in old or written[0].year in stale_years):
                found.append((m.start(), m.group(0)))
            covered.append(range(m.start(), m.end()))
    for m in _YEAR.finditer(text or ""):
        if int(m.group(1)) in stale_years and not any(m.start() in r for r in covered):
            found.append((m.start(), m.group(1)))
    seen, out = set(), []
    for _pos, value in sorted(found):
        if value not in seen:
            seen.add(value)
            out.append(value)
    return out


def shift_text_dates(text: str, delta: timedelta, *, period: tuple[date, date]) -> str:
    """A text with the call's own dates moved by `delta`, written as before (numeric, in words or ISO).

    Only dates within `period` (the call's own, from its announcement to the end of its realisation)
    move, and a year alone only as "w 2019 r." ("in 2019"): the date or year of a law or a resolution
    the text cites ("ustawa z dnia 24 kwietnia 2003 r.", "Dz. U. z 2019 r.") stays as it is."""
    first, last = period
    years = (last + delta).year - last.year  # "in 2019" names the year the task is carried out

    def moved(day: date | None) -> date | None:
        return day + delta if day is not None and first <= day <= last else None

    def numeric(m):
        day = moved(_safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1))))
        return m.group(0) if day is None else f"{day.day:0{len(m.group(1))}d}.{day.month:02d}.{day.year}"

    def words(m):
        day = moved(_safe_date(int(m.group(3)), MONTHS_GENITIVE.index(m.group(2)) + 1, int(m.group(1))))
        return m.group(0) if day is None else f"{day.day} {MONTHS_GENITIVE[day.month - 1]} {day.year}"

    def iso(m):
        day = moved(_safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
        return m.group(0) if day is None else day.isoformat()

    def year(m):
        return f"{m.group(1)} {int(m.group(2)) + years} r."

    text = _ISO.sub(iso, _WORDS.sub(words, _NUMERIC.sub(numeric, text or "")))
    return _IN_YEAR.sub(year, text)
