"""Event-page variants nobody has seen on the real site, but that its Drupal 9/10 + DSFR theme
(or the older Drupal 7 one) could plausibly emit: the raw text a careful reader would take
from each page, and the strategy that read it.

Same table form as ``tests/test_spider_variants.py`` (its ``page()`` puts decoy dates, places
and labels in the header, menu, related cards and footer: none may be read). A few cases
also check the normalised start, attendance and commune.
"""

from __future__ import annotations

import pytest
from scrapy.http import HtmlResponse, Request
from test_spider_variants import FOOTER, FURNITURE_BOTTOM, FURNITURE_TOP, URL, jsonld, page

from pipelines.normalize import normalize_event
from spiders.extract.item import read_event
from spiders.site import site_origin

ADDRESS_FIELD = (
    '<div class="field field--name-field-adresse field--type-address field--label-hidden field__item">'
    '<p class="address" translate="no"><span class="address-line1">9 boulevard Vincent Gâche</span><br>'
    '<span class="postal-code">44200</span> <span class="locality">Nantes</span><br>'
    '<span class="country">France</span></p></div>'
)
TEASERS = (
    '<div class="views-element-container"><div class="view view-evenements view-display-id-block_1">'
    '<h2>Autres rendez-vous</h2><div class="views-row"><article class="node node--type-evenement '
    'node--view-mode-teaser"><h3><span>Atelier voisin</span></h3><div class="field field--name-field-date">'
    '<time datetime="2030-12-03T10:00:00+01:00">3 décembre 2030</time></div>'
    '<div class="field field--name-field-lieu">13001 Marseille</div></article></div></div></div>'
)

