"""``build_archive``: the archive's captures of a built site's past editions — an index
(``_archive/index.tsv``), the bodies it does not share with the site
(``_archive/bodies/<digest>.html``) and its truth (``_truth/archive/``)."""

from __future__ import annotations

import base64
import hashlib
import json
import random
from dataclasses import dataclass, replace
from pathlib import Path

from replica import truth as site_truth
from replica import whens
from replica.build import SITE_JSON, TRUTH_DIR, file_for
from replica.editions import BY_YEAR, Edition, listing_url
from replica.html_common import error_page
from replica.html_events import render_event
from replica.html_listing import render_listing
from replica.model import Event, generate
from replica.site import card, past_editions
from replica.wayback import bodies, plan
from replica.wayback import truth as archive_truth
from replica.wayback.cdx import Row

ARCHIVE_DIR = "_archive"
INDEX = f"{ARCHIVE_DIR}/index.tsv"
BODIES = f"{ARCHIVE_DIR}/bodies"
DEFAULT_ORIGINAL = "https://www.modernisation.gouv.fr"
HTML = "text/html"
LATE_SUFFIXES = ("retours d'expérience", "replay disponible", "supports en ligne")


def digest(body: bytes) -> str:
    return base64.b32encode(hashlib.sha1(body).digest()).decode()


@dataclass
class _Writer:
    site: Path
    rows: list[Row]
    records: dict[tuple[str, str], dict]     # (path, timestamp) -> truth record of that capture

    def add(self, path: str, cap: plan.Capture, body: bytes, *, site_file: str | None = None,
            location: str = "", record: dict | None = None) -> None:
        key = digest(body)
        target = location or site_file or f"{BODIES}/{key}.html"
        if not location and not site_file and not (self.site / target).exists():
            (self.site / target).write_bytes(body)
        self.rows.append(Row(path, cap.timestamp, cap.status, HTML, key, len(body), target, cap.kind))
        if record is not None:
            self.records[(path, cap.timestamp)] = record


def _events(seed: int, ed: Edition, records: list[dict]) -> list[tuple[Event, list]]:
    """The edition's events as built, each with the related links its page shows."""
    out, recent = [], []
    for rec in records:
        ev = replace(generate(seed, ed, int(rec["id"].split("-")[1])), path=rec["path"])
        out.append((ev, list(recent)))
        recent = [(ev.title, ev.path), *recent][:2]
    return out


def _changed(seed: int, ev: Event, when: plan.Capture) -> Event:
    rng = random.Random(f"{seed}:wayback:{ev.id}:late")
    what = rng.choice(("title", "cancel", "when") if ev.when else ("title", "cancel"))
    ev = replace(ev, updated=when.when.date())
    if what == "title":
        return replace(ev, title=f"{ev.title} : {rng.choice(LATE_SUFFIXES)}")
    if what == "cancel":
        return replace(ev, status="cancelled", title="[Annulé] " + ev.title)
    return replace(ev, when=whens.reschedule(rng, ev.when))


def _other_edition(seed: int, ev: Event, n: int) -> Event:
    """The page at this URL a year later: the node reused for an event of the next edition."""
    nxt = BY_YEAR[ev.edition + 1]
    return replace(generate(seed, nxt, ev.index % n), path=ev.path)


def _event_captures(w: _Writer, seed: int, n: int, ev: Event, related: list) -> str:
    fate, captures = plan.event_captures(seed, BY_YEAR[ev.edition], ev.index, ev.published)
    site_file = file_for(ev.path)
    page = (w.site / site_file).read_bytes()
    legacy = BY_YEAR[ev.edition].layout == "legacy"
    for cap in captures:
        if cap.kind == "page":
            w.add(ev.path, cap, page, site_file=site_file, record=site_truth.event_record(ev))
        elif cap.kind == "late":
            late = _changed(seed, ev, cap)
            w.add(ev.path, cap, render_event(late, related).encode(), record=site_truth.event_record(late))
        elif cap.kind == "error":
            w.add(ev.path, cap, bodies.saved_error(legacy, ev.index + int(cap.timestamp[-2:])))
        elif cap.kind == "toolbar":
            w.add(ev.path, cap, bodies.toolbar(page, cap.timestamp, DEFAULT_ORIGINAL + ev.path))
        elif cap.kind == "other":
            w.add(ev.path, cap, render_event(_other_edition(seed, ev, n), []).encode())
        elif cap.kind == "redirect":
            w.add(ev.path, cap, b"", location="/user/login?destination=" + ev.path.lstrip("/"))
        else:
            w.add(ev.path, cap, error_page(cap.status))
    return fate


