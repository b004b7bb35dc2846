"""``mipcrawl inspect URL [--edition YEAR]``: what the spider reads on one event page.

Fetches the page (any host, the live site included, or a ``file://`` saved page), runs the
programme spider's extraction and prints JSON: the raw fields as written, the strategy
behind each, the normalised values, and — under ``explain`` — for the title, date, place and
organiser every candidate the readers saw, where, and why each one that is not the value lost
(``spiders/extract/explain.py``). What a user runs when a page looks wrong: the miss shows
which rule is missing.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from scrapy.http import Request
from scrapy.responsetypes import responsetypes

from mipcrawl.cli.commands import year
from mipcrawl.cli.errors import CommandError, ExitCode
from mipcrawl.items import EventItem
from mipcrawl.settings import DOWNLOAD_MAXSIZE, USER_AGENT
from spiders.extract.explain import explain
from spiders.extract.item import FIELDS, read_event
from spiders.extract.page import Page
from spiders.failures import unreadable_reason

_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
RAW_FIELDS = ("url", "title", "edition", "edition_text", *FIELDS)
NORMALISED_FIELDS = ("title", "edition", "status", "start", "end", "all_day", "slots", "date_precision",
                     "time_zone", "attendance",
                     "venue", "postcode", "commune_code", "commune_name", "departement_code",
                     "region_code", "organiser", "formats", "online_url", "date_warnings")


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "inspect", help="fetch one event page and print what is extracted, and how, as JSON",
        description="Fetch one event page and print its raw fields, the strategy behind each "
                    "and the normalised values as JSON.")
    parser.add_argument("url", help="the event page: an http(s):// or file:// URL, or a saved page's path")
    parser.add_argument("--edition", type=year, metavar="YEAR",
                        help="edition year to read year-less dates with, when the page does not say")
    parser.add_argument("--timeout", type=_seconds, default=30.0,
                        help="seconds for the whole fetch, however slowly the server answers (default 30)")
    parser.set_defaults(func=run)


def page_url(text: str) -> str:
    """A URL as given, or the ``file://`` URL of an existing file given by its path."""
    if urllib.parse.urlsplit(text).scheme:
        return text
    path = Path(text).expanduser()
    if path.is_file():
        return path.resolve().as_uri()
    if path.exists():
        raise CommandError(f"{text}: a directory, not a page", ExitCode.USAGE)
    raise CommandError(f"{text}: not a URL (http://, https://, file://) nor an existing file", ExitCode.USAGE)


def run(args) -> ExitCode:
    response = fetch(page_url(args.url), timeout=args.timeout)
    reason = unreadable_reason(response)
    if reason:
        raise CommandError(f"{args.url}: {reason}")
    now = dt.datetime.now(dt.UTC)
    item, failed = read_event(response, fetched_at=now, edition_hint=args.edition)
    report = {
        "fetched_url": response.url,
        "http_status": response.status,
        "raw": {name: getattr(item, name) for name in RAW_FIELDS},
        "strategies": item.strategies,
        "failed_fields": failed,
        **normalised(item, today=now.date()),
        "disagreements": item.disagreements,
        "explain": explain(Page(response), item),
    }
    print(json.dumps(report, ensure_ascii=False, indent=2, default=_json_default))
    return ExitCode.OK


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0 < value <= 3600:
        raise argparse.ArgumentTypeError(f"must be between 0 and 3600 seconds, not {text}")
    return value


def fetch(url: str, *, timeout: float):
    """The page as a Scrapy response (HTML, text or binary by its content type), or a one-line
    error when the whole fetch — name lookup, connection, every byte — takes longer than
    ``timeout`` seconds (a server trickling a byte a second never keeps inspect waiting)."""
    done: list = []
    worker = threading.Thread(target=lambda: done.append(_attempt(url, timeout)), daemon=True)
    worker.start()
    worker.join(timeout)
    if not done:
        raise CommandError(f"{url}: no complete answer within {timeout:g} s")
    result = done[0]
    if isinstance(result, CommandError):
        raise result
    return result


def _attempt(url: str, timeout: float):
    """``_fetch``'s response, or the ``CommandError`` it raised (handed back to the caller)."""
    try:
        return _fetch(url, timeout=timeout)
    except CommandError as exc:
        return exc
    except Exception as exc:  # noqa: BLE001 - a broken answer (IncompleteRead…) is one line too
        return CommandError(f"{url}: {type(exc).__name__}: {exc}".splitlines()[0])


def _fetch(url: str, *, timeout: float):
    try:
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": _ACCEPT})
        with urllib.request.urlopen(request, timeout=timeout) as reply:
            body = reply.read(DOWNLOAD_MAXSIZE + 1)
            final_url, status = reply.geturl(), getattr(reply, "status", None) or 200
            headers = {k: v for k, v in reply.headers.items()}
    except urllib.error.HTTPError as exc:
        raise CommandError(f"{url}: HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise CommandError(f"{url}: unreachable ({exc.reason})") from None
    except ValueError as exc:
        raise CommandError(f"{url}: not a URL ({exc})", ExitCode.USAGE) from None
    except OSError as exc:
        raise CommandError(f"{url}: {exc}") from None
    if len(body) > DOWNLOAD_MAXSIZE:
        raise CommandError(f"{url}: body larger than {DOWNLOAD_MAXSIZE} bytes")
    cls = responsetypes.from_args(headers=headers, url=final_url, body=body)
    return cls(url=final_url, status=status, headers=headers, body=body, request=Request(final_url))


def normalised(item: EventItem, *, today: dt.date) -> dict:
    """``{"normalised": {...}}`` through ``pipelines.normalize``, or why it failed."""
    from pipelines.normalize import normalize_event

    copy = dataclasses.replace(item, formats=list(item.formats), badges=list(item.badges))
    try:
        done = normalize_event(copy, today=today)
    except Exception as exc:  # noqa: BLE001 - show the raw fields whatever the normaliser does
        return {"normalised": None, "normalise_error": f"{type(exc).__name__}: {exc}"}
    return {"normalised": {name: getattr(done, name) for name in NORMALISED_FIELDS}}


def _json_default(value):
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)