CASES = [
    ("date and place under one label", page(
        "<h1>Atelier design</h1><p><strong>Date et lieu :</strong> le jeudi 14 novembre 2024 de 10h à 12h, "
        "Préfecture d'Ille-et-Vilaine, 3 avenue de la Préfecture, 35000 Rennes</p>"), {
        "when_text": ("le jeudi 14 novembre 2024 de 10h à 12h, Préfecture d'Ille-et-Vilaine, "
                      "3 avenue de la Préfecture, 35000 Rennes", "label"),
        "place_text": ("le jeudi 14 novembre 2024 de 10h à 12h, Préfecture d'Ille-et-Vilaine, "
                       "3 avenue de la Préfecture, 35000 Rennes", "label")}),
    ("date and place label without a place", page(
        "<h1>T</h1><p>Quand et où : Le 14/11 à 10h</p><p>Organisé par la DINUM</p>"), {
        "when_text": ("Le 14/11 à 10h", "label"), "place_text": (None, None)}),
    ("place and screen icon lines make a hybrid event", page(
        '<h1>T</h1><p class="fr-icon-calendar-line">Jeudi 21 novembre 2024, 10h-12h</p>'
        '<p class="fr-icon-map-pin-2-line">Station F, 75013 Paris</p>'
        '<p class="fr-icon-computer-line">Également en ligne</p>'), {
        "place_text": ("Station F, 75013 Paris, Également en ligne", "dsfr")}),
    ("screen icon line alone", page(
        '<h1>T</h1><p class="fr-icon-calendar-line">Jeudi 21 novembre 2024, 10h-12h</p>'
        '<p><span class="ri-live-line" aria-hidden="true"></span> Webinaire en ligne</p>'), {
        "place_text": ("Webinaire en ligne", "dsfr")}),
    ("a format tag with a screen icon stays a format", page(
        '<h1>T</h1><ul class="fr-tags-group"><li><p class="fr-tag fr-tag--icon-left fr-icon-computer-line">'
        'Webinaire</p></li><li><p class="fr-tag fr-icon-calendar-line">21 novembre 2024</p></li></ul>'), {
        "formats": (["Webinaire"], "dsfr")}),
    ("question labels with their answers inline", page(
        "<h1>T</h1><p>Quand ? Le mardi 19 novembre 2024 à 14h</p><p>Où ? Maison de la Région, 67000 Strasbourg</p>"
        "<p>Vous venez ? Inscrivez-vous vite.</p>"), {
        "when_text": ("Le mardi 19 novembre 2024 à 14h", "label"),
        "place_text": ("Maison de la Région, 67000 Strasbourg", "label")}),
    # ---- DSFR components seen in other ministries' Drupal themes
    ("callout practical info", page(
        '<h1>Atelier design</h1><div class="fr-callout"><h2 class="fr-callout__title">Informations pratiques</h2>'
        '<p class="fr-callout__text">Date : jeudi 14 novembre 2024 de 9h30 à 12h<br>Lieu : Hôtel de Ville, '
        "2 rue de l'Hôtel de Ville, 44000 Nantes</p></div>"), {
        "when_text": ("jeudi 14 novembre 2024 de 9h30 à 12h", "label"),
        "place_text": ("Hôtel de Ville, 2 rue de l'Hôtel de Ville, 44000 Nantes", "label")}),
    ("section with h2 and question headings", page(
        '<h1>T</h1><section><h2>Informations pratiques</h2><h3 class="fr-h6 fr-icon-calendar-line">Quand ?</h3>'
        '<p>Mardi 26 novembre 2024, 14h-17h</p><h3 class="fr-h6 fr-icon-map-pin-2-line">Où ?</h3>'
        "<p>Maison de la Région, 1 place Adrien Zeller, 67000 Strasbourg</p></section>"), {
        "when_text": ("Mardi 26 novembre 2024, 14h-17h", "label"),
        "place_text": ("Maison de la Région, 1 place Adrien Zeller, 67000 Strasbourg", "label")}),
    ("icon tags are details, not formats", page(
        '<h1>T</h1><ul class="fr-tags-group"><li><p class="fr-tag fr-tag--icon-left fr-icon-calendar-line">'
        '14 novembre 2024</p></li><li><p class="fr-tag fr-tag--icon-left fr-icon-map-pin-2-line">Lyon</p></li>'
        '<li><p class="fr-tag">Atelier</p></li></ul>'), {
        "when_text": ("14 novembre 2024", "dsfr"), "place_text": ("Lyon", "dsfr"),
        "formats": (["Atelier"], "dsfr")}),
    ("own card details with icons", page(
        '<h1>T</h1><div class="fr-card fr-card--horizontal"><div class="fr-card__body"><div class="fr-card__content">'
        '<p class="fr-card__title">Le rendez-vous</p><div class="fr-card__end">'
        '<p class="fr-card__detail fr-icon-calendar-line">Vendredi 22 novembre 2024</p>'
        '<p class="fr-card__detail fr-icon-map-pin-2-fill">Cité administrative, 33000 Bordeaux</p>'
        "</div></div></div></div>"), {
        "when_text": ("Vendredi 22 novembre 2024", "dsfr"),
        "place_text": ("Cité administrative, 33000 Bordeaux", "dsfr")}),
    ("calendar and time icon lines", page(
        '<h1>T</h1><p class="fr-text--sm"><span class="fr-icon-calendar-line fr-icon--sm" aria-hidden="true">'
        '</span> Jeudi 14 novembre 2024</p><p class="fr-text--sm"><span class="fr-icon-time-line fr-icon--sm" '
        'aria-hidden="true"></span> 9h30 - 12h</p>'), {
        "when_text": ("Jeudi 14 novembre 2024, 9h30 - 12h", "dsfr")}),
    ("two icons on one detail line", page(
        '<h1>T</h1><p class="fr-card__detail"><span class="fr-icon-calendar-line fr-icon--sm"></span> 14 nov. 2024 '
        '<span class="fr-icon-map-pin-2-line fr-icon--sm"></span> Rennes</p>'), {
        "when_text": ("14 nov. 2024", "dsfr"), "place_text": ("Rennes", "dsfr")}),
    ("remix icons", page(
        '<h1>T</h1><p><i class="ri-calendar-line" aria-hidden="true"></i> Le 19/11 de 10h à 12h</p>'
        '<p><i class="ri-map-pin-line" aria-hidden="true"></i> Préfecture, 35000 Rennes</p>'), {
        "when_text": ("Le 19/11 de 10h à 12h", "dsfr"), "place_text": ("Préfecture, 35000 Rennes", "dsfr")}),
    ("font awesome icons on an old theme", '<html><body><div id="content"><h1>T</h1>'
        '<p><i class="fa fa-calendar"></i> Mardi 20 novembre 2018</p><p><i class="fa fa-clock-o"></i> 14h - 17h</p>'
        '<p><i class="fa fa-map-marker"></i> Hôtel de la Métropole, Lyon</p></div></body></html>', {
        "when_text": ("Mardi 20 novembre 2018, 14h - 17h", "legacy"),
        "place_text": ("Hôtel de la Métropole, Lyon", "legacy")}),
    ("sr-only label after the icon", page(
        '<h1>T</h1><ul class="fr-raw-list"><li><span class="fr-icon-calendar-line" aria-hidden="true"></span>'
        '<span class="fr-sr-only">Date :</span> 21/11/2024</li><li><span class="fr-icon-map-pin-2-line" '
        'aria-hidden="true"></span><span class="fr-sr-only">Lieu :</span> Station F</li></ul>'), {
        "when_text": ("21/11/2024", "dsfr"), "place_text": ("Station F", "dsfr")}),
    # ---- Drupal 10 fields
    ("drupal 10 smartdate, two sessions", page(
        '<h1>T</h1><div class="field field--name-field-date field--type-smartdate field--label-hidden field__items">'
        + "".join(f'<div class="field__item"><time datetime="2024-11-{d}T09:30:00+01:00" class="datetime">Jeu {d} '
                  f'nov. 2024, 09:30</time> - <time datetime="2024-11-{d}T12:00:00+01:00" class="datetime">12:00'
                  "</time></div>" for d in (14, 21)) + "</div>"), {
        "when_text": ("Jeu 14 nov. 2024, 09:30 - 12:00\nJeu 21 nov. 2024, 09:30 - 12:00", "attr")}),
    ("drupal 10 hidden-label fields by name", page(
        '<h1>T</h1><div class="field field--name-field-event-date field--type-string field--label-hidden '
        'field__item">Mercredi 20 novembre 2024, de 10h à 12h</div>'
        '<div class="field field--name-field-mip-lieu field--type-string field--label-hidden field__item">'
        "Maison de la Région, Strasbourg</div>"
        '<div class="field field--name-field-organizer field--type-entity-reference field--label-hidden">'
        '<div class="field__item">SGAR Grand Est</div></div>'), {
        "when_text": ("Mercredi 20 novembre 2024, de 10h à 12h", "label"),
        "place_text": ("Maison de la Région, Strasbourg", "label"), "organiser": ("SGAR Grand Est", "label")}),
    ("address module markup", page("<h1>T</h1>" + ADDRESS_FIELD), {
        "place_text": ("9 boulevard Vincent Gâche, 44200 Nantes, France", "attr")}),
    ("address module under a label", page(
        '<h1>T</h1><div class="field field--name-field-lieu field--label-above"><div class="field__label">Lieu'
        '</div><div class="field__item">Espace Beaulieu</div></div>' + ADDRESS_FIELD.replace(
            "field--label-hidden", "field--label-above").replace(
            '<p class="address"', '<div class="field__label">Adresse</div><p class="address"')), {
        "place_text": ("Espace Beaulieu, 9 boulevard Vincent Gâche, 44200 Nantes, France", "attr")}),
    ("time elements with offsets, no text", page(
        '<h1>T</h1><p><time datetime="2024-11-14T09:30:00+01:00"></time> – '
        '<time datetime="2024-11-14T12:00:00+01:00"></time></p>'), {
        "when_text": ("2024-11-14T09:30:00+01:00 – 2024-11-14T12:00:00+01:00", "attr")}),
    ("drupal 7 field labels with nbsp", '<html><body><div id="content"><h1 class="title">T</h1>'
        '<div class="field field-name-field-date field-type-datetime field-label-above"><div class="field-label">'
        'Date&nbsp;:&nbsp;</div><div class="field-items"><div class="field-item even"><span class="date-display-single">'
        "mardi 20 novembre 2018 - 14:00</span></div></div></div>"
        '<div class="field field-name-field-lieu field-label-hidden"><div class="field-items">'
        '<div class="field-item even">Préfecture de la Gironde, 33000 Bordeaux</div></div></div></div></body></html>', {
        "when_text": ("mardi 20 novembre 2018 - 14:00", "label"),
        "place_text": ("Préfecture de la Gironde, 33000 Bordeaux", "label"), "title": ("T", "legacy")}),
    # ---- labels in other wordings
    ("labels with other wordings", page(
        "<h1>T</h1><dl><dt>Date de l'événement</dt><dd>Le 12/11/2024</dd><dt>Horaire</dt><dd>14h30</dd>"
        "<dt>Lieu de l'événement</dt><dd>Médiathèque, 13001 Marseille</dd><dt>Format de l'événement</dt>"
        "<dd>Table ronde</dd><dt>Public cible</dt><dd>Agents publics</dd><dt>Organisateur(s)</dt><dd>—</dd></dl>"), {
        "when_text": ("Le 12/11/2024, 14h30", "label"), "place_text": ("Médiathèque, 13001 Marseille", "label"),
        "organiser": (None, None),
        "formats": (["Table ronde"], "label"), "audience": ("Agents publics", "label")}),
    ("uppercase labels with nbsp before the colon", page(
        "<h1>T</h1><p>QUAND\u00a0: Lundi 18 novembre 2024 de 9h à 17h</p><p>LIEU\u00a0: Hôtel de Région, "
        "35000 Rennes</p><p>ORGANISATEUR\u00a0: Ti Lab</p>"), {
        "when_text": ("Lundi 18 novembre 2024 de 9h à 17h", "label"),
        "place_text": ("Hôtel de Région, 35000 Rennes", "label"), "organiser": ("Ti Lab", "label")}),
    ("pour s'inscrire heading", page(
        "<h1>T</h1><h2>Pour s'inscrire</h2><p><a href='https://www.demarches-simplifiees.fr/commencer/x'>"
        "Formulaire</a></p><p><a href='https://www.eventbrite.fr/e/autre'>Autre événement</a></p>"), {
        "registration_url": ("https://www.demarches-simplifiees.fr/commencer/x", "label")}),
    ("several organisers in field items", page(
        '<h1>T</h1><div class="field field--label-above"><div class="field__label">Organisateur(s)</div>'
        '<div class="field__items"><div class="field__item">Cerema</div><div class="field__item">'
        "DINUM</div></div></div>"), {
        "organiser": ("Cerema, DINUM", "label")}),
    ("audience tags in a dd", page(
        '<h1>T</h1><dl><dt>Public cible</dt><dd><ul class="fr-tags-group"><li><p class="fr-tag">Agents publics'
        '</p></li><li><p class="fr-tag">Managers</p></li></ul></dd><dt>Structure organisatrice</dt>'
        "<dd>Lab'O</dd></dl>"), {
        "audience": ("Agents publics, Managers", "label"), "organiser": ("Lab'O", "label"),
        "formats": (None, None)}),
    ("dl with several dd", page(
        "<h1>T</h1><dl><dt>Date</dt><dd>Jeudi 14 novembre 2024</dd><dd>de 9h30 à 12h</dd>"
        "<dt>Lieu</dt><dd>Salle du conseil</dd><dd>1 place de la Comédie, 69001 Lyon</dd></dl>"), {
        "when_text": ("Jeudi 14 novembre 2024\nde 9h30 à 12h", "label"),
        "place_text": ("Salle du conseil\n1 place de la Comédie, 69001 Lyon", "label")}),
    ("modalite gives an online place", page(
        "<h1>T</h1><ul><li><strong>Date :</strong> 28/11/2024 à 11h</li><li><strong>Modalité :</strong> "
        "En ligne</li></ul>"), {
        "place_text": ("En ligne", "label")}),
    ("hybrid with a venue", page(
        "<h1>T</h1><p><strong>Modalité :</strong> Hybride</p><p><strong>Lieu :</strong> Hôtel de Ville, "
        "44000 Nantes</p>"), {
        "place_text": ("Hybride, Hôtel de Ville, 44000 Nantes", "label")}),
    ("hybrid on an icon line", page(
        '<h1>T</h1><p class="fr-icon-map-pin-2-line">En présentiel et en ligne : Hôtel de Ville, 44000 Nantes</p>'
        '<p class="fr-icon-calendar-line">Le jeudi 14/11 de 9h30 à 12h</p>'), {
        "place_text": ("En présentiel et en ligne : Hôtel de Ville, 44000 Nantes", "dsfr"),
        "when_text": ("Le jeudi 14/11 de 9h30 à 12h", "dsfr")}),
    ("title and date in a hero before <main>, unlabelled public-sector visio link", (
        f'<html><body>{FURNITURE_TOP}<div class="fr-container mip-hero"><h1 class="fr-h1">Webinaire X</h1>'
        '<p class="fr-icon-calendar-line">Le 25/11 à 14h</p></div><main><h2>Présentation</h2><p>Un webinaire '
        "pour découvrir les outils.</p><p>Pour suivre le webinaire, <a href='https://rendez-vous."
        f"renater.fr/mip-2024'>rejoignez la réunion</a>.</p>{FURNITURE_BOTTOM}</main>{FOOTER}</body></html>"), {
        "title": ("Webinaire X", "dsfr"), "when_text": ("Le 25/11 à 14h", "dsfr"),
        "online_url": ("https://rendez-vous.renater.fr/mip-2024", "attr"), "place_text": (None, None)}),
    ("emoji markers in a callout", page(
        '<h1>T</h1><div class="fr-callout"><p class="fr-callout__text">📅 Mardi 19 novembre 2024, 10h-12h<br>'
        "📍 Hôtel de Ville, 33000 Bordeaux</p></div>"), {
        "when_text": ("Mardi 19 novembre 2024, 10h-12h", "label"),
        "place_text": ("Hôtel de Ville, 33000 Bordeaux", "label")}),
    ("date and place only in the body", page(
        '<h1>T</h1><div class="field field--name-body"><p>Nous vous donnons rendez-vous le mardi 19 novembre '
        "2024 à 14h.</p><p>Adresse : 12 rue Sainte-Catherine, 33000 Bordeaux</p></div>"), {
        "when_text": ("Nous vous donnons rendez-vous le mardi 19 novembre 2024 à 14h.", "fallback"),
        "place_text": ("12 rue Sainte-Catherine, 33000 Bordeaux", "label")}),
    ("date field, then an hours field", page(
        '<h1>T</h1><div class="field field--name-field-date field--label-hidden field__item">Le <time '
        'datetime="2024-11-14">14 novembre 2024</time></div><div class="field field--name-field-horaires '
        'field--label-hidden field__item">9h30 - 12h</div>'), {
        "when_text": ("Le 14 novembre 2024, 9h30 - 12h", "attr")}),
    ("publication date written as a label", page(
        '<h1>T</h1><p class="fr-text--xs">Date de publication : <time datetime="2024-10-02">2 octobre 2024'
        "</time></p><dl><dt>Date</dt><dd>Le 12/11 de 14h à 16h</dd></dl>"), {
        "when_text": ("Le 12/11 de 14h à 16h", "label"),
        "stamps_text": ("Date de publication : 2 octobre 2024", "label")}),
    ("registration deadline is no event date", page(
        "<h1>T</h1><p>Inscriptions jusqu'au <time datetime=\"2024-11-08\">8 novembre</time></p>"
        "<ul><li><strong>Quand\u00a0?</strong> Jeudi 21 novembre 2024, 10h</li></ul>"), {
        "when_text": ("Jeudi 21 novembre 2024, 10h", "label")}),
    ("practical info in an accordion, place in an own tile", page(
        '<h1>T</h1><section class="fr-accordion"><h3 class="fr-accordion__title"><button class="fr-accordion__btn" '
        'aria-expanded="false" aria-controls="acc-1">Informations pratiques</button></h3><div class="fr-collapse" '
        'id="acc-1"><p>Date : mercredi 13 novembre 2024, 14h-16h</p><div class="fr-tile fr-tile--horizontal">'
        '<div class="fr-tile__body"><h4 class="fr-tile__title">Lieu</h4><p class="fr-tile__desc">Préfecture, '
        "35000 Rennes</p></div></div></div></section>"), {
        "when_text": ("mercredi 13 novembre 2024, 14h-16h", "label"),
        "place_text": ("Préfecture, 35000 Rennes", "label")}),
    ("dl with grouping divs, add-to-calendar button is no date", page(
        '<h1>T</h1><p><a class="fr-btn fr-btn--secondary fr-btn--icon-left fr-icon-calendar-line" '
        'href="/node/12/ical">Ajouter à mon agenda</a></p><dl><div><dt>DATE\u00a0:</dt><dd>Le 15/11/2024</dd>'
        "</div><div><dt>OÙ\u00a0?</dt><dd>En ligne</dd></div></dl>"), {
        "when_text": ("Le 15/11/2024", "label"), "place_text": ("En ligne", "label")}),
    # ---- schema.org
    ("jsonld main entity, list of types, text address", page("<h1>T</h1>", head=jsonld({
        "@context": "https://schema.org", "@type": "WebPage", "name": "Formation IA | Modernisation",
        "mainEntity": {"@type": ["Event", "EducationEvent"], "name": "Formation IA",
                       "startDate": "2024-11-21T09:00:00+01:00",
                       "location": {"@type": "Place", "name": "Médiathèque Malraux",
                                    "address": "1 presqu'île André Malraux, 67000 Strasbourg"}}})), {
        "title": ("T", "dsfr"), "when_text": ("2024-11-21T09:00:00+01:00", "jsonld"),   # the heading shown wins
        "place_text": ("Médiathèque Malraux, 1 presqu'île André Malraux, 67000 Strasbourg", "jsonld")}),
    ("jsonld mixed attendance", page("<h1>T</h1>", head=jsonld({
        "@type": "EducationEvent", "name": "Atelier", "startDate": "2024-11-15",
        "eventAttendanceMode": "https://schema.org/MixedEventAttendanceMode",
        "location": [{"@type": "Place", "name": "Préfecture", "address": {
            "@type": "PostalAddress", "postalCode": "13006", "addressLocality": "Marseille"}},
            {"@type": "VirtualLocation", "url": "https://webinaire.numerique.gouv.fr/x"}]})), {
        "place_text": ("En ligne et en présentiel : Préfecture, 13006 Marseille", "jsonld"),
        "online_url": ("https://webinaire.numerique.gouv.fr/x", "jsonld")}),
    ("microdata start and end as meta content", page(
        '<h1>T</h1><div itemscope itemtype="https://schema.org/Event"><h2 itemprop="name">Débat</h2>'
        '<meta itemprop="startDate" content="2024-11-19T14:00:00+01:00">'
        '<meta itemprop="endDate" content="2024-11-19T16:00:00+01:00">'
        '<p itemprop="location">Mairie, 69001 Lyon</p></div>'), {
        "title": ("Débat", "microdata"),
        "when_text": ("2024-11-19T14:00:00+01:00 – 2024-11-19T16:00:00+01:00", "microdata"),
        "place_text": ("Mairie, 69001 Lyon", "microdata")}),
    ("microdata time with visible text", page(
        '<div itemscope itemtype="http://schema.org/Event"><h1 itemprop="name">Visite</h1>'
        '<p><time itemprop="startDate" datetime="2024-11-07T10:00">jeudi 7 novembre à 10h</time></p></div>'), {
        "when_text": ("jeudi 7 novembre à 10h", "microdata")}),
    # ---- related content that carries dates and places
    ("drupal teasers of other events", page("<h1>T</h1><p>Une présentation de l’atelier et de ses objectifs.</p>"
                                            + TEASERS), {
        "when_text": (None, None), "place_text": (None, None)}),
    ("related list in a plain div", page(
        "<h1>T</h1><p>Lieu : Rennes</p><div class=\"fr-mt-8w\"><h2>Ces événements peuvent vous intéresser</h2><ul><li><a href='/x'>Atelier"
        "</a> le 12 novembre 2030, 69001 Lyon</li></ul></div>"), {
        "when_text": (None, None), "place_text": ("Rennes", "label")}),
    ("related heading without a wrapper", page(
        "<h1>T</h1><p>Une présentation de l’atelier et de ses objectifs.</p><h2>Sur le même sujet</h2>"
        "<ul><li>Atelier le 12 novembre 2030, 69001 Lyon</li></ul><h2>Contact</h2><p>Organisateur : Ti Lab</p>"), {
        "when_text": (None, None), "place_text": (None, None), "organiser": ("Ti Lab", "label"),
        "description_html": ("<p>Une présentation de l’atelier et de ses objectifs.</p>", "fallback")}),
    ("related tiles", page(
        '<h1>T</h1><p class="fr-icon-calendar-line">Le 5/11</p><div class="fr-grid-row"><div class="fr-col-4">'
        '<div class="fr-tile"><div class="fr-tile__body"><h3 class="fr-tile__title"><a href="/mip/x">X</a></h3>'
        '<p class="fr-tile__detail fr-icon-map-pin-2-line">13001 Marseille</p></div></div></div></div>'), {
        "when_text": ("Le 5/11", "dsfr"), "place_text": (None, None)}),
]


