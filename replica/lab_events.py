"""How an event page names the lab that runs it: the lab's first name, or one of that name's
spellings ("Ti Lab", "TI Lab", "Tilab"), drawn per event."""

from __future__ import annotations

import random

from replica.labs import LABS


def lab_organiser(rng: random.Random, year: int) -> tuple[str | None, str, str | None]:
    """(organiser as written or None, the lab's id, a description line or None) for an event
    a lab runs in edition ``year``."""
    lab = rng.choice([x for x in LABS if x.created <= year])
    return rng.choice(lab.event_names()), lab.id, None


def passing_mention(rng: random.Random, year: int) -> str | None:
    """A description line of another organiser's event that names a lab, or None (none yet)."""
    return None
