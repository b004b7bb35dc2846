"""The editions of the Mois (Semaine until 2019): one table for every layer.

Per year: the official name and dates (from the DITP's public record; unknown dates are
None), the path of the programme listing, the path prefix of its event pages and the
page layout the site used. Paths are relative to the base URL (``MIPCRAWL_BASE_URL``), so
the same table serves the real site and the replica; a changed real URL is a one-line fix
here. An edition missing from the table (a future year met in the database) is named
after its year (``edition_row``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Edition:
    year: int
    name: str
    start: dt.date | None    # official first and last day, where known
    end: dt.date | None
    listing_path: str        # first page of the programme listing
    detail_prefix: str       # event detail pages live under this path
    layout: str              # "legacy" | "dsfr-1.4" | "dsfr-1.5"

    @property
    def site(self) -> str:
        """The site generation: "legacy" (before the 2021 redesign) or "dsfr"."""
        return self.layout.split("-")[0]


D = dt.date
_SEMAINE, _MOIS = "Semaine de l'innovation publique", "Mois de l'innovation publique"
_DSFR = "/mois-de-linnovation-publique/"

EDITIONS: dict[int, Edition] = {
    e.year: e
    for e in (
        Edition(2019, _SEMAINE, D(2019, 11, 25), D(2019, 11, 30),
                "/la-semaine-de-linnovation-publique/programme", "/la-semaine-de-linnovation-publique/",
                "legacy"),
        Edition(2020, _MOIS, D(2020, 11, 2), D(2020, 11, 30), "/mois-innovation-publique/programme",
                "/mois-innovation-publique/", "legacy"),
        Edition(2021, _MOIS, D(2021, 11, 2), D(2021, 11, 30), _DSFR + "programme-2021", _DSFR, "dsfr-1.4"),
        Edition(2022, _MOIS, D(2022, 11, 2), D(2022, 11, 30), _DSFR + "programme-2022", _DSFR, "dsfr-1.5"),
        Edition(2023, _MOIS, D(2023, 11, 2), D(2023, 11, 30), _DSFR + "programme-2023", _DSFR, "dsfr-1.5"),
        Edition(2024, _MOIS, D(2024, 11, 4), D(2024, 11, 30), _DSFR + "programme-2024", _DSFR, "dsfr-1.5"),
        Edition(2025, _MOIS, None, None, _DSFR + "programme-2025", _DSFR, "dsfr-1.5"),
        Edition(2026, _MOIS, None, None, _DSFR + "programme", _DSFR, "dsfr-1.5"),
    )
}


class UnknownEdition(ValueError):
    """An edition the table does not know (the CLI prints it as one line, exit code USAGE)."""


def select(edition: str | int | None) -> tuple[Edition, ...]:
    """The editions to crawl for ``-a edition=YYYY|all`` (``None`` or ``"all"`` → every one;
    an empty value is an error, never "all")."""
    if edition is None or str(edition).strip().lower() == "all":
        return tuple(EDITIONS[y] for y in sorted(EDITIONS))
    text = str(edition).strip()
    if not text.isdigit() or int(text) not in EDITIONS:
        known = ", ".join(str(y) for y in sorted(EDITIONS))
        raise UnknownEdition(f"unknown edition {text!r}: expected one of {known} or 'all'")
    return (EDITIONS[int(text)],)


def edition_rows(years: Iterable[int]) -> list[dict[str, object]]:
    """Rows of the ``edition`` table for ``years``; a year the table lacks is named after itself."""
    rows: list[dict[str, object]] = []
    for year in sorted(set(years)):
        known = EDITIONS.get(year)
        rows.append({"year": year, "name": known.name if known else f"Édition {year}",
                     "start_date": known.start if known else None,
                     "end_date": known.end if known else None,
                     "site": known.site if known else None})
    return rows
