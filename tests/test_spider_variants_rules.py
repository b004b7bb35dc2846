"""Issue 15's extraction rules, one case per rule: the general kinds of miss the wild replica
and the kept-aside pages showed (date and place only in the prose, a publication date taken
for the event's, hours dropped, icon-only labels, the site's name taken for the title, a
cancellation said only in a banner, HTML entities in schema.org text …).

Each case is a small page written for the rule (no replica markup); the table gives the
raw text expected for some fields and the strategy that read it.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from scrapy.http import HtmlResponse, Request

from pipelines.normalize import normalize_event
from spiders.extract.item import read_event

URL = "https://agenda.example.gouv.fr/evenements/atelier-donnees"


def page(body: str, *, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head><title>Atelier données | Le site</title>{head}</head><body>{body}</body></html>"


def ld(data: dict, *, escaped: bool = False) -> str:
    text = json.dumps({"@context": "https://schema.org", **data}, ensure_ascii=False)
    if escaped:
        text = text.replace("'", "&#039;")
    return f'<script type="application/ld+json">{text}</script>'


CASES = [
    # ---- the title
    ("the site's name in an <h1> linking home is no title",
     page('<div><h1><a href="/" rel="home">Le site</a></h1></div><div><h1>Atelier données</h1></div>'),
     {"title": ("Atelier données", "legacy")}),
    ("a date after a dash ends the title and is the date",
     page("<main><h1>Atelier données – Le mardi 12/11 de 9h à 12h</h1></main>"),
     {"title": ("Atelier données", "legacy"), "when_text": ("Le mardi 12/11 de 9h à 12h", "title")}),
    ("a period after a dash ends the title ('Tout le mois de novembre')",
     page("<main><h1>Atelier données – Tout le mois de novembre 2024</h1></main>"),
     {"title": ("Atelier données", "legacy"), "when_text": ("Tout le mois de novembre 2024", "title")}),
    ("several sessions after a bar end the title",
     page("<main><h1>Atelier données | Le mardi 29/11, de 9 heures à 9 heures 40 et de 10 heures à 10 heures 40 et "
          "de 11 heures à 11 heures 40</h1></main>"),
     {"title": ("Atelier données", "legacy"), "when_text": (
         "Le mardi 29/11, de 9 heures à 9 heures 40 et de 10 heures à 10 heures 40 et de 11 heures à 11 heures 40",
         "title")}),
    ("a dash before words that are no date stays in the title",
     page("<main><h1>Atelier – données ouvertes</h1></main>"), {"title": ("Atelier – données ouvertes", "legacy")}),
    ("a heading the theme marks as the site's name is no title",
     page('<h1 class="site-title">Le site</h1><main><h2 class="entry-title">Atelier données</h2></main>'),
     {"title": ("Atelier données", "legacy")}),
    ("a logo block's heading is no title",
     page('<div class="navbar-brand"><h1>Le site</h1></div><main><h2>Atelier données</h2></main>'),
     {"title": ("Atelier données", "legacy")}),
    ("HTML entities escaped twice in JSON-LD text are read as characters",
     page("<main><p>x</p></main>", head=ld({"@type": "Event", "name": "L&amp;#039;atelier",
                                             "organizer": {"@type": "Organization", "name": "Ville d&amp;#39;Arles"}})),
     {"title": ("L'atelier", "jsonld"), "organiser": ("Ville d'Arles", "jsonld")}),
    ("named entities in JSON-LD text are read as characters",
     page("<main><p>x</p></main>", head=ld({"@type": "Event", "name": "Atelier r&eacute;gional", "location": {
         "@type": "Place", "name": "Salle d&#039;honneur", "address": "1 place de l&#039;H&ocirc;tel de Ville, 35000 Rennes"}})),
     {"title": ("Atelier régional", "jsonld"),
      "place_text": ("Salle d'honneur, 1 place de l'Hôtel de Ville, 35000 Rennes", "jsonld")}),
    ("an ampersand escaped once stays one",
     page("<main><p>x</p></main>", head=ld({"@type": "Event", "name": "Données &amp;amp; territoires"})),
     {"title": ("Données & territoires", "jsonld")}),
    ("HTML entities in JSON-LD text are read as characters",
     page("<main><p>x</p></main>", head=ld({"@type": "Event", "name": "L'atelier d'Etalab"}, escaped=True)),
     {"title": ("L'atelier d'Etalab", "jsonld")}),
    ("the heading shown wins over a JSON-LD name",
     page("<main><h1>Atelier données</h1></main>", head=ld({"@type": "Event", "name": "Brouillon"})),
     {"title": ("Atelier données", "legacy"), "disagreements": (["title"], None)}),
    ("an RDFa event is read like microdata",
     page('<main><article vocab="https://schema.org/" typeof="Event"><h2 property="name">Débat</h2>'
          '<span property="startDate" content="2024-11-19T14:00">mardi 19 novembre à 14h</span></article></main>'),
     {"title": ("Débat", "rdfa"), "when_text": ("mardi 19 novembre à 14h", "rdfa")}),
    # ---- the date
    ("a <time> in a byline is the page's, not the event's",
     page('<main><h1>T</h1><div class="byline"><time class="published" datetime="2024-10-02">2 octobre 2024</time>'
          '</div><p>Le jeudi 14 novembre 2024 de 10h à 12h</p></main>'),
     {"when_text": ("Le jeudi 14 novembre 2024 de 10h à 12h", "fallback")}),
    ("'Mis en ligne le' stamps the page",
     page("<main><h1>T</h1><p>Mis en ligne le 02/10/2024</p><p>Rendez-vous le 14/11/2024 à 10h.</p></main>"),
     {"when_text": ("Rendez-vous le 14/11/2024 à 10h.", "fallback"), "place_text": (None, None)}),
    ("a byline the theme marks (post-meta) holds the page's date, not the event's",
     page('<main><h1>T</h1><div class="post-meta"><span>02/10/2024</span> par Admin</div>'
          "<p>L'atelier a lieu le 14 novembre 2024 de 10h à 12h.</p></main>"),
     {"when_text": ("L'atelier a lieu le 14 novembre 2024 de 10h à 12h.", "fallback")}),
    ("a bare numeric date yields to a later date with its hours",
     page('<main><h1>T</h1><span class="date">02.10.2024</span><p>Rendez-vous le 14 novembre 2024 de 10h à 12h.</p>'
          "</main>"),
     {"when_text": ("Rendez-vous le 14 novembre 2024 de 10h à 12h.", "fallback")}),
    ("… but not to a line of hours alone: they complete it",
     page("<main><h1>T</h1><p>14/11/2024</p><p>de 10h à 12h</p></main>"),
     {"when_text": ("14/11/2024, de 10h à 12h", "fallback")}),
    ("a registration deadline is no event date",
     page("<main><h1>T</h1><p>Inscriptions jusqu'au 4 novembre 2024</p><p>Le 14 novembre 2024, 10h-12h</p></main>"),
     {"when_text": ("Le 14 novembre 2024, 10h-12h", "fallback")}),
    ("readers' comments are furniture",
     page('<main><h1>T</h1><p>Le 14 novembre 2024 à 10h</p></main><section id="comments" class="comments">'
          "<p>Publié par Léa le 3 novembre 2024 à 18h12</p></section>"),
     {"when_text": ("Le 14 novembre 2024 à 10h", "fallback")}),
    ("a consent banner without a telling class is furniture",
     page("<div><p>Nous utilisons des cookies. Politique du 1er mars 2024.</p><button>Accepter</button>"
          "<button>Refuser</button></div><main><h1>T</h1><p>Le 14 novembre 2024 à 10h</p></main>"),
     {"when_text": ("Le 14 novembre 2024 à 10h", "fallback")}),
    ("a block under 'À venir' lists other events",
     page("<main><h1>T</h1><div><h2>À venir</h2><ul><li><a href='/evenements/autre'>Autre</a> 3 décembre 2024, "
          "69001 Lyon</li></ul></div><p>Le 14 novembre 2024 à 10h, 44000 Nantes</p></main>"),
     {"when_text": ("Le 14 novembre 2024 à 10h, 44000 Nantes", "fallback"),
      "place_text": ("Le 14 novembre 2024 à 10h, 44000 Nantes", "fallback")}),
    ("a line of hours alone completes a day shown without them",
     page("<main><h1>T</h1><dl><dt>Date</dt><dd>jeudi 14 novembre 2024</dd><dd>de 9h30 à 12h</dd></dl></main>"),
     {"when_text": ("jeudi 14 novembre 2024\nde 9h30 à 12h", "label")}),
    ("a start and an end on one line of several are read together",
     page('<main><h1>T</h1><p>Public : agents<br><time datetime="2024-11-14T10:00">jeudi 14 novembre à 10h</time>'
          ' – <time datetime="2024-11-14T11:40">11h40</time><br>Accès : libre</p></main>'),
     {"when_text": ("jeudi 14 novembre à 10h – 11h40", "attr")}),
    ("a machine date on an overseas clock says which clock written hours with no zone are on",
     page('<main><h1>T</h1><p>Date : <time datetime="2024-11-14T09:00:00-04:00">jeudi 14 novembre à 9h</time></p>'
          "</main>"),
     {"when_text": ("jeudi 14 novembre à 9h", "attr"), "structured_when": ("2024-11-14T09:00:00-04:00", None),
      "start": (dt.datetime(2024, 11, 14, 13, 0, tzinfo=dt.UTC), None)}),     # 9h in the Antilles
    ("… and the written text keeps its end and its sessions",
     page('<main><h1>T</h1><p>Date : <time datetime="2021-11-12T09:30:00-03:00">Vendredi 12 novembre 2021 : '
          "9H30-12H et 14H-17H</time></p></main>"),
     {"when_text": ("Vendredi 12 novembre 2021 : 9H30-12H et 14H-17H", "attr"),
      "end": (dt.datetime(2021, 11, 12, 20, 0, tzinfo=dt.UTC), None)}),       # 17h in Guyane
    ("a machine date in UTC names no clock: the written hours stay on Paris's",
     page('<main><h1>T</h1><p>Date : <time datetime="2024-11-14T08:00:00+00:00">jeudi 14 novembre à 9h</time></p>'
          "</main>"),
     {"when_text": ("jeudi 14 novembre à 9h", "attr"), "time_zone": ("Europe/Paris", None),
      "start": (dt.datetime(2024, 11, 14, 8, 0, tzinfo=dt.UTC), None)}),
    ("a machine date on Paris's clock leaves the written text",
     page('<main><h1>T</h1><p>Date : <time datetime="2024-11-14T09:00:00+01:00">jeudi 14 novembre à 9h</time></p>'
          "</main>"),
     {"when_text": ("jeudi 14 novembre à 9h", "attr")}),
    ("a JSON-LD start yields to a date the text shows",
     page("<main><h1>T</h1><p>Nous vous attendons le 14 novembre 2024 de 10h à 12h.</p></main>",
          head=ld({"@type": "Event", "name": "T", "startDate": "2024-11-13T10:00:00+01:00"})),
     {"when_text": ("Nous vous attendons le 14 novembre 2024 de 10h à 12h.", "fallback"),
      "structured_when": ("2024-11-13T10:00:00+01:00", None), "disagreements": (["when"], None)}),
    ("a Drupal date range that hides the end's hour takes it from the end's machine value",
     page('<main><h1>T</h1><div class="field-name-field-date"><span class="date-display-range">'
          '<span class="date-display-start" property="dc:date" datatype="xsd:dateTime" '
          'content="2024-11-14T14:00:00+01:00">14/11/2024 - 14:00</span> au <span class="date-display-end" '
          'property="dc:date" datatype="xsd:dateTime" content="2024-11-15T17:00:00+01:00">15/11/2024</span>'
          "</span></div></main>"),
     {"start": (dt.datetime(2024, 11, 14, 13, 0, tzinfo=dt.UTC), None),
      "end": (dt.datetime(2024, 11, 15, 16, 0, tzinfo=dt.UTC), None)}),
    ("… but a range that writes both hours is read as written",
     page('<main><h1>T</h1><p><time datetime="2024-11-14T09:00">jeudi 14 novembre 2024 à 9h</time> au '
          '<time datetime="2024-11-15T12:00">vendredi 15 novembre 2024 à 12h</time></p></main>'),
     {"when_text": ("jeudi 14 novembre 2024 à 9h au vendredi 15 novembre 2024 à 12h", "attr")}),
    ("hours on a line of their own, a note in brackets after them, complete the day",
     page("<main><h1>T</h1><p>Date : mercredi 30 novembre 2022</p><p>de 16 h à 18 h (accueil dès 15 h 45)</p></main>"),
     {"when_text": ("mercredi 30 novembre 2022, de 16 h à 18 h (accueil dès 15 h 45)", "label"),
      "end": (dt.datetime(2022, 11, 30, 17, 0, tzinfo=dt.UTC), None)}),
    ("a 'Le' label announces the day beside the hours field",
     page("<main><h1>T</h1><dl><dt>Le</dt><dd>jeudi 14 novembre 2024</dd><dt>Horaires</dt>"
          "<dd>de 9h à 12h (mis à jour le 2 octobre 2024)</dd></dl></main>"),
     {"when_text": ("jeudi 14 novembre 2024, de 9h à 12h (mis à jour le 2 octobre 2024)", "label"),
      "start": (dt.datetime(2024, 11, 14, 8, 0, tzinfo=dt.UTC), None)}),
    # ---- labels: words, icons, emoji
    ("a Material ligature icon stands for its label and is no text",
     page('<main><h1>T</h1><p><span class="material-icons">location_on</span> 12 rue de la Paix, 44000 Nantes</p>'
          "</main>"),
     {"place_text": ("12 rue de la Paix, 44000 Nantes", "legacy")}),
    ("an SVG sprite icon marks its line",
     page('<main><h1>T</h1><p><svg class="icon"><use href="/img/sprite.svg#calendar"></use></svg>'
          " Jeudi 14 novembre 2024, 10h</p></main>"),
     {"when_text": ("Jeudi 14 novembre 2024, 10h", "legacy")}),
    ("an image icon marks its line by its file name",
     page('<main><h1>T</h1><p><img src="/themes/picto-lieu.svg" alt=""> Médiathèque, 35000 Rennes</p></main>'),
     {"place_text": ("Médiathèque, 35000 Rennes", "legacy")}),
    ("icon sets of common themes mark their lines (Font Awesome 6, Bootstrap Icons, dashicons)",
     page('<main><h1>T</h1><p><i class="fa-regular fa-calendar"></i> 14 novembre 2024</p>'
          '<p><i class="bi bi-geo-alt"></i> Mairie, 35000 Rennes</p>'
          '<p><span class="dashicons dashicons-clock"></span> 10h - 12h</p></main>'),
     {"when_text": ("14 novembre 2024, 10h - 12h", "legacy"), "place_text": ("Mairie, 35000 Rennes", "legacy")}),
    ("an icon alone in a <dt> is the label of its <dd>",
     page('<main><h1>T</h1><dl><dt><i class="fa fa-landmark"></i></dt><dd>Ville de Rennes</dd></dl></main>'),
     {"organiser": ("Ville de Rennes", "label")}),
    ("an emoji alone in a table header is the label of its cell",
     page("<main><h1>T</h1><table><tr><th>🏛️</th><td>Ville de Rennes</td></tr></table></main>"),
     {"organiser": ("Ville de Rennes", "label")}),
    ("a label for screen readers beside an icon is no part of the value",
     page('<main><h1>T</h1><p><span class="fr-icon-team-line"></span><span class="sr-only">Contact</span> '
          "Ville de Rennes</p></main>"),
     {"organiser": ("Ville de Rennes", "dsfr")}),
    ("a Contact field that names someone is the organiser",
     page("<main><h1>T</h1><p><b>Contact :</b> Préfecture du Gard</p></main>"),
     {"organiser": ("Préfecture du Gard", "label")}),
    ("a link alone in the next <dd> of a value in words is no more of it",
     page('<main><h1>T</h1><dl><dt>🏢</dt><dd>Ville de Rennes</dd><dd><a href="https://example.org/i">S\'inscrire</a>'
          "</dd><dt>Public</dt><dd>Agents</dd></dl></main>"),
     {"organiser": ("Ville de Rennes", "label")}),
    ("a place in the next <dd> of an organiser is the place, not more of the organiser",
     page('<main><h1>T</h1><dl><dt>🏛️</dt><dd>EtatLIN</dd><dd>Levallois-Perret (92)</dd>'
          "<dt>Format</dt><dd>Exposition</dd></dl></main>"),
     {"organiser": ("EtatLIN", "label"), "place_text": ("Levallois-Perret (92)", "fallback"),
      "commune_code": ("92044", None)}),
    ("… while an address goes on over its <dd>s",
     page("<main><h1>T</h1><dl><dt>📍</dt><dd>Médiathèque</dd><dd>12 rue de la Paix, 35000 Rennes</dd></dl></main>"),
     {"place_text": ("Médiathèque\n12 rue de la Paix, 35000 Rennes", "label")}),
    ("… while a list of linked terms stays one value",
     page('<main><h1>T</h1><dl><dt>Format</dt><dd><a href="/f/atelier">Atelier</a></dd>'
          '<dd><a href="/f/webinaire">Webinaire</a></dd></dl></main>'),
     {"formats": (["Atelier", "Webinaire"], "label")}),
    ("a Contact field that is a number is not",
     page("<main><h1>T</h1><p><b>Contact :</b> 02 99 00 00 00</p></main>"), {"organiser": (None, None)}),
    ("a label's value is never a heading ('Agenda' over the title)",
     page("<main><p>Agenda</p><h1>Atelier données</h1><p>Date : 14/11/2024</p></main>"),
     {"when_text": ("14/11/2024", "label")}),
    ("a label and its value side by side are not one label",
     page("<main><h1>T</h1><div><span>Adresse du lieu</span> <span>Médiathèque (Vannes)</span></div></main>"),
     {"place_text": ("Médiathèque (Vannes)", "label")}),
    ("an address goes on over its lines in a labelled value",
     page("<main><h1>T</h1><p>Lieu : Salle B<br>12 rue de la Paix<br>44000 Nantes<br>Public : agents</p></main>"),
     {"place_text": ("Salle B\n12 rue de la Paix\n44000 Nantes", "label")}),
    # ---- organiser, place and status in the text
    ("'organisé par X' in a sentence names the organiser",
     page("<main><h1>T</h1><p>Cet atelier est organisé par la Ville de Rennes, avec ses agents.</p></main>"),
     {"organiser": ("la Ville de Rennes", "fallback")}),
    ("a co-organiser after a comma stays in the name",
     page("<main><h1>T</h1><p>Cet atelier est proposé par la Ville de Brest, en partenariat avec Brest "
          "Métropole.</p></main>"),
     {"organiser": ("la Ville de Brest, en partenariat avec Brest Métropole", "fallback")}),
    ("'Organisé par X, …' at a sentence's start ends at the comma",
     page("<main><h1>T</h1><p>Organisé par Nantes Métropole, cet atelier est ouvert à tous.</p></main>"),
     {"organiser": ("Nantes Métropole", "label")}),
    ("who organises as the subject of a sentence names the organiser",
     page("<main><h1>T</h1><p>Dans le cadre du Mois de l'innovation publique, la DDTM du Var organise un atelier "
          "sur l'adaptation au changement climatique.</p></main>"),
     {"organiser": ("la DDTM du Var", "fallback")}),
    ("… and so does an institution that invites you",
     page("<main><h1>T</h1><p>La préfecture de région vous invite à découvrir les projets de ses services.</p></main>"),
     {"organiser": ("La préfecture de région", "fallback")}),
    ("the event itself inviting you, or a session proposing, names no organiser",
     page("<main><h1>T</h1><p>Le Mois de l'innovation publique vous invite à participer.</p>"
          "<p>Cet atelier propose une mise en pratique. La séance propose des retours d'expérience.</p></main>"),
     {"organiser": (None, None)}),
    ("a sentence that says where gives the place after its colon",
     page("<main><h1>T</h1><p>Il se tiendra à l'adresse suivante : Hôtel de ville, 35000 Rennes.</p></main>"),
     {"place_text": ("Hôtel de ville, 35000 Rennes", "fallback")}),
    ("a postcode in brackets after a commune names the place in a sentence",
     page("<main><h1>T</h1><p>Le jeudi 14 novembre 2024, la DDTM organise un atelier de 9h à 12h à Toulon (83000).</p>"
          "</main>"),
     {"place_text": ("Le jeudi 14 novembre 2024, la DDTM organise un atelier de 9h à 12h à Toulon (83000).", "fallback"),
      "commune_code": ("83137", None)}),
    ("… and on a line of its own",
     page("<main><h1>T</h1><p>Le 14/11/2024 à 10h</p><p>Salle des fêtes, Mende (48000)</p></main>"),
     {"place_text": ("Salle des fêtes, Mende (48000)", "fallback"), "commune_code": ("48095", None)}),
    ("a venue's name on a line of its own is the place, and one attends there",
     page("<main><h1>T</h1><p>Rejoignez-nous le jeudi 14 novembre 2024 à 10h.</p><p>Amphithéâtre de la préfecture</p>"
          "<p>Public : agents</p></main>"),
     {"place_text": ("Amphithéâtre de la préfecture", "fallback"), "attendance": ("offline", None)}),
    ("… a prefecture's name too, under an organiser's line",
     page("<main><h1>T</h1><p>Le 14/11/2024 à 10h</p><p>Organisé par Mairie de Redon</p>"
          "<p>Préfecture d'Ille-et-Vilaine</p></main>"),
     {"place_text": ("Préfecture d'Ille-et-Vilaine", "fallback"), "organiser": ("Mairie de Redon", "label")}),
    ("a sentence that opens with a venue's noun is no place",
     page("<main><h1>T</h1><p>Le 14/11/2024 à 10h</p><p>Maison de l'emploi : un lieu ouvert à tous !</p>"
          "<p>Salle comble l'an dernier !</p></main>"),
     {"place_text": (None, None), "attendance": (None, None)}),
    ("how one attends in a <dd> after the organiser's is not a second organiser",
     page("<main><h1>T</h1><dl><dt>Proposé par :</dt><dd>Assurance Maladie</dd><dd>Distanciel</dd></dl></main>"),
     {"organiser": ("Assurance Maladie", "label"), "attendance": ("online", None)}),
    ("a header row with one worded cell is no label: its cell is, over its own column only",
     page('<main><h1>T</h1><table><thead><tr><th></th><th>Lien d\'inscription</th><th></th></tr></thead><tbody><tr>'
          '<td>Agents publics</td><td><a href="https://www.weezevent.com/atelier">S\'inscrire</a></td>'
          "<td>10 rue Aristide Briand 78190 Trappes</td></tr></tbody></table></main>"),
     {"place_text": ("10 rue Aristide Briand 78190 Trappes", "fallback"),
      "registration_url": ("https://www.weezevent.com/atelier", "label"), "commune_code": ("78621", None)}),
    ("a header cell with an icon font and a visually hidden word is a label over its column",
     page('<main><h1>T</h1><table><thead><tr><th>Date</th><th><span class="material-icons" aria-hidden="true">'
          'account_balance</span><span class="visually-hidden">Proposé par</span></th></tr></thead><tbody><tr>'
          "<td>8 novembre 2021, 18 heures</td><td>Conseil régional de Mayotte</td></tr></tbody></table></main>"),
     {"organiser": ("Conseil régional de Mayotte", "label")}),
    ("… nor is a date in a <dd> after the organiser's",
     page('<main><h1>T</h1><dl><dt><span class="bi bi-bank" aria-hidden="true"></span></dt><dd>Assurance Maladie</dd>'
          "<dd>Du 7 (matin) au 20 novembre 2024</dd></dl></main>"),
     {"organiser": ("Assurance Maladie", "label")}),
    ("an attendance badge joins the address found elsewhere",
     page('<main><h1>T</h1><p class="fr-badge">Hybride</p><p>Lieu : 3 rue X, 35000 Rennes</p></main>'),
     {"place_text": ("3 rue X, 35000 Rennes, Hybride", "label")}),
    ("a line that only says how one attends does not stop the search for the place",
     page("<main><h1>T</h1><p>Cet atelier se déroule en présentiel uniquement.</p><p>Médiathèque (Vannes)</p></main>"),
     {"place_text": ("Médiathèque (Vannes), en présentiel uniquement", "fallback")}),
    ("a badge in the place parser's own words says how one attends",
     page('<main><h1>T</h1><p class="fr-badge">Classe virtuelle</p><p>Public : agents</p></main>'),
     {"place_text": ("Classe virtuelle", "dsfr"), "attendance": ("online", None)}),
    ("a 'Webinaire' tag is a format, not a place",
     page('<main><h1>T</h1><ul><li><p class="fr-tag">Webinaire</p></li></ul><p>Lieu : 3 rue X, 35000 Rennes</p>'
          "</main>"),
     {"place_text": ("3 rue X, 35000 Rennes", "label"), "attendance": ("offline", None)}),
    ("a line that is another field's value is no place",
     page("<main><h1>T</h1><dl><dt>Format</dt><dd>Webinaire en ligne</dd></dl></main>"), {"place_text": (None, None)}),
    ("a sentence in other words than the usual ones still says how one attends",
     page("<main><h1>T</h1><p>Modalité retenue pour cette session : diffusé en direct sur YouTube.</p></main>"),
     {"attendance": ("online", None)}),
    ("a cancellation in an alert banner is a status mark",
     page('<main><h1>T</h1><div role="alert">Cet événement est annulé.</div></main>'),
     {"badges": (["Cet événement est annulé."], "label"), "status": ("cancelled", None)}),
    ("a sentence saying this event is cancelled is a status mark",
     page("<main><h1>T</h1><p>Nous sommes au regret de vous informer que cet atelier est annulé.</p></main>"),
     {"badges": (["Nous sommes au regret de vous informer que cet atelier est annulé."], "label"),
      "status": ("cancelled", None)}),
    ("… or that it will not take place",
     page("<main><h1>T</h1><p class=\"callout\">Important : cette rencontre n'aura pas lieu.</p></main>"),
     {"status": ("cancelled", None)}),
    ("a status word opening a line before a dash is a status mark",
     page("<main><h1>T</h1><div><p><strong>ANNULÉ</strong> – en raison des intempéries</p></div></main>"),
     {"badges": (["ANNULÉ – en raison des intempéries"], "label"), "status": ("cancelled", None)}),
    ("a cancellation in a condition, another event's or another way of holding it is none",
     page("<main><h1>T</h1><p>En cas de pluie, l'atelier sera annulé.</p><p>L'édition 2020 a été annulée.</p>"
          "<p>Cette rencontre n'aura pas lieu en présentiel mais en ligne.</p>"
          "<p>Si les inscrits sont trop peu nombreux, cet atelier pourra être annulé.</p></main>"),
     {"badges": (None, None), "status": ("scheduled", None)}),
    ("a 'Statut' field is a status mark",
     page("<main><h1>T</h1><p><strong>Statut :</strong> Reporté</p></main>"), {"badges": (["Reporté"], "label")}),
]


def _read(html: str):
    url = URL
    item, failed = read_event(HtmlResponse(url=url, body=html.encode(), encoding="utf-8", request=Request(url)),
                              edition_hint=2024)
    return normalize_event(item), failed


@pytest.mark.parametrize(("html", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_rule(html: str, expected: dict) -> None:
    item, failed = _read(html)
    assert failed == []
    for name, (value, strategy) in expected.items():
        got = getattr(item, name) or None
        if strategy is None:
            assert got == (value or None), name
        else:
            assert (got, item.strategies.get(name)) == (value, strategy), name
