"""Texts that once raised or were read wrong without a word (found in review)."""

from __future__ import annotations

import datetime as dt

import pytest

from parsers.dates import parse_when


@pytest.mark.parametrize("text", ["2021-11-16T25:00", "2021-11-16 25:00", "2021-11-31", "2021-13-01T10:00"])
def test_impossible_iso_values_are_unreadable_not_an_exception(text):
    assert parse_when(text, year=2021) is None


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("le 16 novembre 20021", dt.date(2026, 11, 16)),
        ("le 16 novembre 221.", dt.date(2026, 11, 16)),
        ("le 1er janvier 10000", dt.date(2026, 1, 1)),
    ],
)
def test_a_mistyped_year_is_flagged_never_silent(text, day):
    when = parse_when(text, year=2026)
    assert when.start == day
    assert any("year not understood" in w for w in when.warnings)


def test_a_postcode_after_the_date_is_not_taken_for_a_year():
    when = parse_when("le 16 novembre 75002 Paris", year=2026)
    assert when.start == dt.date(2026, 11, 16) and when.warnings == ()
