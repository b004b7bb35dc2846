"""The programme spider on saved pages: golden items, listings, pagination, failures, editions.

Saved page → ``HtmlResponse`` → the spider's own callbacks (built the Scrapy way) → items
compared with ``tests/fixtures/golden/*.json``. Regenerate a golden file after a deliberate
change with ``MIPCRAWL_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_spider_programme.py``.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import scrapy
from golden import check_golden
from scrapy.http import HtmlResponse, Request, Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.test import get_crawler
from twisted.internet.error import DNSLookupError
from twisted.python.failure import Failure

from mipcrawl import editions
from mipcrawl.items import EventItem, FetchFailure, ListingPageItem
from spiders import site
from spiders.programme import ProgrammeSpider

FIXTURES = Path(__file__).parent / "fixtures"
PAGES, GOLDEN = FIXTURES / "pages", FIXTURES / "golden"
BASE = "https://www.modernisation.gouv.fr"
FIXED_NOW = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def spider() -> ProgrammeSpider:
    crawler = get_crawler(ProgrammeSpider, {"MIPCRAWL_BASE_URL": BASE + "/"})
    spider = ProgrammeSpider.from_crawler(crawler, edition="all")
    crawler.spider = spider
    spider.clock = lambda: FIXED_NOW   # the clock is pinned, never patched globally
    return spider


def page_response(name: str, url: str, *, status: int = 200, **cb_kwargs) -> HtmlResponse:
    request = Request(url, cb_kwargs=cb_kwargs)
    return HtmlResponse(url=url, body=(PAGES / name).read_bytes(), encoding="utf-8", status=status,
                        request=request)


def as_json(item) -> dict:
    return json.loads(json.dumps(dataclasses.asdict(item), default=str, ensure_ascii=False))


EVENT_PAGES = [
    ("dsfr15_event.html", "/mois-de-linnovation-publique/atelier-de-co-design-des-services-numeriques", 2024),
    ("dsfr14_event.html", "/mois-de-linnovation-publique/webinaire-linnovation-ouverte-en-pratique", 2021),
    ("legacy2019_event.html", "/la-semaine-de-linnovation-publique/hackathon-des-donnees-locales", 2019),
]


@pytest.mark.parametrize(("page", "path", "hint"), EVENT_PAGES, ids=[p[0] for p in EVENT_PAGES])
def test_event_page_matches_golden(spider: ProgrammeSpider, page: str, path: str, hint: int) -> None:
    listing = BASE + editions.EDITIONS[hint].listing_path
    response = page_response(page, BASE + path)
    items = list(spider.parse_event(response, listing_url=listing, edition_hint=hint))
    assert len(items) == 1 and isinstance(items[0], EventItem)
    check_golden(page.replace(".html", ".json"), as_json(items[0]))


def test_event_items_carry_provenance_and_counted_strategies(spider: ProgrammeSpider) -> None:
    url = BASE + "/mois-de-linnovation-publique/autre-slug"
    [item] = spider.parse_event(page_response("dsfr15_event.html", url), listing_url="L", edition_hint=2024)
    # <link rel=canonical> wins over the fetched URL
    assert item.url.endswith("/atelier-de-co-design-des-services-numeriques")
    assert item.fetched_at == FIXED_NOW and item.fetched_at.tzinfo is not None
    assert (item.http_status, item.listing_url, item.edition_hint) == (200, "L", 2024)
    stats = spider.crawler.stats.get_stats()
    assert stats["mipcrawl/strategy/when_text/dsfr"] == 1
    assert stats["mipcrawl/strategy/organiser/label"] == 1
    assert stats["mipcrawl/strategy/online_url/none"] == 1


LISTINGS = [
    # (page, url, edition, page index, last page, event paths, other listing pages)
    ("dsfr15_listing.html", "/mois-de-linnovation-publique/programme-2024", 2024, 0, 3,
     ["atelier-de-co-design-des-services-numeriques", "simplificathon-0", "simplificathon-1"], [1, 2, 3]),
    ("dsfr14_listing.html", "/mois-de-linnovation-publique/programme-2021?page=2", 2021, 2, 2,
     ["webinaire-linnovation-ouverte-en-pratique", "table-ronde-agents"], [0, 1]),
    ("legacy2019_listing.html", "/la-semaine-de-linnovation-publique/programme", 2019, 0, 2,
     ["hackathon-des-donnees-locales", "forum-des-labs"], [1, 2]),
]


def test_links_to_the_site_without_www_are_on_site(spider: ProgrammeSpider) -> None:
    url = BASE + "/mois-de-linnovation-publique/programme-2025"
    body = (b"<html><body><main>"
            b"<h3 class='fr-card__title'><a href='https://modernisation.gouv.fr/mois-de-linnovation-publique/a'>A</a></h3>"
            b"<h3 class='fr-card__title'><a href='https://evil-modernisation.gouv.fr.example/mois-de-linnovation-publique/b'>"
            b"B</a></h3></main></body></html>")
    [listing, event] = spider.parse_listing(HtmlResponse(url=url, body=body, request=Request(url)),
                                            edition=editions.EDITIONS[2025])
    assert listing.event_urls == [event.url] == ["https://modernisation.gouv.fr/mois-de-linnovation-publique/a"]
    assert spider.allowed_domains == ["modernisation.gouv.fr"]


def test_last_page_whose_only_link_is_the_first_page(spider: ProgrammeSpider) -> None:
    url = BASE + "/mois-de-linnovation-publique/programme-2023?page=1"
    body = (b'<html><body><main><nav class="fr-pagination"><ul class="fr-pagination__list">'
            b'<li><a class="fr-pagination__link" href="/mois-de-linnovation-publique/programme-2023">1</a></li>'
            b'<li><a class="fr-pagination__link" aria-current="page">2</a></li></ul></nav></main></body></html>')
    response = HtmlResponse(url=url, body=body, request=Request(url))
    [listing, first] = spider.parse_listing(response, edition=editions.EDITIONS[2023])
    assert (listing.page, listing.last_page, listing.event_urls) == (1, 1, [])
    assert first.url == BASE + "/mois-de-linnovation-publique/programme-2023"


@pytest.mark.parametrize(("page", "path", "year", "index", "last", "slugs", "others"), LISTINGS,
                         ids=[x[0] for x in LISTINGS])
def test_listing_page(spider, page, path, year, index, last, slugs, others) -> None:
    ed = editions.EDITIONS[year]
    out = list(spider.parse_listing(page_response(page, BASE + path), edition=ed))
    [listing] = [o for o in out if isinstance(o, ListingPageItem)]
    prefix = BASE + ed.detail_prefix
    assert (listing.edition, listing.page, listing.last_page) == (year, index, last)
    assert listing.event_urls == [prefix + s for s in slugs]
    requests = [o for o in out if isinstance(o, scrapy.Request)]
    events = [r for r in requests if r.callback == spider.parse_event]
    assert [r.url for r in events] == listing.event_urls     # external card links never followed
    assert all(r.cb_kwargs == {"listing_url": BASE + path, "edition_hint": year} for r in events)
    pages = sorted(r.url for r in requests if r.callback == spider.parse_listing)
    first = BASE + ed.listing_path
    assert pages == sorted(first if n == 0 else f"{first}?page={n}" for n in others)


def test_each_listing_page_is_scheduled_once(spider: ProgrammeSpider) -> None:
    ed = editions.EDITIONS[2024]
    first = list(spider.parse_listing(page_response("dsfr15_listing.html", BASE + ed.listing_path), edition=ed))
    again = list(spider.parse_listing(page_response("dsfr15_listing.html", BASE + ed.listing_path + "?page=1"),
                                      edition=ed))
    def listing_urls(out):
        return [r.url for r in out if isinstance(r, scrapy.Request) and r.callback == spider.parse_listing]
    assert len(listing_urls(first)) == 3 and listing_urls(again) == []


def test_a_bogus_page_number_schedules_nothing(spider: ProgrammeSpider) -> None:
    url = BASE + "/mois-de-linnovation-publique/programme-2025"
    body = b"<html><body><nav class='fr-pagination'><a href='?page=99999999'>fin</a></nav></body></html>"
    [listing] = spider.parse_listing(HtmlResponse(url=url, body=body, request=Request(url)),
                                     edition=editions.EDITIONS[2025])
    assert listing.last_page is None


def test_listing_without_pagination_has_no_last_page(spider: ProgrammeSpider) -> None:
    body = b"<html><body><main><h3 class='fr-card__title'><a href='/mois-de-linnovation-publique/x'>X</a></h3></main></body></html>"
    url = BASE + "/mois-de-linnovation-publique/programme"
    response = HtmlResponse(url=url, body=body, request=Request(url))
    out = list(spider.parse_listing(response, edition=editions.EDITIONS[2026]))
    assert out[0] == ListingPageItem(url=url, edition=2026, page=0, last_page=None,
                                     event_urls=[BASE + "/mois-de-linnovation-publique/x"],
                                     http_status=200, fetched_at=FIXED_NOW)
    assert [r.url for r in out[1:]] == [BASE + "/mois-de-linnovation-publique/x"]


def test_an_infinite_scroll_listing_is_read_through_its_json_feed(spider: ProgrammeSpider) -> None:
    """Issue 15: the page names its feed in a data attribute; the feed (JSON) is read as a
    listing page: its records' links are events, its next page is scheduled."""
    url = BASE + "/mois-de-linnovation-publique/programme"
    body = (b"<html><body><main><div data-infinite-url='/api/evenements/2026?page=1'>"
            b"<h3><a href='/mois-de-linnovation-publique/x'>X</a></h3></div></main></body></html>")
    out = list(spider.parse_listing(HtmlResponse(url=url, body=body, request=Request(url)),
                                    edition=editions.EDITIONS[2026]))
    feed_request = next(r for r in out[1:] if r.callback == spider.parse_listing)
    assert feed_request.url == BASE + "/api/evenements/2026?page=1"
    data = {"rows": [{"path": "/mois-de-linnovation-publique/y"}], "next": "/api/evenements/2026?page=2"}
    feed = TextResponse(url=feed_request.url, body=json.dumps(data).encode(), encoding="utf-8",
                        headers={"Content-Type": "application/json"}, request=feed_request)
    listing, event, more = spider.parse_listing(feed, edition=editions.EDITIONS[2026])
    assert (listing.url, listing.page, listing.event_urls) == (feed.url, 1, [BASE + "/mois-de-linnovation-publique/y"])
    assert (event.url, more.url) == (BASE + "/mois-de-linnovation-publique/y", BASE + "/api/evenements/2026?page=2")


