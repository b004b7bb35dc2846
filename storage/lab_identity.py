"""Which lab pages describe one lab, and what the lab is then: pure rules shared by the lab
repository (``storage.labs``) and the migration that split labs from their pages (0007).

Identity rules (``group_pages``), any one of which joins two pages:

- the same région and the same name key (``parsers.labs.name_key``: "Lab'O" = "Lab-O");
- a name one page says the lab had ("anciennement Lab Estuaire", ``parsers.labs.former_names``)
  is the other's name, in the same région;
- one page links to the other (an Atlas page pointing to the current sheet), or was reached
  through a redirect from it (a sheet moved to a new URL);
- a page whose région is unknown joins the pages of its name key when they are of one région;
- pages already stored as one lab stay one lab (``lab_id``): a lab is never split.

What the lab is (``lab_values``): its current sheet is its primary page (a sheet before an
Atlas page, the last seen first, then the newest); name, URL and région are the primary's,
host and year too unless it leaves them out; its key is the slug of the primary's URL; its
aliases are every other name its pages carry (spellings, former names), first seen first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from parsers.labs import former_names, name_key

LAB_VALUES = ("key", "url", "name", "region_text", "region_code", "host", "year_created", "aliases")


@dataclass(frozen=True)
class PageFacts:
    """What identity needs of one page."""

    url: str
    name: str | None
    region_code: str | None
    former: tuple[str, ...] = ()
    links: tuple[str, ...] = ()       # lab pages it links to, or was redirected from
    lab_id: int | None = None         # the lab it is stored under, if any


def page_facts(row: Mapping[str, Any], *, lab_id: int | None = None) -> PageFacts:
    """The facts of a page row (a ``lab_page`` row or a crawl's record)."""
    sections = row.get("sections") or {}
    texts = [row.get("title"), row.get("lead"), *(v for v in sections.values() if isinstance(v, str))]
    former = former_names(" \n".join(t for t in texts if t))
    links = [*(row.get("links") or ()), *(row.get("redirected_from") or ())]
    return PageFacts(row["url"], row.get("name"), row.get("region_code"), tuple(former),
                     tuple(u for u in links if u != row["url"]), lab_id)


def group_pages(pages: Sequence[PageFacts]) -> list[list[PageFacts]]:
    """The pages in groups, one per lab (see the module docstring), in the pages' order."""
    parent = list(range(len(pages)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(members: Iterable[int]) -> None:
        roots = sorted({find(i) for i in members})
        for r in roots[1:]:
            parent[r] = roots[0]

    for members in _shared(pages):
        join(members)
    groups: dict[int, list[PageFacts]] = defaultdict(list)
    for i, page in enumerate(pages):
        groups[find(i)].append(page)
    return list(groups.values())


def _shared(pages: Sequence[PageFacts]) -> Iterable[list[int]]:
    """Sets of page indexes that one rule joins."""
    by_name: dict[tuple[str | None, str], list[int]] = defaultdict(list)
    by_former: dict[tuple[str | None, str], list[int]] = defaultdict(list)
    by_url = {p.url: i for i, p in enumerate(pages)}
    by_lab: dict[int, list[int]] = defaultdict(list)
    for i, page in enumerate(pages):
        if key := name_key(page.name):
            by_name[(page.region_code, key)].append(i)
        for name in page.former:
            by_former[(page.region_code, name_key(name))].append(i)
        if page.lab_id is not None:
            by_lab[page.lab_id].append(i)
        yield [i, *(by_url[u] for u in page.links if u in by_url)]
    yield from by_name.values()
    yield from by_lab.values()
    for (region, key), members in by_former.items():
        yield members + by_name.get((region, key), [])
    regions: dict[str, set[str]] = defaultdict(set)
    for region, key in by_name:
        if region is not None:
            regions[key].add(region)
    for (region, key), members in by_name.items():
        if region is None and len(regions[key]) == 1:
            yield members + by_name[(next(iter(regions[key])), key)]


def primary(pages: Sequence[Mapping[str, Any]]) -> Mapping[str, Any]:
    """The lab's current sheet among its page rows (see the module docstring)."""
    return max(pages, key=lambda p: (p.get("kind", "sheet") != "atlas", p["last_seen"], p["first_seen"],
                                     p.get("id") or 0))


def slug(url: str) -> str:
    """The last segment of a URL's path: a lab's key."""
    return urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1] or url


def lab_values(pages: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The ``lab`` columns (``LAB_VALUES``) of the lab whose page rows are ``pages``."""
    main = primary(pages)
    others = sorted((p for p in pages if p is not main), key=lambda p: (p["first_seen"], p.get("id") or 0))
    values: dict[str, Any] = {"key": slug(main["url"]), "url": main["url"], "name": main.get("name")}
    for name in ("region_text", "region_code", "host", "year_created"):
        values[name] = next((p.get(name) for p in (main, *others) if p.get(name) is not None), None)
    names: list[str] = []
    for page in (main, *others):
        facts = page_facts(page)
        names += [n for n in (facts.name, *facts.former) if n]
    aliases = [n for n in dict.fromkeys(names) if n != values["name"]]
    values["aliases"] = aliases or None
    return values
