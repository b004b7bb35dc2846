"""Lab sheets (current and 2022 Atlas), the labs overview, the home page, news, robots.txt."""

from __future__ import annotations

import datetime as dt

from replica import vocab
from replica.editions import ATLAS_PATH, CURRENT_YEAR, HUB_PATH, LABS_OVERVIEW_PATH
from replica.html_common import attr, breadcrumb, dsfr_page, dsfr_stamp, esc
from replica.labs import ATLAS_LINKS_SHEET, SECTIONS, Lab

ATLAS_DAY = dt.date(2022, 9, 1)
ROBOTS = "User-agent: *\nDisallow: /_replica/\nDisallow: /admin\nDisallow: /user/\nAllow: /\n"
SECTION_TEXT = (
    "<p>Le laboratoire accompagne les services de l'État et leurs partenaires :</p><ul>"
    "<li>design de service et immersion auprès des usagers ;</li><li>ateliers d'intelligence collective ;"
    "</li><li>prototypage et test de solutions.</li></ul>",
    "<p>Ses missions : diffuser la culture de l'innovation, outiller les agents, accompagner des projets"
    " de transformation et animer le réseau régional des innovateurs.</p>",
    "<p>Le laboratoire intervient auprès des services déconcentrés de l'État de la région, des opérateurs"
    " et, sur demande, des collectivités territoriales.</p>",
    "<ul><li>Refonte de l'accueil des usagers en sous-préfecture</li><li>Simplification d'un formulaire"
    " de demande d'aide</li><li>Parcours d'intégration des nouveaux agents</li></ul>",
)


def lab_dates(lab: Lab) -> tuple[dt.date, dt.date]:
    """Published, updated: a sheet changed during the month was updated on its last change's day."""
    updated = dt.date(2025, 6, 2 + len(lab.first.name))
    if lab.changes:
        updated = dt.date(CURRENT_YEAR, 11, max(c.day for c in lab.changes))
    return dt.date(max(lab.created, 2023), 3, 14), updated


def atlas_day(lab: Lab) -> dt.date:
    """The atlas page links the current sheet: it changed when the sheet moved."""
    moves = [day for day, _path in lab.moved_from()] if lab.id in ATLAS_LINKS_SHEET else []
    return dt.date(CURRENT_YEAR, 11, max(moves)) if moves else ATLAS_DAY


def _lead(lab: Lab) -> str:
    plain = lab.name.lower().startswith(("la ", "l'"))
    subject = f"le laboratoire {lab.name}" if plain else f"le {lab.name}"
    if lab.former_names:
        subject += f" (anciennement {', '.join(lab.former_names)})"
    return f"Créé en {lab.created}, {subject} est porté par {lab.host}. Il est installé à {lab.seat}."


def _related_cards() -> str:
    items = "".join(
        '<div class="fr-col-12 fr-col-md-4"><div class="fr-card fr-enlarge-link"><div class="fr-card__body">'
        f'<div class="fr-card__content"><h3 class="fr-card__title"><a href="{attr(h)}">{esc(t)}</a></h3>'
        '<p class="fr-card__desc">Actualité</p></div></div></div></div>' for t, h in vocab.NEWS
    )
    return ('<section class="fr-py-4w mip-related"><h2>Sur le même sujet</h2>'
            f'<div class="fr-grid-row fr-grid-row--gutters">{items}</div></section>')


def render_lab(lab: Lab) -> str:
    published, updated = lab_dates(lab)
    tags = "".join(f'<li><p class="fr-tag">{esc(t)}</p></li>' for t in lab.tags)
    sections = "".join(f"<h2>{esc(s)}</h2>{SECTION_TEXT[i]}" for i, s in enumerate(SECTIONS))
    main = (
        '<article class="mip-lab"><p class="fr-text--sm mip-category">Laboratoire | Coconstruire l\'action '
        f'publique · Piloter par l\'impact</p><h1 class="fr-h1">{esc(lab.title)}</h1>'
        f'{dsfr_stamp(published, updated)}<ul class="fr-tags-group">{tags}</ul>'
        f'<p class="fr-text--lead">{esc(_lead(lab))}</p>{sections}</article>{_related_cards()}'
    )
    crumbs = breadcrumb([("Accueil", "/"), ("Campus de la transformation publique", LABS_OVERVIEW_PATH),
                         ("Laboratoires d'innovation", LABS_OVERVIEW_PATH), (lab.title, None)])
    return dsfr_page(lab.title, main, crumbs=crumbs)


