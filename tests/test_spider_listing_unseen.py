"""Programme listing pages in variants nobody has seen on the site yet.

Each case is one plausible listing page (DSFR header, menu, breadcrumb and footer around it,
whose links are never events) and what a careful reader takes from it: the event pages it
lists, in order and each once; the next listing page (or none); and, where the page shows
it, which page of how many it is. Read through the spider's own ``parse_listing``.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

import pytest
import scrapy
from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

from mipcrawl import editions
from mipcrawl.items import ListingPageItem
from spiders.programme import ProgrammeSpider

BASE = "https://www.modernisation.gouv.fr"
MIP = "/mois-de-linnovation-publique/"
L24 = BASE + MIP + "programme-2024"

HEADER = (
    '<header role="banner" class="fr-header"><div class="fr-header__body"><div class="fr-container">'
    '<div class="fr-header__brand"><a href="/" title="Accueil - modernisation.gouv.fr">'
    '<p class="fr-header__service-title">modernisation.gouv.fr</p></a></div>'
    '<div class="fr-header__tools"><div class="fr-header__tools-links"><ul class="fr-btns-group">'
    f'<li><a class="fr-btn fr-icon-calendar-line" href="{MIP}proposer-un-evenement">Proposer un événement</a></li>'
    '</ul></div></div></div></div>'
    '<div class="fr-header__menu fr-modal" id="modal-menu"><nav class="fr-nav" role="navigation" '
    'aria-label="Menu principal"><ul class="fr-nav__list">'
    f'<li class="fr-nav__item"><a class="fr-nav__link" href="{MIP[:-1]}">Le Mois</a></li>'
    f'<li class="fr-nav__item"><a class="fr-nav__link" href="{MIP}le-concept">Le concept</a></li>'
    '<li class="fr-nav__item"><button class="fr-nav__btn" aria-expanded="false" aria-controls="mm-1">Éditions'
    '</button><div class="fr-collapse fr-mega-menu" id="mm-1"><div class="fr-grid-row">'
    '<div class="fr-col-12 fr-col-lg-8 fr-mega-menu__leader"><h4 class="fr-h4">Les éditions</h4></div>'
    f'<div class="fr-col-12 fr-col-lg-3"><ul class="fr-mega-menu__list"><li><a class="fr-nav__link" '
    f'href="{MIP}bilan-de-ledition-2023">Bilan 2023</a></li><li><a class="fr-nav__link" '
    f'href="{MIP}programme-2023">Programme 2023</a></li></ul></div></div></div></li>'
    '</ul></nav></div></header>'
)
CRUMBS = (
    '<nav role="navigation" class="fr-breadcrumb" aria-label="vous êtes ici :">'
    '<button class="fr-breadcrumb__button" aria-expanded="false" aria-controls="breadcrumb-1">'
    'Voir le fil d’Ariane</button><div class="fr-collapse" id="breadcrumb-1"><ol class="fr-breadcrumb__list">'
    '<li><a class="fr-breadcrumb__link" href="/">Accueil</a></li>'
    f'<li><a class="fr-breadcrumb__link" href="{MIP[:-1]}">Mois de l\'innovation publique</a></li>'
    f'<li><a class="fr-breadcrumb__link" href="{MIP}edition-2024">Édition 2024</a></li>'
    '<li><a class="fr-breadcrumb__link" aria-current="page">Programme</a></li></ol></div></nav>'
)
FOOTER = (
    '<footer class="fr-footer" role="contentinfo" id="footer"><div class="fr-container">'
    '<div class="fr-footer__body"><ul class="fr-footer__content-list">'
    '<li><a class="fr-footer__content-link" href="https://www.legifrance.gouv.fr">legifrance.gouv.fr</a></li>'
    '<li><a class="fr-footer__content-link" href="https://www.gouvernement.fr">gouvernement.fr</a></li></ul></div>'
    '<div class="fr-footer__bottom"><ul class="fr-footer__bottom-list">'
    f'<li><a class="fr-footer__bottom-link" href="{MIP}mentions-legales">Mentions légales</a></li>'
    f'<li><a class="fr-footer__bottom-link" href="{MIP}contact">Contact</a></li></ul></div></div></footer>'
)


def page(main: str, *, head: str = "", title: str = "Programme 2024") -> str:
    """A whole DSFR document around ``main``: header with menu, breadcrumb, footer."""
    return (
        f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{title} | modernisation.gouv.fr'
        f'</title>{head}</head><body><div class="fr-skiplinks"><nav role="navigation" aria-label="Accès rapide">'
        '<ul class="fr-skiplinks__list"><li><a class="fr-link" href="#contenu">Contenu</a></li></ul></nav></div>'
        f'{HEADER}<main id="contenu" role="main"><div class="fr-container">{CRUMBS}'
        f'<h1 class="fr-h1">{title}</h1>{main}</div></main>{FOOTER}</body></html>'
    )


def card15(path: str, title: str, *, extra: str = "", cls: str = "") -> str:
    return (
        f'<div class="fr-col-12 fr-col-md-4"><div class="fr-card fr-enlarge-link {cls}">'
        '<div class="fr-card__body"><div class="fr-card__content">'
        f'<h3 class="fr-card__title"><a href="{path}">{title}</a></h3>'
        '<div class="fr-card__end"><p class="fr-card__detail fr-icon-calendar-line">Le jeudi 07/11 de 9h30 à 16h'
        f'</p></div>{extra}</div></div>'
        '<div class="fr-card__header"><div class="fr-card__img"><img class="fr-responsive-img" '
        'src="/sites/default/files/styles/card/public/mip.jpg" alt=""></div></div></div></div>'
    )


def grid(*cards: str) -> str:
    return f'<div class="fr-grid-row fr-grid-row--gutters">{"".join(cards)}</div>'


def dsfr_pager(current: int, last: int, base: str = MIP + "programme-2024", sep: str = "?") -> str:
    """DSFR pagination as the theme writes it (``current`` and ``last`` 0-based)."""
    def href(n: int) -> str:
        return base if n == 0 and sep == "?" else f"{base}{sep}page={n}"

    def link(n: int, cls: str, label: str, off: bool) -> str:
        if off:
            return f'<li><a class="fr-pagination__link {cls}" aria-disabled="true" role="link">{label}</a></li>'
        return f'<li><a class="fr-pagination__link {cls}" href="{href(n)}">{label}</a></li>'

    items = [link(0, "fr-pagination__link--first", "Première page", current == 0),
             link(current - 1, "fr-pagination__link--prev", "Page précédente", current == 0)]
    for n in range(last + 1):
        if n == current:
            items.append(f'<li><a class="fr-pagination__link" aria-current="page" title="Page {n + 1}">{n + 1}</a></li>')
        else:
            items.append(f'<li><a class="fr-pagination__link" href="{href(n)}" title="Page {n + 1}">{n + 1}</a></li>')
    items += [link(current + 1, "fr-pagination__link--next", "Page suivante", current == last),
              link(last, "fr-pagination__link--last", "Dernière page", current == last)]
    return (f'<nav role="navigation" class="fr-pagination" aria-label="Pagination">'
            f'<ul class="fr-pagination__list">{"".join(items)}</ul></nav>')


def views_row(path: str, title: str) -> str:
    """A Drupal 10 views row: a teaser node with its title in an h3 and a "Lire la suite" link."""
    return (
        '<div class="views-row"><article class="node node--type-evenement node--view-mode-teaser">'
        f'<h3 class="node__title"><a href="{path}" rel="bookmark"><span class="field field--name-title">{title}'
        '</span></a></h3><div class="node__content"><div class="field field--name-field-date">'
        '<time datetime="2024-11-12T09:00:00Z">12/11/2024 - 10:00</time></div>'
        f'<a href="{path}" class="node__readmore" hreflang="fr">Lire la suite<span class="visually-hidden"> '
        f'sur {title}</span></a></div></article></div>'
    )


@dataclass(frozen=True)
class Case:
    html: str
    url: str
    events: list[str]                  # paths (on BASE) or whole URLs, in order
    next: str | None                   # the next listing page, or None on the last one
    facts: tuple[int, int | None] | None = None   # (page, last page) when the page shows them
    year: int = 2024


def _url(u: str) -> str:
    return u if u.startswith("http") else BASE + u


CASES = [
    pytest.param(Case(
        page(grid(*(
            f'<div class="fr-col-12 fr-col-md-4"><a class="fr-card fr-enlarge-link" href="{MIP}{slug}">'
            '<div class="fr-card__body"><div class="fr-card__content">'
            f'<h3 class="fr-card__title">{title}</h3><p class="fr-card__desc">Un atelier ouvert à tous.</p>'
            '</div></div><div class="fr-card__header"><div class="fr-card__img"><img src="/a.jpg" alt=""></div>'
            '</div></a></div>'
            for slug, title in (("fresque-du-numerique-a-lille", "Fresque du numérique à Lille"),
                                ("cafe-des-labs", "Café des labs"))))),
        L24, [MIP + "fresque-du-numerique-a-lille", MIP + "cafe-des-labs"], None),
        id="whole-card-anchor"),
    pytest.param(Case(
        page(grid(*(
            '<div class="fr-col-12 fr-col-md-4"><div class="fr-card"><div class="fr-card__body">'
            f'<div class="fr-card__content"><h3 class="fr-card__title">{title}</h3>'
            '<p class="fr-card__desc">Organisé par <a href="https://www.etalab.gouv.fr">Etalab</a></p></div>'
            f'<div class="fr-card__footer"><a class="fr-card__link fr-link" href="{MIP}{slug}">En savoir plus</a>'
            '</div></div></div></div>'
            for slug, title in (("datasprint-energie", "Datasprint énergie"),
                                ("atelier-langage-clair", "Atelier langage clair"))))),
        L24, [MIP + "datasprint-energie", MIP + "atelier-langage-clair"], None),
        id="card-link-outside-the-title"),
    pytest.param(Case(
        page(grid(*(
            f'<div class="fr-col-12"><div class="fr-card fr-card--horizontal fr-card--horizontal-tier '
            f'fr-enlarge-link"><div class="fr-card__body"><div class="fr-card__content">'
            f'<h3 class="fr-card__title"><a href="{MIP}{slug}">{slug}</a></h3></div></div>'
            f'<div class="fr-card__header"><div class="fr-card__img"><a href="{MIP}{slug}" tabindex="-1">'
            '<img class="fr-responsive-img" src="/b.jpg" alt=""></a></div></div></div></div>'
            for slug in ("hackathon-sante", "table-ronde-achats", "demo-france-connect")))
             + dsfr_pager(0, 2)),
        L24, [MIP + "hackathon-sante", MIP + "table-ronde-achats", MIP + "demo-france-connect"],
        L24 + "?page=1", (0, 2)),
        id="horizontal-cards-title-and-image-link"),
    pytest.param(Case(
        page('<ul class="fr-grid-row fr-grid-row--gutters fr-raw-list">' + "".join(
            '<li class="fr-col-12 fr-col-md-6"><div class="fr-card fr-enlarge-link"><div class="fr-card__body">'
            f'<h4 class="fr-card__title"><a class="fr-card__link" href="{MIP}{slug}">{slug}</a></h4>'
            f'<ul class="fr-tags-group"><li><a class="fr-tag" href="{MIP}programme-2021?format=atelier">Atelier'
            '</a></li></ul><p class="fr-card__detail">En ligne</p></div></div></li>'
            for slug in ("webinaire-open-data", "atelier-design-de-service")) + "</ul>",
             title="Programme 2021"),
        BASE + MIP + "programme-2021", [MIP + "webinaire-open-data", MIP + "atelier-design-de-service"], None,
        year=2021),
        id="dsfr14-cards-in-a-list-with-tag-links"),
    pytest.param(Case(
        page('<div class="views-element-container"><div class="view view-programme view-id-programme '
             'view-display-id-page_1"><div class="view-content">'
             + views_row(MIP + "forum-ia-publique", "Forum IA publique")
             + views_row(MIP + "barcamp-innovation-rh", "Barcamp innovation RH") + '</div>'
             '<nav class="pager" role="navigation" aria-labelledby="pagination-heading"><ul class="pager__items '
             'js-pager__items"><li class="pager__item is-active"><a href="?page=0" title="Page courante">1</a></li>'
             '<li class="pager__item"><a href="?page=1" title="Aller à la page 2">2</a></li>'
             '<li class="pager__item pager__item--next"><a href="?page=1" rel="next">Suivant ›</a></li>'
             '<li class="pager__item pager__item--last"><a href="?page=5">Dernier »</a></li></ul></nav>'
             '</div></div>'),
        L24, [MIP + "forum-ia-publique", MIP + "barcamp-innovation-rh"], L24 + "?page=1", (0, 5)),
        id="drupal10-views-rows-pager"),
    pytest.param(Case(
        page('<div id="block-mip-content" class="block block-views block-views-blockprogramme-block-1">'
             '<div class="view view-programme"><div class="view-content">'
             + views_row(MIP + "visite-du-lab-110-bis", "Visite du 110 bis")
             + views_row(MIP + "simplificathon-2", "Simplificathon") + "</div></div></div>"),
        L24, [MIP + "visite-du-lab-110-bis", MIP + "simplificathon-2"], None),
        id="drupal10-views-block"),
    pytest.param(Case(
        page('<section class="fr-mb-6w"><h2 class="fr-h3">À la une</h2>'
             '<div class="fr-card fr-card--horizontal fr-enlarge-link"><div class="fr-card__body">'
             '<div class="fr-card__content"><h3 class="fr-card__title"><a href="/actualites/le-mois-2024-est-lance">'
             'Le Mois 2024 est lancé</a></h3></div></div></div></section>'
             '<div class="view view-programme"><div class="view-content">'
             + views_row(MIP + "conference-sobriete", "Conférence sobriété")
             + views_row(MIP + "quiz-des-agents", "Quiz des agents") + "</div></div>"),
        L24, [MIP + "conference-sobriete", MIP + "quiz-des-agents"], None),
        id="featured-news-card-above-views-rows"),
    pytest.param(Case(
        page('<section class="fr-mb-6w"><h2>À la une</h2>' + grid(
            card15(MIP + "bilan-de-ledition-2023", "Le bilan de l'édition 2023"))
             + '</section><h2>Tous les événements</h2>'
             + grid(card15(MIP + "atelier-achats-innovants", "Atelier achats innovants"),
                    card15(MIP + "portes-ouvertes-lab-zero", "Portes ouvertes du Lab Zéro"))),
        L24, [MIP + "atelier-achats-innovants", MIP + "portes-ouvertes-lab-zero"], None),
        id="featured-card-under-the-same-prefix"),
    pytest.param(Case(
        page('<div class="mip-programme"><h2 class="fr-h4">À la une</h2>'
             + grid(card15(MIP + "le-mois-2024-en-images", "Le Mois 2024 en images"))
             + '<h2 class="fr-h4">Le programme</h2>'
             + grid(card15(MIP + "atelier-accessibilite", "Atelier accessibilité"),
                    card15(MIP + "webinaire-ux", "Webinaire UX")) + "</div>"),
        L24, [MIP + "atelier-accessibilite", MIP + "webinaire-ux"], None),
        id="featured-heading-unwrapped-before-the-programme"),
    pytest.param(Case(
        page("".join(f'<section class="fr-mb-4w"><h2>{day}</h2>' + grid(*(card15(MIP + s, s) for s in slugs))
                     + "</section>" for day, slugs in (
                         ("Lundi 4 novembre", ("ouverture-du-mois", "atelier-simplification")),
                         ("Mardi 5 novembre", ("hackathon-territoires",))))),
        L24, [MIP + "ouverture-du-mois", MIP + "atelier-simplification", MIP + "hackathon-territoires"], None),
        id="cards-grouped-by-day"),
    pytest.param(Case(
        page(grid(card15(MIP + "meetup-design", "Meetup design"), card15(MIP + "debat-citoyen", "Débat citoyen"))
             + '<div class="fr-container fr-py-6w"><h2>Ces contenus peuvent vous intéresser</h2>'
             + grid(card15(MIP + "le-mois-en-chiffres", "Le Mois en chiffres"),
                    card15("/actualites/appel-a-projets", "Appel à projets")) + "</div>"),
        L24, [MIP + "meetup-design", MIP + "debat-citoyen"], None),
        id="related-content-cards-after-the-listing"),
    pytest.param(Case(
        page(grid(
            card15("atelier-relatif", "Lien relatif au chemin"),
            card15(f"{BASE}{MIP}atelier-absolu", "Lien absolu"),
            card15(f"//www.modernisation.gouv.fr{MIP}atelier-protocole", "Lien sans protocole"),
            card15(f"{MIP}atelier-relatif?utm_source=newsletter&utm_medium=email", "Lien suivi"),
            card15(f"{MIP}atelier-absolu#inscription", "Ancre"),
            card15(f"{MIP}atelier-xtor?xtor=CS1-12", "Lien marqué AT Internet"),
            card15(f"https://WWW.Modernisation.gouv.fr{MIP}atelier-protocole", "Hôte en capitales"))),
        L24, [MIP + "atelier-relatif", MIP + "atelier-absolu", MIP + "atelier-protocole", MIP + "atelier-xtor"],
        None),
        id="one-event-spelled-many-ways"),
    pytest.param(Case(
        page(grid(card15(MIP + "rencontre-des-labs", "Rencontre des labs"),
                  card15(MIP + "formation-agile", "Formation agile")),
             head=f'<link rel="prev" href="{MIP}programme-2024"><link rel="next" href="{MIP}programme-2024?page=2">'),
        L24 + "?page=1", [MIP + "rencontre-des-labs", MIP + "formation-agile"], L24 + "?page=2"),
        id="next-only-as-link-rel-in-head"),
    pytest.param(Case(
        page(grid(card15(MIP + "demo-dossier-facile", "Démo DossierFacile"))
             + f'<p class="fr-mt-4w"><a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" rel="next" '
               f'href="{MIP}programme-2024?page=3">Événements suivants</a></p>'),
        L24 + "?page=2", [MIP + "demo-dossier-facile"], L24 + "?page=3", (2, 3)),
        id="rel-next-on-a-plain-link"),
    pytest.param(Case(
        page(grid(card15(MIP + "exposition-service-public", "Exposition"))
             + '<div class="fr-btns-group fr-btns-group--center"><a class="fr-btn fr-btn--secondary" '
               'href="?page=2">Voir plus d\'événements</a></div>'),
        L24 + "?page=1", [MIP + "exposition-service-public"], L24 + "?page=2"),
        id="voir-plus-button"),
    pytest.param(Case(
        page('<div class="view view-programme"><div class="view-content">'
             + views_row(MIP + "atelier-achat-public", "Atelier achat public") + '</div>'
             '<ul class="js-pager__items pager" data-drupal-views-infinite-scroll-pager="">'
             '<li class="pager__item"><a class="button" href="?page=1" title="Charger plus" rel="next">'
             'Charger plus</a></li></ul></div>'),
        L24, [MIP + "atelier-achat-public"], L24 + "?page=1"),
        id="charger-plus-infinite-scroll"),
    pytest.param(Case(
        page(grid(card15(MIP + "table-ronde-inclusion", "Table ronde inclusion"))
             + '<nav class="fr-pagination" aria-label="Pagination"><ul class="fr-pagination__list">'
             f'<li><a class="fr-pagination__link" href="{MIP}programme-2024" title="Page 1">1</a></li>'
             '<li><a class="fr-pagination__link" aria-current="page" title="Page 2">2</a></li>'
             f'<li><a class="fr-pagination__link" href="{MIP}programme-2024?page=2" title="Page 3">3</a></li>'
             f'<li><a class="fr-pagination__link" href="{MIP}programme-2024?page=3" title="Page 4">4</a></li>'
             '</ul></nav>'),
        L24 + "?page=1", [MIP + "table-ronde-inclusion"], L24 + "?page=2", (1, 3)),
        id="page-numbers-only"),
    pytest.param(Case(
        page(grid(card15(MIP + "labo-ouvert", "Labo ouvert"))
             + dsfr_pager(0, 2, base=MIP + "programme-2024?keys=&format=All", sep="&")),
        # the pager repeats the view's empty filters: the same pages as the plain listing's
        L24, [MIP + "labo-ouvert"], L24 + "?page=1", (0, 2)),
        id="pager-links-with-empty-exposed-filters"),
    pytest.param(Case(
        page(grid(card15(MIP + "cloture-du-mois", "Clôture du Mois")) + dsfr_pager(4, 4)),
        L24 + "?page=4", [MIP + "cloture-du-mois"], None, (4, 4)),
        id="last-page-next-disabled"),
    pytest.param(Case(
        page(grid(card15(MIP + "atelier-en-ligne-1", "Atelier en ligne"),
                  card15(MIP + "atelier-en-ligne-2", "Atelier en ligne"))
             + dsfr_pager(1, 3, base=MIP + "programme-2024?format=atelier&modalite=distanciel", sep="&")),
        L24 + "?format=atelier&modalite=distanciel&page=1", [MIP + "atelier-en-ligne-1", MIP + "atelier-en-ligne-2"],
        L24 + "?format=atelier&modalite=distanciel&page=2", (1, 3)),
        id="filtered-listing-keeps-its-filters"),
    pytest.param(Case(
        page('<p class="fr-text--lead">Découvrez <a href="' + MIP + 'le-concept">le concept</a> du Mois et '
             '<a href="' + MIP + 'proposer-un-evenement">proposez un événement</a>.</p>'
             '<div class="view view-programme"><div class="view-empty"><div class="fr-callout">'
             '<p class="fr-callout__text">Aucun résultat ne correspond à votre recherche.</p>'
             f'<a class="fr-btn" href="{MIP}programme-2024">Réinitialiser les filtres</a>'
             f'<a class="fr-btn fr-btn--secondary" href="{MIP}faq-organisateurs">Organiser un événement</a>'
             '</div></div></div>'),
        L24 + "?format=hackathon", [], None, (0, None)),
        id="empty-listing-aucun-resultat"),
    pytest.param(Case(
        page('<p>Le programme de la semaine, jour par jour. <a href="' + MIP + 'le-concept">Le concept</a>.</p>'
             '<h2>Mardi 12 novembre</h2><ul><li><a href="' + MIP + 'atelier-simplification">Atelier '
             'simplification</a> — Lille</li><li><a href="' + MIP + 'forum-des-labs">Forum des labs</a> — en '
             'ligne</li></ul><h2>Mercredi 13 novembre</h2><ul><li><a href="' + MIP + 'hackathon-donnees">'
             'Hackathon données</a></li></ul>'),
        L24, [MIP + "atelier-simplification", MIP + "forum-des-labs", MIP + "hackathon-donnees"], None),
        id="plain-lists-without-cards-or-views-classes"),
    pytest.param(Case(
        page(grid(
            card15("https://www.eventbrite.fr/e/atelier-des-territoires-1234", "Atelier des territoires"),
            card15(MIP + "coproduction-usagers", "Coproduction avec les usagers",
                   extra='<ul class="fr-btns-group"><li><a class="fr-btn" href="https://www.demarches-simplifiees.fr/'
                         'commencer/mip-2024">S\'inscrire</a></li></ul>'),
            card15("https://modernisation.gouv.fr.example.org" + MIP + "faux-atelier", "Faux site"))),
        L24, [MIP + "coproduction-usagers"], None),
        id="external-registration-links"),
    pytest.param(Case(
        page(grid(
            '<div class="fr-col-12 fr-col-md-4"><div class="fr-card fr-card--download fr-enlarge-link">'
            '<div class="fr-card__body"><div class="fr-card__content"><h3 class="fr-card__title">'
            f'<a href="{MIP}programme-du-mois-2024.pdf" download>Programme complet (PDF)</a></h3>'
            '<div class="fr-card__end"><p class="fr-card__detail">PDF – 2,4 Mo</p></div></div></div></div></div>',
            card15(MIP + "atelier-fresque-du-climat", "Fresque du climat"),
            card15(MIP + "atelier-fresque-du-climat.ics", "Ajouter à mon agenda"))),
        L24, [MIP + "atelier-fresque-du-climat"], None),
        id="download-cards-pdf-and-ics"),
    pytest.param(Case(
        page(grid(*(
            '<div class="fr-col-12 fr-col-md-3"><div class="fr-tile fr-enlarge-link"><div class="fr-tile__body">'
            f'<h3 class="fr-tile__title"><a href="{MIP}{slug}">{slug}</a></h3>'
            '<p class="fr-tile__desc">En ligne</p></div></div></div>' for slug in ("quiz-rgpd", "webinaire-ia")))
             + '<div class="fr-grid-row"><div class="fr-col"><div class="fr-tile fr-enlarge-link"><div '
               f'class="fr-tile__body"><h3 class="fr-tile__title"><a href="{MIP}programme-2024?parcours=agent">'
               'Parcours agent</a></h3></div></div></div></div>'),
        L24, [MIP + "quiz-rgpd", MIP + "webinaire-ia"], None),
        id="tiles-with-a-filter-tile"),
    pytest.param(Case(
        '<!DOCTYPE html><html lang="fr"><head><title>Programme | Mois de l\'innovation publique</title></head>'
        '<body class="html not-front page-views"><div id="page"><div id="header"><ul class="menu">'
        '<li><a href="/mois-innovation-publique/le-concept">Le concept</a></li></ul></div>'
        '<div class="breadcrumb">Vous êtes ici : <a href="/">Accueil</a> › <a href="/mois-innovation-publique/'
        'edition-2020">Édition 2020</a> › Programme</div><div id="main"><div id="content" class="column">'
        '<h1 class="title">Programme</h1><div class="view view-programme"><div class="view-content">'
        '<div class="views-row views-row-1"><h2 class="node-title"><a href="/mois-innovation-publique/'
        'webinaire-data">Webinaire data</a></h2></div><div class="views-row views-row-2"><div class="views-field '
        'views-field-title"><span class="field-content"><a href="/mois-innovation-publique/atelier-usagers">'
        'Atelier usagers</a></span></div></div></div><div class="item-list"><ul class="pager">'
        '<li class="pager-previous first"><a href="/mois-innovation-publique/programme">‹ précédent</a></li>'
        '<li class="pager-current">2</li><li class="pager-next"><a href="/mois-innovation-publique/programme?'
        'page=2">suivant ›</a></li></ul></div></div></div></div><div id="footer"><a href="/mois-innovation-'
        'publique/mentions-legales">Mentions légales</a></div></div></body></html>',
        BASE + "/mois-innovation-publique/programme?page=1",
        ["/mois-innovation-publique/webinaire-data", "/mois-innovation-publique/atelier-usagers"],
        BASE + "/mois-innovation-publique/programme?page=2", (1, 2), year=2020),
        id="drupal7-views-fields-pager-next-only"),
]


@pytest.fixture
def spider() -> ProgrammeSpider:
    crawler = get_crawler(ProgrammeSpider, {"MIPCRAWL_BASE_URL": BASE + "/"})
    spider = ProgrammeSpider.from_crawler(crawler, edition="all")
    crawler.spider = spider
    return spider


def _page_of(url: str) -> int:
    value = dict(parse_qsl(urlsplit(url).query)).get("page", "0")
    return int(value)


def _filters(url: str) -> list[tuple[str, str]]:
    return [(k, v) for k, v in parse_qsl(urlsplit(url).query, keep_blank_values=True) if k != "page"]


@pytest.mark.parametrize("case", CASES)
def test_unseen_listing_variant(spider: ProgrammeSpider, case: Case) -> None:
    response = HtmlResponse(url=case.url, body=case.html.encode(), encoding="utf-8", request=Request(case.url))
    out = list(spider.parse_listing(response, edition=editions.EDITIONS[case.year]))
    [listing] = [o for o in out if isinstance(o, ListingPageItem)]
    requests = [o for o in out if isinstance(o, scrapy.Request)]
    events = [r.url for r in requests if r.callback == spider.parse_event]
    pages = [r.url for r in requests if r.callback == spider.parse_listing]

    assert listing.event_urls == [_url(e) for e in case.events]
    assert events == listing.event_urls
    if case.next is None:
        assert [p for p in pages if _page_of(p) > listing.page] == []
    else:
        assert case.next in pages
    # every other page of this listing: the same path and the same filters, never elsewhere
    assert all(urlsplit(p).path == urlsplit(case.url).path and _filters(p) == _filters(case.url) for p in pages)
    if case.facts is not None:
        assert (listing.page, listing.last_page) == case.facts


def test_cards_as_articles_on_a_page_without_main(spider: ProgrammeSpider) -> None:
    """No ``<main>``: the content is the body (furniture skipped), not the first ``<article>`` card."""
    cards = "".join(
        f'<article class="fr-card fr-enlarge-link"><div class="fr-card__body"><h3 class="fr-card__title">'
        f'<a href="{MIP}atelier-{n}">Atelier {n}</a></h3></div></article>' for n in range(3))
    html = page("").replace('<main id="contenu" role="main">', "<div>").replace("</main>", "</div>")
    html = html.replace('<h1 class="fr-h1">Programme 2024</h1>', f"<h1>Programme 2024</h1>{grid(cards)}")
    response = HtmlResponse(url=L24, body=html.encode(), encoding="utf-8", request=Request(L24))
    [listing] = [o for o in spider.parse_listing(response, edition=editions.EDITIONS[2024])
                 if isinstance(o, ListingPageItem)]
    assert listing.event_urls == [f"{BASE}{MIP}atelier-{n}" for n in range(3)]
