"""The event's title: the page's own heading — not the site's name set in an ``<h1>``, and
without a date written after it — else the schema.org name, else the ``<title>``."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

from spiders.extract import fallback
from spiders.extract import structured as sd
from spiders.extract.dom import BLOCKS, one_line, text_of
from spiders.extract.marks import NOTHING, Found
from spiders.extract.page import Page


def title(page: Page) -> Found:
    """A heading marked as the event's name (microdata, RDFa) is the title; else the visible
    heading wins over a JSON-LD name that says otherwise (counted as a disagreement)."""
    event, kind = page.structured
    name = sd.text(event.get("name")) if event else None
    if name and kind in sd.INLINE and event.get(sd.WRITTEN, {}).get("name"):
        return split_title_date(name)[0], kind    # a visible heading marked as the event's name
    heading = title_heading(page)
    text = split_title_date(heading_text(heading))[0] if heading is not None else None
    if text:
        if name and norm(name) != norm(text):
            page.disagreements.append("title")
        return text, "dsfr" if page.is_dsfr else "legacy"
    if name:
        return name, kind
    head = page.root.xpath("/html/head/title/text()")
    if head and head[0].strip():
        return one_line(head[0].split(" | ")[0]), "fallback"
    return NOTHING


def title_heading(page: Page):
    """The content's first ``<h1>`` that is not the site's name (else its ``<h2>``s), the one the
    ``<title>`` or ``og:title`` repeats when there are several."""
    if "title_heading" not in page.memo:
        page.memo["title_heading"] = _title_heading(page)
    return page.memo["title_heading"]


def _title_heading(page: Page):
    for tag in ("h1", "h2"):
        heads = [el for el in page.elements if el.tag == tag and not is_site_name(el, page)][:6]
        if heads:
            titled = page.head_titles
            return next((h for h in heads if (t := heading_text(h)) and any(t in x for x in titled)), heads[0])
    return None


def heading_text(h) -> str | None:
    """A heading's text, stopping at a block inside it (an unclosed ``<h1>`` swallows the page)."""
    parts = [h.text or ""]
    for child in h:
        if isinstance(child.tag, str) and child.tag in BLOCKS:
            break
        if isinstance(child.tag, str):
            parts.append(" " + text_of(child) + " ")
        parts.append(child.tail or "")
    return one_line("".join(parts))


def is_site_name(el, page: Page) -> bool:
    """A heading that is the site's name: one link home and nothing else, ``og:site_name``, or
    a heading the theme marks as the site's (``site-title``, ``site-name``, a logo or brand
    block: WordPress, Drupal, Bootstrap)."""
    if any(_SITE_CLASS.search(x.get("class") or "") for x in (el, el.getparent()) if x is not None):
        return True
    links = el.findall(".//a")
    text = one_line(text_of(el, skip=False)) or ""
    if len(links) == 1 and (links[0].get("rel") == "home" or _is_home(links[0].get("href"), page)) \
            and one_line(text_of(links[0], skip=False)) == text:
        return True
    return bool(text) and text in page.site_names


@lru_cache(maxsize=4096)
def _stamp_class(cls: str) -> bool:
    """A block the theme marks as the page's byline or publication stamp (``post-meta``,
    ``entry-date``, ``node__meta``…): its dates are the page's, not the event's."""
    return bool(fallback.STAMP_MARK.search(cls))


_SITE_CLASS = re.compile(r"(?:^|\s)(?:site[-_]?(?:title|name|branding|logo)|(?:navbar-)?brand|logo|header__title"
                         r"|fr-header__service-title)(?:\s|$)", re.I)


def _is_home(href: str | None, page: Page) -> bool:
    url = page.absolute(href) or ""
    return bool(url) and urlsplit(url).path in ("", "/") and urlsplit(url).netloc == urlsplit(page.url).netloc


# "Atelier données – Le lundi 04/11 de 9h30 à 16h": a date written after the name
_SEPARATOR = re.compile(r"\s+[–—|-]\s+")
_MAX_DATE = 160      # several sessions: "Le lundi 21/11, de 9 heures à 9 heures 40 et de 10 heures à …"
# what a date opens with: an article, "du", "en", "courant", "semaine du" or a registration
# line, a weekday, then a number, a month, a day in words, or letter-spaced capitals
_DATE_START = re.compile(
    r"^[\[(]?(?:(?:le|les|du|à partir du|dès le|en|courant|semaine du|tout le mois de|toute la semaine du"
    r"|tout au long du mois de|(?:durant|pendant) (?:le mois de|la semaine du)"
    r"|inscriptions?\s+(?:obligatoires?\s+)?(?:avant|jusqu'au)(?:\s+le)?)\s+)?"
    r"(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?"
    rf"(?:\d|{fallback.MONTHS}|{fallback.DAY_WORDS}\s|(?-i:[A-Z0-9]\s{{1,2}}[A-Z0-9]\s))", re.I)


def split_title_date(text: str | None) -> tuple[str | None, str | None]:
    """A heading cut into the event's name and a date written after a dash or a bar (a date is
    no part of a name: "Atelier – 14 novembre" is the "Atelier" of 14 November)."""
    for m in _SEPARATOR.finditer(text or ""):
        name, date = text[:m.start()], text[m.end():]
        if len(date) <= _MAX_DATE and _DATE_START.match(date) and fallback.DATE_LIKE.search(date) \
                and not fallback.DATE_LIKE.search(name):
            return name, date
    return text, None


def norm(text: str) -> str:
    return " ".join(text.casefold().split())


def skip_lines(page: Page) -> set[str]:
    """Lines no last-resort reader may take: the titles, and the lines of the page's stamps."""
    if "skip_lines" not in page.memo:
        stamps = {text_of(p) for t in page.stamp_times if (p := t.getparent()) is not None}
        stamps |= {text_of(el) for el in page.elements if (cls := el.get("class")) and _stamp_class(cls)}
        heading = title_heading(page)
        titled = {text_of(heading)} if heading is not None else set()
        page.memo["skip_lines"] = {text_of(h) for h in page.main.xpath(".//h1")} | stamps | titled
    return page.memo["skip_lines"]  # type: ignore[return-value]