def render_overview(labs: list[Lab]) -> str:
    cards = "".join(
        '<div class="fr-col-12 fr-col-md-4"><div class="fr-card fr-enlarge-link"><div class="fr-card__body">'
        f'<div class="fr-card__content"><h3 class="fr-card__title"><a href="{attr(lab.path)}">'
        f'{esc(lab.title)}</a></h3><p class="fr-card__desc">{esc(lab.name)}</p></div></div></div></div>'
        for lab in labs
    )
    main = ('<h1 class="fr-h1">Les laboratoires d\'innovation territoriale</h1><p class="fr-text--lead">'
            f'{len(labs)} laboratoires interministériels accompagnent les administrations en région.</p>'
            f'<div class="fr-grid-row fr-grid-row--gutters">{cards}</div>{_related_cards()}')
    crumbs = breadcrumb([("Accueil", "/"), ("Accompagner les administrations", "/"),
                         ("Laboratoires interministériels", None)])
    return dsfr_page("Laboratoires interministériels", main, crumbs=crumbs)


def render_atlas_index(labs: list[Lab]) -> str:
    items = "".join(
        f'<li><a class="fr-link" href="{attr(lab.atlas_path)}">{esc(lab.atlas_name)}</a></li>'
        for lab in labs if lab.atlas_path
    )
    main = f'<h1>Atlas des labs</h1><p>Le réseau des laboratoires d\'innovation en 2022.</p><ul>{items}</ul>'
    return dsfr_page("Atlas des labs", main, crumbs=breadcrumb([("Accueil", "/"), ("Atlas des labs", None)]))


def render_atlas_sheet(lab: Lab) -> str:
    """The 2022 sheet: an older name spelling and a "Label : value" block; some were given a
    link to the current sheet."""
    name = lab.atlas_name
    link = ""
    if lab.id in ATLAS_LINKS_SHEET:
        link = (f'<p class="fr-text--sm">Cette fiche n\'est plus mise à jour : <a href="{attr(lab.path)}">'
                'retrouvez le laboratoire sur sa nouvelle fiche</a>.</p>')
    main = (
        f'{link}<h1>{esc(name)}</h1><div class="fr-highlight"><p>Région : {esc(lab.region_text)}</p>'
        f'<p>Structure porteuse : {esc(lab.host)}</p><p>Date de création : {lab.created}</p></div>'
        f'<p>{esc(_lead(lab.first))}</p><h2>{esc(SECTIONS[1])}</h2>{SECTION_TEXT[1]}'
        f'<p><a href="{attr(ATLAS_PATH)}">Retour à l\'atlas</a></p>'
    )
    return dsfr_page(name, main, crumbs=breadcrumb([("Accueil", "/"), ("Atlas des labs", ATLAS_PATH), (name, None)]))


def render_home() -> str:
    main = ('<h1 class="fr-h1">Direction interministérielle de la transformation publique</h1><ul>'
            f'<li><a href="{HUB_PATH}">Le Mois de l\'innovation publique</a></li>'
            f'<li><a href="{LABS_OVERVIEW_PATH}">Les laboratoires d\'innovation territoriale</a></li>'
            f'<li><a href="{ATLAS_PATH}">Atlas des labs (2022)</a></li></ul>')
    return dsfr_page("Accueil", main)


def render_news(title: str) -> str:
    main = f'<h1 class="fr-h1">{esc(title)}</h1><p>{esc(vocab.SENTENCES[0])}</p>'
    return dsfr_page(title, main, crumbs=breadcrumb([("Accueil", "/"), ("Actualités", None)]))
