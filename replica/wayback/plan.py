"""Which captures the archive holds of each page of a past edition, and when.

A pure function of ``(seed, edition, page)``: the archive's crawler passed over every
listing three times (ten days before the edition, mid-edition, four days after it; the
early pass saw the programme as it then stood), and over each event page one to three
times. Each event draws a *fate* (shares in ``FATES``) that decides what the archive has of
it: nothing, only an error status, only a redirect, only an error page saved with status
200, a usable capture behind a nearer unusable one (an error page or a page carrying the
archive's toolbar), a later capture after the event changed, or only a capture of the
same URL reused by the next edition.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from replica.editions import Edition

UTC = dt.UTC
TS_FORMAT = "%Y%m%d%H%M%S"
FATES = (("none", 0.04), ("status", 0.02), ("redirect", 0.02), ("error", 0.02),
         ("error_near", 0.04), ("toolbar_near", 0.02), ("other", 0.02), ("late", 0.03),
         ("late_only", 0.02))
LISTING_GAP = 0.05          # share of listing pages after the first that were never captured
# One past edition's last listing page is only held as an error status: the e2e tests see a gap.
FORCED_LISTING_ERROR = 2020


@dataclass(frozen=True)
class Capture:
    when: dt.datetime        # UTC
    kind: str                # page | early | late | error | toolbar | other | redirect | status
    status: int = 200        # the HTTP status the archive recorded

    @property
    def timestamp(self) -> str:
        return self.when.strftime(TS_FORMAT)


def timestamp(moment: dt.datetime) -> str:
    return moment.astimezone(UTC).strftime(TS_FORMAT)


def parse_timestamp(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, TS_FORMAT).replace(tzinfo=UTC)


def _rng(seed: int, ed: Edition, key: str) -> random.Random:
    return random.Random(f"{seed}:wayback:{ed.year}:{key}")


def _at(day: dt.date, hour: int, seconds: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=UTC) + dt.timedelta(seconds=seconds)


def listing_passes(ed: Edition) -> tuple[dt.datetime, dt.datetime, dt.datetime]:
    """When the archive walked the listing: before, during and after the edition."""
    middle = ed.start + (ed.end - ed.start) / 2
    return (_at(ed.start - dt.timedelta(days=10), 2), _at(middle, 3),
            _at(ed.end + dt.timedelta(days=4), 4))


def listing_captures(seed: int, ed: Edition, page: int, last: int, early_last: int) -> list[Capture]:
    """Captures of listing page ``page`` (``early_last``: the last page of the early pass)."""
    rng = _rng(seed, ed, f"listing:{page}")
    if ed.year == FORCED_LISTING_ERROR and page == last and page > 0:
        return [Capture(listing_passes(ed)[2] + dt.timedelta(seconds=9 * page), "status", 503)]
    if page > 0 and rng.random() < LISTING_GAP:
        return []
    early, middle, late = (t + dt.timedelta(seconds=9 * page) for t in listing_passes(ed))
    out = [Capture(early, "early")] if page <= early_last else []
    return out + [Capture(middle, "page"), Capture(late, "page")]


def _fate(rng: random.Random) -> str:
    u = rng.random()
    for fate, share in FATES:
        if u < share:
            return fate
        u -= share
    return "page"


def _times(rng: random.Random, lo: dt.datetime, hi: dt.datetime, k: int) -> list[dt.datetime]:
    span = int((hi - lo).total_seconds())
    return sorted({lo + dt.timedelta(seconds=rng.randrange(max(span, 1))) for _ in range(k)})


def event_captures(seed: int, ed: Edition, index: int, published: dt.date) -> tuple[str, list[Capture]]:
    """The fate of event ``index`` and the captures the archive holds of its page."""
    rng = _rng(seed, ed, f"event:{index}")
    fate = _fate(rng)
    lo = max(_at(published + dt.timedelta(days=1), 0), _at(ed.start - dt.timedelta(days=15), 0))
    hi = _at(ed.end + dt.timedelta(days=10), 0)
    after = _at(ed.end + dt.timedelta(days=rng.randint(20, 50)), rng.randint(0, 23))
    near = [t + dt.timedelta(hours=rng.randint(1, 20)) for t in listing_passes(ed)[1:]]
    pages = [Capture(t, "page") for t in _times(rng, lo, hi, rng.choice((1, 1, 2, 3)))]
    early = [Capture(t, "page") for t in _times(rng, lo, _at(ed.start, 0), 1)]
    captures = {
        "none": [],
        "status": [Capture(t, "status", rng.choice((404, 503))) for t in _times(rng, lo, hi, 1)],
        "redirect": [Capture(t, "redirect", 302) for t in _times(rng, lo, hi, 1)],
        "error": [Capture(t, "error") for t in _times(rng, lo, hi, rng.choice((1, 2)))],
        "error_near": early + [Capture(t, "error") for t in near],
        "toolbar_near": early + [Capture(t, "toolbar") for t in near],
        "other": [Capture(_at(ed.start.replace(year=ed.year + 1), 5) + dt.timedelta(hours=index), "other")],
        "late": pages + [Capture(after, "late")],
        "late_only": [Capture(after, "late")],
        "page": pages,
    }[fate]
    return fate, sorted(captures, key=lambda c: c.when)
