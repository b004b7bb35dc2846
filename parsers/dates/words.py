"""The small French words of date texts and the part each plays (parsers.dates.grammar)."""

from __future__ import annotations

TO = {"au", "aux", "a", "jusqu'au", "jusqu'aux", "jusqu'a", "jusqu'en", "jusqu au", "jusqu a", ">"}
OPEN_FROM = {"a partir du", "a partir de", "a partir d'", "a compter du", "a compter de",
             "a compter d'", "des le", "depuis"}
OPEN_TO = {w for w in TO if w.startswith("jusqu")}
AND = {"et", "puis", ",", ";", "&", "+", "/", "|"}
RANGE_OPEN = {"du", "de", "d'", "entre"}
RELATIVE = {"aujourd'hui": 0, "aujourd' hui": 0, "aujourd hui": 0, "demain": 1,
             "apres-demain": 2, "apres demain": 2, "hier": -1, "avant-hier": -2, "avant hier": -2}
DIRECTION = {"prochain": "next", "prochaine": "next", "dernier": "last", "derniere": "last"}
VAGUE = {"fin", "debut", "mi", "courant", "milieu", "vers", "avant", "apres", "autour"}
VAGUE_UNITS = {"semaine", "mois", "annee", "an", "weekend", "week"}
DURATION = {"duree", "pendant", "dure", "environ", "en"}
FILLERS = {"le", "les", "l'", "la", "de", "du", "d'", "mois", "tout", "toute", "durant",
            "en", "au", "cours", "a"}
# the part each small word plays, in order of precedence (later entries win)
ROLES = {
    **dict.fromkeys(FILLERS, "filler"), **dict.fromkeys(RANGE_OPEN, "start"),
    **dict.fromkeys(OPEN_FROM, "from"), "ou": "or", **dict.fromkeys(AND, "and"),
    **dict.fromkeys(TO, "to"), **dict.fromkeys(OPEN_TO, "until"),
    "(": "(", "[": "(", ")": ")", "]": ")",
    **dict.fromkeys(("reporte", "reportee", "reportes", "reportees", "decale", "decalee",
                     "repousse", "repoussee", "deplace", "deplacee"), "moved"),
    **dict.fromkeys(("initialement", "anciennement", "precedemment"), "was"),
}
BEFORE_HOUR = {"de", "entre", "", ",", ":", ";"}
PARTS_OF_DAY = {"matin", "soir", "apres-midi", "apres midi", "apresmidi"}
HALF_DAYS = {*PARTS_OF_DAY, "matinee", "soiree", "journee"}
DATE_KINDS = {"iso", "numdate", "spacedate", "monthyear"}
PLAIN = {"word", "punct", "dash", "other"}
