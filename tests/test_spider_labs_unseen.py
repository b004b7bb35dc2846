"""Lab sheets in variants nobody has seen on the site yet (Drupal 9/10 + DSFR, Drupal 7).

Each case is one plausible sheet and what a careful reader takes from it: facts in a ``dl``
or a callout, other label wordings, the région written in several ways, tags as comma text,
sections under h2 or h3 or in an accordion, the name only in ``<title>``/``og:title``, and
related content about other labs that must not be read as this lab's.
"""

from __future__ import annotations

import dataclasses
import json

import pytest
from scrapy.http import HtmlResponse, Request

from pipelines.normalize import normalize_lab
from spiders.extract.lab import read_lab

BASE = "https://www.modernisation.gouv.fr"
URL = BASE + "/campus-de-la-transformation-publique/laboratoires-innovation/un-laboratoire"

DSFR_HEADER = ('<header role="banner" class="fr-header"><div class="fr-header__body">'
               '<p class="fr-header__service-title">modernisation.gouv.fr</p></div>'
               '<nav class="fr-nav" role="navigation"><ul class="fr-nav__list"><li><a class="fr-nav__link" '
               'href="/laboratoires">Région : Corse · Créé en 2001</a></li></ul></nav></header>')
DSFR_CRUMBS = ('<nav class="fr-breadcrumb" aria-label="vous êtes ici :"><ol class="fr-breadcrumb__list">'
               '<li><a class="fr-breadcrumb__link" href="/">Accueil</a></li>'
               '<li><a class="fr-breadcrumb__link" aria-current="page">Laboratoire de Corse - Lab Corsica</a>'
               '</li></ol></nav>')
DSFR_FOOTER = ('<footer class="fr-footer" role="contentinfo"><div class="fr-footer__body"><p>Créé en 1998 · '
               'Hébergé par la DINUM · Région : La Réunion</p></div></footer>')
D7_HEADER = ('<div id="header"><div class="region region-header"><ul class="menu"><li>'
             '<a href="/laboratoires">Atlas des labs</a></li></ul></div></div>')
D7_FOOTER = '<div id="footer"><p>Région : nulle part · Créé en 1998</p></div>'


def page(main: str, *, head: str = "", dsfr: bool = True, title: str = "Un laboratoire | modernisation.gouv.fr"
         ) -> str:
    """A whole document around ``main``: header, menu, breadcrumb and footer as the theme has them."""
    if dsfr:
        body = (f'{DSFR_HEADER}<main id="contenu" role="main"><div class="fr-container">{DSFR_CRUMBS}'
                f'{main}</div></main>{DSFR_FOOTER}')
    else:
        body = (f'{D7_HEADER}<div id="main"><div class="breadcrumb"><a href="/">Accueil</a> » Atlas</div>'
                f'<div class="region region-content">{main}</div></div>{D7_FOOTER}')
    return (f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{title}</title>{head}</head>'
            f'<body class="html not-front sidebar-first">{body}</body></html>')


def extract(html: str):
    return read_lab(HtmlResponse(url=URL, body=html.encode(), encoding="utf-8", request=Request(URL)))


