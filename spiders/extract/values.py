"""The value that follows a label, whatever the markup: ``dd`` after ``dt``, ``td`` after
``th``, the text after ``<strong>Label</strong>`` up to the next line break, or the next
element after a label that stands alone (heading, ``field__label``, a lone ``<p><b>``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spiders.extract.dom import BLOCKS, is_related_heading, skipped, text_of, tidy
from spiders.extract.fallback import ATTENDANCE_ONLY, DATE_LIKE, LOCATED
from spiders.extract.vocab import MARKERS, group_of, icon_of, starts_with_label

_LIST_CLASS = re.compile(r"field__item\b|fr-tag\b")
_FIELD_ITEMS = (".//*[contains(concat(' ', normalize-space(@class), ' '), ' field__item ') or "
                "contains(concat(' ', normalize-space(@class), ' '), ' field-item ')]")
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_STOP_PARENTS = frozenset({"main", "body", "article", "html", "section"})


@dataclass
class LabelHit:
    label: str                      # the label, normalised
    text: str                       # the value as written (block breaks kept as newlines)
    items: list[str] = field(default_factory=list)   # separate values when the markup lists them
    links: list[str] = field(default_factory=list)   # hrefs inside the value
    markup: str = ""                # which markup carried it: dl, table, inline, next
    nodes: list = field(default_factory=list, repr=False)   # the value's elements, when any


def after_label(el, label: str) -> LabelHit | None:
    """The value of a label element ``el`` (whose whole text is the label)."""
    if el.tag == "dt":
        dds: list = []
        for sib in _element_siblings(el):
            if sib.tag != "dd" or (dds and _other_value(dds[0], sib, label)):
                break
            dds.append(sib)
        return _from_nodes(label, dds, "dl")
    if el.tag == "th":
        tds = [s for s in _element_siblings(el) if s.tag == "td"][:1]
        return _from_nodes(label, tds or _column_below(el), "table")
    hit = inline_value(el.tail or "", list(el.itersiblings()), label)
    if hit is not None:
        return hit
    return _next_block(el, label)


def inline_value(rest: str, following: list, label: str) -> LabelHit | None:
    """The text after a label on the same line: ``rest`` then ``following`` up to a ``<br>``."""
    parts, nodes = [rest.lstrip(" :：\u00a0\t\n")], []   # "<b>Lieu</b> : …" keeps its colon outside
    lines_on = label in _MULTILINE or group_of(label) in _MULTILINE or MARKERS.get(label) in _MULTILINE
    for i, sib in enumerate(following):
        tag = sib.tag
        if not isinstance(tag, str):
            parts.append(sib.tail or "")
            continue
        if tag == "br":
            so_far = "".join(parts)
            if so_far.strip() and not (lines_on and address_goes_on(so_far, sib, following[i + 1:])):
                break
            parts.append("\n" + (sib.tail or ""))
            continue
        if tag in _HEADING_TAGS:
            break    # a heading is no value (a rubric "Agenda" over the title)
        sib_text = text_of(sib)
        if starts_with_label(sib_text.split("\n", 1)[0]):
            break    # the next field begins
        nodes.append(sib)
        parts.extend(("\n" if tag in BLOCKS else " ", sib_text, sib.tail or ""))
        if tag in BLOCKS and "".join(parts).strip():
            break
    text = tidy("".join(parts))
    links = _links(nodes)
    if not text and not links:
        return None
    return LabelHit(label, text, _items(nodes) or ([text] if text else []), links, "inline", nodes)


# an address is written over several lines ("12 rue X<br>35000 Rennes"): its label's value goes on
_MULTILINE = frozenset({"venue", "address", "date_place"})
_POSTCODE = re.compile(r"\b\d{5}\b")
_MAX_ADDRESS_LINE = 60


def address_goes_on(so_far: str, br, rest: list) -> bool:
    """Whether the line after ``br`` continues an address: short, no label, no date, and the
    address has no postcode yet (the postcode line ends it)."""
    if _POSTCODE.search(so_far):
        return False
    parts = [br.tail or ""]
    if not parts[0].strip() and rest and isinstance(rest[0].tag, str) and icon_of(rest[0]):
        return False        # the next line opens with an icon: another field
    for sib in rest:
        if isinstance(sib.tag, str) and (sib.tag == "br" or sib.tag in BLOCKS):
            break
        parts.extend((text_of(sib) if isinstance(sib.tag, str) else "", sib.tail or ""))
    line = " ".join("".join(parts).split())
    return 0 < len(line) <= _MAX_ADDRESS_LINE and not starts_with_label(line) and not DATE_LIKE.search(line)


def field_value(el, label: str) -> LabelHit | None:
    """A Drupal field's value: its items (``field__item``, D7 ``field-item``), else its text."""
    items = el.xpath(_FIELD_ITEMS)
    return _from_nodes(label, items or [el], "field")


