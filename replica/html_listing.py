"""Programme listings (three card generations, pagination, filter widgets) and the hub."""

from __future__ import annotations

from dataclasses import dataclass

from replica import vocab
from replica.editions import EDITIONS, HUB_PATH, Edition, listing_url
from replica.html_common import attr, breadcrumb, dsfr_page, esc, legacy_page


@dataclass(frozen=True)
class Card:
    title: str
    path: str
    when_text: str | None
    place: str | None            # short place: commune, "En ligne", or the place text
    formats: tuple[str, ...]
    cancelled_badge: bool = False


def _card15(c: Card) -> str:
    tags = "".join(f'<li><p class="fr-tag fr-tag--sm">{esc(f)}</p></li>' for f in c.formats)
    when = f'<p class="fr-card__detail fr-icon-calendar-line">{esc(c.when_text)}</p>' if c.when_text else ""
    place = f'<p class="fr-card__detail fr-icon-map-pin-2-line">{esc(c.place)}</p>' if c.place else ""
    badge = ('<ul class="fr-badges-group"><li><p class="fr-badge fr-badge--error">Annulé</p></li></ul>'
             if c.cancelled_badge else "")
    return (
        '<div class="fr-col-12 fr-col-md-6 fr-col-lg-4"><div class="fr-card fr-enlarge-link">'
        '<div class="fr-card__body"><div class="fr-card__content">'
        f'<h3 class="fr-card__title"><a href="{attr(c.path)}">{esc(c.title)}</a></h3>'
        f'<div class="fr-card__start"><ul class="fr-tags-group">{tags}</ul>{when}</div>'
        f'<div class="fr-card__end">{place}</div></div></div>'
        '<div class="fr-card__header"><div class="fr-card__img"><img class="fr-responsive-img" '
        f'src="/sites/default/files/styles/card/public/mip.jpg" alt=""></div>{badge}</div></div></div>'
    )


def _card14(c: Card) -> str:
    detail = " · ".join(x for x in (c.when_text, c.place) if x)
    badge = '<p class="fr-badge fr-badge--error">Annulé</p>' if c.cancelled_badge else ""
    return (
        '<div class="fr-col-12 fr-col-md-4"><div class="fr-card fr-enlarge-link"><div class="fr-card__body">'
        f'<h4 class="fr-card__title"><a class="fr-card__link" href="{attr(c.path)}">{esc(c.title)}</a></h4>'
        f'<p class="fr-card__desc">{esc(", ".join(c.formats))}</p>{badge}'
        f'<p class="fr-card__detail">{esc(detail)}</p></div><div class="fr-card__img">'
        '<img src="/sites/default/files/mip-2021.png" class="fr-responsive-img" alt=""></div></div></div>'
    )


def _legacy_row(c: Card) -> str:
    lines = []
    if c.when_text:
        lines.append(f"<p>Date : {esc(c.when_text)}</p>")
    if c.place:
        lines.append(f"<p>Lieu : {esc(c.place)}</p>")
    return (f'<div class="views-row"><h2 class="node-title"><a href="{attr(c.path)}">{esc(c.title)}</a></h2>'
            f'{"".join(lines)}</div>')


def _page_numbers(page: int, last: int) -> list[int | None]:
    """Pages to show around the current one; None is an ellipsis."""
    shown = sorted({0, last, *range(max(0, page - 2), min(last, page + 2) + 1)})
    out: list[int | None] = []
    for n in shown:
        if out and n - out[-1] > 1:
            out.append(None)
        out.append(n)
    return out


def _pager_link(ed: Edition, n: int, cls: str, label: str, disabled: bool) -> str:
    if disabled:
        return f'<li><a class="fr-pagination__link {cls}" aria-disabled="true" role="link">{label}</a></li>'
    return f'<li><a class="fr-pagination__link {cls}" href="{attr(listing_url(ed, n))}">{label}</a></li>'


def dsfr_pagination(ed: Edition, page: int, last: int) -> str:
    if last == 0:
        return ""
    items = [_pager_link(ed, 0, "fr-pagination__link--first", "Première page", page == 0),
             _pager_link(ed, page - 1, "fr-pagination__link--prev", "Page précédente", page == 0)]
    for n in _page_numbers(page, last):
        if n is None:
            items.append('<li><span class="fr-pagination__link fr-displayed-lg">…</span></li>')
        elif n == page:
            items.append(f'<li><a class="fr-pagination__link" aria-current="page" title="Page {n + 1}">{n + 1}</a></li>')
        else:
            items.append(f'<li><a class="fr-pagination__link" href="{attr(listing_url(ed, n))}" '
                         f'title="Page {n + 1}">{n + 1}</a></li>')
    items += [_pager_link(ed, page + 1, "fr-pagination__link--next", "Page suivante", page == last),
              _pager_link(ed, last, "fr-pagination__link--last", "Dernière page", page == last)]
    return (f'<nav role="navigation" class="fr-pagination" aria-label="Pagination">'
            f'<ul class="fr-pagination__list">{"".join(items)}</ul></nav>')


