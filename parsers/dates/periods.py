"""Periods coarser than a day, in the token stream: years, semesters, quarters, seasons,
and the approximate month ("fin novembre").

- A year standing alone is a period only when nothing finer is written and it is
  introduced as one ("en 2016", "depuis 2021", "dès 2023", "jusqu'en 2025", "de 2018 à
  2022", "2018-2022", "courant 2025") or is the whole text ("2016", "Année : 2016");
  otherwise it is the year context of the other dates ("Édition 2021 : le 18 novembre").
- "1er trimestre 2024", "au troisième trimestre", "T3 2024", "second semestre 2025": a
  quarter or a semester; "à l'automne 2025", "printemps 2026", "hiver 2025-2026": a
  season (spring 20 March–20 June, summer 21 June–22 September, autumn 23 September–20
  December, winter 21 December–19 March; "hiver 2025" is the winter ending in 2025).
- "début", "mi-", "milieu", "courant", "fin" + a month or a year: that whole month or
  year, flagged approximate (a warning says so); "vers", "avant", "après" stay unreadable.
"""

from __future__ import annotations

import calendar
from typing import TYPE_CHECKING

from parsers.dates.model import Atom, Reading

if TYPE_CHECKING:
    from parsers.dates.lexer import Token

SEASONS = {"printemps": 0, "ete": 1, "automne": 2, "hiver": 3}
SEASON_MONTH = (3, 6, 9, 1)        # the month each season is filed under (winter: January)
ORDINALS = {"premier": 1, "premiere": 1, "deuxieme": 2, "second": 2, "seconde": 2,
            "troisieme": 3, "quatrieme": 4, "dernier": -1, "derniere": -1}
UNITS = {"trimestre": ("quarter", 4), "semestre": ("semester", 2)}
APPROX = {"debut", "fin", "mi", "milieu", "courant"}
_YEAR_FROM = {"depuis", "des", "a partir de", "a partir d'", "a compter de", "a compter d'", "des l'annee"}
_YEAR_TO = {"jusqu'en", "jusqu'a", "jusqu'au", "d'ici"}
_YEAR_IN = {"en", "annee", "l'annee", "courant", "l'an", "an", "depuis", "des", *_YEAR_TO}
LABELS = {"date", "dates", "annee", "creation", "periode", "quand", "calendrier"}
_PERIOD_FILLERS = {"de", "du", "d'", "l'annee", "l'", "annee", "en", "-"}
_BEFORE_SEASON = {"l'", "en", "cet", "ce", "cette", "au", "du", "le", "d'", "de"}
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv",
          "xv", "xvi", "xvii", "xviii", "xix", "xx", "xxi", "xxii")
# "XXe", "XIXème", "XIX" (its "°" dropped), "Ier": the century's number
CENTURIES = {f"{r}{end}": n for n, r in enumerate(_ROMAN, 1) for end in ("", "e", "eme", "er")}
CENTURIES["vingtieme"] = 20
STARTERS = {*SEASONS, *ORDINALS, *APPROX, *CENTURIES, "t", "q", "s", "annees"}