def _read(html: str):
    response = HtmlResponse(url=URL, body=html.encode(), encoding="utf-8", request=Request(URL))
    return read_event(response)


def _case(c):
    """``(id, html, expected)``, or ``(id, html, expected, reason)`` for a known, strict failure."""
    marks = [pytest.mark.xfail(strict=True, reason=c[3])] if len(c) > 3 else []
    return pytest.param(c[1], c[2], id=c[0], marks=marks)


@pytest.mark.parametrize(("html", "expected"), [_case(c) for c in CASES])
def test_unseen_variant(html: str, expected: dict) -> None:
    item, failed = _read(html)
    assert failed == []
    for field, (value, strategy) in expected.items():
        got = getattr(item, field) or None
        assert (got, item.strategies.get(field)) == (value, strategy), field


NORMALISED = [
    # case id, edition, start, attendance, commune
    ("callout practical info", 2024, "2024-11-14T09:30:00+01:00", "offline", "44109"),
    ("place and screen icon lines make a hybrid event", 2024, "2024-11-21T10:00:00+01:00", "mixed", "75056"),
    ("screen icon line alone", 2024, "2024-11-21T10:00:00+01:00", "online", None),
    ("date and place under one label", 2024, "2024-11-14T10:00:00+01:00", "offline", "35238"),
    ("section with h2 and question headings", 2024, "2024-11-26T14:00:00+01:00", "offline", "67482"),
    ("own card details with icons", 2024, "2024-11-22", "offline", "33063"),
    ("time elements with offsets, no text", 2024, "2024-11-14T09:30:00+01:00", None, None),
    ("hybrid on an icon line", 2024, "2024-11-14T09:30:00+01:00", "mixed", "44109"),
    ("hybrid with a venue", 2024, None, "mixed", "44109"),
    ("address module markup", 2024, None, "offline", "44109"),
    ("labels with other wordings", 2024, "2024-11-12T14:30:00+01:00", "offline", "13055"),
    ("emoji markers in a callout", 2024, "2024-11-19T10:00:00+01:00", "offline", "33063"),
    ("date field, then an hours field", 2024, "2024-11-14T09:30:00+01:00", None, None),
    ("drupal 10 smartdate, two sessions", 2024, "2024-11-14T09:30:00+01:00", None, None),
    ("font awesome icons on an old theme", 2018, "2018-11-20T14:00:00+01:00", "offline", "69123"),
    ("modalite gives an online place", 2024, "2024-11-28T11:00:00+01:00", "online", None),
    ("publication date written as a label", 2024, "2024-11-12T14:00:00+01:00", None, None),
    ("registration deadline is no event date", 2024, "2024-11-21T10:00:00+01:00", None, None),
    ("dl with several dd", 2024, "2024-11-14T09:30:00+01:00", "offline", "69123"),
    ("jsonld mixed attendance", 2024, "2024-11-15", "mixed", "13055"),
    ("drupal 10 hidden-label fields by name", 2024, "2024-11-20T10:00:00+01:00", "offline", "67482"),
]


