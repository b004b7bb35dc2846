"""Event detail pages, in the presentation variant each event draws (see README)."""

from __future__ import annotations

import json
from urllib.parse import quote

from replica import truth
from replica.editions import BY_YEAR, HUB_PATH, Edition, listing_url
from replica.html_common import (
    attr,
    breadcrumb,
    dsfr_page,
    dsfr_stamp,
    esc,
    legacy_page,
    legacy_stamp,
)
from replica.model import Event

FIELD_CLASSES = {"when": "date", "place": "lieu", "organiser": "organisateur", "formats": "format",
                 "audience": "public", "access": "acces", "registration": "inscription",
                 "parcours": "parcours", "contact": "contact"}


def _when_html(ev: Event) -> str:
    value, start = esc(ev.when_text), truth.when_truth(ev)["start"]
    if ev.microdata and start:
        return f'<span itemprop="startDate" content="{attr(start)}">{value}</span>'
    if ev.time_tag and start:
        return f'<time datetime="{attr(start)}">{value}</time>'
    return value


def _place_html(ev: Event) -> str:
    value = esc(ev.place_text)
    if ev.microdata:
        return ('<span itemprop="location" itemscope itemtype="https://schema.org/Place">'
                f'<span itemprop="name">{value}</span></span>')
    return value


def _fields(ev: Event) -> list[tuple[str, str, str]]:
    """(key, label, value HTML) for every field the event has, in page order."""
    tel = "+33" + ev.phone[1:].replace(" ", "") if ev.phone else ""
    candidates = (
        ("when", ev.labels["when"], ev.when_text and _when_html(ev)),
        ("place", ev.labels["place"], ev.place_text and _place_html(ev)),
        ("organiser", ev.labels["organiser"], ev.organiser and esc(ev.organiser)),
        ("parcours", "Parcours", ev.parcours and esc(ev.parcours)),
        ("formats", ev.labels["formats"], esc(", ".join(ev.formats))),
        ("audience", "Public", ev.audience and esc(ev.audience)),
        ("access", ev.labels["access"], ev.access and esc(ev.access)),
        ("contact", "Contact", ev.phone and f'<a href="tel:{tel}">{esc(ev.phone)}</a>'),
        ("registration", "Inscription", ev.registration_url and (
            f'<a href="{attr(ev.registration_url)}" target="_blank" rel="noopener">S\'inscrire</a>')),
    )
    return [(key, label, value) for key, label, value in candidates if value]


def _icons(ev: Event, rows) -> str:
    icon = {"when": "fr-icon-calendar-line", "place": "fr-icon-map-pin-2-line",
            "organiser": "fr-icon-team-line", "audience": "fr-icon-user-line"}
    out = []
    for key, _label, value in rows:
        if key == "formats":
            tags = "".join(f'<li><p class="fr-tag">{esc(f)}</p></li>' for f in ev.formats)
            out.append(f'<ul class="fr-tags-group">{tags}</ul>')
        elif key == "registration":
            out.append("<p>" + value.replace("<a ", '<a class="fr-btn" ', 1) + "</p>")
        elif key == "organiser":
            out.append(f'<p class="fr-text--sm"><span class="{icon[key]}" aria-hidden="true"></span> '
                       f'Organisé par {value}</p>')
        elif key in icon and ev.index % 2:
            out.append(f'<p class="fr-mb-1w {icon[key]}">{value}</p>')
        elif key in icon:
            out.append(f'<p class="fr-mb-1w"><span class="{icon[key]} fr-mr-1w" aria-hidden="true"></span>'
                       f'{value}</p>')
        else:
            out.append(f'<p class="fr-text--sm">{value}</p>')
    return '<div class="mip-event__infos">' + "\n".join(out) + "</div>"


def _dl(rows) -> str:
    items = "".join(f"<dt>{esc(label)}</dt><dd>{value}</dd>\n" for _k, label, value in rows)
    return f'<dl class="mip-event__details">\n{items}</dl>'


def _drupal(rows) -> str:
    return "\n".join(
        f'<div class="field field--name-field-{FIELD_CLASSES[k]} field--label-above">'
        f'<div class="field__label">{esc(label)}</div><div class="field__item">{value}</div></div>'
        for k, label, value in rows
    )


def _li(rows) -> str:
    items = "".join(f"<li><strong>{esc(label)} :</strong> {value}</li>\n" for _k, label, value in rows)
    return f'<ul class="infos-pratiques">\n{items}</ul>'


def _table(rows) -> str:
    trs = "".join(f'<tr><th scope="row">{esc(label)}</th><td>{value}</td></tr>\n' for _k, label, value in rows)
    return f'<div class="fr-table"><table><caption>Informations pratiques</caption><tbody>\n{trs}</tbody></table></div>'


def _text(rows) -> str:
    return "<p>" + "<br>\n".join(f"{esc(label)} : {value}" for _k, label, value in rows) + "</p>"


PRESENTERS = {"dl": _dl, "fields": _drupal, "li": _li, "table": _table, "text": _text}


