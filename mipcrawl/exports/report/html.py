"""The report as one self-contained HTML page: inline CSS, inline SVG charts, no script and
no external asset (it works offline and prints). Every figure is also in a table (``id``
per table, numbers in ``td.n``), so the page reads without the charts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from html import escape
from typing import Any

from mipcrawl.exports.report.svg import bar_chart, column_chart, share_bar, stacked_columns
from storage.report_data import ComparisonReport, EditionReport

CSS = """
body{font-family:Marianne,Arial,sans-serif;margin:2rem auto;max-width:62rem;color:#161616;line-height:1.4}
h1{color:#000091}h2{border-bottom:2px solid #000091;padding-bottom:.2rem;margin-top:2.2rem}
table{border-collapse:collapse;margin:.6rem 0}th,td{border:1px solid #ddd;padding:.2rem .6rem;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f5f5fe}
.lead{font-size:1.1rem}.muted{color:#666;font-size:.9rem}svg.chart{display:block;margin:.6rem 0;max-width:100%}
"""
CHANGES = {"added": "ajouté", "changed": "modifié", "rescheduled": "reprogrammé", "cancelled": "annulé",
           "withdrawn": "retiré", "reappeared": "réapparu", "moved": "nouvelle adresse"}
MODES = {"offline": "présentiel", "online": "en ligne", "mixed": "mixte"}


def _cell(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return f'<td class="n">{value}</td>'
    if isinstance(value, dt.datetime):
        value = value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"<td>{escape('' if value is None else str(value))}</td>"


def table(table_id: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(_cell(v) for v in row) + "</tr>" for row in rows)
    return f'<table id="{table_id}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def section(section_id: str, title: str, *parts: str) -> str:
    return f'<section id="{section_id}"><h2>{escape(title)}</h2>{"".join(parts)}</section>'


def page(title: str, body: Iterable[str], generated: dt.datetime) -> str:
    stamp = generated.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{CSS}</style></head>'
            f'<body><h1>{escape(title)}</h1>{"".join(body)}'
            f'<p class="muted">Produit par mipcrawl le {stamp}.</p></body></html>\n')


def _day(day: dt.date) -> str:
    return day.strftime("%d/%m")


def _overview(rep: EditionReport) -> str:
    dates = f"du {rep.start:%d/%m/%Y} au {rep.end:%d/%m/%Y}" if rep.start and rep.end else "dates officielles inconnues"
    lead = f'<p class="lead">{rep.name} {rep.year}, {dates} : <strong>{rep.total}</strong> événements.</p>'
    return section("overview", "Vue d'ensemble", lead, table("by-status", ("statut", "événements"), rep.by_status.items()))


def _days(rep: EditionReport) -> str:
    chart = column_chart([(_day(d), n) for d, n in rep.by_day], title="Événements par jour de début")
    note = (f'<p class="muted">{rep.undated} événement(s) sans date lue ; <span id="date-not-fixed">'
            f'{rep.not_fixed} événement(s) à la date non fixée</span> (un mois, une saison, un '
            f'trimestre ou une année seulement : « en novembre »), hors de ce graphique.</p>')
    rows = [(d.isoformat(), n) for d, n in rep.by_day]
    return section("days", "Par jour", chart, note, "<details><summary>Tableau</summary>"
                   + table("by-day", ("jour (Paris)", "événements"), rows) + "</details>")


def _counts(section_id: str, title: str, what: str, items: Sequence[tuple[str, int]]) -> str:
    return section(section_id, title, bar_chart(items, title=title),
                   table(f"by-{section_id}", (what, "événements"), items))


def _attendance(rep: EditionReport) -> str:
    parts = [(MODES.get(mode, mode), n) for mode, n in rep.attendance.items()]
    return section("attendance", "En ligne, en présentiel, mixte", share_bar(parts, title="Mode de participation"),
                   table("by-attendance", ("mode", "événements"), parts))


def _changes(rep: EditionReport) -> str:
    days = [(_day(day), {CHANGES.get(k, k): n for k, n in kinds.items()}) for day, kinds in rep.changes_by_day]
    rows = [(day.isoformat(), *(kinds.get(c, 0) for c in CHANGES)) for day, kinds in rep.changes_by_day]
    return section("changes", "Ce qui a changé pendant le mois",
                   stacked_columns(days, list(CHANGES.values()), title="Événements touchés par jour et par changement"),
                   table("changes-by-day", ("jour (Paris)", *CHANGES.values()), rows))


def _organiser_regions(rep: EditionReport) -> str:
    """Events per organiser région and organiser type: one row per région (or national)."""
    kinds = [k for k, _ in rep.by_organiser_type]
    rows = [(where, *(by_kind.get(k, 0) for k in kinds)) for where, by_kind in rep.by_organiser_region.items()]
    note = ('<p class="muted">La région de l\'organisateur, lue dans son nom (« Conseil départemental du Var » : '
            'Provence-Alpes-Côte d\'Azur), non celle du lieu de l\'événement.</p>')
    return section("organiser-region", "Par type d'organisateur et par région de l'organisateur", note,
                   table("by-organiser-region", ("région de l'organisateur", *kinds), rows))


def _organised(n: int, year: int, after: str = "") -> str:
    """The sentence of the press report: "les laboratoires … ont organisé 150 événements en 2021"."""
    return (f"Les laboratoires d'innovation territoriale ont organisé <strong>{n}</strong> "
            f"événement{'s' if n > 1 else ''} en {year}{after}.")


def _labs(rep: EditionReport) -> str:
    share = f" ({rep.lab_events / rep.total:.0%} des événements)" if rep.total else ""
    lead = f'<p class="lead" id="lab-events">{_organised(rep.lab_events, rep.year, share)}</p>'
    note = ('<p class="muted">Un événement est compté pour le laboratoire qui l\'organise ou le co-organise : '
            'nommé dans la ligne « organisateur » (sous l\'une de ses graphies, ou « le laboratoire d\'innovation '
            'publique de Bretagne »), ou par une phrase « proposé par … » de la description — non pour un '
            'laboratoire seulement cité.</p>')
    return section("lab", "Par laboratoire d'innovation territoriale", lead, note,
                   bar_chart(rep.by_lab, title="Événements par laboratoire"),
                   table("by-lab", ("laboratoire", "événements"), rep.by_lab))


def _lab_series(cmp: ComparisonReport) -> str:
    years = cmp.years
    sentences = "".join(f"<li>{_organised(cmp.labs.get(y, 0), y)}</li>" for y in years)
    per_edition = [(str(y), cmp.labs.get(y, 0)) for y in years]
    return section("labs", "Les laboratoires d'innovation territoriale par édition",
                   f'<ul id="lab-series">{sentences}</ul>',
                   column_chart(per_edition, title="Événements organisés par les laboratoires", column=48),
                   table("lab-events-per-edition", ("édition", "événements des laboratoires"), per_edition),
                   _matrix("lab-by-edition", "laboratoire", years, cmp.by_lab))


def _runs(rep: EditionReport) -> str:
    keys = ("id", "started_at", "finished_at", "status", "new", "changed", "withdrawn", "cancelled", "errors",
            "parser_version")
    return section("runs", "Les collectes derrière ce rapport", table("run-list", keys, ([r[k] for k in keys] for r in rep.runs)))


def render_edition(rep: EditionReport, *, generated: dt.datetime) -> str:
    body = [
        _overview(rep), _days(rep),
        _counts("region", "Par région", "région", rep.by_region),
        _counts("format", "Par format", "format", rep.by_format),
        _counts("organiser-type", "Par type d'organisateur", "type", rep.by_organiser_type),
        _organiser_regions(rep),
        _labs(rep),
        _attendance(rep), _changes(rep),
        section("quality", "Qualité des données", table("data-quality", ("mesure", "événements"), rep.quality.items())),
        _runs(rep),
    ]
    return page(f"{rep.name} {rep.year} — rapport", body, generated)


def _matrix(table_id: str, what: str, years: list[int], data: dict[str, dict[int, int]]) -> str:
    order = sorted(data, key=lambda k: (-sum(data[k].values()), k))
    rows = [(key, *(data[key].get(y, 0) for y in years)) for key in order]
    return table(table_id, (what, *map(str, years)), rows)


def render_comparison(cmp: ComparisonReport, *, generated: dt.datetime) -> str:
    years = cmp.years
    per_edition = [(str(y), cmp.events[y]) for y in years]
    formats = sorted(((f, sum(v.values())) for f, v in cmp.by_format.items()), key=lambda p: (-p[1], p[0]))
    modes = {MODES.get(m, m): {y: cmp.attendance.get(y, {}).get(m, 0) for y in years}
             for m in {m for y in years for m in cmp.attendance.get(y, {})}}
    body = [
        section("editions", "Événements par édition", column_chart(per_edition, title="Événements par édition", column=48),
                table("events-per-edition", ("édition", "événements"), per_edition)),
        section("regions", "Par région et par édition", _matrix("region-by-edition", "région", years, cmp.by_region)),
        section("formats", "Les formats au fil des éditions", bar_chart(formats, title="Formats, toutes éditions"),
                _matrix("format-by-edition", "format", years, cmp.by_format)),
        section("attendance", "Mode de participation par édition", _matrix("attendance-by-edition", "mode", years, modes)),
        section("organisers", "Types d'organisateurs par édition",
                _matrix("organiser-type-by-edition", "type", years, cmp.by_organiser_type)),
        _lab_series(cmp),
    ]
    return page(f"Mois de l'innovation publique {years[0]}–{years[-1]} — comparaison", body, generated)
