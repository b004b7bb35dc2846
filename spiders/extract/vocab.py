"""The French labels that announce a field, and how a label is compared (no accents, no case)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# field group -> labels, already normalised (lower case, no accents, no trailing colon)
VOCABULARY: dict[str, tuple[str, ...]] = {
    "date": ("date", "dates", "date(s)", "date et horaires", "date et horaire", "date et heure",
             "dates et horaires", "quand", "quand ?", "jour", "date de l'evenement",
             "dates et heures", "date et heures", "rendez-vous", "calendrier", "agenda", "session",
             "sessions", "prochaine session", "a quelle date", "a quelle date ?", "jours", "periode",
             "le"),   # "Le : jeudi 14 novembre", the day beside an "Horaires" field
    # one value for both ("Date et lieu : le 14/11 à 10h, Station F"): the date, and the place when it names one
    "date_place": ("date et lieu", "date et adresse", "lieu et date", "quand et ou", "quand et ou ?",
                   "dates et lieux"),
    "hours": ("horaires", "horaire", "heure", "heures", "horaire(s)", "creneau", "creneaux", "de ... a",
              "de … a", "a quelle heure", "a quelle heure ?", "duree et horaires"),
    "venue": ("lieu", "lieux", "ou", "ou ?", "lieu de l'evenement", "salle", "localisation", "emplacement",
              "lieu du rendez-vous", "ou se deroule l'evenement", "ou se deroule l'evenement ?"),
    "address": ("adresse", "adresse postale", "ville", "commune", "adresse du lieu", "lieu et adresse",
                "se rendre", "se rendre sur place", "comment venir", "acces au lieu", "plan d'acces"),
    "organiser": ("organisateur", "organisateurs", "organisatrice", "organisateur(s)",
                  "organisateur·rice", "organise par", "organisee par", "organisateur de l'evenement",
                  "structure organisatrice", "porteur", "porte par", "propose par", "proposee par",
                  "co-organise par", "coorganise par", "co-organisateurs", "organisation", "qui organise",
                  "qui organise ?", "a l'initiative de", "porteur du projet", "structure porteuse",
                  "organisme"),
    # a contact names the organiser when it holds a name, not a number or an address
    "contact": ("contact", "contacts", "renseignements", "telephone", "tel", "tel.", "contact telephonique",
                "informations et contact", "pour tout renseignement", "e-mail", "courriel"),
    "formats": ("format", "formats", "format(s)", "type", "type d'evenement", "types", "type(s)",
                "format de l'evenement", "type de l'evenement", "categorie", "categories",
                "nature de l'evenement", "nature", "type d'action"),
    "parcours": ("parcours", "parcours thematique"),
    "audience": ("public", "publics", "public cible", "public vise", "public(s)", "pour qui",
                 "pour qui ?", "a destination de", "a qui s'adresse l'evenement", "public concerne",
                 "cible", "publics cibles", "public cibles", "destinataires", "ouvert a", "pour qui",
                 "a qui s'adresse cet evenement", "a qui s'adresse cet evenement ?", "participants"),
    "access": ("acces", "accessibilite", "conditions d'acces", "conditions", "modalites",
               "modalites d'acces", "modalites d'inscription", "tarif", "tarifs", "entree", "prix",
               "conditions de participation", "participation", "inscription et acces", "cout"),
    "registration": ("inscription", "inscriptions", "lien d'inscription", "inscription obligatoire",
                     "reservation", "reservations", "billetterie", "formulaire d'inscription",
                     "pour s'inscrire", "comment s'inscrire", "s'inscrire", "je m'inscris"),
    "online": ("lien de connexion", "lien visio", "lien de la visio", "lien", "lien de diffusion",
               "lien du webinaire", "lien de participation"),
    # how one attends ("Modalité : En ligne"); read as a place only when it names one
    "mode": ("modalite", "modalite de participation", "mode de participation", "format de participation",
             "en presentiel ou a distance", "en presentiel ou a distance ?"),
    "status": ("statut", "etat", "status", "statut de l'evenement"),
    "description": ("description", "presentation", "descriptif", "a propos", "programme", "resume"),
}
# Drupal field machine names (``field--name-field-date-evenement``, D7 ``field-name-field-lieu``)
# stand for a label the theme hides: the longest matching prefix gives the group.
FIELD_NAME_GROUP: dict[str, str] = {
    "date": "date", "dates": "date", "horaire": "hours", "horaires": "hours", "heure": "hours",
    "lieu": "venue", "lieux": "venue", "salle": "venue", "adresse": "address", "ville": "address",
    "commune": "address", "organisateur": "organiser", "organisateurs": "organiser",
    "organisation": "organiser", "structure-organisatrice": "organiser", "public": "audience",
    "publics": "audience", "public-cible": "audience", "format": "formats", "formats": "formats",
    "type-evenement": "formats", "type-d-evenement": "formats", "parcours": "parcours",
    "inscription": "registration", "lien-inscription": "registration", "lien-d-inscription": "registration",
    "lien-connexion": "online", "lien-de-connexion": "online", "lien-visio": "online", "modalite": "mode",
    # machine names are often English
    "location": "venue", "venue": "venue", "place": "venue", "address": "address", "city": "address",
    "organizer": "organiser", "organiser": "organiser", "audience": "audience", "event-type": "formats",
    "registration": "registration", "registration-link": "registration", "meeting-link": "online",
}
# Icon classes that mark a detail line — DSFR (``fr-icon-*``, ``fr-fi-*``), Remix (``ri-*``), Font
# Awesome (``fa-*``), Bootstrap (``bi-*``, ``glyphicon-*``) — and the icon names of each field.
ICON_CLASS = re.compile(r"(?:^|\s)(fr-icon|fr-fi|ri|fa|bi|glyphicon|icon)-([a-z][\w-]*)")
ICON_NAMES: dict[str, tuple[str, ...]] = {
    "date": ("calendar", "event", "date", "calendrier", "agenda"),
    "hours": ("time", "timer", "clock", "schedule", "horloge", "horaire", "heure", "hourglass"),
    "place": ("map-pin", "map-line", "map-marker", "road-map", "earth", "location", "marker", "place", "pin",
              "geo", "lieu", "localisation", "adresse", "room"),
    "organiser": ("team", "building", "government", "community", "landmark", "bank", "account-balance",
                  "university", "corporate-fare", "organisateur", "organisation", "organizer", "institution",
                  "apartment", "city-hall"),
    "audience": ("user", "group", "people", "person", "public", "persons"),
    "online": ("computer", "video", "webcam", "live", "broadcast", "laptop", "desktop", "visio", "videocam",
               "ordinateur"),
    "access": ("ticket", "confirmation-number", "euro", "price", "tarif", "wheelchair", "accessible"),
    "formats": ("tag", "price-tag", "label", "category", "categorie"),
    "contact": ("phone", "call", "telephone", "mail", "envelope", "courriel"),
}
# An icon's group → the label group it stands for when it stands alone as a label
ICON_LABEL = {"date": "date", "hours": "hours", "place": "venue", "organiser": "organiser",
              "audience": "audience", "online": "mode", "access": "access", "formats": "formats",
              "contact": "contact"}
_LIGATURE = re.compile(r"material-(?:icons|symbols)")
_ICON_FILE = re.compile(r"(?:^|/)(?:picto|icon|icone|ico)[-_]?([a-z][\w-]*?)(?:[-_]\d+)?\.(?:svg|png|gif|webp)$", re.I)
# Emoji that some organisers put in front of a detail instead of a label ("📍 Hôtel de Ville").
MARKERS: dict[str, str] = {"📅": "date", "🗓": "date", "📆": "date", "🕒": "hours", "🕐": "hours",
                           "⏰": "hours", "🕘": "hours", "⌚": "hours", "📍": "venue", "📌": "venue", "🗺": "venue",
                           "🏛": "organiser", "🏢": "organiser", "🏫": "organiser", "👥": "audience",
                           "🎯": "audience", "🎟": "access", "♿": "access", "💶": "access", "🏷": "formats",
                           "🎤": "formats", "💻": "mode", "🖥": "mode", "📞": "contact", "☎": "contact",
                           "📧": "contact", "✍": "registration", "👉": "registration", "🔗": "registration"}
MARKER = re.compile(r"^\s*(" + "|".join(MARKERS) + r")\ufe0f?\s*(.*)$", re.S)

# The labels of a lab sheet (the 2022 Atlas wrote its facts as labelled fields).
LAB_VOCABULARY: dict[str, tuple[str, ...]] = {
    "region": ("region", "territoire"),
    "host": ("structure porteuse", "porteur", "porte par", "heberge par", "structure d'accueil",
             "rattachement", "structure de rattachement", "administration de rattachement"),
    "created": ("date de creation", "creation", "annee de creation", "cree en", "date de lancement"),
    "tags": ("thematiques", "thematique", "mots-cles", "mots cles", "tags", "expertises"),
    "website": ("site web", "site internet", "site", "en savoir plus", "lien"),
}


def table(vocabulary: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """label -> field group."""
    return {lab: grp for grp, labs in vocabulary.items() for lab in labs}


LABEL_GROUP = table(VOCABULARY)
LAB_LABEL_GROUP = table(LAB_VOCABULARY)
COLON = re.compile(r"^\s*([^:\n]{1,40}?)\s*[:：]\s*(.*)$", re.S)
# Labels that read naturally without a colon at the start of a sentence ("Organisé par la DITP").
NO_COLON = re.compile(r"^\s*((?:co-?)?(?:organis|propos|anim|port)[ée]+e?s? par)\s+(\S.*)$", re.I | re.S)
# A question as label, its answer after it on the same line ("Quand ? Le 14/11 à 10h", "Où ? Lyon");
# only a known label counts (group_of), so "Vous venez ? Inscrivez-vous" is no label.
QUESTION = re.compile(r"^\s*([^?:\n]{1,30}?\s*[?？])\s*(\S.*)$", re.S)
_SPACES = re.compile(r"\s+")
_PLURAL_MARKS = re.compile(r"\((?:s|e|es|x|ice|rice|ices)\)|[·.](?:rice|ice|e)s?\b")
_LEADING_SYMBOLS = re.compile(r"^[^\w(]+")
_QUALIFIED = re.compile(r"^(date|dates|lieu|adresse|horaires?|public|format|organisateur)"
                        r" (?:de |du |des |d'|pour )(?:l')?[^:\d() ]{1,20}(?: [^:\d() ]{1,20}){0,2}$")
_NOT_EVENT_DATES = re.compile(r"publication|mise a jour|modification|creation|naissance|limite|cloture")
_MAX_LABEL = 45


@lru_cache(maxsize=4096)
def normalise(label: str) -> str:
    """``"Organisé par :"`` → ``"organise par"``: lower case, no accents, no trailing colon."""
    text = unicodedata.normalize("NFKD", label.replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = _PLURAL_MARKS.sub("", text)             # "date(s) et horaire(s)", "organisateur·rice"
    text = _LEADING_SYMBOLS.sub("", text)          # "📅 Date", "> Lieu"
    return _SPACES.sub(" ", text).strip(" :：\u00a0-–•·").strip()


def group_of(text: str | None, groups: dict[str, str] = LABEL_GROUP) -> str | None:
    """The field group a label announces, or None when the text is no known label.

    "Lieu de l'atelier", "Date de la rencontre" count as "Lieu", "Date" (not "Date de
    publication" and the like)."""
    if not text or len(text) > _MAX_LABEL:
        return None
    label = normalise(text)
    found = groups.get(label)
    if found is None and groups is LABEL_GROUP:
        m = _QUALIFIED.match(label)
        if m and not _NOT_EVENT_DATES.search(label):
            found = groups.get(m.group(1))
    return found


def field_name_group(cls: str) -> str | None:
    """The group a Drupal field's machine name stands for (``field--name-field-lieu`` → venue)."""
    m = _FIELD_NAME.search(cls)
    if m is None:
        return None
    name = m.group(1).replace("_", "-")
    if _NOT_EVENT_DATES.search(name.replace("-", " ")):
        return None
    parts = name.split("-")
    for start in range(len(parts)):          # "mip-lieu", "event-date": a prefix may come first
        for n in range(len(parts), start, -1):
            found = FIELD_NAME_GROUP.get("-".join(parts[start:n]))
            if found:
                return found
    return None


_FIELD_NAME = re.compile(r"(?:^|\s)field-{1,2}name-field-([a-z0-9_-]+)")


@lru_cache(maxsize=8192)
def icon_group(cls: str) -> str | None:
    """The field an icon class marks (``fr-icon-map-pin-2-line`` → place), or None."""
    for m in ICON_CLASS.finditer(cls):
        found = _named_group(m.group(2))
        if found:
            return found
    return None


def _named_group(name: str) -> str | None:
    name = name.lower().replace("_", "-")
    for group, names in ICON_NAMES.items():
        if any(name == w or name.startswith((w + "-", w + "s")) for w in names):
            return group
    return None


def icon_of(el) -> str | None:
    """The field an icon element marks, whatever the icon set: a class (DSFR, Font Awesome,
    Bootstrap Icons, Remix), a ligature font's text (``<span class="material-icons">event``),
    an SVG sprite (``<use href="…#calendar">``) or an image file (``picto-lieu.svg``)."""
    tag, cls = el.tag, el.get("class") or ""
    if tag == "svg":
        for use in el.iter("{*}use", "use"):
            href = use.get("href") or use.get("{http://www.w3.org/1999/xlink}href") or ""
            if "#" in href:
                return _named_group(href.rsplit("#", 1)[1])
    elif tag == "img":
        m = _ICON_FILE.search(el.get("src") or "")
        return _named_group(m.group(1)) if m else None
    elif cls and _ligature_class(cls):
        return _named_group((el.text or "").strip())
    return icon_group(cls) if "-" in cls else None


def is_ligature(el) -> bool:
    """An icon font element whose text is the icon's name, not words of the page."""
    cls = el.get("class")
    return bool(cls) and _ligature_class(cls)


@lru_cache(maxsize=8192)
def _ligature_class(cls: str) -> bool:
    return bool(_LIGATURE.search(cls))


def starts_with_label(text: str) -> bool:
    """Whether a text is or begins with a known label (the next field, not a value): "Lieu :",
    "Quand ?", "Organisé par …", an emoji that stands for a label."""
    m = COLON.match(text) or QUESTION.match(text)
    if m and group_of(m.group(1)):
        return True
    return group_of(text.strip()) is not None or bool(NO_COLON.match(text) or MARKER.match(text))
