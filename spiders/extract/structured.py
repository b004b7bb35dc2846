"""schema.org data embedded in a page: JSON-LD first, then microdata, as plain dicts.

Both come out in the JSON-LD shape (``{"@type": "Event", "name": …, "location": {…}}``)
so the field helpers read one form. Broken JSON is ignored, never raised.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from typing import Any

_MICRODATA_VALUE_ATTRS = ("content", "datetime", "href", "src", "value")


def find_event(root) -> tuple[dict | None, str | None]:
    """The first schema.org ``*Event`` of the page and ``"jsonld"`` / ``"microdata"``."""
    for raw in root.xpath("//script[@type='application/ld+json']/text()"):
        for obj in _walk_jsonld(_loads(raw)):
            if _is_event(obj):
                return obj, "jsonld"
    scopes = root.xpath("//*[@itemscope][contains(@itemtype,'Event')]")
    for scope in scopes:
        if _is_event({"@type": scope.get("itemtype", "").rstrip("/").rsplit("/", 1)[-1]}):
            return _microdata(scope), "microdata"
    for scope in root.xpath("//*[@typeof][contains(@typeof,'Event')]"):
        if _is_event({"@type": scope.get("typeof", "").split()[0].rsplit(":", 1)[-1]}):
            return _rdfa(scope), "rdfa"
    return None, None


def _loads(raw: str) -> Any:
    try:
        return json.loads(raw.strip().removeprefix("<!--").removesuffix("-->"))
    except (ValueError, RecursionError):
        return None


def _walk_jsonld(obj: Any) -> Iterator[dict]:
    if isinstance(obj, list):
        for x in obj:
            yield from _walk_jsonld(x)
    elif isinstance(obj, dict):
        yield obj
        for key in ("@graph", "mainEntity"):     # a WebPage whose main entity is the event
            if obj.get(key) is not None:
                yield from _walk_jsonld(obj[key])


def _is_event(obj: dict) -> bool:
    types = obj.get("@type")
    types = types if isinstance(types, list) else [types]
    return any(isinstance(t, str) and t.rsplit("/", 1)[-1].endswith("Event") for t in types)


INLINE = frozenset({"microdata", "rdfa"})   # kinds that mark the visible text (JSON-LD is unseen)
WRITTEN = "_written"   # microdata: the visible text of each property, next to its machine value


def _microdata(scope) -> dict:
    """A microdata item as a JSON-LD-like dict (nested itemscopes become dicts); the text the
    page shows for each property is kept under ``WRITTEN``."""
    out: dict[str, Any] = {"@type": scope.get("itemtype", "").rstrip("/").rsplit("/", 1)[-1], WRITTEN: {}}
    for prop_el in _own_props(scope):
        value = _microdata(prop_el) if prop_el.get("itemscope") is not None else _prop_value(prop_el)
        for name in prop_el.get("itemprop", "").split():
            out.setdefault(name, value)
            out[WRITTEN].setdefault(name, " ".join(" ".join(prop_el.itertext()).split()))
    return out


def _rdfa(scope) -> dict:
    """An RDFa (schema.org vocabulary) item in the same shape as microdata's."""
    out: dict[str, Any] = {"@type": scope.get("typeof", "").split()[0].rsplit(":", 1)[-1], WRITTEN: {}}
    for prop_el in _own_props(scope, "property", "typeof"):
        value = _rdfa(prop_el) if prop_el.get("typeof") is not None else _prop_value(prop_el)
        for name in prop_el.get("property", "").split():
            name = name.rsplit(":", 1)[-1].rsplit("/", 1)[-1]
            out.setdefault(name, value)
            out[WRITTEN].setdefault(name, " ".join(" ".join(prop_el.itertext()).split()))
    return out


def _own_props(scope, prop: str = "itemprop", nested: str = "itemscope") -> Iterator:
    """Property elements belonging to this scope (not to a nested one)."""
    stack = list(scope)[::-1]
    while stack:
        el = stack.pop()
        if not isinstance(el.tag, str):
            continue
        if el.get(prop) is not None:
            yield el
            if el.get(nested) is not None:
                continue
        elif el.get(nested) is not None:
            continue
        stack.extend(list(el)[::-1])


def _prop_value(el) -> str:
    for attr in _MICRODATA_VALUE_ATTRS:
        value = el.get(attr)
        if value:
            return value.strip()
    return " ".join(" ".join(el.itertext()).split())


def text(value: Any) -> str | None:
    """A schema.org value as one string: names of things, strings as they are."""
    if isinstance(value, list):
        parts = [t for t in (text(v) for v in value) if t]
        return ", ".join(parts) or None
    if isinstance(value, dict):
        return text(value.get("name") or value.get("@value"))
    if isinstance(value, str | int | float):
        raw = str(value)
        for _ in range(2):   # a template escaped it for HTML ("l&#039;innovation"), or twice ("l&amp;#039;")
            if "&" not in raw or not _ENTITY.search(raw):
                break
            raw = html.unescape(raw)
        return " ".join(raw.split()) or None
    return None


_ENTITY = re.compile(r"&(?:#\d{2,6}|#x[0-9a-f]{2,5}|[a-z]{2,8});", re.I)


def type_of(obj: Any) -> str:
    types = obj.get("@type") if isinstance(obj, dict) else None
    if isinstance(types, list):
        types = types[0] if types else None
    return types.rsplit("/", 1)[-1] if isinstance(types, str) else ""
