"""parsers/lablink.py: which lab runs an event, from its organiser line and its description's
organiser phrases — spellings, other names, generic forms by région, co-organisers, a lab named
in passing (no link), ambiguity (no guess) and what is not a lab."""

from __future__ import annotations

import pytest

from parsers.lablink import CONFIDENCE, LabLink, LabRef, link_lab
from replica.labs import LABS as REPLICA_LABS

LABS = (
    LabRef("ti-lab", "Ti Lab", ("TI Lab",), "53"),
    LabRef("labo", "Lab'O", ("Lab-O",), "76"),
    LabRef("labl", "LAB'L", (), "24"),
    LabRef("lab-zero", "Lab Zéro", ("Lab0",), "93"),
    LabRef("inso-lab", "InSo Lab", (), "93"),
    LabRef("la-base", "La Base", (), "75"),
    LabRef("siilab", "SIILAB", (), "32"),
    LabRef("etatlin", "Etat'LIN", ("État'LIN",), "52"),
    LabRef("escale", "L'Escale", ("Lab Estuaire", "Lab'Estuaire"), "28"),
    LabRef("labarchipel", "LabArchipel", ("Lab'@rchipel",), "84"),
    LabRef("fabrique-rh", "La Fabrique RH", (), "11"),
    LabRef("labest", "Lab'EST", (), "44"),
    LabRef("cooplab", "Coop'Lab", (), "27"),
    LabRef("lab-reunion", "Lab'Réunion", (), "04"),
)

# (organiser line, description, région of the event's place, (key, method) or None)
SPELLINGS = [
    ("Ti Lab", None, None, ("ti-lab", "name")),
    ("TiLab", None, None, ("ti-lab", "name")),
    ("Ti-Lab", None, None, ("ti-lab", "name")),
    ("TI LAB", None, None, ("ti-lab", "name")),
    ("LAB'L", None, None, ("labl", "name")),
    ("Lab L", None, None, ("labl", "name")),
    ("Lab'L (SGAR Centre-Val de Loire)", None, None, ("labl", "name")),
    ("Lab Zero", None, None, ("lab-zero", "name")),
    ("Lab0", None, None, ("lab-zero", "name")),
    ("LAB ZÉRO", None, None, ("lab-zero", "name")),
    ("Lab-O", None, None, ("labo", "name")),
    ("État'LIN", None, None, ("etatlin", "name")),
    ("ETATLIN", None, None, ("etatlin", "name")),
    ("Lab'@rchipel", None, None, ("labarchipel", "name")),
    ("Fabrique RH", None, None, ("fabrique-rh", "name")),
    ("LA BASE", None, None, ("la-base", "name")),
    ("l'équipe de la Base", None, None, ("la-base", "name")),
    ("Siilab", None, None, ("siilab", "name")),
    ("Atelier animé par l'InSo Lab (équipe)", None, None, ("inso-lab", "name")),
    # a name the lab had, or the atlas's own spelling that the name key does not join
    ("Lab Estuaire", None, None, ("escale", "alias")),
    ("L'équipe du Lab'Estuaire", None, None, ("escale", "alias")),
]
CO_ORGANISERS = [
    ("Région Bretagne, en partenariat avec le Ti Lab", None, None, ("ti-lab", "name")),
    ("Préfecture de l'Hérault / Lab'O", None, None, ("labo", "name")),
    ("Ville de Strasbourg et Lab'EST", None, None, ("labest", "name")),
    ("Rennes Métropole & TiLab", None, None, ("ti-lab", "name")),
    ("Conseil départemental du Var avec l'InSo Lab", None, None, ("inso-lab", "name")),
    ("DREETS Bourgogne-Franche-Comté ; Coop'Lab", None, None, ("cooplab", "name")),
    # said of the organiser after a comma: the Ville organises, the lab is named in passing
    ("Ville de Rennes, lauréate d'un appel à projets du Ti Lab", None, None, None),
]
GENERIC = [
    ("Le laboratoire d'innovation publique de Bretagne", None, None, ("ti-lab", "generic")),
    ("Laboratoire d'innovation territoriale de la région Occitanie", None, None, ("labo", "generic")),
    ("Le lab de la préfecture de région Occitanie", None, "53", ("labo", "generic")),  # the named région
    ("le labo d'innovation du SGAR Grand Est", None, None, ("labest", "generic")),
    ("Le laboratoire d'innovation de La Réunion", None, None, ("lab-reunion", "generic")),
    ("le lab du SGAR", None, "53", ("ti-lab", "generic")),
    # the région by any name the place parser knows it by (parsers.places.index.region_names)
    ("Le laboratoire d'innovation publique de l'IDF", None, None, ("fabrique-rh", "generic")),
    ("le lab de la préfecture de région HDF", None, "11", ("siilab", "generic")),
    ("Laboratoire d'innovation territoriale de Réunion", None, None, ("lab-reunion", "generic")),
    ("Le laboratoire d'innovation publique de Bourgogne", None, None, ("cooplab", "generic")),
    ("Le laboratoire d'innovation de la préfecture de région", None, "75", ("la-base", "generic")),
    ("Laboratoire d'innovation publique, en lien avec la DREETS", None, "28", ("escale", "generic")),
    ("le lab du SGAR", None, None, None),                                        # which région: unknown
    # a région with two labs: ambiguous, not a guess
    ("Laboratoire d'innovation publique de Provence-Alpes-Côte d'Azur", None, None, None),
    ("Le lab de la préfecture de région PACA", None, None, None),
    ("le lab du SGAR", None, "93", None),
    ("Laboratoire d'innovation publique de Guadeloupe", None, None, None),      # a région without a lab
    ("Préfecture de la région Occitanie", None, "76", None),                    # the préfecture, not its lab
    ("Le laboratoire d'innovation de la Ville de Paris", None, "11", None),     # another body's lab
]
DESCRIPTIONS = [
    ("Préfecture du Finistère", "Cet atelier est proposé par le Ti Lab.", "53", ("ti-lab", "description")),
    ("DREETS Occitanie", "<p>Un temps d'échange.</p><p>Co-organisé avec <strong>le Lab'O</strong> et la DREETS.</p>",
     "76", ("labo", "description")),
    (None, "Un atelier animé par l'équipe de La Base, qui accompagne les services.", "75", ("la-base", "description")),
    ("SGAR Bretagne", "Une rencontre avec le lab de la préfecture, pour tester vos idées.", "53",
     ("ti-lab", "description")),
    ("Ville de Marseille", "En partenariat avec le laboratoire d'innovation publique de la préfecture de région.",
     "93", None),                                                              # PACA: ambiguous
    ("Lab'O", "Proposé avec le Ti Lab.", "76", ("labo", "name")),               # the organiser line first
]
IN_PASSING = [
    ("Ville de Brest", "Ce format a été présenté lors d'un atelier du Ti Lab l'an dernier.", "53", None),
    ("Région Nouvelle-Aquitaine", "Une démarche inspirée des travaux de La Base.", "75", None),
    ("Préfecture de la Gironde", "Proposé par la DDTM, dans la continuité des travaux de La Base.", "75", None),
    ("Préfecture du Var", "Animé par la DDTM du Var. L'InSo Lab y avait présenté ses travaux en 2023.", "93", None),
    ("CAF du Nord", "Organisé par la CAF, qui a suivi la formation de SIILAB.", "32", None),
]
NOT_LABS = [
    ("Laboratoire de recherche en sciences sociales", None, "53", None),
    ("LabEx ITEM", None, "84", None),
    ("Fab Lab de la médiathèque", None, "53", None),
    ("Laboratoire départemental d'analyses", None, "53", None),
    ("Living Lab de la Métropole", None, "76", None),
    ("Le labo de la médiathèque", None, "76", None),                         # "labo" is Lab'O's key, as a word
    ("Construire la base de données des aides", None, "75", None),
    ("Etalab", None, None, None),
    ("Université Rennes 2, laboratoire LIDILE", None, "53", None),
    (None, None, "53", None),
    ("", "", None, None),
]
CASES = SPELLINGS + CO_ORGANISERS + GENERIC + DESCRIPTIONS + IN_PASSING + NOT_LABS


