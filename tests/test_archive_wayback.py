"""The archive source (mipcrawl/middlewares/archive/wayback.py, captures.py): CDX answers,
the reference capture, the order captures are tried in, unusable captures set aside."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse, TextResponse

from mipcrawl.items import EDITION, LISTING
from mipcrawl.middlewares.archive import captures as cx
from mipcrawl.middlewares.archive.wayback import (
    ArchiveUnusable,
    NotArchived,
    WaybackMiddleware,
    same_page,
)
from spiders.failures import error_page_reason

ARCHIVE = "http://archive.test"
SITE = "https://www.modernisation.gouv.fr"
PROG = SITE + "/la-semaine-de-linnovation-publique/programme"
HEAD = ["timestamp", "original", "statuscode", "digest"]


def cdx_body(*rows) -> bytes:
    return json.dumps([HEAD, *[[ts, PROG, st, dg] for ts, st, dg in rows]] if rows else []).encode()


def cap(ts: str) -> cx.Capture:
    return cx.Capture(ts, PROG, "200", "D" + ts)


@pytest.mark.parametrize("stamps, expected", [
    (["20191101000000", "20191127030000", "20191204040000"], "20191204040000"),   # last within a month after
    (["20191101000000", "20191127030000", "20200301000000"], "20191127030000"),   # too late: not the programme
    (["20191010000000", "20191020000000"], "20191020000000"),                     # only before: the last one
    (["20200601000000"], None),
    ([], None),
])
def test_reference_capture_represents_the_finished_programme(stamps, expected):
    found = cx.reference([cap(s) for s in stamps], dt.date(2019, 11, 25), dt.date(2019, 11, 30))
    assert (found.timestamp if found else None) == expected


def test_captures_are_tried_nearest_first_earlier_on_ties():
    at = cx.parse_timestamp("20191127000000")
    found = [cap("20191126000000"), cap("20191128000000"), cap("20191201000000"), cap("20191127050000")]
    order = cx.nearest_first(found, at, frozenset({"20191127050000"}))
    assert [c.timestamp for c in order] == ["20191126000000", "20191128000000", "20191201000000"]


@pytest.mark.parametrize("body, message", [
    (b"<html><body>Service Unavailable</body></html>", "not JSON"),
    (b'{"a": 1}', "not a table"),
    (json.dumps([["timestamp", "original"], ["20191101000000", PROG]]).encode(), "lacks the field"),
])
def test_an_answer_that_is_no_cdx_answer_is_refused(body, message):
    with pytest.raises(cx.ArchiveAnswerError, match=message):
        cx.read_cdx(body)


def test_cdx_query_asks_for_status_200_collapsed_by_digest():
    url = cx.cdx_url(ARCHIVE, PROG, year=2019)
    assert url.startswith(ARCHIVE + "/cdx/search/cdx?")
    for part in ("output=json", "filter=statuscode%3A200", "collapse=digest", "from=2019", "to=2020"):
        assert part in url
    assert "filter" not in cx.cdx_url(ARCHIVE, PROG, year=2019, only_ok=False)


@pytest.mark.parametrize("a, b, same", [
    ("https://www.x.fr/a", "http://x.fr/a/", True),
    ("https://www.x.fr/a", "https://www.x.fr/user/login?destination=a", False),
])
def test_same_page_ignores_scheme_and_www(a, b, same):
    assert same_page(a, b) is same


# -- the middleware, one request through its stages -----------------------------------------------

def _flow(mw: WaybackMiddleware, request: Request, answers: dict[str, tuple[int, bytes]]):
    """Drive ``request`` through the middleware, answering each URL from ``answers``; returns
    the response the spider gets (or raises what the middleware raises)."""
    out = mw.process_request(request)
    req = out or request
    for _ in range(20):
        status, body = answers[req.url]
        cls = TextResponse if "/cdx/" in req.url else HtmlResponse
        resp = cls(req.url, status=status, body=body, request=req, encoding="utf-8")
        got = mw.process_response(req, resp)
        if not isinstance(got, Request):
            return got
        req = mw.process_request(got) or got
    raise AssertionError("no end")


def _listing_request() -> Request:
    return Request(PROG, meta={EDITION: 2019, LISTING: True})


def test_a_page_is_read_from_its_nearest_usable_capture_under_its_own_url():
    mw = WaybackMiddleware(ARCHIVE)
    cdx = cx.cdx_url(ARCHIVE, PROG, year=2019)
    good = f"{ARCHIVE}/web/20191127030000id_/{PROG}"
    toolbar = f"{ARCHIVE}/web/20191204040000id_/{PROG}"
    answers = {cdx: (200, cdx_body(("20191127030000", "200", "A"), ("20191204040000", "200", "B"))),
               toolbar: (200, b"<html><body><!-- BEGIN WAYBACK TOOLBAR INSERT --></body></html>"),
               good: (200, b"<html><body><h1>Programme</h1></body></html>")}
    response = _flow(mw, _listing_request(), answers)
    assert response.url == PROG and response.status == 200
    wb = response.meta["wayback"]
    assert wb["timestamp"] == "20191127030000" and wb["memento"] == good
    assert wb["unusable"] == [("20191204040000", "an archive toolbar page")]


def test_a_page_without_a_status_200_capture_is_missing_with_the_reason():
    mw = WaybackMiddleware(ARCHIVE)
    answers = {cx.cdx_url(ARCHIVE, PROG, year=2019): (200, b"[]"),
               cx.cdx_url(ARCHIVE, PROG, year=2019, only_ok=False):
                   (200, cdx_body(("20191127030000", "503", "E")))}
    with pytest.raises(NotArchived, match=r"no capture with status 200 \(only 503\)"):
        _flow(mw, _listing_request(), answers)


def test_a_cdx_answer_that_is_not_json_stops_with_one_line():
    mw = WaybackMiddleware(ARCHIVE)
    answers = {cx.cdx_url(ARCHIVE, PROG, year=2019): (200, b"<html>busy</html>")}
    with pytest.raises(ArchiveUnusable, match="not JSON"):
        _flow(mw, _listing_request(), answers)


def test_with_at_the_capture_nearest_that_day_is_read():
    mw = WaybackMiddleware(ARCHIVE, at=cx.at_date("20191101"))
    cdx = cx.cdx_url(ARCHIVE, PROG, year=2019)
    early = f"{ARCHIVE}/web/20191030000000id_/{PROG}"
    answers = {cdx: (200, cdx_body(("20191030000000", "200", "A"), ("20191127030000", "200", "B"))),
               early: (200, b"<html><body>early</body></html>")}
    assert _flow(mw, _listing_request(), answers).meta["wayback"]["timestamp"] == "20191030000000"


def test_a_redirect_capture_to_another_url_is_set_aside():
    mw = WaybackMiddleware(ARCHIVE)
    cdx = cx.cdx_url(ARCHIVE, PROG, year=2019)
    near = f"{ARCHIVE}/web/20191127030000id_/{PROG}"
    login = f"{ARCHIVE}/web/20191127030000id_/{SITE}/user/login?destination=programme"
    far = f"{ARCHIVE}/web/20191101000000id_/{PROG}"
    answers = {cdx: (200, cdx_body(("20191101000000", "200", "A"), ("20191127030000", "200", "B"))),
               login: (404, b"not archived"), far: (200, b"<html><body>ok</body></html>")}
    mw_request = mw.process_request(_listing_request())
    memento = mw.process_response(mw_request, TextResponse(cdx, body=answers[cdx][1], request=mw_request))
    assert memento.url == near
    # the archive answered the near capture with a redirect the downloader followed to the login page
    followed = memento.replace(url=login)
    again = mw.process_response(followed, HtmlResponse(login, status=404, body=b"x", request=followed))
    assert again.meta["wayback"]["unusable"] == [("20191127030000", f"a redirect capture to {SITE}/user/login?destination=programme")]
    final = mw.process_request(again)
    assert final.url == far


class _Slot:
    def __init__(self) -> None:
        self.lastseen, self.delay = 0.0, 0.04


class _Downloader:
    def __init__(self) -> None:
        self.slots = {"archive.test": _Slot()}

    def get_slot_key(self, request) -> str:
        return "archive.test"


class _Crawler:
    def __init__(self) -> None:
        from scrapy.utils.test import get_crawler

        self.engine = type("Engine", (), {"downloader": _Downloader()})()
        self.stats = get_crawler().stats


@pytest.mark.parametrize(("retry_after", "held"), [(b"3", 3.0), (b"120", 30.0), (None, 1.0)])
def test_a_429_holds_the_whole_archive_slot_for_its_retry_after(retry_after, held):
    from time import monotonic

    crawler = _Crawler()
    mw = WaybackMiddleware(ARCHIVE, crawler=crawler, backoff_max=30.0)
    request = mw.process_request(_listing_request())
    headers = {"Retry-After": retry_after} if retry_after else {}
    before = monotonic()
    again = mw.process_response(request, TextResponse(request.url, status=429, headers=headers, request=request))
    assert isinstance(again, Request) and again.url == request.url and again.meta["wayback_429"] == 1
    slot = crawler.engine.downloader.slots["archive.test"]
    assert before + held - 0.05 <= slot.lastseen + slot.delay <= monotonic() + held
    assert crawler.stats.get_value("mipcrawl/wayback/rate_limited") == 1


def test_429s_beyond_the_limit_go_up_as_they_are():
    mw = WaybackMiddleware(ARCHIVE, max_429=2)
    request = mw.process_request(_listing_request())
    request.meta["wayback_429"] = 2
    response = TextResponse(request.url, status=429, request=request)
    assert mw.process_response(request, response) is response


@pytest.mark.parametrize(("heading", "error"), [
    ("Page non trouvée", True), ("Erreur 404 - Page non trouvée", True), ("Site en maintenance", True),
    ("Service temporairement indisponible", True), ("404", True),
    ("Atelier : la page non trouvée du service public", False), ("Erreur de parcours : un atelier", False),
    ("Forum des erreurs fécondes", False),
])
def test_an_error_page_is_recognised_by_its_heading_whatever_its_status(heading, error):
    body = f"<html><head><title>{heading} | site</title></head><body><h1>{heading}</h1></body></html>"
    response = HtmlResponse(SITE + "/x", body=body.encode(), encoding="utf-8")
    assert (error_page_reason(response) is not None) is error
