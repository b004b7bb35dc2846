"""An event's facts as a block of labelled fields, in one of many markups, each field with a
label word, an icon, an emoji, a visually hidden word, or no label at all."""

from __future__ import annotations

from dataclasses import dataclass

from replica.html_common import attr, esc
from replica.wild import words
from replica.wild.draw import Classes, Draw

MARKUPS = ("dl", "table_rows", "table_cols", "strong_p", "li", "heading", "divs", "text_br", "spans", "drupal")
LABEL_KINDS = (("word", 64), ("icon", 12), ("emoji", 6), ("none", 10), ("hidden", 8))
# Facts a reader can recognise by their content alone (a date, a place): they may go unlabelled.
UNLABELLED_OK = frozenset({"when", "day", "hours", "place", "registration", "contact"})
DRUPAL_NAMES = {"when": ("date", "date-evenement", "event-date", "dates"), "day": ("date", "jour"),
                "hours": ("horaires", "heure"), "place": ("lieu", "adresse", "location", "venue"),
                "organiser": ("organisateur", "organizer", "structure-organisatrice"),
                "formats": ("format", "type-evenement"), "audience": ("public", "public-cible"),
                "access": ("acces", "conditions"), "registration": ("inscription", "lien-inscription"),
                "parcours": ("parcours",), "mode": ("modalite",), "contact": ("telephone", "contact")}


@dataclass
class Row:
    key: str               # when, day, hours, place, organiser, formats, audience, access, …
    value: str             # value HTML
    kind: str = "word"     # how it is labelled: word, icon, emoji, none, hidden
    label: str = ""        # the label as written (colon included)


