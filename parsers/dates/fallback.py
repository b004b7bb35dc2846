"""The long tail: dateparser, imported lazily, for texts the rules found no date in.

Called only when the text holds a day-like number the rules did not use (so "10h-12h" or
"Mois de l'innovation publique 2021" never reach it) and nothing made the rules refuse it. dateparser must find a day and a month
(and a year unless the context gives one); "now" is pinned to `today` or to the context
year. Only absolute dates: relative words are the rules' ("demain", "dans 3 jours", "il y
a 2 jours", "lundi prochain"), and dateparser's relative readings of what is left are
guesses ("2 jours" is a duration, not two days ago; "dans 10 minutes" no event date).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import TYPE_CHECKING, Any

from parsers.dates.model import When
from parsers.dates.slots import local

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from parsers.dates.model import Reading

# a number that could be a day ("16", "1er") or a compact date ("16112021")
_DAYLIKE = re.compile(r"\d{1,2}(?:er|e)?|\d{5,8}")


@functools.lru_cache(maxsize=32)
def _parser(base: dt.datetime, need_year: bool) -> Any:
    from dateparser.date import DateDataParser  # lazy: ~0.3 s to import

    settings = {
        "DATE_ORDER": "DMY",
        "PREFER_DAY_OF_MONTH": "first",
        "RELATIVE_BASE": base,
        "REQUIRE_PARTS": ["day", "month", "year"] if need_year else ["day", "month"],
        "PARSERS": ["absolute-time"],
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    return DateDataParser(languages=["fr"], settings=settings)


def worth_trying(reading: Reading) -> bool:
    """Only a text with a day-like number the rules left unused can hold a date they missed."""
    return any(_DAYLIKE.fullmatch(word) for word in reading.rest)


def parse(norm: str, reading: Reading, *, year: int | None, today: dt.date | None,
          zone: ZoneInfo) -> When | None:
    """A When from dateparser, or None."""
    if reading.abort or not worth_trying(reading):
        return None
    if today is not None:
        base = dt.datetime(today.year, today.month, today.day)  # noqa: DTZ001 dateparser's naive "now"
    else:
        base = dt.datetime(year or 2000, 1, 1)  # noqa: DTZ001 idem, pinned, never the clock
    try:
        data = _parser(base, year is None and today is None).get_date_data(norm)
    except (ValueError, OverflowError):
        return None
    found = data["date_obj"]
    if found is None or data["period"] not in ("day", "time"):
        return None  # "dans 2 semaines" is a week, not a day
    warnings: list[str] = ["read by the dateparser fallback"]
    if data["period"] == "time" or (found.hour, found.minute) != (0, 0):
        start = local(found.date(), (found.hour, found.minute), zone, warnings)
        return When(start, None, False, ((start, None),), tuple(warnings), "fallback",
                    precision="minute", span=(0, len(norm)), zone=zone.key)
    day = found.date()
    return When(day, day, True, ((day, day),), tuple(warnings), "fallback", span=(0, len(norm)),
                zone=zone.key)
