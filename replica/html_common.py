"""Page skeletons of the two site generations: DSFR (2021+) and the legacy site (to 2020)."""

from __future__ import annotations

import datetime as dt
import html

from replica import vocab
from replica.editions import ATLAS_PATH, BY_YEAR, CURRENT_YEAR, HUB_PATH, LABS_OVERVIEW_PATH

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre")


def esc(text: str) -> str:
    """Text-node escaping: ``&``, ``<``, ``>`` only, so apostrophes stay as written."""
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    return html.escape(text, quote=True)


def long_date(d: dt.date) -> str:
    return f"{'1er' if d.day == 1 else d.day} {MONTHS[d.month - 1]} {d.year}"


def dsfr_stamp(published: dt.date, updated: dt.date) -> str:
    text = f"Publiée le {long_date(published)}"
    if updated > published:
        text += f" · Mise à jour le {long_date(updated)}"
    return f'<p class="fr-text--sm fr-mb-2w mip-stamp">{esc(text)}</p>'


def legacy_stamp(published: dt.date) -> str:
    return f'<div class="submitted">Publié le {published:%d.%m.%y}</div>'


def breadcrumb(items: list[tuple[str, str | None]]) -> str:
    """DSFR breadcrumb: links, then the current page without href."""
    lis = []
    for i, (label, href) in enumerate(items):
        if i == len(items) - 1:
            lis.append(f'<li><a class="fr-breadcrumb__link" aria-current="page">{esc(label)}</a></li>')
        else:
            lis.append(f'<li><a class="fr-breadcrumb__link" href="{attr(href or "/")}">{esc(label)}</a></li>')
    return (
        '<nav role="navigation" class="fr-breadcrumb" aria-label="vous êtes ici :">'
        '<button class="fr-breadcrumb__button" aria-expanded="false" aria-controls="breadcrumb-1">'
        'Voir le fil d’Ariane</button><div class="fr-collapse" id="breadcrumb-1">'
        f'<ol class="fr-breadcrumb__list">{"".join(lis)}</ol></div></nav>'
    )


_NAV = (
    ("Mois de l'innovation publique", HUB_PATH),
    ("Laboratoires d'innovation", LABS_OVERVIEW_PATH),
    ("Atlas des labs", ATLAS_PATH),
    ("Actualités", vocab.NEWS[0][1]),
)


def _dsfr_header() -> str:
    items = "".join(
        f'<li class="fr-nav__item"><a class="fr-nav__link" href="{attr(h)}" target="_self">{esc(t)}</a></li>'
        for t, h in _NAV
    )
    return (
        '<header role="banner" class="fr-header"><div class="fr-header__body"><div class="fr-container">'
        '<div class="fr-header__body-row"><div class="fr-header__brand fr-enlarge-link">'
        '<div class="fr-header__brand-top"><div class="fr-header__logo"><p class="fr-logo">République'
        '<br>Française</p></div></div><div class="fr-header__service"><a href="/" title="Accueil">'
        '<p class="fr-header__service-title">modernisation.gouv.fr</p></a>'
        '<p class="fr-header__service-tagline">Le site de la transformation publique</p></div></div>'
        '<div class="fr-header__tools"><div class="fr-header__search fr-modal" id="modal-search">'
        '<form action="/recherche" method="get"><div class="fr-search-bar" role="search">'
        '<label class="fr-label" for="search-q">Rechercher</label><input class="fr-input" id="search-q" '
        'name="keys" type="search" placeholder="Rechercher"><button class="fr-btn">Rechercher</button>'
        '</div></form></div></div></div></div></div><div class="fr-header__menu fr-modal">'
        '<div class="fr-container"><nav class="fr-nav" role="navigation" aria-label="Menu principal">'
        f'<ul class="fr-nav__list">{items}</ul></nav></div></div></header>'
    )


def _dsfr_footer() -> str:
    return (
        '<footer class="fr-footer" role="contentinfo"><div class="fr-container"><div class="fr-footer__body">'
        '<div class="fr-footer__content"><p class="fr-footer__content-desc">La direction interministérielle'
        ' de la transformation publique (DITP) accompagne les administrations.</p>'
        '<ul class="fr-footer__content-list"><li class="fr-footer__content-item"><a class="fr-footer__content-link"'
        ' href="https://www.legifrance.gouv.fr">legifrance.gouv.fr</a></li><li class="fr-footer__content-item">'
        '<a class="fr-footer__content-link" href="https://www.gouvernement.fr">gouvernement.fr</a></li></ul>'
        '</div></div><div class="fr-footer__bottom"><ul class="fr-footer__bottom-list"><li class="'
        'fr-footer__bottom-item"><a class="fr-footer__bottom-link" href="/plan-du-site">Plan du site</a></li>'
        '<li class="fr-footer__bottom-item"><a class="fr-footer__bottom-link" href="/mentions-legales">'
        'Mentions légales</a></li></ul></div></div></footer>'
    )


def dsfr_page(title: str, main: str, *, head: str = "", crumbs: str = "") -> str:
    return (
        '<!DOCTYPE html>\n<html lang="fr" data-fr-scheme="system"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1, shrink-to-fit=no">'
        f'<title>{esc(title)} | modernisation.gouv.fr</title>'
        '<link rel="stylesheet" href="/themes/custom/dsfr/dist/dsfr.min.css">'
        f'{head}</head>\n<body><div class="fr-skiplinks"><nav role="navigation" aria-label="Accès rapide">'
        '<ul class="fr-skiplinks__list"><li><a class="fr-link" href="#contenu">Contenu</a></li></ul></nav>'
        f'</div>{_dsfr_header()}\n<main id="contenu" role="main"><div class="fr-container">{crumbs}\n'
        f'{main}\n</div></main>\n{_dsfr_footer()}</body></html>\n'
    )


def legacy_page(title: str, main: str, *, crumbs: list[tuple[str, str | None]]) -> str:
    parts = [f'<a href="{attr(h)}">{esc(t)}</a>' if h else f"<span>{esc(t)}</span>" for t, h in crumbs]
    menu = "".join(
        f'<li class="leaf"><a href="{attr(BY_YEAR[y].listing_path)}">Programme {y}</a></li>' for y in (2019, 2020)
    )
    return (
        '<!DOCTYPE html>\n<html lang="fr" dir="ltr"><head><meta http-equiv="Content-Type" '
        f'content="text/html; charset=utf-8"><title>{esc(title)} | Modernisation de l\'action publique</title>'
        '<link type="text/css" rel="stylesheet" href="/sites/all/themes/sgmap/css/style.css"></head>\n'
        '<body class="html not-front page-node node-type-evenement"><div id="page"><div id="header">'
        '<a href="/" title="Accueil" id="logo"><img src="/sites/all/themes/sgmap/logo.png" alt="Accueil"></a>'
        f'<ul class="menu"><li class="first leaf"><a href="/">Accueil</a></li>{menu}</ul></div>'
        f'<div class="breadcrumb">Vous êtes ici : {" › ".join(parts)}</div>\n'
        f'<div id="main"><div id="content" class="column">{main}</div></div>\n'
        '<div id="footer"><p>© Secrétariat général pour la modernisation de l\'action publique</p></div>'
        '</div></body></html>\n'
    )


def error_page(status: int) -> bytes:
    text = "Ce contenu n'est plus disponible." if status == 410 else "Page non trouvée"
    return dsfr_page(text, f'<h1 class="fr-h1">{esc(text)}</h1><p>Erreur {status}.</p>').encode()


def current_edition_name() -> str:
    return BY_YEAR[CURRENT_YEAR].name
