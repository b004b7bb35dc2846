"""The world model: event ``i`` of an edition, generated on its own from
``random.Random(f"{seed}:{year}:{i}")`` so any event can be built without the others.
"""

from __future__ import annotations

import datetime as dt
import html
import random
from dataclasses import dataclass, field, replace

from replica import lab_events, organisers, territories, vocab, whens, wheres
from replica.editions import Edition
from replica.slugs import slugify

PRESENTATIONS = (("icons", 25), ("dl", 20), ("fields", 20), ("li", 15), ("table", 8), ("text", 12))
MARKERS_DSFR = (("breadcrumb", 60), ("hero", 25), ("stamp", 15))
LABELS = {
    "when": ("Date", "Date et horaires", "Quand", "Horaires"),
    "place": ("Lieu", "Adresse", "Où"),
    "organiser": ("Organisateur", "Organisé par"),
    "formats": ("Format", "Type"),
    "audience": ("Public",),
    "access": ("Accès", "Modalités"),
    "registration": ("Inscription",),
    "parcours": ("Parcours",),
}


@dataclass(frozen=True)
class Event:
    id: str
    edition: int
    index: int
    title: str
    when: whens.WhenSpec | None
    where: wheres.Where | None
    organiser: str | None
    lab_id: str | None
    formats: tuple[str, ...]
    parcours: str | None
    audience: str | None
    access: str | None
    registration_url: str | None
    description_html: str
    published: dt.date
    updated: dt.date
    presentation: str
    marker: str
    labels: dict[str, str]
    jsonld: bool
    time_tag: bool
    outside: bool
    microdata: bool = False             # schema.org microdata on the article (DSFR pages)
    phone: str | None = None            # a "Contact" line with a tel: link
    map_link: bool = False              # a "Voir sur la carte" link after the fields
    duplicate_of: str | None = None
    organiser_line: str | None = None   # a description line naming the organiser, or a lab in passing
    org: organisers.Org | None = None   # the organiser's truth (kind, territory); its text is ``organiser``
    status: str = "scheduled"          # scheduled | cancelled | withdrawn
    badge: bool = False                 # cancellation shown as a badge (else in the title)
    path: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def when_text(self) -> str | None:
        return whens.render(self.when) if self.when else None

    @property
    def description(self) -> str:
        """The description as shown: its paragraphs, then the organiser line if any."""
        if not self.organiser_line:
            return self.description_html
        return f"{self.description_html}\n<p>{html.escape(self.organiser_line, quote=False)}</p>"

    @property
    def place_text(self) -> str | None:
        return self.where.text if self.where else None


def event_rng(seed: int, year: int, index: int, salt: str = "") -> random.Random:
    return random.Random(f"{seed}:{year}:{index}{salt}")


def _weighted(rng: random.Random, table) -> str:
    return rng.choices([k for k, _ in table], weights=[w for _, w in table])[0]


def _cap(text: str) -> str:
    return text[0].upper() + text[1:]


def _contract(prep: str, topic: str) -> str:
    """"de" / "à" + topic with the French contractions ("du", "des", "au", "aux")."""
    for article, forms in (("le ", ("du ", "au ")), ("les ", ("des ", "aux "))):
        if topic.startswith(article):
            return (forms[0] if prep == "de" else forms[1]) + topic[len(article):]
    return f"{prep} {topic}"


def make_title(rng: random.Random) -> str:
    if rng.random() < 0.03:
        title = rng.choice(vocab.RECURRING_TITLES)
    else:
        topic = rng.choice(vocab.TOPICS)
        title = rng.choice(vocab.OPENERS).format(
            T=_cap(topic), t=topic, de_t=_contract("de", topic), a_t=_contract("à", topic))
        if rng.random() < 0.55 and not title.endswith("?"):
            title = f"{title} {rng.choice(vocab.FOCUS)}"
        elif rng.random() < 0.12:
            title = f"{title} : {rng.choice(vocab.SUBTITLES)}"
    if rng.random() < 0.1:
        title = f"{rng.choice(vocab.TITLE_TAGS)} {title}"
    return title


def _organiser(rng: random.Random, lab_rng: random.Random, ed: Edition,
               where: wheres.Where | None) -> tuple[organisers.Org | None, str | None, str | None]:
    """(organiser as written with its truth, lab id, description line): ``lab_rng`` draws what
    concerns labs."""
    r = rng.random()
    lab_share = 0.3 if ed.year == 2021 else 0.12
    if r < 0.03:
        return None, None, None
    if r < 0.03 + lab_share:
        region = (where.commune.region_code if where.commune else where.region_code) if where else None
        return lab_events.lab_organiser(lab_rng, ed.year, region)
    line = lab_events.passing_mention(lab_rng, ed.year)
    commune = where.commune if where else None
    if commune and rng.random() < 0.35:
        return organisers.of_town(rng, commune), None, line
    pool = vocab.NATIONAL_ORGANISERS if rng.random() < 0.6 else vocab.LOCAL_ORGANISERS
    return organisers.fixed(rng.choice(pool)), None, line


