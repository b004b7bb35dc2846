"""Which edition a page belongs to, read from its content (a Drupal slug has no year).

In order: the schema.org start date, a ``<time datetime>``, the DSFR breadcrumb, the
legacy "Vous êtes ici" breadcrumb, a short heading naming the Semaine/Mois with a year,
then the year of the date text, then the page stamp ("Publiée le …", ``20.12.18``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spiders.extract.dom import one_line, text_of
from spiders.extract.fallback import STAMP
from spiders.extract.page import Page

_YEAR = re.compile(r"\b(20[0-4]\d)\b")
_SHORT_YEAR = re.compile(r"\b\d{1,2}[./]\d{1,2}[./](\d{2})\b")
_NAMED = re.compile(r"(?:semaine|mois) de l.innovation publique\W{0,3}(?:\w+\W+){0,2}?(20[0-4]\d)", re.I)
_LEGACY_CRUMB = ("(//*[contains(@class,'breadcrumb')]"
                 " | //*[starts-with(normalize-space(text()),'Vous êtes ici')])[1]")
_MAX_CRUMB = 400


@dataclass(frozen=True)
class EditionFound:
    year: int
    text: str
    strategy: str


def read_edition(page: Page, *, when_text: str | None, stamps: str | None) -> EditionFound | None:
    for finder in (_structured, _time_attr, _dsfr_crumb, _legacy_crumb, _heading):
        found = finder(page)
        if found:
            return found
    if when_text and _YEAR.search(when_text):
        return EditionFound(int(_YEAR.search(when_text).group(1)), when_text, "fallback")
    return _from_stamp(stamps)


def _year_in(text: str | None, strategy: str) -> EditionFound | None:
    m = _YEAR.search(text or "")
    return EditionFound(int(m.group(1)), one_line(text) or "", strategy) if m else None


def _structured(page: Page) -> EditionFound | None:
    event, kind = page.structured
    start = event.get("startDate") if event else None
    return _year_in(start, kind) if isinstance(start, str) else None


def _time_attr(page: Page) -> EditionFound | None:
    for t in page.times:
        parent = t.getparent()
        if parent is not None and STAMP.match(text_of(parent)):
            continue
        found = _year_in(t.get("datetime") or t.get("content"), "attr")
        if found:
            return found
    return None


def _dsfr_crumb(page: Page) -> EditionFound | None:
    crumbs = page.root.xpath("//*[contains(@class,'fr-breadcrumb__list')][1]")
    return _year_in(text_of(crumbs[0], skip=False), "dsfr") if crumbs else None


def _legacy_crumb(page: Page) -> EditionFound | None:
    """A legacy breadcrumb ("Vous êtes ici : …"), or its parent when the trail is a sibling list."""
    crumbs = page.root.xpath(_LEGACY_CRUMB)
    if not crumbs:
        return None
    found = _year_in(text_of(crumbs[0], skip=False), "legacy")
    parent = crumbs[0].getparent()
    if found is None and parent is not None:
        text = text_of(parent, skip=False)
        found = _year_in(text, "legacy") if len(text) <= _MAX_CRUMB else None
    return found


def _heading(page: Page) -> EditionFound | None:
    """A short line naming the Semaine/Mois with its year, in the content or the page title."""
    for line in [*page.lines, *page.root.xpath("/html/head/title/text()")]:
        m = _NAMED.search(line) if len(line) <= 120 else None
        if m:
            return EditionFound(int(m.group(1)), one_line(line) or line, "label")
    return None


def _from_stamp(stamps: str | None) -> EditionFound | None:
    if not stamps:
        return None
    found = _year_in(stamps, "fallback")
    if found:
        return found
    m = _SHORT_YEAR.search(stamps)
    return EditionFound(2000 + int(m.group(1)), stamps, "fallback") if m else None