def legacy_pager(ed: Edition, page: int, last: int) -> str:
    if last == 0:
        return ""
    items = []
    if page > 0:
        items.append(f'<li class="pager-first first"><a href="{attr(listing_url(ed, 0))}">« premier</a></li>')
        items.append(f'<li class="pager-previous"><a href="{attr(listing_url(ed, page - 1))}">‹ précédent</a></li>')
    for n in _page_numbers(page, last):
        if n is None:
            items.append('<li class="pager-ellipsis">…</li>')
        elif n == page:
            items.append(f'<li class="pager-current">{n + 1}</li>')
        else:
            items.append(f'<li class="pager-item"><a href="{attr(listing_url(ed, n))}">{n + 1}</a></li>')
    if page < last:
        items.append(f'<li class="pager-next"><a href="{attr(listing_url(ed, page + 1))}">suivant ›</a></li>')
        items.append(f'<li class="pager-last last"><a href="{attr(listing_url(ed, last))}">dernier »</a></li>')
    return f'<div class="item-list"><ul class="pager">{"".join(items)}</ul></div>'


def _filters(ed: Edition) -> str:
    formats = "".join(f'<option value="{attr(f.lower())}">{esc(f)}</option>' for f in vocab.FORMATS)
    return (
        f'<form class="fr-mb-4w mip-filters" method="get" action="{attr(ed.listing_path)}">'
        '<div class="fr-select-group"><label class="fr-label" for="f-format">Format</label>'
        f'<select class="fr-select" id="f-format" name="format"><option value="">Tous</option>{formats}</select></div>'
        '<div class="fr-select-group"><label class="fr-label" for="f-mode">Modalité</label>'
        '<select class="fr-select" id="f-mode" name="modalite"><option value="">Toutes</option>'
        '<option value="presentiel">Présentiel</option><option value="distanciel">En ligne</option></select></div>'
        '<div class="fr-input-group"><label class="fr-label" for="f-q">Mot-clé</label>'
        '<input class="fr-input" id="f-q" name="q" type="text"></div>'
        '<button class="fr-btn fr-btn--secondary" type="submit">Filtrer</button></form>'
    )


def render_listing(ed: Edition, page: int, last: int, cards: list[Card], total: int) -> str:
    title = f"Programme {ed.year}" if not ed.is_current else "Programme"
    if ed.layout == "legacy":
        rows = "\n".join(_legacy_row(c) for c in cards)
        main = (f'<h1 class="title">{esc(ed.name)} : le programme</h1><p>{total} événements</p>'
                f'<div class="view view-programme"><div class="view-content">\n{rows}\n</div>'
                f'{legacy_pager(ed, page, last)}</div>')
        crumbs = [("Accueil", "/"), (ed.short_name, None)]
        return legacy_page(f"Programme - {ed.name}", main, crumbs=crumbs)
    render = _card15 if ed.layout == "dsfr15" else _card14
    grid = "\n".join(render(c) for c in cards)
    main = (f'<h1 class="fr-h1">{esc(ed.name)} : le programme</h1>'
            f'<p class="fr-text--lead">Du {ed.start.day} au {ed.end.day} novembre {ed.year}, '
            f'{total} événements partout en France et en ligne.</p>{_filters(ed)}'
            f'<div class="fr-grid-row fr-grid-row--gutters mip-programme">\n{grid}\n</div>'
            f'{dsfr_pagination(ed, page, last)}')
    crumbs = breadcrumb([("Accueil", "/"), (ed.short_name, HUB_PATH), (title, None)])
    return dsfr_page(f"{title} - {ed.name}", main, crumbs=crumbs)


def render_hub() -> str:
    cards = "".join(
        '<div class="fr-col-12 fr-col-md-3"><div class="fr-tile fr-enlarge-link"><div class="fr-tile__body">'
        f'<h3 class="fr-tile__title"><a href="{attr(e.listing_path)}">Programme {e.year}</a></h3>'
        f'<p class="fr-tile__desc">{esc(e.name)} ({e.number}e édition)</p></div></div></div>'
        for e in reversed(EDITIONS)
    )
    main = ('<h1 class="fr-h1">Le Mois de l\'innovation publique</h1><p class="fr-text--lead">Chaque '
            'année en novembre, des centaines d\'événements pour découvrir l\'innovation publique.</p>'
            f'<div class="fr-grid-row fr-grid-row--gutters">{cards}</div>')
    crumbs = breadcrumb([("Accueil", "/"), ("Mois de l'innovation publique", None)])
    return dsfr_page("Mois de l'innovation publique", main, crumbs=crumbs)
