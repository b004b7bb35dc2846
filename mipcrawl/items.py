"""Items the spiders yield: the text as written, plus provenance.

Spiders fill the raw fields only. ``pipelines.normalize`` fills the normalised
fields (below the ``# normalised`` marker) from the raw ones; nothing else does.
Every field a spider reads records the strategy that produced it in
``strategies`` (``"jsonld"``, ``"attr"``, ``"dsfr"``, ``"label"``, ``"fallback"``,
``"legacy"``), which the run stats count.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

# ``request.meta`` keys between the programme spider and the incremental middlewares
# (``mipcrawl.middlewares.incremental``): an event page's request carries ``DETAIL``; a 304
# of a stored event comes back with ``UNCHANGED`` set, and the spider yields an
# ``UnchangedPage`` instead of parsing it.
DETAIL = "mipcrawl_detail"
UNCHANGED = "mipcrawl_unchanged"
# Between the programme spider and the archive source (``mipcrawl.middlewares.archive.wayback``):
# each request names its edition (``EDITION``) and whether it is a listing page (``LISTING``);
# a page read from a web archive comes back with ``WAYBACK`` = {"original", "timestamp",
# "memento", …}. The spider sends a capture it cannot use back with ``another_capture``.
EDITION = "mipcrawl_edition"
LISTING = "mipcrawl_listing"
WAYBACK = "wayback"
LIVE, ARCHIVE = "live", "archive"      # where a copy of a page was read (``EventItem.origin``)


@dataclass
class EventItem:
    # provenance
    url: str                                  # canonical URL of the detail page
    fetched_at: dt.datetime | None = None     # aware, UTC
    http_status: int | None = None
    listing_url: str | None = None            # the listing page that linked here
    capture_id: str | None = None             # WARC record id when archived
    edition_hint: int | None = None           # edition whose listing linked here (context only)
    redirected_from: list[str] = field(default_factory=list)  # URLs that redirected (301…) here
    origin: str = LIVE                        # live | archive (a web archive's capture)
    captured_at: dt.datetime | None = None    # the archive capture's time (aware, UTC)
    memento_url: str | None = None            # where the archive serves that capture

    # text as written on the page
    title: str | None = None
    edition_text: str | None = None           # what told us the edition (breadcrumb, heading…)
    edition: int | None = None                # the edition read from the page content
    when_text: str | None = None
    place_text: str | None = None
    organiser: str | None = None
    formats: list[str] = field(default_factory=list)
    parcours: str | None = None
    audience: str | None = None
    access: str | None = None
    registration_url: str | None = None
    online_url: str | None = None
    description_html: str | None = None
    badges: list[str] = field(default_factory=list)   # e.g. ["Annulé"]
    stamps_text: str | None = None            # "Publiée le … · Mise à jour le …"
    strategies: dict[str, str] = field(default_factory=dict)
    structured_when: str | None = None        # the schema.org start (– end), when a shown date won
    disagreements: list[str] = field(default_factory=list)   # fields whose schema.org value the page contradicts

    # normalised (pipelines.normalize)
    status: str | None = None                 # scheduled | cancelled
    start: dt.date | dt.datetime | None = None
    end: dt.date | dt.datetime | None = None
    all_day: bool | None = None
    slots: list[tuple[Any, Any]] = field(default_factory=list)
    date_precision: str | None = None         # minute | day | month | season | quarter | semester | year
    time_zone: str | None = None              # the clock of the times (IANA), the venue's overseas
    date_warnings: list[str] = field(default_factory=list)
    attendance: str | None = None             # offline | online | mixed
    venue: str | None = None
    street: str | None = None
    postcode: str | None = None
    commune_code: str | None = None
    commune_name: str | None = None
    departement_code: str | None = None
    region_code: str | None = None
    level: str | None = None                  # parsers.places.LEVELS: venue, commune, epci… unknown
    epci_code: str | None = None              # SIREN of the intercommunality
    epci_name: str | None = None
    place_confidence: str | None = None
    organiser_kind: str | None = None         # parsers.places.organiser.KINDS: etat, collectivite…
    organiser_level: str | None = None        # the organiser's territory: commune … national, unknown
    organiser_departement_code: str | None = None
    organiser_region_code: str | None = None
    description_text: str | None = None
    lab: str | None = None                    # the key of the lab that runs it (parsers.lablink)
    lab_method: str | None = None             # how its texts named the lab: name, alias, generic…
    lab_confidence: float | None = None


@dataclass
class LabItem:
    url: str
    fetched_at: dt.datetime | None = None
    http_status: int | None = None
    capture_id: str | None = None

    name: str | None = None                   # "LAB'L" as written
    title: str | None = None                  # the H1 as written
    region_text: str | None = None            # "Centre-Val-de-Loire"
    host: str | None = None                   # "Secrétariat Général pour les Affaires Régionales…"
    created_text: str | None = None           # "Créé en 2022, …"
    category: str | None = None
    tags: list[str] = field(default_factory=list)
    lead: str | None = None
    sections: dict[str, str] = field(default_factory=dict)   # H2 title -> clean text
    website: str | None = None
    strategies: dict[str, str] = field(default_factory=dict)
    kind: str = "sheet"                       # "sheet" (current) or "atlas" (the 2022 Atlas)
    links: list[str] = field(default_factory=list)            # other lab pages its content links to
    redirected_from: list[str] = field(default_factory=list)  # URLs that redirected (301…) here

    # normalised
    year_created: int | None = None
    region_code: str | None = None


@dataclass
class ListingPageItem:
    """One programme listing page: what the health gate needs to know about completeness."""

    url: str
    edition: int | None
    page: int                                 # 0-based, as Drupal counts
    last_page: int | None                     # from the pagination, when shown
    event_urls: list[str] = field(default_factory=list)
    http_status: int | None = None
    fetched_at: dt.datetime | None = None


@dataclass
class FetchFailure:
    """A page the spider could not get (after retries): counted by the run, never silent."""

    url: str
    kind: str                                 # "listing" | "event" | "lab" | "overview"
    reason: str
    edition: int | None = None
    http_status: int | None = None
    missing: bool = False                     # the source does not have the page (an archive gap): no error


@dataclass
class UnchangedPage:
    """A detail page known to the database and not changed since: not parsed again.

    Yielded instead of an ``EventItem`` when the server answered 304 to a conditional
    request, or when a finished edition's page is not re-fetched at all
    (``mipcrawl.middlewares.incremental``). The store counts it as seen and unchanged."""

    url: str
    kind: str = "event"
    edition_hint: int | None = None
    reason: str = "not modified"              # "not modified" | "past edition"
