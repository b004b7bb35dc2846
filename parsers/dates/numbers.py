"""French numbers written in words, as they appear in dates ("le premier novembre",
"vingt-deux novembre deux mille vingt et un", "quatorze heures trente").

`replace_number_words(text)` rewrites each run of number words that sits next to a date or
time word (a month, "heure(s)", or a month just before it, for years) into digits. Other
number words ("un atelier", "deux ateliers") are left alone. Input must already be
lower-cased and stripped of accents (see parsers.dates.lexer.normalise).
"""

from __future__ import annotations

import re

_UNITS = {
    "zero": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
    "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13,
    "quatorze": 14, "quinze": 15, "seize": 16,
}
_TENS = {"vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60}
_ORDINALS = {"premier": 1, "premiere": 1}
_WORDS = sorted([*_UNITS, *_TENS, *_ORDINALS, "mille", "cent", "cents", "et"], key=len, reverse=True)

# A run of number words joined by spaces or hyphens ("vingt-et-un", "deux mille vingt").
_RUN = re.compile(
    r"(?<![a-z])(?:{w})(?:[\s-]+(?:{w}))*(?![a-z])".format(w="|".join(_WORDS))
)
_MONTH_AFTER = re.compile(
    r"\s*(?:janv|fevr|mars|avril|mai\b|juin|juil|aout|sept|octo|nove|dece|heures?\b|h\b)"
)
_MONTH_BEFORE = re.compile(
    r"(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)\s*$"
)
_HOUR_BEFORE = re.compile(r"(?:heures?|midi|minuit)\s*(?:et\s*)?$")


def words_to_int(words: str) -> int | None:
    """Value of a run of French number words, or None when it is not a well-formed number."""
    parts = [p for p in re.split(r"[\s-]+", words) if p]
    if len(parts) == 1 and parts[0] in _ORDINALS:
        return 1
    total, current, last = 0, 0, ""
    for part in parts:
        if part == "et":
            if last not in _TENS:
                return None
        elif part in _UNITS:
            value = _UNITS[part]
            if last in _UNITS and not (current % 100 % 20 == 10 and value < 10):
                return None
            current += value
        elif part in _TENS:
            if last in _UNITS and current % 100 == 4 and part.startswith("vingt"):
                current += 76  # quatre-vingt(s)
            elif last in _UNITS or last in _TENS:
                return None
            else:
                current += _TENS[part]
        elif part in ("cent", "cents"):
            current = max(current, 1) * 100
        elif part == "mille":
            total += max(current, 1) * 1000
            current = 0
        else:  # an ordinal inside a compound is not a number we read
            return None
        last = part
    return total + current if last != "et" else None


def replace_number_words(text: str) -> str:
    """Rewrite number words next to a month or an hour into digits; leave the rest."""
    if not _RUN.search(text):
        return text
    out: list[str] = []
    last = 0
    for match in _RUN.finditer(text):
        words = match.group(0).strip("- ")
        if words == "et":
            continue
        before, after = text[: match.start()], text[match.end():]
        context = (
            _MONTH_AFTER.match(after) or _MONTH_BEFORE.search(before) or _HOUR_BEFORE.search(before)
        )
        value = words_to_int(words)
        if context and value is not None:
            out.append(text[last: match.start()])
            out.append(str(value))
            last = match.end()
    out.append(text[last:])
    return "".join(out)
