"""StorePipeline built the Scrapy way (get_crawler + build_from_crawler), on both databases."""

from __future__ import annotations

import pytest
from scrapy import Spider, signals
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler
from storage_fixtures import events, item, listing

from mipcrawl.items import FetchFailure, LabItem
from mipcrawl.scope import RunScope
from pipelines.store import StorePipeline


class ProgrammeSpider(Spider):
    name = "programme"
    run_scope = RunScope.programme(2026)


def _pipeline(db_url, **settings):
    crawler = get_crawler(ProgrammeSpider, {"MIPCRAWL_DATABASE_URL": db_url, **settings})
    crawler.spider = ProgrammeSpider(edition="2026")
    return crawler, build_from_crawler(StorePipeline, crawler)


def _run(db_url, items, reason="finished", **settings):
    crawler, pipe = _pipeline(db_url, **settings)
    pipe.open_spider()
    for it in items:
        pipe.process_item(it)
    pipe.close_spider()
    crawler.signals.send_catch_log(signals.spider_closed, spider=crawler.spider, reason=reason)
    return crawler.stats.get_stats()


def test_settings_are_read_from_the_crawler(db_url):
    _, pipe = _pipeline(db_url, MIPCRAWL_STORE_BATCH_SIZE=7, MIPCRAWL_GATE_MAX_DROP="0.5", MIPCRAWL_LOCK_WAIT=2)
    assert (pipe.db_url, pipe.batch_size, pipe.policy.max_drop, pipe.lock_wait) == (db_url, 7, 0.5, 2.0)


def test_store_can_be_switched_off(tmp_path):
    crawler = get_crawler(ProgrammeSpider, {"MIPCRAWL_STORE_ENABLED": False})
    with pytest.raises(NotConfigured):
        build_from_crawler(StorePipeline, crawler)


def test_a_run_stores_events_and_publishes_its_outcome(db_url):
    urls = [item(n).url for n in range(12)]
    stats = _run(db_url, [listing(urls), *(item(n) for n in range(12))], MIPCRAWL_STORE_BATCH_SIZE=5)
    assert stats["mipcrawl/run_status"] == "healthy" and stats["mipcrawl/gate_reason"] == ""
    assert stats["mipcrawl/run_id"] == 1 and stats["mipcrawl/store/new"] == 12
    assert len(events(db_url)) == 12
    again = _run(db_url, [listing(urls), *(item(n) for n in range(12))])
    assert again["mipcrawl/store/unchanged"] == 12 and again["mipcrawl/run_id"] == 2


def test_a_failed_listing_page_makes_the_run_partial(db_url):
    failure = FetchFailure(url="https://x/programme?page=1", kind="listing", reason="HTTP 500", edition=2026)
    stats = _run(db_url, [listing([item(1).url], last_page=1), failure, item(1)])
    assert stats["mipcrawl/run_status"] == "partial"
    assert "listing page(s) failed" in stats["mipcrawl/gate_reason"]


def test_an_interrupted_crawl_is_partial(db_url):
    stats = _run(db_url, [listing([item(1).url]), item(1)], reason="shutdown")
    assert stats["mipcrawl/run_status"] == "partial"


def test_second_crawl_of_the_same_edition_is_refused_with_locked(db_url):
    _, first = _pipeline(db_url)
    first.open_spider()
    crawler, second = _pipeline(db_url)
    second.open_spider()
    stats = crawler.stats.get_stats()
    assert stats["mipcrawl/run_status"] == "locked" and "edition:2026" in stats["mipcrawl/gate_reason"]
    with pytest.raises(DropItem):
        second.process_item(item(1))
    first.close_spider()
    first.finish("finished")


def test_unreachable_database_refuses_in_one_line(caplog):
    crawler, pipe = _pipeline("postgresql+psycopg://bob:hunter2@127.0.0.1:1/x")
    pipe.open_spider()
    stats = crawler.stats.get_stats()
    assert stats["mipcrawl/run_status"] == "error"
    assert "hunter2" not in stats["mipcrawl/gate_reason"] and "\n" not in stats["mipcrawl/gate_reason"]
    assert "hunter2" not in caplog.text


