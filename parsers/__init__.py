"""Pure parsers: French dates, places and text. No scrapy, no sqlalchemy, no I/O at call time."""

# Bumped whenever a parser change can change a normalised value; stored with every revision.
PARSER_VERSION = "0.3.0"
