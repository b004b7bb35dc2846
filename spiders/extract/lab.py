"""A lab sheet (current DSFR sheet or 2022 Atlas page) → ``LabItem``, text as written.

Name and région come from the H1 ("Laboratoire du Centre-Val-de-Loire - LAB'L"; else the
``og:title`` or ``<title>``), year created and host from labelled fields (Atlas, a ``dl``, a
callout), the lead ("Créé en 2022, le LAB'L … est porté par …") or a fact line of their own
("Hébergé par …", "Depuis 2017"), sections from the top level of headings (h2, else h3 — an
accordion's too). Related-content cards, and all that follows a related heading ("Les autres
laboratoires"), are skipped.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cached_property

from scrapy.http import TextResponse

from mipcrawl.items import LabItem
from parsers.labs import CREATION, YEAR
from parsers.text import html_to_text
from spiders.extract.dom import BLOCKS, one_line, skipped, text_of
from spiders.extract.labels import LabelIndex
from spiders.extract.page import Page
from spiders.extract.sections import (
    RELATED,
    closes_section,
    content_html,
    following,
    heading_text,
    is_related,
    is_section_heading,
)
from spiders.extract.titles import is_site_name
from spiders.extract.vocab import LAB_LABEL_GROUP

_ARTICLES = r"(?:de la |de l'|de l’|du |des |de |d'|d’)"
# "Laboratoire du Centre-Val-de-Loire - LAB'L", "Laboratoire d'innovation publique de Normandie – Etat'LIN",
# "Laboratoire d'innovation territoriale de la région Bretagne - Ti Lab"
_TITLE = re.compile(r"^\s*laboratoire\s+(?:(?:interminist[ée]riel\s+)?d['’]innovation(?:\s+(?:publique|territoriale))?\s+)?"
                    rf"{_ARTICLES}(?:r[ée]gion\s+{_ARTICLES}?)?(?P<region>.+?)\s+[-–—]\s+(?P<name>.+)$", re.I)
# the sentence that states the creation ("Créé en 2022, le LAB'L …")
_CREATED = re.compile(rf"[^.]*\b{CREATION}\b[^.]*?\b{YEAR}[^.]*", re.I)
_HOST = re.compile(r"\b(?:co-?)?(?:port[ée]+e?|h[ée]berg[ée]+e?|rattach[ée]+e?|pilot[ée]+e?|plac[ée]+e?)s?\s+"
                   r"(?:auprès de la |auprès de l'|auprès d[eu]s? |par |aux |au |à )\s*(?P<host>[^.]+)", re.I)
_ARTICLE = re.compile(r"^(?:le |la |les |l'|l’)", re.I)
_RETURN_LINK = re.compile(r"^retour (?:[àa]|au|aux) ", re.I)
# A line that is itself a fact: "Créé en 2023", "Lancée en 2019", "Depuis 2017".
_CREATED_LINE = re.compile(rf"^{CREATION}\b[^.\d]{{0,30}}\b{YEAR}\b[^.]*", re.I)
# "… de la région Normandie", "la Région Grand Est": a région named after the word.
_REGION_WORD = re.compile(rf"\br[ée]gion\s+{_ARTICLES}?"
                          r"(?P<region>[A-ZÀ-Ý][\w'’-]*(?:[ -](?:de la |de |d'|d’|du |des )?[A-ZÀ-Ý][\w'’-]*)*)")
_SITE_SUFFIX = re.compile(r"\s+[-–—]\s+[^-–—]*\w\.(?:gouv\.)?[a-z]{2,4}\s*$", re.I)
_SPLIT_TAGS = re.compile(r"\s*(?:\n|,|;|·|\|)\s*")
# a box of key facts (DSFR callout or highlight, a theme's "encart"): its lines are facts wherever it stands
_FACT_BOX = re.compile(r"fr-callout\b|fr-highlight\b|\bencart\b|\bcallout\b")
_TRAILING_STOP = re.compile(r"\s*[.;]\s*$")


class LabPage(Page):
    def _walk(self) -> None:
        """The page walk, then everything after a related heading of its own ("Les autres
        laboratoires" standing among the content) left out: other labs' facts."""
        super()._walk()
        dropped = set()
        for el in self.elements:
            if el not in dropped and is_related(el):
                dropped.add(el)
                for sib in following(el):
                    dropped.update(sib.iter())
        if dropped:
            for name in ("elements", "links", "times", "tags", "badges"):
                setattr(self, name, [el for el in getattr(self, name) if el not in dropped])
            self.icons = [(group, el) for group, el in self.icons if el not in dropped]

    @cached_property
    def lab_labels(self) -> LabelIndex:
        return LabelIndex(self.elements, LAB_LABEL_GROUP)

    @cached_property
    def title(self) -> tuple[str | None, str | None]:
        """The sheet's title and where it was read (H1, og:title, <title>)."""
        return _title(self)

    @cached_property
    def h1(self):
        """The sheet's first ``<h1>`` that is not the site's name (a logo heading linking home)."""
        found = [h for h in self.main.xpath(".//h1") or self.root.xpath("//h1") if not is_site_name(h, self)]
        return found[0] if found else None

    @property
    def flavour(self) -> str:
        return "dsfr" if self.is_dsfr else "legacy"

    @cached_property
    def section_bodies(self) -> list[tuple[str, list]]:
        """(heading, body elements) for the top level of headings the sheet uses (h2, else h3…)."""
        headings = [(el, heading_text(el)) for el in self.elements if is_section_heading(el)]
        headings = [(el, text) for el, text in headings if text and not RELATED.search(text)]
        if not headings:
            return []
        level = min(el.tag for el, _ in headings)
        found = []
        for heading, title in ((el, text) for el, text in headings if el.tag == level):
            body = []
            for sib in following(heading):
                if closes_section(sib, level):
                    break
                if not skipped(sib) and not _RETURN_LINK.match(text_of(sib)):
                    body.append(sib)
            found.append((title, body))
        return found

    @cached_property
    def fact_lines(self) -> list[str]:
        """Text lines of the innermost blocks outside the sections, or in a fact box ("Créé en
        2023" in the header or a callout, not "Lancé en 2021 : …" among the lab's projects)."""
        in_sections = {d for _, body in self.section_bodies for el in body for d in el.iter()}
        boxes = {d for el in self.elements if _FACT_BOX.search(el.get("class") or "") for d in el.iter()}
        lines = []
        for el in self.elements:
            if el.tag in BLOCKS and (el not in in_sections or el in boxes) and not any(
                    isinstance(c.tag, str) and c.tag in BLOCKS for c in el):
                lines.extend(text_of(el).split("\n"))
        return [line for line in lines if line]


def read_lab(response: TextResponse, *, fetched_at: dt.datetime | None = None) -> LabItem:
    page = LabPage(response)
    item = LabItem(url=page.canonical_url(), fetched_at=fetched_at, http_status=response.status)
    for name, helper in _FIELDS.items():
        value, strategy = helper(page)
        if value not in (None, "", [], {}):
            setattr(item, name, value)
            item.strategies[name] = strategy
    if item.name is None and item.title:
        item.name, item.strategies["name"] = item.title, item.strategies["title"]
    return item


def _title(page: LabPage):
    text = one_line(text_of(page.h1)) if page.h1 is not None else None
    if text:
        return text, page.flavour
    for path, strategy in (("/html/head/meta[@property='og:title' or @name='og:title']/@content", "meta"),
                           ("/html/head/title/text()", "head")):
        for content in page.root.xpath(path):
            text = one_line(_SITE_SUFFIX.sub("", content.split(" | ")[0]))   # "Lab'O | modernisation.gouv.fr"
            if text:
                return text, strategy
    return None, None


def _name(page: LabPage):
    title, strategy = page.title
    m = _TITLE.match(title or "")
    return (m.group("name").strip(), strategy) if m else (None, None)


def _region(page: LabPage):
    title, strategy = page.title
    m = _TITLE.match(title or "")
    if m:
        return m.group("region").strip(), strategy
    found = _label(page, "region")
    if found[0]:
        return found
    for text, where in ((title, strategy), _lead(page)):
        m = _REGION_WORD.search(text or "")
        if m:
            return m.group("region"), where
    return None, None


def _label(page: LabPage, group: str):
    hit = page.lab_labels.get(group)
    return (one_line(hit.text), "label") if hit and hit.text else (None, None)


def _lead(page: LabPage):
    for el in page.elements:
        if "fr-text--lead" in (el.get("class") or "") or "chapo" in (el.get("class") or ""):
            return one_line(text_of(el)), "dsfr"
    for el in page.elements:
        if el.tag == "p" and len(text_of(el)) >= 60:
            return one_line(text_of(el)), "fallback"
    return None, None


def _fact_line(page: LabPage, pattern: re.Pattern, group: str | int = 0) -> str | None:
    """The first content line that states the fact itself ("Hébergé par …", "Créé en 2023")."""
    for line in page.fact_lines:
        m = pattern.match(line)
        if m:
            return m.group(group).strip()
    return None


def _created(page: LabPage):
    found = _label(page, "created")
    if found[0]:
        return found
    lead, strategy = _lead(page)
    m = _CREATED.search(lead or "")
    if m:
        return m.group(0).strip(), strategy
    line = _fact_line(page, _CREATED_LINE)
    return (line, "line") if line else (None, None)


def _host(page: LabPage):
    found = _label(page, "host")
    if found[0]:
        return _ARTICLE.sub("", _TRAILING_STOP.sub("", found[0])), found[1]
    lead, strategy = _lead(page)
    m = _HOST.search(lead or "")
    if m:
        return _ARTICLE.sub("", m.group("host").strip()), strategy
    line = _fact_line(page, _HOST, "host")
    return (_ARTICLE.sub("", line), "line") if line else (None, None)


def _category(page: LabPage):
    for el in page.elements:
        cls = el.get("class") or ""
        if re.search(r"categor|kicker|surtitre|overline", cls):
            return one_line(text_of(el)), page.flavour
    return None, None


def _tags(page: LabPage):
    tags = [t for t in (one_line(text_of(x)) for x in page.tags) if t]
    if tags:
        return tags, "dsfr"
    hit = page.lab_labels.get("tags")
    if not hit:
        return None, None
    tags = [t for item in hit.items for t in _SPLIT_TAGS.split(_TRAILING_STOP.sub("", item)) if t]
    return (tags, "label") if tags else (None, None)


def _sections(page: LabPage):
    sections = {}
    for title, body in page.section_bodies:
        text = html_to_text("".join(content_html(el) for el in body))
        if text:
            sections[title] = text
    return (sections, page.flavour) if sections else (None, None)


def _website(page: LabPage):
    hit = page.lab_labels.get("website")
    if hit and hit.links:
        return page.absolute(hit.links[0]), "label"
    return None, None


_FIELDS = {
    "title": _title, "name": _name, "region_text": _region, "host": _host, "created_text": _created,
    "category": _category, "tags": _tags, "lead": _lead, "sections": _sections, "website": _website,
}
