"""Where things live on the DITP site, beyond the editions table (``mipcrawl.editions``):
the hub, the labs' pages, and which URLs belong to the crawled site (``Origin``, ``on_site``:
from ``mipcrawl.config``, which the middlewares share).

Paths are relative to the base URL (``MIPCRAWL_BASE_URL``): the real site or the replica.
"""

from __future__ import annotations

from mipcrawl.config import Origin, on_site, site_domain, site_origin
from mipcrawl.editions import EDITIONS

__all__ = ["Origin", "on_site", "site_domain", "site_origin"]   # which URLs belong to the site

HUB_PATH = "/mois-de-linnovation-publique"
LABS_OVERVIEW_PATH = (
    "/accompagner-les-administrations/laboratoires-dinnovation-publique/laboratoires-interministeriels"
)
LABS_ATLAS_PATH = "/laboratoires"
LAB_SHEET_PREFIXES = (
    "/campus-de-la-transformation-publique/laboratoires-innovation/",
    "/laboratoires/",
)

# Any edition's detail pages may be linked from any listing (pages moved at the 2021 redesign).
DETAIL_PREFIXES = tuple(sorted({e.detail_prefix for e in EDITIONS.values()}))


def is_listing_path(path: str) -> bool:
    """True for a programme listing path (any edition), so it is never taken for an event."""
    path = path.rstrip("/")
    return path == HUB_PATH or any(path == e.listing_path for e in EDITIONS.values())
