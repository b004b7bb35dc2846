"""Issue 15's listing rules: rows of data tables and definition lists, "read more" links,
page menus, and feeds (infinite scroll) — small listing pages written for each rule."""

from __future__ import annotations

import json

import pytest
from scrapy.http import HtmlResponse, Request, TextResponse

from mipcrawl.editions import select
from spiders.extract.listing import read_feed, read_listing
from spiders.site import site_origin

BASE = "https://www.modernisation.gouv.fr"
LISTING = BASE + "/mois-de-linnovation-publique/programme-2024"
EDITION = next(e for e in select("all") if e.year == 2024)
A, B = "/mois-de-linnovation-publique/atelier-a", "/mois-de-linnovation-publique/atelier-b"


def listing(body: str, url: str = LISTING):
    html = f"<html><body><main><h1>Programme</h1>{body}</main></body></html>"
    return read_listing(HtmlResponse(url=url, body=html.encode(), encoding="utf-8", request=Request(url)),
                        EDITION, site=site_origin(BASE))


EVENTS = [
    ("rows of a data table", f"<table><thead><tr><th>Titre</th><th>Date</th></tr></thead><tbody>"
                             f"<tr><td><a href='{A}'>A</a></td><td>4/11</td></tr><tr><td><a href='{B}'>B</a></td>"
                             "<td>5/11</td></tr></tbody></table>", [A, B]),
    ("terms of a definition list", f"<dl><dt><a href='{A}'>A</a></dt><dd>4/11</dd><dt><a href='{B}'>B</a></dt></dl>",
     [A, B]),
    ("a 'read more' link is its block's link", f"<div><h3>A</h3><p><a href='{A}'>En savoir plus<span> sur A</span>"
                                               f"</a></p></div><div><h3>B</h3><a href='{B}'>Lire la suite ›</a></div>",
     [A, B]),
    ("relative links resolve against the listing", "<ul><li><a href='atelier-a'>A</a></li>"
                                                   "<li><a href='./atelier-b#x'>B</a></li></ul>", [A, B]),
    ("Bootstrap cards and their h5 titles", f"<div class='card'><div class='card-body'><h5 class='card-title'>"
                                            f"<a href='{A}'>A</a></h5></div></div>", [A]),
    ("a title beginning like a 'read more' text is not one",
     f"<ul><li><a href='{A}'>Découvrir la donnée</a></li><li><a href='{B}'>Détails du RGPD</a></li></ul>"
     "<p><a href='/mois-de-linnovation-publique'>Découvrir le concept</a></p>", [A, B]),
    ("links of a layout table are no rows", f"<table><tr><td><p>Voir <a href='{A}'>le concept</a> et plus.</p></td>"
                                            "</tr></table>", []),
]


@pytest.mark.parametrize(("body", "expected"), [c[1:] for c in EVENTS], ids=[c[0] for c in EVENTS])
def test_event_links(body: str, expected: list[str]) -> None:
    assert listing(body).event_urls == [BASE + p for p in expected]


def test_a_page_menu_gives_the_last_page() -> None:
    found = listing("<form><select name='page'><option value='0'>1</option><option value='1'>2</option>"
                    "<option value='2' selected>3</option></select></form>")
    assert found.last_page == 2
    assert found.page_urls == [LISTING + "?page=1", LISTING + "?page=2"]


@pytest.mark.parametrize(("attrs", "expected"), [
    ('data-infinite-url="/api/evenements/2024?page=1"', [BASE + "/api/evenements/2024?page=1"]),
    ('data-next-href="https://www.modernisation.gouv.fr/views/ajax?page=2"', [BASE + "/views/ajax?page=2"]),
    ('data-url="https://tracker.example.com/x"', []),          # another site
    ('data-src="/img/carte.png" data-title="x"', [BASE + "/img/carte.png"]),
    ('data-label="/pas une url"', []),
])
def test_feed_urls_are_named_by_data_attributes(attrs: str, expected: list[str]) -> None:
    assert listing(f"<div class='view-content' {attrs}></div>").feed_urls == expected


def feed(data, url: str = BASE + "/api/evenements/2024?page=1"):
    body = json.dumps(data).encode()
    return read_feed(TextResponse(url=url, body=body, encoding="utf-8", headers={"Content-Type": "application/json"}),
                     site=site_origin(BASE))


@pytest.mark.parametrize(("data", "events", "pages", "last"), [
    ({"items": [{"title": "A", "url": A}, {"title": "B", "url": B}], "next": "/api/evenements/2024?page=2"},
     [A, B], ["/api/evenements/2024?page=2"], None),
    ({"data": {"rows": [{"node": {"path": {"alias": A}}}]}, "pager": {"next_page": None}, "total_pages": 3},
     [A], ["/api/evenements/2024", "/api/evenements/2024?page=2"], 2),
    ({"results": [{"link": BASE + B, "image": "/img/b.png"}], "last_page": 1}, [B], ["/api/evenements/2024"], 1),
    ([{"href": A}, {"href": "/actualites/une-actu"}], [A], [], None),
])
def test_a_json_feed_gives_its_records_links_and_its_pages(data, events, pages, last) -> None:
    found = feed(data)
    assert found.event_urls == [BASE + p for p in events]
    assert found.page_urls == [BASE + p for p in pages]
    assert found.last_page == last


def test_a_feed_that_is_no_json_gives_nothing() -> None:
    url = BASE + "/api/evenements/2024"
    assert read_feed(TextResponse(url=url, body=b"<html>", encoding="utf-8")) is None