def _next_block(el, label: str) -> LabelHit | None:
    """A label standing alone: the value is the next element (climbing out of wrappers)."""
    cur = el
    for _ in range(3):
        nxt = next(_element_siblings(cur), None)
        if nxt is not None:
            if nxt.tag in _HEADING_TAGS:
                return None      # a heading is no value: "Agenda" over a title is a rubric, not a label
            first_line = text_of(nxt).split("\n", 1)[0]
            if starts_with_label(first_line) and not _links([nxt]):
                return None
            return _from_nodes(label, [nxt], "next")
        parent = cur.getparent()
        if parent is None or parent.tag in _STOP_PARENTS or (parent.text or "").strip():
            return None
        cur = parent
    return None


def _from_nodes(label: str, nodes: list, markup: str) -> LabelHit | None:
    if not nodes:
        return None
    text = _until_label("\n".join(t for t in (text_of(n) for n in nodes) if t))
    items = _items(nodes) or [t for t in (text_of(n) for n in nodes) if t]
    return LabelHit(label, text, items, _links(nodes), markup, nodes)


def _column_below(th) -> list:
    """A header row's ``th``: the cell in the same column of the next row."""
    row = th.getparent()
    if row is None or row.tag != "tr":
        return []
    column = [c for c in row if isinstance(c.tag, str)].index(th)
    nxt = next((r for r in row.itersiblings() if r.tag == "tr"), None)
    if nxt is None:     # header in <thead>, values in <tbody>
        section = row.getparent()
        body = next((b for b in section.itersiblings() if b.tag == "tbody"), None) if section is not None else None
        nxt = body.find("tr") if body is not None else None
    cells = [c for c in nxt if isinstance(c.tag, str)] if nxt is not None else []
    return cells[column:column + 1]


def _until_label(text: str) -> str:
    """The value's lines up to the next label (a value left open swallows the next field)."""
    lines = text.split("\n")
    for i, line in enumerate(lines[1:], start=1):
        if starts_with_label(line):
            return "\n".join(lines[:i])
    return text


def _element_siblings(el):
    """Following sibling elements that are content (no comments, menus or related cards)."""
    for sib in el.itersiblings():
        if isinstance(sib.tag, str) and is_related_heading(sib):
            return
        if isinstance(sib.tag, str) and not skipped(sib):
            yield sib


def _items(nodes: list) -> list[str]:
    """Texts of list-like children (``li``, ``field__item``, DSFR tags) inside the value."""
    found, taken = [], set()
    for node in nodes:
        for sub in node.iter():
            if isinstance(sub.tag, str) and _is_list_item(sub):
                if any(a in taken for a in sub.iterancestors()):
                    continue      # a tag inside a list item: the same value
                taken.add(sub)
                text = text_of(sub)
                if text:
                    found.append(text)
    return found


def _is_list_item(el) -> bool:
    return el.tag == "li" or bool(_LIST_CLASS.search(el.get("class") or ""))


def _other_value(first, dd, label: str) -> bool:
    """Whether a later ``<dd>`` is another thing than its label's value: a link alone after a
    value in words ("S'inscrire"), or a place — or how one attends ("Distanciel") — after a value
    that says neither (an unlabelled place after the organiser: "Levallois-Perret (92)")."""
    if _link_only(dd) and not _link_only(first):
        return True
    if _groups_of(label) & _MULTILINE:
        return False
    if _says_where(text_of(dd)) and not _says_where(text_of(first)):
        return True
    # an unlabelled date after the organiser's name ("7 (matin) - 20 novembre"), not a date's second session
    return not _groups_of(label) & _WHEN and bool(DATE_LIKE.search(text_of(dd))) and not DATE_LIKE.search(
        text_of(first))


_WHEN = {"date", "hours", "date_place"}


def _says_where(text: str) -> bool:
    return bool(LOCATED.search(text) or ATTENDANCE_ONLY.match(text))


def _groups_of(label: str) -> set:
    return {label, group_of(label), MARKERS.get(label)}


def _link_only(el) -> bool:
    """An element whose only text is that of one link."""
    links = el.findall(".//a")
    return len(links) == 1 and " ".join(el.itertext()).split() == " ".join(links[0].itertext()).split()


def _links(nodes: list) -> list[str]:
    hrefs = []
    for node in nodes:
        if node.tag == "a" and node.get("href"):
            hrefs.append(node.get("href").strip())
        hrefs.extend(h.strip() for h in node.xpath(".//a/@href"))
    return hrefs
