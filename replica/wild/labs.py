"""Wild lab sheets: the same facts (name and région in the title, host, year of creation,
tags, sections) in drawn markup — a lead sentence or a facts box, tags as DSFR tags, a list
or a line, sections under headings of any level, in accordions or bold paragraphs — among
other labs' facts (related cards, "les autres laboratoires")."""

from __future__ import annotations

from replica.html_common import attr, esc
from replica.html_site import SECTION_TEXT, lab_dates
from replica.labs import SECTIONS, Lab
from replica.wild import noise, skeleton, words
from replica.wild.draw import FAMILIES, Classes, Draw

FACTS = ("lead", "box_dl", "box_p", "sentences")
TAGS = ("dsfr", "ul", "line", "badges")
SECTION_MARKUP = ("h2", "h3", "strong", "details")


def _facts(draw: Draw, cls: Classes, lab: Lab) -> str:
    kind = draw.pick("lab.facts", FACTS)
    subject = f"le laboratoire {lab.name}" if lab.name.lower().startswith(("la ", "l'")) else f"le {lab.name}"
    if lab.former_names:
        subject += f" (anciennement {', '.join(lab.former_names)})"
    seat = f"Il est installé à {lab.seat}."
    if kind == "lead":
        return f"<p{cls('description')}>{esc(f'Créé en {lab.created}, {subject} est porté par {lab.host}. {seat}')}</p>"
    if kind == "sentences":
        return (f"<p>{esc(subject[0].upper() + subject[1:])} a été créé en {lab.created}. "
                f"{esc(f'Il est hébergé par {lab.host}. {seat}')}</p>")
    rows = (("Structure porteuse", lab.host), ("Date de création", str(lab.created)), ("Région", lab.region_text),
            ("Implantation", lab.seat), *((("Anciens noms", ", ".join(lab.former_names)),) if lab.former_names else ()))
    if kind == "box_dl":
        items = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in rows)
        return f'<div class="fr-callout"><dl>{items}</dl></div>'
    return f"<div{cls('card')}>" + "".join(f"<p><strong>{esc(k)} :</strong> {esc(v)}</p>" for k, v in rows) + "</div>"


def _tags(draw: Draw, cls: Classes, lab: Lab) -> str:
    kind = draw.pick("lab.tags", TAGS)
    if kind == "dsfr":
        return '<ul class="fr-tags-group">' + "".join(f'<li><p class="fr-tag">{esc(t)}</p></li>' for t in lab.tags) + "</ul>"
    if kind == "ul":
        return "<ul class=\"tags\">" + "".join(f"<li>{esc(t)}</li>" for t in lab.tags) + "</ul>"
    if kind == "line":
        return f"<p>Thématiques : {esc(', '.join(lab.tags))}</p>"
    return "<div>" + " ".join(f'<span class="fr-badge">{esc(t)}</span>' for t in lab.tags) + "</div>"


def _sections(draw: Draw) -> str:
    kind = draw.pick("lab.sections", SECTION_MARKUP)
    out = []
    for i, name in enumerate(SECTIONS):
        if kind == "details":
            out.append(f"<details><summary>{esc(name)}</summary>{SECTION_TEXT[i]}</details>")
        elif kind == "strong":
            out.append(f"<p><strong>{esc(name)}</strong></p>{SECTION_TEXT[i]}")
        else:
            out.append(f"<{kind}>{esc(name)}</{kind}>{SECTION_TEXT[i]}")
    return "".join(out)


def _others(draw: Draw, lab: Lab, labs: list[Lab]) -> str:
    if not draw.chance("lab.other_labs", 0.4):
        return ""
    others = [x for x in labs if x.id != lab.id][:3]
    items = "".join(f'<li><a href="{attr(x.path)}">{esc(x.title)}</a> — créé en {x.created}, porté par '
                    f"{esc(x.host)}</li>" for x in others)
    return f"<section><h2>Les autres laboratoires</h2><ul>{items}</ul></section>"


def render_wild_lab(lab: Lab, wild_seed: int, labs: list[Lab]) -> tuple[str, dict]:
    """A lab sheet (``labs``: every lab on the day shown, for the "other labs" block)."""
    draw = Draw(f"wild:{wild_seed}:lab:{lab.id}")
    cls = Classes(draw.pick("classes", FAMILIES), draw)
    published, updated = lab_dates(lab)
    title = f"<h1{cls('title')}>{esc(lab.title)}</h1>"
    main = (title + noise.stamp(draw, cls, published, updated) + _tags(draw, cls, lab) + _facts(draw, cls, lab)
            + _sections(draw))
    parts = skeleton.Parts(
        title_tag=f"{lab.title} | modernisation.gouv.fr", site_name=draw.any(words.SITE_NAMES), main=main,
        top=noise.cookie_banner(draw) if draw.chance("noise.cookie", 0.3) else "", after=_others(draw, lab, labs),
        site_h1=draw.chance("lab.site_h1", 0.3))
    html = skeleton.render(draw.pick("skeleton", skeleton.SKELETONS), parts, cls, draw)
    return html, {"lab": lab.id, "path": lab.path, **draw.choices}
