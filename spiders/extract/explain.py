"""Why a field has its value: every candidate the field's reader could have taken, in the order
it tries them, where each was found, and why each one that is not the value lost — what
``mipcrawl inspect`` prints so that a page that extracts badly shows at once which rule is
missing. Only ``inspect`` calls this (a crawl never pays for it)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from spiders.extract import fallback, links
from spiders.extract import structured as sd
from spiders.extract.dom import one_line
from spiders.extract.event import NOT_A_NAME as _NOT_A_NAME
from spiders.extract.marks import icon_text
from spiders.extract.page import Page
from spiders.extract.places import address_element, structured_place
from spiders.extract.times import datetime_attr, not_event_time
from spiders.extract.titles import heading_text, is_site_name, skip_lines, split_title_date

Candidate = tuple[str, Any, str, str | None]      # (strategy, value, where, why it may not count)
_MAX_LINES = 3
_MAX_LINE = 200


def where(el) -> str:
    """A short path to an element: ``main > dl.infos > dd``."""
    parts = []
    for node in (el, *list(el.iterancestors())[:3]):
        if not isinstance(node.tag, str) or node.tag in ("html", "body"):
            break
        cls = (node.get("class") or "").split()
        parts.append(node.tag + (f"#{node.get('id')}" if node.get("id") else "") + (f".{cls[0]}" if cls else ""))
    return " > ".join(reversed(parts))


def _structured(page: Page, prop: str, inline: bool) -> Iterator[Candidate]:
    event, kind = page.structured
    if event and (kind in sd.INLINE) == inline:
        value = structured_place(event) if prop == "location" else sd.text(event.get(prop))
        note = None if inline else "JSON-LD is read only where the page shows nothing"
        yield kind or "", value, f"schema.org {kind} {prop}", note


def title_candidates(page: Page) -> Iterator[Candidate]:
    yield from _structured(page, "name", True)
    for el in page.elements:
        if el.tag in ("h1", "h2") and (text := heading_text(el)):
            note = "the site's name, not the page's" if is_site_name(el, page) else None
            yield ("dsfr" if page.is_dsfr else "legacy"), split_title_date(text)[0], where(el), note
    yield from _structured(page, "name", False)
    for text in page.head_titles[:1]:
        yield "fallback", text.split(" | ")[0], "<title>", None


def when_candidates(page: Page) -> Iterator[Candidate]:
    yield from _structured(page, "startDate", True)
    for t in page.times:
        yield "attr", datetime_attr(t), where(t), "a registration deadline" if not_event_time(t) else None
    for t in page.stamp_times:
        yield "attr", datetime_attr(t), where(t), "the page's publication or update stamp"
    yield from _icon(page, "date")
    yield from _label(page, "date", "date_place", "hours")
    heading = next((el for el in page.elements if el.tag == "h1"), None)
    titled = split_title_date(heading_text(heading))[1] if heading is not None else None
    if titled:
        yield "title", titled, "after the title", None
    yield from _lines(page, fallback.DATE_LIKE)
    yield from _structured(page, "startDate", False)


def place_candidates(page: Page) -> Iterator[Candidate]:
    if links.map_link_text(page):
        yield "attr", links.map_link_text(page), "a map link", None
    el, address = address_element(page)
    if address:
        yield "attr", address, where(el), None
    yield from _icon(page, "place")
    yield from _label(page, "venue", "address", "mode", "date_place")
    yield from _structured(page, "location", True)
    for phrase in fallback.place_phrases(page.lines, skip=skip_lines(page)):
        yield "fallback", phrase, "a sentence that says where", None
    yield from _icon(page, "online")
    yield from _lines(page, fallback.PLACE_LIKE)
    yield from _structured(page, "location", False)


def organiser_candidates(page: Page) -> Iterator[Candidate]:
    yield from _icon(page, "organiser")
    yield from _label(page, "organiser", "contact")
    yield from _structured(page, "organizer", True)
    found = fallback.organiser_phrase(page.lines)
    if found:
        yield "fallback", found, "a sentence ('organisé par …')", None
    yield from _structured(page, "organizer", False)


def _icon(page: Page, group: str) -> Iterator[Candidate]:
    value, kind = icon_text(page, group)
    if value:
        el = next(e for g, e in page.icons if g == group)
        yield kind or "", value, f"{where(el)} ({group} icon)", None


def _label(page: Page, *groups: str) -> Iterator[Candidate]:
    for group in groups:
        hit = page.labels.get(group)
        if hit and hit.text:
            node = f" at {where(hit.nodes[0])}" if hit.nodes else ""
            note = "a number or an address, not a name" if group == "contact" and _NOT_A_NAME.search(hit.text) else None
            yield "label", one_line(hit.text), f"label '{hit.label}' ({group}, {hit.markup}){node}", note


def _lines(page: Page, pattern) -> Iterator[Candidate]:
    skip, found = skip_lines(page), 0
    for i, line in enumerate(page.lines):
        if found >= _MAX_LINES:
            return
        if len(line) <= _MAX_LINE and pattern.search(line):
            found += 1
            note = ("a page stamp" if fallback.STAMP.match(line) else "a registration deadline"
                    if fallback.DEADLINE.search(line) else "a title or stamp line" if line in skip else None)
            yield "fallback", line, f"line {i + 1} of the text", note


READERS = {"title": title_candidates, "when_text": when_candidates, "place_text": place_candidates,
           "organiser": organiser_candidates}


def explain(page: Page, item: Any) -> dict[str, Any]:
    """Per field: its value and strategy, and every candidate with where it was and why it lost."""
    out: dict[str, Any] = {}
    for name, reader in READERS.items():
        value, strategy = getattr(item, name), item.strategies.get(name)
        seen = [c for c in reader(page) if c[1]]
        won = next((i for i, c in enumerate(seen) if value is not None and _same(c[1], value)), None)
        listed = []
        for i, (cand_strategy, cand_value, place, note) in enumerate(seen):
            entry = {"strategy": cand_strategy, "value": cand_value, "where": place}
            before = seen[won] if won is not None and won < i else None
            entry["why"] = "won" if i == won else _why(name, cand_value, note, before, value)
            listed.append(entry)
        out[name] = {"value": value, "strategy": strategy, "candidates": listed}
    return out


def _why(name: str, value: Any, note: str | None, before: Candidate | None, won: Any) -> str:
    if note:
        return f"skipped: {note}"
    if before is not None and _same(value, won):
        return f"the same text, read first by the {before[0]} reading at {before[2]}"
    if name == "place_text" and fallback.ATTENDANCE_ONLY.match(str(value)):
        return "says how one attends, not where: joined to a place when one is found"
    if before is not None:
        return f"the {before[0]} reading at {before[2]} came first"
    if name == "place_text" and not fallback.LOCATED.search(str(value)):
        return "a line of the text that names no place (no postcode, '(56)', 'à Ville', street)"
    return "not taken: the value is another candidate's, or was joined with one"


def _same(a: Any, b: Any) -> bool:
    def norm(x: Any) -> str:
        return " ".join(str(x).casefold().split())
    return norm(a) == norm(b) or (len(norm(a)) > 3 and norm(a) in norm(b))
