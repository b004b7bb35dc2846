"""Read a token list (parsers.dates.lexer) into date atoms with their times and links.

An `Atom` is one date as written, possibly partial ("19" in "les 19 et 20 novembre" has no
month yet); `link` says how it joins the atom before it ("range" for au / - / jusqu'au,
"list" for et / , / ;), `bound` marks an open range ("à partir du", "jusqu'au"). Times
follow the atom they belong to; times written before any date are kept in `pre_times`.
Dates are read by parsers.dates.days, times (and their clocks) by parsers.dates.times,
periods coarser than a month by parsers.dates.periods.
Nothing here knows the year context: parsers.dates.resolve fills months and years.
"""

from __future__ import annotations

from parsers.dates.days import DaysMixin
from parsers.dates.lexer import Token
from parsers.dates.model import Atom, Reading, Slot
from parsers.dates.periods import STARTERS, PeriodsMixin
from parsers.dates.times import TimesMixin
from parsers.dates.words import (
    DIRECTION,
    FILLERS,
    PARTS_OF_DAY,
    PLAIN,
    RELATIVE,
    ROLES,
    VAGUE,
    VAGUE_UNITS,
)
from parsers.zones import PLACE_ZONES

_PAD = 8   # the reader looks at most this far ahead (and one token back)
_ONLY_WORDS = {"sauf", "hors", "excepte", "en", "jours"}
_EXCEPT_GLUE = {"le", "les", "du", "des", "et", ",", "l'"}
_WORKDAYS = frozenset(range(5))
_SHIFTS = {"lendemain": 1, "surlendemain": 2, "veille": -1}
# the words step() reads before it takes a plain token for a connector
_READ_WORDS = frozenset({*STARTERS, *_ONLY_WORDS, "dans", "il", "jour", *RELATIVE, *PARTS_OF_DAY})


