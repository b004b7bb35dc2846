"""French numbers written in words, as they appear in dates ("le premier novembre",
"vingt-deux novembre deux mille vingt et un", "quatorze heures trente").

`number_word_edits(text)` finds each run of number words that stands for a date or a time
(rules in its docstring); `replace_number_words(text)` rewrites them into digits. Other
number words ("un atelier", "deux ateliers") are left alone. Input must already be
lower-cased and stripped of accents (see parsers.dates.normal).
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
    r"(?<![a-z])(?:{first})(?![a-z])(?:[\s-]+(?:{w})(?![a-z]))*".format(
        first="|".join(w for w in _WORDS if w != "et"), w="|".join(_WORDS))
)
# Every run starts with one of these words: a cheap search (no look-behind, so the regex
# engine skips to the candidate first letters) before the exact one.
_RUN_HINT = re.compile("|".join(w for w in _WORDS if w != "et"))
_EDGE_ET = re.compile(r"(?:[\s-]+et)+$")
_INNER_ET = re.compile(r"[\s-]+et[\s-]+")
_MONTH_AFTER = re.compile(
    r"\s*(?:janv|fevr|mars|avril|mai\b|juin|juil|aout|sept|octo|nove|dece|heures?\b|h\b)"
)
_MONTH_BEFORE = re.compile(
    r"(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)\s*$"
)
_HOUR_BEFORE = re.compile(r"(?:heures?|midi|minuit)\s*(?:et\s*)?$")
_ARTICLE_BEFORE = re.compile(r"(?:^|\s)(?:du|au|le|les|et|entre|jusqu'au|des)\s*$")
_MONTH_LATER = re.compile(
    r"\b(?:janv|fevr|mars|avril|mai\b|juin|juil|aout|sept|octo|nove|dece)"
)


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


def _pieces(match: re.Match[str]) -> list[tuple[int, int, int]]:
    """(start, end, value) of the numbers in a run of number words: the whole run, or the
    parts around its "et" when the whole is no number ("dix-huit et dix-neuf")."""
    start, words = match.start(), match.group(0)
    edge = _EDGE_ET.search(words)
    if edge:
        words = words[: edge.start()]
    skip = 0
    value = words_to_int(words[skip:])
    if value is not None:
        return [(start + skip, start + len(words), value)] if words[skip:] else []
    pieces, last = [], skip
    for sep in [*_INNER_ET.finditer(words, skip), None]:
        end = sep.start() if sep else len(words)
        part = words_to_int(words[last:end])
        if part is not None:
            pieces.append((start + last, start + end, part))
        last = sep.end() if sep else end
    return pieces


def number_word_edits(text: str) -> list[tuple[int, int, str]]:
    """(start, end, digits) for each run of number words that stands for a date or a time.

    A run counts next to a month or an hour word ("quinze juillet", "quatorze heures
    trente", "juillet deux mille vingt"), or, when it is a day number (1–31) after a date
    article ("du", "au", "le", "les", "et", "entre"), if a month is written later on
    ("du treize au quinze juillet")."""
    if _RUN_HINT.search(text) is None:
        return []
    edits = []
    for match in _RUN.finditer(text):
        for start, end, value in _pieces(match):
            before, after = text[:start], text[end:]
            if (_MONTH_AFTER.match(after) or _MONTH_BEFORE.search(before) or _HOUR_BEFORE.search(before)
                    or (2 <= value <= 31 or text[start:end].startswith("premier"))
                    and (_ARTICLE_BEFORE.search(before)
                         and _MONTH_LATER.search(after) is not None)):
                edits.append((start, end, str(value)))
    return edits


def replace_number_words(text: str) -> str:
    """Rewrite number words next to a month or an hour into digits; leave the rest."""
    out: list[str] = []
    last = 0
    for start, end, digits in number_word_edits(text):
        out.append(text[last:start])
        out.append(digits)
        last = end
    out.append(text[last:])
    return "".join(out)
