"""Reading times of day in the token stream: slots, bare hours, durations, asides and the
clock a time is written in ("14h heure de Paris", "9h (UTC-4)", "17h à La Réunion")."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from parsers.dates.model import Atom, Clock, Reading, Slot
from parsers.dates.words import BEFORE_HOUR, DURATION, FILLERS, OPEN_TO, RELATIVE, TO
from parsers.zones import PLACE_ZONES

if TYPE_CHECKING:
    from parsers.dates.lexer import Token

# words that may stand between a time and the place naming its clock ("17h à La Réunion")
_BEFORE_PLACE = {"(", "a", "en", "la", "l'", "le", "heure", "heures", "nouvelle", "-", "polynesie"}


class TimesMixin:
    """Time reading for parsers.dates.grammar._Reader (uses its toks, out, kind(), text())."""

    toks: list[Token]
    texts: list[str]
    kinds: list[str]
    out: Reading
    conn: str | None
    between: bool
    depth: int
    welcomes: list[Slot]
    target: Atom | None
    zoneless: list[Slot]
    pending_zone: str | None
    pre_first: int
    paren_mark: int | None

    def bare_hour(self, i: int) -> bool:
        """"9" in "de 9 à 12h" / "9-12h": an hour without its "h", before a time."""
        sep = self.texts[i + 1]
        return self.kinds[i + 2] == "time" and self.texts[i - 1] in BEFORE_HOUR and (
            self.kinds[i + 1] == "dash" or sep in ("a", "et", "/")
        ) and self.toks[i].value[0] <= self.toks[i + 2].value[0]

    def read_times(self, i: int) -> int:
        start: Any = self.toks[i].value   # (h, m), (h,) or a whole range (h, m, h, m)
        end: Any = None
        j = i + 1
        sep = self.texts[j]
        if len(start) == 4:  # a whole range in one token: "14h30-16h"
            start, end = start[:2], start[2:]
        elif len(start) == 1:  # a bare hour
            start = (start[0], 0)
        if sep in _MERIDIEM and end is None:  # "10:00 AM - 2:00 PM"
            start, j = _meridiem(start, sep), j + 1
            sep = self.texts[j]
        if sep == "et" and self.texts[j + 1] in OPEN_TO and self.kinds[j + 2] == "time":
            j, sep = j + 1, self.texts[j + 1]   # "à partir de 9h30 et jusqu'à 12h30"
        if end is None and self.kinds[j + 1] == "time" and (
            self.kinds[j] == "dash" or sep in TO or sep in ("/", ">") or (sep == "et" and self.between)
        ):
            end, j = self.toks[j + 1].value, j + 2
            self.between = False
        if self.texts[j] in _MERIDIEM and end is not None:  # "2-4 pm": both, if in order
            pm = self.texts[j]
            end, j = _meridiem(end, pm), j + 1
            if self.texts[i + 1] not in _MERIDIEM and _meridiem(start, pm) < end:
                start = _meridiem(start, pm)
        if end is not None:
            self.between = False
        after, j = self.half_of_day(j)
        if after:   # "8h du soir", "de 2 à 4 heures de l'après-midi"
            start, end = _afternoon(start), _afternoon(end) if end is not None else None
        welcome = end is None and not self.depth and self.after_welcome(i)
        ignored = self.ignored_as(i, j, start, end, welcome)
        if ignored:
            self.out.warnings.append(f"{ignored} ignored: {self.toks[i].text!r}")
            return j
        slot = Slot(start, end)
        self.attach(slot, self.toks[i].text, i, j - 1)
        if welcome:
            self.welcomes.append(slot)
        return j

    def ignored_as(self, i: int, j: int, start: Any, end: Any, welcome: bool) -> str | None:
        """Why the time at token ``i`` (up to ``j``) is no session of the event, or None: a
        welcome time beside the event's own, a duration, a break, an impossible clock."""
        if welcome and self.target is not None and self.target.times:
            return "welcome time"
        if self.is_duration(i, j, end):
            return "duration"
        if self.is_break(i) and not (self.depth and self.target is not None and self.target.times):
            return "break"
        if not (valid_clock(start) and (end is None or valid_clock(end))):
            return "invalid time"
        return None

    def half_of_day(self, j: int) -> tuple[bool, int]:
        """After a time, "du matin" (kept), "du soir" or "de l'après-midi" (12 hours later):
        whether it is the afternoon or evening, and the token after those words."""
        texts = self.texts
        if texts[j] == "du" and texts[j + 1] in ("matin", "soir"):
            return texts[j + 1] == "soir", j + 2
        if texts[j] == "de" and texts[j + 1] == "l'" and texts[j + 2] in _AFTERNOON:
            return True, j + 3
        return False, j

    def attach(self, slot: Slot, text: str, first: int, last: int) -> None:
        """Give the slot to the date it follows (or keep it for the first date to come)."""
        self.out.has_time = True
        target = self.target
        if self.depth and target is not None and target.times and not self.clock_follows(last):
            self.out.warnings.append(f"time in brackets ignored: {text!r}")
            return  # "18h30 (ouverture des portes à 18h)"
        if self.pending_zone is not None:
            slot.zone = self.pending_zone
        else:
            self.zoneless.append(slot)
        if target is not None:
            target.times.append(slot)
            target.last = max(target.last, last)
        else:
            if not self.out.pre_times:
                self.pre_first = first
            self.out.pre_times.append(slot)
        self.conn = None if self.conn != "or" else "or"

    def clock_follows(self, last: int) -> bool:
        """Does a clock follow this time within its brackets ("(17h heure de La Réunion)")?"""
        for k in range(last + 1, min(last + 6, len(self.toks))):
            if self.toks[k].kind == "zone" or self.toks[k].text in PLACE_ZONES:
                return True
            if self.toks[k].text == ")":
                return False
        return False

    def is_break(self, i: int) -> bool:
        """"Pause déjeuner de 12h à 13h30": a break within the event, no session of it."""
        back = i - 1
        while self.texts[back] in _BREAK_WORDS:
            back -= 1
        return self.texts[back] == "pause"

    def after_welcome(self, i: int) -> bool:
        """"18h30, accueil dès 18h", "Accueil à 8h30, … à 9h", "ouverture des portes 18h": a
        welcome time, an aside when the date has another time (as in brackets)."""
        back = i - 1
        while self.texts[back] in _WELCOME_GLUE:
            back -= 1
        return self.texts[back] in ("accueil", "portes", "ouverture", "emargement")

    def drop_welcomes(self) -> None:
        """A welcome time written before the date's own time is dropped once that one is read."""
        for atom in self.out.atoms:
            kept = [s for s in atom.times if not any(s is w for w in self.welcomes)]
            if kept and len(kept) < len(atom.times):
                self.out.warnings.append("welcome time ignored: the event's own time is given")
                atom.times[:] = kept

    def is_duration(self, i: int, j: int, end: Clock | None) -> bool:
        if end is not None:
            return False
        back = i - 1
        while self.texts[back] in (":", "(", "de", "d'"):
            back -= 1
        held = self.target.times if self.target is not None else self.out.pre_times
        if self.texts[back] in DURATION or (self.texts[back] == "pour" and held):
            return True   # "à 14h pour 2h": a length once a time is written
        if self.texts[i - 1] == "(" and self.texts[j] == ")" and held:
            return True  # "14h-15h30 (1h30)"
        follower = self.texts[j + 1]
        return self.texts[j] in ("de", "d'") and self.kinds[j + 1] == "word" and follower not in (
            FILLERS | RELATIVE.keys()
        )

    # -- clocks ------------------------------------------------------------------------
    def zone_phrase(self, zone: str, i: int) -> None:
        """"heure de Paris", "UTC-4": the clock of the times before it that have none (only
        those in its own brackets if there are: "15h (10h en Martinique)"), else of the
        times after it."""
        named = None if zone == "local" else zone
        mark = self.paren_mark if self.depth and self.paren_mark is not None else 0
        if not self.zoneless[mark:]:
            mark = 0
        if self.zoneless[mark:]:
            for slot in self.zoneless[mark:]:
                slot.zone = named
            del self.zoneless[mark:]
            self.pending_zone = None
        else:
            self.pending_zone = named
        if self.target is not None:
            self.target.last = max(self.target.last, i)

    def place_clock(self, i: int) -> bool:
        """A place right after a time names its clock ("14h Paris / 17h Réunion")."""
        zone = PLACE_ZONES.get(self.texts[i])
        if zone is None or not self.zoneless:
            return False
        back = i - 1
        while back >= 0 and self.texts[back] in _BEFORE_PLACE:
            back -= 1
        if self.kinds[back] not in ("time", "trange"):
            return False
        self.zone_phrase(zone, i)
        return True


_AFTERNOON = {"apres-midi", "apres midi", "apresmidi"}
_WELCOME_GLUE = {"a", "des", "a partir de", "des le", "de", ":", "-", "vers", "le", "cafe", "et", "du", "public"}
_BREAK_WORDS = {"de", ":", "dejeuner", "meridienne", "repas", "cafe", "a", "entre"}


_MERIDIEM = {"am", "pm"}


def _meridiem(clock: Clock, word: str) -> Clock:
    """English "am"/"pm" after a time: 2 pm is 14h, 12 am is midnight."""
    hour = clock[0] % 12 if 1 <= clock[0] <= 12 else clock[0]
    return (hour + 12, clock[1]) if word == "pm" and hour < 12 else (hour, clock[1])


def _afternoon(clock: Clock) -> Clock:
    return (clock[0] + 12, clock[1]) if 1 <= clock[0] < 12 else clock


def valid_clock(clock: Clock) -> bool:
    hour, minute = clock
    return 0 <= minute <= 59 and (0 <= hour <= 23 or (hour == 24 and minute == 0))
