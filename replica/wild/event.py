"""A wild event page: every layout choice drawn on its own from the page's seed, the facts
(title, date, place, organiser …) those of the world model, unchanged."""

from __future__ import annotations

from replica.editions import BY_YEAR, HUB_PATH
from replica.html_common import attr, esc
from replica.model import Event
from replica.wild import noise, skeleton, words
from replica.wild.dates import DateShown, show_date
from replica.wild.draw import FAMILIES, Classes, Draw
from replica.wild.fields import FieldBlock, Row
from replica.wild.places import PlaceShown, show_place
from replica.wild.structured import Structured, draw_structured

WHERE = ("before", "after", "aside", "hero", "accordion", "tabs", "card")
TITLES = ("h1", "h1_span", "kicker", "site_h1_h2", "site_h1_h1")


class EventPage:
    def __init__(self, ev: Event, related: list[tuple[str, str]], wild_seed: int) -> None:
        self.ev, self.related, self.ed = ev, related, BY_YEAR[ev.edition]
        self.draw = draw = Draw(f"wild:{wild_seed}:{ev.id}")
        self.cls = Classes(draw.pick("classes", FAMILIES), draw)
        self.sd: Structured = draw_structured(draw, ev)
        self.block = FieldBlock(draw, self.cls)
        self.date: DateShown = show_date(draw, ev)
        self.place: PlaceShown = show_place(draw, ev, inline=self.block.inline)
        self.sentences = [s for s in [self.date.sentence, *self.place.sentences] if s]
        cancelled = ev.status == "cancelled" and ev.badge      # said apart from the title
        self.status_shown = draw.pick("status.shown", ("badge", "banner", "field")) if cancelled else None

    def render(self) -> str:
        d = self.draw
        where = d.pick("fields.where", WHERE)
        fields = self._fields()
        title_kind = d.pick("title.markup", TITLES)
        head = self.sd.head() + self._meta()
        hero = self._hero(title_kind) + (fields if where == "hero" else "")
        body = self._body(fields, where)
        parts = skeleton.Parts(
            title_tag=self._title_tag(), site_name=d.pick("site.name", words.SITE_NAMES), head=head,
            top=noise.cookie_banner(d) if d.chance("noise.cookie", 0.35) else "",
            crumbs=self._crumbs(), main=hero + body, aside=fields if where == "aside" else self._aside(),
            after=self._after(), site_h1=title_kind.startswith("site_h1"), scope=self.sd.scope())
        return skeleton.render(d.pick("skeleton", skeleton.SKELETONS), parts, self.cls, d)

    # -- the title and what surrounds it ------------------------------------------------

    def _title_text(self) -> str:
        suffix = self.date.title_suffix
        if not suffix:
            return self.ev.title
        return self.ev.title + self.draw.pick("title.date_separator", (" – ", " | ", " - ")) + suffix

    def _title_tag(self) -> str:
        site = "modernisation.gouv.fr"
        form = self.draw.pick("title.head", ("title_site", "site_title", "title", "title_edition"))
        return {"title_site": f"{self.ev.title} | {site}", "site_title": f"{site} - {self.ev.title}",
                "title": self.ev.title, "title_edition": f"{self.ev.title} – {self.ed.name}"}[form]

    def _meta(self) -> str:
        if not self.draw.chance("head.og", 0.4):
            return ""
        return (f'<meta property="og:title" content="{attr(self.ev.title)}">'
                '<meta property="og:site_name" content="modernisation.gouv.fr">')

    def _hero(self, kind: str) -> str:
        cls, sd = self.cls, self.sd
        text = esc(self._title_text())
        if kind == "h1_span":
            title = f'<h1{cls("title")}><span class="field--name-title"{sd.prop("name")}>{text}</span></h1>'
        elif kind == "site_h1_h2":
            title = f'<h2{cls("title", "event-title")}{sd.prop("name")}>{text}</h2>'
        else:
            title = f'<h1{cls("title")}{sd.prop("name")}>{text}</h1>'
        kicker = ""
        if kind == "kicker" or self._marker() == "kicker":
            label = self.ed.name if self._marker() == "kicker" else self.draw.any(("Événement", "Atelier", "Agenda"))
            kicker = f"<p{cls('kicker')}>{esc(label)}</p>"
        return kicker + title + self._badges() + self._stamp()

    def _marker(self) -> str:
        if "edition.marker" not in self.draw.choices:
            self.draw.pick("edition.marker", ("breadcrumb", "kicker", "stamp", "none"), (40, 20, 25, 15))
        return str(self.draw.choices["edition.marker"])

    def _badges(self) -> str:
        cls, out = self.cls, []
        if self.status_shown:
            shown = self.status_shown
            if shown == "badge":
                out.append(f"<span{cls('badge')}>Annulé</span>")
            elif shown == "banner":
                sentence = self.draw.any(words.CANCEL_SENTENCES)
                out.append(f'<div{cls("alert")} role="alert"><p>{esc(sentence)}</p></div>')
        out += [f"<span{cls('badge')}>{esc(b)}</span>" for b in self.place.badges]
        return f"<div>{' '.join(out)}</div>" if out else ""

    def _stamp(self) -> str:
        ev = self.ev
        if self._marker() == "stamp":
            return f"<p{self.cls('stamp')}>Publié le {ev.published.day} {noise.MONTHS[ev.published.month - 1]} " \
                   f"{ev.published.year}</p>"
        return noise.stamp(self.draw, self.cls, ev.published, ev.updated)

    def _crumbs(self) -> str:
        ed = self.ed
        name = ed.name if self._marker() == "breadcrumb" else ed.short_name
        items = [("Accueil", "/"), (name, HUB_PATH), ("Programme", ed.listing_path), (self.ev.title, None)]
        crumbs = noise.breadcrumb(self.draw, items)
        if not crumbs and self._marker() == "breadcrumb":
            crumbs = f'<nav aria-label="Fil d\'Ariane"><ol class="breadcrumb"><li><a href="{attr(HUB_PATH)}">' \
                     f"{esc(ed.name)}</a></li></ol></nav>"
        return crumbs

    # -- fields, description and the rest -------------------------------------------------

    def _rows(self) -> list[Row]:
        ev, sd, block = self.ev, self.sd, self.block
        values: list[tuple[str, str]] = [(k, sd.wrap(k, v)) for k, v in self.date.rows]
        values += [(k, sd.wrap(k, v)) for k, v in self.place.rows]
        if ev.organiser:
            shown = self.draw.pick("organiser.shown", ("row", "sentence", "byline"), (80, 12, 8))
            if shown == "row":
                values.append(("organiser", sd.wrap("organiser", esc(ev.organiser))))
            elif shown == "sentence":
                self.sentences.append(self.draw.any(words.ORGANISER_SENTENCES).format(esc(ev.organiser)))
            else:
                values.insert(0, ("byline", f"Organisé par {esc(ev.organiser)}"))
        if ev.parcours:
            values.append(("parcours", esc(ev.parcours)))
        if self.draw.pick("formats.shown", ("row", "tags"), (60, 40)) == "row":
            values.append(("formats", esc(", ".join(ev.formats))))
        for key, value in (("audience", ev.audience), ("access", ev.access)):
            if value:
                values.append((key, esc(value)))
        if ev.phone:
            tel = "+33" + ev.phone[1:].replace(" ", "")
            values.append(("contact", f'<a href="tel:{tel}">{esc(ev.phone)}</a>'))
        if ev.registration_url:
            values.append(("registration", f'<a href="{attr(ev.registration_url)}">S\'inscrire</a>'))
        if self.draw.chance("fields.shuffled", 0.3):
            self.draw.rng.shuffle(values)
        return [Row("byline", v, "none") if k == "byline" else block.row(k, v) for k, v in values]

    def _fields(self) -> str:
        rows = self._rows()
        byline = "".join(f"<p>{r.value}</p>" for r in rows if r.key == "byline")
        html = byline + self.block.render([r for r in rows if r.key != "byline"])
        if self.status_shown == "field":
            html = "<p><strong>Statut :</strong> Annulé</p>" + html
        found = noise.deadline(self.draw, self.ev.when.d1 if self.ev.when else None)
        if found:
            html += f"<p><strong>{esc(found[0])} :</strong> {esc(found[1])}</p>"
        tags = ([] if self.draw.choices.get("formats.shown") == "row" else list(self.ev.formats)) + self.place.tags
        if tags:
            html += "<ul>" + "".join(f"<li><span{self.cls('tag')}>{esc(t)}</span></li>" for t in tags) + "</ul>"
        if self.sd.inline and (self.date.sentence or self.date.title_suffix):
            html += self.sd.hidden_start()
        return html + self.place.after

    def _description(self) -> str:
        paras = self.ev.description_html.split("\n")
        for sentence in self.sentences:
            at = self.draw.rng.randint(0, len(paras))
            paras.insert(at, f"<p>{sentence}</p>")
        return f'<div{self.cls("description")}>{"".join(paras)}</div>'

    def _body(self, fields: str, where: str) -> str:
        desc = self._description()
        if where == "before":
            return fields + desc
        if where == "after":
            return desc + fields
        if where == "accordion":
            label = self.draw.any(("Informations pratiques", "Infos pratiques", "En pratique"))
            return desc + f"<details><summary>{label}</summary>{fields}</details>"
        if where == "tabs":
            return (f'<div class="tabs"><ul role="tablist"><li><a href="#desc">Présentation</a></li><li>'
                    f'<a href="#infos">Infos pratiques</a></li></ul><div id="desc" role="tabpanel">{desc}</div>'
                    f'<div id="infos" role="tabpanel">{fields}</div></div>')
        if where == "card":
            return f"<div{self.cls('card')}><div{self.cls('card_body')}><h2>En bref</h2>{fields}</div></div>{desc}"
        return desc

    def _aside(self) -> str:
        if self.draw.chance("noise.other_events_aside", 0.3):
            return noise.other_events(self.draw, self.cls, self.ev.edition, self.related)
        return ""

    def _after(self) -> str:
        d, out = self.draw, []
        if d.chance("noise.share", 0.5):
            out.append(noise.share(d))
        if d.chance("noise.other_events", 0.4):
            out.append(noise.other_events(d, self.cls, self.ev.edition, self.related))
        if d.chance("noise.comments", 0.15):
            out.append(noise.comments(d, self.ev.edition))
        if d.chance("noise.newsletter", 0.3):
            out.append(noise.newsletter(d, self.cls, self.ev.edition))
        return "".join(out)


def render_wild_event(ev: Event, related: list[tuple[str, str]], wild_seed: int) -> tuple[str, dict]:
    """The page's HTML and the choices it drew (``{"id", "path", choice: value …}``)."""
    page = EventPage(ev, related, wild_seed)
    html = page.render()
    return html, {"id": ev.id, "path": ev.path, **page.draw.choices}