class FieldBlock:
    """Draws the block's markup and each row's label, then writes them."""

    def __init__(self, draw: Draw, cls: Classes) -> None:
        self.draw, self.cls = draw, cls
        self.markup = draw.pick("fields.markup", MARKUPS)
        self.colon = draw.pick("fields.colon", ("", " :", ":", " : "), (3, 4, 2, 1))
        self.upper = draw.chance("fields.upper", 0.1)
        self.icons = draw.pick("fields.icon_family", words.ICON_FAMILIES)

    @property
    def inline(self) -> bool:
        """Whether values sit inside a paragraph or a span (no block element may go there)."""
        return self.markup in ("strong_p", "text_br", "spans", "li")

    def row(self, key: str, value: str) -> Row:
        kinds = [k for k, _ in LABEL_KINDS]
        kind = self.draw.pick(f"label.{key}", kinds, [w for _, w in LABEL_KINDS])
        if kind == "none" and key not in UNLABELLED_OK:
            kind = self.draw.choices[f"label.{key}"] = "word"
        word = self.draw.pick(f"word.{key}", words.LABEL_WORDS[key])
        if self.upper:
            word = word.upper()
        colon = "" if word.endswith("?") or self.markup in ("dl", "table_rows", "table_cols", "heading") and \
            self.draw.rng.random() < 0.6 else self.colon
        if self.markup == "text_br" and not colon and not word.endswith("?"):
            colon = " :"      # in running text a label without markup needs its colon to be one
        return Row(key, value, kind, word + colon)

    def label_html(self, row: Row) -> str:
        """The label's own markup (icon, emoji, word), without the element around it."""
        if row.kind == "icon":
            return icon(self.icons, row.key)
        if row.kind == "emoji":
            return self.draw.any(words.EMOJI[row.key])
        if row.kind == "hidden":
            return icon(self.icons, row.key) + f'<span class="visually-hidden sr-only">{esc(row.label)}</span>'
        return esc(row.label) if row.kind == "word" else ""

    def render(self, rows: list[Row]) -> str:
        if not rows:
            return ""
        writer = getattr(self, "_" + self.markup)
        return f'<div{self.cls("fields")}>{writer(rows)}</div>'

    # -- the markups ------------------------------------------------------------------

    def _dl(self, rows: list[Row]) -> str:
        parts = []
        for r in rows:
            label = self.label_html(r)
            parts.append((f"<dt{self.cls('label')}>{label}</dt>" if label else "") + f"<dd{self.cls('value')}>{r.value}</dd>")
        return f"<dl>{''.join(parts)}</dl>"

    def _table_rows(self, rows: list[Row]) -> str:
        th = self.draw.any(('<th scope="row">', "<th>", "<td><strong>"))
        close = "</strong></td>" if th.startswith("<td>") else "</th>"
        trs = "".join(f"<tr>{th}{self.label_html(r)}{close}<td>{r.value}</td></tr>" for r in rows)
        return f"<table{self.cls('card')}><tbody>{trs}</tbody></table>"

    def _table_cols(self, rows: list[Row]) -> str:
        heads = "".join(f"<th>{self.label_html(r)}</th>" for r in rows)
        cells = "".join(f"<td>{r.value}</td>" for r in rows)
        return f"<table><thead><tr>{heads}</tr></thead><tbody><tr>{cells}</tr></tbody></table>"

    def _strong_p(self, rows: list[Row]) -> str:
        tag = self.draw.any(("strong", "b", "span"))
        return "".join(f"<p{self.cls('field')}>{self._lead(r, tag)}{r.value}</p>" for r in rows)

    def _li(self, rows: list[Row]) -> str:
        tag = self.draw.any(("strong", "b", "span"))
        return f"<ul{self.cls('fields')}>" + "".join(f"<li>{self._lead(r, tag)}{r.value}</li>" for r in rows) + "</ul>"

    def _heading(self, rows: list[Row]) -> str:
        h = self.draw.any(("h2", "h3", "h4", "h5"))
        out = []
        for r in rows:
            label = self.label_html(r)
            out.append((f"<{h}{self.cls('label')}>{label}</{h}>" if label else "") + f"<p>{r.value}</p>")
        return "".join(out)

    def _divs(self, rows: list[Row]) -> str:
        out = []
        for r in rows:
            label = self.label_html(r)
            lab = f"<div{self.cls('label')}>{label}</div>" if label else ""
            out.append(f"<div{self.cls('field')}>{lab}<div{self.cls('value')}>{r.value}</div></div>")
        return "".join(out)

    def _text_br(self, rows: list[Row]) -> str:
        return "<p>" + "<br>\n".join(self._lead(r, "") + r.value for r in rows) + "</p>"

    def _spans(self, rows: list[Row]) -> str:
        return "".join(f'<div{self.cls("field")}>{self._lead(r, "span")}<span{self.cls("value")}>{r.value}</span></div>'
                       for r in rows)

    def _drupal(self, rows: list[Row]) -> str:
        out = []
        for r in rows:
            name = self.draw.any(DRUPAL_NAMES[r.key])
            label = self.label_html(r)
            place = "above" if label else "hidden"
            lab = f'<div class="field__label">{label}</div>' if label else ""
            out.append(f'<div class="field field--name-field-{name} field--type-string field--label-{place}">'
                       f'{lab}<div class="field__item">{r.value}</div></div>')
        return "".join(out)

    def _lead(self, row: Row, tag: str) -> str:
        """The label in front of an inline value (``<strong>Lieu :</strong> ``, ``📍 ``)."""
        label = self.label_html(row)
        if not label:
            return ""
        if row.kind != "word" or not tag:
            return label + " "
        return f"<{tag}{self.cls('label')}>{label}</{tag}> "


def icon(family: str, key: str) -> str:
    name = words.ICON_NAMES[family][key]
    if family == "material":
        return f'<span class="material-icons" aria-hidden="true">{name}</span>'
    if family == "svg":
        return (f'<svg class="icon" aria-hidden="true" focusable="false">'
                f'<use href="/themes/custom/img/sprite.svg#{name}"></use></svg>')
    if family == "img":
        return f'<img src="/themes/custom/img/{attr(name)}" alt="" class="icon" width="16" height="16">'
    return f'<span class="{name}" aria-hidden="true"></span>'
