"""Layout variants of an event page: each markup a field can come in, and the strategy that read it.

Every case is a small page; the table lists the raw text expected for some fields and the
strategy expected to have produced it. ``None`` means the field must stay empty.
"""

from __future__ import annotations

import http.server
import json
import socket
import threading
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse, Request

from mipcrawl import cli
from spiders.extract.item import read_event

URL = "https://www.modernisation.gouv.fr/mois-de-linnovation-publique/un-evenement"
FURNITURE_TOP = (
    '<header role="banner" class="fr-header"><p>Date : 1er janvier 2000</p>'
    '<nav class="fr-nav"><a href="/x">Lieu : menu</a></nav></header>'
)
FURNITURE_BOTTOM = (
    '<section class="mip-related"><div class="fr-card fr-enlarge-link"><div class="fr-card__body">'
    '<h3 class="fr-card__title"><a href="/mois-de-linnovation-publique/autre">Autre</a></h3>'
    '<p class="fr-card__detail fr-icon-calendar-line">Le 3 décembre 2030</p>'
    '<p class="fr-card__detail fr-icon-map-pin-2-line">13001 Marseille</p>'
    '<p>Organisateur : une carte liée</p></div></div></section>'
)
FOOTER = '<footer class="fr-footer" role="contentinfo"><p>Lieu : 75007 Paris (siège)</p></footer>'


def page(content: str, *, head: str = "", main: bool = True) -> str:
    """A DSFR page around ``content`` with furniture (header, menu, related cards, footer) that
    holds decoy dates, places and labels: none of them may be read."""
    body = f"<main>{content}{FURNITURE_BOTTOM}</main>" if main else f"<div>{content}</div>"
    return f"<!DOCTYPE html><html><head>{head}</head><body>{FURNITURE_TOP}{body}{FOOTER}</body></html>"


def jsonld(data: dict) -> str:
    return f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'


EVENT_LD = {
    "@context": "https://schema.org", "@type": "Event", "name": "Hackathon des données",
    "startDate": "2024-11-07T09:30", "endDate": "2024-11-07T16:00",
    "location": {"@type": "Place", "name": "Espace Beaulieu",
                 "address": {"@type": "PostalAddress", "streetAddress": "9 bd Vincent Gache",
                             "postalCode": "44200", "addressLocality": "Nantes"}},
    "organizer": {"@type": "Organization", "name": "Cerema"},
    "eventStatus": "https://schema.org/EventCancelled",
    "offers": {"@type": "Offer", "url": "https://www.eventbrite.fr/e/123"},
}
MICRODATA = (
    '<div itemscope itemtype="https://schema.org/Event"><h1 itemprop="name">Débat citoyen</h1>'
    '<meta itemprop="startDate" content="2023-11-14T18:00">'
    '<div itemprop="location" itemscope itemtype="https://schema.org/Place"><span itemprop="name">Mairie</span>'
    '<div itemprop="address" itemscope itemtype="https://schema.org/PostalAddress">'
    '<span itemprop="postalCode">69001</span> <span itemprop="addressLocality">Lyon</span></div></div>'
    '<p itemprop="organizer" itemscope itemtype="https://schema.org/Organization">'
    '<span itemprop="name">Métropole de Lyon</span></p></div>'
)

