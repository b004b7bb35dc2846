"""SQLAlchemy 2.x typed models only (imports nothing but sqlalchemy)."""

from models.base import NAMING_CONVENTION, Base, UTCDateTime
from models.edition import Edition
from models.event import Event, EventRevision, Organiser
from models.lab import Lab, LabPage, LabRevision
from models.run import CrawlRun, ListingPage, RunLock

__all__ = [
    "NAMING_CONVENTION",
    "Base",
    "CrawlRun",
    "Edition",
    "Event",
    "EventRevision",
    "Lab",
    "LabPage",
    "LabRevision",
    "ListingPage",
    "Organiser",
    "RunLock",
    "UTCDateTime",
]
