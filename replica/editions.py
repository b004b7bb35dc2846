"""The editions the replica serves: names, official dates, layout generation, URLs.

The URL table is the shared agreement between engineers (see ``README.md``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

CURRENT_YEAR = 2026
HUB_PATH = "/mois-de-linnovation-publique"
DSFR_PREFIX = "/mois-de-linnovation-publique/"


@dataclass(frozen=True)
class Edition:
    year: int
    name: str                 # "Mois de l'innovation publique 2024"
    number: int               # 6th, 7th … edition
    start: dt.date
    end: dt.date
    layout: str               # "legacy" | "dsfr14" | "dsfr15"
    listing_path: str
    detail_prefix: str        # detail pages are detail_prefix + slug
    page_size: int
    all_online: bool = False
    theme: str | None = None

    @property
    def is_current(self) -> bool:
        return self.year == CURRENT_YEAR

    @property
    def short_name(self) -> str:
        return self.name.rsplit(" ", 1)[0]


def _mois(year: int, number: int, start: int, end: int, layout: str, listing: str, size: int,
          theme: str | None = None) -> Edition:
    return Edition(year, f"Mois de l'innovation publique {year}", number, dt.date(year, 11, start),
                   dt.date(year, 11, end), layout, listing, DSFR_PREFIX, size, theme=theme)


EDITIONS: tuple[Edition, ...] = (
    Edition(2019, "Semaine de l'innovation publique 2019", 6, dt.date(2019, 11, 25),
            dt.date(2019, 11, 30), "legacy", "/la-semaine-de-linnovation-publique/programme",
            "/la-semaine-de-linnovation-publique/", 12),
    Edition(2020, "Mois de l'innovation publique 2020", 7, dt.date(2020, 11, 2),
            dt.date(2020, 11, 30), "legacy", "/mois-innovation-publique/programme",
            "/mois-innovation-publique/", 15, all_online=True),
    _mois(2021, 8, 2, 30, "dsfr14", "/mois-de-linnovation-publique/programme-2021", 12,
          "l'innovation ouverte"),
    _mois(2022, 9, 2, 30, "dsfr15", "/mois-de-linnovation-publique/programme-2022", 18, "la coproduction"),
    _mois(2023, 10, 2, 30, "dsfr15", "/mois-de-linnovation-publique/programme-2023", 20),
    _mois(2024, 11, 4, 30, "dsfr15", "/mois-de-linnovation-publique/programme-2024", 16),
    _mois(2025, 12, 3, 28, "dsfr15", "/mois-de-linnovation-publique/programme-2025", 18),
    _mois(2026, 13, 2, 30, "dsfr15", "/mois-de-linnovation-publique/programme", 18),
)

BY_YEAR = {e.year: e for e in EDITIONS}

LABS_OVERVIEW_PATH = (
    "/accompagner-les-administrations/laboratoires-dinnovation-publique/laboratoires-interministeriels"
)
LAB_PREFIX = "/campus-de-la-transformation-publique/laboratoires-innovation/"
ATLAS_PATH = "/laboratoires"
ATLAS_PREFIX = "/laboratoires/"


def listing_url(edition: Edition, page: int) -> str:
    """Drupal pagination: the first page has no parameter, then ``?page=N`` (0-based)."""
    return edition.listing_path if page == 0 else f"{edition.listing_path}?page={page}"


def reserved_paths() -> set[str]:
    """Paths no event slug may take (Drupal refuses an alias that exists)."""
    paths = {HUB_PATH, LABS_OVERVIEW_PATH, ATLAS_PATH, "/robots.txt", "/"}
    paths.update(e.listing_path for e in EDITIONS)
    return paths
