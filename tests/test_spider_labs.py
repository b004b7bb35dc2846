"""The labs spider: lab sheets of both URL patterns (golden items), index pages, failures."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
import scrapy
from golden import check_golden
from scrapy.http import HtmlResponse, Request, Response
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.test import get_crawler
from twisted.python.failure import Failure

from mipcrawl.items import FetchFailure, LabItem
from spiders import site
from spiders.extract.lab import read_lab
from spiders.labs import LabsSpider

FIXTURES = Path(__file__).parent / "fixtures"
BASE = "https://www.modernisation.gouv.fr"
FIXED_NOW = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)
SHEETS = "/campus-de-la-transformation-publique/laboratoires-innovation/"


@pytest.fixture
def spider() -> LabsSpider:
    crawler = get_crawler(LabsSpider, {"MIPCRAWL_BASE_URL": BASE})
    spider = LabsSpider.from_crawler(crawler)
    crawler.spider = spider
    spider.clock = lambda: FIXED_NOW
    return spider


def response(name: str, path: str) -> HtmlResponse:
    url = BASE + path
    return HtmlResponse(url=url, body=(FIXTURES / "pages" / name).read_bytes(), encoding="utf-8",
                        request=Request(url))


@pytest.mark.parametrize(("page", "path"), [
    ("lab_sheet.html", SHEETS + "laboratoire-du-centre-val-de-loire"),
    ("lab_legacy_sheet.html", "/laboratoires/etatlin"),
])
def test_lab_sheet_matches_golden(spider: LabsSpider, page: str, path: str) -> None:
    [item] = spider.parse_lab(response(page, path))
    assert isinstance(item, LabItem)
    data = json.loads(json.dumps(dataclasses.asdict(item), default=str, ensure_ascii=False))
    check_golden(page.replace(".html", ".json"), data)


def test_current_sheet_fields_and_related_cards_ignored(spider: LabsSpider) -> None:
    [item] = spider.parse_lab(response("lab_sheet.html", SHEETS + "x"))
    assert (item.name, item.region_text) == ("LAB'L", "Centre-Val-de-Loire")
    assert item.host == "Secrétariat Général pour les Affaires Régionales (SGAR) Centre-Val de Loire"
    assert item.created_text.startswith("Créé en 2022")
    assert list(item.sections) == ["Expertises et champs d'intervention", "Missions",
                                   "Périmètre d'intervention", "Exemples de projets"]
    assert item.sections["Expertises et champs d'intervention"] == (
        "- Design de politiques publiques\n- Facilitation d'ateliers")
    # the related card (Lab'O, "Créé en 2019") and the footer ("Créé en 1998") are not this lab
    assert "Lab'O" not in json.dumps(item.sections, ensure_ascii=False)
    assert "2019" not in item.created_text and "1998" not in item.created_text
    assert spider.crawler.stats.get_value("mipcrawl/strategy/lab_host/dsfr") == 1


def test_overview_links_every_sheet_of_both_patterns_once(spider: LabsSpider) -> None:
    path = site.LABS_OVERVIEW_PATH
    requests = list(spider.parse_index(response("labs_overview.html", path)))
    assert all(isinstance(r, scrapy.Request) and r.callback == spider.parse_lab for r in requests)
    assert [r.url for r in requests] == [
        BASE + SHEETS + "laboratoire-du-centre-val-de-loire",
        BASE + SHEETS + "laboratoire-doccitanie-labo",
        BASE + "/laboratoires/etatlin",
    ]   # menus, the index itself and external sites are not lab sheets


def test_start_reads_overview_and_atlas() -> None:
    crawler = get_crawler(LabsSpider, {"MIPCRAWL_BASE_URL": "http://127.0.0.1:9"})
    spider = LabsSpider.from_crawler(crawler)

    async def collect():
        return [r.url async for r in spider.start()]

    assert asyncio.run(collect()) == ["http://127.0.0.1:9" + site.LABS_OVERVIEW_PATH,
                                      "http://127.0.0.1:9/laboratoires"]


def test_missing_sheet_and_non_html_are_fetch_failures(spider: LabsSpider) -> None:
    url = BASE + "/laboratoires/disparu"
    gone = HtmlResponse(url=url, status=410, body=b"", request=Request(url))
    failure = Failure(HttpError(gone))
    failure.request = Request(url)
    [item] = spider.lab_failed(failure)
    assert item == FetchFailure(url=url, kind="lab", reason="HTTP 410", http_status=410)
    pdf = Response(url=url, body=b"%PDF-1.7", headers={"Content-Type": "application/pdf"}, request=Request(url))
    [item] = spider.parse_lab(pdf)
    assert (item.kind, item.reason) == ("lab", "non-HTML body (application/pdf)")


LEADS = [
    ("Créé en 2022, le LAB'L est porté par le SGAR Centre-Val de Loire.", "Créé en 2022, le LAB'L est porté par le "
     "SGAR Centre-Val de Loire", "SGAR Centre-Val de Loire"),
    ("Créée en 2019, La Fabrique RH est hébergée par la PFRH de Bourgogne-Franche-Comté.",
     "Créée en 2019, La Fabrique RH est hébergée par la PFRH de Bourgogne-Franche-Comté",
     "PFRH de Bourgogne-Franche-Comté"),
    ("Le SIILAB, lancé en 2016, est rattaché à la DRJSCS. Il accompagne les services.",
     "Le SIILAB, lancé en 2016, est rattaché à la DRJSCS", "DRJSCS"),
    ("Installé auprès du SGAR, le Lab'EST a été créé en 2018 et est co-porté par le SGAR Grand Est et la Région.",
     "Installé auprès du SGAR, le Lab'EST a été créé en 2018 et est co-porté par le SGAR Grand Est et la Région",
     "SGAR Grand Est et la Région"),
    ("Un laboratoire d'innovation au service des agents publics de la région.", None, None),
]


@pytest.mark.parametrize(("lead", "created", "host"), LEADS)
def test_created_and_host_read_from_the_lead(lead: str, created: str | None, host: str | None) -> None:
    body = (f"<html><body><main><h1 class='fr-h1'>Laboratoire de Bretagne - Ti Lab</h1>"
            f"<p class='fr-text--lead'>{lead}</p></main></body></html>").encode()
    url = BASE + SHEETS + "laboratoire-de-bretagne-ti-lab"
    item = read_lab(HtmlResponse(url=url, body=body, encoding="utf-8", request=Request(url)))
    assert (item.created_text, item.host) == (created, host)
    assert (item.name, item.region_text, item.lead) == ("Ti Lab", "Bretagne", lead)