@pytest.mark.parametrize(("case", "edition", "start", "attendance", "commune"), NORMALISED,
                         ids=[n[0] for n in NORMALISED])
def test_unseen_variant_normalised(case: str, edition: int, start, attendance, commune) -> None:
    html = next(c[1] for c in CASES if c[0] == case)
    item, _ = _read(html)
    item.edition_hint = edition
    normalize_event(item)
    got_start = item.start.isoformat() if item.start else None
    assert (got_start, item.attendance, item.commune_code) == (start, attendance, commune)


def test_drupal_teasers_on_a_listing_are_its_events() -> None:
    """What an event page skips as other content (teaser view modes) is a listing's very content."""
    from mipcrawl.editions import EDITIONS
    from spiders.extract.listing import read_listing

    rows = "".join(
        f'<div class="views-row"><article class="node node--type-evenement node--view-mode-teaser">'
        f'<h3><a href="/mois-de-linnovation-publique/atelier-{n}">Atelier {n}</a></h3></article></div>'
        for n in (1, 2))
    html = f'<html><body><main><h1>Programme 2024</h1><div class="view view-programme">{rows}</div></main></body></html>'
    url = "https://www.modernisation.gouv.fr/mois-de-linnovation-publique/programme-2024"
    response = HtmlResponse(url=url, body=html.encode(), encoding="utf-8", request=Request(url))
    listing = read_listing(response, EDITIONS[2024], site=site_origin("https://www.modernisation.gouv.fr"))
    assert listing.event_urls == [
        f"https://www.modernisation.gouv.fr/mois-de-linnovation-publique/atelier-{n}" for n in (1, 2)]