def test_a_feed_that_is_no_json_is_a_failed_listing_page(spider: ProgrammeSpider) -> None:
    url = BASE + "/api/evenements/2026"
    feed = TextResponse(url=url, body=b"{not json", encoding="utf-8", headers={"Content-Type": "application/json"},
                        request=Request(url))
    [failure] = spider.parse_listing(feed, edition=editions.EDITIONS[2026])
    assert isinstance(failure, FetchFailure) and failure.kind == "listing" and "non-HTML" in failure.reason


async def _collect(agen) -> list:
    return [x async for x in agen]


def test_start_requests_follow_the_edition_table() -> None:
    crawler = get_crawler(ProgrammeSpider, {"MIPCRAWL_BASE_URL": "http://127.0.0.1:8765"})
    spider = ProgrammeSpider.from_crawler(crawler, edition="2026")
    urls = [r.url for r in asyncio.run(_collect(spider.start()))]
    assert urls == ["http://127.0.0.1:8765/mois-de-linnovation-publique/programme"]
    assert spider.allowed_domains == ["127.0.0.1"]


def test_all_editions_start_from_every_listing() -> None:
    spider = ProgrammeSpider(edition="all")
    assert [e.year for e in spider.editions] == list(range(2019, 2027))
    assert len({e.listing_path for e in spider.editions}) == 8