class _Reader(DaysMixin, TimesMixin, PeriodsMixin):
    """One left-to-right pass; `conn` is the last link word seen since the last atom or time."""

    def __init__(self, tokens: list[Token]):
        self.toks = tokens
        self.n = len(tokens)
        # texts[i] / kinds[i] of token i, "" before the first and past the last (padding)
        self.texts = [t.text for t in tokens] + [""] * _PAD
        self.kinds = [t.kind for t in tokens] + [""] * _PAD
        self.out = Reading()
        self.conn: str | None = None
        self.between = False
        self.depth = 0
        self.change: str | None = None   # "moved" (reporté au …) / "was" (initialement prévu le …)
        self.target: Atom | None = None  # the atom the next times belong to
        self.week_of = False
        self.approx: str | None = None   # "fin" of "fin novembre", for the next month or year
        self.period_prep = False
        self.zoneless: list[Slot] = []
        self.pending_zone: str | None = None
        self.pre_first = 0
        self.paren_mark: int | None = None
        self.dashed = False
        self.alternative = False         # "le 16 ou le 17": one of two days
        self.planned = False             # "prévu le …" seen: a later "aura lieu le …" moves it
        self.welcomes: list[Slot] = []   # times after "accueil", "ouverture des portes"
        self.shift = 0                   # "le lendemain du …" (+1), "la veille du …" (-1)
        self.monthly = False             # "chaque premier mardi du mois": no date

    def run(self) -> Reading:
        i = 0
        while i < self.n and not self.out.abort:
            j = self.step(i)
            i = j if j > i else i + 1
        self.finish_periods()
        if self.welcomes:
            self.drop_welcomes()
        if self.monthly and not self.out.atoms and self.out.abort is None:
            self.out.abort = "a weekday of every month, no date"
        if self.alternative:
            self.settle_alternative()
        return self.out

    def settle_alternative(self) -> None:
        """"le 16 ou le 17 novembre": the event is on one of two days, so only the span
        holding both is sure (a warning says so); with times, or more dates, no reading."""
        out = self.out
        if out.abort is None and (len(out.atoms) != 2 or out.has_time or out.pre_times):
            out.abort = "alternative dates ('ou')"
        elif out.abort is None:
            out.warnings.append("alternative dates ('ou'): the event is on one of them; "
                                "the span holds both")

    def step(self, i: int) -> int:
        tok = self.toks[i]
        kind = tok.kind
        if kind in PLAIN and tok.text not in _READ_WORDS:   # most tokens: no rule below but
            self.connector(i, tok)                          # the last one applies
            return i + 1
        if kind == "time" or kind == "trange" or (kind == "num" and self.bare_hour(i)):
            return self.read_times(i)
        if (tok.text in STARTERS or kind == "num") and (j := self.read_period(i)) > i:
            return j
        if tok.text in _ONLY_WORDS and (j := self.only_some_days(i)) > i:
            return j
        if tok.text in ("dans", "il") and (offset := self.read_offset(i)) is not None:
            offset.first = i
            self.add_atom(offset)
            return offset.last + 1
        if tok.text == "jour" and (j := self.new_year_day(i)) > i:
            return j
        if kind in PLAIN and tok.text not in RELATIVE and (
            tok.text not in PARTS_OF_DAY or not self.this_part_of_day(i)
        ):
            self.connector(i, tok)
            return i + 1
        atom, j = self.read_atom(i)
        if atom is not None:
            atom.first, atom.last = i, max(atom.last, j - 1)
            self.add_atom(atom)
            return j
        self.other_token(i, tok)
        return i + 1

    def new_year_day(self, i: int) -> int:
        """"le jour de l'an 2025": the 1st of January (of the year written, else the context's)."""
        if (self.texts[i + 1], self.texts[i + 2], self.texts[i + 3]) != ("de", "l'", "an"):
            return i
        atom = Atom(day=1, month=1, text="jour de l'an", first=i)
        j = self.read_year(i + 4, atom)
        atom.last = j - 1
        self.add_atom(atom)
        return j

    def only_some_days(self, i: int) -> int:
        """"sauf le week-end", "hors week-ends", "en semaine", "jours ouvrés": Monday to
        Friday; "sauf le mercredi", "sauf samedi et dimanche": all but those days."""
        texts, j = self.texts, i + 1
        if (texts[i], texts[j]) == ("en", "semaine") or (texts[i], texts[j]) == ("jours", "ouvres"):
            days, j = _WORKDAYS, j + 1
        elif texts[i] == "jours":
            return i
        else:
            days = frozenset(range(7))
            while texts[j] in _EXCEPT_GLUE or self.kinds[j] in ("weekday", "weekly"):
                if self.kinds[j] in ("weekday", "weekly"):
                    days = days - {self.toks[j].value[0]}
                j += 1
            if texts[j] in ("weekend", "weekends") or (texts[j], texts[j + 1]) == ("week", "-"):
                days, j = days & _WORKDAYS, j + (1 if texts[j] != "week" else 3)
            if days == frozenset(range(7)):
                return i
        self.out.weekly = days if self.out.weekly is None else self.out.weekly & days
        return j

    def other_token(self, i: int, tok: Token) -> None:
        if tok.kind == "weekly" or (tok.kind == "weekday" and (self.texts[i - 1] == "chaque" or (
                self.texts[i - 1] == "un" and self.texts[i + 1] == "sur"))):
            self.out.weekly = (self.out.weekly or frozenset()) | {tok.value[0]}
        elif tok.kind == "year":
            self.year_mark(i)
        elif tok.kind == "zone":
            self.zone_phrase(tok.value[0], i)
        elif tok.kind == "placeholder":
            self.out.abort = f"placeholder {tok.text!r}"
        else:
            self.connector(i, tok)

    def connector(self, i: int, tok: Token) -> None:
        word = tok.text.rstrip(".")
        role = "to" if tok.kind == "dash" else ROLES.get(word)
        if role == "filler":
            return
        if role == "to":
            self.dashed = tok.kind == "dash"
        if role is None:
            self.other_word(i, tok, word)
        elif role in ("moved", "was"):
            self.change = role
        elif role == "(":
            self.depth += 1
            self.paren_mark = len(self.zoneless)
        elif role == ")":
            self.depth = max(0, self.depth - 1)
            self.paren_mark = None
        elif role == "start":
            self.between = self.between or word == "entre"
            self.conn = self.conn if self.conn in ("from", "until", "or") else "start"
        else:  # to, until, and, or, from
            self.conn = role

    def other_word(self, i: int, tok: Token, word: str) -> None:
        if word == "fin" and self.texts[i + 1] == ":" and self.out.atoms:   # "Début : … Fin : …"
            self.out.rest.append(word)
            self.conn = "to"
            return
        if word == "ici" and self.texts[i - 1] == "d'":
            self.conn = "until"   # "d'ici décembre 2024": by then
            return
        after = self.texts[i + 1]
        if word in ("semaine", "weekend", "end") and after == "du":
            self.week_of = True   # "semaine du 18", "week-end du 23": to the Sunday
        if word == "nouvelle" and after == "date":
            self.change = "moved"
        elif word in _SHIFTS and after in ("du", "de", "d'"):
            self.shift = -2 if (self.texts[i - 1], self.texts[i - 2]) == ("-", "avant") else _SHIFTS[word]
        elif word.startswith("prevu"):
            self.planned = True   # "prévue le 26 novembre", then maybe "aura lieu le 3 décembre"
        elif self.planned and self.out.atoms and (word in ("tiendra", "deroulera") or (
                word == "lieu" and self.texts[i - 1] in ("aura", "auront", "finalement"))):
            self.change = "moved"
        elif (word == "lieu" and self.texts[i - 1] == "au") or (
                word in ("report", "remplacement") and after in ("du", "de", "d'")):
            self.change = "was"   # "au lieu du 7", "(report du 7/11)": the former date
        if word in VAGUE and self.vague_date_follows(i):
            self.out.abort = f"vague date {word!r}"
        elif word in VAGUE_UNITS and self.texts[i + 1] in DIRECTION:
            self.out.abort = f"vague period {word!r}"
        elif tok.text in PLACE_ZONES and self.place_clock(i):
            return
        elif tok.kind in ("word", "other", "num") and word not in ("ce", "cet"):
            self.out.rest.append(tok.text)
            self.conn = None if self.conn != "or" else "or"

    def vague_date_follows(self, i: int) -> bool:
        j = i + 1
        while self.kinds[j] in ("word", "dash") and self.texts[j] in FILLERS | {"-"}:
            j += 1
        return self.kinds[j] in ("month", "num", "numdate", "iso") or self.texts[j] in VAGUE_UNITS

    def add_atom(self, atom: Atom) -> None:
        self.target, change, self.change = atom, self.change, None
        atom.week, self.week_of = self.week_of, False
        if self.shift:   # the weekday written is the reference date's: not checked
            atom.shift, atom.weekday, self.shift = self.shift, None, 0
        self.note_approximate(atom)
        if change == "was":  # "initialement prévu le 16": the old date, times and all
            self.out.warnings.append(f"former date ignored: {atom.text!r}")
            self.out.ignored.append((atom.first, atom.last, "former date"))
            self.conn = None
            return
        if change == "moved" and self.out.atoms:
            self.out.warnings.append("rescheduled: the earlier date is replaced")
            for old in self.out.atoms:
                self.out.ignored.append((old.first, old.last, "former date"))
            self.out.atoms, self.conn = [], None
        self.link(atom)
        self.out.atoms.append(atom)
        self.conn = None

    def link(self, atom: Atom) -> None:
        atoms, conn = self.out.atoms, self.conn
        if atoms:
            self.alternative = self.alternative or conn == "or"
            ranged = conn in ("to", "until", "or") or (conn == "and" and self.between)
            # a weekday alone ends a range only from another one ("du lundi au vendredi")
            if atom.direction == "ref" and atoms[-1].direction != "ref":
                ranged = False
            atom.link = "range" if ranged else "list"
            atom.dashed = ranged and self.dashed
            self.between = False
        elif conn in ("from", "until"):
            atom.bound = "from" if conn == "from" else "to"
        if not atoms and self.out.pre_times:
            atom.times.extend(self.out.pre_times)
            atom.first = min(atom.first, self.pre_first)
            self.out.pre_times = []

    def note_approximate(self, atom: Atom) -> None:
        if self.approx is None:
            return
        if atom.month_only or atom.period:
            atom.approximate = True
            self.out.warnings.append(f"approximate date {self.approx!r}: only the "
                                     f"{atom.period or 'month'} is sure")
        self.approx = None


def read(tokens: list[Token]) -> Reading:
    """The atoms, times and links of a token list."""
    return _Reader(tokens).run()
