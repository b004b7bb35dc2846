"""Text helpers for places: folding (case, accents, St/Ste) and tokens that remember their layout."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect
from dataclasses import dataclass
from functools import lru_cache

_WORD = re.compile(r"[^\W_]+")
# A gap between two words that ends a segment: punctuation, brackets, or a spaced dash.
_SEPARATOR = re.compile(r"[,;:|()\[\]\n•/]|\s[-–—]\s|[–—]")
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}


@lru_cache(maxsize=4096)
def fold_word(word: str) -> str:
    """Lower case, no accents, ligatures spelled out, St/Ste expanded: 'Ste' -> 'sainte'."""
    decomposed = unicodedata.normalize("NFKD", word.translate(_LIGATURES).lower())
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _ABBREVIATIONS.get(folded, folded)


def fold(text: str) -> str:
    """The words of ``text`` folded and joined by single spaces: "Saint-Étienne" -> "saint etienne"."""
    return " ".join(fold_word(w) for w in _WORD.findall(text))


@dataclass(frozen=True, slots=True)
class Token:
    key: str  # folded word
    start: int  # offsets in the original text
    end: int
    capital: bool  # written with a capital letter
    segment: int  # index of the segment (run of words between separators)
    in_parens: bool


def tokenize(text: str) -> tuple[Token, ...]:
    """Words of ``text`` with their segment number (separators: , ; : ( ) | / spaced dashes)."""
    seps = [m.start() for m in _SEPARATOR.finditer(text)]
    opens = [i for i, ch in enumerate(text) if ch == "("] if "(" in text else []
    closes = [i for i, ch in enumerate(text) if ch == ")"] if opens else []
    tokens = []
    for match in _WORD.finditer(text):
        word, start = match.group(), match.start()
        in_parens = bool(opens) and bisect(opens, start) > bisect(closes, start)
        tokens.append(Token(fold_word(word), start, match.end(), word[0].isupper(),
                            bisect(seps, start), in_parens))
    return tuple(tokens)


def segments(text: str) -> list[str]:
    """The non-empty pieces of ``text`` between separators, stripped."""
    return [s.strip(" .\t'\"") for s in _SEPARATOR.split(text) if s.strip(" .\t'\"")]
