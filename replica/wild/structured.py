"""schema.org data on a wild page: none, JSON-LD (``Event``, ``EducationEvent``, in an
``@graph`` or as a page's ``mainEntity``), microdata or RDFa; complete, partial, or
contradicting the visible text (the visible text is the truth); JSON-LD text sometimes
left HTML-escaped, as CMS templates do."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from replica import truth
from replica.html_common import attr
from replica.model import Event
from replica.wild.dates import utc
from replica.wild.draw import Draw

KINDS = (("none", 52), ("jsonld", 14), ("jsonld_graph", 5), ("jsonld_main", 4), ("jsonld_edu", 3),
         ("microdata", 11), ("rdfa", 11))
QUALITIES = (("full", 70), ("partial", 18), ("contradicting", 12))
CONTRADICTIONS = ("startDate", "name", "location", "organizer")
_BLOCK_TAGS = ("<address", "<div", "<p")


@dataclass
class Structured:
    kind: str = "none"
    quality: str = "full"
    data: dict = field(default_factory=dict)     # the schema.org Event as the page states it
    escaped: bool = False

    @property
    def inline(self) -> bool:
        return self.kind in ("microdata", "rdfa")

    def head(self) -> str:
        if not self.kind.startswith("jsonld"):
            return ""
        data: dict | list = self.data
        if self.kind == "jsonld_graph":
            data = {"@context": "https://schema.org", "@graph": [
                {"@type": "WebSite", "name": "modernisation.gouv.fr", "url": "https://www.modernisation.gouv.fr"},
                {k: v for k, v in self.data.items() if k != "@context"}]}
        elif self.kind == "jsonld_main":
            data = {"@context": "https://schema.org", "@type": "WebPage",
                    "mainEntity": {k: v for k, v in self.data.items() if k != "@context"}}
        text = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
        if self.escaped:
            text = _escape_strings(text)
        return f'<script type="application/ld+json">{text}</script>'

    def scope(self) -> str:
        """Attributes of the element holding the event (microdata / RDFa)."""
        if self.kind == "microdata":
            return ' itemscope itemtype="https://schema.org/Event"'
        if self.kind == "rdfa":
            return ' vocab="https://schema.org/" typeof="Event"'
        return ""

    def prop(self, name: str) -> str:
        if self.kind == "microdata":
            return f' itemprop="{name}"'
        if self.kind == "rdfa":
            return f' property="{name}"'
        return ""

    def wrap(self, key: str, html: str) -> str:
        """A visible value marked as its schema.org property (when this page marks it)."""
        if not self.inline or (self.quality == "partial" and key not in ("when", "day")):
            return html
        tag = "div" if any(t in html for t in _BLOCK_TAGS) else "span"
        if key in ("when", "day") and self.data.get("startDate"):
            return f'<{tag}{self.prop("startDate")} content="{attr(self.data["startDate"])}">{html}</{tag}>'
        typed = {"place": "Place", "organiser": "Organization"}.get(key)
        if typed is None:
            return html
        name = "location" if key == "place" else "organizer"
        kind = f' itemscope itemtype="https://schema.org/{typed}"' if self.kind == "microdata" else f' typeof="{typed}"'
        return f'<{tag}{self.prop(name)}{kind}><{tag}{self.prop("name")}>{html}</{tag}></{tag}>'

    def hidden_start(self) -> str:
        """The start as a ``<meta>`` when the visible date sits outside the fields."""
        if not self.inline or not self.data.get("startDate"):
            return ""
        if self.kind == "microdata":
            return f'<meta itemprop="startDate" content="{attr(self.data["startDate"])}">'
        return f'<meta property="startDate" content="{attr(self.data["startDate"])}">'


def draw_structured(draw: Draw, ev: Event) -> Structured:
    kind = draw.pick("sd.kind", [k for k, _ in KINDS], [w for _, w in KINDS])
    if kind == "none":
        return Structured()
    quality = draw.pick("sd.quality", [k for k, _ in QUALITIES], [w for _, w in QUALITIES])
    data = truth.schema_org(ev)
    if kind == "jsonld_edu":
        data["@type"] = "EducationEvent"
    if data.get("startDate") and "T" in data["startDate"]:
        clock = draw.pick("sd.clock", ("offset", "utc", "naive"))
        for key in ("startDate", "endDate"):
            if key in data:
                data[key] = {"utc": utc(data[key]), "naive": data[key][:19]}.get(clock, data[key])
    if quality == "partial":
        for key in ("location", "organizer", "endDate", "eventAttendanceMode", "eventStatus"):
            data.pop(key, None)
    elif quality == "contradicting":
        _contradict(draw, data)
    escaped = kind.startswith("jsonld") and draw.chance("sd.entities", 0.4)
    return Structured(kind, quality, data, escaped)


def _contradict(draw: Draw, data: dict) -> None:
    """One property stale or wrong, as when a template caches an older version of the event."""
    what = draw.pick("sd.contradicts", [c for c in CONTRADICTIONS if c in data] or ["name"])
    if what == "startDate":
        start = data["startDate"]
        shift = dt.timedelta(days=draw.any((-7, -1, 1, 2)))
        if "T" in start:
            value = dt.datetime.fromisoformat(start.replace("Z", "+00:00")) + shift
            data["startDate"] = value.isoformat().replace("+00:00", "Z") if start.endswith("Z") else value.isoformat()
        else:
            data["startDate"] = (dt.date.fromisoformat(start) + shift).isoformat()
        data.pop("endDate", None)
    elif what == "name":
        data["name"] = draw.any(("Événement", "Mois de l'innovation publique", data["name"] + " (brouillon)"))
    elif what == "location":
        data["location"] = {"@type": "Place", "name": "Hôtel de ville",
                            "address": {"@type": "PostalAddress", "addressLocality": "Orléans",
                                        "postalCode": "45000", "addressCountry": "FR"}}
    else:
        data["organizer"] = {"@type": "Organization", "name": "Direction interministérielle de la "
                                                              "transformation publique"}


def _escape_strings(text: str) -> str:
    """HTML entities inside JSON strings, as a template that escapes for HTML writes them."""
    return text.replace("&", "&amp;").replace("'", "&#039;").replace('\\"', "&quot;")
