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


# -- labs as entities (issue 19): pages resolved to their lab, the lab's own history ------
SHEET = "https://www.modernisation.gouv.fr/campus-de-la-transformation-publique/laboratoires-innovation/"
ATLAS = "https://www.modernisation.gouv.fr/laboratoires/"


def page(path: str, name: str, region: str = "76", **fields) -> LabItem:
    kind = "atlas" if path.startswith(ATLAS) else "sheet"
    return LabItem(url=path, name=name, region_text="Occitanie", region_code=region, kind=kind, **fields)


def lab_rows(db_url: str) -> tuple[dict[str, dict], dict[str, str], list[tuple]]:
    """(lab key → lab row, page URL → its lab's key, lab-level revisions)."""
    from models import Lab

    engine = make_engine(db_url)
    with make_session_factory(engine)() as session:
        labs = {lab.id: lab for lab in session.scalars(select(Lab))}
        keys = {lab.key: {"name": lab.name, "url": lab.url, "aliases": lab.aliases} for lab in labs.values()}
        pages = {p.url: labs[p.lab_id].key for p in session.scalars(select(LabPage))}
        own = [(labs[r.lab_id].key, r.change, r.field, r.old, r.new) for r in session.scalars(
            select(LabRevision).where(LabRevision.page_id.is_(None)).order_by(LabRevision.id))]
    engine.dispose()
    return keys, pages, own


def test_spellings_atlas_pages_and_former_names_are_one_lab(db_url):
    run_labs(db_url, [page(SHEET + "laboratoire-doccitanie-labo", "Lab'O"), page(ATLAS + "labo", "Lab-O"),
                      page(SHEET + "laboratoire-de-normandie-escale", "L'Escale", "28",
                           lead="Le laboratoire L'Escale (anciennement Lab Estuaire) est porté par le SGAR."),
                      page(ATLAS + "labestuaire", "Lab'Estuaire", "28"),
                      page(ATLAS + "autre", "Lab'O", "84")], day=2)     # the same name elsewhere: another lab
    labs, pages, own = lab_rows(db_url)
    assert sorted(labs) == ["autre", "laboratoire-de-normandie-escale", "laboratoire-doccitanie-labo"]
    assert labs["laboratoire-doccitanie-labo"]["aliases"] == ["Lab-O"]
    assert labs["laboratoire-de-normandie-escale"]["aliases"] == ["Lab Estuaire", "Lab'Estuaire"]
    assert pages[ATLAS + "labestuaire"] == "laboratoire-de-normandie-escale" and own == []
    # a new spelling met later is one more page and alias of the lab, never a lab
    run_labs(db_url, [page(ATLAS + "lab-o-2022", "LabO")], day=3)
    labs, pages, own = lab_rows(db_url)
    assert len(labs) == 3 and pages[ATLAS + "lab-o-2022"] == "laboratoire-doccitanie-labo"
    assert own == [("laboratoire-doccitanie-labo", "alias", "aliases", None, "LabO")]


def test_a_renamed_sheet_and_a_moved_sheet_stay_one_lab_with_the_change_in_its_history(db_url):
    old, new = SHEET + "laboratoire-de-bfc-cooplab", SHEET + "laboratoire-de-bourgogne-franche-comte-cooplab"
    sheet = SHEET + "laboratoire-de-normandie-lab-estuaire"
    run_labs(db_url, [page(sheet, "Lab Estuaire", "28"), page(old, "Coop'Lab", "27")], day=2)
    renamed = page(sheet, "L'Escale", "28", lead="Le laboratoire L'Escale (anciennement Lab Estuaire).")
    run_labs(db_url, [renamed, page(new, "Coop'Lab", "27", redirected_from=[old])], day=9)
    labs, pages, own = lab_rows(db_url)
    assert sorted(labs) == ["laboratoire-de-bourgogne-franche-comte-cooplab", "laboratoire-de-normandie-lab-estuaire"]
    assert pages[old] == pages[new] == "laboratoire-de-bourgogne-franche-comte-cooplab"
    assert own == [("laboratoire-de-normandie-lab-estuaire", "renamed", "name", "Lab Estuaire", "L'Escale"),
                   ("laboratoire-de-bourgogne-franche-comte-cooplab", "moved", "url", old, new)]
    assert labs["laboratoire-de-normandie-lab-estuaire"]["aliases"] == ["Lab Estuaire"]   # the former name


def test_a_lab_run_that_changes_the_labs_links_the_stored_events_again(db_url):
    from storage_fixtures import crawl, events, item

    from models import CrawlRun, Lab
    from pipelines.normalize import normalize_event

    items = [normalize_event(item(1, organiser="Lab'O")), normalize_event(item(2, organiser="Le Lab Cévennes")),
             normalize_event(item(3, organiser="Région Occitanie"))]
    crawl(db_url, items, when=at(2))                    # no lab known yet: nothing linked
    assert [e.lab_id for e in events(db_url).values()] == [None, None, None]
    rec = recorder(db_url, "labs", clock=lambda: at(3))
    rec.open()
    feed(rec, page(SHEET + "laboratoire-doccitanie-labo", "Lab'O"))
    assert rec.close().counts["relinked"] == 1
    run = recorder(db_url, "labs", clock=lambda: at(4))
    run.open()
    feed(run, page(SHEET + "laboratoire-doccitanie-labo", "Lab'O"))
    assert run.close().counts.get("relinked", 0) == 0   # the labs unchanged: nothing to do
    rec = recorder(db_url, "labs", clock=lambda: at(5))
    rec.open()
    feed(rec, page(ATLAS + "lab-cevennes", "Lab Cévennes", "76"))   # a new lab of the same région
    assert rec.close().counts["relinked"] == 1
    engine = make_engine(db_url)
    with make_session_factory(engine)() as session:
        ids = {lab.key: lab.id for lab in session.scalars(select(Lab))}
        recorded = [(r.scope, (r.stats or {}).get("mipcrawl/store/relinked")) for r in   # the run records
                    session.scalars(select(CrawlRun).order_by(CrawlRun.id))]
    engine.dispose()
    linked = {e.organiser: (e.lab_id, e.lab_method) for e in events(db_url).values()}
    assert recorded == [("2026", None), ("labs", 1), ("labs", 0), ("labs", 1)]
    assert linked == {"Lab'O": (ids["laboratoire-doccitanie-labo"], "name"),
                      "Le Lab Cévennes": (ids["lab-cevennes"], "name"), "Région Occitanie": (None, None)}
