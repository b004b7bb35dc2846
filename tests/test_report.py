"""``mipcrawl report``: the figures (on SQLite and PostgreSQL), the page's numbers against SQL
counts on a crawled replica, the page rendered in headless Chromium (no console error, no
request but the page itself, every chart drawn with the expected number of bars, a
screenshot kept), the comparison mode, and bad input."""

from __future__ import annotations

import base64
import collections
import datetime as dt
import json
import os
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from export_fixtures import build_month, crawled_replica
from lxml import html as lxml_html
from sqlalchemy import create_engine, text

from mipcrawl.cli import main
from mipcrawl.cli.errors import ExitCode
from storage.queries import reading
from storage.report_data import (
    KIND_LABELS,
    LAB,
    NATIONAL,
    NO_REGION,
    NO_TERRITORY,
    edition_report,
    region_label,
)

PARIS = ZoneInfo("Europe/Paris")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--remote-debugging-port=0", "--window-size=1200,900"]
needs_chromium = pytest.mark.skipif(CHROMIUM is None and not os.environ.get("MIPCRAWL_REQUIRE_CHROMIUM"),
                                    reason="chromium is not installed (CI installs Debian's and requires it)")


# -- the figures, on both dialects ----------------------------------------------------------

def test_edition_figures_on_a_small_month(db_url):
    with reading(build_month(db_url)) as session:
        rep = edition_report(session, 2026)
    assert rep.total == 12
    assert rep.by_status == {"scheduled": 9, "rescheduled": 1, "cancelled": 1, "withdrawn": 1}
    assert rep.by_region == [("Île-de-France (11)", 9), ("Bretagne (53)", 2), (NO_REGION, 1)]
    assert rep.by_format == [("atelier", 12)] and rep.by_lab == [("Ti Lab", 1)] and rep.lab_events == 1
    state, local = KIND_LABELS["etat"], KIND_LABELS["collectivite"]
    assert dict(rep.by_organiser_type) == {state: 10, local: 1, LAB: 1}
    assert rep.by_organiser_region == {NATIONAL: {state: 10}, "Provence-Alpes-Côte d'Azur (93)": {local: 1},
                                       NO_TERRITORY: {LAB: 1}}
    assert rep.attendance == {"offline": 9, "mixed": 2, "online": 1}
    assert rep.changes_by_day == [
        (dt.date(2026, 11, 2), {"added": 12}),
        (dt.date(2026, 11, 3), {"changed": 2, "rescheduled": 1, "cancelled": 1, "moved": 1}),
        (dt.date(2026, 11, 4), {"withdrawn": 1}),
    ]
    assert [r["id"] for r in rep.runs] == [1, 2, 3] and rep.quality["sans organisateur"] == 0


# -- a crawled replica ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def crawled(replica_small_site, tmp_path_factory):
    return crawled_replica(replica_small_site, tmp_path_factory.mktemp("crawled"))


