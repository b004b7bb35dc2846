"""Where each edition's programme lives: edition → listing path and page layout.

A changed real URL is a one-line fix here. Paths are relative to the base URL
(``MIPCRAWL_BASE_URL``), so the same table serves the real site and the replica.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

HUB_PATH = "/mois-de-linnovation-publique"
LABS_OVERVIEW_PATH = (
    "/accompagner-les-administrations/laboratoires-dinnovation-publique/laboratoires-interministeriels"
)
LABS_ATLAS_PATH = "/laboratoires"
LAB_SHEET_PREFIXES = (
    "/campus-de-la-transformation-publique/laboratoires-innovation/",
    "/laboratoires/",
)


@dataclass(frozen=True)
class Edition:
    year: int
    listing_path: str       # first page of the programme listing
    detail_prefix: str      # event detail pages live under this path
    layout: str             # "legacy" | "dsfr-1.4" | "dsfr-1.5"


_DSFR = "/mois-de-linnovation-publique/"

EDITIONS: dict[int, Edition] = {
    e.year: e
    for e in (
        Edition(2019, "/la-semaine-de-linnovation-publique/programme",
                "/la-semaine-de-linnovation-publique/", "legacy"),
        Edition(2020, "/mois-innovation-publique/programme", "/mois-innovation-publique/", "legacy"),
        Edition(2021, _DSFR + "programme-2021", _DSFR, "dsfr-1.4"),
        Edition(2022, _DSFR + "programme-2022", _DSFR, "dsfr-1.5"),
        Edition(2023, _DSFR + "programme-2023", _DSFR, "dsfr-1.5"),
        Edition(2024, _DSFR + "programme-2024", _DSFR, "dsfr-1.5"),
        Edition(2025, _DSFR + "programme-2025", _DSFR, "dsfr-1.5"),
        Edition(2026, _DSFR + "programme", _DSFR, "dsfr-1.5"),
    )
}


# Any edition's detail pages may be linked from any listing (pages moved at the 2021 redesign).
DETAIL_PREFIXES = tuple(sorted({e.detail_prefix for e in EDITIONS.values()}))


class UnknownEdition(ValueError):
    """An edition the table does not know (the CLI prints it as one line, exit code USAGE)."""


def select(edition: str | int | None) -> tuple[Edition, ...]:
    """The editions to crawl for ``-a edition=YYYY|all`` (``None`` or ``"all"`` → every one)."""
    if edition is None or str(edition).strip().lower() in ("", "all"):
        return tuple(EDITIONS[y] for y in sorted(EDITIONS))
    text = str(edition).strip()
    if not text.isdigit() or int(text) not in EDITIONS:
        known = ", ".join(str(y) for y in sorted(EDITIONS))
        raise UnknownEdition(f"unknown edition {text!r}: expected one of {known} or 'all'")
    return (EDITIONS[int(text)],)


def site_domain(base_url: str) -> str:
    """The crawl's domain: the base URL's host without ``www.`` (so both spellings are on-site)."""
    host = (urlsplit(base_url).hostname or "").lower()
    return host.removeprefix("www.")


def on_site(url: str, domain: str) -> bool:
    """Whether ``url`` is on the crawled site (the domain or any of its sub-domains)."""
    host = (urlsplit(url).hostname or "").lower()
    return host == domain or host.endswith("." + domain)


def is_listing_path(path: str) -> bool:
    """True for a programme listing path (any edition), so it is never taken for an event."""
    path = path.rstrip("/")
    return path == HUB_PATH or any(path == e.listing_path for e in EDITIONS.values())
