"""The layout-change check (issue 15): per-field coverage and strategy shares from the spider's
counts, compared with the edition's last healthy run — pure rules first, then through the run
recorder on SQLite and PostgreSQL (what the run record keeps, warn vs fail)."""

from __future__ import annotations

import pytest
from storage_fixtures import at, feed, item, listing, recorder

from storage.gate import GatePolicy
from storage.layout import LayoutPolicy, comparable, compare, figures, reference, shift, with_sample

POLICY = LayoutPolicy(shift=0.5, coverage_drop=0.10, min_pages=20, min_share=0.8)


def stats(n: int, **mix: dict[str, float]) -> dict[str, int]:
    """Strategy counts of ``n`` parsed pages: ``when_text={"label": 0.9, "none": 0.1}``."""
    out = {"mipcrawl/strategy/lab_name/dsfr": 99, "mipcrawl/store/new": 5}     # not event fields
    for field, shares in mix.items():
        for strategy, share in shares.items():
            out[f"mipcrawl/strategy/{field}/{strategy}"] = round(n * share)
    return out


def test_figures_are_shares_of_the_parsed_pages() -> None:
    got = figures(stats(40, title={"dsfr": 1.0}, when_text={"label": 0.75, "jsonld": 0.2, "none": 0.05}))
    assert got == {"parsed": 40, "fields": {
        "title": {"coverage": 1.0, "strategies": {"dsfr": 1.0}},
        "when_text": {"coverage": 0.95, "strategies": {"jsonld": 0.2, "label": 0.75, "none": 0.05}}}}


@pytest.mark.parametrize(("a", "b", "distance"), [
    ({"jsonld": 0.9, "label": 0.1}, {"label": 1.0}, 0.9),
    ({"label": 1.0}, {"label": 1.0}, 0.0),
    ({"a": 0.5, "b": 0.5}, {"c": 1.0}, 1.0),
    ({"label": 0.6, "attr": 0.4}, {"label": 0.4, "attr": 0.6}, 0.2),
])
def test_shift_is_the_total_variation_distance(a, b, distance) -> None:
    assert shift(a, b) == distance


YESTERDAY = figures(stats(100, when_text={"jsonld": 0.9, "label": 0.1}, title={"dsfr": 1.0},
                          place_text={"label": 0.95, "none": 0.05}))


@pytest.mark.parametrize(("today", "expected"), [
    (stats(100, when_text={"jsonld": 0.85, "label": 0.15}, title={"dsfr": 1.0}, place_text={"label": 0.93, "none": 0.07}),
     []),
    (stats(100, when_text={"label": 0.3, "fallback": 0.7}, title={"dsfr": 1.0}, place_text={"label": 0.95, "none": 0.05}),
     ["when_text strategies moved 90% (jsonld 90%, label 10% → fallback 70%, label 30%)"]),
    (stats(100, when_text={"jsonld": 0.9, "label": 0.1}, title={"dsfr": 1.0}, place_text={"label": 0.7, "none": 0.3}),
     ["place_text coverage fell from 95% to 70%"]),
    (stats(10, when_text={"fallback": 1.0}), []),       # too few pages parsed to say anything
])
def test_compare_says_what_moved(today, expected) -> None:
    assert compare(figures(today), YESTERDAY, POLICY) == expected


def by_edition(edition: int, counts: dict[str, int]) -> dict[str, int]:
    """The same counts as the spider keeps them per edition."""
    return {k.replace("mipcrawl/strategy/", f"mipcrawl/layout/{edition}/"): v for k, v in counts.items()
            if not k.startswith("mipcrawl/strategy/lab_")}


def test_figures_are_the_editions_own_when_counted_by_edition() -> None:
    counts = {**stats(30, title={"dsfr": 1.0}), **by_edition(2025, stats(10, title={"legacy": 1.0})),
              **by_edition(2026, stats(20, title={"dsfr": 1.0}))}
    assert figures(counts, 2025) == {"parsed": 10, "fields": {"title": {"coverage": 1.0, "strategies": {"legacy": 1.0}}}}
    assert figures(counts, 2026)["parsed"] == 20
    assert figures(counts, 2024) == {"parsed": 0, "fields": {}}         # nothing of 2024 parsed
    assert figures(stats(30, title={"dsfr": 1.0}), 2026)["parsed"] == 30   # no per-edition counts: the run's


# A run that re-read only some pages (an incremental night, the events an older parser read):
# a sample chosen by what changed, whose shares say nothing of the layout.
PARTIAL_FALL = stats(50, title={"dsfr": 1.0}, place_text={"label": 0.5, "none": 0.5})


@pytest.mark.parametrize(("parsed", "listed", "warned"), [
    (50, 100, False),     # half the edition parsed: not comparable
    (50, 400, False),
    (50, 62, True),       # 81 % of the listed pages: the whole edition, nearly
    (50, 50, True),
    (15, 15, False),      # every page, but too few of them
])
def test_only_a_comparable_sample_is_compared(parsed, listed, warned) -> None:
    today = with_sample(figures(stats(parsed, title={"dsfr": 1.0}, place_text={"label": 0.5, "none": 0.5})), listed)
    assert compare(today, YESTERDAY, POLICY) == (["place_text coverage fell from 95% to 50%"] if warned else [])
    assert comparable(today, POLICY) is warned
    assert reference(today, YESTERDAY, POLICY) == (today if warned else {**YESTERDAY, "carried": True})


