"""Read a token list (parsers.dates.lexer) into date atoms with their times and links.

An `Atom` is one date as written, possibly partial ("19" in "les 19 et 20 novembre" has no
month yet); `link` says how it joins the atom before it ("range" for au / - / jusqu'au,
"list" for et / , / ;), `bound` marks an open range ("à partir du", "jusqu'au"). Times
follow the atom they belong to; times written before any date are kept in `pre_times`.
Nothing here knows the year context: parsers.dates.resolve fills months and years.
"""

from __future__ import annotations

from parsers.dates.lexer import Token
from parsers.dates.model import Atom, Reading, Slot
from parsers.dates.times import TimesMixin
from parsers.dates.words import (
    AND,
    DATE_KINDS,
    DIRECTION,
    FILLERS,
    PARTS_OF_DAY,
    PLAIN,
    RELATIVE,
    ROLES,
    TO,
    VAGUE,
    VAGUE_UNITS,
)


class _Reader(TimesMixin):
    """One left-to-right pass; `conn` is the last link word seen since the last atom or time."""

    def __init__(self, tokens: list[Token]):
        self.toks = tokens
        self.n = len(tokens)
        self.out = Reading()
        self.conn: str | None = None
        self.between = False
        self.depth = 0
        self.change: str | None = None   # "moved" (reporté au …) / "was" (initialement prévu le …)
        self.target: Atom | None = None  # the atom the next times belong to
        self.week_of = False

    def kind(self, i: int) -> str:
        return self.toks[i].kind if 0 <= i < self.n else ""

    def text(self, i: int) -> str:
        return self.toks[i].text if 0 <= i < self.n else ""

    def run(self) -> Reading:
        i = 0
        while i < self.n and not self.out.abort:
            j = self.step(i)
            i = j if j > i else i + 1
        return self.out

    def step(self, i: int) -> int:
        tok = self.toks[i]
        if tok.kind == "time" or tok.kind == "trange" or (tok.kind == "num" and self.bare_hour(i)):
            return self.read_times(i)
        if tok.kind in PLAIN and tok.text not in RELATIVE and (
            tok.text not in PARTS_OF_DAY or not self.this_part_of_day(i)
        ):
            self.connector(i, tok)
            return i + 1
        atom, j = self.read_atom(i)
        if atom is not None:
            self.add_atom(atom)
            return j
        if tok.kind == "weekly" or (tok.kind == "weekday" and self.text(i - 1) == "chaque"):
            self.out.weekly = tok.value[0]
        elif tok.kind == "year":
            self.out.years.append(tok.value[0])
        elif tok.kind == "placeholder":
            self.out.abort = f"placeholder {tok.text!r}"
        else:
            self.connector(i, tok)
        return i + 1

    def connector(self, i: int, tok: Token) -> None:
        word = tok.text.rstrip(".")
        role = "to" if tok.kind == "dash" else ROLES.get(word)
        if role == "filler":
            return
        if role is None:
            self.other_word(i, tok, word)
        elif role in ("moved", "was"):
            self.change = role
        elif role == "(":
            self.depth += 1
        elif role == ")":
            self.depth = max(0, self.depth - 1)
        elif role == "start":
            self.between = self.between or word == "entre"
            self.conn = self.conn if self.conn in ("from", "until") else "start"
        else:  # to, until, and, or, from
            self.conn = role

    def other_word(self, i: int, tok: Token, word: str) -> None:
        if (word, self.text(i + 1)) == ("semaine", "du"):
            self.week_of = True
        if (word, self.text(i + 1)) == ("nouvelle", "date"):
            self.change = "moved"
        elif (self.text(i - 1), word) == ("au", "lieu"):
            self.change = "was"
        if word in VAGUE and self.vague_date_follows(i):
            self.out.abort = f"vague date {word!r}"
        elif word in VAGUE_UNITS and self.text(i + 1) in DIRECTION:
            self.out.abort = f"vague period {word!r}"
        elif tok.kind in ("word", "other", "num") and word not in ("ce", "cet"):
            self.out.rest.append(tok.text)
            self.conn = None if self.conn != "or" else "or"

    def vague_date_follows(self, i: int) -> bool:
        j = i + 1
        while self.kind(j) in ("word", "dash") and self.text(j) in FILLERS | {"-"}:
            j += 1
        return self.kind(j) in ("month", "num", "numdate", "iso") or self.text(j) in VAGUE_UNITS

    def add_atom(self, atom: Atom) -> None:
        self.target, change, self.change = atom, self.change, None
        atom.week, self.week_of = self.week_of, False
        if change == "was":  # "initialement prévu le 16": the old date, times and all
            self.out.warnings.append(f"former date ignored: {atom.text!r}")
            self.conn = None
            return
        if change == "moved" and self.out.atoms:
            self.out.warnings.append("rescheduled: the earlier date is replaced")
            self.out.atoms, self.conn = [], None
        atoms = self.out.atoms
        conn = self.conn
        if atoms:
            if conn == "or":
                self.out.abort = "alternative dates ('ou')"
            atom.link = "range" if conn in ("to", "until") or (conn == "and" and self.between) else "list"
            self.between = False
        elif conn in ("from", "until"):
            atom.bound = "from" if conn == "from" else "to"
        if not atoms and self.out.pre_times:
            atom.times.extend(self.out.pre_times)
            self.out.pre_times = []
        atoms.append(atom)
        self.conn = None

    # -- dates -------------------------------------------------------------
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

    def this_part_of_day(self, i: int) -> bool:
        return self.text(i) in PARTS_OF_DAY and self.text(i - 1) in ("ce", "cet", "cette")

    def read_month(self, i: int, tok: Token) -> tuple[Atom, int]:
        """A whole month ("novembre 2021"), or month-first order ("novembre 16, 2021")."""
        if self.kind(i + 1) == "num" and self.kind(i + 2) in ("year", "punct", ""):
            atom = Atom(day=self.toks[i + 1].value[0], month=tok.value[0], text=tok.text)
            j = i + 3 if self.text(i + 2) == "," and self.kind(i + 3) == "year" else i + 2
            return atom, self.read_year(j, atom)
        atom = Atom(month=tok.value[0], month_only=True, text=tok.text)
        return atom, self.read_year(i + 1, atom)

    def read_weekday(self, i: int) -> tuple[Atom | None, int]:
        weekday = self.toks[i].value[0]
        if self.text(i - 1) == "chaque":
            return None, i
        j = i + 1 if self.text(i + 1) != "," else i + 2
        if self.kind(j) == "num":
            return self.read_day(j, weekday)
        if self.kind(j) in DATE_KINDS:
            atom, end = self.read_numeric(j, self.toks[j])
            atom.weekday = weekday
            return atom, end
        if self.text(i + 1) in DIRECTION:
            return Atom(weekday=weekday, direction=DIRECTION[self.text(i + 1)]), i + 2
        if self.text(i - 1) in ("ce", "cette"):
            return Atom(weekday=weekday, direction="this"), i + 1
        if (self.kind(i + 1) == "dash" or self.text(i + 1) in TO) and self.kind(i + 2) == "weekday" \
                and self.kind(i + 3) in ("num", *DATE_KINDS):
            # "du lundi au vendredi 19 novembre": the Monday before that Friday
            return Atom(weekday=weekday, direction="before", text=self.toks[i].text), i + 1
        return None, i + 1

    def read_day(self, i: int, weekday: int | None) -> tuple[Atom | None, int]:
        day = self.toks[i].value[0]
        atom = Atom(day=day, weekday=weekday, text=self.toks[i].text)
        if self.kind(i + 1) == "month":
            atom.month = self.toks[i + 1].value[0]
            end = self.read_year(i + 2, atom)
            if self.text(end) in DIRECTION:
                atom.direction = DIRECTION[self.text(end)]
                end += 1
            return atom, end
        if self.bare_day_ok(i + 1) or self.closes_range(i):
            return atom, i + 1
        return None, i + 1

    def bare_day_ok(self, j: int) -> bool:
        """A day without month counts before a link to a later date with a month, or
        right after a link from an earlier one ("du 16 novembre au 18")."""
        nxt = self.text(j)
        if self.kind(j) != "dash" and nxt not in TO | AND | {"ou", "le"}:
            return False
        return any(t.kind in ("month", "numdate", "iso", "spacedate") for t in self.toks[j:])

    def closes_range(self, i: int) -> bool:
        """A day right after "au" / "et" / "-" that follows a full date: "du 16 novembre au 18"."""
        back = i - 1 if self.text(i - 1) not in ("le", "lundi") else i - 2
        if not self.out.atoms or self.out.atoms[-1].month is None:
            return False
        if self.kind(back) != "dash" and self.text(back) not in TO | {"et", "puis"}:
            return False
        nxt = self.text(i + 1)
        return self.kind(i + 1) in ("", "punct", "dash", "time", "trange") or nxt in FILLERS | TO | AND

    def after_bare_number(self, i: int) -> bool:
        j = i - 1
        while self.kind(j) == "word" and self.text(j) in FILLERS:
            j -= 1
        return self.kind(j) == "num"

    def read_year(self, j: int, atom: Atom) -> int:
        if self.kind(j) == "year":
            atom.year = self.toks[j].value[0]
            return j + 1
        if self.kind(j) == "num" and len(self.text(j)) == 2 and self.kind(j + 1) in (
            "", "punct", "dash", "time", "trange"
        ) and atom.month is not None:
            atom.year = 2000 + self.toks[j].value[0]  # "16 nov. 21": a two-digit year
            return j + 1
        if self.kind(j) in ("num", "other") and self.text(j).isdigit() and len(self.text(j)) not in (
            1, 2, 4
        ) and self.kind(j + 1) in ("", "punct") and atom.month is not None:   # "16 novembre 20021": a mistyped year, not a silent guess
            self.out.warnings.append(f"year not understood: {self.text(j)!r}; the context year is used")
        return j

    def read_numeric(self, i: int, tok: Token) -> tuple[Atom, int]:
        if tok.kind == "iso":
            year, month, day, clock, offset = tok.value
            atom = Atom(day=day, month=month, year=year, utc_offset=offset, text=tok.text)
            if clock:
                atom.times.append(Slot(clock))
                self.out.has_time = True
            return atom, i + 1
        day, month, year = tok.value
        return Atom(day=day, month=month, year=year, text=tok.text), i + 1


def read(tokens: list[Token]) -> Reading:
    """The atoms, times and links of a token list."""
    return _Reader(tokens).run()
