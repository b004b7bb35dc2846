"""Pure parsers: French dates, places and text. No scrapy, no sqlalchemy, no I/O at call time."""

from zoneinfo import ZoneInfo

# The site's clock: times without a zone are Paris times, and days are Paris days.
PARIS = ZoneInfo("Europe/Paris")

# Bumped whenever a parser change can change a normalised value; stored with every revision.
PARSER_VERSION = "0.4.8"
