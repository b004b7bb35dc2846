"""``mipcrawl archive pack``: WARC files as one WACZ (Webrecorder's package format: the WARCs
as they are, a CDXJ index, a page list and a ``datapackage.json`` with every file's
sha256), written with the ``wacz`` package, so the captures open as browsable pages in
ReplayWeb.page or pywb and can be cited as one file.

The page list names every captured event page: each stored event (``titles``: URL →
title) whose page has a status-200 response record in the files — the last one, or the one
its ``capture_id`` names. A page read from a web archive is recorded under the memento's URL
(what went over the wire); it is matched to its event by the original URL inside it.
"""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
from pathlib import Path

from mipcrawl.middlewares.archive.reader import captures
from mipcrawl.middlewares.archive.wayback import memento_original
from storage.urls import canonical_url


class PackError(ValueError):
    """The package could not be made or does not validate (the message says why)."""


def event_pages(files: list[Path], titles: dict[str, str], chosen: set[str]) -> list[dict[str, str]]:
    """One page entry (``url``, ``ts``, ``title``) per event with a status-200 capture in
    ``files``; ``chosen``: capture ids the database names (preferred over later records)."""
    found: dict[str, tuple[bool, dict[str, str]]] = {}
    for path in files:
        for cap in captures(path, path.name):
            original = _canonical(memento_original(cap.uri) or cap.uri)
            if cap.warc_type != "response" or cap.status != 200 or original not in titles:
                continue
            named = cap.capture_id in chosen
            if named or not found.get(original, (False, {}))[0]:
                found[original] = (named, {"url": cap.uri, "ts": cap.date or "", "title": titles[original]})
    return [entry for _, entry in sorted(found.values(), key=lambda v: v[1]["url"])]


def _canonical(url: str) -> str:
    try:
        return canonical_url(url)
    except ValueError:
        return url


def write_wacz(files: list[Path], pages: list[dict[str, str]], out: Path, *, title: str) -> None:
    """Package ``files`` with ``pages`` into ``out`` (replaced), then validate it."""
    from wacz.main import main as wacz_main

    if not files:
        raise PackError("no WARC file to pack")
    with tempfile.TemporaryDirectory(prefix="mipcrawl-wacz-") as tmp:
        listing = Path(tmp) / "pages.jsonl"
        header = {"format": "json-pages-1.0", "id": "pages", "title": title}
        listing.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in [header, *pages]))
        part = out.with_name(out.name + ".part")
        args = ["create", "-o", str(part), "-p", str(listing), "--title", title, *map(str, files)]
        if _quiet(wacz_main, args) != 0:
            part.unlink(missing_ok=True)
            raise PackError(f"the wacz package could not write {out}")
        if _quiet(wacz_main, ["validate", "-f", str(part)]) != 0:
            part.unlink(missing_ok=True)
            raise PackError(f"{out} does not validate (wacz validate)")
        part.replace(out)


def _quiet(func, args: list[str]) -> int:
    """Run a ``wacz`` command without its chatter on stdout; its exit code."""
    with contextlib.redirect_stdout(io.StringIO()):
        return int(func(args) or 0)