CASES = [
    # ---- (1) schema.org
    # the visible text wins over schema.org where both say something (issue 15): heading and place here
    ("jsonld event", page("<h1>Titre visible</h1><p>Lieu : ailleurs</p>", head=jsonld(EVENT_LD)), {
        "title": ("Titre visible", "dsfr"),
        "when_text": ("2024-11-07T09:30 – 2024-11-07T16:00", "jsonld"),
        "place_text": ("ailleurs", "label"),
        "organiser": ("Cerema", "jsonld"), "badges": (["Annulé"], "jsonld"),
        "registration_url": ("https://www.eventbrite.fr/e/123", "jsonld"), "edition": (2024, "jsonld")}),
    ("jsonld in @graph, online", page("<h1>T</h1>", head=jsonld({"@graph": [
        {"@type": "WebPage"}, {"@type": "EducationEvent", "name": "Webinaire IA",
                               "startDate": "2025-11-18", "location": {
                                   "@type": "VirtualLocation", "url": "https://zoom.us/j/1"}}]})), {
        "title": ("T", "dsfr"), "place_text": ("En ligne", "jsonld"),
        "online_url": ("https://zoom.us/j/1", "jsonld"), "when_text": ("2025-11-18", "jsonld")}),
    ("broken jsonld ignored", page("<h1>Titre</h1><dl><dt>Date</dt><dd>Le 3/11</dd></dl>",
                                   head='<script type="application/ld+json">{"@type": "Event",</script>'), {
        "title": ("Titre", "dsfr"), "when_text": ("Le 3/11", "label")}),
    ("microdata", page(MICRODATA), {
        "title": ("Débat citoyen", "microdata"), "when_text": ("2023-11-14T18:00", "microdata"),
        "place_text": ("Mairie, 69001 Lyon", "microdata"), "organiser": ("Métropole de Lyon", "microdata")}),
    # ---- (2) machine-readable attributes
    ("time element with text", page('<h1>T</h1><p><time datetime="2024-11-07T09:30">Le jeudi 07/11 de 9h30 à 16h'
                                    "</time></p>"), {
        "when_text": ("Le jeudi 07/11 de 9h30 à 16h", "attr"), "edition": (2024, "attr")}),
    ("time elements without text", page('<h1>T</h1><p><time datetime="2022-11-08T14:00"></time>'
                                        '<time datetime="2022-11-08T16:00"></time></p>'), {
        "when_text": ("2022-11-08T14:00 – 2022-11-08T16:00", "attr")}),
    ("stamp time is not the event date", page('<h1>T</h1><p>Publiée le <time datetime="2024-10-01">1er octobre'
                                              " 2024</time></p><dl><dt>Quand</dt><dd>Le 5/11</dd></dl>"), {
        "when_text": ("Le 5/11", "label"), "stamps_text": ("Publiée le 1er octobre 2024", "label"),
        "edition": (2024, "fallback")}),
    ("map link text", page('<h1>T</h1><p><a href="https://www.google.com/maps/place/Rennes">3 rue Martenot, '
                           "35000 Rennes</a></p>"), {"place_text": ("3 rue Martenot, 35000 Rennes", "attr")}),
    ("map link query", page('<h1>T</h1><p><a href="https://www.openstreetmap.org/search?query=Station%20F%2C'
                            '%20Paris">Voir sur la carte</a></p>'), {"place_text": ("Station F, Paris", "attr")}),
    ("online link by host", page('<h1>T</h1><p>Rejoindre : <a href="https://teams.microsoft.com/l/meetup">ici'
                                 "</a></p>"), {"online_url": ("https://teams.microsoft.com/l/meetup", "attr")}),
    ("drupal date field content", page('<h1>T</h1><div class="field-item"><span class="date-display-start" '
                                       'property="dc:date" datatype="xsd:dateTime" content="2017-11-20T09:00:00+01:00">'
                                       'Lundi 20 novembre 2017 - 09:00</span> à <span class="date-display-end" '
                                       'property="dc:date" datatype="xsd:dateTime" content="2017-11-20T17:00:00+01:00">'
                                       "17:00</span></div>"), {
        "when_text": ("Lundi 20 novembre 2017 - 09:00 à 17:00", "attr"), "edition": (2017, "attr")}),
    ("time inside a sentence", page('<h1>T</h1><p>Date : le <time datetime="2024-11-21">21 novembre</time> de 9h '
                                    "à 12h</p>"), {"when_text": ("le 21 novembre de 9h à 12h", "attr")}),
    ("address element", page("<h1>T</h1><address>Hôtel de Région<br>1 rue de la Loire, 44000 Nantes</address>"), {
        "place_text": ("Hôtel de Région 1 rue de la Loire, 44000 Nantes", "attr")}),
    # ---- (3) DSFR components
    ("dsfr icons on the element", page('<h1 class="fr-h1">T</h1><p class="fr-icon-calendar-line">Le 14/11 à 10h</p>'
                                       '<p class="fr-icon-map-pin-2-line">Préfecture, 3 rue Martenot à Rennes</p>'
                                       '<p class="fr-icon-team-line">Organisé par SGAR Bretagne</p>'), {
        "title": ("T", "dsfr"), "when_text": ("Le 14/11 à 10h", "dsfr"),
        "place_text": ("Préfecture, 3 rue Martenot à Rennes", "dsfr"), "organiser": ("SGAR Bretagne", "dsfr")}),
    ("dsfr icon spans", page('<h1>T</h1><p><span class="fr-icon-calendar-line" aria-hidden="true"></span> '
                             'Du 02/11 au 30/11</p><p><span class="fr-icon-map-pin-2-line"></span> En ligne</p>'), {
        "when_text": ("Du 02/11 au 30/11", "dsfr"), "place_text": ("En ligne", "dsfr")}),
    ("dsfr tags and badges", page('<h1>T</h1><ul class="fr-badges-group"><li><p class="fr-badge">Annulé</p></li>'
                                  '</ul><ul class="fr-tags-group"><li><p class="fr-tag">Webinaire</p></li>'
                                  '<li><a class="fr-tag" href="/t">Table ronde</a></li></ul>'), {
        "badges": (["Annulé"], "dsfr"), "formats": (["Webinaire", "Table ronde"], "dsfr")}),
    ("dsfr button to register", page('<h1>T</h1><a class="fr-btn" href="https://framaforms.org/x">'
                                     "S'inscrire</a>"), {
        "registration_url": ("https://framaforms.org/x", "dsfr"), "access": (None, None)}),
    ("dsfr breadcrumb edition", page('<nav class="fr-breadcrumb"><ol class="fr-breadcrumb__list"><li>'
                                     '<a class="fr-breadcrumb__link" href="/p">Programme 2023</a></li></ol></nav>'
                                     "<h1>T</h1>"), {"edition": (2023, "dsfr")}),
    # ---- (4) French labels, whatever the markup
    ("dl dt dd", page("<h1>T</h1><dl><dt>Date et horaires</dt><dd>Le lundi 07/11 de 9h30 à 16h</dd>"
                      "<dt>Où ?</dt><dd>Station F</dd><dt>Public</dt><dd>Agents publics</dd></dl>"), {
        "when_text": ("Le lundi 07/11 de 9h30 à 16h", "label"), "place_text": ("Station F", "label"),
        "audience": ("Agents publics", "label")}),
    ("li strong with colon", page("<h1>T</h1><ul><li><strong>Lieu :</strong> 77 Av. de Ségur 75015 Paris</li>"
                                  "<li><strong>Organisateur :</strong> Etalab</li></ul>"), {
        "place_text": ("77 Av. de Ségur 75015 Paris", "label"), "organiser": ("Etalab", "label")}),
    ("strong without colon, capitals, no accents", page("<h1>T</h1><p><b>ORGANISE PAR</b> Cerema</p>"
                                                        "<p><b>QUAND</b><br>Le 18/11</p>"), {
        "organiser": ("Cerema", "label"), "when_text": ("Le 18/11", "label")}),
    ("drupal field label", page('<h1>T</h1><div class="field"><div class="field__label">Organisé par</div>'
                                '<div class="field__item">Métropole européenne de Lille</div></div>'
                                '<div class="field"><div class="field__label">Type</div><div class="field__items">'
                                '<div class="field__item">Conférence</div><div class="field__item">Visite</div>'
                                "</div></div>"), {
        "organiser": ("Métropole européenne de Lille", "label"), "formats": (["Conférence", "Visite"], "label")}),
    ("table rows", page('<h1>T</h1><table><tr><th scope="row">Horaires</th><td>de 16h à 18h</td></tr>'
                        "<tr><th>Adresse</th><td>3 rue Martenot, 35000 Rennes</td></tr></table>"), {
        "when_text": ("de 16h à 18h", "label"), "place_text": ("3 rue Martenot, 35000 Rennes", "label")}),
    ("table cells with strong labels", page("<h1>T</h1><table><tr><td><strong>Lieu</strong></td>"
                                            "<td>Station F</td></tr></table>"), {
        "place_text": ("Station F", "label")}),
    ("label colon value text with br", page("<h1>T</h1><p>Date : Le 25 et le 26 novembre<br>\nAdresse : "
                                            "Espace Beaulieu - 44200 Nantes<br>Format : Atelier, Démo</p>"), {
        "when_text": ("Le 25 et le 26 novembre", "label"),
        "place_text": ("Espace Beaulieu - 44200 Nantes", "label"), "formats": (["Atelier", "Démo"], "label")}),
    ("several labels on one line", page("<h1>T</h1><p>Date : Le 7/11 de 9h à 12h | Lieu : 3 rue Martenot, "
                                        "35000 Rennes · Public : Agents</p>"), {
        "when_text": ("Le 7/11 de 9h à 12h", "label"), "place_text": ("3 rue Martenot, 35000 Rennes", "label"),
        "audience": ("Agents", "label")}),
    ("colon outside the bold label", page("<h1>T</h1><p><b>Lieu</b> : Station F</p><p><b>Lien de connexion</b>"
                                          " : https://meet.google.com/abc-def</p>"), {
        "place_text": ("Station F", "label"), "online_url": ("https://meet.google.com/abc-def", "label")}),
    ("bare URL values", page("<h1>T</h1><p>Inscription : https://example.org/form</p>"
                             "<p>Lien de connexion : https://visio.example.org/salle</p>"), {
        "registration_url": ("https://example.org/form", "label"), "access": (None, None),
        "online_url": ("https://visio.example.org/salle", "label")}),
    ("header row table", page("<h1>T</h1><table><thead><tr><th>Date</th><th>Lieu de l'atelier</th></tr></thead>"
                              "<tbody><tr><td>Le 9/11</td><td>Salle B, 69003 Lyon</td></tr></tbody></table>"), {
        "when_text": ("Le 9/11", "label"), "place_text": ("Salle B, 69003 Lyon", "label")}),
    ("qualified labels, publication date is no event date", page(
        "<h1>T</h1><p>Date de publication : 2 octobre 2024</p><p>Date de la rencontre : Le 12/11</p>"), {
        "when_text": ("Le 12/11", "label")}),
    ("edition from the page title", "<html><head><title>Atelier | Mois de l'innovation publique 2025</title>"
                                    "</head><body><main><h1>Atelier</h1></main></body></html>", {
        "edition": (2025, "label")}),
    ("heading then paragraph", page("<h1>T</h1><h3>Lieu</h3><p>à Nantes (Pays de Loire)</p>"
                                    "<h3>Inscription</h3><p><a href='https://www.weezevent.com/x'>ici</a></p>"), {
        "place_text": ("à Nantes (Pays de Loire)", "label"),
        "registration_url": ("https://www.weezevent.com/x", "label")}),
    ("label and value in separate spans", page('<h1>T</h1><div><span class="label">Accès</span>'
                                               '<span class="value">Entrée gratuite sur inscription</span></div>'), {
        "access": ("Entrée gratuite sur inscription", "label")}),
    ("date plus hours labels", page("<h1>T</h1><dl><dt>Date</dt><dd>Mardi 16 novembre 2021</dd>"
                                    "<dt>Horaires</dt><dd>de 14h à 16h30</dd></dl>"), {
        "when_text": ("Mardi 16 novembre 2021, de 14h à 16h30", "label"), "edition": (2021, "fallback")}),
    ("labels with plural marks and symbols", page("<h1>T</h1><p>📅 Date(s) et horaire(s) : Le 22/11 à 18h</p>"
                                                  "<p>Organisateur·rice : Lab Zéro</p>"), {
        "when_text": ("Le 22/11 à 18h", "label"), "organiser": ("Lab Zéro", "label")}),
    ("sentence organisé par", page("<h1>T</h1><p>Organisé par la DINUM</p>"), {
        "organiser": ("la DINUM", "label")}),
    ("2021 parcours label", page("<h1>T</h1><p><strong>Parcours :</strong> L'innovation au service de "
                                 "l'expérience usager</p>"), {
        "parcours": ("L'innovation au service de l'expérience usager", "label")}),
    ("empty value is no value", page("<h1>T</h1><ul><li><strong>Lieu :</strong></li>"
                                     "<li><strong>Date :</strong> Le 3/11</li></ul>"), {
        "place_text": (None, None), "when_text": ("Le 3/11", "label")}),
    # ---- legacy
    ("legacy breadcrumb and stamp", '<html><body><div id="header"><ul class="menu"><li>Date : 1/1</li></ul>'
                                    '</div><div class="breadcrumb">Vous êtes ici : <a href="/">Accueil</a> &gt; '
                                    "Semaine de l'innovation publique 2018</div><div id='content'><h1 class='title'>"
                                    'T</h1><div class="submitted">Publié le 20.12.18</div></div></body></html>', {
        "title": ("T", "legacy"), "edition": (2018, "legacy"), "stamps_text": ("Publié le 20.12.18", "label")}),
    ("legacy stamp only", page("<h1>T</h1><div class='submitted'>Publié le 04.11.20</div>", main=False), {
        "edition": (2020, "fallback")}),
    ("hero heading edition", page("<h2 class='edition'>Mois de l'innovation publique 2022</h2><h1>T</h1>"), {
        "edition": (2022, "label")}),
    ("legacy status label", '<html><body><div id="content"><h1>T</h1><span class="label label-danger">Annulé'
                            '</span><div class="field field--label-inline"><div class="field__label">Format</div>'
                            '<div class="field__item">Atelier</div></div></div></body></html>', {
        "badges": (["Annulé"], "legacy"), "formats": (["Atelier"], "label")}),
    # ---- (5) fallback
    ("first date-like line", page("<h1>Un atelier</h1><p>Rendez-vous le lundi 21 novembre 2022 à 14h.</p>"
                                  "<p>Salle 3, 59000 Lille</p>"), {
        "when_text": ("Rendez-vous le lundi 21 novembre 2022 à 14h.", "fallback"),
        "place_text": ("Salle 3, 59000 Lille", "fallback"), "edition": (2022, "fallback")}),
    ("online word", page("<h1>T</h1><p>Ce webinaire se tiendra en ligne.</p>"), {
        "place_text": ("en ligne", "fallback")}),      # the place a sentence gives after its verb
    ("title tags give formats", page("<h1>[Table ronde, Démo, Retex] Les labs</h1>"), {
        "formats": (["Table ronde", "Démo", "Retex"], "fallback")}),
    ("registration by host", page("<h1>T</h1><p><a href='https://www.helloasso.com/e/1'>Réserver</a></p>"), {
        "registration_url": ("https://www.helloasso.com/e/1", "fallback")}),
    # ---- missing, broken
    ("furniture only", page("<h1>Seul le titre</h1>"), {
        "title": ("Seul le titre", "dsfr"), "when_text": (None, None), "place_text": (None, None),
        "organiser": (None, None), "edition": (None, None), "formats": (None, None)}),
    ("broken html", "<html><body><main><h1>Titre cassé</h2><dl><dt>Lieu<dd>Brest <b>29200<dt>Date<dd>Le 8/11"
                    "</main></span></div>", {
        "title": ("Titre cassé", "legacy"), "place_text": ("Brest 29200", "label"),
        "when_text": ("Le 8/11", "label")}),
    ("details in an aside column", page("<h1>T</h1><p>Un long texte de description de l'événement, sans date.</p>"
                                        "<aside class='fr-col-md-4'><h2>Infos pratiques</h2><dl><dt>Quand</dt>"
                                        "<dd>Le 15/11 à 14h</dd></dl>" + FURNITURE_BOTTOM + "</aside>"), {
        "when_text": ("Le 15/11 à 14h", "label"), "place_text": (None, None)}),
    ("related aside without cards", page("<h1>T</h1><aside><h3>À lire aussi</h3><ul><li><a href='/x'>Atelier à "
                                         "Lyon</a> le 12 novembre 2030, 69001 Lyon</li></ul></aside>"), {
        "when_text": (None, None), "place_text": (None, None), "description_html": (None, None)}),
    ("drupal body classes", '<html><body class="html one-sidebar sidebar-first page-node"><h1>T</h1>'
                            '<p>Lieu : Rennes</p><div class="region-sidebar-first sidebar"><p>Date : 1/1</p></div>'
                            "</body></html>", {"place_text": ("Rennes", "label"), "when_text": (None, None)}),
    ("logo h1 in the legacy header", '<html><head><title>Forum | SGMAP</title></head><body><div id="header">'
                                     '<h1 id="site-name"><a href="/">Modernisation</a></h1></div><div id="content">'
                                     "<h2>Forum des labs</h2><p>Date : Le 19/11</p></div></body></html>", {
        "title": ("Forum des labs", "legacy"), "when_text": ("Le 19/11", "label")}),
    ("no main element", "<html><head><title>Page | site</title></head><body><p>Date : Le 9/11</p></body></html>", {
        "title": ("Page", "fallback"), "when_text": ("Le 9/11", "label")}),
    ("deeply nested junk", "<div>" * 600 + "<p>Date : Le 9/11</p>", {"when_text": ("Le 9/11", "label")}),
]


