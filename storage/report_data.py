"""The figures of the edition report, counted by SQL (``GROUP BY``) on the same database the
exports read; ``mipcrawl.exports.report`` only lays them out.

``edition_report(session, year)`` gives one edition: events by status, by Paris start day,
by région, by format, by organiser type (and type × the organiser's région) and by lab, the attendance share, the changes per
day (added, changed, rescheduled, cancelled, withdrawn… counted as distinct events per run
and grouped by the Paris day of the run), data-quality figures and the runs behind it.
``comparison_report(session, years)`` gives events per edition, per région and per format
across editions.

Organiser types are the kinds the crawl read from the organiser's name
(``event.organiser_kind``, ``parsers.places.parse_organiser``), and their territory the
organiser's région (``organiser_region_code``; "national" for a national body); an event a
lab runs (its stored link ``event.lab_id``: the lab named by its organiser line, a co-organiser
or a "proposé par …" line, ``parsers.lablink``) is a lab's. ``by_lab`` and the comparison's
``labs`` / ``by_lab`` count those links: "les laboratoires ont organisé N événements en 2021".
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, not_, or_, select, true
from sqlalchemy.orm import Session

from mipcrawl.scope import PROGRAMME
from models import CrawlRun, Edition, Event, EventRevision, Lab
from parsers import PARIS, geo
from storage.queries import InvalidQuery, check_edition
from storage.selection import ensure_not_empty

LAB = "laboratoire d'innovation"
# the organiser's kind as the crawl read it (``event.organiser_kind``) → its label here
KIND_LABELS = {
    "etat": "État : ministères, préfectures, services", "collectivite": "collectivité territoriale",
    "epci": "intercommunalité", "etablissement_public": "établissement public, sécurité sociale",
    "lab": LAB, "association": "association", "entreprise": "entreprise",
}
NATIONAL, NO_TERRITORY = "national", "territoire non lu"
OTHER, UNKNOWN, NO_REGION = "autre", "non renseigné", "sans région (en ligne ou non lue)"


@dataclass
class EditionReport:
    year: int
    name: str
    start: dt.date | None
    end: dt.date | None
    total: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    by_day: list[tuple[dt.date, int]] = field(default_factory=list)   # events whose day is fixed
    undated: int = 0
    not_fixed: int = 0     # dated only to a month, a season, a quarter or a year ("en novembre")
    by_region: list[tuple[str, int]] = field(default_factory=list)
    by_format: list[tuple[str, int]] = field(default_factory=list)
    by_organiser_type: list[tuple[str, int]] = field(default_factory=list)
    by_organiser_region: dict[str, dict[str, int]] = field(default_factory=dict)  # région → type → events
    by_lab: list[tuple[str, int]] = field(default_factory=list)   # events run by each lab (its link)
    attendance: dict[str, int] = field(default_factory=dict)
    changes_by_day: list[tuple[dt.date, dict[str, int]]] = field(default_factory=list)
    quality: dict[str, int] = field(default_factory=dict)
    runs: list[dict[str, Any]] = field(default_factory=list)

    @property
    def lab_events(self) -> int:
        """Events run by labs (each has one lab)."""
        return sum(n for _, n in self.by_lab)


@dataclass
class ComparisonReport:
    years: list[int]
    events: dict[int, int]
    by_region: dict[str, dict[int, int]]
    by_format: dict[str, dict[int, int]]
    attendance: dict[int, dict[str, int]]
    by_organiser_type: dict[str, dict[int, int]] = field(default_factory=dict)
    labs: dict[int, int] = field(default_factory=dict)                # events run by labs per edition
    by_lab: dict[str, dict[int, int]] = field(default_factory=dict)   # lab → edition → events


def _pairs(session: Session, column: Any, cond: ColumnElement[bool]) -> list[tuple[Any, int]]:
    stmt = select(column, func.count()).select_from(Event).where(cond).group_by(column)
    return sorted(session.execute(stmt).all(), key=lambda p: (-p[1], str(p[0])))


def region_label(code: str | None) -> str:
    region = geo.region(code) if code else None
    return f"{region.name} ({code})" if region else (code or NO_REGION)


def format_counts(session: Session, cond: ColumnElement[bool], by_edition: bool = False) -> list[tuple[Any, ...]]:
    """(format, count) or (format, edition, count): the JSON ``formats`` lists unnested in SQL."""
    postgres = session.get_bind().dialect.name == "postgresql"
    unnest = func.jsonb_array_elements_text if postgres else func.json_each
    is_array = (func.jsonb_typeof if postgres else func.json_type)(Event.formats) == "array"
    values = unnest(Event.formats).table_valued("value")
    keys = [values.c.value, Event.edition] if by_edition else [values.c.value]
    stmt = (select(*keys, func.count()).select_from(Event).join(values, true())
            .where(cond, Event.formats.is_not(None), is_array).group_by(*keys))
    return sorted(session.execute(stmt).all(), key=lambda p: (-p[-1], str(p[0])))


def organiser_type(session: Session) -> ColumnElement[str]:
    """A SQL ``CASE`` giving each event's organiser type: a lab when a lab runs it (its stored
    link, ``event.lab_id``), else the kind read from its organiser's name."""
    whens: list[tuple[ColumnElement[bool], str]] = [(Event.lab_id.is_not(None), LAB), (Event.organiser.is_(None), UNKNOWN)]
    whens += [(Event.organiser_kind == kind, label) for kind, label in KIND_LABELS.items()]
    return case(*whens, else_=OTHER)


