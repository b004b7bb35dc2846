"""Wild programme listings: each page draws its own item markup (cards of several kinds,
table rows, plain lists, teasers, "En savoir plus" links), link form and pager (numbered,
previous/next only, "load more", ``<link rel=next>`` only, a page menu, "page X sur Y", or
infinite scroll fed by a JSON endpoint). The JSON endpoint answers for every page."""

from __future__ import annotations

import json

from replica.editions import Edition, listing_url
from replica.html_common import attr, esc
from replica.html_listing import Card
from replica.wild import skeleton, words
from replica.wild.draw import FAMILIES, Classes, Draw

ITEMS = ("dsfr15", "dsfr14", "bootstrap_card", "table", "ul", "dl", "views_rows", "teasers", "more_link",
         "whole_card")
LINKS = ("path", "relative", "dot_relative", "tracking", "fragment")
PAGERS = ("dsfr", "drupal7", "bootstrap", "mini", "load_more", "rel_next", "select", "page_of", "infinite")
JSON_KEYS = (("items", "url", "next"), ("rows", "path", "next_page"), ("results", "link", "next"),
             ("data", "href", "links.next"), ("events", "view_node", "pager.next"))


def json_path(ed: Edition, page: int) -> str:
    base = f"/api/evenements/{ed.year}"
    return base if page == 0 else f"{base}?page={page}"


def _href(draw: Draw, form: str, path: str) -> str:
    slug = path.rsplit("/", 1)[-1]
    return {"path": path, "relative": slug, "dot_relative": "./" + slug,
            "tracking": f"{path}?utm_source=programme&utm_medium=liste", "fragment": f"{path}#contenu"}[form]


def _item(kind: str, cls: Classes, c: Card, href: str) -> str:
    title, when, place = esc(c.title), esc(c.when_text or ""), esc(c.place or "")
    a = f'<a href="{attr(href)}">{title}</a>'
    if kind == "dsfr15":
        return (f'<div class="fr-card fr-enlarge-link"><div class="fr-card__body"><div class="fr-card__content">'
                f'<h3 class="fr-card__title">{a}</h3><p class="fr-card__detail">{when}</p>'
                f'<p class="fr-card__detail">{place}</p></div></div></div>')
    if kind == "dsfr14":
        return (f'<div class="fr-card fr-enlarge-link"><div class="fr-card__body"><h4 class="fr-card__title">'
                f'<a class="fr-card__link" href="{attr(href)}">{title}</a></h4><p class="fr-card__detail">'
                f"{when} · {place}</p></div></div>")
    if kind == "bootstrap_card":
        return (f'<div class="col"><div class="card h-100"><div class="card-body"><h5 class="card-title">{a}</h5>'
                f'<p class="card-text">{when}<br>{place}</p></div></div></div>')
    if kind == "table":
        return f"<tr><td>{a}</td><td>{when}</td><td>{place}</td></tr>"
    if kind == "ul":
        return f"<li>{a} — {when}, {place}</li>"
    if kind == "dl":
        return f"<dt>{a}</dt><dd>{when}</dd><dd>{place}</dd>"
    if kind == "views_rows":
        return f'<div class="views-row"><span class="views-field-title">{a}</span><div>{when}</div></div>'
    if kind == "teasers":
        return (f'<article class="node node--type-evenement node--view-mode-teaser"><h2>{a}</h2>'
                f"<div>{when}</div><div>{place}</div></article>")
    if kind == "more_link":
        return (f"<div{cls('card')}><h3>{title}</h3><p>{when} – {place}</p>"
                f'<p><a href="{attr(href)}" class="more">En savoir plus<span class="visually-hidden"> sur {title}'
                f"</span></a></p></div>")
    return (f'<a class="event-card" href="{attr(href)}"><span class="event-card__title">{title}</span>'
            f'<span class="event-card__date">{when}</span></a>')


def _items(kind: str, cls: Classes, cards: list[Card], hrefs: list[str]) -> str:
    inner = "".join(_item(kind, cls, c, h) for c, h in zip(cards, hrefs, strict=True))
    if kind == "table":
        return ('<table class="views-table"><thead><tr><th>Événement</th><th>Date</th><th>Lieu</th></tr></thead>'
                f"<tbody>{inner}</tbody></table>")
    if kind == "ul":
        return f"<ul{cls('fields')}>{inner}</ul>"
    if kind == "dl":
        return f"<dl>{inner}</dl>"
    if kind == "bootstrap_card":
        return f'<div class="row row-cols-1 row-cols-md-3 g-4">{inner}</div>'
    return f'<div class="view-content">{inner}</div>'


def _numbers(page: int, last: int) -> list[int]:
    return sorted({0, last, *range(max(0, page - 2), min(last, page + 2) + 1)})