@pytest.mark.parametrize("bad", ["1999", "2030", "24", "next", "2024,2025"])
def test_unknown_edition_is_a_clear_error_at_start(bad: str) -> None:
    with pytest.raises(editions.UnknownEdition, match=f"unknown edition '{bad}'.*2019.*2026"):
        ProgrammeSpider(edition=bad)


def _failure(exc: Exception, url: str, **cb_kwargs) -> Failure:
    failure = Failure(exc)
    failure.request = Request(url, cb_kwargs=cb_kwargs)
    return failure


@pytest.mark.parametrize("status", [404, 410, 500])
def test_failed_event_page_yields_fetch_failure_with_status(spider, status: int) -> None:
    url = BASE + "/mois-de-linnovation-publique/retire"
    response = HtmlResponse(url=url, status=status, body=b"<html></html>", request=Request(url))
    failure = _failure(HttpError(response), url, listing_url="L", edition_hint=2026)
    [item] = spider.event_failed(failure)
    assert item == FetchFailure(url=url, kind="event", reason=f"HTTP {status}", edition=2026,
                                http_status=status)
    assert spider.crawler.stats.get_value("mipcrawl/fetch_failed/event") == 1


def test_unreachable_listing_yields_fetch_failure(spider: ProgrammeSpider) -> None:
    url = BASE + "/mois-de-linnovation-publique/programme-2024"
    failure = _failure(DNSLookupError("no such host"), url, edition=editions.EDITIONS[2024])
    [item] = spider.listing_failed(failure)
    assert (item.kind, item.edition, item.http_status) == ("listing", 2024, None)
    assert item.reason.startswith("DNSLookupError") and "no such host" in item.reason


