"""The 16 laboratoires d'innovation territoriale of the replica, following the public record
(``shared/reference/ditp-site.md`` and issue 19): région, host, seat and year where the
record gives them; every other detail is invented and listed in ``replica/README.md``.

A lab changes during the current edition's month: ``changes`` undo, day by day, what its
sheet looked like before (one lab is renamed on its sheet, another's sheet moves URL).
``Lab`` holds the state at the end of the month; ``lab.on(day)`` the state on that day.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from replica.editions import ATLAS_PREFIX, LAB_PREFIX

SGAR = "le Secrétariat Général pour les Affaires Régionales (SGAR) {region}"
SECTIONS = ("Expertises et champs d'intervention", "Missions", "Périmètre d'intervention",
            "Exemples de projets")


@dataclass(frozen=True)
class Change:
    """Before ``day`` the sheet's ``field`` ("name" or "slug") was ``old``."""

    day: int
    field: str
    old: str


@dataclass(frozen=True)
class Lab:
    id: str                     # the lab's key: its sheet's slug at the end of the month
    name: str                   # the name on the sheet
    variants: tuple[str, ...]   # other spellings of the first name (events, the atlas)
    region_code: str
    region_label: str           # "du Centre-Val-de-Loire", "d'Occitanie"
    created: int
    host: str
    seat: str                   # where it works: "Rennes", "Toulouse et Montpellier"
    tags: tuple[str, ...]
    atlas_slug: str | None      # legacy /laboratoires/<short-slug> (2022 Atlas), if any
    slug: str = ""              # the sheet's slug on the day shown (``id`` at the end)
    changes: tuple[Change, ...] = ()
    former_names: tuple[str, ...] = ()   # names the sheet says it had ("anciennement …")

    @property
    def title(self) -> str:
        return f"Laboratoire {self.region_label} - {self.name}"

    @property
    def region_text(self) -> str:
        """The région as the H1 writes it: "du Centre-Val-de-Loire" → "Centre-Val-de-Loire"."""
        for article in ("de la ", "des ", "du ", "de ", "d'"):
            if self.region_label.startswith(article):
                return self.region_label[len(article):]
        return self.region_label

    @property
    def path(self) -> str:
        return LAB_PREFIX + self.slug

    @property
    def atlas_path(self) -> str | None:
        return ATLAS_PREFIX + self.atlas_slug if self.atlas_slug else None

    @property
    def atlas_name(self) -> str:
        """The 2022 Atlas spelled the lab's first name its own way."""
        return self.first.variants[0]

    @property
    def first(self) -> Lab:
        """The lab as it stood before the month's changes."""
        return self.on(0)

    def on(self, day: int) -> Lab:
        """The lab as its sheet shows it on ``day`` of the current month."""
        lab = replace(self, changes=(), former_names=())
        for change in sorted(self.changes, key=lambda c: -c.day):
            if change.day > day:
                lab = replace(lab, **{change.field: change.old})
        formers = tuple(c.old for c in self.changes if c.field == "name" and c.day <= day)
        return replace(lab, changes=tuple(c for c in self.changes if c.day <= day), former_names=formers)

    def moved_from(self) -> list[tuple[int, str]]:
        """(day, old path) of each move of the sheet shown so far."""
        return [(c.day, LAB_PREFIX + c.old) for c in self.changes if c.field == "slug"]

    def event_names(self) -> tuple[str, ...]:
        """How organisers write the lab: its first name (twice as likely) and that name's spellings."""
        first = self.first
        return (first.name, first.name, *first.variants)


def _lab(slug, name, variants, region, label, created, host, seat, tags, atlas, changes=()) -> Lab:
    return Lab(slug, name, tuple(variants), region, label, created, host, seat, tuple(tags), atlas,
               slug=slug, changes=tuple(changes))


RENAME_DAY, MOVE_DAY = 9, 16

