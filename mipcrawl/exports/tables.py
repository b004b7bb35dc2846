"""Events as JSON Lines or CSV rows (``mipcrawl.exports.export`` writes them out).

One record per event. Fields (``EXPORT_FIELDS``):

- ``url`` (canonical, current), ``edition``, ``title``, ``status`` (scheduled, cancelled,
  rescheduled, withdrawn);
- ``start``, ``end``: ISO 8601 with the offset of the event's clock (``time_zone``:
  Europe/Paris, or the venue's zone for an in-person event overseas), or a plain date when
  ``all_day`` is true; ``previous_start`` likewise (set after a reschedule);
- ``date_precision``: what start and end are sure of — minute, day, month, season,
  quarter, semester or year (a period gives its first and last day); ``time_zone``;
- ``when_text``, ``place_text``: the text as written on the page;
- ``attendance`` (offline, online, mixed), ``venue``, ``street``, ``postcode``,
  ``commune_code`` (INSEE), ``commune_name``, ``departement_code``, ``region_code``;
- ``level``: what those codes describe (venue, commune, epci, departement, region, national,
  online, abroad, unknown), ``epci_code`` (SIREN) and ``epci_name`` of the intercommunality;
- ``organiser`` (as written), ``organiser_kind`` (etat, collectivite, epci,
  etablissement_public, lab, association, entreprise, unknown), ``organiser_level``,
  ``organiser_departement_code``, ``organiser_region_code`` (the organiser's territory);
- ``lab`` (the key of the lab that runs the event: the slug of its current sheet, as
  ``mipcrawl labs`` lists it) and ``lab_name``; ``lab_method`` (how the page named it: name,
  alias, generic — "le laboratoire d'innovation publique de Bretagne" —, or description —
  "proposé par …") and ``lab_confidence`` (0–1); all empty when no lab runs it;
- ``formats`` (a list in JSONL, ``;``-separated in CSV), ``parcours``,
  ``audience``, ``access``, ``registration_url``, ``online_url``;
- ``duplicate_of`` (URL of the event this one probably duplicates) and ``duplicate_score``;
- ``first_seen``, ``last_seen``, ``last_changed``, ``withdrawn_at``: UTC ISO 8601;
- ``parser_version`` and ``capture_id``: what produced the values;
- ``source``: where the stored copy was read — ``live`` (the site) or ``archive`` (a web
  archive's capture of the same URL) — and ``captured_at`` (UTC), the archive capture's time.

In CSV, text that begins with ``=``, ``+``, ``-``, ``@``, a tab, a carriage return or an
apostrophe gets one apostrophe before it (``mipcrawl.exports.spreadsheet``); JSONL is raw.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from sqlalchemy.orm import Session

from mipcrawl.exports.spreadsheet import safe_cell
from models import Event
from storage.event_labs import EventLab, event_labs
from storage.queries import iso
from storage.reads import events_with_duplicates
from storage.rows import display_time
from storage.selection import Selection

EXPORT_FIELDS = (
    "url", "edition", "title", "status", "start", "end", "all_day", "date_precision", "time_zone",
    "previous_start", "when_text",
    "place_text", "attendance", "venue", "street", "postcode", "commune_code", "commune_name",
    "departement_code", "region_code", "level", "epci_code", "epci_name", "organiser", "organiser_kind",
    "organiser_level", "organiser_departement_code", "organiser_region_code", "lab", "lab_name", "lab_method",
    "lab_confidence", "formats", "parcours",
    "audience", "access", "registration_url", "online_url", "duplicate_of", "duplicate_score", "first_seen",
    "last_seen", "last_changed", "withdrawn_at", "parser_version", "capture_id", "source", "captured_at",
)
_PLAIN = ("url", "edition", "title", "status", "all_day", "time_zone", "when_text", "place_text",
          "attendance", "venue",
          "street", "postcode", "commune_code", "commune_name", "departement_code", "region_code",
          "level", "epci_code", "epci_name", "organiser", "organiser_kind", "organiser_level",
          "organiser_departement_code", "organiser_region_code", "parcours", "audience", "access",
          "registration_url", "online_url", "duplicate_score", "parser_version", "capture_id")


def _record(event: Event, duplicate_url: str | None, labs: dict[int, EventLab]) -> dict[str, Any]:
    row = {name: getattr(event, name) for name in _PLAIN}
    lab = labs.get(event.lab_id) if event.lab_id is not None else None
    row.update(lab=lab.key if lab else None, lab_name=lab.name if lab else None,
               lab_method=event.lab_method if lab else None, lab_confidence=event.lab_confidence if lab else None)
    zone = event.time_zone
    row.update(
        start=display_time(event.start_at, event.all_day, zone),
        end=display_time(event.end_at, event.all_day, zone),
        date_precision=precision_of(event),
        previous_start=display_time(event.previous_start_at, event.all_day, zone), formats=event.formats or [],
        duplicate_of=duplicate_url, first_seen=iso(event.first_seen), last_seen=iso(event.last_seen),
        last_changed=iso(event.last_changed), withdrawn_at=iso(event.withdrawn_at),
        source=event.origin, captured_at=iso(event.captured_at),
    )
    return {name: row[name] for name in EXPORT_FIELDS}


def precision_of(event: Event) -> str | None:
    """The event's date precision; "day" or "minute" for one stored before precisions were
    kept (its start was a day or a time), None without a date."""
    if event.date_precision:
        return event.date_precision
    if event.start_at is None and event.end_at is None:
        return None
    return "day" if event.all_day else "minute"


def iter_records(session: Session, selection: Selection) -> Iterator[dict[str, Any]]:
    labs = event_labs(session)
    for event, duplicate_url in events_with_duplicates(session, selection):
        yield _record(event, duplicate_url, labs)


def csv_row(record: dict[str, Any]) -> dict[str, Any]:
    """A record as CSV cells: lists ``;``-joined, text spreadsheet-safe (``spreadsheet``)."""
    row = {**record, "formats": "; ".join(record["formats"])}
    return {name: safe_cell(value) if isinstance(value, str) else value for name, value in row.items()}


def write_table(records: Iterable[dict[str, Any]], fmt: str, out: TextIO) -> int:
    """Write ``records`` as ``jsonl`` (text raw) or ``csv`` (text spreadsheet-safe) to ``out``;
    returns how many."""
    count = 0
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=EXPORT_FIELDS)
        writer.writeheader()
    for rec in records:
        if fmt == "csv":
            writer.writerow(csv_row(rec))
        else:
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        count += 1
    return count