def _id(case: tuple) -> str:
    return " | ".join(str(x) for x in case[:3] if x)[:80] or "nothing"


@pytest.mark.parametrize(("organiser", "description", "region", "expected"), CASES, ids=[_id(c) for c in CASES])
def test_link_lab(organiser, description, region, expected):
    link = link_lab(organiser, description, LABS, region)
    assert (link and (link.key, link.method)) == (expected or None), link


def test_at_least_forty_cases_of_each_outcome():
    assert len(CASES) >= 40
    assert sum(c[3] is None for c in CASES) >= 15 and sum(c[3] is not None for c in CASES) >= 25


def test_confidence_is_lower_for_generic_forms_and_descriptions():
    named = link_lab("Ti Lab", None, LABS)
    alias = link_lab("Lab Estuaire", None, LABS)
    generic = link_lab("Le laboratoire d'innovation publique de Bretagne", None, LABS)
    context = link_lab("le lab du SGAR", None, LABS, "53")
    described = link_lab(None, "Proposé par le Ti Lab.", LABS)
    assert named == LabLink("ti-lab", "name", CONFIDENCE["name"]) == LabLink("ti-lab", "name", 1.0)
    assert alias and generic and context and described
    assert 1.0 > alias.confidence > generic.confidence > context.confidence
    assert described.confidence < named.confidence


def test_labs_given_as_a_list_or_a_tuple_agree_and_no_labs_links_nothing():
    assert link_lab("TiLab", None, list(LABS)) == link_lab("TiLab", None, LABS)
    assert link_lab("TiLab", None, ()) is None


def test_every_replica_spelling_of_a_lab_links_it_by_name():
    labs = tuple(LabRef(lab.id, lab.name, lab.variants, lab.region_code) for lab in REPLICA_LABS)
    for lab in REPLICA_LABS:
        for spelling in lab.event_names():
            link = link_lab(spelling, None, labs)
            assert link is not None and link.key == lab.id, spelling
