"""Where and how a page shows its event's place and attendance: one line, several lines, an
address block, a map link, a sentence of the description; for online events also a badge, a
participation-mode field or a video-conference link — and, independently, the attendance
stated once more elsewhere (badge, tag, sentence, a link to a visio service)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import quote, quote_plus

from replica.html_common import attr, esc
from replica.model import Event
from replica.wild import words
from replica.wild.draw import Draw

FORMS = (("line", 36), ("lines", 12), ("address", 12), ("maplink", 12), ("description", 12))
ONLINE_FORMS = (("badge", 8), ("mode", 8), ("visio", 6))
EXTRAS = (("none", 55), ("badge", 12), ("tag", 10), ("sentence", 13), ("visio", 10))
_POSTCODE_TAIL = re.compile(r"^(?:F-)?(\d{5})\s+(.+)$")
_PREPOSITION = re.compile(r"^(?:à|au|aux|en|dans|sur)\s", re.I)
VISIO = ("https://webinaire.numerique.gouv.fr/meeting/{n}", "https://visio.education.fr/meeting/{n}",
         "https://teams.microsoft.com/l/meetup-join/{n}", "https://zoom.us/j/{n}")


@dataclass
class PlaceShown:
    rows: list[tuple[str, str]] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)
    badges: list[str] = field(default_factory=list)     # badge texts under the title
    tags: list[str] = field(default_factory=list)       # extra format tags
    after: str = ""                                     # HTML after the fields (a visio link)


def show_place(draw: Draw, ev: Event, *, inline: bool = False) -> PlaceShown:
    """``inline``: the value goes inside a paragraph (an address block is then written with spans)."""
    shown = PlaceShown()
    where = ev.where
    if where is None or not where.text:
        return shown
    text, mode = where.text, where.attendance
    forms = list(FORMS) + (list(ONLINE_FORMS) if mode == "online" and len(text) <= 30 else [])
    if mode != "offline" or not where.commune:
        forms = [f for f in forms if f[0] not in ("maplink", "address")]
    form = draw.pick("place.form", [k for k, _ in forms], [w for _, w in forms])
    _main(draw, form, text, shown, inline, mode)
    _extra(draw, ev, shown)
    return shown


def _main(draw: Draw, form: str, text: str, shown: PlaceShown, inline: bool, mode: str | None = None) -> None:
    if form == "description":
        if _PREPOSITION.match(text):
            shown.sentences.append(draw.any(words.PLACE_SENTENCES_PREP).format(esc(_lower(text))))
        else:
            online = mode == "online"
            shown.sentences.append(draw.any(words.PLACE_SENTENCES_ONLINE if online else words.PLACE_SENTENCES)
                                   .format(esc(text)))
    elif form == "badge":
        shown.badges.append(text)
    elif form == "mode":
        shown.rows.append(("mode", esc(text)))
    elif form == "visio":
        shown.rows.append(("place", f'<a href="{attr(_visio(draw))}">{esc(text)}</a>'))
    elif form == "lines":
        shown.rows.append(("place", "<br>".join(esc(p) for p in place_lines(text))))
    elif form == "address":
        shown.rows.append(("place", _address(draw, text, inline)))
    elif form == "maplink":
        shown.rows.append(("place", _maplink(draw, text)))
    else:
        shown.rows.append(("place", esc(text)))


def _extra(draw: Draw, ev: Event, shown: PlaceShown) -> None:
    """The attendance said once more, in the words of its mode (never contradicting it)."""
    mode = ev.where.attendance if ev.where else None
    if not mode:
        return
    kinds = [k for k, _ in EXTRAS if k != "visio" or mode != "offline"]
    weights = [w for k, w in EXTRAS if k != "visio" or mode != "offline"]
    extra = draw.pick("place.attendance_extra", kinds, weights)
    if extra == "badge":
        shown.badges.append(draw.any(words.ATTENDANCE_WORDS[mode]))
    elif extra == "tag":
        shown.tags.append(draw.any(words.ATTENDANCE_WORDS[mode]))
    elif extra == "sentence":
        shown.sentences.append(draw.any(words.ATTENDANCE_SENTENCES[mode]))
    elif extra == "visio":
        label = draw.any(("Rejoindre la visioconférence", "Lien de connexion", "Accéder au webinaire"))
        shown.after = f'<p><a href="{attr(_visio(draw))}">{label}</a></p>'


def _visio(draw: Draw) -> str:
    return draw.any(VISIO).format(n=draw.rng.randint(10**6, 10**7))


def place_lines(text: str) -> list[str]:
    """A place text cut into the lines of an address block (at commas and spaced dashes)."""
    parts = [p.strip() for p in re.split(r",\s+|\s+-\s+", text)]
    return [p for p in parts if p]


def _address(draw: Draw, text: str, inline: bool) -> str:
    lines = place_lines(text)
    tail = _POSTCODE_TAIL.match(lines[-1]) if lines else None
    if tail is None or draw.rng.random() < 0.3:
        tag = "span" if inline else "address"
        return f"<{tag}>" + "<br>".join(esc(p) for p in lines) + f"</{tag}>"
    head = "".join(f'<span class="address-line{i + 1}">{esc(p)}</span><br>' for i, p in enumerate(lines[:-1]))
    city = (f'<span class="postal-code">{esc(tail.group(1))}</span> '
            f'<span class="locality">{esc(tail.group(2))}</span>')
    tag = "span" if inline else draw.any(("p", "div"))
    return f'<{tag} class="address" translate="no">{head}{city}</{tag}>'


def _maplink(draw: Draw, text: str) -> str:
    kind = draw.pick("place.map", ("osm", "google", "geo", "apple"))
    url = {"osm": "https://www.openstreetmap.org/search?query=" + quote(text),
           "google": "https://www.google.com/maps/search/?api=1&query=" + quote_plus(text),
           "geo": "geo:0,0?q=" + quote(text),
           "apple": "https://maps.apple.com/?q=" + quote_plus(text)}[kind]
    if draw.chance("place.map_wraps", 0.5):
        return f'<a href="{attr(url)}" target="_blank" rel="noopener">{esc(text)}</a>'
    label = draw.any(("Voir sur la carte", "Itinéraire", "Plan d'accès", "Ouvrir dans une carte"))
    return f'{esc(text)} <a href="{attr(url)}" class="map-link">{label}</a>'


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]
