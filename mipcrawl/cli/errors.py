"""How a command fails: its exit code (``ExitCode``) and the one-line error (``CommandError``)
that ``mipcrawl.cli`` prints to stderr before exiting with that code."""

from __future__ import annotations

import enum


class ExitCode(enum.IntEnum):
    OK = 0            # the command did what was asked; a crawl was healthy
    ERROR = 1         # the command failed (unreachable database, bad page, I/O error…)
    USAGE = 2         # bad arguments (unknown edition, unknown format…)
    PARTIAL = 3       # a crawl ran but failed its health gate: data kept, nothing withdrawn
    LOCKED = 4        # another crawl of the same edition holds the database lock
    NOT_ARCHIVED = 5  # crawl --from-archive: the archive holds no capture of the edition's programme
    LAYOUT = 6        # healthy crawls, but the extraction moved: the site's layout changed (a warning)
    INTERRUPTED = 130
    BROKEN_PIPE = 141   # the reader of stdout went away (``| head``): 128 + SIGPIPE, as Unix filters


class CommandError(Exception):
    """A failure to report as one line, with the exit code to use."""

    def __init__(self, message: str, code: ExitCode = ExitCode.ERROR):
        super().__init__(message)
        self.code = code