def _description(rng: random.Random, title: str) -> str:
    paras = [" ".join(rng.sample(vocab.SENTENCES, rng.randint(1, 3))) for _ in range(rng.randint(1, 3))]
    parts = [f"<p>{html.escape(p, quote=False)}</p>" for p in paras]
    if rng.random() < 0.5:
        items = sorted(rng.sample(vocab.PROGRAMME_ITEMS, rng.randint(3, 5)), key=vocab.PROGRAMME_ITEMS.index)
        parts.insert(1, "<p><strong>Au programme :</strong></p><ul>"
                     + "".join(f"<li>{html.escape(i, quote=False)}</li>" for i in items) + "</ul>")
    if rng.random() < 0.6:
        url, label = rng.choice(vocab.EXTERNAL_LINKS)
        parts.append(f'<p>Pour en savoir plus, consultez <a href="{url}">{html.escape(label, quote=False)}</a>.</p>')
    return "\n".join(parts)


def _registration(rng: random.Random, title: str) -> str | None:
    if rng.random() < 0.25:
        return None
    slug = "-".join(slugify(title).split("-")[:5])
    return rng.choice(vocab.REGISTRATION).format(slug=slug, n=rng.randint(10**10, 10**11))


def _phone(rng: random.Random) -> str:
    return f"0{rng.randint(1, 5)} " + " ".join(f"{rng.randint(0, 99):02d}" for _ in range(4))


def _dates(rng: random.Random, ed: Edition) -> tuple[dt.date, dt.date]:
    published = ed.start - dt.timedelta(days=rng.randint(5, 45))
    updated = min(published + dt.timedelta(days=rng.randint(0, 30)), ed.end)
    return published, updated


def generate(seed: int, ed: Edition, index: int) -> Event:
    """Event ``index`` of edition ``ed``; near-duplicates copy an earlier event of the same edition."""
    rng = event_rng(seed, ed.year, index)
    if index >= 3 and rng.random() < 0.02:
        return _near_duplicate(seed, ed, index, rng)
    title = make_title(rng)
    outside = rng.random() < 0.03
    when = None if rng.random() < 0.015 else whens.make_spec(rng, ed.start, ed.end, outside=outside)
    where = None if rng.random() < 0.04 else wheres.make_where(rng, all_online=ed.all_online)
    org, lab_id, line = _organiser(rng, event_rng(seed, ed.year, index, ":lab"), ed, where)
    # the families of issue 13 draw from the event's own streams: the other draws stay as they were
    if lab_id is None:  # a lab's event keeps the lab's forms (replica.lab_events)
        org = organisers.vary(event_rng(seed, ed.year, index, ":org"), org, where.commune if where else None)
    where = territories.vary(event_rng(seed, ed.year, index, ":place"), where)
    published, updated = _dates(rng, ed)
    presentation = _weighted(rng, PRESENTATIONS)
    return Event(
        id=f"{ed.year}-{index:05d}", edition=ed.year, index=index, title=title, when=when, where=where,
        organiser=org.text if org else None, org=org, lab_id=lab_id, organiser_line=line,
        formats=tuple(rng.sample(vocab.FORMATS, rng.choice((1, 1, 2, 3)))),
        parcours=rng.choice(vocab.PARCOURS_2021) if ed.year == 2021 else None,
        audience=rng.choice(vocab.AUDIENCES) if rng.random() < 0.8 else None,
        access=rng.choice(vocab.ACCESS) if rng.random() < 0.6 else None,
        registration_url=_registration(rng, title), description_html=_description(rng, title),
        published=published, updated=updated, presentation=presentation,
        marker=_weighted(rng, MARKERS_DSFR) if ed.layout != "legacy" else rng.choice(("breadcrumb", "hero")),
        labels={k: rng.choice(v) for k, v in LABELS.items()},
        jsonld=ed.layout == "dsfr15" and rng.random() < 0.1,
        time_tag=presentation in ("icons", "dl", "fields") and rng.random() < 0.2,
        outside=outside,
        microdata=ed.layout != "legacy" and rng.random() < 0.08,
        phone=_phone(rng) if rng.random() < 0.15 else None,
        map_link=bool(where and where.commune) and rng.random() < 0.3,
    )


def title_variant(rng: random.Random, title: str) -> str:
    """The same title written slightly differently (for near-duplicates)."""
    if title.startswith("["):
        return title.split("] ", 1)[-1]
    if " : " in title and rng.random() < 0.5:
        return title.replace(" : ", " – ", 1)
    if rng.random() < 0.5:
        return f"[Webinaire] {title}" if rng.random() < 0.3 else f"{title} !"
    words = title.split(" ")
    return " ".join(words[:1] + [w.lower() if i == 0 else w for i, w in enumerate(words[1:])])


def _near_duplicate(seed: int, ed: Edition, index: int, rng: random.Random) -> Event:
    original = generate(seed, ed, index - rng.randint(1, 3))
    root = original.duplicate_of or original.id
    variant = title_variant(rng, original.title)
    if variant == original.title:
        variant = f"{original.title} (rappel)"
    published, updated = _dates(rng, ed)
    return replace(
        original, id=f"{ed.year}-{index:05d}", index=index, title=variant, duplicate_of=root,
        published=published, updated=updated, presentation=_weighted(rng, PRESENTATIONS),
        description_html=_description(rng, variant), jsonld=False,
    )