CASES = [
    pytest.param(page(        # issue 15: a theme without <header> sets the site's name in an <h1> linking home
        '<div><h1><a href="/" rel="home">modernisation.gouv.fr</a></h1></div>'
        "<h1>Laboratoire de Bretagne - Ti Lab</h1><p>Créé en 2017, le Ti Lab est porté par le SGAR Bretagne.</p>"),
        {"name": "Ti Lab", "region_text": "Bretagne", "region_code": "53"},
        id="site-name-h1-first"),
    pytest.param(page(
        '<h1 class="fr-h1">Ti Lab</h1>'
        '<dl class="mip-lab-facts"><dt>Région</dt><dd>Bretagne</dd><dt>Structure porteuse</dt>'
        '<dd>SGAR Bretagne et Région Bretagne</dd><dt>Année de création</dt><dd>2017</dd></dl>'
        '<h2>Nos missions</h2><p>Accompagner les services de l\'État en Bretagne.</p>'),
        {"name": "Ti Lab", "region_text": "Bretagne", "host": "SGAR Bretagne et Région Bretagne",
         "created_text": "2017", "region_code": "53", "section_keys": ["Nos missions"]},
        id="dl-facts"),
    pytest.param(page(
        '<h1 class="fr-h1">Laboratoire des Hauts-de-France - SIILAB</h1>'
        '<div class="fr-callout"><h3 class="fr-callout__title">Le lab en bref</h3><p class="fr-callout__text">'
        'Territoire : Hauts-de-France<br>Structure de rattachement : DRJSCS Hauts-de-France<br>'
        'Date de création : 2016</p></div>'
        '<h2>Ses missions</h2><p>Diffuser la culture de l\'innovation.</p>'
        '<h2>Ses projets</h2><ul><li>Accueil en sous-préfecture</li></ul>'),
        {"name": "SIILAB", "region_text": "Hauts-de-France", "host": "DRJSCS Hauts-de-France",
         "created_text": "2016", "region_code": "32", "section_keys": ["Ses missions", "Ses projets"]},
        id="callout-facts-br"),
    pytest.param(page(
        '<h1 class="fr-h1">Lab\'O</h1>'
        '<ul class="fr-list"><li><strong>Région :</strong> Midi-Pyrénées</li>'
        '<li><strong>Porteur :</strong> la préfecture de la région Occitanie</li>'
        '<li><strong>Créé en</strong> 2017</li></ul>'
        '<h2>Missions</h2><p>Le laboratoire accompagne les administrations.</p>'),
        {"name": "Lab'O", "region_text": "Midi-Pyrénées", "region_code": "76",
         "host": "préfecture de la région Occitanie", "created_text": "2017"},
        id="old-region-name-strong-labels"),
    pytest.param(page(
        '<h1 class="fr-h1">Le lab de la région Normandie</h1>'
        '<p class="fr-text--lead">Créé en 2018, le laboratoire est hébergé par la préfecture de région.</p>'
        '<h2>Nos réalisations</h2><p>Un parcours d\'accueil des nouveaux agents.</p>'),
        {"name": "Le lab de la région Normandie", "region_text": "Normandie", "region_code": "28",
         "created_text": "Créé en 2018, le laboratoire est hébergé par la préfecture de région",
         "year_created": 2018, "host": "préfecture de région"},
        id="region-inside-name"),
    pytest.param(page(
        '<h1 class="fr-h1">Laboratoire du Grand Est - Lab\'EST</h1>'
        '<p class="fr-text--lead">Le laboratoire d\'innovation territoriale du Grand Est.</p>'
        '<p>Thématiques : Qualité de service, Données, Design de service</p>'
        '<h2>Projets phares</h2><p>Un tableau de bord des délais.</p>'),
        {"name": "Lab'EST", "region_text": "Grand Est", "region_code": "44",
         "tags": ["Qualité de service", "Données", "Design de service"], "section_keys": ["Projets phares"]},
        id="tags-comma-text"),
    pytest.param(page(
        '<h1 class="fr-h1">Laboratoire d\'Auvergne-Rhône-Alpes - La Base</h1>'
        '<ul class="fr-tags-group"><li><a class="fr-tag" href="/thematique/prototypage">Prototypage</a></li>'
        '<li><a class="fr-tag" href="/thematique/qualite">Qualité de service</a></li></ul>'
        '<p class="fr-text--lead">Créée en 2017, La Base est portée par le SGAR Auvergne-Rhône-Alpes.</p>'
        '<h2>L\'équipe</h2><p>Trois designers et une cheffe de projet.</p>'
        '<h2>Nous contacter</h2><p>Écrivez-nous : <a href="mailto:labase@auvergne-rhone-alpes.gouv.fr">'
        'labase@auvergne-rhone-alpes.gouv.fr</a></p>'),
        {"name": "La Base", "region_text": "Auvergne-Rhône-Alpes", "region_code": "84",
         "host": "SGAR Auvergne-Rhône-Alpes",
         "created_text": "Créée en 2017, La Base est portée par le SGAR Auvergne-Rhône-Alpes",
         "tags": ["Prototypage", "Qualité de service"], "section_keys": ["L'équipe", "Nous contacter"],
         "section_has": {"Nous contacter": "labase@auvergne-rhone-alpes.gouv.fr"}},
        id="fr-tag-links-and-mailto-contact"),
    pytest.param(page(
        '<h1 class="fr-h1">Laboratoire de Nouvelle-Aquitaine - InSo Lab</h1>'
        '<p class="fr-text--lead">Le laboratoire des sciences comportementales de la région.</p>'
        '<h3>Nos missions</h3><p>Tester des messages plus clairs.</p>'
        '<h3>Nos réalisations</h3><ul><li>Relances d\'impayés</li><li>Courriers simplifiés</li>'
        '<li>Lancé en 2021 avec la CAF : un simulateur de droits</li></ul>'
        '<div class="fr-callout"><h3 class="fr-callout__title">Contact</h3><p class="fr-callout__text">'
        '<a href="mailto:insolab@nouvelle-aquitaine.gouv.fr">Écrire au lab</a></p></div>'),
        {"name": "InSo Lab", "region_code": "75", "created_text": None, "host": None,
         "section_keys": ["Nos missions", "Nos réalisations", "Contact"],
         "section_has": {"Nos réalisations": "Courriers simplifiés",
                         "Contact": "insolab@nouvelle-aquitaine.gouv.fr"}},
        id="sections-h3"),
    pytest.param(page(
        '<h1 class="fr-h1">Laboratoire des Pays de la Loire - LabArchipel</h1>'
        '<div class="fr-callout"><h3 class="fr-callout__title">Le lab en bref</h3>'
        '<p class="fr-callout__text">Hébergé par le SGAR des Pays de la Loire</p>'
        '<p class="fr-callout__text">Créé en 2019</p></div>'
        '<div class="fr-accordions-group">'
        '<section class="fr-accordion"><h3 class="fr-accordion__title"><button class="fr-accordion__btn" '
        'aria-expanded="false" aria-controls="acc-1">Ses missions</button></h3>'
        '<div class="fr-collapse" id="acc-1"><p>Accompagner les projets de transformation.</p></div></section>'
        '<section class="fr-accordion"><h3 class="fr-accordion__title"><button class="fr-accordion__btn" '
        'aria-expanded="false" aria-controls="acc-2">Ses projets</button></h3>'
        '<div class="fr-collapse" id="acc-2"><ul><li>Un guichet unique des aides</li></ul></div></section>'
        '<section class="fr-accordion"><h3 class="fr-accordion__title"><button class="fr-accordion__btn" '
        'aria-expanded="false" aria-controls="acc-3">Son équipe</button></h3>'
        '<div class="fr-collapse" id="acc-3"><p>Contact : <a href="mailto:labarchipel@pays-de-la-loire.gouv.fr">'
        'labarchipel@pays-de-la-loire.gouv.fr</a></p></div></section></div>'),
        {"name": "LabArchipel", "region_text": "Pays de la Loire", "region_code": "52",
         "host": "SGAR des Pays de la Loire", "created_text": "Créé en 2019", "year_created": 2019,
         "section_keys": ["Le lab en bref", "Ses missions", "Ses projets", "Son équipe"],
         "section_has": {"Ses projets": "Un guichet unique des aides",
                         "Son équipe": "labarchipel@pays-de-la-loire.gouv.fr"}},
        id="accordion-sections"),
    pytest.param(page(
        '<div class="mip-lab"><p class="fr-text--lead">Créé en 2017, le lab est porté par le SGAR Occitanie.</p>'
        '<h2>Missions</h2><p>Diffuser la culture de l\'innovation.</p></div>',
        head='<meta property="og:title" content="Laboratoire d\'Occitanie - Lab\'O">',
        title="Laboratoire d'Occitanie - Lab'O | modernisation.gouv.fr"),
        {"name": "Lab'O", "region_text": "Occitanie", "region_code": "76", "host": "SGAR Occitanie",
         "year_created": 2017},
        id="name-in-og-title-only"),
    pytest.param(page(
        '<p class="fr-text--lead">Le laboratoire accompagne les services de l\'État en Corse.</p>'
        '<h2>Missions</h2><p>Outiller les agents.</p>',
        title="Lab Corsica | modernisation.gouv.fr"),
        {"name": "Lab Corsica"},
        id="name-in-title-only"),
    pytest.param(page(
        '<h1 class="fr-h1">Laboratoire de Bretagne - Ti Lab</h1>'
        '<p class="fr-text--lead">Créé en 2017, le Ti Lab est porté par le SGAR Bretagne et la Région.</p>'
        '<h2>Missions</h2><p>Accompagner les administrations.</p>'
        '<div class="fr-grid-row fr-grid-row--gutters"><div class="fr-col-md-4"><div class="fr-tile fr-enlarge-link">'
        '<div class="fr-tile__body"><h3 class="fr-tile__title"><a href="/laboratoires/labo">Lab\'O</a></h3>'
        '<p class="fr-tile__desc">Région : Occitanie · Créé en 2019</p></div></div></div></div>'),
        {"name": "Ti Lab", "region_text": "Bretagne", "year_created": 2017, "section_keys": ["Missions"],
         "not_in": ["Occitanie", "2019", "Lab'O"]},
        id="related-tiles-after-sections"),
    pytest.param(page(
        '<h1 class="fr-h1">La Fabrique RH</h1>'
        '<p class="fr-text--lead">La Fabrique RH est hébergée par la PFRH de Bourgogne-Franche-Comté.</p>'
        '<h2>Nos missions</h2><p>Innover dans la gestion des ressources humaines.</p>'
        '<h2>Les autres laboratoires du réseau</h2>'
        '<ul><li><a href="/laboratoires/labo">Lab\'O</a> — Région : Occitanie — Créé en 2019</li>'
        '<li><a href="/laboratoires/tilab">Ti Lab</a> — Région : Bretagne — Créé en 2017</li></ul>'),
        {"name": "La Fabrique RH", "host": "PFRH de Bourgogne-Franche-Comté", "region_text": None,
         "created_text": None, "section_keys": ["Nos missions"], "not_in": ["Occitanie", "2019", "Lab'O"]},
        id="unwrapped-other-labs-list"),
    pytest.param(page(
        '<h1 class="fr-h1">Laboratoire de Provence-Alpes-Côte d\'Azur - Lab Zéro</h1>'
        '<p class="fr-text--lead">Un laboratoire au service des agents publics de la région.</p>'),
        {"name": "Lab Zéro", "region_text": "Provence-Alpes-Côte d'Azur", "region_code": "93", "sections": {}},
        id="no-sections"),
    pytest.param(page(
        '<h1 class="page-title">KaruLab</h1>'
        '<div class="field field-name-field-region field-type-taxonomy-term-reference field-label-inline clearfix">'
        '<div class="field-label">Région :&nbsp;</div><div class="field-items"><div class="field-item even">'
        'Île-de-France</div></div></div>'
        '<div class="field field-name-field-porteur field-label-inline clearfix"><div class="field-label">'
        'Hébergé par :&nbsp;</div><div class="field-items"><div class="field-item even">Préfecture de Paris'
        '</div></div></div>'
        '<div class="field field-name-field-thematiques field-label-above"><div class="field-label">'
        'Thématiques :&nbsp;</div><div class="field-items"><div class="field-item even"><a href="/taxonomy/term/3">'
        'Design</a></div><div class="field-item odd"><a href="/taxonomy/term/9">Données</a></div></div></div>'
        '<div class="field field-name-body"><p>Le laboratoire accompagne les administrations franciliennes.</p></div>',
        dsfr=False),
        {"name": "KaruLab", "region_text": "Île-de-France", "region_code": "11", "host": "Préfecture de Paris",
         "tags": ["Design", "Données"], "not_in": ["nulle part", "1998"]},
        id="drupal7-fields"),
    pytest.param(page(
        '<h1 class="fr-h1">Laboratoire de Centre-Val de Loire - LAB\'L</h1>'
        '<div class="paragraph paragraph--type--titre"><h2>Nos missions</h2></div>'
        '<div class="paragraph paragraph--type--texte"><p>Accompagner les services déconcentrés.</p></div>'
        '<div class="paragraph paragraph--type--titre"><h2>Projets phares</h2></div>'
        '<div class="paragraph paragraph--type--texte"><ul><li>Refonte de l\'accueil</li></ul></div>'),
        {"name": "LAB'L", "region_code": "24",
         "sections": {"Nos missions": "Accompagner les services déconcentrés.",
                      "Projets phares": "- Refonte de l'accueil"}},
        id="paragraph-wrapped-headings"),
    pytest.param(page(
        '<h1 class="fr-h1">Lab\'Réunion</h1>'
        '<div class="fr-highlight"><p>Région : La Réunion</p><p>Hébergé par le SGAR de La Réunion</p>'
        '<p>Créé en 2023</p></div>'
        '<h2>Missions</h2><p>Un projet lancé en 2024 avec la CAF.</p>'),
        {"name": "Lab'Réunion", "region_text": "La Réunion", "region_code": "04",
         "host": "SGAR de La Réunion", "created_text": "Créé en 2023", "year_created": 2023},
        id="fact-lines-without-colon"),
    pytest.param(page(
        '<h1 class="fr-h1">Lab Corsica</h1>'
        '<ul class="fr-badges-group"><li><p class="fr-badge">Corse</p></li></ul>'
        '<p>Territoire : Corse</p><p>Depuis 2021</p><p>Rattachement : Préfecture de Corse</p>'
        '<h2>Ses missions</h2><p>Le lab a ouvert un tiers-lieu en 2022.</p>'),
        {"region_text": "Corse", "region_code": "94", "created_text": "Depuis 2021",
         "host": "Préfecture de Corse"},
        id="depuis-and-rattachement"),
    pytest.param(page(
        '<h1 class="fr-h1">Laboratoire de Bourgogne-Franche-Comté - La Fabrique RH</h1>'
        '<table class="fr-table"><tbody><tr><th>Structure porteuse</th><td>PFRH Bourgogne-Franche-Comté</td></tr>'
        '<tr><th>Date de création</th><td>2020</td></tr></tbody></table>'
        '<h2>Nos missions</h2><p>Accompagner les managers.</p>'),
        {"name": "La Fabrique RH", "region_code": "27", "host": "PFRH Bourgogne-Franche-Comté",
         "created_text": "2020"},
        id="facts-table"),
    pytest.param(page(
        '<h1 class="fr-h1">Laboratoire d\'Île-de-France - Lab\'IDF</h1>'
        '<p class="fr-text--lead">Le laboratoire francilien de l\'État.</p>'
        '<p>Date de création : 2021</p>'
        '<h2>Nos missions</h2><p>Accompagner les préfectures.</p>'),
        {"created_text": "2021", "year_created": 2021, "region_code": "11"},
        id="labelled-year-normalised"),
    pytest.param(page(
        '<h1 class="fr-h1">Laboratoire de Bretagne - Ti Lab</h1>'
        '<p class="fr-text--lead">Créée en 2017 par le SGAR, l\'équipe du Ti Lab accompagne les services.</p>'),
        {"created_text": "Créée en 2017 par le SGAR, l'équipe du Ti Lab accompagne les services",
         "year_created": 2017},
        id="feminine-creee-normalised"),
    pytest.param(page(
        '<h1 class="fr-h1">Laboratoire de Normandie - Etat\'LIN</h1>'
        '<p class="fr-text--lead">Le laboratoire d\'innovation territoriale de Normandie.</p>'
        '<h2><span class="fr-icon-team-line" aria-hidden="true"></span> Son équipe</h2>'
        '<p>Deux designers de service.</p>'
        '<section class="fr-py-4w"><h2>À lire aussi</h2><div class="fr-card"><div class="fr-card__body">'
        '<h3 class="fr-card__title">Laboratoire des Hauts-de-France - SIILAB</h3>'
        '<p class="fr-card__desc">Créé en 2016, le SIILAB est porté par la DRJSCS.</p>'
        '<a class="fr-card__link" href="/laboratoires/siilab">Lire</a></div></div></section>'),
        {"name": "Etat'LIN", "region_text": "Normandie", "host": None, "created_text": None,
         "section_keys": ["Son équipe"], "not_in": ["SIILAB", "DRJSCS", "2016"]},
        id="icon-heading-and-a-lire-aussi"),
    pytest.param(page(
        '<h1 class="fr-h1">Laboratoire de Martinique - Lab Madinina</h1>'
        '<div class="fr-callout"><p class="fr-callout__text">Porté par la préfecture de la Martinique.</p></div>'
        '<p>Mots-clés : Design de service ; Intelligence collective</p>'
        '<h2>Nos missions</h2><p>Simplifier les démarches.</p>'),
        {"name": "Lab Madinina", "host": "préfecture de la Martinique",
         "tags": ["Design de service", "Intelligence collective"]},
        id="callout-porte-par-and-semicolon-tags"),
    pytest.param(page(
        '<h1 class="fr-h1">Laboratoire d\'innovation publique de Normandie – Etat\'LIN</h1>'
        '<p class="fr-text--lead">Créé en 2018, Etat\'LIN est porté par le SGAR Normandie.</p>'
        '<h2>Missions</h2><p>Accompagner les services.</p>'),
        {"name": "Etat'LIN", "region_text": "Normandie", "region_code": "28", "host": "SGAR Normandie"},
        id="h1-laboratoire-d-innovation-publique-de"),
    pytest.param(page(
        '<p class="fr-text--lead">Créé en 2016, le SIILAB est rattaché à la DRJSCS Hauts-de-France.</p>'
        '<h2>Ses missions</h2><p>Accompagner les services.</p>',
        head='<meta property="og:title" content="SIILAB | modernisation.gouv.fr">',
        title="SIILAB | modernisation.gouv.fr"),
        {"name": "SIILAB", "title": "SIILAB", "host": "DRJSCS Hauts-de-France", "year_created": 2016},
        id="og-title-with-site-suffix"),
    pytest.param(page(
        '<h1 class="fr-h1">InSo Lab</h1>'
        '<p class="fr-text--lead">InSo Lab est le laboratoire d\'innovation publique de la région '
        'Nouvelle-Aquitaine, lancé en 2019 auprès du SGAR.</p>'
        '<h2>Nos missions</h2><p>Appliquer les sciences comportementales.</p>'),
        {"name": "InSo Lab", "region_text": "Nouvelle-Aquitaine", "region_code": "75", "year_created": 2019},
        id="region-in-lead-only"),
]


@pytest.mark.parametrize(("html", "expected"), CASES)
def test_unseen_lab_sheet(html: str, expected: dict) -> None:
    item = extract(html)
    normalised = normalize_lab(dataclasses.replace(item))
    for key, want in expected.items():
        if key in ("year_created", "region_code"):
            assert getattr(normalised, key) == want, key
        elif key == "section_keys":
            assert list(item.sections) == want
        elif key == "section_has":
            for heading, text in want.items():
                assert text in item.sections[heading], heading
        elif key == "not_in":
            read = json.dumps({k: v for k, v in dataclasses.asdict(item).items() if k not in ("url",)},
                              default=str, ensure_ascii=False)
            for text in want:
                assert text not in read, text
        else:
            assert getattr(item, key) == want, key
