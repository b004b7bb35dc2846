"""``chrome="full"``: the weight a real DSFR page carries around its content — the Drupal
settings and critical CSS in ``<head>``, the icon sprite and the cookie banner, the
mega-menu of the header, the footer's link columns and partner logos, the scripts — added to
every HTML page (``build_site(…, chrome="full")``, ``mipcrawl replica build --chrome full``).

A replica page weighs ~7.5 KB; a page of modernisation.gouv.fr 50–120 KB, and that weight is
what a parser walking the whole document pays for. Nothing of it is event data: no label
word, date, time, place name or cancellation word, no link to a page of the site's
programme, and nothing inside ``<main>`` or the legacy ``#content`` — the truth is the plain
build's, and so is what the spiders read. The chrome is the same on every page (a site's
chrome is), built once from a fixed seed.
"""

from __future__ import annotations

import functools
import json
import random

CHROMES = ("plain", "full")

_WORDS = ("transformation", "numérique", "simplification", "démarches", "agents", "usagers",
          "données", "qualité", "méthodes", "design", "expérimentation", "formation", "réseau",
          "campus", "accompagnement", "ressources", "outils", "guides", "projets", "équipes",
          "services", "pilotage", "résultats", "baromètre", "écoute", "participation", "management")
_SECTIONS = ("Transformer l'action", "Simplifier les démarches", "Accompagner les équipes",
             "Mesurer les résultats", "Innover ensemble", "Ressources et outils")


def _phrase(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(n)).capitalize()


def _slug(text: str) -> str:
    return "-".join(text.lower().replace("'", " ").split())


def _mega_menu(rng: random.Random) -> str:
    out = ['<div class="fr-header__menu fr-modal" id="header-menu"><div class="fr-container">'
           '<nav class="fr-nav" role="navigation" aria-label="Menu principal"><ul class="fr-nav__list">']
    for n, section in enumerate(_SECTIONS):
        columns = []
        for _col in range(3):
            links = "".join(f'<li><a class="fr-nav__link" href="/ressources/{_slug(_phrase(rng, 3))}" '
                            f'target="_self">{_phrase(rng, rng.randint(2, 5))}</a></li>' for _ in range(9))
            columns.append(f'<div class="fr-col-12 fr-col-lg-4"><h5 class="fr-mega-menu__category">'
                           f'<a class="fr-nav__link" href="#">{_phrase(rng, 2)}</a></h5>'
                           f'<ul class="fr-mega-menu__list">{links}</ul></div>')
        out.append(f'<li class="fr-nav__item"><button class="fr-nav__btn" aria-expanded="false" '
                   f'aria-controls="mega-menu-{n}">{section}</button><div class="fr-collapse fr-mega-menu" '
                   f'id="mega-menu-{n}" tabindex="-1"><div class="fr-container fr-container--fluid fr-container-lg">'
                   f'<button class="fr-btn--close fr-btn" aria-controls="mega-menu-{n}">Fermer</button>'
                   f'<div class="fr-grid-row fr-grid-row-lg--gutters"><div class="fr-col-12 fr-col-lg-8 '
                   f'fr-col-offset-lg-4--right"><div class="fr-mega-menu__leader"><h4 class="fr-h4 '
                   f'fr-mb-2v">{section}</h4><p class="fr-hidden fr-unhidden-lg">{_phrase(rng, 24)}.</p>'
                   f'</div></div>{"".join(columns)}</div></div></div></li>')
    out.append("</ul></nav></div></div>")
    return "".join(out)


def _sprite(rng: random.Random) -> str:
    def path() -> str:
        return " ".join(f"{c}{rng.randint(0, 24)}.{rng.randint(0, 99)} {rng.randint(0, 24)}.{rng.randint(0, 99)}"
                        for c in rng.choices("MLCQ", k=16))

    symbols = "".join(f'<symbol id="fr-icon-{n}" viewBox="0 0 24 24"><path d="{path()}Z"/></symbol>'
                      for n in range(40))
    return f'<svg xmlns="http://www.w3.org/2000/svg" style="display:none" aria-hidden="true">{symbols}</svg>'


