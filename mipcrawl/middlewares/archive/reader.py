"""Reading the archive back with warcio: list the WARC files, verify them, index captures.

``verify(path)`` reads every record with warcio's ``ArchiveIterator`` (digests checked)
and returns the record counts by type and the problems found (a bad digest, a file cut
short, a response without a payload digest). ``captures(path)`` yields the response and
revisit records as ``Capture`` values, bodies included, for the replay.
"""

from __future__ import annotations

import gzip
import logging
import re
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

log = logging.getLogger(__name__)
_RUN = re.compile(r"-run(\d+)\.warc\.gz$")


@dataclass(frozen=True)
class Capture:
    uri: str
    record_id: str
    warc_type: str                 # response | revisit
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    digest: str | None             # WARC-Payload-Digest
    file: str                      # the WARC file as named in capture ids
    date: str | None = None

    @property
    def capture_id(self) -> str:
        return f"{self.file}#{self.record_id}"


@dataclass
class VerifyReport:
    path: Path
    counts: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def archive_files(root: Path, scope: str | None = None) -> list[Path]:
    """The WARC files under the archive root (``<scope>/*.warc.gz``), oldest first by name."""
    pattern = f"{scope}/*.warc.gz" if scope else "*/*.warc.gz"
    return sorted(root.glob(pattern), key=lambda p: (p.parent.name, p.name))


def run_id_of(path: Path) -> int | None:
    m = _RUN.search(path.name)
    return int(m.group(1)) if m else None


def warcinfo(path: Path) -> dict[str, str]:
    """The fields of the file's ``warcinfo`` record (empty when it has none or is unreadable)."""
    try:
        with path.open("rb") as fh:
            for record in ArchiveIterator(fh):
                if record.rec_type != "warcinfo":
                    return {}
                text = record.content_stream().read().decode("utf-8", "replace")
                pairs = (line.split(":", 1) for line in text.splitlines() if ":" in line)
                return {k.strip(): v.strip() for k, v in pairs}
    except Exception:  # noqa: BLE001 - not a WARC warcio can read
        return {}
    return {}


def verify(path: Path) -> VerifyReport:
    report = VerifyReport(path)
    try:
        with path.open("rb") as fh:
            for record in ArchiveIterator(fh, check_digests=True):
                record.raw_stream.read()
                report.counts[record.rec_type] += 1
                checker = getattr(record, "digest_checker", None)
                rid = record.rec_headers.get_header("WARC-Record-ID")
                if getattr(record.raw_stream, "limit", 0) > 0:   # fewer bytes than its Content-Length
                    report.problems.append(f"{rid}: cut short ({record.raw_stream.limit} bytes missing)")
                if checker is not None and checker.problems:
                    report.problems += [f"{rid}: {p}" for p in checker.problems]
                if record.rec_type == "response" and not record.rec_headers.get_header("WARC-Payload-Digest"):
                    report.problems.append(f"{rid}: response without WARC-Payload-Digest")
    except Exception as exc:  # noqa: BLE001 - warcio raises anything on a broken file (AttributeError…)
        report.problems.append(f"unreadable after {sum(report.counts.values())} record(s): "
                               f"{type(exc).__name__}: {exc}")
    if path.name.endswith(".gz") and not report.problems:
        report.problems += _gzip_problems(path)
    if not report.counts.get("warcinfo"):
        report.problems.append("no warcinfo record")
    return report


def _gzip_problems(path: Path) -> list[str]:
    """warcio skips a last gzip member cut short without a word; gzip itself does not."""
    try:
        with gzip.open(path, "rb") as fh:
            while fh.read(1 << 20):
                pass
    except (EOFError, OSError, zlib.error) as exc:
        return [f"gzip stream broken (file cut short?): {exc}"]
    return []


def captures(path: Path, name: str) -> Iterator[Capture]:
    """Response and revisit records of one file, in file order (``name``: the file in capture ids).

    A file cut short (a crawl killed while writing) yields its whole records and stops there."""
    with path.open("rb") as fh:
        try:
            yield from _captures(ArchiveIterator(fh), name)
        except Exception as exc:  # noqa: BLE001 - warcio raises anything on a broken tail
            log.warning("%s: unreadable after its last whole record (%s): %s", path, type(exc).__name__, exc)


def _captures(records: Iterator, name: str) -> Iterator[Capture]:
    for record in records:
        if record.rec_type not in ("response", "revisit") or record.http_headers is None:
            continue
        h = record.rec_headers
        body = record.raw_stream.read()
        if getattr(record.raw_stream, "limit", 0) > 0:   # cut short: never replayed as a whole page
            log.warning("%s: record %s cut short, not replayed", name, h.get_header("WARC-Record-ID"))
            return
        yield Capture(
            uri=h.get_header("WARC-Target-URI"), record_id=h.get_header("WARC-Record-ID"),
            warc_type=record.rec_type, status=int(record.http_headers.get_statuscode() or 0),
            headers=list(record.http_headers.headers), body=body,
            digest=h.get_header("WARC-Payload-Digest"), file=name, date=h.get_header("WARC-Date"),
        )