def test_site_notice_banner_is_never_read() -> None:
    """A DSFR "important information" banner above the header is site furniture, even when the
    content is widened to a title standing before <main>."""
    notice = ('<div class="fr-notice fr-notice--info"><div class="fr-container"><div class="fr-notice__body">'
              '<p class="fr-notice__title">Maintenance du site le mardi 12 novembre 2024 de 8h à 10h, '
              "75007 Paris</p></div></div></div>")
    html = (f'<html><body>{notice}{FURNITURE_TOP}<div class="fr-container"><h1>Atelier</h1></div><main>'
            f"<p>Un atelier pour découvrir les outils, sans date fixée.</p></main>{FOOTER}</body></html>")
    item, failed = _read(html)
    assert (item.title, item.when_text, item.place_text, failed) == ("Atelier", None, None, [])


@pytest.mark.parametrize(("href", "field"), [
    ("https://tally.so/r/mip2024", "registration_url"),
    ("https://www.billetweb.fr/atelier-mip", "registration_url"),
    ("https://evento.renater.fr/survey/inscription-mip", "registration_url"),
    ("https://rendez-vous.renater.fr/mip-atelier", "online_url"),
    ("https://visio-agents.education.fr/meeting/signin/1234", "online_url"),
    ("https://attendee.gotowebinar.com/register/123", "online_url"),
    ("https://eu.bbcollab.com/guest/abc", "online_url"),
    ("https://www.example.org/inscription", None),       # an unknown host is neither
])
def test_registration_and_online_links_by_host(href: str, field: str | None) -> None:
    item, _ = _read(page(f'<h1>T</h1><p>Jeudi 14 novembre 2024 à 10h. <a href="{href}">Lien</a></p>'))
    found = {name: getattr(item, name) for name in ("registration_url", "online_url") if getattr(item, name)}
    assert found == ({field: href} if field else {})
