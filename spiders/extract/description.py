"""The event description as HTML: a body/description container, a "Description" label,
the schema.org description, or else the content paragraphs that carry no other field."""

from __future__ import annotations

import html
import re

from lxml import etree

from spiders.extract import fallback
from spiders.extract import structured as sd
from spiders.extract.dom import text_of
from spiders.extract.page import Page
from spiders.extract.vocab import starts_with_label

_CONTAINER = re.compile(r"description|field--name-body|field-name-body|node__body|event__body|"
                        r"\bbody\b|wysiwyg|rich-?text|event-content|content-body")
_PARAGRAPHS = frozenset({"p", "ul", "ol", "blockquote"})
_MIN_PARAGRAPH = 40


def inner_html(el) -> str:
    parts = [html.escape(el.text)] if el.text else []
    parts.extend(etree.tostring(child, encoding="unicode", method="html") for child in el
                 if isinstance(child.tag, str) or child.tail)
    return "".join(parts).strip()


def outer_html(el) -> str:
    return etree.tostring(el, encoding="unicode", method="html", with_tail=False).strip()


def description_html(page: Page) -> tuple[str | None, str | None]:
    for el in page.elements:
        cls = el.get("class")
        if cls and _CONTAINER.search(cls) and text_of(el):
            return inner_html(el), "dsfr" if "fr-" in cls or page.is_dsfr else "legacy"
    hit = page.labels.get("description")
    if hit and hit.nodes:
        return "".join(outer_html(n) for n in hit.nodes), "label"
    event, kind = page.structured
    text = sd.text(event.get("description")) if event else None
    if text:
        return f"<p>{html.escape(text)}</p>", kind
    paragraphs = _free_paragraphs(page)
    return ("".join(outer_html(p) for p in paragraphs), "fallback") if paragraphs else (None, None)


def _free_paragraphs(page: Page) -> list:
    """Top-level paragraphs and lists of the content that are no label, stamp or short detail."""
    found, taken = [], set()
    for el in page.elements:
        if el.tag not in _PARAGRAPHS or any(a in taken for a in el.iterancestors()):
            continue
        text = text_of(el)
        if len(text) < _MIN_PARAGRAPH or fallback.STAMP.match(text) or starts_with_label(text.split("\n")[0]):
            continue
        taken.add(el)
        found.append(el)
    return found