def _jsonld(ev: Event) -> str:
    data = truth.schema_org(ev)
    text = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return f'<script type="application/ld+json">{text}</script>'


def _map_link(ev: Event) -> str:
    if not (ev.map_link and ev.place_text):
        return ""
    url = "https://www.openstreetmap.org/search?query=" + quote(ev.place_text)
    return f'\n<p class="mip-map"><a class="fr-link" href="{attr(url)}">Voir sur la carte</a></p>'


def _related(cards: list[tuple[str, str]]) -> str:
    if not cards:
        return ""
    items = "".join(
        '<div class="fr-col-12 fr-col-md-4"><div class="fr-card fr-enlarge-link"><div class="fr-card__body">'
        f'<div class="fr-card__content"><h3 class="fr-card__title"><a href="{attr(href)}">{esc(title)}</a>'
        '</h3></div></div></div></div>' for title, href in cards
    )
    return ('<section class="fr-py-4w mip-related"><h2>Ces contenus peuvent vous intéresser</h2>'
            f'<div class="fr-grid-row fr-grid-row--gutters">{items}</div></section>')


def _dsfr_crumbs(ev: Event, ed: Edition) -> str:
    programme = "Programme" if ed.is_current else f"Programme {ed.year}"
    if ev.marker == "breadcrumb":
        return breadcrumb([("Accueil", "/"), (ed.name, HUB_PATH), (programme, ed.listing_path), (ev.title, None)])
    return breadcrumb([("Accueil", "/"), (ed.short_name, HUB_PATH), ("Programme", ed.listing_path),
                       (ev.title, None)])


def render_dsfr(ev: Event, related: list[tuple[str, str]]) -> str:
    ed = BY_YEAR[ev.edition]
    rows = _fields(ev)
    infos = _icons(ev, rows) if ev.presentation == "icons" else PRESENTERS[ev.presentation](rows)
    top = ""
    if ev.marker == "hero":
        top = f'<p class="fr-badge fr-badge--purple-glycine mip-edition">{esc(ed.name)}</p>'
    badge = ""
    if ev.status == "cancelled" and ev.badge:
        badge = '<ul class="fr-badges-group"><li><p class="fr-badge fr-badge--error">Annulé</p></li></ul>'
    description = f'<div class="mip-event__description">{ev.description}</div>'
    infos += _map_link(ev)
    body = (description + "\n" + infos) if ev.index % 5 >= 3 else (infos + "\n" + description)
    scope = ' itemscope itemtype="https://schema.org/Event"' if ev.microdata else ""
    name = ' itemprop="name"' if ev.microdata else ""
    main = (
        f'<div class="fr-grid-row"><div class="fr-col-12 fr-col-md-9"><article class="mip-event"{scope}>{top}'
        f'<h1 class="fr-h1"{name}>{esc(ev.title)}</h1>{badge}{dsfr_stamp(ev.published, ev.updated)}\n{body}\n'
        f'<p><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="{attr(ed.listing_path)}">'
        'Retour au programme</a></p></article></div><div class="fr-col-12 fr-col-md-3">'
        '<div class="fr-share"><p class="fr-share__title">Partager la page</p><ul class="fr-btns-group">'
        '<li><a class="fr-btn--linkedin fr-btn" href="https://www.linkedin.com/shareArticle">LinkedIn</a></li>'
        f'</ul></div></div></div>\n{_related(related)}'
    )
    head = _jsonld(ev) if ev.jsonld else ""
    return dsfr_page(ev.title, main, head=head, crumbs=_dsfr_crumbs(ev, ed))


def render_legacy(ev: Event, related: list[tuple[str, str]]) -> str:
    ed = BY_YEAR[ev.edition]
    rows = _fields(ev)
    if ev.presentation in ("li", "dl", "table"):
        lines = "".join(f"<p><strong>{esc(label)} :</strong> {value}</p>\n" for _k, label, value in rows)
    else:
        lines = "".join(f"<p>{esc(label)} : {value}</p>\n" for _k, label, value in rows)
    hero = f"<h2 class=\"edition\">{esc(ed.name)}</h2>" if ev.marker == "hero" else ""
    crumb_name = ed.name if ev.marker == "breadcrumb" else ed.short_name
    links = "".join(f'<li><a href="{attr(h)}">{esc(t)}</a></li>' for t, h in related)
    main = (
        f'{hero}<h1 class="title" id="page-title">{esc(ev.title)}</h1>{legacy_stamp(ev.published)}\n'
        f'<div class="node node-evenement"><div class="field-infos">\n{lines}</div>\n'
        f'<div class="content">{ev.description}</div></div>\n'
        f'<div class="block block-views"><h2>Autres événements</h2><ul>{links}</ul></div>'
    )
    crumbs = [("Accueil", "/"), (crumb_name, listing_url(ed, 0)), ("Programme", ed.listing_path), (ev.title, None)]
    return legacy_page(ev.title, main, crumbs=crumbs)


def render_event(ev: Event, related: list[tuple[str, str]]) -> str:
    if BY_YEAR[ev.edition].layout == "legacy":
        return render_legacy(ev, related)
    return render_dsfr(ev, related)