def _footer(rng: random.Random) -> str:
    cols = "".join(f'<div class="fr-col-12 fr-col-sm-3 fr-col-md-2"><h3 class="fr-footer__top-cat">'
                   f'{_phrase(rng, 2)}</h3><ul class="fr-footer__top-list">'
                   + "".join(f'<li><a class="fr-footer__top-link" href="/ressources/{_slug(_phrase(rng, 2))}">'
                             f'{_phrase(rng, 3)}</a></li>' for _ in range(8)) + "</ul></div>" for _ in range(6))
    partners = "".join(f'<li class="fr-footer__partners-item"><a class="fr-footer__partners-link" '
                       f'href="https://partenaire-{n}.gouv.fr"><img class="fr-footer__logo" style="height:5.625rem" '
                       f'src="/themes/custom/dsfr/img/partenaire-{n}.svg" alt="{_phrase(rng, 3)}"></a></li>'
                       for n in range(8))
    return (f'<div class="fr-footer__top"><div class="fr-container"><div class="fr-grid-row '
            f'fr-grid-row--start fr-grid-row--gutters">{cols}</div></div></div><div class="fr-footer__partners">'
            f'<h2 class="fr-footer__partners-title">Nos partenaires</h2><ul class="fr-footer__partners-sub">'
            f'{partners}</ul></div>')


def _scripts(rng: random.Random) -> tuple[str, str]:
    """(what goes into ``<head>``, what goes before ``</body>``)."""
    settings = {"path": {"baseUrl": "/", "pathPrefix": "", "currentLanguage": "fr"},
                "ajaxPageState": {"libraries": ",".join(f"dsfr/{_slug(_phrase(rng, 2))}" for _ in range(90)),
                                  "theme": "dsfr"},
                "tarteaucitron": {f"service_{n}": _phrase(rng, 6) for n in range(40)}}
    css = "".join(f".fr-x-{n}{{margin:{rng.randint(0, 9)}rem {rng.randint(0, 9)}rem;color:#{rng.randrange(16**6):06x}}}"
                  for n in range(260))
    head = (f'<style>{css}</style><script type="application/json" data-drupal-selector="drupal-settings-json">'
            f'{json.dumps(settings, ensure_ascii=False)}</script>'
            '<script src="/themes/custom/dsfr/dist/dsfr.module.min.js" type="module"></script>')
    body = "".join(f"<script>!function(e,t){{var n{k}=function(r){{return r&&r.{_slug(_phrase(rng, 1))}"
                   f"||e.querySelectorAll('[data-fr-js-{k}]')}};t.dsfr{k}=n{k};"
                   f"e.addEventListener('DOMContentLoaded',function(){{n{k}(e.body)}})}}(document,window);</script>"
                   for k in range(120))
    return head, body


@functools.cache
def _parts() -> dict[str, str]:
    rng = random.Random("mipcrawl replica chrome")
    head, scripts = _scripts(rng)
    banner = ('<div id="tarteaucitronRoot" class="fr-consent-banner"><h2 class="fr-h6">À propos des cookies sur '
              f'modernisation.gouv.fr</h2><div class="fr-consent-banner__content"><p class="fr-text--sm">'
              f'{_phrase(rng, 60)}.</p></div><ul class="fr-consent-banner__buttons fr-btns-group"><li>'
              '<button class="fr-btn">Tout accepter</button></li><li><button class="fr-btn">Tout refuser</button>'
              '</li></ul></div>')
    return {"head": head, "body": _sprite(rng) + banner, "menu": _mega_menu(rng), "footer": _footer(rng),
            "scripts": scripts}


def dress(html: str, chrome: str = "plain") -> str:
    """``html`` with the chrome ``chrome`` names (``"plain"``: as it is)."""
    if chrome not in CHROMES:
        raise ValueError(f"chrome must be one of {CHROMES}, not {chrome!r}")
    if chrome == "plain" or "</body>" not in html:
        return html
    p = _parts()
    html = html.replace("</head>", p["head"] + "</head>", 1)
    if "</header>" in html:   # DSFR: the mega-menu in the header, the columns in the footer
        html = html.replace("</header>", p["menu"] + "</header>", 1)
        html = html.replace('<footer class="fr-footer" role="contentinfo">',
                            '<footer class="fr-footer" role="contentinfo">' + p["footer"], 1)
        extra = ""
    else:                     # legacy: before the page wrapper, outside #content
        extra = p["menu"] + p["footer"]
    head, sep, rest = html.partition("<body")
    tag_end = rest.index(">") + 1
    html = head + sep + rest[:tag_end] + p["body"] + extra + rest[tag_end:]
    return html.replace("</body>", p["scripts"] + "</body>", 1)


def dress_body(body: bytes, content_type: str, chrome: str = "plain") -> bytes:
    """A served body with the chrome: HTML pages only."""
    if chrome == "plain" or not content_type.startswith("text/html"):
        return body
    return dress(body.decode("utf-8"), chrome).encode("utf-8")