class LabsSpider(Spider):
    name = "labs"
    run_scope = RunScope.labs()


def _lab_run(db_url, *labs):
    crawler = get_crawler(LabsSpider, {"MIPCRAWL_DATABASE_URL": db_url})
    crawler.spider = LabsSpider()
    pipe = build_from_crawler(StorePipeline, crawler)
    pipe.open_spider()
    for lab in labs:
        pipe.process_item(lab)
    pipe.close_spider()
    crawler.signals.send_catch_log(signals.spider_closed, spider=crawler.spider, reason="finished")
    return crawler.stats.get_stats()


ETATLIN = LabItem(url="https://www.modernisation.gouv.fr/laboratoires/etatlin", name="Etat'LIN", region_code="52")


def test_labs_are_stored_and_unchanged_on_rerun(tmp_path):
    db_url = f"sqlite:///{tmp_path / 'labs.sqlite'}"
    first, second = _lab_run(db_url, ETATLIN), _lab_run(db_url, ETATLIN)
    assert (first["mipcrawl/run_status"], first["mipcrawl/store/new"]) == ("healthy", 1)
    assert second["mipcrawl/store/unchanged"] == 1


def test_a_lab_run_says_how_many_stored_events_it_linked_again(db_url, capsys):
    """Where a data team looks: the crawl's stats and summary line, the run record
    (``mipcrawl runs --detail``)."""
    from mipcrawl.cli import main
    from mipcrawl.cli.runner import CrawlOutcome
    from mipcrawl.cli.summary import render
    from pipelines.normalize import normalize_event

    _run(db_url, [listing([item(n).url for n in range(3)]), normalize_event(item(0, organiser="Etat'LIN")),
                  normalize_event(item(1, organiser="Lab Etat'LIN")), normalize_event(item(2))])
    changed, unchanged = _lab_run(db_url, ETATLIN), _lab_run(db_url, ETATLIN)
    assert (changed["mipcrawl/store/relinked"], unchanged["mipcrawl/store/relinked"]) == (2, 0)
    summary = render([CrawlOutcome(RunScope.labs(), changed)], db_url=db_url, elapsed=1.0)
    assert "labs: 1 page seen (1 new, 0 changed), lab links of 2 stored event(s) updated, run healthy" in summary
    for run, relinked in ((changed["mipcrawl/run_id"], 2), (unchanged["mipcrawl/run_id"], 0)):
        assert main(["runs", "--db", db_url, "--detail", str(run)]) == 0
        counts = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("counts: "))
        assert f"errors 0 · relinked {relinked}" in counts, counts


def test_database_failures_mid_run_are_counted_and_reported(tmp_path, monkeypatch):
    from sqlalchemy.exc import OperationalError

    from storage import runs

    def broken(*args, **kwargs):
        raise OperationalError("UPDATE event", {}, Exception("disk I/O error"))

    crawler, pipe = _pipeline(f"sqlite:///{tmp_path / 'x.sqlite'}", MIPCRAWL_STORE_BATCH_SIZE=2)
    pipe.open_spider()
    monkeypatch.setattr(pipe.recorder.store, "ingest", broken)
    for n in range(4):
        pipe.process_item(item(n))
    assert pipe.recorder.ctx.counts["errors"] == 4          # two failed batches, counted, not raised
    monkeypatch.setattr(runs, "finish_run", broken)
    pipe.close_spider()
    crawler.signals.send_catch_log(signals.spider_closed, spider=crawler.spider, reason="finished")
    stats = crawler.stats.get_stats()
    assert stats["mipcrawl/run_status"] == "failed" and "disk I/O error" in stats["mipcrawl/gate_reason"]


def test_database_url_defaults_to_the_configured_one(tmp_path, monkeypatch):
    monkeypatch.setenv("MIPCRAWL_DATABASE_URL", f"sqlite:///{tmp_path / 'env.sqlite'}")
    crawler = get_crawler(ProgrammeSpider, {"MIPCRAWL_DATABASE_URL": None})
    assert build_from_crawler(StorePipeline, crawler).db_url == f"sqlite:///{tmp_path / 'env.sqlite'}"