def organiser_territory(code: str | None, level: str | None) -> str:
    if code:
        return region_label(code)
    return NATIONAL if level == "national" else NO_TERRITORY


def by_organiser_region(session: Session, cond: ColumnElement[bool]) -> dict[str, dict[str, int]]:
    """Events per organiser région (or national) and organiser type: "by collectivités, by région"."""
    kind = organiser_type(session)
    stmt = (select(Event.organiser_region_code, Event.organiser_level, kind, func.count()).where(cond)
            .group_by(Event.organiser_region_code, Event.organiser_level, kind))
    table: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for code, level, label, n in session.execute(stmt):
        table[organiser_territory(code, level)][label] += n
    return {where: dict(kinds) for where, kinds in sorted(table.items(), key=lambda p: (-sum(p[1].values()), p[0]))}


def _lab_label() -> ColumnElement[str]:
    return func.coalesce(Lab.name, Lab.key)


def by_lab(session: Session, cond: ColumnElement[bool]) -> list[tuple[str, int]]:
    """Events per lab that runs them (its stored link)."""
    stmt = (select(_lab_label(), func.count()).select_from(Event).join(Lab, Lab.id == Event.lab_id)
            .where(cond).group_by(_lab_label()))
    return sorted(session.execute(stmt).all(), key=lambda p: (-p[1], p[0]))


def labs_by_edition(session: Session, cond: ColumnElement[bool]) -> tuple[dict[int, int], dict[str, dict[int, int]]]:
    """(events run by labs per edition, and per lab and edition)."""
    total: dict[int, int] = defaultdict(int)
    per_lab: dict[str, dict[int, int]] = defaultdict(dict)
    stmt = (select(_lab_label(), Event.edition, func.count()).select_from(Event).join(Lab, Lab.id == Event.lab_id)
            .where(cond).group_by(_lab_label(), Event.edition))
    for name, edition, n in session.execute(stmt):
        if edition is not None:
            total[edition] += n
            per_lab[name][edition] = n
    return dict(total), dict(per_lab)


