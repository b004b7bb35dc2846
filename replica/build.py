"""``build_site``: write the replica (pages, routes, truth) into a directory, streaming."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from replica import timeline, truth
from replica.chrome import CHROMES, dress_body
from replica.editions import CURRENT_YEAR, EDITIONS
from replica.site import (
    CurrentEdition,
    Page,
    dsfr_taken,
    lab_pages,
    past_edition,
    past_editions,
    static_pages,
)
from replica.slugs import SlugAllocator
from replica.wild import Wild

FORMAT = 1
MAX_EVENTS = 20_000
META_DIR, TRUTH_DIR = "_replica", "_truth"
ROUTES = f"{META_DIR}/routes.tsv"
LAYOUTS = f"{META_DIR}/layouts.jsonl"
SITE_JSON = f"{META_DIR}/site.json"


def check_params(events_per_edition: int, day: int) -> None:
    if not 1 <= events_per_edition <= MAX_EVENTS:
        raise ValueError(f"events_per_edition must be within 1..{MAX_EVENTS}, not {events_per_edition}")
    if not 1 <= day <= 30:
        raise ValueError(f"day must be a day of November (1..30), not {day}")


def wild_of(wild: int | None, wild_from_day: int | None) -> Wild | None:
    """The wild layout setting of a build (None: the plain site)."""
    if wild_from_day is not None and wild is None:
        raise ValueError("wild_from_day needs a wild layout seed (--wild SEED)")
    if wild_from_day is not None and not 1 <= wild_from_day <= 30:
        raise ValueError(f"wild_from_day must be a day of November (1..30), not {wild_from_day}")
    return None if wild is None else Wild(int(wild), wild_from_day)


def file_for(path: str) -> str:
    """Where a page lives in the site directory: ``/a/b?page=2`` → ``a/b.page-2.html``."""
    if path == "/":
        return "index.html"
    name = path.lstrip("/").replace("?page=", ".page-")
    return name if name.endswith(".txt") else name + ".html"


def etag(body: bytes) -> str:
    return '"' + hashlib.blake2b(body, digest_size=10).hexdigest() + '"'


def route_line(page: Page) -> str:
    target = page.location or (file_for(page.path) if page.status == 200 else "")
    return "\t".join((page.path, str(page.status), page.last_modified.isoformat(),
                      etag(page.body) if page.status == 200 else "", target,
                      str(page.edition or ""), page.content_type)) + "\n"


class _Writer:
    def __init__(self, out: Path, chrome: str = "plain") -> None:
        self.out, self.chrome = out, chrome
        self.routes = (out / ROUTES).open("w", encoding="utf-8")
        self.events = (out / TRUTH_DIR / "events.jsonl").open("w", encoding="utf-8")
        self.layouts = (out / LAYOUTS).open("w", encoding="utf-8")
        self.dirs: set[Path] = set()

    def page(self, page: Page, record: dict | None = None) -> None:
        if page.status == 200 and self.chrome != "plain":
            page = replace(page, body=dress_body(page.body, page.content_type, self.chrome))
        if page.status == 200:
            target = self.out / file_for(page.path)
            if target.parent not in self.dirs:
                target.parent.mkdir(parents=True, exist_ok=True)
                self.dirs.add(target.parent)
            target.write_bytes(page.body)
        self.routes.write(route_line(page))
        if record is not None:
            self.events.write(json.dumps(record, ensure_ascii=False) + "\n")
        if page.layout is not None:
            self.layouts.write(json.dumps(page.layout, ensure_ascii=False) + "\n")

    def close(self) -> None:
        self.routes.close()
        self.events.close()
        self.layouts.close()


def _prepare(out: Path) -> None:
    if out.exists() and any(out.iterdir()):
        if not (out / SITE_JSON).exists():
            raise ValueError(f"{out} is not empty and is not a replica build: refusing to overwrite it")
        shutil.rmtree(out)
    (out / META_DIR).mkdir(parents=True, exist_ok=True)
    (out / TRUTH_DIR).mkdir(parents=True, exist_ok=True)


def _write_jsonl(path: Path, records: Iterable[dict]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for rec in records:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")


def _edition_record(ed, pages: int, listed: int, total: int, day: int) -> dict:
    return {"year": ed.year, "name": ed.name, "number": ed.number, "start": ed.start.isoformat(),
            "end": ed.end.isoformat(), "layout": ed.layout, "listing_path": ed.listing_path,
            "detail_prefix": ed.detail_prefix, "page_size": ed.page_size, "listing_pages": pages,
            "events_listed": listed, "events_total": total, "all_online": ed.all_online,
            "current": ed.is_current, "day": day if ed.is_current else None}


def _is_listing(path: str, listing_path: str) -> bool:
    return path == listing_path or path.startswith(listing_path + "?page=")


def _write_past(writer: _Writer, seed: int, n: int, day: int, alloc: SlugAllocator,
                wild: Wild | None) -> list[dict]:
    editions = []
    for ed in past_editions():
        pages = 0
        for page, record in past_edition(seed, ed, n, alloc, wild if wild and wild.everywhere else None):
            writer.page(page, record)
            pages += _is_listing(page.path, ed.listing_path)
        editions.append(_edition_record(ed, pages, n, n, day))
    return editions


def _write_current(writer: _Writer, cur: CurrentEdition) -> dict:
    ed = EDITIONS[-1]
    pages = listed = total = 0
    for page, record in cur.pages():
        writer.page(page, record)
        pages += _is_listing(page.path, ed.listing_path)
        total += record is not None
        listed += bool(record and record["listed"])
    return _edition_record(ed, pages, listed, total, cur.day)


def build_site(out_dir, *, seed: int = 0, events_per_edition: int = 350, day: int = 30,
               wild: int | None = None, wild_from_day: int | None = None, chrome: str = "plain") -> Path:
    """Build the replica into ``out_dir`` (created; a previous build there is replaced).

    ``wild``: a layout seed; every page is then drawn in a wild layout (the truth is the
    plain build's). ``wild_from_day``: only the current edition turns wild, from that day.
    ``chrome="full"``: every HTML page carries a real DSFR page's weight (replica/chrome.py)."""
    check_params(events_per_edition, day)
    if chrome not in CHROMES:
        raise ValueError(f"chrome must be one of {CHROMES}, not {chrome!r}")
    layout = wild_of(wild, wild_from_day)
    out = Path(out_dir)
    _prepare(out)
    writer = _Writer(out, chrome)
    try:
        for page in static_pages():
            writer.page(page)
        for page in lab_pages(day, layout):
            writer.page(page)
        alloc = SlugAllocator(dsfr_taken(set()))
        editions = _write_past(writer, seed, events_per_edition, day, alloc, layout)
        cur = CurrentEdition(seed, events_per_edition, day, set(alloc.taken), layout)
        editions.append(_write_current(writer, cur))
    finally:
        writer.close()
    (out / TRUTH_DIR / "editions.json").write_text(json.dumps(editions, ensure_ascii=False, indent=1) + "\n")
    _write_jsonl(out / TRUTH_DIR / "labs.jsonl", truth.all_labs(day))
    _write_jsonl(out / TRUTH_DIR / "timeline.jsonl", timeline.records(cur))
    params = {"format": FORMAT, "seed": seed, "events_per_edition": events_per_edition, "day": day,
              "current_edition": CURRENT_YEAR, "wild": wild, "wild_from_day": wild_from_day,
              "chrome": chrome}
    (out / SITE_JSON).write_text(json.dumps(params, indent=1) + "\n")
    return out
