"""What else a page holds: cookie banners, newsletter boxes, "other events" blocks with their
own dates and places, breadcrumbs, share and print links, comments, publication stamps,
registration deadlines. None of it is the event's data."""

from __future__ import annotations

import datetime as dt

from replica.html_common import attr, esc
from replica.wild.dates import MONTHS, WEEKDAYS
from replica.wild.draw import Classes, Draw

OTHER_HEADINGS = ("Prochains événements", "À venir", "Autres rendez-vous", "Dans le même programme",
                  "Vous aimerez aussi", "Événements similaires", "")
# places of the "other events" blocks: somewhere else than the event
OTHER_PLACES = ("Médiathèque, 2 place de la Mairie, 45000 Orléans", "Lyon (69)", "En ligne",
                "Hôtel de région, 1 rue de la Loire, 44000 Nantes", "à Toulouse", "Station F, Paris",
                "Maison France services, 59000 Lille", "Cité administrative, 67000 Strasbourg")
COOKIE = ("Ce site utilise des cookies pour mesurer son audience. Vous pouvez les accepter ou les refuser.",
          "Nous utilisons des traceurs pour améliorer votre expérience. Dernière mise à jour de la politique : "
          "1er mars 2024.")


def long_day(d: dt.date) -> str:
    return f"{WEEKDAYS[d.weekday()]} {d.day} {MONTHS[d.month - 1]} {d.year}"


def cookie_banner(draw: Draw) -> str:
    shell = draw.any(('<div id="tarteaucitronRoot"><div id="tarteaucitronAlertBig">{}</div></div>',
                      '<div class="cookie-banner" role="dialog">{}</div>', '<div id="cookie-notice">{}</div>',
                      '<div class="cc-window cc-banner">{}</div>', "<div>{}</div>"))
    text = draw.any(COOKIE)
    return shell.format(f"<p>{esc(text)}</p><button>Tout accepter</button><button>Tout refuser</button>")


def newsletter(draw: Draw, cls: Classes, year: int) -> str:
    day = dt.date(year, 11, draw.rng.randint(5, 28))
    text = draw.any((f"Prochaine lettre le {long_day(day)}.", "Une lettre par mois, sans publicité.",
                     f"Édition spéciale du {day:%d/%m/%Y}."))
    return (f'<div{cls("block", "newsletter")}><h2>Lettre d\'information</h2><p>Abonnez-vous pour recevoir '
            f'les actualités de l\'innovation publique. {esc(text)}</p><form action="/newsletter" method="post">'
            '<input type="email" name="mail" placeholder="Votre adresse e-mail"><button>S\'abonner</button>'
            '</form></div>')


def other_events(draw: Draw, cls: Classes, year: int, related: list[tuple[str, str]]) -> str:
    """Other events with their own dates and places (a sidebar, a block after the content)."""
    heading = draw.pick("noise.other_heading", OTHER_HEADINGS)
    markup = draw.pick("noise.other_markup", ("ul", "cards", "dl"))
    other_year = year if draw.rng.random() < 0.7 else 2026
    items = []
    for i, (title, href) in enumerate(related[:3] or [("Café de l'innovation", "/actualites/le-reseau-des-laboratoires")]):
        day = dt.date(other_year, 11, 3 + (draw.rng.randint(0, 24) + i) % 25)
        when = f"{long_day(day)}, {draw.any(('9h30', '10h', '14h', '16h'))}"
        place = draw.any(OTHER_PLACES)
        items.append(_other(markup, cls, title, href, when, place))
    head = f"<h2>{esc(heading)}</h2>" if heading else ""
    wrap = draw.any(("aside", "section", "div"))
    body = f"<ul>{''.join(items)}</ul>" if markup == "ul" else "".join(items)
    return f'<{wrap}{cls("block", "upcoming-events")}>{head}{body}</{wrap}>'


