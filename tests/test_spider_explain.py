"""``mipcrawl inspect``'s explanation of a field (issue 15): every candidate the reader saw, where,
and why it lost — for pages that extract badly, written for each kind of miss."""

from __future__ import annotations

import json

import pytest
from cli_run import mipcrawl
from scrapy.http import HtmlResponse, Request

from spiders.extract.explain import explain, where
from spiders.extract.item import read_event
from spiders.extract.page import Page

URL = "https://agenda.example.gouv.fr/evenements/atelier"


def _explained(body: str, head: str = "") -> dict:
    html = f"<html><head><title>Atelier | Site</title>{head}</head><body>{body}</body></html>"
    response = HtmlResponse(url=URL, body=html.encode(), encoding="utf-8", request=Request(URL))
    item, _ = read_event(response, edition_hint=2024)
    return explain(Page(response), item)


def _why(found: dict, field: str, value: str) -> str:
    return next(c["why"] for c in found[field]["candidates"] if c["value"] == value)


CASES = [
    ("the site's name in an h1",
     '<div><h1><a href="/">Le Site</a></h1></div><div><h1>Atelier</h1></div>', "",       # no <main>: all is content
     "title", "Le Site", "skipped: the site's name"),
    ("a publication stamp line",
     "<main><h1>Atelier</h1><p>Publié le 3 octobre 2024</p><p>Le 14/11/2024 à 10h</p></main>", "",
     "when_text", "Publié le 3 octobre 2024", "skipped: a page stamp"),
    ("a byline time element",
     '<main><h1>Atelier</h1><p class="byline"><time class="published" datetime="2024-10-03">3 oct.</time></p>'
     "<p>Date : 14/11/2024</p></main>", "", "when_text", "2024-10-03", "skipped: the page's publication"),
    ("a registration deadline",
     "<main><h1>Atelier</h1><p>Date limite d'inscription : 4 novembre 2024</p><p>Le 14/11/2024</p></main>", "",
     "when_text", "Date limite d'inscription : 4 novembre 2024", "skipped: a registration deadline"),
    ("JSON-LD against a shown date",
     "<main><h1>Atelier</h1><p>Date : 14/11/2024 à 10h</p></main>",
     '<script type="application/ld+json">{"@type": "Event", "startDate": "2024-11-13"}</script>',
     "when_text", "2024-11-13", "skipped: JSON-LD is read only where the page shows nothing"),
    ("a later label with another value",
     "<main><h1>Atelier</h1><p>Organisateur : Ville de Brest</p><p>Contact : Préfecture</p></main>", "",
     "organiser", "Préfecture", "the label reading at label 'organisateur'"),
    ("a contact that is a number",
     "<main><h1>Atelier</h1><p>Contact : 02 98 00 00 00</p></main>", "",
     "organiser", "02 98 00 00 00", "skipped: a number or an address"),
    ("a line of the text after a labelled place",
     "<main><h1>Atelier</h1><p>Lieu : Mairie, 29200 Brest</p><p>Ce webinaire est aussi en ligne</p></main>", "",
     "place_text", "Ce webinaire est aussi en ligne", "the label reading at label 'lieu'"),
]


@pytest.mark.parametrize(("body", "head", "field", "value", "why"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_losing_candidate_says_why(body, head, field, value, why) -> None:
    assert why in _why(_explained(body, head), field, value)


def test_the_value_is_the_candidate_that_won() -> None:
    found = _explained("<main><h1>Atelier</h1><dl><dt>Lieu</dt><dd>Mairie, 29200 Brest</dd></dl></main>")
    [winner] = [c for c in found["place_text"]["candidates"] if c["why"] == "won"]
    assert (found["place_text"]["value"], found["place_text"]["strategy"]) == ("Mairie, 29200 Brest", "label")
    assert winner["where"] == "label 'lieu' (venue, dl) at main > dl > dd"


def test_where_is_a_short_path() -> None:
    response = HtmlResponse(url=URL, body=b"<html><body><main id='c'><div class='a b'><p>x</p></div></main></body></html>")
    assert where(response.xpath("//p")[0].root) == "main#c > div.a > p"


def test_inspect_prints_the_explanation(tmp_path) -> None:
    page = tmp_path / "page.html"
    page.write_text('<html><head><title>Atelier | Site</title></head><body><div><h1><a href="/">Le Site</a></h1>'
                    "</div><div><h1>Atelier</h1><p>Le jeudi 14 novembre 2024 à 10h</p></div></body></html>")
    shown = mipcrawl("inspect", str(page), "--edition", "2024")
    assert shown.returncode == 0, shown.stderr
    report = json.loads(shown.stdout)
    title = report["explain"]["title"]
    assert title["value"] == "Atelier" and title["candidates"][0]["why"].startswith("skipped: the site's name")
    assert report["explain"]["when_text"]["strategy"] == "fallback" and report["disagreements"] == []
