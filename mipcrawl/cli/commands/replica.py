"""``mipcrawl replica build|serve``: the offline replica of the DITP site (see replica/README.md)."""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import tempfile
import threading

from mipcrawl.cli.errors import CommandError, ExitCode


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("replica", help="build or serve the offline replica of the DITP site")
    verbs = p.add_subparsers(dest="verb", metavar="VERB", required=True)

    b = verbs.add_parser("build", help="write the replica's pages and ground truth into a directory")
    b.add_argument("--out", required=True, help="output directory (created; a previous build is replaced)")
    _world_options(b, defaults=True)
    b.add_argument("--chrome", choices=["plain", "full"], default="plain",
                   help="full: every page carries a real DSFR page's header, mega-menu, footer and "
                        "scripts (50-120 KB a page; same truth)")
    b.set_defaults(func=run_build)

    s = verbs.add_parser("serve", help="serve the replica on loopback until Ctrl-C")
    s.add_argument("--site", help="a directory made by `replica build` (default: build a temporary one)")
    s.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: a free one)")
    _world_options(s, defaults=False)
    for name in ("fail-rate", "flaky-rate", "truncate-rate", "reset-rate"):
        s.add_argument(f"--{name}", type=float, default=0.0, metavar="R", help="share of paths, 0..1")
    s.add_argument("--slow-ms", type=int, default=0, metavar="MS", help="delay every answer")
    s.add_argument("--archive", action="store_true",
                   help="also serve the site's web archive (CDX API and mementos of the past editions, "
                        "as captures of this replica's URLs): its URL is printed on a second line")
    s.add_argument("--rate-limit", type=float, default=0.0, metavar="R",
                   help="with --archive: share of archive requests answered 429")
    s.add_argument("--retry-after", type=int, default=1, metavar="S", help="with --archive: Retry-After of a 429")
    s.set_defaults(func=run_serve)


def _world_options(p: argparse.ArgumentParser, *, defaults: bool) -> None:
    p.add_argument("--seed", type=int, default=0 if defaults else None)
    p.add_argument("--events-per-edition", type=int, default=350 if defaults else None, metavar="N")
    p.add_argument("--day", type=int, default=30 if defaults else None, metavar="D",
                   help="day of November 2026 the current edition shows (1..30)")
    p.add_argument("--wild", type=int, metavar="SEED",
                   help="draw every page's layout at random from this seed (the truth stays the plain build's)")
    p.add_argument("--wild-from-day", type=int, metavar="D",
                   help="with --wild: only the current edition turns wild, from day D of the month")


def run_build(args: argparse.Namespace) -> int:
    import replica

    try:
        out = replica.build_site(args.out, seed=args.seed, events_per_edition=args.events_per_edition,
                                 day=args.day, chrome=args.chrome, wild=args.wild,
                                 wild_from_day=args.wild_from_day)
    except ValueError as exc:
        raise CommandError(str(exc), ExitCode.USAGE) from exc
    except OSError as exc:
        raise CommandError(f"cannot write {args.out}: {exc}") from exc
    print(out)
    return ExitCode.OK


def run_serve(args: argparse.Namespace) -> int:
    import replica

    try:
        if args.archive and args.site is None:
            args.site = _temporary_site(args)
        server = replica.serve(
            args.site, seed=args.seed, events_per_edition=args.events_per_edition, day=args.day,
            port=args.port, fail_rate=args.fail_rate, flaky_rate=args.flaky_rate,
            slow_ms=args.slow_ms, truncate_rate=args.truncate_rate, reset_rate=args.reset_rate,
            wild=args.wild, wild_from_day=args.wild_from_day)
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        with contextlib.ExitStack() as stack:
            base_url = stack.enter_context(server)
            print(base_url, flush=True)
            if args.archive:
                print(stack.enter_context(_archive(args, base_url)), flush=True)
            print("serving the replica; Ctrl-C to stop", file=sys.stderr, flush=True)
            threading.Event().wait()
    except (ValueError, FileNotFoundError) as exc:
        raise CommandError(str(exc), ExitCode.USAGE) from exc
    except OSError as exc:
        raise CommandError(f"cannot serve: {exc}") from exc
    return ExitCode.OK


def _temporary_site(args: argparse.Namespace) -> str:
    """A site built for this serve only (the archive needs its directory); removed at exit."""
    import atexit
    import shutil

    import replica

    tmp = tempfile.mkdtemp(prefix="mipcrawl-replica-")
    atexit.register(shutil.rmtree, tmp, ignore_errors=True)
    return str(replica.build_site(f"{tmp}/site", seed=args.seed or 0,
                                  events_per_edition=args.events_per_edition or 350, day=args.day or 30))


def _archive(args: argparse.Namespace, base_url: str):
    from replica.wayback import serve_archive

    return serve_archive(args.site, original=base_url, rate_limit=args.rate_limit,
                         retry_after=args.retry_after)
