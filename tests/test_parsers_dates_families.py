"""parsers.dates v2, family by family: periods, lists, half days, month first and number
words, two-digit years, typography, texts holding other dates, weekdays alone, overseas
clocks. Every case is written in the manner of the programme's own pages (invented here)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from parsers.dates import Ignored, parse_when, read_when

PARIS = ZoneInfo("Europe/Paris")
D = dt.date
TODAY = D(2026, 11, 26)  # a Thursday


def T(y, mo, d, h=0, mi=0, zone="Europe/Paris"):
    return dt.datetime(y, mo, d, h, mi, tzinfo=ZoneInfo(zone))


def ids(table):
    return [row[0][:60] for row in table]


# -- 1. periods coarser than a day -----------------------------------------------------------
PERIODS = [
    ("en 2016", {}, D(2016, 1, 1), D(2016, 12, 31), "year"),
    ("Créé en 2019, le laboratoire accompagne les services de l'État", {},
     D(2019, 1, 1), D(2019, 12, 31), "year"),
    ("Depuis 2021, le Lab'O anime un réseau d'agents publics", {}, D(2021, 1, 1), None, "year"),
    ("dès 2023", {}, D(2023, 1, 1), None, "year"),
    ("à partir de 2024", {}, D(2024, 1, 1), None, "year"),
    ("jusqu'en 2025", {}, None, D(2025, 12, 31), "year"),
    ("de 2018 à 2022", {}, D(2018, 1, 1), D(2022, 12, 31), "year"),
    ("entre 2019 et 2023", {}, D(2019, 1, 1), D(2023, 12, 31), "year"),
    ("2016-2018", {}, D(2016, 1, 1), D(2018, 12, 31), "year"),
    ("Année : 2016", {}, D(2016, 1, 1), D(2016, 12, 31), "year"),
    ("au premier trimestre 2024", {}, D(2024, 1, 1), D(2024, 3, 31), "quarter"),
    ("Prochaine session au 2e trimestre 2025", {}, D(2025, 4, 1), D(2025, 6, 30), "quarter"),
    ("T3 2024", {}, D(2024, 7, 1), D(2024, 9, 30), "quarter"),
    ("au dernier trimestre de l'année 2023", {}, D(2023, 10, 1), D(2023, 12, 31), "quarter"),
    ("au quatrième trimestre", {"year": 2024}, D(2024, 10, 1), D(2024, 12, 31), "quarter"),
    ("second semestre 2025", {}, D(2025, 7, 1), D(2025, 12, 31), "semester"),
    ("à l'automne 2025", {}, D(2025, 9, 23), D(2025, 12, 20), "season"),
    ("Lancement au printemps 2022", {}, D(2022, 3, 20), D(2022, 6, 20), "season"),
    ("l'été 2025", {}, D(2025, 6, 21), D(2025, 9, 22), "season"),
    ("hiver 2025-2026", {}, D(2025, 12, 21), D(2026, 3, 19), "season"),
    ("en novembre", {"year": 2024}, D(2024, 11, 1), D(2024, 11, 30), "month"),
    ("en novembre", {"today": TODAY}, D(2026, 11, 1), D(2026, 11, 30), "month"),
    ("11/2024", {}, D(2024, 11, 1), D(2024, 11, 30), "month"),
    ("novembre 24", {}, D(2024, 11, 1), D(2024, 11, 30), "month"),
    ("de septembre à décembre 2025", {}, D(2025, 9, 1), D(2025, 12, 31), "month"),
    ("septembre-octobre 2025", {}, D(2025, 9, 1), D(2025, 10, 31), "month"),
    ("du 01/2025 au 03/2025", {}, D(2025, 1, 1), D(2025, 3, 31), "month"),
    ("depuis novembre 2023", {}, D(2023, 11, 1), None, "month"),
]


@pytest.mark.parametrize(("text", "kw", "start", "end", "precision"), PERIODS, ids=ids(PERIODS))
def test_periods(text, kw, start, end, precision):
    when = parse_when(text, **kw)
    assert when is not None
    assert (when.start, when.end, when.precision, when.all_day) == (start, end, precision, True)
    assert not when.fixed_day and len(when.slots) == 1


APPROXIMATE = [
    ("fin novembre 2024", {}, D(2024, 11, 1), D(2024, 11, 30), "month"),
    ("Restitution prévue courant décembre", {"year": 2024}, D(2024, 12, 1), D(2024, 12, 31), "month"),
    ("mi-novembre", {"year": 2025}, D(2025, 11, 1), D(2025, 11, 30), "month"),
    ("début décembre 2021", {}, D(2021, 12, 1), D(2021, 12, 31), "month"),
    ("fin 2021", {}, D(2021, 1, 1), D(2021, 12, 31), "year"),
    ("de fin novembre à mi-décembre 2025", {}, D(2025, 11, 1), D(2025, 12, 31), "month"),
]


@pytest.mark.parametrize(("text", "kw", "start", "end", "precision"), APPROXIMATE, ids=ids(APPROXIMATE))
def test_approximate_periods_say_so(text, kw, start, end, precision):
    when = parse_when(text, **kw)
    assert (when.start, when.end, when.precision) == (start, end, precision)
    assert when.warnings and all("approximate" in w for w in when.warnings)


@pytest.mark.parametrize("text", [
    "Mois de l'innovation publique 2021", "Édition 2021", "Plus de 2000 agents formés",
    "vers le 16 novembre 2021", "avant le 30 novembre 2021", "fin de matinée",
])
def test_a_lone_year_or_a_vague_word_is_no_period(text):
    assert parse_when(text) is None


def test_a_year_beside_a_day_is_its_context_not_a_period():
    when = parse_when("Édition 2021 : le 18 novembre")
    assert (when.start, when.precision) == (D(2021, 11, 18), "day")


# -- 2. lists of dates are separate slots ------------------------------------------------------
LISTS = [
    ("le 3 et le 12 octobre", {"year": 2024}, [D(2024, 10, 3), D(2024, 10, 12)]),
    ("les 7, 14 et 21 novembre", {"year": 2024}, [D(2024, 11, 7), D(2024, 11, 14), D(2024, 11, 21)]),
    ("le 20 juin et le 4 juillet 2025", {}, [D(2025, 6, 20), D(2025, 7, 4)]),
    ("Les mardis 5 et 19 novembre 2024", {}, [D(2024, 11, 5), D(2024, 11, 19)]),
    ("le 4, le 18 et le 25 novembre", {"year": 2024}, [D(2024, 11, 4), D(2024, 11, 18), D(2024, 11, 25)]),
    ("Jeudi 6 et jeudi 20 novembre 2025", {}, [D(2025, 11, 6), D(2025, 11, 20)]),
    ("12/11 et 26/11", {"year": 2024}, [D(2024, 11, 12), D(2024, 11, 26)]),
    ("les 12/11/2024, 19/11/2024 et 26/11/2024", {}, [D(2024, 11, d) for d in (12, 19, 26)]),
    ("le 28 novembre et le 5 décembre 2024", {}, [D(2024, 11, 28), D(2024, 12, 5)]),
    ("Sessions : 5 novembre ; 12 novembre ; 19 novembre 2024", {}, [D(2024, 11, d) for d in (5, 12, 19)]),
    ("le 3 octobre puis le 14 novembre 2024", {}, [D(2024, 10, 3), D(2024, 11, 14)]),
    ("les 13 et 27 novembre 2025", {}, [D(2025, 11, 13), D(2025, 11, 27)]),
    ("Les 4 & 5 novembre 2024", {}, [D(2024, 11, 4), D(2024, 11, 5)]),
    ("le 30 décembre 2024 et le 6 janvier 2025", {}, [D(2024, 12, 30), D(2025, 1, 6)]),
    ("le 9 et le 23 octobre ainsi que le 6 novembre", {"year": 2025},
     [D(2025, 10, 9), D(2025, 10, 23), D(2025, 11, 6)]),
    ("mardi 18, jeudi 20 et vendredi 21 novembre 2025", {}, [D(2025, 11, d) for d in (18, 20, 21)]),
    ("du 4 au 6 novembre et le 20 novembre 2024", {}, [(D(2024, 11, 4), D(2024, 11, 6)), D(2024, 11, 20)]),
    ("les 5, 6 et 7 mars 2025", {}, [D(2025, 3, d) for d in (5, 6, 7)]),
    ("Le 17/11 et le 24/11", {"year": 2025}, [D(2025, 11, 17), D(2025, 11, 24)]),
    ("le 2 et le 16 décembre prochains", {"year": 2026}, [D(2026, 12, 2), D(2026, 12, 16)]),
]


@pytest.mark.parametrize(("text", "kw", "days"), LISTS, ids=ids(LISTS))
def test_lists_are_one_slot_per_date(text, kw, days):
    when = parse_when(text, **kw)
    expected = tuple(d if isinstance(d, tuple) else (d, d) for d in days)
    assert when is not None and when.slots == expected
    assert (when.start, when.end) == (expected[0][0], expected[-1][1])
    assert when.multi_slot and when.precision == "day" and when.warnings == ()


LISTS_WITH_TIMES = [
    ("les 7, 14 et 21 novembre de 10h à 12h", {"year": 2024},
     [(T(2024, 11, d, 10), T(2024, 11, d, 12)) for d in (7, 14, 21)]),
    ("le 3 octobre à 9h30 et le 12 octobre à 14h", {"year": 2024},
     [(T(2024, 10, 3, 9, 30), None), (T(2024, 10, 12, 14), None)]),
    ("le 20 juin (14h-16h) et le 4 juillet 2025 (10h-12h)", {},
     [(T(2025, 6, 20, 14), T(2025, 6, 20, 16)), (T(2025, 7, 4, 10), T(2025, 7, 4, 12))]),
]


@pytest.mark.parametrize(("text", "kw", "slots"), LISTS_WITH_TIMES, ids=ids(LISTS_WITH_TIMES))
def test_lists_with_times(text, kw, slots):
    when = parse_when(text, **kw)
    assert when.slots == tuple(slots) and when.precision == "minute"


# -- 3. half days and mixed forms --------------------------------------------------------------
HALF_DAYS = [
    ("15 (matin) - 16 - 17 novembre", {"year": 2024}, [(D(2024, 11, 15), D(2024, 11, 17))]),
    ("le 14 après-midi et le 15 novembre", {"year": 2024}, [D(2024, 11, 14), D(2024, 11, 15)]),
    ("le 14 novembre après-midi et le 15", {"year": 2024}, [D(2024, 11, 14), D(2024, 11, 15)]),
    ("le 14 novembre au matin", {"year": 2024}, [D(2024, 11, 14)]),
    ("Jeudi 20 novembre 2025 (après-midi)", {}, [D(2025, 11, 20)]),
    ("le 18 (matinée) et le 19 novembre (journée)", {"year": 2025}, [D(2025, 11, 18), D(2025, 11, 19)]),
    ("du 13 (après-midi) au 15 novembre (matin)", {"year": 2024}, [(D(2024, 11, 13), D(2024, 11, 15))]),
    ("le 5 novembre en soirée", {"year": 2024}, [D(2024, 11, 5)]),
    ("le 21 matin, le 22 et le 23 novembre", {"year": 2024}, [D(2024, 11, d) for d in (21, 22, 23)]),
    ("les 12 (après-midi) et 13 novembre 2025", {}, [D(2025, 11, 12), D(2025, 11, 13)]),
]
MIXED_TIMES = [
    ("du 13 (14h) au 15 novembre (12h)", {"year": 2024}, [(T(2024, 11, 13, 14), T(2024, 11, 15, 12))]),
    ("du 4 (9h30) au 6 novembre 2024 (16h)", {}, [(T(2024, 11, 4, 9, 30), T(2024, 11, 6, 16))]),
    ("Du lundi 17 (13h30) au mercredi 19 novembre (12h30)", {"year": 2025},
     [(T(2025, 11, 17, 13, 30), T(2025, 11, 19, 12, 30))]),
    ("le 14 novembre (14h-17h) et le 15 (9h-12h)", {"year": 2024},
     [(T(2024, 11, 14, 14), T(2024, 11, 14, 17)), (T(2024, 11, 15, 9), T(2024, 11, 15, 12))]),
    ("le 14 novembre de 14h à 17h et le 15 de 9h à 12h", {"year": 2024},
     [(T(2024, 11, 14, 14), T(2024, 11, 14, 17)), (T(2024, 11, 15, 9), T(2024, 11, 15, 12))]),
    ("du 20 novembre 2025 (18h) au 21 novembre 2025 (13h)", {},
     [(T(2025, 11, 20, 18), T(2025, 11, 21, 13))]),
    ("Le 14 (après-midi, 14h-17h) et le 15 novembre", {"year": 2024},
     [(T(2024, 11, 14, 14), T(2024, 11, 14, 17)), (T(2024, 11, 15, 14), T(2024, 11, 15, 17))]),
    ("du 2 décembre 9h au 3 décembre 17h30", {"year": 2025}, [(T(2025, 12, 2, 9), T(2025, 12, 3, 17, 30))]),
    ("le 14 novembre 2024 (9h) et le 15 novembre 2024 (14h)", {},
     [(T(2024, 11, 14, 9), None), (T(2024, 11, 15, 14), None)]),
    ("15 (9h-12h30) - 16 (14h-17h) novembre 2024", {},
     [(T(2024, 11, 15, 9), T(2024, 11, 15, 12, 30)), (T(2024, 11, 16, 14), T(2024, 11, 16, 17))]),
]


@pytest.mark.parametrize(("text", "kw", "slots"), HALF_DAYS + MIXED_TIMES, ids=ids(HALF_DAYS + MIXED_TIMES))
def test_half_days_and_mixed_forms(text, kw, slots):
    when = parse_when(text, **kw)
    expected = tuple(s if isinstance(s, tuple) else (s, s) for s in slots)
    assert when is not None and when.slots == expected
    assert when.precision == ("minute" if isinstance(expected[0][0], dt.datetime) else "day")


# -- 4. month before the day, numbers in words -------------------------------------------------
MONTH_FIRST_AND_WORDS = [
    ("novembre 18 au 19", {"year": 2024}, D(2024, 11, 18), D(2024, 11, 19)),
    ("Nov. 18-19", {"year": 2024}, D(2024, 11, 18), D(2024, 11, 19)),
    ("novembre 16, 2021", {}, D(2021, 11, 16), D(2021, 11, 16)),
    ("Novembre 20 - 21, 2025", {}, D(2025, 11, 20), D(2025, 11, 21)),
    ("déc. 2 au 4", {"year": 2025}, D(2025, 12, 2), D(2025, 12, 4)),
    ("mardi novembre 18 2025", {}, D(2025, 11, 18), D(2025, 11, 18)),
    ("novembre 7", {"year": 2024}, D(2024, 11, 7), D(2024, 11, 7)),
    ("novembre 1er 2024", {}, D(2024, 11, 1), D(2024, 11, 1)),
    ("du treize au quinze juillet", {"year": 2024}, D(2024, 7, 13), D(2024, 7, 15)),
    ("le premier décembre", {"year": 2024}, D(2024, 12, 1), D(2024, 12, 1)),
    ("le vingt-deux mai", {"year": 2024}, D(2024, 5, 22), D(2024, 5, 22)),
    ("le trente et un octobre 2025", {}, D(2025, 10, 31), D(2025, 10, 31)),
    ("les dix-huit et dix-neuf novembre", {"year": 2025}, D(2025, 11, 18), D(2025, 11, 19)),
    ("le vingt et un novembre deux mille vingt-quatre", {}, D(2024, 11, 21), D(2024, 11, 21)),
    ("du premier au trois décembre 2025", {}, D(2025, 12, 1), D(2025, 12, 3)),
    ("entre le douze et le quatorze novembre 2024", {}, D(2024, 11, 12), D(2024, 11, 14)),
    ("le quatre novembre", {"year": 2024}, D(2024, 11, 4), D(2024, 11, 4)),
    ("Jeudi vingt novembre 2025", {}, D(2025, 11, 20), D(2025, 11, 20)),
    ("le seize novembre deux mille vingt et un", {}, D(2021, 11, 16), D(2021, 11, 16)),
    ("du vingt-cinq au vingt-neuf novembre 2024", {}, D(2024, 11, 25), D(2024, 11, 29)),
    ("le onze novembre 2025", {}, D(2025, 11, 11), D(2025, 11, 11)),
]


@pytest.mark.parametrize(("text", "kw", "start", "end"), MONTH_FIRST_AND_WORDS, ids=ids(MONTH_FIRST_AND_WORDS))
def test_month_first_and_number_words(text, kw, start, end):
    when = parse_when(text, **kw)
    assert when is not None and (when.start, when.end, when.precision) == (start, end, "day")
    assert when.warnings == ()


@pytest.mark.parametrize(("text", "start", "end"), [
    ("le quatorze novembre 2024 de neuf heures à midi", T(2024, 11, 14, 9), T(2024, 11, 14, 12)),
    ("le 14 novembre 2024 de quatorze heures à seize heures trente", T(2024, 11, 14, 14),
     T(2024, 11, 14, 16, 30)),
])
def test_times_in_words(text, start, end):
    when = parse_when(text)
    assert (when.start, when.end) == (start, end)


@pytest.mark.parametrize("text", ["les deux ateliers du 14 novembre 2024", "un atelier le 14 novembre 2024"])
def test_number_words_that_are_no_date_stay_words(text):
    assert parse_when(text).slots == ((D(2024, 11, 14), D(2024, 11, 14)),)


# -- 5. two-digit years: the century nearest today ---------------------------------------------
TWO_DIGIT_YEARS = [
    ("31/10/98", {"today": TODAY}, D(1998, 10, 31)),
    ("12/11/25", {"today": TODAY}, D(2025, 11, 12)),
    ("12/11/25", {}, D(2025, 11, 12)),
    ("31/10/98", {}, D(1998, 10, 31)),
    ("05.11.21", {"today": TODAY}, D(2021, 11, 5)),
    ("20.12.18", {"year": 2018}, D(2018, 12, 20)),
    ("01/01/00", {"today": TODAY}, D(2000, 1, 1)),
    ("14/07/89", {"today": TODAY}, D(1989, 7, 14)),
    ("03/11/46", {"today": TODAY}, D(2046, 11, 3)),
    ("03/11/47", {"today": TODAY}, D(1947, 11, 3)),
    ("16 nov. 21", {"today": TODAY}, D(2021, 11, 16)),
    ("mardi 18 novembre 25", {"today": TODAY}, D(2025, 11, 18)),
    ("le 4 décembre 99", {"today": TODAY}, D(1999, 12, 4)),
    ("18-11-25", {"today": TODAY}, D(2025, 11, 18)),
    ("Le 07/11/22 de 9h30 à 16h", {"today": TODAY}, T(2022, 11, 7, 9, 30)),
    ("du 02/11/20 au 30/11/20", {"today": TODAY}, D(2020, 11, 2)),
    ("31/10/98", {"today": D(2085, 1, 1)}, D(2098, 10, 31)),
    ("12/11/25", {"today": D(1990, 6, 1)}, D(1925, 11, 12)),
    ("31/10/98", {"year": 2024}, D(1998, 10, 31)),
    ("novembre 98", {"today": TODAY}, D(1998, 11, 1)),
    ("Vendredi 7 nov. 25, 10h", {"today": TODAY}, T(2025, 11, 7, 10)),
]


@pytest.mark.parametrize(("text", "kw", "start"), TWO_DIGIT_YEARS, ids=ids(TWO_DIGIT_YEARS))
def test_two_digit_years_pivot_on_today(text, kw, start):
    when = parse_when(text, **kw)
    assert when is not None and when.start == start and when.warnings == ()


# -- 6. typography ------------------------------------------------------------------------------
TYPOGRAPHY = [
    ("N O V E M B R E  2 0 2 5", D(2025, 11, 1), D(2025, 11, 30)),
    ("L E  1 8  N O V E M B R E  2 0 2 5", D(2025, 11, 18), D(2025, 11, 18)),
    ("M A R D I  1 8  N O V E M B R E  2 0 2 5", D(2025, 11, 18), D(2025, 11, 18)),
    ("le 1ᵉʳ décembre 2025", D(2025, 12, 1), D(2025, 12, 1)),
    ("le 1 er décembre 2025", D(2025, 12, 1), D(2025, 12, 1)),
    ("le 1ère journée, 1er décembre 2025", D(2025, 12, 1), D(2025, 12, 1)),
    ("le\u00a018\u00a0novembre\u00a02025", D(2025, 11, 18), D(2025, 11, 18)),
    ("le 18\u202fnovembre 2025", D(2025, 11, 18), D(2025, 11, 18)),
    ("le 18\u2009novembre\u20092025", D(2025, 11, 18), D(2025, 11, 18)),
    ("18\u200b novembre 2025", D(2025, 11, 18), D(2025, 11, 18)),
    ("du 17 au 21 novembre 2025", D(2025, 11, 17), D(2025, 11, 21)),
    ("17\u201321 novembre 2025", D(2025, 11, 17), D(2025, 11, 21)),
    ("17 \u2014 21 novembre 2025", D(2025, 11, 17), D(2025, 11, 21)),
    ("17\u221221 novembre 2025", D(2025, 11, 17), D(2025, 11, 21)),
    ("Mardi 18 Novembre 2025", D(2025, 11, 18), D(2025, 11, 18)),
    ("MARDI 18 NOVEMBRE 2025", D(2025, 11, 18), D(2025, 11, 18)),
    ("  Mardi   18\nnovembre\t2025 ", D(2025, 11, 18), D(2025, 11, 18)),
    ("« le 18 novembre 2025 »", D(2025, 11, 18), D(2025, 11, 18)),
    ("Le 18 novembre 2025\u00a0!", D(2025, 11, 18), D(2025, 11, 18)),
    ("DÉCEMBRE 2025", D(2025, 12, 1), D(2025, 12, 31)),
]


@pytest.mark.parametrize(("text", "start", "end"), TYPOGRAPHY, ids=ids(TYPOGRAPHY))
def test_typography(text, start, end):
    when = parse_when(text)
    assert when is not None and (when.start, when.end) == (start, end)


TIME_TYPOGRAPHY = [
    ("18 novembre 2025, 14:00", T(2025, 11, 18, 14), None),
    ("18 novembre 2025, 14.00", T(2025, 11, 18, 14), None),
    ("18 novembre 2025 à 14 heures", T(2025, 11, 18, 14), None),
    ("18 novembre 2025 à 14H", T(2025, 11, 18, 14), None),
    ("18 novembre 2025 de 14\u00a0h\u00a030 à 16\u00a0h", T(2025, 11, 18, 14, 30), T(2025, 11, 18, 16)),
    ("18 novembre 2025, 14h\u201316h", T(2025, 11, 18, 14), T(2025, 11, 18, 16)),
    ("18 novembre 2025, 14 h \u2014 16 h", T(2025, 11, 18, 14), T(2025, 11, 18, 16)),
    ("18 novembre 2025 de 14.00 à 16.30", T(2025, 11, 18, 14), T(2025, 11, 18, 16, 30)),
    ("18 novembre 2025 de 9 heures à 12 heures", T(2025, 11, 18, 9), T(2025, 11, 18, 12)),
    ("1ᵉʳ décembre 2025 · 9h30\u202f–\u202f12h", T(2025, 12, 1, 9, 30), T(2025, 12, 1, 12)),
    ("18 novembre 2025 à 8 heures du soir", T(2025, 11, 18, 20), None),
    ("18 novembre 2025 à 8h du matin", T(2025, 11, 18, 8), None),
    ("18 novembre 2025, 3 heures de l'après-midi", T(2025, 11, 18, 15), None),
    ("18 novembre 2025 de 2 à 5 heures de l'après-midi", T(2025, 11, 18, 14), T(2025, 11, 18, 17)),
    ("18 novembre 2025 à sept heures du soir", T(2025, 11, 18, 19), None),
]


@pytest.mark.parametrize(("text", "start", "end"), TIME_TYPOGRAPHY, ids=ids(TIME_TYPOGRAPHY))
def test_time_typography(text, start, end):
    when = parse_when(text)
    assert (when.start, when.end, when.precision) == (start, end, "minute")


# -- 7. texts holding other dates: stamps, deadlines, duplicates, out of range -----------------
OTHER_DATES = [
    ("Publié le 3 octobre 2024 – Le 14 novembre 2024 de 9h à 12h", {},
     T(2024, 11, 14, 9), ["stamp"]),
    ("Le 14 novembre de 9h à 12h. Publié le 3 octobre 2024 – mis à jour le 5 octobre 2024",
     {"year": 2024}, T(2024, 11, 14, 9), ["stamp", "stamp"]),
    ("Article du 2 octobre 2025, modifié le 4 octobre 2025 : atelier le jeudi 20 novembre 2025",
     {}, D(2025, 11, 20), ["stamp", "stamp"]),
    ("Convocation du 3 novembre 2025 pour la réunion du 18 novembre 2025 à 10h", {},
     T(2025, 11, 18, 10), ["stamp"]),
    ("Mardi 18 novembre 2025, 14h-16h (mise à jour le 10/11/2025)", {},
     T(2025, 11, 18, 14), ["stamp"]),
    ("Date de publication : 01/10/2024. Le 26 novembre 2024 à 10h", {}, T(2024, 11, 26, 10), ["stamp"]),
    ("Le 21 novembre 2024. Inscriptions avant le 15 novembre 2024", {}, D(2024, 11, 21), ["deadline"]),
    ("Inscriptions jusqu'au 12 novembre, atelier le 19 novembre de 14h à 16h", {"year": 2025},
     T(2025, 11, 19, 14), ["deadline"]),
    ("Date limite d'inscription : 10/11/2025 · Webinaire le 13/11/2025 à 11h", {},
     T(2025, 11, 13, 11), ["deadline"]),
    ("Le 5 décembre 2025 – clôture des inscriptions le 28 novembre", {}, D(2025, 12, 5), ["deadline"]),
    ("Jeudi 14 novembre 2024. Horaires : le 14/11 de 9h à 12h", {}, T(2024, 11, 14, 9), ["duplicate"]),
    ("Le 14 novembre 2024 de 9h à 12h - le 14 novembre 2024 de 9h à 12h", {},
     T(2024, 11, 14, 9), ["duplicate"]),
    ("Le 14 novembre 2024 à 10h (rediffusion du webinaire du 3 mars 2019)", {"year": 2024},
     T(2024, 11, 14, 10), ["out of range"]),
    ("le 23 novembre 2021 (initialement prévu le 16 novembre)", {}, D(2021, 11, 23), ["former date"]),
    ("Publiée le 2 octobre 2023 · Mise à jour le 8 novembre 2023 · Le 21 novembre 2023 de 10h à 12h",
     {}, T(2023, 11, 21, 10), ["stamp", "stamp"]),
    ("Posté le 4 novembre 2024 — Rendez-vous le 28 novembre 2024", {}, D(2024, 11, 28), ["stamp"]),
    ("Le 20 novembre 2025 (article actualisé le 12 novembre 2025)", {}, D(2025, 11, 20), ["stamp"]),
    ("Réservation avant le 15/11. Visite le 22/11 à 10h30", {"year": 2025}, T(2025, 11, 22, 10, 30),
     ["deadline"]),
    ("Mis en ligne le 30/09/2024 | Du 4 au 30 novembre 2024", {}, D(2024, 11, 4), ["stamp"]),
    ("Le 13 novembre 2025, 14h. Candidatures jusqu'au 31 octobre 2025", {}, T(2025, 11, 13, 14),
     ["deadline"]),
]


@pytest.mark.parametrize(("text", "kw", "start", "reasons"), OTHER_DATES, ids=ids(OTHER_DATES))
def test_other_dates_of_a_text_are_set_aside_and_said(text, kw, start, reasons):
    when = parse_when(text, **kw)
    assert when is not None and when.start == start
    assert [i.reason for i in when.ignored] == reasons
    for part in when.ignored:
        assert text[part.start:part.end] == part.text and part.text.strip() == part.text
    used = text[when.span[0]:when.span[1]]
    assert all(not (i.start < when.span[1] and when.span[0] < i.end) for i in when.ignored
               if i.reason in ("stamp", "deadline")), used


# the span runs from the first to the last word read as a date or a time (articles left out)
@pytest.mark.parametrize(("text", "span"), [
    ("Le lundi 07/11/2022 de 9h30 à 16h", "lundi 07/11/2022 de 9h30 à 16h"),
    ("Rendez-vous le 16 novembre 2021 à la préfecture", "16 novembre 2021"),
    ("Publié le 3 octobre 2024 – Le 14 novembre 2024 de 9h à 12h", "14 novembre 2024 de 9h à 12h"),
    ("  Mardi   18\nnovembre\t2025 ", "Mardi   18\nnovembre\t2025"),
    ("Atelier – le quatorze novembre 2024", "quatorze novembre 2024"),
    ("Réunion le 1 er décembre 2025 à 9h", "1 er décembre 2025 à 9h"),
    ("Le 14 novembre 2024 à 14h (heure de Paris), salle 3", "14 novembre 2024 à 14h (heure de Paris"),
    ("Du 4 au 30 novembre 2024 – inscriptions avant le 1er novembre", "4 au 30 novembre 2024"),
    ("Événement : N O V E M B R E  2 0 2 5", "N O V E M B R E  2 0 2 5"),
    ("Séance plénière – mardi 18 novembre 2025", "mardi 18 novembre 2025"),
])
def test_span_is_the_part_of_the_text_read(text, span):
    when = parse_when(text)
    assert text[when.span[0]:when.span[1]] == span


STAMPS_ONLY = [
    "Publiée le 13 novembre 2024 · Mise à jour le 25 novembre 2024",
    "Article du 3 octobre 2024, modifié le 5 octobre 2024",
    "Inscriptions avant le 10 novembre 2025",
    "Date limite : 31/10/2025",
]


@pytest.mark.parametrize("text", STAMPS_ONLY)
def test_a_text_of_stamps_only_has_no_event_date_and_says_why(text):
    outcome = read_when(text, year=2024)
    assert outcome.when is None and "stamps" in outcome.reason


# -- 8. weekdays alone need a reference ---------------------------------------------------------
WEEKDAY_ALONE = [
    ("mardi de 14h à 17h", {"ref": D(2024, 11, 18)}, T(2024, 11, 19, 14), T(2024, 11, 19, 17)),
    ("mardi de 14h à 17h", {"ref": D(2024, 11, 19)}, T(2024, 11, 19, 14), T(2024, 11, 19, 17)),
    ("mardi de 14h à 17h", {"today": TODAY}, T(2026, 12, 1, 14), T(2026, 12, 1, 17)),
    ("jeudi à 10h", {"today": TODAY}, T(2026, 11, 26, 10), None),
    ("Vendredi, 9h30-12h", {"ref": D(2025, 11, 17)}, T(2025, 11, 21, 9, 30), T(2025, 11, 21, 12)),
    ("lundi", {"ref": D(2025, 11, 17)}, D(2025, 11, 17), D(2025, 11, 17)),
    ("mercredi après-midi", {"ref": D(2025, 11, 17)}, D(2025, 11, 19), D(2025, 11, 19)),
    ("mardi et jeudi de 10h à 12h", {"ref": D(2024, 11, 18)}, T(2024, 11, 19, 10), T(2024, 11, 21, 12)),
    ("du lundi au vendredi de 9h à 17h", {"ref": D(2024, 11, 18)}, T(2024, 11, 18, 9), T(2024, 11, 22, 17)),
    ("Semaine du 18 novembre 2024 : mardi de 14h à 17h", {}, T(2024, 11, 19, 14), T(2024, 11, 19, 17)),
    ("Semaine du 17 novembre 2025 — jeudi, 10h-12h", {}, T(2025, 11, 20, 10), T(2025, 11, 20, 12)),
    ("semaine du 3 novembre : vendredi à 11h", {"year": 2025}, T(2025, 11, 7, 11), None),
    ("mardi de 14h à 17h", {"ref": D(2024, 11, 18), "today": TODAY}, T(2024, 11, 19, 14), T(2024, 11, 19, 17)),
    ("samedi matin", {"ref": D(2025, 11, 17)}, D(2025, 11, 22), D(2025, 11, 22)),
    ("dimanche, 15h", {"ref": D(2025, 11, 17)}, T(2025, 11, 23, 15), None),
    ("Mardi : 14h-15h30", {"ref": D(2026, 11, 16)}, T(2026, 11, 17, 14), T(2026, 11, 17, 15, 30)),
    ("le mercredi de 10h à 11h30", {"ref": D(2026, 11, 16)}, T(2026, 11, 18, 10), T(2026, 11, 18, 11, 30)),
    ("Jeudi, 14 h – 16 h", {"ref": D(2026, 11, 23)}, T(2026, 11, 26, 14), T(2026, 11, 26, 16)),
    ("vendredi à midi", {"today": D(2026, 11, 27)}, T(2026, 11, 27, 12), None),
    ("lundi et mardi", {"ref": D(2024, 11, 20)}, D(2024, 11, 25), D(2024, 11, 26)),
]


@pytest.mark.parametrize(("text", "kw", "start", "end"), WEEKDAY_ALONE, ids=ids(WEEKDAY_ALONE))
def test_a_weekday_alone_takes_its_day_from_the_reference(text, kw, start, end):
    when = parse_when(text, **kw)
    assert when is not None and (when.start, when.end) == (start, end)


@pytest.mark.parametrize("text", ["mardi de 14h à 17h", "jeudi à 10h", "Vendredi, 9h30-12h",
                                  "du lundi au vendredi de 9h à 17h", "samedi matin"])
def test_a_weekday_alone_without_reference_is_none_with_a_reason(text):
    outcome = read_when(text, year=2025)
    assert outcome.when is None and "weekday" in outcome.reason


def test_a_weekday_under_a_month_heading_is_not_guessed():
    assert read_when("Novembre 2024 : mardi de 14h à 17h").when is None


# -- 9. overseas clocks -------------------------------------------------------------------------
CLOCKS = [
    # in person overseas: the normaliser gives the venue's zone; times are local there
    ("Le 14 novembre 2024 de 9h à 12h", "America/Martinique",
     T(2024, 11, 14, 9, zone="America/Martinique"), T(2024, 11, 14, 12, zone="America/Martinique")),
    ("Jeudi 20 novembre 2025 à 8h30", "Indian/Reunion", T(2025, 11, 20, 8, 30, zone="Indian/Reunion"), None),
    ("le 18/11/2025, 14h-16h", "America/Cayenne",
     T(2025, 11, 18, 14, zone="America/Cayenne"), T(2025, 11, 18, 16, zone="America/Cayenne")),
    ("Mardi 4 novembre 2025 de 8h à 11h", "Indian/Mayotte",
     T(2025, 11, 4, 8, zone="Indian/Mayotte"), T(2025, 11, 4, 11, zone="Indian/Mayotte")),
    ("le 27 novembre 2025 à 17h", "Pacific/Noumea", T(2025, 11, 27, 17, zone="Pacific/Noumea"), None),
    ("le 6 novembre 2025 de 8h à 10h", "Pacific/Tahiti",
     T(2025, 11, 6, 8, zone="Pacific/Tahiti"), T(2025, 11, 6, 10, zone="Pacific/Tahiti")),
    ("le 12 novembre 2024, 9h-12h", "America/Guadeloupe",
     T(2024, 11, 12, 9, zone="America/Guadeloupe"), T(2024, 11, 12, 12, zone="America/Guadeloupe")),
    # a zone named in the text wins over the one given
    ("Le 14 novembre 2024 de 9h à 12h (heure de La Réunion)", "Europe/Paris",
     T(2024, 11, 14, 9, zone="Indian/Reunion"), T(2024, 11, 14, 12, zone="Indian/Reunion")),
    ("Webinaire le 20 novembre 2025 à 14h (heure de Paris)", "Indian/Reunion", T(2025, 11, 20, 14), None),
    ("Le 14 novembre 2024 de 9h à 12h UTC-4", "Europe/Paris", T(2024, 11, 14, 14), T(2024, 11, 14, 17)),
    ("le 25 novembre 2025 à 18h HNC", "Europe/Paris", T(2025, 11, 25, 18, zone="Pacific/Noumea"), None),
    ("le 25 novembre 2025 à 9h heure de Nouméa", "Europe/Paris",
     T(2025, 11, 25, 9, zone="Pacific/Noumea"), None),
    ("le 13 novembre 2025 à 10h (heure des Antilles)", "Europe/Paris",
     T(2025, 11, 13, 10, zone="America/Martinique"), None),
    ("le 13 novembre 2025 à 10h heure de Guyane", "Europe/Paris",
     T(2025, 11, 13, 10, zone="America/Cayenne"), None),
    ("le 13 novembre 2025 à 15h (GMT+1)", "America/Martinique",
     T(2025, 11, 13, 10, zone="America/Martinique"), None),
    ("le 13 novembre 2025 à 15h heure locale", "Indian/Reunion", T(2025, 11, 13, 15, zone="Indian/Reunion"), None),
    # both clocks given, and they agree
    ("Le 14 novembre 2024 à 14h heure de Paris / 17h heure de La Réunion", "Europe/Paris",
     T(2024, 11, 14, 14), None),
    ("Le 14 novembre 2024 à 14h heure de Paris / 17h heure de La Réunion", "Indian/Reunion",
     T(2024, 11, 14, 17, zone="Indian/Reunion"), None),
    ("le 20 novembre 2025 de 15h à 16h (10h à 11h en Martinique)", "Europe/Paris",
     T(2025, 11, 20, 15), T(2025, 11, 20, 16)),
    ("le 20 novembre 2025, 9h Guadeloupe / 14h Paris", "America/Guadeloupe",
     T(2025, 11, 20, 9, zone="America/Guadeloupe"), None),
    ("le 20 novembre 2025 à 7h heure de Tahiti (18h heure de Paris)", "Europe/Paris",
     T(2025, 11, 20, 18), None),
]


@pytest.mark.parametrize(("text", "tz", "start", "end"), CLOCKS, ids=ids(CLOCKS))
def test_clocks(text, tz, start, end):
    when = parse_when(text, tz=tz)
    assert when is not None and (when.start, when.end) == (start, end)
    assert when.start.utcoffset() == start.utcoffset()
    assert when.zone == start.tzinfo.key
    assert when.warnings == ()


@pytest.mark.parametrize(("text", "tz", "kept"), [
    ("Le 14 novembre 2024 à 14h heure de Paris / 18h heure de La Réunion", "Europe/Paris", T(2024, 11, 14, 14)),
    ("le 20 novembre 2025 à 9h heure de Martinique (15h heure de Paris)", "America/Martinique",
     T(2025, 11, 20, 9, zone="America/Martinique")),
    ("le 20 novembre 2025 de 15h à 16h (11h à 12h en Martinique)", "Europe/Paris", T(2025, 11, 20, 15)),
])
def test_clocks_that_disagree_keep_the_given_zone_and_warn(text, tz, kept):
    when = parse_when(text, tz=tz)
    assert when.start == kept
    assert len(when.warnings) == 1 and "clocks disagree" in when.warnings[0]


def test_dates_without_times_have_no_clock_to_shift():
    when = parse_when("le 14 novembre 2024", tz="Pacific/Noumea")
    assert (when.start, when.all_day) == (D(2024, 11, 14), True)


def test_ignored_parts_are_plain_values():
    when = parse_when("Publié le 3 octobre 2024 – Le 14 novembre 2024")
    assert when.ignored == (Ignored(0, 24, "Publié le 3 octobre 2024", "stamp"),)
