"""The crawl command's plumbing: progress figures, outcomes and exit codes, argument checks."""

from __future__ import annotations

import io

import pytest

from mipcrawl.cli.commands.crawl import parse_settings
from mipcrawl.cli.errors import CommandError, ExitCode
from mipcrawl.cli.progress import Progress, format_line, summarize
from mipcrawl.cli.runner import CrawlOutcome, crawl_settings, worst_exit_code
from mipcrawl.scope import RunScope


def test_summarize_adds_up_every_crawler():
    stats = [
        {"response_received_count": 10, "mipcrawl/items/event": 7, "log_count/ERROR": 1},
        {"response_received_count": 5, "mipcrawl/items/lab": 3, "mipcrawl/fetch_failures": 2,
         "downloader/response_status_count/304": 4, "retry/count": 2},
    ]
    assert summarize(stats) == {
        "pages": 15, "not_modified": 4, "events": 7, "labs": 3, "errors": 3, "retries": 2,
    }


def test_progress_prints_plain_lines_off_a_terminal():
    out = io.StringIO()
    progress = Progress(lambda: [{"response_received_count": 3}], stream=out, interval=0)
    progress.tick()
    progress.finish()
    lines = out.getvalue().splitlines()
    assert len(lines) == 2 and all("pages 3" in line for line in lines)
    assert "\r" not in out.getvalue()


def test_format_line_mentions_304_and_retries_only_when_present():
    base = dict.fromkeys(("pages", "not_modified", "events", "labs", "errors", "retries"), 0)
    assert "304" not in format_line(base, 1.0)
    assert "unchanged(304) 5" in format_line({**base, "not_modified": 5}, 1.0)


@pytest.mark.parametrize(
    ("stats", "status", "code"),
    [
        ({"mipcrawl/run_status": "healthy"}, "healthy", ExitCode.OK),
        ({"mipcrawl/run_status": "partial", "mipcrawl/gate_reason": "2 listing pages missing"}, "partial", ExitCode.PARTIAL),
        ({"mipcrawl/run_status": "locked"}, "locked", ExitCode.LOCKED),
        ({"mipcrawl/run_status": "failed"}, "failed", ExitCode.ERROR),
        ({"finish_reason": "finished"}, "healthy", ExitCode.OK),
        ({"finish_reason": "finished", "log_count/ERROR": 2}, "failed", ExitCode.ERROR),
        ({"finish_reason": "shutdown"}, "failed", ExitCode.ERROR),
        ({"mipcrawl/run_status": "healthy", "mipcrawl/layout_warnings": ["2026: layout changed: title …"]},
         "healthy", ExitCode.LAYOUT),
        ({"mipcrawl/run_status": "healthy", "mipcrawl/layout_warnings": []}, "healthy", ExitCode.OK),
        ({"mipcrawl/run_status": "partial", "mipcrawl/layout_warnings": ["2026: …"]}, "partial", ExitCode.PARTIAL),
    ],
)
def test_outcome_status_and_exit_code(stats, status, code):
    outcome = CrawlOutcome(RunScope.programme(2024), stats)
    assert (outcome.status, outcome.exit_code) == (status, code)


def test_worst_exit_code_prefers_errors_over_partial_over_ok():
    def out(s):
        return CrawlOutcome(RunScope.labs(), {"mipcrawl/run_status": s})

    assert worst_exit_code([out("healthy"), out("partial")]) == ExitCode.PARTIAL
    layout = CrawlOutcome(RunScope.programme(2026), {"mipcrawl/run_status": "healthy",
                                                     "mipcrawl/layout_warnings": ["2026: layout changed: x"]})
    assert worst_exit_code([out("healthy"), layout]) == ExitCode.LAYOUT
    assert worst_exit_code([layout, out("partial")]) == ExitCode.PARTIAL
    assert worst_exit_code([out("partial"), out("failed"), out("locked")]) == ExitCode.ERROR
    assert worst_exit_code([]) == ExitCode.OK


