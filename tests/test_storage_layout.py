"""The layout-change check (issue 15): per-field coverage and strategy shares from the spider's
counts, compared with the edition's last healthy run — pure rules first, then through the run
recorder on SQLite and PostgreSQL (what the run record keeps, warn vs fail)."""

from __future__ import annotations

import pytest
from storage_fixtures import at, feed, item, listing, recorder

from storage.gate import GatePolicy
from storage.layout import LayoutPolicy, compare, figures, reference, shift

POLICY = LayoutPolicy(shift=0.5, coverage_drop=0.10, min_pages=20)


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


def _run(db_url: str, day: int, run_stats: dict, **policy):
    """One run of the 2026 programme (three events, one listing page) closed with ``run_stats``."""
    items = [item(n) for n in range(3)]
    options = {"policy": GatePolicy(layout=LayoutPolicy(**policy))} if policy else {}
    rec = recorder(db_url, "2026", clock=lambda: at(day), **options)
    try:
        rec.open()
        feed(rec, listing([i.url for i in items]), *items)
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