class PeriodsMixin:
    """Period reading for parsers.dates.grammar._Reader."""

    toks: list[Token]
    texts: list[str]
    kinds: list[str]
    out: Reading
    approx: str | None
    period_prep: bool

    def add_atom(self, atom: Atom) -> None:
        raise NotImplementedError

    def read_period(self, i: int) -> int:
        """Read the period starting at token i; i itself when there is none."""
        word = self.texts[i]
        if word in SEASONS:
            return self.read_season(i)
        if word in APPROX:
            return self.read_approx(i)
        if word == "annees":
            return self.read_decade(i)
        if self.texts[i + 1] == "quinzaine":
            return self.read_fortnight(i)
        if self.texts[i + 1] in ("siecle", "siecles") and (word in CENTURIES or self.kinds[i] == "num"):
            return self.read_century(i)
        if self.texts[i + 1] in UNITS and (word in ORDINALS or self.kinds[i] == "num"):
            return self.read_part(i, self._ordinal(i))
        if self.texts[i + 1] in ("au", "a", "-") and self.texts[i + 3] in UNITS and \
                self._ordinal(i) and self._ordinal(i + 2):   # "du 1er au 3e trimestre 2024"
            self.read_part(i, self._ordinal(i), self.texts[i + 3], i + 1, with_year=False)
            return i + 1
        if word in ("t", "q", "s") and self.kinds[i + 1] == "num" and self.kinds[i + 2] == "year":
            unit = "semestre" if word == "s" else "trimestre"
            return self.read_part(i, self.toks[i + 1].value[0], unit, i + 2)
        return i

    def read_decade(self, i: int) -> int:
        """"les années 1990", "années 90": its ten years (from 1990 to 1999)."""
        tok = self.toks[i + 1] if i + 1 < len(self.toks) else None
        if tok is None or tok.kind not in ("year", "num") or (tok.kind == "num" and len(tok.text) != 2):
            return i
        first = tok.value[0] + (1900 if tok.kind == "num" else 0)
        if first % 10:
            return i
        text, back = f"{self.texts[i]} {tok.text}", i - 1
        start = Atom(year=first, month=1, period="year", text=text, first=i, last=i + 1)
        while self.texts[back] in ("les", "des", "la", "l'"):
            back -= 1
        # "depuis les années 2000", "dès les années 2000" ("des" before "les" is "dès")
        if self.texts[back] in _YEAR_FROM or (self.texts[back + 1], self.texts[back + 2]) == ("des", "les"):
            start.bound = "from"
            self.out.periods.append(start)
        else:
            self.out.periods += [start, Atom(year=first + 9, month=1, period="year", text=text,
                                             first=i, last=i + 1, link="range")]
        self.period_prep = True
        return i + 2

    def read_century(self, i: int) -> int:
        """"au XXe siècle", "le 21e siècle": its hundred years, 1901 to 2000 for the 20th (the
        calendar's centuries start with a year 1); "fin du XIXe siècle" is flagged approximate."""
        n = self.toks[i].value[0] if self.kinds[i] == "num" else CENTURIES[self.texts[i]]
        if not 1 <= n <= 22 or (self.kinds[i] == "num" and self.texts[i].isdigit()):
            return i   # "20 siècles": a count, not the 20th
        text = f"{self.texts[i]} {self.texts[i + 1]}"
        bounds = [Atom(year=100 * (n - 1) + 1, month=1, period="year", text=text, first=i, last=i + 1),
                  Atom(year=100 * n, month=1, period="year", text=text, first=i, last=i + 1, link="range")]
        if self.approx:
            self.out.warnings.append(f"approximate date {self.approx!r}: only the century is sure")
            self.approx = None
        self.out.periods += bounds
        self.period_prep = True
        return i + 2

    def read_fortnight(self, i: int) -> int:
        """"la première quinzaine de décembre 2024": the 1st to the 15th; "la seconde (ou
        dernière) quinzaine de novembre 2024": the 16th to the end — the days holding the
        event, with a warning (the year written; without it, the month as before)."""
        n, k = self._ordinal(i), i + 2
        while self.texts[k] in ("de", "du", "d'", "mois"):
            k += 1
        if n not in (1, 2, -1) or self.kinds[k] != "month" or self.kinds[k + 1] != "year":
            return i
        month, year = self.toks[k].value[0], self.toks[k + 1].value[0]
        first, last = (1, 15) if n == 1 else (16, calendar.monthrange(year, month)[1])
        text = f"{self.texts[i]} quinzaine"
        self.add_atom(Atom(day=first, month=month, year=year, text=text, first=i, last=k + 1))
        self.out.atoms.append(Atom(day=last, month=month, year=year, text=text, first=i,
                                   last=k + 1, link="range"))
        self.out.warnings.append(f"approximate date {text!r}: the event is within these days")
        return k + 2

    def _ordinal(self, i: int) -> int:
        if self.kinds[i] == "num":
            return int(self.toks[i].value[0])
        return ORDINALS.get(self.texts[i], 0)

    def read_part(self, i: int, n: int, unit: str | None = None, j: int | None = None,
                  with_year: bool = True) -> int:
        """"1er trimestre 2024", "second semestre", "T3 2024"."""
        period, count = UNITS[unit or self.texts[i + 1]]
        n = count if n == -1 else n
        if not 1 <= n <= count:
            return i
        step = 12 // count
        atom = Atom(month=step * (n - 1) + 1, period=period, part=n, text=self.texts[i],
                    first=i)
        j = i + 2 if j is None else j
        if not with_year:
            atom.last = j - 1
            self.add_atom(atom)
            return j
        return self.period_year(atom, j)

    def read_season(self, i: int) -> int:
        """"à l'automne 2025", "en été", "hiver 2025-2026" (not "a été", the verb)."""
        if self.texts[i - 1] not in _BEFORE_SEASON and self.kinds[i + 1] != "year":
            return i
        part = SEASONS[self.texts[i]]
        atom = Atom(month=SEASON_MONTH[part], period="season", part=part, text=self.texts[i],
                    first=i)
        j = self.period_year(atom, i + 1)
        if part == 3 and atom.year is not None and self.kinds[j] in ("dash", "punct") and \
                self.kinds[j + 1] == "year" and self.toks[j + 1].value[0] == atom.year + 1:
            atom.year, atom.last, j = atom.year + 1, j + 1, j + 2   # "hiver 2025-2026"
        return j

    def period_year(self, atom: Atom, j: int) -> int:
        """Take the year written after a period ("… de l'année 2024"), add the atom."""
        k = j
        while self.texts[k] in _PERIOD_FILLERS and self.kinds[k] != "dash":
            k += 1
        if self.kinds[k] == "year":
            atom.year, j = self.toks[k].value[0], k + 1
        atom.last = j - 1
        self.add_atom(atom)
        return j

    def read_approx(self, i: int) -> int:
        """"fin novembre", "mi-décembre 2024", "début 2022": the month or year, approximate."""
        k = i + 1
        while self.texts[k] in ("-", "de", "du", "d'", "le", "mois", "l'annee", "annee"):
            k += 1
        if self.kinds[k] not in ("month", "year") and self.texts[k + 1] not in ("siecle", "siecles"):
            return i
        self.approx = self.texts[i]
        return k

    def year_mark(self, i: int) -> None:
        """A year standing alone: context now, a period if nothing finer comes."""
        year = self.toks[i].value[0]
        self.out.years.append(year)
        atom = Atom(year=year, month=1, period="year", text=self.texts[i], first=i, last=i)
        marks, before = self.out.periods, self.texts[i - 1]
        if marks and marks[-1].last >= i - 3 and (self.kinds[i - 1] == "dash" or before in (
                "a", "au", "et", "/", "jusqu'en", "jusqu'a")):
            atom.link, self.period_prep = "range", True
        elif before in _YEAR_FROM:
            atom.bound = "from"
        elif before in _YEAR_TO or (before, self.texts[i - 2]) == ("ici", "d'"):
            atom.bound = "to"
        if before in _YEAR_IN or atom.bound or self.approx:
            self.period_prep = True
        if self.approx:
            atom.approximate, self.approx = True, None
        marks.append(atom)

    def finish_periods(self) -> None:
        """With no finer date, the lone years introduced as periods become the dates."""
        out = self.out
        if out.atoms or not out.periods:
            return
        if self.period_prep or all(word in LABELS for word in out.rest):
            out.atoms = out.periods
            for atom in out.atoms:
                if atom.approximate:
                    out.warnings.append(f"approximate date: only the year {atom.year} is sure")
