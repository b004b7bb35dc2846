"""Migration 0007 (labs as entities) on a database made by the schema before it (0006): the
pages of one lab — two spellings, a former name — become one lab with its aliases, other
labs stay apart (two labs of one région), every revision is kept and attached to its page,
the stored events are linked, and the upgraded database keeps working. SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import MetaData, Table, insert, select
from sqlalchemy.orm import Session
from storage_fixtures import at, item

from models import Event, Lab, LabPage, LabRevision
from pipelines.normalize import normalize_event
from pipelines.records import event_record
from storage.db import make_engine
from storage.labs import store_labs
from storage.migrate import upgrade

BEFORE, LABS = "0006", "0007"
SITE = "https://www.modernisation.gouv.fr"
SHEET = f"{SITE}/campus-de-la-transformation-publique/laboratoires-innovation/"
ATLAS = f"{SITE}/laboratoires/"

# (id, url, name, région, lead): today's rows, one per page
PAGES = [
    (1, SHEET + "laboratoire-de-normandie-lab-estuaire", "L'Escale", "28",
     "Créé en 2021, le laboratoire L'Escale (anciennement Lab Estuaire) est porté par le SGAR."),
    (2, ATLAS + "labestuaire", "Lab'Estuaire", "28", "Créé en 2021, le Lab Estuaire est porté par le SGAR."),
    (3, SHEET + "laboratoire-doccitanie-labo", "Lab'O", "76", "Créé en 2018, le Lab'O est porté par le SGAR."),
    (4, ATLAS + "labo", "Lab-O", "76", None),
    (5, SHEET + "laboratoire-de-provence-alpes-cote-dazur-lab-zero", "Lab Zéro", "93", None),
    (6, SHEET + "laboratoire-de-provence-alpes-cote-dazur-inso-lab", "InSo Lab", "93", None),
    (7, ATLAS + "labzero", "Lab0", "93", None),
]
# (id, page id, change, field, old, new)
REVISIONS = [(10 + n, n, "added", None, None, None) for n, *_ in PAGES] + [
    (20, 1, "changed", "name", "Lab Estuaire", "L'Escale"),
    (21, 4, "changed", "host", "SGAR", "SGAR Occitanie"),
]


def _old_schema_rows(engine) -> None:
    meta = MetaData()
    lab, rev, event = (Table(n, meta, autoload_with=engine) for n in ("lab", "lab_revision", "event"))
    sqlite = engine.dialect.name == "sqlite"

    def stamp(day: int) -> dt.datetime:
        return at(day).replace(tzinfo=None) if sqlite else at(day)

    with engine.begin() as conn:
        for n, url, name, region, lead in PAGES:
            conn.execute(insert(lab).values(id=n, url=url, name=name, region_code=region, lead=lead,
                                            content_hash=f"h{n}", first_seen=stamp(2), last_seen=stamp(2 + n % 3)))
        for rid, page, change, field, old, new in REVISIONS:
            conn.execute(insert(rev).values(id=rid, lab_id=page, run_id=None, at=stamp(3), change=change,
                                            field=field, old=old, new=new))
        record = event_record(normalize_event(item(1, organiser="Lab-O")), parser_version="0.4.0")
        values = {k: (v.replace(tzinfo=None) if sqlite and isinstance(v, dt.datetime) else v)
                  for k, v in record.items() if k in event.c}
        conn.execute(insert(event).values(**values, source="ditp", first_seen=stamp(2), last_seen=stamp(2)))


def test_lab_pages_merge_into_labs_with_every_revision_kept(db_url):
    assert upgrade(db_url, BEFORE) == BEFORE
    engine = make_engine(db_url)
    _old_schema_rows(engine)
    assert upgrade(db_url) >= LABS
    with Session(engine) as session:
        labs = {lab.key: lab for lab in session.scalars(select(Lab))}
        pages = {page.id: page for page in session.scalars(select(LabPage))}
        revisions = {r.id: r for r in session.scalars(select(LabRevision))}
        event = session.scalars(select(Event)).one()
        assert sorted(labs) == ["laboratoire-de-normandie-lab-estuaire", "laboratoire-de-provence-alpes-cote-dazur-inso-lab",
                                "laboratoire-de-provence-alpes-cote-dazur-lab-zero", "laboratoire-doccitanie-labo"]
        normandie, occitanie = labs["laboratoire-de-normandie-lab-estuaire"], labs["laboratoire-doccitanie-labo"]
        zero = labs["laboratoire-de-provence-alpes-cote-dazur-lab-zero"]
        assert (normandie.name, normandie.region_code, normandie.aliases) == ("L'Escale", "28", ["Lab Estuaire", "Lab'Estuaire"])
        assert (occitanie.name, occitanie.aliases, occitanie.url) == ("Lab'O", ["Lab-O"], PAGES[2][1])
        assert (zero.name, zero.aliases) == ("Lab Zéro", ["Lab0"])
        assert {n: (p.url, p.name, p.kind) for n, p in pages.items()} == {
            n: (url, name, "atlas" if "/laboratoires/" in url else "sheet") for n, url, name, _, _ in PAGES}
        lab_of_page = {1: normandie, 2: normandie, 3: occitanie, 4: occitanie, 5: zero, 7: zero,
                       6: labs["laboratoire-de-provence-alpes-cote-dazur-inso-lab"]}
        assert {n: p.lab_id for n, p in pages.items()} == {n: lab.id for n, lab in lab_of_page.items()}
        assert sorted(revisions) == sorted(r[0] for r in REVISIONS)          # no revision lost
        for rid, page, change, field, old, new in REVISIONS:
            rev = revisions[rid]
            assert (rev.page_id, rev.lab_id, rev.change, rev.field, rev.old, rev.new) == (
                page, lab_of_page[page].id, change, field, old, new)
        assert (event.lab_id, event.lab_method) == (occitanie.id, "name")  # linked from its organiser text
        # the upgraded database keeps working: a new page of a known lab is one more page of it
        counts = store_labs(session, [_record(ATLAS + "lab-o-2", "Lab O", "76")], at(5), None)
        session.commit()
        occitanie = session.get(Lab, occitanie.id)
        assert counts == {"new": 1, "changed": 0, "unchanged": 0}
        assert session.scalar(select(LabPage.lab_id).where(LabPage.url == ATLAS + "lab-o-2")) == occitanie.id
        assert occitanie.aliases == ["Lab-O", "Lab O"] and len(session.scalars(select(Lab)).all()) == 4
        new_revs = session.scalars(select(LabRevision).where(LabRevision.id > 21).order_by(LabRevision.id)).all()
        assert [(r.change, r.page_id is None, r.new) for r in new_revs] == [("added", False, None),
                                                                            ("alias", True, "Lab O")]
    engine.dispose()


def _record(url: str, name: str, region: str) -> dict:
    return {"url": url, "name": name, "region_code": region, "content_hash": "new", "capture_id": None,
            "kind": "atlas"}