def test_a_reference_that_was_no_comparable_sample_is_not_compared_with() -> None:
    first = with_sample(YESTERDAY, 400)           # a first run that read a quarter of the edition
    today = with_sample(figures(PARTIAL_FALL), 50)
    assert compare(today, first, POLICY) == []
    assert compare(today, with_sample(YESTERDAY, 100), POLICY) == ["place_text coverage fell from 95% to 50%"]


def test_nothing_is_compared_when_switched_off_or_without_a_reference() -> None:
    today = figures(stats(100, when_text={"fallback": 1.0}))
    assert compare(today, YESTERDAY, LayoutPolicy(action="off")) == []
    assert compare(today, None, POLICY) == []


def test_a_small_run_carries_its_reference_forward() -> None:
    small = figures(stats(5, when_text={"label": 1.0}))
    assert reference(small, YESTERDAY, POLICY) == {**YESTERDAY, "carried": True}
    assert reference(YESTERDAY, None, POLICY) == YESTERDAY
    assert reference(small, None, POLICY) == small


# -- through the recorder ------------------------------------------------------------------

PLAIN = stats(30, title={"dsfr": 1.0}, when_text={"label": 0.8, "jsonld": 0.2}, place_text={"label": 1.0})
WILD = stats(30, title={"legacy": 1.0}, when_text={"fallback": 0.6, "title": 0.4}, place_text={"label": 1.0})
FEW = stats(4, title={"legacy": 1.0}, when_text={"fallback": 1.0}, place_text={"label": 1.0})


def _run(db_url: str, day: int, run_stats: dict, listed: int = 3, **policy):
    """One run of the 2026 programme (three events seen, ``listed`` on its one listing page)
    closed with ``run_stats``."""
    items = [item(n) for n in range(3)]
    options = {"policy": GatePolicy(layout=LayoutPolicy(**policy))} if policy else {}
    rec = recorder(db_url, "2026", clock=lambda: at(day), **options)
    try:
        rec.open()
        feed(rec, listing([item(n).url for n in range(listed)]), *items)
        return rec.close(stats=run_stats)
    finally:
        rec.engine.dispose()


def test_a_layout_change_is_a_warning_on_the_day_it_happens(db_url: str) -> None:
    outcomes = [_run(db_url, day, s) for day, s in enumerate((PLAIN, FEW, WILD, FEW, WILD), start=2)]
    assert [o.status for o in outcomes] == ["healthy"] * 5
    assert [bool(o.warnings) for o in outcomes] == [False, False, True, False, False]
    assert outcomes[2].warnings == ["2026: layout changed: title strategies moved 100% (dsfr 100% → legacy 100%)",
                                    "2026: layout changed: when_text strategies moved 100% "
                                    "(label 80%, jsonld 20% → fallback 60%, title 40%)"]
    record = outcomes[2].gate["2026"]
    assert record["layout"]["parsed"] == 30 and record["layout"]["run"] == outcomes[2].run_id
    assert record["layout_warnings"] == [w.removeprefix("2026: layout changed: ") for w in outcomes[2].warnings]
    carried = outcomes[1].gate["2026"]["layout_reference"]
    assert carried["carried"] and carried["run"] == outcomes[0].run_id     # the small run kept day 0's


def test_with_fail_a_layout_change_makes_the_run_partial(db_url: str) -> None:
    _run(db_url, 2, PLAIN, action="fail")
    outcome = _run(db_url, 3, WILD, action="fail")
    assert outcome.status == "partial" and "layout changed: title strategies moved" in outcome.reason
    assert outcome.warnings


def test_a_run_that_parsed_part_of_the_edition_does_not_warn(db_url: str) -> None:
    """The nightly case: the whole edition read once (40 pages), then a night that parsed 24
    of its 40 pages (what changed, or what an older parser read) whose shares differ — no
    warning, the first run stays the reference — then a whole-edition night in a new layout."""
    plain = by_edition(2026, stats(40, title={"dsfr": 1.0}, access={"label": 0.6, "none": 0.4}))
    part = by_edition(2026, stats(24, title={"dsfr": 1.0}, access={"label": 0.25, "none": 0.75}))
    wild = by_edition(2026, stats(40, title={"legacy": 1.0}, access={"label": 0.6, "none": 0.4}))
    outcomes = [_run(db_url, day, s, listed=40) for day, s in ((2, plain), (3, part), (4, wild))]
    assert [o.warnings for o in outcomes[:2]] == [[], []]
    assert outcomes[2].warnings == ["2026: layout changed: title strategies moved 100% (dsfr 100% → legacy 100%)"]
    second = outcomes[1].gate["2026"]
    assert second["layout"]["sample"] == 0.6 and second["layout"]["parsed"] == 24
    assert second["layout_reference"]["run"] == outcomes[0].run_id and second["layout_reference"]["carried"]
