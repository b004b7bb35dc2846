"""Fields found by their French labels, whatever the markup around them.

One pass over the content elements finds every known label — ``dt``/``dd``, ``th``/``td``,
``li > strong``, Drupal ``field__label``/``field__item``, a heading followed by its value,
``Label : value`` text — and records the value after it. Labels are matched
accent- and case-insensitively, with or without a colon.
"""

from __future__ import annotations

import re

from spiders.extract import values
from spiders.extract.fallback import SENTENCE_GOES_ON
from spiders.extract.values import LabelHit
from spiders.extract.vocab import (
    COLON,
    ICON_LABEL,
    LABEL_GROUP,
    MARKER,
    MARKERS,
    NO_COLON,
    QUESTION,
    field_name_group,
    group_of,
    icon_of,
    is_ligature,
    normalise,
)

_COLON = COLON
_NO_COLON = NO_COLON
_FIELD_LABEL = "boolean(./*[contains(@class,'field__label') or contains(@class,'field-label')])"
_NOT_LABELS = ("a", "html", "body", "main", "table", "thead", "tbody", "tr")   # a row: its header cell is the label
# the name ends where the sentence goes on: a comma before a lower-case word, a full stop
_PHRASE_END = re.compile(rf"^(?P<who>.{{2,140}}?)\s*(?:{SENTENCE_GOES_ON}|[!?]\s|\.\s+\S)")


def _phrase_end(rest: str) -> str:
    m = _PHRASE_END.match(rest)
    return m.group("who") if m else rest


_CHAINED = re.compile(r"\s*(?:\||•|·|;|\s[–—-])\s*([^:|•·;\n]{2,40}?)\s*:\s*")


class LabelIndex:
    """First value seen for each label group, in document order."""

    def __init__(self, elements: list, groups: dict[str, str] = LABEL_GROUP):
        self.hits: dict[str, LabelHit] = {}
        self.groups = groups
        for el in elements:
            if self._field_name(el) or self._element_label(el):
                continue
            self._inline_labels(el)

    def get(self, *groups: str) -> LabelHit | None:
        for g in groups:
            if g in self.hits:
                return self.hits[g]
        return None

    def _add(self, group: str, hit: LabelHit | None) -> bool:
        if hit is None or not (hit.links or any(c.isalnum() for c in hit.text)):
            return False      # nothing, or a placeholder ("—", "-", "/")
        self.hits.setdefault(group, hit)
        return True

    def _field_name(self, el) -> bool:
        """A Drupal field whose label the theme hides: its machine name stands for the label."""
        cls = el.get("class")
        if not cls or "name-field-" not in cls or self.groups is not LABEL_GROUP:
            return False
        group = field_name_group(cls)
        if group is None or el.xpath(_FIELD_LABEL):
            return False
        return group in self.hits or self._add(group, values.field_value(el, group))

    def _element_label(self, el) -> bool:
        """An element whose whole text is a label: its value follows it."""
        if len(el) > 2 or el.tag in _NOT_LABELS or el.find(".//a") is not None:
            return False   # a link's text ("S'inscrire") is no label
        if len(el) == 2 and all(isinstance(c.tag, str) and not is_ligature(c) and "".join(c.itertext()).strip()
                                for c in el):
            return False   # two worded parts: a label and its value side by side, not one label (an icon
                           # font's name, "account_balance", is no words)
        if len(el) and (el[0].tail or "").strip() and group_of("".join(el[0].itertext()).strip(), self.groups):
            return False   # "<li><b>Lieu</b> Station F</li>": the child is the label, the rest its value
        own = _own_text(el)
        group = group_of(own.strip(), self.groups)
        if group is None and self.groups is LABEL_GROUP:
            group = _symbol_label(el, own.strip())
        if group is None or group in self.hits:
            return group is not None
        return self._add(group, values.after_label(el, normalise(own) or group))

    def _inline_labels(self, el) -> None:
        """``Label : value`` text, at the start of an element or after one of its children."""
        self._inline(el.text, el, list(el))
        for i, child in enumerate(el):
            if child.tail and child.tail.strip():
                self._inline(child.tail, el, list(el)[i + 1:])

    def _inline(self, text: str | None, parent, following: list) -> None:
        if not text or not text.strip():
            return
        m = _COLON.match(text) or _NO_COLON.match(text) or QUESTION.match(text)
        group = group_of(m.group(1), self.groups) if m else None
        if group is None:
            self._marker(text, following)
            return
        rest = m.group(2)
        if m.re is _NO_COLON:          # "Organisé par X, cet atelier …": the name ends the phrase
            rest = _phrase_end(rest)
        pairs = [(m.group(1), rest)]
        while (nxt := self._chained(pairs[-1][1])) is not None:   # "Date : … | Lieu : …"
            before, (label, after) = nxt
            pairs[-1] = (pairs[-1][0], before)
            pairs.append((label, after))
        for i, (label, rest) in enumerate(pairs):
            grp = group_of(label, self.groups)
            if grp is not None and grp not in self.hits:
                last = i == len(pairs) - 1
                self._add(grp, values.inline_value(rest, following if last else [], normalise(label)))

    def _marker(self, text: str, following: list) -> None:
        """An emoji standing for a label: "📍 Hôtel de Ville, 33000 Bordeaux"."""
        m = MARKER.match(text) if self.groups is LABEL_GROUP else None
        if m and MARKERS[m.group(1)] not in self.hits:
            self._add(MARKERS[m.group(1)], values.inline_value(m.group(2), following, m.group(1)))

    def _chained(self, text: str) -> tuple[str, tuple[str, str]] | None:
        """Split ``"7/11 | Lieu : Paris"`` at a separator followed by a known label."""
        for m in _CHAINED.finditer(text):
            if group_of(m.group(1), self.groups):
                return text[:m.start()], (m.group(1), text[m.end():])
        return None


def _symbol_label(el, own: str) -> str | None:
    """A label written as a symbol alone: an emoji ("📍"), or an icon with no words (a calendar
    icon in a ``<dt>``, a pin in a table header) — the field group it stands for."""
    if own:
        m = MARKER.match(own + " x")
        return MARKERS[m.group(1)] if m and len(own) <= 3 else None
    for sub in el.iter():
        if isinstance(sub.tag, str) and sub is not el or el.tag in ("svg", "img"):
            group = icon_of(sub)
            if group:
                return ICON_LABEL.get(group)
    return None


def _own_text(el) -> str:
    """An element's text without the names of its ligature icons ("location_on")."""
    if not len(el) and not is_ligature(el):
        return el.text or ""
    if not any(isinstance(x.tag, str) and is_ligature(x) for x in el.iter()):
        return "".join(el.itertext())
    parts = [el.text or ""]
    for sub in el.iterdescendants():
        if isinstance(sub.tag, str) and not is_ligature(sub):
            parts.append(sub.text or "")
        parts.append(sub.tail or "")
    return "".join(parts)
