"""Outputs are written whole or not at all, and never over a user's unrelated directory."""

from __future__ import annotations

import os

import pytest

from mipcrawl.exports.atomic import NotOurs, atomic_dir, atomic_text


def test_atomic_dir_refuses_a_directory_that_is_not_a_previous_output(tmp_path):
    precious = tmp_path / "home"
    precious.mkdir()
    (precious / "thesis.tex").write_text("years of work")
    with pytest.raises(NotOurs), atomic_dir(precious, marker="datapackage.json") as out:
        (out / "datapackage.json").write_text("{}")
    assert (precious / "thesis.tex").read_text() == "years of work"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home"]   # no temporary left behind


def test_atomic_dir_replaces_a_previous_output_and_an_empty_directory(tmp_path):
    target = tmp_path / "pkg"
    target.mkdir()
    with atomic_dir(target, marker="datapackage.json") as out:
        (out / "datapackage.json").write_text("1")
    with atomic_dir(target, marker="datapackage.json") as out:
        (out / "datapackage.json").write_text("2")
    assert (target / "datapackage.json").read_text() == "2"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pkg"]


def test_atomic_dir_accepts_a_relative_dot(tmp_path, monkeypatch):
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    with atomic_dir(type(tmp_path)("."), marker="datapackage.json") as out:
        (out / "datapackage.json").write_text("{}")
    assert (work / "datapackage.json").exists()


def test_atomic_text_keeps_the_old_file_when_writing_fails(tmp_path):
    target = tmp_path / "out.jsonl"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_text(target) as handle:
        handle.write("half")
        raise RuntimeError("boom")
    assert target.read_text() == "old" and os.listdir(tmp_path) == ["out.jsonl"]