def _other(markup: str, cls: Classes, title: str, href: str, when: str, place: str) -> str:
    link = f'<a href="{attr(href)}">{esc(title)}</a>'
    if markup == "ul":
        return f"<li>{link}<br>{esc(when)} – {esc(place)}</li>"
    if markup == "dl":
        return f"<dl><dt>{link}</dt><dd>Date : {esc(when)}</dd><dd>Lieu : {esc(place)}</dd></dl>"
    return (f'<div{cls("card")}><div{cls("card_body")}><h3>{link}</h3><p>{esc(when)}</p>'
            f"<p>{esc(place)}</p></div></div>")


def breadcrumb(draw: Draw, items: list[tuple[str, str | None]]) -> str:
    kind = draw.pick("noise.breadcrumb", ("nav_ol", "div_links", "plain_text", "none"))
    if kind == "none":
        return ""
    if kind == "plain_text":
        return f"<p>{' &gt; '.join(esc(label) for label, _ in items)}</p>"
    links = [f'<a href="{attr(h)}">{esc(t)}</a>' if h else f"<span>{esc(t)}</span>" for t, h in items]
    if kind == "div_links":
        return f'<div class="breadcrumbs">{" / ".join(links)}</div>'
    lis = "".join(f'<li class="breadcrumb-item">{x}</li>' for x in links)
    return f'<nav aria-label="Fil d\'Ariane"><ol class="breadcrumb">{lis}</ol></nav>'


def share(draw: Draw) -> str:
    links = "".join(f'<a href="{u}">{n}</a> ' for n, u in (
        ("Facebook", "https://www.facebook.com/sharer/sharer.php"), ("LinkedIn", "https://www.linkedin.com/shareArticle"),
        ("X", "https://twitter.com/intent/tweet"), ("Courriel", "mailto:?subject=Mois")))
    extra = draw.any(('<a href="?print=1">Version imprimable</a>', '<a href="javascript:window.print()">Imprimer</a>',
                      '<a href="/agenda/export.ics">Ajouter à mon agenda</a>', ""))
    return f'<div class="social-share share-buttons"><span>Partager :</span> {links}{extra}</div>'


def comments(draw: Draw, year: int) -> str:
    out = []
    for i in range(draw.rng.randint(1, 3)):
        day = dt.date(year, 10, draw.rng.randint(1, 31))
        who = draw.any(("Claire", "Julien", "Agent public", "Sophie M."))
        text = draw.any(("Merci pour l'organisation !", "Est-ce que la session sera enregistrée ?",
                         "Très bonne initiative, à refaire."))
        out.append(f'<div class="comment"><p class="comment-meta">Publié par {esc(who)} le {long_day(day)} '
                   f'à {10 + i}h{12 + i * 7}</p><p>{esc(text)}</p></div>')
    return f'<section class="comments" id="comments"><h2>{len(out)} commentaire(s)</h2>{"".join(out)}</section>'


def stamp(draw: Draw, cls: Classes, published: dt.date, updated: dt.date) -> str:
    kind = draw.pick("noise.stamp", ("publie", "mis_en_ligne", "time_byline", "updated_line", "none"))
    if kind == "publie":
        return f"<p{cls('stamp')}>Publié le {published.day} {MONTHS[published.month - 1]} {published.year}</p>"
    if kind == "mis_en_ligne":
        return f"<p{cls('stamp')}>Mis en ligne le {published:%d/%m/%Y} – Modifié le {updated:%d/%m/%Y}</p>"
    if kind == "time_byline":
        return (f'<div class="byline post-meta"><time class="published" datetime="{published.isoformat()}">'
                f"{published.day} {MONTHS[published.month - 1]} {published.year}</time> · Rédaction</div>")
    if kind == "updated_line":
        return f"<p{cls('stamp')}>Dernière mise à jour : {updated:%d/%m/%Y} à 14:32</p>"
    return ""


def deadline(draw: Draw, start: dt.date | None) -> tuple[str, str] | None:
    """A registration deadline row (label, value): a date that is not the event's."""
    if start is None or not draw.chance("noise.deadline", 0.12):
        return None
    day = start - dt.timedelta(days=draw.rng.randint(2, 10))
    label = draw.any(("Date limite d'inscription", "Inscriptions jusqu'au", "Clôture des inscriptions"))
    return label, f"{long_day(day)}"