@pytest.fixture(scope="module")
def report(crawled, tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "report.html"
    assert main(["report", "--db", crawled, "--edition", "2026", "--out", str(out)]) == 0
    return out


def sql(db: str, query: str, **params) -> list[tuple]:
    engine = create_engine(db)
    with engine.connect() as conn:
        rows = [tuple(r) for r in conn.execute(text(query), params)]
    engine.dispose()
    return rows


def table(page, table_id: str) -> dict[str, list[str]]:
    rows = page.get_element_by_id(table_id).findall("tbody/tr")
    return {r[0].text_content(): [c.text_content() for c in r[1:]] for r in rows}


def region_code_of(label: str) -> str | None:
    return None if label == NO_REGION else label.rsplit("(", 1)[1].rstrip(")")


def expected_counts(db: str, year: int) -> dict[str, collections.Counter]:
    """The report's figures recounted here with plain SQL and Python."""
    q = ("select region_code, attendance, status, start_date, formats, organiser, date_precision from event "
         "where edition = :y")
    rows = sql(db, q, y=year)
    formats = collections.Counter(f for r in rows for f in (json.loads(r[4]) if isinstance(r[4], str) else r[4]) or [])
    days = sql(db, "select distinct r.at, r.change from event_revision r join event e on e.id = r.event_id "
                   "where e.edition = :y", y=year)
    return {
        "region": collections.Counter(r[0] for r in rows), "attendance": collections.Counter(r[1] for r in rows),
        "status": collections.Counter(r[2] for r in rows),
        "day": collections.Counter(str(r[3]) for r in rows if r[3] and r[6] in (None, "day", "minute")),
        "not fixed": collections.Counter(r[6] not in (None, "day", "minute") for r in rows),
        "format": formats, "no organiser": collections.Counter(r[5] is None for r in rows),
        "change days": collections.Counter({_paris_day(at) for at, _ in days}),
        "day and change": collections.Counter({(_paris_day(at), change) for at, change in days}),
    }


def _paris_day(value) -> dt.date:
    at = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
    return at.replace(tzinfo=dt.UTC).astimezone(PARIS).date()


def test_report_numbers_agree_with_sql(crawled, report):
    page, want = lxml_html.fromstring(report.read_text(encoding="utf-8")), expected_counts(crawled, 2026)
    regions = table(page, "by-region")
    assert {region_code_of(k): int(v[0]) for k, v in regions.items()} == dict(want["region"])
    assert {k: int(v[0]) for k, v in table(page, "by-status").items()} == dict(want["status"])
    assert {k: int(v[0]) for k, v in table(page, "by-format").items()} == dict(want["format"])
    assert {k: int(v[0]) for k, v in table(page, "by-day").items()} == dict(want["day"])
    not_fixed = page.get_element_by_id("date-not-fixed").text_content()   # "en novembre": no day to chart
    assert int(not_fixed.split()[0]) == want["not fixed"][True] > 0   # the replica has such dates
    modes = {"présentiel": "offline", "en ligne": "online", "mixte": "mixed", "non renseigné": None}
    assert {modes[k]: int(v[0]) for k, v in table(page, "by-attendance").items()} == dict(want["attendance"])
    assert int(table(page, "data-quality")["sans organisateur"][0]) == want["no organiser"][True]
    assert {dt.date.fromisoformat(k) for k in table(page, "changes-by-day")} == set(want["change days"])
    runs = sql(crawled, "select id from crawl_run where spider = 'programme' and scope in ('2026', 'all')")
    assert sorted(int(k) for k in table(page, "run-list")) == sorted(r[0] for r in runs)
    changes = table(page, "changes-by-day")
    assert sum(int(v[0]) for v in changes.values()) == sum(want["status"].values())     # every event added once
    organisers = collections.Counter()
    for code, level, n in sql(crawled, "select organiser_region_code, organiser_level, count(*) from event "
                                       "where edition = 2026 group by organiser_region_code, organiser_level"):
        organisers[region_label(code) if code else NATIONAL if level == "national" else NO_TERRITORY] += n
    assert {k: sum(map(int, v)) for k, v in table(page, "by-organiser-region").items()} == dict(organisers)
    kinds = [th.text_content() for th in page.get_element_by_id("by-organiser-region").findall("thead/tr/th")][1:]
    assert kinds == list(table(page, "by-organiser-type"))
    by_lab = dict(sql(crawled, "select l.name, count(*) from event e join lab l on l.id = e.lab_id "
                               "where e.edition = 2026 group by l.name"))
    assert {k: int(v[0]) for k, v in table(page, "by-lab").items()} == by_lab and by_lab
    assert int(table(page, "by-organiser-type")[LAB][0]) == sum(by_lab.values())
    lead = page.get_element_by_id("lab-events").text_content()
    assert lead.startswith(f"Les laboratoires d'innovation territoriale ont organisé {sum(by_lab.values())} "
                           "événements en 2026 (")


def test_comparison_gives_the_labs_events_per_edition(crawled, replica_small_site, tmp_path):
    """The series of the press report ("les laboratoires … ont organisé 150 événements en
    2021"): the events the labs run per edition, as the replica's truth counts them."""
    out = tmp_path / "compare.html"
    assert main(["report", "--db", crawled, "--editions", "2021-2025", "--out", str(out)]) == 0
    page = lxml_html.fromstring(out.read_text(encoding="utf-8"))
    stored = dict(sql(crawled, "select edition, count(*) from event where lab_id is not null "
                               "and edition between 2021 and 2025 group by edition"))
    lines = (Path(replica_small_site) / "_truth" / "events.jsonl").read_text(encoding="utf-8").splitlines()
    true = collections.Counter(t["edition"] for t in map(json.loads, lines)
                               if t["lab_id"] and t["listed"] and 2021 <= t["edition"] <= 2025)
    assert {int(k): int(v[0]) for k, v in table(page, "lab-events-per-edition").items()} == stored == dict(true)
    sentences = [li.text_content() for li in page.get_element_by_id("lab-series").findall("li")]
    assert sentences[0] == f"Les laboratoires d'innovation territoriale ont organisé {true[2021]} événements en 2021."
    by_lab = table(page, "lab-by-edition")
    assert [sum(int(v[i]) for v in by_lab.values()) for i in range(5)] == [true[y] for y in range(2021, 2026)]


# -- headless Chromium over the DevTools protocol ----------------------------------------------

class Chromium:
    """Debian's chromium driven through CDP with websocket-client: console, requests, DOM, screenshot."""

    def __init__(self, profile: Path):
        import websocket

        self.proc = subprocess.Popen([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file, deadline = profile / "DevToolsActivePort", time.monotonic() + 30
        while not (port_file.exists() and port_file.read_text().count("\n") >= 1):
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise RuntimeError("chromium did not open its DevTools port")
            time.sleep(0.1)
        port = port_file.read_text().split()[0]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as resp:
            target = next(t for t in json.load(resp) if t["type"] == "page")
        self.ws = websocket.create_connection(target["webSocketDebuggerUrl"], timeout=30, suppress_origin=True)
        self.events: list[dict] = []
        self.next_id = 0
        for domain in ("Runtime", "Log", "Network", "Page"):
            self.send(f"{domain}.enable")

    def send(self, method: str, **params) -> dict:
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == self.next_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg["result"]
            self.events.append(msg)

    def open(self, url: str) -> None:
        self.send("Page.navigate", url=url)
        while not any(e.get("method") == "Page.loadEventFired" for e in self.events):
            self.events.append(json.loads(self.ws.recv()))
        self.send("Runtime.evaluate", expression="1", awaitPromise=True)   # drain what the load logged

    def errors(self) -> list[str]:
        out = []
        for e in self.events:
            method, p = e.get("method"), e.get("params", {})
            if method == "Runtime.exceptionThrown" or (method == "Runtime.consoleAPICalled" and p["type"] == "error"):
                out.append(json.dumps(p)[:300])
            if method == "Log.entryAdded" and p["entry"]["level"] == "error":
                out.append(p["entry"]["text"])
        return out

    def requests(self) -> list[str]:
        return [e["params"]["request"]["url"] for e in self.events if e.get("method") == "Network.requestWillBeSent"]

    def evaluate(self, expression: str):
        return self.send("Runtime.evaluate", expression=expression, returnByValue=True)["result"]["value"]

    def screenshot(self, path: Path) -> None:
        shot = self.send("Page.captureScreenshot", format="png", captureBeyondViewport=True)
        path.write_bytes(base64.b64decode(shot["data"]))

    def close(self) -> None:
        self.ws.close()
        self.proc.terminate()
        self.proc.wait(timeout=10)


@pytest.fixture
def browser(tmp_path):
    if CHROMIUM is None:
        pytest.fail("chromium is required here (MIPCRAWL_REQUIRE_CHROMIUM is set) but not installed")
    chromium = Chromium(tmp_path / "profile")
    yield chromium
    chromium.close()


CHARTS = """JSON.stringify([...document.querySelectorAll('svg.chart')].map(svg => ({
  section: svg.closest('section').id, declared: Number(svg.dataset.bars),
  bars: svg.querySelectorAll('rect.bar').length,
  drawn: [...svg.querySelectorAll('rect.bar')].filter(r => {
    const b = r.getBoundingClientRect(); return b.width > 0 && b.height > 0; }).length,
  width: svg.getBoundingClientRect().width })))"""


@needs_chromium
def test_the_helper_sees_console_errors(browser, tmp_path):
    page = tmp_path / "bad.html"
    page.write_text("<!DOCTYPE html><html><body><script>console.error('boom')</script></body></html>")
    browser.open(page.as_uri())
    assert any("boom" in e for e in browser.errors())


@needs_chromium
def test_report_renders_in_chromium(crawled, report, browser, tmp_path):
    browser.open(report.as_uri())
    assert browser.errors() == []
    assert set(browser.requests()) == {report.as_uri()}          # self-contained: nothing else fetched
    charts = {c["section"]: c for c in json.loads(browser.evaluate(CHARTS))}
    want = expected_counts(crawled, 2026)
    expected = {"days": len(want["day"]), "region": len(want["region"]), "format": len(want["format"]),
                "attendance": len(want["attendance"]), "changes": len(want["day and change"])}
    assert {k: charts[k]["bars"] for k in expected} == expected
    for name, chart in charts.items():
        assert chart["bars"] == chart["declared"] == chart["drawn"] and chart["width"] > 100, name
    assert charts["organiser-type"]["bars"] >= 3 and charts["lab"]["bars"] >= 1
    shot = tmp_path / "report.png"
    browser.screenshot(shot)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


@needs_chromium
def test_comparison_renders_and_counts_per_edition(crawled, browser, tmp_path):
    out = tmp_path / "compare.html"
    assert main(["report", "--db", crawled, "--editions", "2021-2025", "--out", str(out)]) == 0
    page = lxml_html.fromstring(out.read_text(encoding="utf-8"))
    per_edition = dict(sql(crawled, "select edition, count(*) from event where edition between 2021 and 2025 "
                                    "group by edition"))
    assert {int(k): int(v[0]) for k, v in table(page, "events-per-edition").items()} == per_edition
    assert {len(v) for v in table(page, "region-by-edition").values()} == {5}
    by_kind = table(page, "organiser-type-by-edition").values()
    assert [sum(int(v[i]) for v in by_kind) for i in range(5)] == [per_edition[y] for y in range(2021, 2026)]
    browser.open(out.as_uri())
    assert browser.errors() == []
    charts = {c["section"]: c for c in json.loads(browser.evaluate(CHARTS))}
    assert charts["editions"]["drawn"] == 5 and charts["formats"]["drawn"] == len(table(page, "format-by-edition"))
    browser.screenshot(tmp_path / "compare.png")


# -- bad input --------------------------------------------------------------------------------

@pytest.mark.parametrize(("args", "code", "words"), [
    (["--edition", "1999"], ExitCode.USAGE, "unknown edition 1999"),
    (["--editions", "2026-2028"], ExitCode.USAGE, "unknown edition 2027"),
    (["--edition", "2019"], ExitCode.USAGE, "edition 2019 has no events"),
])
def test_bad_editions_are_one_line_errors(tmp_path, capsys, args, code, words):
    db = build_month(f"sqlite:///{tmp_path / 'db.sqlite'}")
    out = tmp_path / "report.html"
    assert main(["report", "--db", db, *args, "--out", str(out)]) == code
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and words in err and not out.exists()


def test_empty_database_and_unwritable_output(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'db.sqlite'}"
    assert main(["db", "upgrade", "--db", db]) == 0
    capsys.readouterr()
    assert main(["report", "--db", db, "--edition", "2026", "--out", str(tmp_path / "r.html")]) == ExitCode.ERROR
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no events" in err and not (tmp_path / "r.html").exists()
    build_month(db)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["report", "--db", db, "--edition", "2026", "--out", str(blocker / "r.html")]) == ExitCode.ERROR
    assert capsys.readouterr().err.startswith("mipcrawl report: cannot write")