NON_HTML = [
    ("pdf", Response, b"%PDF-1.4 binary", {"Content-Type": "application/pdf"}, "non-HTML body (application/pdf)"),
    ("json", TextResponse, b'{"title": "x"}', {"Content-Type": "application/json"}, "non-HTML body (application/json)"),
    ("empty", HtmlResponse, b"", {"Content-Type": "text/html"}, "empty body"),
    ("blank", HtmlResponse, b"  \n ", {"Content-Type": "text/html"}, "empty body"),
    ("binary labelled html", HtmlResponse, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR<html>",
     {"Content-Type": "text/html"}, "binary body (text/html)"),
    ("control bytes", HtmlResponse, bytes(range(1, 9)) * 20 + b"<p>x</p>", {"Content-Type": "text/html"},
     "binary body (text/html)"),
]


@pytest.mark.parametrize(("cls", "body", "headers", "reason"), [c[1:] for c in NON_HTML],
                         ids=[c[0] for c in NON_HTML])
def test_non_html_event_body_is_a_counted_failure(spider, cls, body, headers, reason) -> None:
    url = BASE + "/mois-de-linnovation-publique/document"
    kwargs = {"encoding": "utf-8"} if issubclass(cls, TextResponse) else {}
    response = cls(url=url, body=body, headers=headers, request=Request(url), **kwargs)
    [item] = spider.parse_event(response, listing_url="L", edition_hint=2025)
    assert item == FetchFailure(url=url, kind="event", reason=reason, edition=2025, http_status=200)


