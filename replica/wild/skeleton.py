"""Page shells of the CMSs and themes a public site may run: DSFR, Drupal 7, Drupal 10
(Olivero), Bootstrap, WordPress, div soup without landmarks, and a table layout. Each takes
the same parts and puts them where that shell does."""

from __future__ import annotations

from dataclasses import dataclass

from replica.html_common import attr, esc
from replica.wild.draw import Classes, Draw

SKELETONS = ("dsfr", "drupal7", "olivero", "bootstrap", "wordpress", "soup", "layout_table")
MENU = (("Accueil", "/"), ("Mois de l'innovation publique", "/mois-de-linnovation-publique"),
        ("Laboratoires", "/accompagner-les-administrations/laboratoires-dinnovation-publique/"
                         "laboratoires-interministeriels"), ("Actualités", "/actualites/le-reseau-des-laboratoires"))


@dataclass
class Parts:
    title_tag: str                 # <title> text
    site_name: str
    head: str = ""                 # extra <head> markup (JSON-LD, meta)
    top: str = ""                  # before everything (cookie banner)
    crumbs: str = ""
    main: str = ""                 # the main column (title, fields, description)
    aside: str = ""                # a side column
    after: str = ""                # blocks after the content
    site_h1: bool = False          # the site's name is an <h1> in the header
    scope: str = ""                # attributes of the element holding the event (microdata/RDFa)


def _menu(tag: str = "ul") -> str:
    items = "".join(f'<li><a href="{attr(h)}">{esc(t)}</a></li>' for t, h in MENU)
    return f"<{tag}>{items}</{tag}>"


def _site(p: Parts, cls: str = "") -> str:
    name = f'<a href="/" rel="home">{esc(p.site_name)}</a>'
    c = f' class="{cls}"' if cls else ""
    return f"<h1{c}>{name}</h1>" if p.site_h1 else f"<div{c}>{name}</div>"


def _head(p: Parts, extra: str = "") -> str:
    return (f'<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8"><title>{esc(p.title_tag)}</title>'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">{extra}{p.head}</head>\n')


def _columns(p: Parts, cls: Classes, row: str = "row") -> str:
    if not p.aside:
        return f"<div{cls('main')}>{p.main}</div>"
    return f"<div{cls(row)}><div{cls('main')}>{p.main}</div><aside{cls('side')}>{p.aside}</aside></div>"


def render(kind: str, p: Parts, cls: Classes, draw: Draw) -> str:
    return globals()["_" + kind](p, cls, draw)


def _dsfr(p: Parts, cls: Classes, draw: Draw) -> str:
    return (_head(p) + f'<body>{p.top}<header role="banner" class="fr-header"><div class="fr-header__body">'
            f'{_site(p, "fr-header__service-title")}</div><nav class="fr-nav" role="navigation">{_menu()}</nav>'
            f'</header>\n<main id="contenu" role="main"><div class="fr-container">{p.crumbs}<article{p.scope}>'
            f'{_columns(p, cls)}</article>{p.after}</div></main>\n<footer class="fr-footer" role="contentinfo">'
            '<p>République française</p></footer></body></html>\n')


def _drupal7(p: Parts, cls: Classes, draw: Draw) -> str:
    return (_head(p) + f'<body class="html not-front page-node">{p.top}<div id="page-wrapper"><div id="page">'
            f'<div id="header">{_site(p, "site-name")}<div class="region region-header">{_menu()}</div></div>'
            f'{p.crumbs}<div id="main-wrapper"><div id="main" class="clearfix"><div id="content" class="column">'
            f'<div class="node node-evenement"{p.scope}>{_columns(p, cls)}</div></div></div></div>{p.after}'
            '<div id="footer"><p>© DITP</p></div></div></div></body></html>\n')


def _olivero(p: Parts, cls: Classes, draw: Draw) -> str:
    return (_head(p) + f'<body class="path-node page-node-type-event">{p.top}<div class="dialog-off-canvas-main-canvas">'
            f'<header class="site-header" role="banner">{_site(p, "site-branding__name")}'
            f'<nav class="primary-nav">{_menu()}</nav></header><main role="main" class="main-content">'
            f'{p.crumbs}<div class="region region--content"><article class="node node--type-evenement '
            f'node--view-mode-full"{p.scope}>{_columns(p, cls, "row")}</article></div>{p.after}</main>'
            '<footer class="site-footer">Propulsé par Drupal</footer></div></body></html>\n')


def _bootstrap(p: Parts, cls: Classes, draw: Draw) -> str:
    return (_head(p) + f'<body>{p.top}<nav class="navbar navbar-expand-lg">{_site(p, "navbar-brand")}'
            f'{_menu("ul")}</nav><div class="container mt-4">{p.crumbs}<div{p.scope}>{_columns(p, cls)}</div>'
            f'{p.after}</div><footer class="footer mt-auto py-3"><span>© DITP</span></footer></body></html>\n')


def _wordpress(p: Parts, cls: Classes, draw: Draw) -> str:
    return (_head(p) + f'<body class="tribe_events-template-default single single-tribe_events">{p.top}'
            f'<div id="page" class="site"><div id="masthead" class="site-header">{_site(p, "site-title")}'
            f'<div class="main-navigation">{_menu()}</div></div><div id="content" class="site-content">'
            f'<div id="primary" class="content-area"><div id="main" class="site-main">{p.crumbs}'
            f'<div class="tribe-events-single type-tribe_events"{p.scope}>{_columns(p, cls)}</div></div></div>'
            f'{p.after}</div><div class="site-footer">© DITP</div></div></body></html>\n')


def _soup(p: Parts, cls: Classes, draw: Draw) -> str:
    c = [f' class="{draw.token()}"' if cls.family != "none" else "" for _ in range(4)]
    return (_head(p) + f'<body>{p.top}<div{c[0]}><div{c[1]}>{_site(p)}<div>{_menu()}</div></div>'
            f'<div{c[2]}>{p.crumbs}<div{p.scope}>{_columns(p, cls)}</div>{p.after}</div>'
            f'<div{c[3]}><p>© Direction interministérielle de la transformation publique</p></div></div></body></html>\n')


def _layout_table(p: Parts, cls: Classes, draw: Draw) -> str:
    side = f'<td valign="top" width="30%">{p.aside}</td>' if p.aside else ""
    return (_head(p) + f'<body>{p.top}<table width="100%" cellpadding="0" border="0"><tr><td colspan="3">'
            f'{_site(p)}</td></tr><tr><td valign="top" width="15%" class="menu">{_menu()}</td>'
            f'<td valign="top"{p.scope}>{p.crumbs}{p.main}{p.after}</td>{side}</tr><tr><td colspan="3">'
            '<small>© DITP</small></td></tr></table></body></html>\n')