def _crawler_settings(settings):
    from scrapy.crawler import Crawler

    from spiders.programme import ProgrammeSpider

    return Crawler(ProgrammeSpider, settings).settings


def test_crawl_settings_drop_politeness_delays_only_on_loopback(tmp_path):
    local = _crawler_settings(crawl_settings(base_url="http://127.0.0.1:8000", db_url="sqlite://",
                                             data_dir=tmp_path, argv=["x"]))
    real = _crawler_settings(crawl_settings(base_url="https://www.modernisation.gouv.fr", db_url="sqlite://",
                                            data_dir=tmp_path, argv=["x"]))
    assert local.getfloat("DOWNLOAD_DELAY") == 0 and not local.getbool("AUTOTHROTTLE_ENABLED")
    assert real.getfloat("DOWNLOAD_DELAY") >= 1 and real.getbool("AUTOTHROTTLE_ENABLED")
    assert real.getbool("ROBOTSTXT_OBEY") and "mipcrawl" in real.get("USER_AGENT")


@pytest.mark.parametrize(("base_url", "delay", "autothrottle"), [
    ("http://127.0.0.1:8765", 0.0, False),        # -s MIPCRAWL_BASE_URL=… or Scrapyd's setting=
    ("http://localhost:8765", 0.0, False),
    ("https://www.modernisation.gouv.fr", 1.0, True),
])
def test_a_base_url_given_as_a_setting_sets_the_politeness(base_url, delay, autothrottle):
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("mipcrawl.settings", priority="project")
    settings.set("MIPCRAWL_BASE_URL", base_url, priority="cmdline")
    got = _crawler_settings(settings)
    assert (got.getfloat("DOWNLOAD_DELAY"), got.getbool("AUTOTHROTTLE_ENABLED")) == (delay, autothrottle)


def test_a_delay_given_on_the_command_line_wins_over_the_loopback_default():
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("mipcrawl.settings", priority="project")
    settings.setdict({"MIPCRAWL_BASE_URL": "http://127.0.0.1:1", "DOWNLOAD_DELAY": 2.5}, priority="cmdline")
    assert _crawler_settings(settings).getfloat("DOWNLOAD_DELAY") == 2.5


def test_run_command_is_recorded_without_password(tmp_path):
    settings = crawl_settings(
        base_url="http://127.0.0.1:1", db_url="postgresql://u:pw@h/d", data_dir=tmp_path,
        argv=["mipcrawl", "crawl", "--db", "postgresql://u:pw@h/d"],
    )
    assert "pw" not in settings.get("MIPCRAWL_RUN_COMMAND")
    assert "u:***@h/d" in settings.get("MIPCRAWL_RUN_COMMAND")


@pytest.mark.parametrize("bad", ["NOEQUALS", "=value"])
def test_bad_set_is_a_usage_error(bad):
    with pytest.raises(CommandError) as err:
        parse_settings([bad])
    assert err.value.code == ExitCode.USAGE