def test_text_html_served_as_plain_text_is_still_read(spider: ProgrammeSpider) -> None:
    url = BASE + "/mois-de-linnovation-publique/texte"
    body = b"<html><body><main><h1>Titre en texte brut</h1></main></body></html>"
    response = TextResponse(url=url, body=body, encoding="utf-8", headers={"Content-Type": "text/plain"},
                            request=Request(url))
    [item] = spider.parse_event(response)
    assert isinstance(item, EventItem) and item.title == "Titre en texte brut"


# ---- a real crawl of a small replica over loopback HTTP (a subprocess: no reactor reuse)

def _crawl(spider: str, base_url: str, out: Path, *args: str) -> list[dict]:
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "MIPCRAWL_BASE_URL": base_url, "MIPCRAWL_DATA_DIR": str(out.parent)}
    cmd = [sys.executable, "-m", "scrapy", "crawl", spider, *args, "-s", "ITEM_PIPELINES={}",
           "-s", "LOG_LEVEL=WARNING", "-O", str(out)]
    done = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    return [json.loads(line) for line in out.read_text().splitlines()]


@pytest.mark.e2e
def test_crawl_replica_yields_every_listed_event_once(replica_small, tmp_path: Path) -> None:
    base_url, site = replica_small
    items = _crawl("programme", base_url, tmp_path / "programme.jsonl", "-a", "edition=all")
    events = [i for i in items if "strategies" in i]
    listings = [i for i in items if "event_urls" in i]
    failures = [i for i in items if "kind" in i and "reason" in i]
    truth = [json.loads(line) for line in (Path(site) / "_truth" / "events.jsonl").read_text().splitlines()]
    listed = {t["path"]: t for t in truth if t["listed"]}
    assert failures == []
    paths = [urlsplit(e["url"]).path for e in events]
    assert len(paths) == len(set(paths)), "an event was yielded twice"
    assert set(paths) == set(listed)
    for event in events:
        expected = listed[urlsplit(event["url"]).path]
        assert (event["title"], event["edition"]) == (expected["title"], expected["edition"]), event["url"]
        assert event["edition_hint"] == expected["edition"] and event["http_status"] == 200
    # every listing page of every edition, each knowing the last page of its listing
    shape = json.loads((Path(site) / "_truth" / "editions.json").read_text())
    for edition in shape:
        pages = sorted(x["page"] for x in listings if x["edition"] == edition["year"])
        assert pages == list(range(edition["listing_pages"])), edition["year"]
        assert {x["last_page"] for x in listings if x["edition"] == edition["year"]} == {
            edition["listing_pages"] - 1}


@pytest.mark.e2e
def test_crawl_replica_labs(replica_small, tmp_path: Path) -> None:
    base_url, site = replica_small
    items = _crawl("labs", base_url, tmp_path / "labs.jsonl")
    truth = [json.loads(line) for line in (Path(site) / "_truth" / "labs.jsonl").read_text().splitlines()]
    by_path = {urlsplit(i["url"]).path: i for i in items if "sections" in i}
    assert not [i for i in items if "reason" in i]
    expected_paths = {t["path"] for t in truth} | {t["atlas_path"] for t in truth if t["atlas_path"]}
    assert set(by_path) == expected_paths
    for lab in truth:
        sheet = by_path[lab["path"]]
        assert (sheet["name"], sheet["title"], sheet["host"]) == (lab["name"], lab["title"], lab["host"])
        assert sheet["tags"] == lab["tags"] and list(sheet["sections"]) == lab["sections"]
        assert str(lab["year_created"]) in sheet["created_text"]


