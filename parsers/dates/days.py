"""Reading dates in the token stream: days, months, weekdays, numeric dates (a mixin of
parsers.dates.grammar._Reader).

A day may carry its half ("le 14 après-midi", "15 (matin)") or its time in brackets ("du
13 (14h) au 15 novembre (12h)"); the month may come first ("novembre 18 au 19", "Nov.
18-19"); a number after a month is its two-digit year unless a day reading is clear
("novembre 24" is November 2024); a weekday alone ("mardi de 14h à 17h") waits for a
reference date (parsers.dates.resolve).
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import TYPE_CHECKING

from parsers.dates.model import Atom, Reading, Slot
from parsers.dates.periods import ORDINALS
from parsers.dates.times import valid_clock
from parsers.dates.words import (
    AND,
    DATE_KINDS,
    DIRECTION,
    FILLERS,
    HALF_DAYS,
    PARTS_OF_DAY,
    RELATIVE,
    TO,
)

if TYPE_CHECKING:
    from parsers.dates.lexer import Token


class DaysMixin:
    """Date reading for parsers.dates.grammar._Reader."""

    toks: list[Token]
    texts: list[str]
    kinds: list[str]
    out: Reading
    zoneless: list[Slot]
    monthly: bool

    def read_atom(self, i: int) -> tuple[Atom | None, int]:
        tok = self.toks[i]
        if tok.kind == "weekday":
            return self.read_weekday(i)
        if tok.kind in DATE_KINDS:
            return self.read_numeric(i, tok)
        if tok.kind == "num":
            return self.read_day(i, None)
        if tok.kind == "month" and not self.after_bare_number(i):
            return self.read_month(i, tok)
        if tok.kind == "word" and tok.text in RELATIVE:
            return Atom(offset_days=RELATIVE[tok.text], text=tok.text), i + 1
        if self.this_part_of_day(i):  # "ce soir", "cet après-midi": today
            return Atom(offset_days=0, text=tok.text), i + 1
        return None, i

    def read_offset(self, i: int) -> Atom | None:
        """"dans 3 jours", "il y a 2 jours": today plus or minus that many days."""
        texts = self.texts
        j, sign = (i + 1, 1) if texts[i] == "dans" else (i + 3, -1)
        if sign < 0 and (texts[i + 1], texts[i + 2]) != ("y", "a"):
            return None
        if self.kinds[j] != "num" or texts[j + 1] not in ("jour", "jours"):
            return None
        return Atom(offset_days=sign * self.toks[j].value[0], text=" ".join(texts[i:j + 2]),
                    last=j + 1)

    def this_part_of_day(self, i: int) -> bool:
        return self.texts[i] in PARTS_OF_DAY and self.texts[i - 1] in ("ce", "cet", "cette")

    def read_month(self, i: int, tok: Token) -> tuple[Atom, int]:
        """A whole month ("novembre 2021", "novembre 24"), or the month first ("novembre 16,
        2021", "novembre 18 au 19", "Nov. 18-19", "novembre 18 à 14h")."""
        if self.kinds[i + 1] == "num" and self.month_first_day(i + 1):
            atom = Atom(day=self.toks[i + 1].value[0], month=tok.value[0], text=tok.text)
            j = i + 3 if self.texts[i + 2] == "," and self.kinds[i + 3] == "year" else i + 2
            return atom, self.read_year(j, atom)
        atom = Atom(month=tok.value[0], month_only=True, text=tok.text)
        return atom, self.read_year(i + 1, atom)

    def month_first_day(self, j: int) -> bool:
        """Is the number after a month its day (not a two-digit year)?"""
        after = self.kinds[j + 1]
        if after == "year" or (self.texts[j + 1] == "," and self.kinds[j + 2] == "year"):
            return True
        if after in ("time", "trange"):
            return True
        if after in ("dash", "punct") or self.texts[j + 1] in TO | AND:
            return self.kinds[j + 2] in ("num", "time", "trange")
        if self.kinds[j - 2] == "year" or (self.texts[j - 2] == "," and self.kinds[j - 3] == "year"):
            return True   # "2021 novembre 16": the year is written already
        return len(self.texts[j]) < 2 or self.texts[j].endswith(("er", "e", "st", "nd", "rd", "th"))

    def read_weekday(self, i: int) -> tuple[Atom | None, int]:
        weekday = self.toks[i].value[0]
        if self.texts[i - 1] == "chaque" or (self.texts[i - 1] == "un" and self.texts[i + 1] == "sur"):
            return None, i   # "chaque mardi", "un mardi sur deux": which weekdays, not a date
        nth = self.nth_weekday(i, weekday)
        if nth is not None:
            return nth
        if (self.kinds[i - 1] == "num" or self.texts[i - 1] in ORDINALS) and (
                self.texts[i + 1], self.texts[i + 2]) in (("du", "mois"), ("de", "chaque")):
            self.monthly = True   # "chaque premier mardi du mois": no date
            return None, i
        j = i + 1 if self.texts[i + 1] != "," else i + 2
        if self.texts[j] in DIRECTION and self.kinds[j + 1] in ("num", *DATE_KINDS):
            j += 1   # "jeudi prochain 14 novembre": the date says which Thursday
        if self.kinds[j] == "num":
            return self.read_day(j, weekday)
        if self.kinds[j] in DATE_KINDS or (  # "mardi 18/11", "Thursday, November 14"
                self.kinds[j] == "month" and self.kinds[j + 1] == "num" and self.month_first_day(j + 1)):
            atom, end = self.read_numeric(j, self.toks[j]) if self.kinds[j] != "month" else \
                self.read_month(j, self.toks[j])
            atom.weekday = weekday
            return atom, end
        if self.texts[i + 1] in DIRECTION:
            return Atom(weekday=weekday, direction=DIRECTION[self.texts[i + 1]]), i + 2
        if self.texts[i - 1] in ("ce", "cette"):
            return Atom(weekday=weekday, direction="this"), i + 1
        if (self.kinds[i + 1] == "dash" or self.texts[i + 1] in TO) and self.kinds[i + 2] == "weekday" \
                and self.kinds[i + 3] in ("num", *DATE_KINDS):
            # "du lundi au vendredi 19 novembre": the Monday before that Friday
            return Atom(weekday=weekday, direction="before", text=self.toks[i].text), i + 1
        # "mardi de 14h à 17h": the day comes from a reference date (parsers.dates.resolve)
        return Atom(weekday=weekday, direction="ref", text=self.toks[i].text), i + 1

    def nth_weekday(self, i: int, weekday: int) -> tuple[Atom, int] | None:
        """"le premier mardi de décembre 2024", "le dernier jeudi de novembre 2024", "le 3e
        mardi de décembre 2024": that day (the year written; without it, only the month)."""
        word, k = self.texts[i - 1], i + 1
        # ("premier" is "1" once number words are digits; a number before a weekday and its
        # month is an ordinal anyway)
        n = ORDINALS.get(word, 0) or (self.toks[i - 1].value[0] if self.kinds[i - 1] == "num" else 0)
        while self.texts[k] in ("de", "du", "d'", "mois"):
            k += 1
        if not n or self.kinds[k] != "month" or self.kinds[k + 1] != "year" or k == i + 1:
            return None
        month, year = self.toks[k].value[0], self.toks[k + 1].value[0]
        days = [d for d in range(1, calendar.monthrange(year, month)[1] + 1)
                if dt.date(year, month, d).weekday() == weekday]
        if not -1 <= n <= len(days) or n == 0:
            return None
        atom = Atom(day=days[n - 1 if n > 0 else -1], month=month, year=year, weekday=weekday,
                    text=f"{word} {self.texts[i]}")
        return atom, k + 2

    def read_day(self, i: int, weekday: int | None) -> tuple[Atom | None, int]:
        day = self.toks[i].value[0]
        atom = Atom(day=day, weekday=weekday, text=self.toks[i].text)
        k = self.skip_half_day(i + 1)
        if self.texts[k] == "of" and self.kinds[k + 1] == "month":   # "the 16th of November"
            k += 1
        if self.bracket_time(k):   # "du 13 (14h) au 15", "16 (14h-17h) novembre"
            self.bracket_slot(atom, k + 1)
            k = self.skip_half_day(k + 3)
        if self.kinds[k] == "month":
            atom.month = self.toks[k].value[0]
            end = self.read_year(k + 1, atom)
            if self.texts[end] in DIRECTION:
                atom.direction = DIRECTION[self.texts[end]]
                end += 1
            return atom, self.skip_half_day(end)
        if self.bare_day_ok(k) or self.closes_range(i, k) or (weekday is not None and day <= 31):
            return atom, k
        return None, i + 1

    def skip_half_day(self, k: int) -> int:
        """Past a half day written after a day: "après-midi", "(matin)", "au matin"."""
        start = k
        if self.texts[k] == "(" and self.texts[k + 1] in HALF_DAYS:
            return k + 3 if self.texts[k + 2] == ")" else k + 2   # "(matin)", "(matin, 9h-12h)"

        while self.texts[k] in ("au", "en", "dans", "l'", "la", "le", "a"):
            k += 1
        return k + 1 if self.texts[k] in HALF_DAYS else start

    def bracket_time(self, k: int) -> bool:
        return self.texts[k] == "(" and self.kinds[k + 1] in ("time", "trange") and self.texts[k + 2] == ")"

    def bracket_slot(self, atom: Atom, k: int) -> None:
        """The time in brackets right after a day is that day's."""
        value = self.toks[k].value
        slot = Slot(value[:2], value[2:] or None)
        if valid_clock(slot.start) and (slot.end is None or valid_clock(slot.end)):
            atom.times.append(slot)
            self.zoneless.append(slot)
            self.out.has_time = True

    def bare_day_ok(self, j: int) -> bool:
        """A day without month counts before a link to a later date with a month, or
        right after a link from an earlier one ("du 16 novembre au 18")."""
        nxt = self.texts[j]
        if self.kinds[j] != "dash" and nxt not in TO | AND | {"ou", "le"}:
            return False
        return any(t.kind in ("month", "numdate", "iso", "spacedate") for t in self.toks[j:])

    def closes_range(self, i: int, k: int) -> bool:
        """A day right after "au" / "et" / "-" that follows a full date: "du 16 novembre au 18"."""
        back = i - 1 if self.texts[i - 1] not in ("le", "lundi") else i - 2
        if not self.out.atoms or self.out.atoms[-1].month is None:
            return False
        if self.kinds[back] != "dash" and self.texts[back] not in TO | {"et", "puis"}:
            return False
        nxt = self.texts[k]
        return self.kinds[k] in ("", "punct", "dash", "time", "trange") or nxt in FILLERS | TO | AND

    def after_bare_number(self, i: int) -> bool:
        j = i - 1
        while self.kinds[j] == "word" and self.texts[j] in FILLERS:
            j -= 1
        return self.kinds[j] == "num"

    def read_year(self, j: int, atom: Atom) -> int:
        if (self.texts[j], self.texts[j + 1], self.texts[j + 2]) == ("de", "l'", "an") and \
                self.texts[j + 3].isdigit() and len(self.texts[j + 3]) <= 4:
            atom.year = int(self.texts[j + 3])   # "le 25 décembre de l'an 800"
            return j + 4
        if self.kinds[j] == "year":
            atom.year = self.toks[j].value[0]
            return j + 1
        if self.kinds[j] == "word" and self.texts[j][:1] == "m" and 1000 <= _roman(self.texts[j]) <= 2199:
            atom.year = _roman(self.texts[j])   # "14 février MMXXIV"
            return j + 1
        if self.kinds[j] == "num" and len(self.texts[j]) == 2 and (self.kinds[j + 1] in (
            "", "punct", "dash", "time", "trange"
        ) or self.texts[j + 1] in ("a", "de", "des") and self.kinds[j + 2] in ("time", "trange")
        ) and atom.month is not None:
            atom.year, atom.short_year = self.toks[j].value[0], True  # "16 nov. 21"
            return j + 1
        if self.kinds[j] in ("num", "other") and self.texts[j].isdigit() and len(self.texts[j]) not in (
            1, 2, 4
        ) and self.kinds[j + 1] in ("", "punct") and atom.month is not None:   # "16 novembre 20021": a mistyped year, not a silent guess
            self.out.warnings.append(f"year not understood: {self.texts[j]!r}; the context year is used")
        return j

    def read_numeric(self, i: int, tok: Token) -> tuple[Atom, int]:
        if tok.kind == "iso":
            year, month, day, clock, offset = tok.value
            atom = Atom(day=day, month=month, year=year, utc_offset=offset, text=tok.text)
            if clock:
                end, j = None, i + 1   # "2024-11-19 09:30-12:30"
                if (self.kinds[j] == "dash" or self.texts[j] in TO) and self.kinds[j + 1] == "time":
                    end, j = self.toks[j + 1].value, j + 2
                atom.times.append(Slot(clock, end))
                self.out.has_time = True
                return atom, j
            return atom, i + 1
        if tok.kind == "monthyear":
            month, year = tok.value
            return Atom(month=month, year=year, month_only=True, text=tok.text), i + 1
        day, month, year, short = tok.value if tok.kind == "numdate" else (*tok.value, False)
        return Atom(day=day, month=month, year=year, short_year=short, text=tok.text), i + 1


_ROMAN_VALUES = {"m": 1000, "d": 500, "c": 100, "l": 50, "x": 10, "v": 5, "i": 1}


def _roman(word: str) -> int:
    """The value of a Roman numeral written in the usual subtractive way, else 0."""
    if not word or any(ch not in _ROMAN_VALUES for ch in word):
        return 0
    values = [_ROMAN_VALUES[ch] for ch in word]
    total = sum(-v if v < nxt else v for v, nxt in zip(values, [*values[1:], 0], strict=True))
    return total if _to_roman(total) == word else 0


def _to_roman(n: int) -> str:
    out = []
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)