def test_summary_shows_store_counts_per_edition_and_labs():
    from mipcrawl.cli.summary import figures, render

    stats = {"mipcrawl/store/new": 3, "mipcrawl/store/changed": 2, "mipcrawl/store/unchanged": 5,
             "mipcrawl/normalize/when_unparsed": 1, "mipcrawl/run_status": "healthy"}
    assert figures(stats) == {"seen": 10, "new": 3, "changed": 2, "unchanged": 5, "withdrawn": 0,
                              "dates?": 1, "places?": 0}
    outcomes = [
        CrawlOutcome(RunScope.programme(2024), stats),
        CrawlOutcome(RunScope.programme(2025),
                     {"mipcrawl/run_status": "partial", "mipcrawl/gate_reason": "page 3 missing"}),
        CrawlOutcome(RunScope.labs(), {"mipcrawl/store/new": 16, "mipcrawl/store/relinked": 374,
                                       "mipcrawl/run_status": "healthy"}),
    ]
    text = render(outcomes, db_url="postgresql://u:secret@h/d", elapsed=1.5)
    assert "partial (page 3 missing)" in text
    assert "labs: 16 pages seen (16 new, 0 changed), lab links of 374 stored event(s) updated, run healthy" in text
    assert "secret" not in text and "u:***@h/d" in text
    total = next(line for line in text.splitlines() if line.strip().startswith("total"))
    assert total.split()[1:3] == ["10", "3"]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["crawl", "--edition", "1999"], ExitCode.USAGE, "unknown edition '1999'"),
        (["crawl", "programme", "--edition", "next"], ExitCode.USAGE, "unknown edition 'next'"),
        (["crawl", "--db", "postgresql+psycopg://nobody:pw@127.0.0.1:1/none"], ExitCode.ERROR,
         "database unreachable"),
        (["crawl", "--db", "not-a-url"], ExitCode.ERROR, "not a database URL"),
        (["crawl", "-s", "NOEQUALS", "--db", "sqlite://"], ExitCode.USAGE, "bad --set"),
        (["crawl", "--base-url", "notaurl", "--db", "sqlite://"], ExitCode.USAGE, "http(s) URL"),
        (["crawl", "labs", "--edition", "2024", "--db", "sqlite://"], ExitCode.USAGE, "labs have no edition"),
        (["crawl", "--base-url", "ftp://x", "--db", "sqlite://"], ExitCode.USAGE, "http(s) URL"),
        (["demo", "--db", "postgresql+psycopg://nobody:pw@127.0.0.1:1/none"], ExitCode.ERROR,
         "database unreachable"),
    ],
)
def test_crawl_refuses_bad_requests_with_one_line(args, code, message, capsys, tmp_path):
    from mipcrawl.cli import main

    assert main([*args, "--data-dir", str(tmp_path)]) == code
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and message in err[0], err
    assert "pw" not in err[0]


@pytest.mark.parametrize("setting, code, message", [
    ("MIPCRAWL_STORE_BATCH_SIZE=abc", ExitCode.USAGE, "not a whole number"),   # typed default: checked first
    ("MIPCRAWL_TODAY=junk", ExitCode.ERROR, "labs: failed — ValueError"),     # read by the crawler
])
def test_a_crawl_that_cannot_start_fails_with_one_line_and_ends(setting, code, message, tmp_path):
    """A bad setting is refused before the crawl (a value that does not read as its default's
    type) or while the crawler is built: the run must fail and the process end (it once kept
    the reactor running forever)."""
    from cli_run import mipcrawl

    proc = mipcrawl("crawl", "labs", "--base-url", "http://127.0.0.1:9", "--db",
                    f"sqlite:///{tmp_path / 'db.sqlite'}", "--data-dir", str(tmp_path), "--no-progress",
                    "-s", setting, timeout=120)
    assert proc.returncode == code
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr


def test_database_follows_the_environment_even_with_a_data_dir(tmp_path, monkeypatch):
    from mipcrawl.cli.jobs import locations

    monkeypatch.setenv("MIPCRAWL_DATABASE_URL", "postgresql+psycopg://team@db/mip")
    assert locations(str(tmp_path / "d"), None) == (tmp_path / "d", "postgresql+psycopg://team@db/mip")
    assert locations(str(tmp_path / "d"), "sqlite:///x.db")[1] == "sqlite:///x.db"
    monkeypatch.delenv("MIPCRAWL_DATABASE_URL")
    assert locations(str(tmp_path / "d"), None)[1] == f"sqlite:///{tmp_path / 'd' / 'mipcrawl.sqlite'}"


def test_a_data_dir_that_is_a_file_is_a_one_line_error(tmp_path, capsys):
    from mipcrawl.cli import main

    afile = tmp_path / "afile"
    afile.write_text("x")
    code = main(["crawl", "--data-dir", str(afile), "--db", f"sqlite:///{tmp_path / 'db.sqlite'}"])
    assert code == ExitCode.ERROR
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "data directory" in err[0]
