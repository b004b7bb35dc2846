"""``mipcrawl`` command line: discovers the subcommands in ``mipcrawl.cli.commands``.

(Named ``app`` rather than ``main``: the package exports ``main()``, which would shadow a
module of that name.)"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from collections.abc import Sequence

from mipcrawl import __version__
from mipcrawl.cli import commands
from mipcrawl.cli.errors import CommandError, ExitCode
from mipcrawl.cli.terminal import printable


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mipcrawl",
        description="Crawl, store and export the DITP's Mois de l'innovation publique.",
    )
    parser.add_argument("--version", action="version", version=f"mipcrawl {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"mipcrawl.cli.commands.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "func", None)
    if handler is None:
        parser.print_help()
        return ExitCode.USAGE
    try:
        code = handler(args)
        sys.stdout.flush()
    except CommandError as exc:
        print(f"mipcrawl {args.command}: {printable(str(exc))}", file=sys.stderr)
        return int(exc.code)
    except KeyboardInterrupt:
        print(f"mipcrawl {args.command}: interrupted", file=sys.stderr)
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        return _reader_gone()
    return int(code or 0)


def _reader_gone() -> int:
    """The reader of our output went away (``mipcrawl changes | head``): stop quietly, as a
    Unix filter killed by SIGPIPE does (128 + 13), and send what is still buffered nowhere
    so that the interpreter's own flush at exit cannot fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return ExitCode.BROKEN_PIPE