def _read(html: str):
    response = HtmlResponse(url=URL, body=html.encode(), encoding="utf-8", request=Request(URL))
    return read_event(response)


@pytest.mark.parametrize(("html", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_variant(html: str, expected: dict) -> None:
    item, failed = _read(html)
    assert failed == []
    for field, (value, strategy) in expected.items():
        got = getattr(item, field) or None
        assert (got, item.strategies.get(field)) == (value, strategy), field


def test_junk_nested_beyond_any_limit_is_kept_without_error() -> None:
    html = "<html><body><main><h1>Titre</h1>" + "<div><b>" * 20000 + "Date : Le 9/11"
    item, failed = _read(html)
    assert failed == [] and item.title == "Titre" and item.url == URL


def test_menus_footers_and_related_cards_are_never_read() -> None:
    item, _ = _read(page("<h1>T</h1><p>Une description de l’atelier, avec des échanges.</p>"))
    assert item.when_text is None and item.place_text is None and item.organiser is None
    assert item.registration_url is None and item.badges == []
    assert item.description_html == "<p>Une description de l’atelier, avec des échanges.</p>"


# ---- ``mipcrawl inspect``: the same extraction on one page, printed as JSON

PAGES = Path(__file__).parent / "fixtures" / "pages"


@pytest.fixture
def http_pages():
    """A loopback HTTP server for the saved pages (and a PDF, and 404s)."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            name = self.path.lstrip("/")
            if name == "doc.pdf":
                self._send(200, "application/pdf", b"%PDF-1.4")
            elif (PAGES / name).is_file():
                self._send(200, "text/html; charset=utf-8", (PAGES / name).read_bytes())
            else:
                self._send(404, "text/html", b"<h1>Page non trouvee</h1>")

        def _send(self, status, ctype, body):
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_inspect_prints_raw_strategies_and_normalised(http_pages, capsys) -> None:
    assert cli.main(["inspect", f"{http_pages}/dsfr15_event.html"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["raw"]["when_text"] == "Le jeudi 07/11 de 9h30 à 16h"
    assert report["raw"]["place_text"] == "77 Av. de Ségur 75015 Paris"
    assert report["strategies"]["when_text"] == "dsfr" and report["strategies"]["organiser"] == "label"
    assert report["raw"]["url"].startswith("https://www.modernisation.gouv.fr/")   # canonical
    norm = report["normalised"]
    assert norm["start"] == "2024-11-07T09:30:00+01:00" and norm["end"] == "2024-11-07T16:00:00+01:00"
    assert norm["all_day"] is False and norm["attendance"] == "offline" and norm["status"] == "scheduled"
    assert (norm["commune_code"], norm["departement_code"], norm["region_code"]) == ("75056", "75", "11")
    assert norm["organiser"] == "Direction interministérielle de la transformation publique"


def test_inspect_reads_a_saved_page_with_an_edition(capsys) -> None:
    url = (PAGES / "legacy2019_event.html").resolve().as_uri()
    assert cli.main(["inspect", url, "--edition", "2019"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["raw"]["edition"] == 2019 and report["strategies"]["edition"] == "legacy"
    assert report["raw"]["formats"] == ["Hackathon", "Atelier collaboratif"]


@pytest.mark.parametrize(("path", "code", "message"), [
    ("/doc.pdf", 1, "non-HTML body (application/pdf)"),
    ("/absente", 1, "HTTP 404"),
])
def test_inspect_bad_pages_give_one_line_and_nonzero(http_pages, capsys, path, code, message) -> None:
    assert cli.main(["inspect", http_pages + path]) == code
    err = capsys.readouterr().err.strip()
    assert err.startswith("mipcrawl inspect: ") and message in err and "\n" not in err


def test_inspect_unreachable_and_malformed_urls(capsys) -> None:
    with socket.socket() as s:           # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert cli.main(["inspect", f"http://127.0.0.1:{port}/x", "--timeout", "5"]) == 1
    assert "unreachable" in capsys.readouterr().err
    assert cli.main(["inspect", "pas-une-url"]) == 2
    assert "not a URL" in capsys.readouterr().err
    assert cli.main(["inspect", str(PAGES)]) == 2
    assert "a directory, not a page" in capsys.readouterr().err


def test_inspect_takes_a_saved_page_by_its_path(capsys, monkeypatch) -> None:
    monkeypatch.chdir(PAGES)
    assert cli.main(["inspect", "legacy2019_event.html", "--edition", "2019"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["fetched_url"] == (PAGES / "legacy2019_event.html").resolve().as_uri()
    assert report["raw"]["edition"] == 2019


# ---- every event page of a small replica, field by field against its ground truth

EXACT = ("title", "edition", "organiser", "parcours", "audience", "access", "registration_url")


def test_replica_pages_give_the_truth_texts(replica_small_site) -> None:
    from replica.build import file_for

    site = Path(replica_small_site)
    wrong: list[tuple] = []
    pages = 0
    for line in (site / "_truth" / "events.jsonl").read_text().splitlines():
        truth = json.loads(line)
        if truth["http_status"] != 200:
            continue
        url = "http://127.0.0.1" + truth["path"]
        body = (site / file_for(truth["path"])).read_bytes()
        item, failed = read_event(HtmlResponse(url=url, body=body, encoding="utf-8", request=Request(url)))
        pages += 1
        expected = {f: truth[f] for f in EXACT} | {"formats": truth["formats"] or [], "failed": []}
        got = {f: getattr(item, f) for f in EXACT} | {"formats": item.formats, "failed": failed}
        if item.strategies.get("when_text") == "jsonld":     # schema.org dates: ISO, not the visible text
            expected["when_text"] = " – ".join(x for x in (truth["start"], truth["end"]) if x)
        else:   # as written, with runs of spaces (no-break, thin, letter spacing) made one
            expected["when_text"] = " ".join(truth["when_text"].split()) if truth["when_text"] else None
        got["when_text"] = item.when_text
        if item.strategies.get("place_text") != "jsonld":
            expected["place_text"], got["place_text"] = truth["place_text"], item.place_text
        wrong.extend((truth["path"], f, expected[f], got[f]) for f in expected if expected[f] != got[f])
    assert pages > 300
    assert wrong == []
