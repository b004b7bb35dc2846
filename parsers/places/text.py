"""Text helpers for places: folding (case, accents, St/Ste) and tokens that remember their layout."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect
from functools import lru_cache
from typing import NamedTuple

_WORD = re.compile(r"[^\W_]+")
# A gap between two words that ends a segment: punctuation, brackets, or a spaced dash.
_SEPARATOR = re.compile(r"[,;:|()\[\]\n•/]|\s[-–—]\s|[–—]")
_NON_WORD = re.compile(r"[\W_]+")
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}
_ABBREVIATED = re.compile(r"\b(?:st|ste|sts|stes)\b")


# An ordinal in roman numerals, upper case as on street signs ("XVe", "Ier", "VIIIème"): read as
# its number, so "Paris XVe" folds like "Paris 15e" ("Vie", a word, is no VIe).
_ROMAN_ORDINAL = re.compile(r"\b(?=[IVX])(X{0,2}(?:IX|IV|V?I{0,3}))(e|er|ème|eme|re)\b")
_ROMAN = {"I": 1, "V": 5, "X": 10}


def _arabic(m: re.Match[str]) -> str:
    values = [_ROMAN[c] for c in m.group(1)]
    number = sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
    return f"{number}{m.group(2)}"


def _roman_ordinals(text: str) -> str:
    return _ROMAN_ORDINAL.sub(_arabic, text) if ("I" in text or "V" in text or "X" in text) else text


def _fold_table() -> dict[int, str | None]:
    """Latin letters with diacritics -> base letters, ligatures spelled out, combining marks dropped."""
    table: dict[int, str | None] = {cp: None for cp in range(0x300, 0x370)}
    for cp in range(0xC0, 0x250):
        base = "".join(ch for ch in unicodedata.normalize("NFKD", chr(cp))
                       if not unicodedata.combining(ch))
        if base and base != chr(cp):
            table[cp] = base.lower()
    table.update({ord("œ"): "oe", ord("æ"): "ae", ord("ß"): "ss", ord("ø"): "o", ord("đ"): "d",
                  ord("ł"): "l", ord("ı"): "i"})
    return table


_FOLD = _fold_table()


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """Lower case, no accents, ligatures spelled out, St/Ste expanded: 'Ste' -> 'sainte'."""
    folded = _roman_ordinals(word).lower().translate(_FOLD)
    return _ABBREVIATIONS.get(folded, folded)


def fold(text: str) -> str:
    """The words of ``text`` folded and joined by single spaces: "Saint-Étienne" -> "saint etienne"."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    folded = _NON_WORD.sub(" ", _roman_ordinals(text).lower().translate(_FOLD)).strip()
    if "st" in folded:
        folded = _ABBREVIATED.sub(lambda m: _ABBREVIATIONS[m.group()], folded)
    return folded


class Token(NamedTuple):
    key: str  # folded word
    start: int  # offsets in the original text
    end: int
    capital: bool  # written with a capital letter
    segment: int  # index of the segment (run of words between separators)
    in_parens: bool


def tokenize(text: str) -> tuple[Token, ...]:
    """Words of ``text`` with their segment number (separators: , ; : ( ) | / spaced dashes).

    ``text`` should be NFC-normalised (``parse_place`` does it) so accents stay in their word.
    """
    seps = [m.start() for m in _SEPARATOR.finditer(text)]
    opens = [i for i, ch in enumerate(text) if ch == "("] if "(" in text else None
    closes = [i for i, ch in enumerate(text) if ch == ")"] if opens else []
    tokens = []
    for match in _WORD.finditer(text):
        word = match.group()
        start = match.start()
        tokens.append(Token(
            fold_word(word), start, match.end(), word[0].isupper(),
            bisect(seps, start) if seps else 0,
            bisect(opens, start) > bisect(closes, start) if opens else False,
        ))
    return tuple(tokens)


def segments(text: str) -> list[str]:
    """The non-empty pieces of ``text`` between separators, stripped."""
    return [s.strip(" .\t'\"") for s in _SEPARATOR.split(text) if s.strip(" .\t'\"")]
