"""Normalise French date text, and map positions in the normalised text back to the original.

`normalise` lower-cases, drops accents (NFKD), unifies spaces (no-break and thin spaces
too), apostrophes and dashes, joins letter-spaced capitals ("N O V E M B R E  2 0 2 5")
and a detached ordinal ("1 er"), and turns number words next to a date into digits.

`fold` gives the normalised text and whether it is *aligned*: each of its characters then
stands at the same position as its source in the original, which is the usual case and
costs nothing to map. Otherwise `source_spans` rebuilds, step by step, the original span
behind every normalised character (a slow path taken only for such texts).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from parsers.dates.numbers import number_word_edits

_SPECIAL = {
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'", "\u2032": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\u203a": ">", "\u00b7": ";", "\u2022": ";", "\u2192": "-", "\u2794": "-", "\u27a1": "-",
    "\u00ab": '"', "\u00bb": '"', "\u201c": '"', "\u201d": '"',
}
_SPECIAL_RE = re.compile("[" + "".join(_SPECIAL) + "]")


def _fold_char(ch: str) -> str:
    """ASCII form of one character (accents dropped, compatibility forms unfolded)."""
    if ch in _SPECIAL:
        return _SPECIAL[ch]
    return unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode("ascii")


def _one_to_one() -> str:
    """The non-ASCII characters that fold to exactly one ASCII character."""
    ranges = [(0x80, 0x250), (0x1D00, 0x1DC0), (0x2000, 0x2070), (0x2190, 0x2200), (0x2794, 0x27A2)]
    return "".join(chr(cp) for lo, hi in ranges for cp in range(lo, hi)
                   if len(_fold_char(chr(cp))) == 1)


# A character outside ASCII and outside the one-to-one set shifts positions when folded.
_SHIFTING = re.compile("[^\x00-\x7f" + re.escape(_one_to_one()) + "]")
_SPACED = re.compile(r"(?<!\S)(?:[A-Za-z0-9] ){3,}[A-Za-z0-9](?!\S)")
_SPACED_WORD = re.compile(r"(?<!\S)(?:[A-Za-z0-9] )+[A-Za-z0-9](?!\S)")
_SPACED_HINT = re.compile(r" \w \w \w ")   # cheap (a literal prefix) and needed by _SPACED


def _letter_spaced(text: str) -> bool:
    return _SPACED_HINT.search(text) is not None and _SPACED.search(text) is not None
_ORDINAL_APART = re.compile(r"(?<![\d])(\d\d?) (er|re|ere)\b")
_DASHED_MONTH = re.compile(r"(\d)([-/])([a-z]{3,9}\.?)\2(\d)")   # "16-nov-2021", "16/nov/2021"
_DASHED_HINT = re.compile(r"[-/][a-z]")   # needed by _DASHED_MONTH, and quick to look for


def normalise(text: str) -> str:
    """Lower-case, accent-free, single-spaced text with number words turned into digits."""
    return fold(text)[0]


def fold(text: str) -> tuple[str, bool]:
    """The normalised text, and True when it is aligned with `text` character by character."""
    aligned = True
    if not text.isascii():
        aligned = _SHIFTING.search(text) is None
        text = _SPECIAL_RE.sub(lambda m: _SPECIAL[m.group(0)], text)
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    if _letter_spaced(text):
        text, aligned = _SPACED_WORD.sub(_unspace, text), False
    lowered = text.lower()
    norm = " ".join(lowered.split())
    aligned = aligned and len(norm) == len(lowered)
    if (" er" in norm or " re" in norm) and _ORDINAL_APART.search(norm):
        norm, aligned = _ORDINAL_APART.sub(r"\1\2", norm), False
    if ("-" in norm or "/" in norm) and _DASHED_HINT.search(norm):
        norm = _DASHED_MONTH.sub(r"\1 \3 \4", norm)
    edits = number_word_edits(norm)
    if edits:
        norm, aligned = _apply(norm, None, edits)[0], False
    return norm, aligned


def _unspace(m: re.Match[str]) -> str:
    """"N O V E M B R E" → "NOVEMBRE": in a text with letter-spaced words (one of four
    letters or more), each run of single characters is a word; words are 2+ spaces apart."""
    return m.group(0).replace(" ", "")


Edit = tuple[int, int, str]   # replace text[start:end] by the string
Spans = list[tuple[int, int]]


def _apply(text: str, spans: Spans | None, edits: list[Edit]) -> tuple[str, Spans | None]:
    """Apply sorted, non-overlapping edits; with spans, keep each character's source span."""
    out: list[str] = []
    new_spans: Spans | None = [] if spans is not None else None
    last = 0
    for start, end, repl in edits:
        out.append(text[last:start])
        out.append(repl)
        if spans is not None and new_spans is not None:
            new_spans.extend(spans[last:start])
            source = (spans[start][0], spans[end - 1][1]) if end > start else spans[start]
            new_spans.extend([source] * len(repl))
        last = end
    out.append(text[last:])
    if spans is not None and new_spans is not None:
        new_spans.extend(spans[last:])
    return "".join(out), new_spans


def _regex_edits(pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str],
                 text: str) -> list[Edit]:
    return [(m.start(), m.end(), repl(m)) for m in pattern.finditer(text)]


_RUNS = re.compile(r"\s+")


def source_spans(text: str) -> Spans:
    """For each character of ``normalise(text)``, the span of `text` it comes from."""
    if text.isascii():
        norm, spans = text, [(i, i + 1) for i in range(len(text))]
    else:
        chars: list[str] = []
        spans = []
        for i, ch in enumerate(text):
            folded = ch if ch.isascii() else _fold_char(ch)
            chars.append(folded)
            spans.extend([(i, i + 1)] * len(folded))
        norm = "".join(chars)
    if _letter_spaced(norm):
        norm, spans = _edited(norm, spans, _regex_edits(_SPACED_WORD, _unspace, norm))
    norm = norm.lower()
    norm, spans = _collapse(norm, spans)
    for pattern, repl in ((_ORDINAL_APART, lambda m: m.group(1) + m.group(2)),
                          (_DASHED_MONTH, lambda m: f"{m.group(1)} {m.group(3)} {m.group(4)}")):
        norm, spans = _edited(norm, spans, _regex_edits(pattern, repl, norm))
    return _edited(norm, spans, number_word_edits(norm))[1]


def _edited(text: str, spans: Spans, edits: list[Edit]) -> tuple[str, Spans]:
    """`_apply` keeping the spans; nothing to copy when there are no edits."""
    if not edits:
        return text, spans
    norm, new = _apply(text, spans, edits)
    return norm, new if new is not None else spans


def _collapse(text: str, spans: Spans) -> tuple[str, Spans]:
    edits = [(m.start(), m.end(), "" if m.start() == 0 or m.end() == len(text) else " ")
             for m in _RUNS.finditer(text)]
    norm, new = _apply(text, spans, edits)
    return norm, new if new is not None else spans


def original_span(text: str, aligned: bool, start: int, end: int,
                  spans: Spans | None = None) -> tuple[int, int]:
    """The span of `text` behind ``normalise(text)[start:end]`` (`spans`: ``source_spans(text)``
    when the caller keeps them for several calls)."""
    if aligned:
        return start, end
    if spans is None:
        spans = source_spans(text)
    if not spans or start >= len(spans):
        return len(text), len(text)
    return spans[start][0], spans[max(start, end - 1)][1]
