"""``mipcrawl export``'s one entry: the selected events in any format (``FORMATS``), written
to a file atomically, a device or FIFO in place (``mipcrawl.exports.atomic``), or to stdout."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy.orm import Session

from mipcrawl.exports import datapackage, ical, jsonld
from mipcrawl.exports.atomic import STDOUT, atomic_dir, atomic_text
from mipcrawl.exports.tables import iter_records, write_table
from storage.queries import InvalidQuery
from storage.selection import Selection, ensure_not_empty, where

FORMATS = ("jsonl", "csv", "ics", "jsonld", "datapackage")


def _render(session: Session, fmt: str, selection: Selection) -> tuple[str, int]:
    if fmt == "ics":
        cal, count, _ = ical.calendar(session, selection, name=ical.calendar_name(selection))
        return cal.to_ical().decode("utf-8"), count
    doc = jsonld.document(session, selection)
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n", len(doc["@graph"])


def export_selection(session: Session, *, fmt: str, out: Path | None, selection: Selection) -> int:
    """Export the events ``selection`` picks as ``fmt`` (``FORMATS``) to ``out`` or stdout
    (``None`` or ``-``), as ``mipcrawl.exports.atomic`` writes outputs; returns the number of
    events. ``datapackage`` needs ``out``: a directory."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} ({', '.join(FORMATS)})")
    ensure_not_empty(session)
    where(session, selection)       # bad filters fail here, before anything is written
    target: Path | str = STDOUT if out is None else out
    if fmt == "datapackage":
        if str(target) == STDOUT:
            raise InvalidQuery("--format datapackage writes a directory: give --out DIR")
        with atomic_dir(Path(target), marker="datapackage.json") as directory:
            return datapackage.write(session, selection, directory)["events"]
    if fmt in ("jsonl", "csv"):
        with atomic_text(target) as handle:
            return write_table(iter_records(session, selection), fmt, handle)
    text, count = _render(session, fmt, selection)
    with atomic_text(target) as handle:
        handle.write(text)
    return count