def _chunks(ed: Edition, events: list[Event]) -> list[list[Event]]:
    size = ed.page_size
    return [events[i:i + size] for i in range(0, max(len(events), 1), size)]


def _listing_captures(w: _Writer, seed: int, ed: Edition, events: list[Event]) -> dict:
    early_at = plan.listing_passes(ed)[0]
    early = [e for e in events if e.published < early_at.date()]
    final_pages, early_pages = _chunks(ed, events), _chunks(ed, early) if early else []
    versions = {}
    for page in range(len(final_pages)):
        path = listing_url(ed, page)
        for cap in plan.listing_captures(seed, ed, page, len(final_pages) - 1, len(early_pages) - 1):
            version = early_pages if cap.kind == "early" else final_pages
            if cap.kind == "status":
                w.add(path, cap, error_page(cap.status))
                continue
            cards = [card(e) for e in version[page]]
            body = render_listing(ed, page, len(version) - 1, cards, len(early if version is early_pages else events))
            site_file = file_for(path) if version is final_pages else None
            w.add(path, cap, body.encode(), site_file=site_file)
            versions[(path, cap.timestamp)] = {"last": len(version) - 1,
                                               "events": [e.path for e in version[page]]}
    return versions


def _past_records(site: Path) -> dict[int, list[dict]]:
    past = {ed.year for ed in past_editions()}
    by_year: dict[int, list[dict]] = {y: [] for y in sorted(past)}
    with (site / TRUTH_DIR / "events.jsonl").open(encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if rec["edition"] in past:
                by_year[rec["edition"]].append(rec)
    return by_year


def _edition(w: _Writer, seed: int, n: int, ed: Edition, records: list[dict]) -> tuple:
    events = _events(seed, ed, records)
    fates = {ev.path: _event_captures(w, seed, n, ev, related) for ev, related in events}
    versions = _listing_captures(w, seed, ed, [ev for ev, _ in events])
    return ed, records, fates, versions


def build_archive(site_dir) -> Path:
    """Write the archive of a built site (replacing an earlier one); returns its directory."""
    site = Path(site_dir)
    params = json.loads((site / SITE_JSON).read_text())
    (site / BODIES).mkdir(parents=True, exist_ok=True)
    w = _Writer(site, [], {})
    editions = []
    for year, records in _past_records(site).items():
        editions.append(_edition(w, params["seed"], params["events_per_edition"], BY_YEAR[year], records))
    w.rows.sort(key=lambda r: (r.path, r.timestamp))
    with (site / INDEX).open("w", encoding="utf-8") as f:
        for r in w.rows:
            f.write("\t".join((r.path, r.timestamp, str(r.status), r.mimetype, r.digest,
                               str(r.length), r.target, r.kind)) + "\n")
    archive_truth.write(site, load_index(site), editions, w.records)
    return site / ARCHIVE_DIR


def load_index(site_dir) -> dict[str, list[Row]]:
    index: dict[str, list[Row]] = {}
    for line in (Path(site_dir) / INDEX).read_text(encoding="utf-8").splitlines():
        path, ts, status, mime, key, length, target, kind = line.split("\t")
        index.setdefault(path, []).append(Row(path, ts, int(status), mime, key, int(length), target, kind))
    return index


def archive_ready(site_dir) -> bool:
    return (Path(site_dir) / INDEX).exists()
