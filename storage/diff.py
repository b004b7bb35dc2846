"""Field-level differences between a stored event and a freshly read record.

Pure. Dates are compared as instants (``start_at``/``end_at`` are aware UTC datetimes),
shown in revisions as ISO 8601 with the offset of the event's clock then (``time_zone``:
Paris, or the venue's zone overseas; plain dates for all-day events).
``start_date``/``end_date`` are derived from the instants and not diffed separately.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mipcrawl.fields import CONTENT_FIELDS
from storage.rows import display_time

_TIME_FIELDS = {"start_at": "start", "end_at": "end"}


@dataclass(frozen=True)
class FieldChange:
    field: str       # "title", "start", "status", "url"…
    change: str      # changed | rescheduled | cancelled | reappeared | moved | withdrawn
    old: Any
    new: Any


def _shown(name: str, value: Any, row: dict[str, Any]) -> Any:
    return display_time(value, row.get("all_day"), row.get("time_zone")) if name in _TIME_FIELDS else value


def field_changes(stored: dict[str, Any], record: dict[str, Any]) -> list[FieldChange]:
    """Changed content fields (status excluded: see ``status_change``)."""
    out = []
    for name in CONTENT_FIELDS:
        if name == "status":
            continue
        old, new = stored.get(name), record.get(name)
        if old == new:
            continue
        kind = "rescheduled" if name == "start_at" and old is not None and new is not None else "changed"
        out.append(
            FieldChange(
                _TIME_FIELDS.get(name, name), kind,
                _shown(name, old, stored), _shown(name, new, record),
            )
        )
    return out


def next_status(stored_status: str, record_status: str, rescheduled: bool) -> str:
    """The stored status after this sighting: cancelled if the source says so; rescheduled
    once the start moved (kept until cancelled); else scheduled (also after a withdrawal)."""
    if record_status == "cancelled":
        return "cancelled"
    if rescheduled or stored_status == "rescheduled":
        return "rescheduled"
    return "scheduled"


def status_change(old: str, new: str) -> FieldChange | None:
    """The status revision, if any. Becoming ``rescheduled`` is told by the start revision."""
    if old == new or (new == "rescheduled" and old == "scheduled"):
        return None
    if old == "withdrawn":
        kind = "reappeared"
    elif new == "cancelled":
        kind = "cancelled"
    else:
        kind = "changed"
    return FieldChange("status", kind, old, new)
