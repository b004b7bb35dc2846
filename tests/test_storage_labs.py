"""Lab history (storage/labs.py, migration 0003): a lab sheet first seen is ``added``, a
changed one gets one ``changed`` revision per field, an unchanged one only ``last_seen``;
``mipcrawl changes --labs`` lists them. On SQLite and PostgreSQL (the ``db_url`` fixture)."""

from __future__ import annotations

import dataclasses
import json

from sqlalchemy import select
from storage_fixtures import at, feed, recorder

from mipcrawl.cli import main
from mipcrawl.cli.errors import ExitCode
from mipcrawl.items import LabItem
from models import LabPage, LabRevision
from storage.db import make_engine, make_session_factory

LAB = "https://www.modernisation.gouv.fr/laboratoires-dinnovation-territoriale/"


def lab(n: int, **changes) -> LabItem:
    base = LabItem(url=f"{LAB}lab-{n}", name=f"Lab {n}", region_text="Bretagne", region_code="53",
                   host="SGAR Bretagne", tags=["design"], sections={"Missions": "Accompagner."},
                   capture_id=f"x.warc.gz#<urn:uuid:{n}>")
    return dataclasses.replace(base, **changes)


def run_labs(db_url: str, items: list[LabItem], day: int) -> int:
    rec = recorder(db_url, "labs", clock=lambda: at(day))
    rec.open()
    feed(rec, *items)
    rec.close(finished=True)
    return rec.ctx.run_id


def stored(db_url: str) -> tuple[dict[str, LabPage], list[LabRevision]]:
    engine = make_engine(db_url)
    with make_session_factory(engine)() as session:
        labs = {page.url: page for page in session.scalars(select(LabPage))}
        revs = list(session.scalars(select(LabRevision).order_by(LabRevision.id)))
    engine.dispose()
    return labs, revs


def test_lab_history_added_changed_and_unchanged(db_url):
    first = run_labs(db_url, [lab(1), lab(2)], day=2)
    _, revs = stored(db_url)
    assert [(r.change, r.field, r.run_id) for r in revs] == [("added", None, first)] * 2

    second = run_labs(db_url, [lab(1, host="Préfecture de région", tags=["design", "données"]), lab(2)], day=3)
    labs, revs = stored(db_url)
    changed = [(r.change, r.field, r.old, r.new, r.run_id) for r in revs[2:]]
    assert changed == [("changed", "host", "SGAR Bretagne", "Préfecture de région", second),
                       ("changed", "tags", ["design"], ["design", "données"], second)]
    assert revs[2].capture_id == "x.warc.gz#<urn:uuid:1>"
    one, two = labs[f"{LAB}lab-1"], labs[f"{LAB}lab-2"]
    assert one.host == "Préfecture de région" and one.last_changed == at(3) and one.first_seen == at(2)
    assert two.last_seen == at(3) and two.last_changed == at(2)          # unchanged: seen, no revision

    run_labs(db_url, [lab(1, host="Préfecture de région", tags=["design", "données"]), lab(2)], day=4)
    assert len(stored(db_url)[1]) == 4                                   # nothing changed: nothing written


def test_changes_labs_lists_the_lab_history(db_url, capsys):
    run_labs(db_url, [lab(1)], day=2)
    second = run_labs(db_url, [lab(1, region_text="Normandie", region_code="28")], day=3)
    capsys.readouterr()
    assert main(["changes", "--db", db_url, "--labs", "--format", "jsonl"]) == ExitCode.OK
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["change"], r["field"], r["old"], r["new"]) for r in rows] == [
        ("added", None, None, None), ("changed", "region_text", "Bretagne", "Normandie"),
        ("changed", "region_code", "53", "28")]
    assert {r["url"] for r in rows} == {f"{LAB}lab-1"} and rows[0]["title"] == "Lab 1"
    assert main(["changes", "--db", db_url, "--labs", "--since", str(second)]) == ExitCode.OK
    text = capsys.readouterr().out.splitlines()
    assert len(text) == 2 and "region_code: '53' → '28'" in text[1]


def test_changes_labs_with_an_edition_is_a_usage_error(db_url, capsys):
    run_labs(db_url, [lab(1)], day=2)
    try:
        code = main(["changes", "--db", db_url, "--labs", "--edition", "2024"])
    except SystemExit as exc:   # argparse refuses mutually exclusive options
        code = exc.code
    assert code == ExitCode.USAGE
    assert "not allowed with" in capsys.readouterr().err
