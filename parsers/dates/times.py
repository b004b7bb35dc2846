"""Reading times of day in the token stream: slots, bare hours, durations and asides."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from parsers.dates.model import Atom, Clock, Reading, Slot
from parsers.dates.words import BEFORE_HOUR, DURATION, FILLERS, RELATIVE, TO

if TYPE_CHECKING:
    from parsers.dates.lexer import Token


class TimesMixin:
    """Time reading for parsers.dates.grammar._Reader (uses its toks, out, kind(), text())."""

    toks: list[Token]
    out: Reading
    conn: str | None
    between: bool
    depth: int
    target: Atom | None

    def kind(self, i: int) -> str:
        raise NotImplementedError

    def text(self, i: int) -> str:
        raise NotImplementedError

    def bare_hour(self, i: int) -> bool:
        """"9" in "de 9 à 12h" / "9-12h": an hour without its "h", before a time."""
        sep = self.text(i + 1)
        return self.kind(i + 2) == "time" and self.text(i - 1) in BEFORE_HOUR and (
            self.kind(i + 1) == "dash" or sep in ("a", "et", "/")
        ) and self.toks[i].value[0] <= self.toks[i + 2].value[0]

    def read_times(self, i: int) -> int:
        start: Any = self.toks[i].value   # (h, m), (h,) or a whole range (h, m, h, m)
        end: Any = None
        j = i + 1
        sep = self.text(j)
        if len(start) == 4:  # a whole range in one token: "14h30-16h"
            start, end = start[:2], start[2:]
        elif len(start) == 1:  # a bare hour
            start = (start[0], 0)
        if end is None and self.kind(j + 1) == "time" and (
            self.kind(j) == "dash" or sep in TO or sep == "/" or (sep == "et" and self.between)
        ):
            end, j = self.toks[j + 1].value, j + 2
            self.between = False
        if end is not None:
            self.between = False
        if self.is_duration(i, j, end):
            self.out.warnings.append(f"duration ignored: {self.toks[i].text!r}")
            return j
        if not (_valid_clock(start) and (end is None or _valid_clock(end))):
            self.out.warnings.append(f"invalid time ignored: {self.toks[i].text!r}")
            return j
        self.attach(Slot(start, end), self.toks[i].text)
        return j

    def attach(self, slot: Slot, text: str) -> None:
        """Give the slot to the date it follows (or keep it for the first date to come)."""
        self.out.has_time = True
        if self.depth and self.target is not None and self.target.times:
            self.out.warnings.append(f"time in brackets ignored: {text!r}")
            return  # "18h30 (ouverture des portes à 18h)"
        if self.target is not None:
            self.target.times.append(slot)
        else:
            self.out.pre_times.append(slot)
        self.conn = None if self.conn != "or" else "or"

    def is_duration(self, i: int, j: int, end: Clock | None) -> bool:
        if end is not None:
            return False
        back = i - 1
        while self.text(back) in (":", "(", "de", "d'"):
            back -= 1
        if self.text(back) in DURATION:
            return True
        if self.text(i - 1) == "(" and self.text(j) == ")" and self.out.has_time:
            return True  # "14h-15h30 (1h30)"
        follower = self.text(j + 1)
        return self.text(j) in ("de", "d'") and self.kind(j + 1) == "word" and follower not in (
            FILLERS | RELATIVE.keys()
        )


def _valid_clock(clock: Clock) -> bool:
    hour, minute = clock
    return 0 <= minute <= 59 and (0 <= hour <= 23 or (hour == 24 and minute == 0))