def _pager(kind: str, ed: Edition, page: int, last: int) -> tuple[str, str]:
    """(pager HTML, extra <head> markup)."""
    def url(n: int) -> str:
        return attr(listing_url(ed, n))

    has_next = page < last
    if last == 0:
        return "", ""
    if kind in ("dsfr", "drupal7", "bootstrap"):
        cls = {"dsfr": ("fr-pagination", "fr-pagination__link"), "drupal7": ("pager", "pager-item"),
               "bootstrap": ("pagination", "page-link")}[kind]
        items = "".join(f'<li><a class="{cls[1]}" href="{url(n)}">{n + 1}</a></li>' if n != page else
                        f'<li class="active"><span>{n + 1}</span></li>' for n in _numbers(page, last))
        nxt = f'<li><a class="{cls[1]}" href="{url(page + 1)}" rel="next">Suivant</a></li>' if has_next else ""
        return f'<nav aria-label="Pagination"><ul class="{cls[0]}">{items}{nxt}</ul></nav>', ""
    if kind == "mini":
        prev = f'<a href="{url(page - 1)}">‹ Précédent</a> ' if page else ""
        nxt = f'<a href="{url(page + 1)}">Suivant ›</a>' if has_next else ""
        return f'<div class="pager pager--mini">{prev}{nxt}</div>', ""
    if kind == "load_more":
        return (f'<div class="pager pager--load-more"><a class="button" href="{url(page + 1)}" rel="next">'
                "Afficher plus d'événements</a></div>" if has_next else ""), ""
    if kind == "rel_next":
        return "", f'<link rel="next" href="{url(page + 1)}">' if has_next else ""
    if kind == "select":
        options = "".join(f'<option value="{n}"{" selected" if n == page else ""}>Page {n + 1}</option>'
                          for n in range(last + 1))
        return (f'<form method="get" class="page-jump"><label for="p">Aller à la page</label>'
                f'<select id="p" name="page">{options}</select><button>OK</button></form>'), ""
    if kind == "page_of":
        nxt = f' <a href="{url(page + 1)}">Page suivante</a>' if has_next else ""
        return f"<p>Page {page + 1} sur {last + 1}{nxt}</p>", ""
    return "", ""


def render_wild_listing(ed: Edition, page: int, last: int, cards: list[Card], total: int,
                        wild_seed: int) -> tuple[str, dict]:
    draw = Draw(f"wild:{wild_seed}:listing:{ed.year}:{page}")
    cls = Classes(draw.pick("classes", FAMILIES), draw)
    kind = draw.pick("listing.items", ITEMS)
    form = draw.pick("listing.links", LINKS)
    pager = draw.pick("listing.pager", PAGERS)
    hrefs = [_href(draw, form, c.path) for c in cards]
    items = _items(kind, cls, cards, hrefs)
    if pager == "infinite" and page < last:
        items = f'<div class="js-infinite" data-infinite-url="{attr(json_path(ed, page + 1))}">{items}</div>'
    nav, head = _pager(pager, ed, page, last)
    featured = ""
    if cards and draw.chance("listing.featured", 0.3):
        featured = (f'<section class="a-la-une"><h2>À la une</h2><p><a href="{attr(cards[0].path)}">'
                    f"{esc(cards[0].title)}</a></p></section>")
    intro = (f'<p>{total} événements. <a href="/mois-de-linnovation-publique">Découvrir le concept</a> ou '
             f'<a href="/actualites/le-reseau-des-laboratoires">lire les actualités</a>.</p>')
    main = f"<h1{cls('title')}>{esc(ed.name)} : le programme</h1>{intro}{featured}{items}{nav}"
    parts = skeleton.Parts(title_tag=f"Programme - {ed.name}", site_name=draw.any(words.SITE_NAMES), head=head,
                           main=main)
    html = skeleton.render(draw.pick("skeleton", skeleton.SKELETONS), parts, cls, draw)
    return html, {"listing": listing_url(ed, page), "events": [c.path for c in cards], **draw.choices}


def render_json_page(ed: Edition, page: int, last: int, cards: list[Card], wild_seed: int) -> str:
    """The infinite-scroll endpoint of page ``page``: its events and the next page's URL."""
    draw = Draw(f"wild:{wild_seed}:json:{ed.year}")
    items_key, link_key, next_key = draw.pick("json.keys", JSON_KEYS)
    rows = [{"title": c.title, link_key: c.path, "date": c.when_text, "lieu": c.place} for c in cards]
    data: dict = {items_key: rows, "total_pages": last + 1, "current_page": page}
    nxt = json_path(ed, page + 1) if page < last else None
    if "." in next_key:
        outer, inner = next_key.split(".")
        data[outer] = {inner: nxt}
    else:
        data[next_key] = nxt
    return json.dumps(data, ensure_ascii=False, indent=None)