@pytest.mark.e2e
def test_crawl_under_faults_keeps_every_page_it_could_get(replica_small_site, tmp_path: Path) -> None:
    """Transient faults (5xx once, cut bodies, resets) are retried away; a persistent 5xx is a
    FetchFailure: every event a fetched listing page links is either yielded or failed."""
    import replica

    with replica.serve(replica_small_site, flaky_rate=0.2, truncate_rate=0.1, reset_rate=0.1,
                       fail_rate=0.08) as base_url:
        items = _crawl("programme", base_url, tmp_path / "faults.jsonl", "-a", "edition=2024")
    events = {urlsplit(i["url"]).path: i for i in items if "strategies" in i}
    failures = [i for i in items if "reason" in i]
    linked = {urlsplit(u).path for i in items if "event_urls" in i for u in i["event_urls"]}
    failed_events = {urlsplit(f["url"]).path for f in failures if f["kind"] == "event"}
    assert failures, "fail_rate 0.08 over ~40 paths should hit at least one"
    assert all(f["http_status"] >= 500 and f["kind"] in ("listing", "event") for f in failures)
    assert linked == set(events) | failed_events
    assert all(e["edition"] == 2024 and e["title"] for e in events.values())


HUB = (b"<html><body><header class='fr-header'><a href='/mois-de-linnovation-publique/programme-2020'>x</a>"
       b"</header><main><ul><li><a href='/mois-de-linnovation-publique/programme-2023'>Programme 2023</a></li>"
       b"<li><a href='/mois-de-linnovation-publique/le-programme-de-novembre'>Programme du Mois 2024</a></li>"
       b"</ul></main></body></html>")


def _missing_listing(spider: ProgrammeSpider, year: int):
    ed = editions.EDITIONS[year]
    url = BASE + ed.listing_path
    gone = HtmlResponse(url=url, status=404, body=b"", request=Request(url))
    return list(spider.listing_failed(_failure(HttpError(gone), url, edition=ed)))


def test_a_listing_gone_from_its_table_url_is_looked_up_on_the_hub(spider: ProgrammeSpider) -> None:
    [hub_request] = _missing_listing(spider, 2024)
    assert hub_request.url == BASE + site.HUB_PATH and hub_request.callback == spider.parse_hub
    hub = HtmlResponse(url=hub_request.url, body=HUB, request=hub_request)
    [moved] = spider.parse_hub(hub, **hub_request.cb_kwargs)
    assert moved.url == BASE + "/mois-de-linnovation-publique/le-programme-de-novembre"
    assert moved.callback == spider.parse_listing and moved.cb_kwargs["edition"].year == 2024
    assert spider.crawler.stats.get_value("mipcrawl/fetch_failed/listing") is None


def test_a_listing_the_hub_does_not_link_either_is_a_failure(spider: ProgrammeSpider) -> None:
    [hub_request] = _missing_listing(spider, 2022)
    hub = HtmlResponse(url=hub_request.url, body=HUB, request=hub_request)
    [failure] = spider.parse_hub(hub, **hub_request.cb_kwargs)
    assert (failure.kind, failure.edition, failure.http_status) == ("listing", 2022, 404)
    assert failure.reason.startswith("HTTP 404") and "hub" in failure.reason
    assert spider.crawler.stats.get_value("mipcrawl/fetch_failed/listing") == 1
    [hub_request] = _missing_listing(spider, 2021)    # the hub itself unreachable: the loss stands
    hub_failure = Failure(DNSLookupError("down"))
    hub_failure.request = hub_request
    [failure] = spider.hub_failed(hub_failure)
    assert (failure.edition, failure.http_status) == (2021, 404)


def test_a_redirected_event_page_remembers_where_it_came_from(spider: ProgrammeSpider) -> None:
    old = BASE + "/mois-de-linnovation-publique/ancien-slug"
    url = BASE + "/mois-de-linnovation-publique/atelier-de-co-design-des-services-numeriques"
    request = Request(url, meta={"redirect_urls": [old]})
    response = HtmlResponse(url=url, body=(PAGES / "dsfr15_event.html").read_bytes(), encoding="utf-8",
                            request=request)
    [item] = spider.parse_event(response, listing_url="L", edition_hint=2024)
    assert item.redirected_from == [old]
    [plain] = spider.parse_event(page_response("dsfr15_event.html", url), listing_url="L", edition_hint=2024)
    assert plain.redirected_from == []
