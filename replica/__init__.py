"""Offline replica of the DITP site: a deterministic world model, its pages, its ground
truth, and a loopback HTTP server with ETags, 304s, robots.txt, a month timeline and
switchable faults. Imports nothing of ours but ``parsers``. See ``replica/README.md``."""

from replica.build import build_site
from replica.routes import events_on
from replica.serving import reset_stats, serve, set_day, set_faults, stats

__all__ = ["build_site", "events_on", "serve", "set_day", "set_faults", "stats", "reset_stats"]
