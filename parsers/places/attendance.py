"""Online, in person or both: the words and links that say how people attend."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'()\[\]]+", re.IGNORECASE)

# Matched on folded text (lower case, no accents, words joined by single spaces).
_NOT_ATTENDANCE = re.compile(
    r"\b(?:inscriptions?|billetterie|formulaire|programme|replay|rediffusion|"
    r"reservation|candidature)s? (?:(?:obligatoire|gratuite|gratuit)s? )?(?:en ligne|sur internet|"
    r"sur (?:la |une |notre )?plateforme\w*)\b"
)
# "(?<!\w)" is "\b" before a word (every alternative starts with one), and lets the regex
# engine skip ahead faster on the long texts that name no way of attending
_ONLINE = re.compile(
    r"(?<!\w)(?:en ligne|distanciel|a distance|webinaires?|webinars?|webconferences?|"
    r"visio(?: ?conferences?)?|visios|teleconferences?|zoom|teams|webex|bbb|big ?blue ?button|"
    r"jitsi|livestorm|livestream|streaming|youtube|online|virtuel(?:le)?s?|"
    r"en direct sur|100 en ligne|full remote|tchap|gotomeeting|"
    r"lien (?:de )?(?:connexion|visio\w*|zoom|teams|webex|participation)|depuis chez (?:vous|soi)|de chez vous|"
    r"lien (?:\w+ )?(?:envoye|transmis|communique|adresse)\w*|"
    r"(?:linkedin|facebook|youtube|instagram|twitch) live|live (?:linkedin|facebook|youtube)|"
    r"(?:format|evenement|session|100) (?:digital|numerique)|en distanciel|en direct|"
    r"retransmis\w*|retransmission|webikeo|google meet|skype|discord|workadventure|"
    r"gather town|wonder me|e conferences?|web conferences?|(?:entierement |100 )?sur internet|"
    r"sur (?:la|une|notre|leur) plateforme|virtuellement|en live|live sur|dematerialise\w*|"
    r"diffuse\w* en direct|classes? virtuelles?|via (?:zoom|teams|webex|internet)|webinaires?)\b"
)
_OFFLINE = re.compile(
    r"(?<!\w)(?:presentiel(?:le)?|sur place|en personne|physique|en salle|"
    r"(?:dans|en) (?:les|nos|vos|leurs|ses|ces) locaux|(?:a|dans) (?:la|notre|votre) salle)\b"
)
_HYBRID = re.compile(r"\b(?:hybrides?|mixte|multimodal|bimodal|presentiel et distanciel)\b")
_VISIO_HOSTS = (
    "zoom.us", "teams.microsoft.com", "teams.live.com", "webex.com", "meet.google.com",
    "jitsi", "whereby.com", "livestorm.co", "gotomeeting.com", "youtube.com", "youtu.be",
    "bbb.", "webinaire.numerique.gouv.fr", "visio.", "webconf.", "tixeo", "rdv.renater",
    "dailymotion.com", "twitch.tv", "vimeo.com",
)


@dataclass(frozen=True, slots=True)
class Attendance:
    online: bool
    offline: bool
    hybrid: bool
    url: str | None


def split_urls(text: str) -> tuple[str, list[str]]:
    """``text`` with its links blanked out, and the links (trailing punctuation dropped)."""
    urls = [m.group().rstrip(".,;:!?") for m in URL.finditer(text)]
    return URL.sub(" ", text), urls


def _is_visio(url: str) -> bool:
    host = urlsplit(url if "://" in url else f"https://{url}").netloc.lower()
    return any(h in host for h in _VISIO_HOSTS)


def attendance(folded: str, urls: list[str]) -> Attendance:
    """What the words of a folded text (and its visio links) say; addresses are the caller's."""
    folded = _NOT_ATTENDANCE.sub(" ", folded)
    online = bool(_ONLINE.search(folded)) or any(_is_visio(u) for u in urls)
    return Attendance(
        online=online,
        offline=bool(_OFFLINE.search(folded)),
        hybrid=bool(_HYBRID.search(folded)),
        url=urls[0] if urls else None,
    )


def mentions_attendance(folded: str) -> bool:
    """A folded segment that says how to attend ("En ligne", "plénière en hybride")."""
    return bool(_ONLINE.search(folded) or _OFFLINE.search(folded) or _HYBRID.search(folded))
