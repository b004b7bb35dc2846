"""The ``mipcrawl`` command line (the top layer): the entry point, the subcommands in
``commands/`` (one module each), the crawl runner and its progress line and summary."""

from mipcrawl.cli.app import main

__all__ = ["main"]