def changes_by_day(session: Session, cond: ColumnElement[bool]) -> list[tuple[dt.date, dict[str, int]]]:
    """Distinct events per change kind and run, summed per Paris day of the run."""
    stmt = (select(EventRevision.at, EventRevision.change, func.count(func.distinct(EventRevision.event_id)))
            .join(Event, Event.id == EventRevision.event_id).where(cond)
            .group_by(EventRevision.at, EventRevision.change))
    days: dict[dt.date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for at, change, n in session.execute(stmt):
        days[at.astimezone(PARIS).date()][change] += n
    return sorted((day, dict(kinds)) for day, kinds in days.items())


def quality(session: Session, cond: ColumnElement[bool]) -> dict[str, int]:
    def count_if(test: ColumnElement[bool]) -> Any:
        return func.coalesce(func.sum(case((test, 1), else_=0)), 0)

    figures = {
        "dates écrites mais non lues": Event.when_text.is_not(None) & Event.start_at.is_(None),
        "lieux écrits mais non lus": Event.place_text.is_not(None) & Event.attendance.is_(None),
        "sans date sur la page": Event.when_text.is_(None),
        "sans lieu sur la page": Event.place_text.is_(None),
        "sans organisateur": Event.organiser.is_(None),
        "sans région (présentiel ou mixte)": Event.region_code.is_(None) & Event.attendance.in_(["offline", "mixed"]),
        "doublons probables": Event.duplicate_of.is_not(None),
    }
    row = session.execute(select(*(count_if(t) for t in figures.values())).where(cond)).one()
    return {name: int(n) for name, n in zip(figures, row, strict=True)}


def runs_for(session: Session, year: int) -> list[dict[str, Any]]:
    stmt = select(CrawlRun).where(CrawlRun.scope.in_([str(year), "all"]), CrawlRun.spider == PROGRAMME)
    return [{"id": r.id, "started_at": r.started_at, "finished_at": r.finished_at, "status": r.status,
             "new": r.new, "changed": r.changed, "withdrawn": r.withdrawn, "cancelled": r.cancelled,
             "errors": r.errors, "parser_version": r.parser_version}
            for r in session.scalars(stmt.order_by(CrawlRun.id))]


def _edition(session: Session, year: int) -> Edition:
    ensure_not_empty(session)
    check_edition(session, year)
    if not session.scalar(select(func.count()).select_from(Event).where(Event.edition == year)):
        raise InvalidQuery(f"edition {year} has no events in this database")
    edition = session.get(Edition, year)
    if edition is None:   # events refer to their edition: only a damaged database lacks it
        raise InvalidQuery(f"edition {year} is missing from the edition table")
    return edition


# The day is fixed for a precision of a day or a time (None: stored before precisions were kept).
DAY_FIXED = or_(Event.date_precision.is_(None), Event.date_precision.in_(("day", "minute")))


def edition_report(session: Session, year: int) -> EditionReport:
    ed, cond = _edition(session, year), Event.edition == year
    days = _pairs(session, Event.start_date, and_(cond, DAY_FIXED))
    not_fixed = session.scalar(select(func.count()).select_from(Event).where(cond, not_(DAY_FIXED))) or 0
    return EditionReport(
        year=year, name=ed.name, start=ed.start_date, end=ed.end_date,
        total=sum(n for _, n in days) + not_fixed, by_status=dict(_pairs(session, Event.status, cond)),
        by_day=sorted((d, n) for d, n in days if d is not None), undated=sum(n for d, n in days if d is None),
        not_fixed=not_fixed,
        by_region=[(region_label(c), n) for c, n in _pairs(session, Event.region_code, cond)],
        by_format=format_counts(session, cond), by_organiser_type=_pairs(session, organiser_type(session), cond),
        by_organiser_region=by_organiser_region(session, cond),
        by_lab=by_lab(session, cond), attendance={a or UNKNOWN: n for a, n in _pairs(session, Event.attendance, cond)},
        changes_by_day=changes_by_day(session, cond), quality=quality(session, cond), runs=runs_for(session, year),
    )


def comparison_report(session: Session, years: list[int]) -> ComparisonReport:
    for year in years:
        _edition(session, year)
    cond = Event.edition.in_(years)
    nested: dict[str, dict[str, dict[int, int]]] = {"region": defaultdict(dict), "format": defaultdict(dict),
                                                    "organiser": defaultdict(dict)}
    for code, edition, n in session.execute(select(Event.region_code, Event.edition, func.count()).where(cond)
                                            .group_by(Event.region_code, Event.edition)):
        if edition is not None:
            nested["region"][region_label(code)][edition] = n
    for fmt, year, n in format_counts(session, cond, by_edition=True):
        nested["format"][fmt][year] = n
    kind = organiser_type(session)
    for label, edition, n in session.execute(select(kind, Event.edition, func.count()).where(cond)
                                             .group_by(kind, Event.edition)):
        if edition is not None:
            nested["organiser"][label][edition] = n
    attendance: dict[int, dict[str, int]] = defaultdict(dict)
    for mode, edition, n in session.execute(select(Event.attendance, Event.edition, func.count()).where(cond)
                                            .group_by(Event.attendance, Event.edition)):
        if edition is not None:
            attendance[edition][mode or UNKNOWN] = n
    stmt = select(Event.edition, func.count()).where(cond).group_by(Event.edition)
    events = {year: n for year, n in session.execute(stmt)}
    labs, per_lab = labs_by_edition(session, cond)
    return ComparisonReport(years=years, events={y: events.get(y, 0) for y in years},
                            by_region=dict(nested["region"]), by_format=dict(nested["format"]),
                            attendance=dict(attendance), by_organiser_type=dict(nested["organiser"]),
                            labs={y: labs.get(y, 0) for y in years}, by_lab=per_lab)