LABS: tuple[Lab, ...] = (
    _lab("laboratoire-du-centre-val-de-loire", "LAB'L", ["Lab'L", "LabL"], "24", "du Centre-Val-de-Loire",
         2022, SGAR.format(region="Centre-Val de Loire"), "Orléans", ["Design de service", "Intelligence collective"],
         None),
    _lab("laboratoire-doccitanie-labo", "Lab'O", ["Lab-O", "LabO"], "76", "d'Occitanie", 2018,
         SGAR.format(region="Occitanie"), "Toulouse et Montpellier", ["Design de service", "Qualité de service"],
         "labo"),
    _lab("laboratoire-de-bretagne-ti-lab", "Ti Lab", ["TI Lab", "Tilab", "TiLab"], "53", "de Bretagne", 2017,
         "la préfecture de la région Bretagne, avec la Région Bretagne", "Rennes",
         ["Design de service", "Prototypage"], "tilab"),
    _lab("laboratoire-des-pays-de-la-loire-etatlin", "Etat'LIN", ["État'LIN", "EtatLIN"], "52",
         "des Pays de la Loire", 2018, SGAR.format(region="Pays de la Loire"), "Nantes",
         ["Intelligence collective", "Innovation managériale"], "etatlin"),
    _lab("laboratoire-des-hauts-de-france-siilab", "SIILAB", ["Siilab", "SiiLab"], "32",
         "des Hauts-de-France", 2016,
         "la Direction régionale de la jeunesse, des sports et de la cohésion sociale (DRJSCS)", "Lille",
         ["Design de service", "Évaluation"], "siilab"),
    _lab("laboratoire-du-grand-est-labest", "Lab'EST", ["Lab'Est", "LabEST"], "44", "du Grand Est", 2021,
         "le SGAR Grand Est, avec la Région Grand Est", "Strasbourg", ["Qualité de service", "Données"], "labest"),
    _lab("laboratoire-dauvergne-rhone-alpes-labarchipel", "LabArchipel", ["Lab'@rchipel", "Lab Archipel"],
         "84", "d'Auvergne-Rhône-Alpes", 2018, SGAR.format(region="Auvergne-Rhône-Alpes"), "Lyon",
         ["Intelligence collective", "Design de service"], "labarchipel"),
    _lab("laboratoire-de-nouvelle-aquitaine-la-base", "La Base", ["LA BASE", "la Base"], "75",
         "de Nouvelle-Aquitaine", 2019, SGAR.format(region="Nouvelle-Aquitaine"), "Bordeaux",
         ["Prototypage", "Qualité de service"], "labase"),
    _lab("laboratoire-de-provence-alpes-cote-dazur-lab-zero", "Lab Zéro", ["Lab0", "Lab Zero"], "93",
         "de Provence-Alpes-Côte d'Azur", 2018, SGAR.format(region="Provence-Alpes-Côte d'Azur"), "Marseille",
         ["Innovation managériale", "Design de service"], "labzero"),
    _lab("laboratoire-de-provence-alpes-cote-dazur-inso-lab", "InSo Lab", ["Inso Lab", "InSoLab"], "93",
         "de Provence-Alpes-Côte d'Azur", 2020, "la préfecture du Var", "Toulon (Var)", ["Sciences comportementales", "Évaluation"], "insolab"),
    _lab("laboratoire-dile-de-france-la-fabrique-rh", "La Fabrique RH", ["Fabrique RH", "la Fabrique RH"],
         "11", "d'Île-de-France", 2019, SGAR.format(region="Île-de-France"), "Paris (Station F)",
         ["Innovation managériale", "Ressources humaines"], "fabriquerh"),
    _lab("laboratoire-de-normandie-lab-estuaire", "L'Escale", ["Lab'Estuaire", "LabEstuaire"], "28",
         "de Normandie", 2021, SGAR.format(region="Normandie"), "Rouen",
         ["Intelligence collective", "Design de service"], "labestuaire",
         [Change(RENAME_DAY, "name", "Lab Estuaire")]),
    _lab("laboratoire-de-bourgogne-franche-comte-cooplab", "Coop'Lab", ["CoopLab", "Coop Lab"], "27",
         "de Bourgogne-Franche-Comté", 2021, SGAR.format(region="Bourgogne-Franche-Comté"), "Dijon",
         ["Qualité de service", "Prototypage"], "cooplab",
         [Change(MOVE_DAY, "slug", "laboratoire-de-bfc-cooplab")]),
    _lab("laboratoire-de-corse-isula-lab", "Isula Lab", ["IsulaLab", "Isula'Lab"], "94", "de Corse", 2025,
         "la préfecture de Corse", "Ajaccio", ["Design de service"], None),
    _lab("laboratoire-de-guyane-lab-amazonie", "Lab'Amazonie", ["Lab Amazonie", "LabAmazonie"], "03",
         "de Guyane", 2025, "la préfecture de la Guyane", "Cayenne", ["Qualité de service", "Prototypage"], None),
    _lab("laboratoire-de-la-reunion-lab-reunion", "Lab'Réunion", ["Lab Réunion", "LabRéunion"], "04",
         "de La Réunion", 2025, "le SGAR de La Réunion", "Saint-Denis", ["Design de service", "Évaluation"], None),
)

BY_ID = {lab.id: lab for lab in LABS}


def labs_on(day: int) -> list[Lab]:
    return [lab.on(day) for lab in LABS]

# Atlas pages that were given a link to the lab's current sheet ("retrouvez le laboratoire sur
# sa nouvelle fiche"): a page naming the other.
ATLAS_LINKS_SHEET = frozenset({
    "laboratoire-doccitanie-labo", "laboratoire-des-pays-de-la-loire-etatlin",
    "laboratoire-de-provence-alpes-cote-dazur-lab-zero", "laboratoire-de-normandie-lab-estuaire",
    "laboratoire-de-bourgogne-franche-comte-cooplab", "laboratoire-de-nouvelle-aquitaine-la-base",
})
