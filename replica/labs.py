"""The 16 laboratoires d'innovation territoriale of the replica (invented details on real
patterns: "Laboratoire de <Région> - <Name>", non-SGAR hosts, names spelled several ways).
"""

from __future__ import annotations

from dataclasses import dataclass

from replica.editions import ATLAS_PREFIX, LAB_PREFIX

SGAR = "le Secrétariat Général pour les Affaires Régionales (SGAR) {region}"
SECTIONS = ("Expertises et champs d'intervention", "Missions", "Périmètre d'intervention",
            "Exemples de projets")


@dataclass(frozen=True)
class Lab:
    id: str                     # the current sheet's slug
    name: str                   # the name on the current sheet
    variants: tuple[str, ...]   # other spellings seen elsewhere (events, atlas)
    region_code: str
    region_label: str           # "du Centre-Val-de-Loire", "d'Occitanie"
    created: int
    host: str
    tags: tuple[str, ...]
    atlas_slug: str | None      # legacy /laboratoires/<short-slug> (2022 Atlas), if any

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
        return LAB_PREFIX + self.id

    @property
    def atlas_path(self) -> str | None:
        return ATLAS_PREFIX + self.atlas_slug if self.atlas_slug else None


def _lab(slug, name, variants, region, label, created, host, tags, atlas) -> Lab:
    return Lab(slug, name, tuple(variants), region, label, created, host, tuple(tags), atlas)


LABS: tuple[Lab, ...] = (
    _lab("laboratoire-du-centre-val-de-loire", "LAB'L", ["Lab'L", "LabL"], "24", "du Centre-Val-de-Loire",
         2022, SGAR.format(region="Centre-Val de Loire"), ["Design de service", "Intelligence collective"], None),
    _lab("laboratoire-doccitanie-labo", "Lab'O", ["Lab-O", "LabO"], "76", "d'Occitanie", 2017,
         SGAR.format(region="Occitanie"), ["Design de service", "Qualité de service"], "labo"),
    _lab("laboratoire-de-bretagne-ti-lab", "Ti Lab", ["TI Lab", "Tilab"], "53", "de Bretagne", 2017,
         "le SGAR Bretagne et la Région Bretagne", ["Design de service", "Prototypage"], "tilab"),
    _lab("laboratoire-de-normandie-etatlin", "Etat'LIN", ["État'LIN", "EtatLIN"], "28", "de Normandie",
         2018, SGAR.format(region="Normandie"), ["Intelligence collective", "Innovation managériale"],
         "etatlin"),
    _lab("laboratoire-des-hauts-de-france-siilab", "SIILAB", ["Siilab", "SiiLab"], "32",
         "des Hauts-de-France", 2016,
         "la Direction régionale de la jeunesse, des sports et de la cohésion sociale (DRJSCS)",
         ["Design de service", "Évaluation"], "siilab"),
    _lab("laboratoire-du-grand-est-labest", "Lab'EST", ["Lab'Est", "LabEST"], "44", "du Grand Est", 2018,
         "le SGAR Grand Est, avec la Région Grand Est", ["Qualité de service", "Données"], "labest"),
    _lab("laboratoire-des-pays-de-la-loire-labarchipel", "LabArchipel", ["Lab'@rchipel", "Lab Archipel"],
         "52", "des Pays de la Loire", 2019, SGAR.format(region="Pays de la Loire"),
         ["Intelligence collective", "Design de service"], "labarchipel"),
    _lab("laboratoire-dauvergne-rhone-alpes-la-base", "La Base", ["LA BASE", "la Base"], "84",
         "d'Auvergne-Rhône-Alpes", 2017, SGAR.format(region="Auvergne-Rhône-Alpes"),
         ["Prototypage", "Qualité de service"], "labase"),
    _lab("laboratoire-de-provence-alpes-cote-dazur-lab-zero", "Lab Zéro", ["Lab0", "Lab Zero"], "93",
         "de Provence-Alpes-Côte d'Azur", 2018, SGAR.format(region="Provence-Alpes-Côte d'Azur"),
         ["Innovation managériale", "Design de service"], "labzero"),
    _lab("laboratoire-de-nouvelle-aquitaine-inso-lab", "InSo Lab", ["Inso Lab", "InSoLab"], "75",
         "de Nouvelle-Aquitaine", 2019, SGAR.format(region="Nouvelle-Aquitaine"),
         ["Sciences comportementales", "Évaluation"], "insolab"),
    _lab("laboratoire-de-bourgogne-franche-comte-la-fabrique-rh", "La Fabrique RH",
         ["Fabrique RH", "la Fabrique RH"], "27", "de Bourgogne-Franche-Comté", 2020,
         "la plate-forme régionale d'appui interministériel à la gestion des ressources humaines (PFRH)",
         ["Innovation managériale", "Ressources humaines"], "fabriquerh"),
    _lab("laboratoire-dile-de-france-lab-idf", "Lab'IDF", ["Lab IDF", "LabIDF"], "11", "d'Île-de-France",
         2021, SGAR.format(region="Île-de-France"), ["Design de service", "Données"], None),
    _lab("laboratoire-de-guadeloupe-karulab", "KaruLab", ["Karu'Lab", "Karulab"], "01", "de Guadeloupe",
         2021, "la préfecture de la Guadeloupe", ["Qualité de service", "Intelligence collective"], None),
    _lab("laboratoire-de-martinique-lab-madinina", "Lab Madinina", ["Lab'Madinina", "LabMadinina"], "02",
         "de Martinique", 2022, "la préfecture de la Martinique", ["Design de service"], None),
    _lab("laboratoire-de-mayotte-maore-lab", "Maoré Lab", ["Maore Lab", "MaoréLab"], "06", "de Mayotte",
         2023, "la préfecture de Mayotte", ["Prototypage", "Qualité de service"], None),
    _lab("laboratoire-de-la-reunion-lab-reunion", "Lab'Réunion", ["Lab Réunion", "LabRéunion"], "04",
         "de La Réunion", 2023, "le SGAR de La Réunion", ["Design de service", "Évaluation"], None),
)

BY_ID = {lab.id: lab for lab in LABS}
