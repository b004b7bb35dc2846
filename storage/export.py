"""Export events as JSON Lines or CSV, written to a temporary file then renamed into place.

One record per event. Fields (``EXPORT_FIELDS``):

- ``url`` (canonical, current), ``edition``, ``title``, ``status`` (scheduled, cancelled,
  rescheduled, withdrawn);
- ``start``, ``end``: ISO 8601 with the Europe/Paris offset, or a plain date when
  ``all_day`` is true; ``previous_start`` likewise (set after a reschedule);
- ``when_text``, ``place_text``: the text as written on the page;
- ``attendance`` (offline, online, mixed), ``venue``, ``street``, ``postcode``,
  ``commune_code`` (INSEE), ``commune_name``, ``departement_code``, ``region_code``;
- ``organiser``, ``formats`` (a list in JSONL, ``;``-separated in CSV), ``parcours``,
  ``audience``, ``access``, ``registration_url``, ``online_url``;
- ``duplicate_of`` (URL of the event this one probably duplicates) and ``duplicate_score``;
- ``first_seen``, ``last_seen``, ``last_changed``, ``withdrawn_at``: UTC ISO 8601;
- ``parser_version`` and ``capture_id``: what produced the values.
"""

from __future__ import annotations

import csv
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from models import Event
from storage import datapackage, ical, jsonld
from storage.atomic import atomic_dir, atomic_text
from storage.queries import InvalidQuery, check_edition, iso
from storage.records import display_time
from storage.selection import Selection, ensure_not_empty, where

EXPORT_FIELDS = (
    "url", "edition", "title", "status", "start", "end", "all_day", "previous_start", "when_text",
    "place_text", "attendance", "venue", "street", "postcode", "commune_code", "commune_name",
    "departement_code", "region_code", "organiser", "formats", "parcours", "audience", "access",
    "registration_url", "online_url", "duplicate_of", "duplicate_score", "first_seen", "last_seen",
    "last_changed", "withdrawn_at", "parser_version", "capture_id",
)
_PLAIN = ("url", "edition", "title", "status", "all_day", "when_text", "place_text", "attendance", "venue",
          "street", "postcode", "commune_code", "commune_name", "departement_code", "region_code",
          "organiser", "parcours", "audience", "access", "registration_url", "online_url",
          "duplicate_score", "parser_version", "capture_id")


def _record(event: Event, duplicate_url: str | None) -> dict[str, Any]:
    row = {name: getattr(event, name) for name in _PLAIN}
    row.update(
        start=display_time(event.start_at, event.all_day), end=display_time(event.end_at, event.all_day),
        previous_start=display_time(event.previous_start_at, event.all_day), formats=event.formats or [],
        duplicate_of=duplicate_url, first_seen=iso(event.first_seen), last_seen=iso(event.last_seen),
        last_changed=iso(event.last_changed), withdrawn_at=iso(event.withdrawn_at),
    )
    return {name: row[name] for name in EXPORT_FIELDS}


def iter_records(session: Session, edition: int | None = None,
                 selection: Selection | None = None) -> Iterator[dict[str, Any]]:
    original = aliased(Event)
    stmt = (select(Event, original.url).outerjoin(original, original.id == Event.duplicate_of)
            .order_by(Event.edition, Event.start_at, Event.url))
    if edition is not None:
        stmt = stmt.where(Event.edition == edition)
    if selection is not None:
        stmt = stmt.where(where(session, selection))
    for event, duplicate_url in session.execute(stmt.execution_options(yield_per=500)):
        yield _record(event, duplicate_url)


def _write(records: Iterator[dict[str, Any]], fmt: str, out: TextIO) -> int:
    count = 0
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=EXPORT_FIELDS)
        writer.writeheader()
    for rec in records:
        if fmt == "csv":
            writer.writerow({**rec, "formats": "; ".join(rec["formats"])})
        else:
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        count += 1
    return count


def export(session: Session, *, fmt: str, out: Path | None, edition: int | None = None) -> int:
    """Write the export to ``out`` (atomically) or stdout; returns the number of events."""
    if fmt not in ("jsonl", "csv"):
        raise ValueError(f"unknown export format {fmt!r} (jsonl or csv)")
    check_edition(session, edition)
    records = iter_records(session, edition)
    if out is None or str(out) == "-":
        return _write(records, fmt, sys.stdout)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            count = _write(records, fmt, handle)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return count


# -- issue 8: every format, every filter (storage.selection) ------------------------------

FORMATS = ("jsonl", "csv", "ics", "jsonld", "datapackage")


def _render(session: Session, fmt: str, selection: Selection) -> tuple[str, int]:
    if fmt == "ics":
        cal, count, _ = ical.calendar(session, selection, name=ical.calendar_name(selection))
        return cal.to_ical().decode("utf-8"), count
    doc = jsonld.document(session, selection)
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n", len(doc["@graph"])


def export_selection(session: Session, *, fmt: str, out: Path | None, selection: Selection) -> int:
    """Export the events ``selection`` picks as ``fmt`` (``FORMATS``) to ``out`` (atomically) or
    stdout; returns the number of events. ``datapackage`` needs ``out``: a directory."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} ({', '.join(FORMATS)})")
    ensure_not_empty(session)
    where(session, selection)       # bad filters fail here, before anything is written
    to_stdout = out is None or str(out) == "-"
    if fmt == "datapackage":
        if to_stdout:
            raise InvalidQuery("--format datapackage writes a directory: give --out DIR")
        with atomic_dir(out, marker="datapackage.json") as directory:
            return datapackage.write(session, selection, directory)["events"]
    if fmt in ("jsonl", "csv"):
        if to_stdout:
            return _write(iter_records(session, selection=selection), fmt, sys.stdout)
        with atomic_text(out) as handle:
            return _write(iter_records(session, selection=selection), fmt, handle)
    text, count = _render(session, fmt, selection)
    if to_stdout:
        sys.stdout.write(text)
    else:
        with atomic_text(out) as handle:
            handle.write(text)
    return count
