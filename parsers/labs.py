"""A lab's creation, as its sheet writes it: the words that announce it, and the year.

Pure. ``CREATION`` is shared with the lab spider, which uses it to find the text that states
the creation ("Créé en 2018, le lab …", a line "Depuis 2021"); ``creation_year`` reads the
year out of that text in the normalize pipeline.
"""

from __future__ import annotations

import re

# "créé", "créée(s)", "lancé", "fondée", "né", "ouvert", "depuis", "actif depuis", "création"
CREATION = (r"(?:(?:cr[ée]{2}|lanc[ée]|fond[ée]|n[ée]|ouvert)e?s?|(?:actif|active|en activit[ée])?\s?depuis|"
            r"cr[ée]ation)")
YEAR = r"(?:19|20)\d{2}"
_CREATED_YEAR = re.compile(rf"\b{CREATION}\b[^0-9]{{0,40}}?\b({YEAR})\b", re.IGNORECASE)
_ANY_YEAR = re.compile(rf"\b{YEAR}\b")


def creation_year(text: str) -> int | None:
    """The year a lab was created, from the text its sheet gives for it: after a creation
    word ("Créée en 2017", "Depuis 2021"), else the one year the text holds ("2021" under
    "Date de création"); None when there is none, or several without a creation word."""
    match = _CREATED_YEAR.search(text)
    if match:
        return int(match.group(1))
    years = set(_ANY_YEAR.findall(text))
    return int(years.pop()) if len(years) == 1 else None
