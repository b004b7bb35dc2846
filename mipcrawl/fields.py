"""The content of an event: which fields make it (one list for every layer).

``CONTENT_FIELDS`` are the ``event`` columns whose change is a change of the event: hashed
(``storage.rows.content_hash``), diffed into revisions (``storage.diff``), in display order.
``pipelines.records`` computes the ``DERIVED`` ones from an item and copies the others as
written (``COPIED``). ``LAB_FIELDS`` are the same for a lab sheet.
"""

from __future__ import annotations

CONTENT_FIELDS = (
    "title", "edition", "status", "start_at", "end_at", "all_day", "slots", "date_precision",
    "time_zone", "when_text",
    "place_text", "attendance", "venue", "street", "postcode", "commune_code", "commune_name",
    "departement_code", "region_code", "level", "epci_code", "epci_name",
    "organiser", "organiser_kind", "organiser_level", "organiser_departement_code", "organiser_region_code",
    "formats", "parcours", "audience", "access", "registration_url", "online_url", "description_text",
)
# what ``pipelines.normalize`` reads from the place text and from the organiser text (the
# migration that added the territory levels re-derives them from the stored raw texts)
PLACE_FIELDS = ("attendance", "venue", "street", "postcode", "commune_code", "commune_name",
                "departement_code", "region_code", "level", "epci_code", "epci_name")
ORGANISER_FIELDS = ("organiser_kind", "organiser_level", "organiser_departement_code", "organiser_region_code")
DERIVED = frozenset({"title", "edition", "status", "start_at", "end_at", "all_day", "slots", "formats"})
COPIED = tuple(name for name in CONTENT_FIELDS if name not in DERIVED)

LAB_FIELDS = ("name", "title", "region_text", "region_code", "host", "year_created", "category",
              "tags", "lead", "sections", "website")
