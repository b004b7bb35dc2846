"""Issue 15 acceptance: the crawl notices when the site's layout changes.

The replica serves November 2026 plain until day 12 and in wild layouts from day 12 on
(``wild_from_day=12``). One crawl of the 2026 programme a day, into one database: the crawl of
day 12 warns (summary line, exit code 6, the run record's figures), those of days 10, 11 and
13 do not — day 13 also with every page parsed again (``MIPCRAWL_REFRESH``), so the quiet is
not only for lack of changed pages. ``mipcrawl runs --detail`` shows the figures.
"""

from __future__ import annotations

import re

import pytest
from cli_run import mipcrawl
from receivers import answering

import replica

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

SWITCH = 12


@pytest.fixture(scope="module")
def nights(tmp_path_factory) -> tuple[list, str]:
    work = tmp_path_factory.mktemp("layout")
    site = replica.build_site(work / "site", seed=2, events_per_edition=40, day=10, wild=5, wild_from_day=SWITCH)
    db = f"sqlite:///{work / 'db.sqlite'}"
    out = []
    with replica.serve(site) as base_url, answering(200) as (hook, received):
        for day, extra in ((10, []), (11, []), (SWITCH, []), (13, []), (13, ["-s", "MIPCRAWL_REFRESH=1"])):
            replica.set_day(base_url, day)
            out.append(mipcrawl("crawl", "programme", "--edition", "2026", "--base-url", base_url, "--db", db,
                                "--data-dir", str(work), "--no-progress", "--notify", hook,
                                "--notify-on", "always", *extra))
            out[-1].webhook = [r["body"] for r in received[len(out) - 1:]]
    return out, db


def test_the_switch_day_warns_and_exits_6(nights) -> None:
    runs, _ = nights
    assert [r.returncode for r in runs] == [0, 0, 6, 0, 0], [r.stderr[-800:] for r in runs]
    warned = [bool(re.search(r"^warning: 2026: layout changed: \w+ strategies moved", r.stderr, re.M)) for r in runs]
    assert warned == [False, False, True, False, False]
    assert "mipcrawl runs --detail 3; exit code 6" in runs[2].stderr


def test_runs_detail_shows_the_figures_and_what_moved(nights) -> None:
    _, db = nights
    shown = mipcrawl("runs", "--detail", "3", "--db", db)
    assert shown.returncode == 0, shown.stderr
    text = shown.stdout
    assert re.search(r"^run 3  programme 2026  healthy", text, re.M)
    assert re.search(r"^  layout: \d+ event pages parsed", text, re.M)
    assert re.search(r"^  title\s+100%  \w+ \d+%", text, re.M)
    assert re.search(r"^  layout changed: when_text strategies moved \d+%", text, re.M)
    quiet = mipcrawl("runs", "--detail", "5", "--db", db)
    assert "layout changed" not in quiet.stdout and "layout:" in quiet.stdout


def test_runs_detail_of_an_unknown_run_is_a_usage_error(nights) -> None:
    _, db = nights
    shown = mipcrawl("runs", "--detail", "99", "--db", db)
    assert shown.returncode == 2 and "no run 99" in shown.stderr


def test_the_webhook_message_lists_the_warnings_of_the_switch_day_only(nights) -> None:
    """The detector's warnings reach ``--notify`` (stats ``mipcrawl/layout_warnings``), as the
    crawl's own warning lines say them."""
    runs, _ = nights
    assert [len(r.webhook) for r in runs] == [1] * 5
    listed = [{f["title"]: f["value"] for f in r.webhook[0]["attachments"][0]["fields"]}.get("layout warnings")
              for r in runs]
    assert [bool(x) for x in listed] == [False, False, True, False, False]
    said = re.findall(r"^warning: (2026: layout changed: .*)$", runs[2].stderr, re.M)
    assert said and listed[2].splitlines() == said
    assert "(exit 6)" in runs[2].webhook[0]["text"]
