"""A lab sheet (current DSFR sheet or 2022 Atlas page) → ``LabItem``, text as written.

Name and région come from the H1 ("Laboratoire du Centre-Val-de-Loire - LAB'L"), year
created and host from the lead ("Créé en 2022, le LAB'L … est porté par …") or from
labelled fields (Atlas), sections from the H2 headings. Related-content cards are skipped.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cached_property

from scrapy.http import TextResponse

from mipcrawl.items import LabItem
from parsers.text import html_to_text
from spiders.extract.description import outer_html
from spiders.extract.dom import one_line, text_of
from spiders.extract.labels import LabelIndex
from spiders.extract.page import Page
from spiders.extract.vocab import LAB_LABEL_GROUP

_TITLE = re.compile(r"^\s*laboratoire\s+(?:de la |de l'|de l’|du |des |de |d'|d’)(?P<region>.+?)\s+[-–—]\s+(?P<name>.+)$",
                    re.I)
_CREATED = re.compile(r"[^.]*\b(?:cr[ée]{2}|lanc[ée]|fond[ée]|n[ée]|ouvert)e?s?\b[^.]*?\b(?:19|20)\d{2}[^.]*", re.I)
_HOST = re.compile(r"\b(?:co-?)?(?:port[ée]+e?|h[ée]berg[ée]+e?|rattach[ée]+e?|pilot[ée]+e?|plac[ée]+e?)s?\s+"
                   r"(?:auprès de la |auprès de l'|auprès d[eu]s? |par |aux |au |à )\s*(?P<host>[^.]+)", re.I)
_ARTICLE = re.compile(r"^(?:le |la |les |l'|l’)", re.I)
_RETURN_LINK = re.compile(r"^retour (?:[àa]|au|aux) ", re.I)
_RELATED = re.compile(r"sur le m[êe]me sujet|ces contenus|voir aussi|[àa] lire aussi|contenus? li[ée]s|"
                      r"d[ée]couvrir aussi|autres laboratoires", re.I)


class LabPage(Page):
    @cached_property
    def lab_labels(self) -> LabelIndex:
        return LabelIndex(self.elements, LAB_LABEL_GROUP)

    @cached_property
    def h1(self):
        found = self.main.xpath(".//h1[1]") or self.root.xpath("//h1[1]")
        return found[0] if found else None

    @property
    def flavour(self) -> str:
        return "dsfr" if self.is_dsfr else "legacy"


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
    return (text, page.flavour) if text else (None, None)


def _name(page: LabPage):
    m = _TITLE.match(_title(page)[0] or "")
    return (m.group("name").strip(), page.flavour) if m else (None, None)


def _region(page: LabPage):
    m = _TITLE.match(_title(page)[0] or "")
    if m:
        return m.group("region").strip(), page.flavour
    return _label(page, "region")


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


def _created(page: LabPage):
    found = _label(page, "created")
    if found[0]:
        return found
    lead, strategy = _lead(page)
    m = _CREATED.search(lead or "")
    return (m.group(0).strip(), strategy) if m else (None, None)


def _host(page: LabPage):
    found = _label(page, "host")
    if found[0]:
        return _ARTICLE.sub("", found[0]), found[1]
    lead, strategy = _lead(page)
    m = _HOST.search(lead or "")
    return (_ARTICLE.sub("", m.group("host").strip()), strategy) if m else (None, None)


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
    return (hit.items, "label") if hit and hit.items else (None, None)


def _sections(page: LabPage):
    sections = {}
    for h2 in (el for el in page.elements if el.tag == "h2"):
        heading = one_line(text_of(h2))
        if not heading or _RELATED.search(heading):
            continue
        body = []
        for sib in h2.itersiblings():
            if not isinstance(sib.tag, str):
                continue
            if sib.tag in ("h1", "h2") or sib.find(".//h2") is not None:
                break
            if not _RETURN_LINK.match(text_of(sib)):
                body.append(outer_html(sib))
        text = html_to_text("".join(body))
        if text:
            sections[heading] = text
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
