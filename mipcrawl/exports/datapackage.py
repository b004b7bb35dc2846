"""The open-data export: a directory of UTF-8 CSV files (one per table) and its Frictionless
Data Package descriptor, ``datapackage.json`` (Table Schema types, primary and foreign keys,
licence, sources), ready for data.gouv.fr.

Tables: ``events`` (the selected events), ``revisions`` (their change history), ``editions``
(every edition, the events' foreign key target), ``labs`` (every lab, or those of the
selected région), ``lab_pages`` (the pages describing them) and ``lab_revisions`` (their
change history). Datetimes are UTC (``2024-11-05T09:00:00Z``), days are Paris days,
lists are joined with ``"; "``, a revision's ``old``/``new`` values are JSON text. Text cells
are spreadsheet-safe (``mipcrawl.exports.spreadsheet``; each text field's description says so).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from mipcrawl.exports.spreadsheet import NOTE, safe_cell
from parsers.lablink import METHODS
from parsers.places import LEVELS
from parsers.places.organiser import KINDS, ORGANISER_LEVELS
from storage.event_labs import EventLab, event_labs
from storage.reads import package_rows
from storage.selection import Selection

LICENSE = {"name": "etalab-2.0", "title": "Licence Ouverte / Open Licence 2.0",
           "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"}
SOURCES = [{"title": "Direction interministérielle de la transformation publique — Mois de l'innovation publique",
            "path": "https://www.modernisation.gouv.fr/mois-de-linnovation-publique"},
           {"title": "Laboratoires d'innovation territoriale",
            "path": "https://www.modernisation.gouv.fr/campus-de-la-transformation-publique/laboratoires-innovation"}]

S, INT, NUM, D, T, B = "string", "integer", "number", "date", "datetime", "boolean"
TABLES: dict[str, list[tuple[str, str, str]]] = {
    "editions": [("year", INT, "edition year"), ("name", S, "Semaine/Mois de l'innovation publique"),
                 ("start_date", D, "official first day"), ("end_date", D, "official last day"),
                 ("site", S, "legacy or dsfr")],
    "events": [("id", INT, "event id"), ("url", S, "canonical page URL"), ("edition", INT, "edition year"),
               ("title", S, ""), ("status", S, "scheduled, cancelled, rescheduled or withdrawn"),
               ("start_at", T, "UTC"), ("end_at", T, "UTC"), ("start_date", D, "Paris day"),
               ("end_date", D, "Paris day (inclusive)"), ("all_day", B, ""),
               ("date_precision", S, "what start and end are sure of: minute, day, month, season, "
                                     "quarter, semester or year (a period: its first and last day)"),
               ("time_zone", S, "the event's clock (IANA): the venue's for an in-person event overseas"),
               ("previous_start_at", T, "UTC start before the last reschedule"),
               ("when_text", S, "as written"), ("place_text", S, "as written"),
               ("attendance", S, "offline, online or mixed"), ("venue", S, ""), ("street", S, ""),
               ("postcode", S, ""), ("commune_code", S, "INSEE"), ("commune_name", S, ""),
               ("departement_code", S, "INSEE"), ("region_code", S, "INSEE"),
               ("level", S, "what the place codes describe: " + ", ".join(LEVELS)),
               ("epci_code", S, "SIREN of the intercommunality (EPCI, or EPT of the Grand Paris)"),
               ("epci_name", S, ""), ("organiser", S, "as written"),
               ("organiser_kind", S, "read from the organiser's name: " + ", ".join(KINDS)),
               ("organiser_level", S, "level of the organiser's territory: " + ", ".join(ORGANISER_LEVELS)),
               ("organiser_departement_code", S, "INSEE"), ("organiser_region_code", S, "INSEE"),
               ("lab", S, "key of the lab that runs the event (labs.key: the slug of its current sheet), "
                          "from its organiser line, a co-organiser or a 'proposé par …' line of its description"),
               ("lab_name", S, "the lab's name (labs.name)"),
               ("lab_method", S, "how the page named the lab: " + ", ".join(METHODS)),
               ("lab_confidence", NUM, "how sure the link is, 0–1 (lower for a generic form or a description)"),
               ("formats", S, "'; '-separated"), ("parcours", S, ""), ("audience", S, ""),
               ("access", S, ""), ("registration_url", S, ""), ("online_url", S, ""),
               ("description_text", S, "clean text"),
               ("duplicate_of", INT, "id of the event this one probably duplicates (maybe outside the selection)"),
               ("first_seen", T, "UTC"), ("last_seen", T, "UTC"), ("last_changed", T, "UTC"),
               ("withdrawn_at", T, "UTC"), ("parser_version", S, "")],
    "revisions": [("id", INT, ""), ("event_id", INT, "events.id"), ("run_id", INT, "crawl run"),
                  ("at", T, "UTC"), ("change", S, "added, changed, rescheduled, cancelled, withdrawn, reappeared, moved"),
                  ("field", S, ""), ("old", S, "JSON"), ("new", S, "JSON"), ("parser_version", S, "")],
    "labs": [("id", INT, ""), ("key", S, "the slug of its current sheet"), ("url", S, "current sheet URL"),
             ("name", S, ""), ("aliases", S, "other names, '; '-separated"),
             ("region_text", S, "as written"), ("region_code", S, "INSEE"), ("host", S, ""),
             ("year_created", INT, ""), ("first_seen", T, "UTC"), ("last_seen", T, "UTC")],
    "lab_pages": [("id", INT, ""), ("lab_id", INT, "labs.id"), ("url", S, "page URL"),
                  ("kind", S, "sheet (current) or atlas (2022)"), ("name", S, "as written"), ("title", S, ""),
                  ("region_text", S, "as written"), ("region_code", S, "INSEE"), ("host", S, ""),
                  ("year_created", INT, ""), ("tags", S, "'; '-separated"), ("lead", S, ""),
                  ("first_seen", T, "UTC"), ("last_seen", T, "UTC")],
    "lab_revisions": [("id", INT, ""), ("lab_id", INT, "labs.id"), ("page_id", INT, "lab_pages.id (empty: the lab)"),
                      ("run_id", INT, "crawl run"), ("at", T, "UTC"),
                      ("change", S, "added, changed (a page); renamed, moved, alias, merged (the lab)"),
                      ("field", S, ""), ("old", S, "JSON"), ("new", S, "JSON")],
}
# the closed vocabularies of a column (Table Schema ``enum`` constraints)
ENUMS = {"level": LEVELS, "organiser_kind": KINDS, "lab_method": METHODS,
         "organiser_level": ORGANISER_LEVELS,
         "attendance": ("offline", "online", "mixed")}
KEYS = {"editions": ("year", []), "labs": ("id", []), "lab_pages": ("id", [("lab_id", "labs", "id")]),
        "events": ("id", [("edition", "editions", "year")]),
        "revisions": ("id", [("event_id", "events", "id")]),
        "lab_revisions": ("id", [("lab_id", "labs", "id"), ("page_id", "lab_pages", "id")])}


def cell(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind == T:
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if kind == B:
        return "true" if value else "false"
    if isinstance(value, list):
        return safe_cell("; ".join(str(v) for v in value))
    if kind == S:
        return safe_cell(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _describe(description: str, kind: str) -> str:
    """A field's description; a text field's says how the CSV guards spreadsheets."""
    if kind != S:
        return description
    return f"{description}; {NOTE}" if description else NOTE[0].upper() + NOTE[1:]


def schema(table: str) -> dict[str, Any]:
    key, foreign = KEYS[table]
    fields = [{"name": n, "type": t, **({"description": _describe(d, t)} if d or t == S else {}),
               **({"constraints": {"enum": list(ENUMS[n])}} if n in ENUMS else {})} for n, t, d in TABLES[table]]
    out: dict[str, Any] = {"fields": fields, "primaryKey": [key], "missingValues": [""]}
    if foreign:
        out["foreignKeys"] = [{"fields": [f], "reference": {"resource": r, "fields": [rf]}} for f, r, rf in foreign]
    return out


def descriptor(selection: Selection, counts: dict[str, int]) -> dict[str, Any]:
    resources = [{"name": t, "path": f"{t}.csv", "profile": "tabular-data-resource", "format": "csv",
                  "mediatype": "text/csv", "encoding": "utf-8", "schema": schema(t),
                  "description": f"{counts[t]} rows"} for t in TABLES]
    return {"profile": "tabular-data-package", "name": "mois-innovation-publique",
            "title": "Mois de l'innovation publique — événements et laboratoires d'innovation territoriale",
            "description": f"Crawled by mipcrawl; selection: {selection.describe()}.",
            "licenses": [LICENSE], "sources": SOURCES, "resources": resources}


def _with_lab(labs: dict[int, EventLab]) -> Callable[[Any, str], Any]:
    """An event's value of a column, its lab's key and name included."""
    def value(event: Any, name: str) -> Any:
        if name in ("lab", "lab_name"):
            lab = labs.get(event.lab_id) if event.lab_id is not None else None
            return (lab.key if name == "lab" else lab.name) if lab else None
        return getattr(event, name)
    return value


def write(session: Session, selection: Selection, directory: Path) -> dict[str, int]:
    """Write the CSV files and ``datapackage.json`` into ``directory``; rows per table."""
    counts = {}
    for table, rows in package_rows(session, selection).items():
        columns = TABLES[table]
        with (directory / f"{table}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow([name for name, _, _ in columns])
            counts[table] = 0
            value = _with_lab(event_labs(session)) if table == "events" else getattr
            for row in rows:
                writer.writerow([cell(value(row, name), kind) for name, kind, _ in columns])
                counts[table] += 1
    text = json.dumps(descriptor(selection, counts), ensure_ascii=False, indent=2)
    (directory / "datapackage.json").write_text(text + "\n", encoding="utf-8")
    return counts
