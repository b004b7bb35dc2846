"""parsers.dates.parse_when / parse_stamps: tables of real-world French date texts by kind."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from parsers.dates import Stamps, When, parse_stamps, parse_when

PARIS = ZoneInfo("Europe/Paris")
D = dt.date
TODAY = D(2026, 11, 26)  # a Thursday


def T(y, mo, d, h=0, mi=0, zone=PARIS):
    return dt.datetime(y, mo, d, h, mi, tzinfo=zone)


def ids(table):
    return [row[0][:60] for row in table]


def _check(when: When | None, start, end, all_day):
    assert when is not None
    assert (when.start, when.end, when.all_day) == (start, end, all_day)
    for value in (when.start, when.end):
        if isinstance(value, dt.datetime):
            assert value.tzinfo is not None
            assert value.utcoffset() == value.astimezone(PARIS).utcoffset()


# -- every when form quoted in /work/shared/reference/ditp-site.md ------------------------
DITP_SITE = [
    ("Le lundi 07/11 de 9h30 à 16h", {"year": 2022}, ((T(2022, 11, 7, 9, 30), T(2022, 11, 7, 16)),)),
    ("Le jeudi 03/11 de 16h15 à 18h15", {"year": 2022},
     ((T(2022, 11, 3, 16, 15), T(2022, 11, 3, 18, 15)),)),
    ("le 20 novembre 2017 de 9h à 17h", {}, ((T(2017, 11, 20, 9), T(2017, 11, 20, 17)),)),
    ("Vendredi 24 novembre 2017 à 08:45", {}, ((T(2017, 11, 24, 8, 45), None),)),
    ("les 19 et 20 novembre 2016", {}, ((D(2016, 11, 19),) * 2, (D(2016, 11, 20),) * 2)),
    ("Le 25 et le 26 novembre", {"year": 2019}, ((D(2019, 11, 25),) * 2, (D(2019, 11, 26),) * 2)),
    ("du 4 au 30 novembre 2024", {}, ((D(2024, 11, 4), D(2024, 11, 30)),)),
    ("[Du 02/11 au 30/11]", {"year": 2023}, ((D(2023, 11, 2), D(2023, 11, 30)),)),
    ("20.12.18", {}, ((D(2018, 12, 20),) * 2,)),
    # slot lines alone carry no date; with the day line they read as slots of that day
    ("Le 3 novembre 10h-10h40", {"year": 2022}, ((T(2022, 11, 3, 10), T(2022, 11, 3, 10, 40)),)),
    ("Le 3 novembre. Horaires : de 16h à 18h", {"year": 2022},
     ((T(2022, 11, 3, 16), T(2022, 11, 3, 18)),)),
]


@pytest.mark.parametrize(("text", "kw", "slots"), DITP_SITE, ids=ids(DITP_SITE))
def test_ditp_site_forms(text, kw, slots):
    when = parse_when(text, **kw)
    assert when is not None and when.slots == slots and when.warnings == ()


# -- single days, all day ------------------------------------------------------------------
SINGLE_DAYS = [
    ("16 novembre 2021", {}, D(2021, 11, 16)),
    ("le 16 novembre 2021", {}, D(2021, 11, 16)),
    ("Le 16 Novembre 2021", {}, D(2021, 11, 16)),
    ("LE 16 NOVEMBRE 2021", {}, D(2021, 11, 16)),
    ("mardi 16 novembre 2021", {}, D(2021, 11, 16)),
    ("Mardi 16 novembre 2021", {}, D(2021, 11, 16)),
    ("mardi, 16 novembre 2021", {}, D(2021, 11, 16)),
    ("le mardi 16 novembre 2021", {}, D(2021, 11, 16)),
    ("1er novembre 2021", {}, D(2021, 11, 1)),
    ("le 1er décembre 2022", {}, D(2022, 12, 1)),
    ("1ᵉʳ décembre 2022", {}, D(2022, 12, 1)),
    ("le 2 nov. 2021", {}, D(2021, 11, 2)),
    ("16 nov 2021", {}, D(2021, 11, 16)),
    ("16 déc. 2021", {}, D(2021, 12, 16)),
    ("16 dec 2021", {}, D(2021, 12, 16)),
    ("16 decembre 2021", {}, D(2021, 12, 16)),
    ("28 sept. 2021", {}, D(2021, 9, 28)),
    ("28 sept 2021", {}, D(2021, 9, 28)),
    ("28 septembre 2021", {}, D(2021, 9, 28)),
    ("12 oct. 2015", {}, D(2015, 10, 12)),
    ("3 janv. 2022", {}, D(2022, 1, 3)),
    ("3 janvier 2022", {}, D(2022, 1, 3)),
    ("14 févr. 2022", {}, D(2022, 2, 14)),
    ("14 fevrier 2022", {}, D(2022, 2, 14)),
    ("8 mars 2022", {}, D(2022, 3, 8)),
    ("5 avr. 2022", {}, D(2022, 4, 5)),
    ("5 avril 2022", {}, D(2022, 4, 5)),
    ("9 mai 2022", {}, D(2022, 5, 9)),
    ("21 juin 2022", {}, D(2022, 6, 21)),
    ("14 juil. 2022", {}, D(2022, 7, 14)),
    ("14 juillet 2022", {}, D(2022, 7, 14)),
    ("15 août 2022", {}, D(2022, 8, 15)),
    ("15 aout 2022", {}, D(2022, 8, 15)),
    ("16novembre 2021", {}, D(2021, 11, 16)),
    ("le 18 novembre", {"year": 2021}, D(2021, 11, 18)),
    ("jeudi 18 novembre", {"year": 2021}, D(2021, 11, 18)),
    ("Le 25 novembre", {"year": 2019}, D(2019, 11, 25)),
    ("le 29 février 2024", {}, D(2024, 2, 29)),
    ("lun. 7 nov. 2022", {}, D(2022, 11, 7)),
    ("mar. 16 nov. 2021", {}, D(2021, 11, 16)),
    ("ven. 24 nov. 2017", {}, D(2017, 11, 24)),
    ("Date : 16 novembre 2021", {}, D(2021, 11, 16)),
    ("Rendez-vous le 16 novembre 2021 à la préfecture", {}, D(2021, 11, 16)),
    ("Édition 2021 — le 18 novembre", {}, D(2021, 11, 18)),
    ("  16   novembre\u00a02021  ", {}, D(2021, 11, 16)),
    ("16-nov-2021", {}, D(2021, 11, 16)),
    ("16 nov. 21", {}, D(2021, 11, 16)),
    ("mardi 16 novembre 21", {}, D(2021, 11, 16)),
    ("16nov2021", {}, D(2021, 11, 16)),
    ("mardi16novembre2021", {}, D(2021, 11, 16)),
    ("novembre 16, 2021", {}, D(2021, 11, 16)),
    ("16 novembre, 2021", {}, D(2021, 11, 16)),
    ("le 16 novembre de l'an 2021", {}, D(2021, 11, 16)),
    ("Le 16 novembre 2021 toute la journée", {}, D(2021, 11, 16)),
]


@pytest.mark.parametrize(("text", "kw", "day"), SINGLE_DAYS, ids=ids(SINGLE_DAYS))
def test_single_day(text, kw, day):
    when = parse_when(text, **kw)
    _check(when, day, day, True)
    assert when.slots == ((day, day),)
    assert when.warnings == ()


# -- numeric forms -------------------------------------------------------------------------
NUMERIC = [
    ("16/11/2021", {}, D(2021, 11, 16)),
    ("16/11/21", {}, D(2021, 11, 16)),
    ("1/11/2021", {}, D(2021, 11, 1)),
    ("16/11", {"year": 2021}, D(2021, 11, 16)),
    ("le 07/11", {"year": 2022}, D(2022, 11, 7)),
    ("Le lundi 07/11", {"year": 2022}, D(2022, 11, 7)),
    ("16.11.21", {}, D(2021, 11, 16)),
    ("16.11.2021", {}, D(2021, 11, 16)),
    ("20.12.18", {}, D(2018, 12, 20)),
    ("25.11.19", {}, D(2019, 11, 25)),
    ("25-11-2019", {}, D(2019, 11, 25)),
    ("16 11 2021", {}, D(2021, 11, 16)),
    ("2021-11-16", {}, D(2021, 11, 16)),
    ("2021/11/16", {}, D(2021, 11, 16)),
    ("Le 03/11", {"year": 2022}, D(2022, 11, 3)),
    ("mardi 16/11/2021", {}, D(2021, 11, 16)),
    ("(16/11/2021)", {}, D(2021, 11, 16)),
    ("Date: 02/11/2020", {}, D(2020, 11, 2)),
    ("31/12/2021", {}, D(2021, 12, 31)),
    ("01/01/2022", {}, D(2022, 1, 1)),
    # dotted day.month without a year; "à"/"de"/"vers"/"et" before it would make it a time
    ("Le 7.11", {"year": 2024}, D(2024, 11, 7)),
    ("le jeudi 14.11", {"year": 2024}, D(2024, 11, 14)),
]


@pytest.mark.parametrize(("text", "kw", "day"), NUMERIC, ids=ids(NUMERIC))
def test_numeric_day(text, kw, day):
    when = parse_when(text, **kw)
    _check(when, day, day, True)
    assert when.warnings == ()


# -- a day and one time --------------------------------------------------------------------
ONE_TIME = [
    ("Vendredi 24 novembre 2017 à 08:45", {}, T(2017, 11, 24, 8, 45)),
    ("16 novembre 2021 à 14h", {}, T(2021, 11, 16, 14)),
    ("16 novembre 2021 à 14h30", {}, T(2021, 11, 16, 14, 30)),
    ("16 novembre 2021 à 14 h 30", {}, T(2021, 11, 16, 14, 30)),
    ("16 novembre 2021 à 14 h", {}, T(2021, 11, 16, 14)),
    ("16 novembre 2021 à 14H30", {}, T(2021, 11, 16, 14, 30)),
    ("16 novembre 2021 à 9H30", {}, T(2021, 11, 16, 9, 30)),
    ("16 novembre 2021 à 14:30", {}, T(2021, 11, 16, 14, 30)),
    ("16 novembre 2021 à 14h00", {}, T(2021, 11, 16, 14)),
    ("16 novembre 2021 à 20 h", {}, T(2021, 11, 16, 20)),
    ("16 novembre 2021 à 14 heures", {}, T(2021, 11, 16, 14)),
    ("16 novembre 2021 à 14 heures 30", {}, T(2021, 11, 16, 14, 30)),
    ("16 novembre 2021 à 14h15min", {}, T(2021, 11, 16, 14, 15)),
    ("16 novembre 2021 à midi", {}, T(2021, 11, 16, 12)),
    ("16 novembre 2021 à midi et demi", {}, T(2021, 11, 16, 12, 30)),
    ("16 novembre 2021 à minuit", {}, T(2021, 11, 16, 0)),
    ("16 novembre 2021 à 0h", {}, T(2021, 11, 16, 0)),
    ("16 novembre 2021 à 0h30", {}, T(2021, 11, 16, 0, 30)),
    ("16 novembre 2021 à 23h59", {}, T(2021, 11, 16, 23, 59)),
    ("16 novembre 2021, 14h", {}, T(2021, 11, 16, 14)),
    ("16 novembre 2021 - 14h", {}, T(2021, 11, 16, 14)),
    ("mardi 16 nov. 2021, 14 h 30", {}, T(2021, 11, 16, 14, 30)),
    ("16/11/2021 14:30", {}, T(2021, 11, 16, 14, 30)),
    ("16/11/2021 à 14h30", {}, T(2021, 11, 16, 14, 30)),
    ("2021-11-16T14:30", {}, T(2021, 11, 16, 14, 30)),
    ("2021-11-16 14:30:00", {}, T(2021, 11, 16, 14, 30)),
    ("2021-11-16T14:30:00+01:00", {}, T(2021, 11, 16, 14, 30)),
    ("2021-11-16T13:30:00Z", {}, T(2021, 11, 16, 14, 30)),
    ("2021-06-16T12:00:00+00:00", {}, T(2021, 6, 16, 14)),
    ("le 16 novembre 2021 à partir de 14h", {}, T(2021, 11, 16, 14)),
    ("Le 18 novembre à 10h", {"year": 2021}, T(2021, 11, 18, 10)),
    ("le 16 novembre 2021 vers 14h", {}, T(2021, 11, 16, 14)),
    ("14h, le 16 novembre 2021", {}, T(2021, 11, 16, 14)),
    ("à 9h le 16 novembre 2021", {}, T(2021, 11, 16, 9)),
    ("le 16 juin 2022 à 14h", {}, T(2022, 6, 16, 14)),
    # dotted times: 00/15/30/45 minutes are never a month; other minutes after à, de, vers, et
    ("Le 14/11 à 14.30", {"year": 2024}, T(2024, 11, 14, 14, 30)),
    ("Le 14/11 à 14.10", {"year": 2024}, T(2024, 11, 14, 14, 10)),
    ("le 14/11 à 20.00", {"year": 2024}, T(2024, 11, 14, 20)),
    ("Le 14.11 à 10h", {"year": 2024}, T(2024, 11, 14, 10)),
    ("le 14 novembre 2024, vers 9.50", {}, T(2024, 11, 14, 9, 50)),
]


@pytest.mark.parametrize(("text", "kw", "start"), ONE_TIME, ids=ids(ONE_TIME))
def test_day_and_time(text, kw, start):
    when = parse_when(text, **kw)
    _check(when, start, None, False)
    assert when.slots == ((start, None),)
    assert when.warnings == ()


# -- a day and a time range ----------------------------------------------------------------
TIME_RANGES = [
    ("Le lundi 07/11 de 9h30 à 16h", {"year": 2022}, T(2022, 11, 7, 9, 30), T(2022, 11, 7, 16)),
    ("Le jeudi 03/11 de 16h15 à 18h15", {"year": 2022}, T(2022, 11, 3, 16, 15), T(2022, 11, 3, 18, 15)),
    ("mardi 16 novembre 2021 de 14h à 16h30", {}, T(2021, 11, 16, 14), T(2021, 11, 16, 16, 30)),
    ("le 20 novembre 2017 de 9h à 17h", {}, T(2017, 11, 20, 9), T(2017, 11, 20, 17)),
    ("18 novembre 2021 de 9h à 17h", {}, T(2021, 11, 18, 9), T(2021, 11, 18, 17)),
    ("16 novembre 2021, 14h-16h", {}, T(2021, 11, 16, 14), T(2021, 11, 16, 16)),
    ("16 novembre 2021, 14h – 16h", {}, T(2021, 11, 16, 14), T(2021, 11, 16, 16)),
    ("16 novembre 2021, 14h — 16h", {}, T(2021, 11, 16, 14), T(2021, 11, 16, 16)),
    ("16 novembre 2021 9h30 à 12h", {}, T(2021, 11, 16, 9, 30), T(2021, 11, 16, 12)),
    ("16 novembre 2021 de 9h30 a 12h", {}, T(2021, 11, 16, 9, 30), T(2021, 11, 16, 12)),
    ("16 novembre 2021 de 14:00 à 16:30", {}, T(2021, 11, 16, 14), T(2021, 11, 16, 16, 30)),
    ("16 novembre 2021 de 14 h 30 à 16 h", {}, T(2021, 11, 16, 14, 30), T(2021, 11, 16, 16)),
    ("16 novembre 2021 entre 14h et 16h", {}, T(2021, 11, 16, 14), T(2021, 11, 16, 16)),
    ("16 novembre 2021 de 14h jusqu'à 16h", {}, T(2021, 11, 16, 14), T(2021, 11, 16, 16)),
    ("16 novembre 2021 de midi à 14h", {}, T(2021, 11, 16, 12), T(2021, 11, 16, 14)),
    ("16 novembre 2021 de 10h à midi", {}, T(2021, 11, 16, 10), T(2021, 11, 16, 12)),
    ("16 novembre 2021 de 20h à minuit", {}, T(2021, 11, 16, 20), T(2021, 11, 17, 0)),
    ("16 novembre 2021 de 20h à 0h", {}, T(2021, 11, 16, 20), T(2021, 11, 17, 0)),
    ("16 novembre 2021 de 20h à 24h", {}, T(2021, 11, 16, 20), T(2021, 11, 17, 0)),
    ("16 novembre 2021 de 22h à 2h", {}, T(2021, 11, 16, 22), T(2021, 11, 17, 2)),
    ("16 novembre 2021 de 0h à 6h", {}, T(2021, 11, 16, 0), T(2021, 11, 16, 6)),
    ("de 9h à 17h le 16 novembre 2021", {}, T(2021, 11, 16, 9), T(2021, 11, 16, 17)),
    ("Horaires : de 16h à 18h, le 16 novembre 2021", {}, T(2021, 11, 16, 16), T(2021, 11, 16, 18)),
    ("le 16/11/2021, 10h-10h40", {}, T(2021, 11, 16, 10), T(2021, 11, 16, 10, 40)),
    ("16.11.21 de 9h à 12h", {}, T(2021, 11, 16, 9), T(2021, 11, 16, 12)),
    ("16 novembre 2021 de 14h à 16h30 (accueil café)", {}, T(2021, 11, 16, 14), T(2021, 11, 16, 16, 30)),
    ("Mardi 16 novembre 2021 | 14h00 - 16h00", {}, T(2021, 11, 16, 14), T(2021, 11, 16, 16)),
    ("Le 16 novembre à 14h-16h", {"year": 2021}, T(2021, 11, 16, 14), T(2021, 11, 16, 16)),
    ("du 16 novembre 2021 à 14h au 17 novembre 2021 à 12h", {}, T(2021, 11, 16, 14), T(2021, 11, 17, 12)),
    ("du 16 novembre 14h au 17 novembre 12h", {"year": 2021}, T(2021, 11, 16, 14), T(2021, 11, 17, 12)),
    ("jeudi 18 novembre 2021 de 9 à 12h", {}, T(2021, 11, 18, 9), T(2021, 11, 18, 12)),
    ("jeudi 18 novembre 2021, 9-12h", {}, T(2021, 11, 18, 9), T(2021, 11, 18, 12)),
    ("le 16 novembre 2021, de 14 à 16h30", {}, T(2021, 11, 16, 14), T(2021, 11, 16, 16, 30)),
    ("le quatorze novembre deux mille vingt-deux de dix heures à midi", {}, T(2022, 11, 14, 10), T(2022, 11, 14, 12)),
    ("le 16 novembre 2021 de quatorze heures trente à seize heures", {}, T(2021, 11, 16, 14, 30), T(2021, 11, 16, 16)),
    ("Le 14 novembre 2024 de 9.30 à 12.00", {}, T(2024, 11, 14, 9, 30), T(2024, 11, 14, 12)),
    ("Le 14.11 de 9.10 à 12.20", {"year": 2024}, T(2024, 11, 14, 9, 10), T(2024, 11, 14, 12, 20)),
    ("Le 14/11, 14.30-16.00", {"year": 2024}, T(2024, 11, 14, 14, 30), T(2024, 11, 14, 16)),
]


@pytest.mark.parametrize(("text", "kw", "start", "end"), TIME_RANGES, ids=ids(TIME_RANGES))
def test_time_range(text, kw, start, end):
    when = parse_when(text, **kw)
    _check(when, start, end, False)
    assert when.slots == ((start, end),)
    assert when.warnings == ()


# -- several slots -------------------------------------------------------------------------
MULTI_SLOTS = [
    ("les 19 et 20 novembre 2016 de 9h à 17h", {},
     [(T(2016, 11, 19, 9), T(2016, 11, 19, 17)), (T(2016, 11, 20, 9), T(2016, 11, 20, 17))]),
    ("les 19 et 20 novembre", {"year": 2016}, [(D(2016, 11, 19),) * 2, (D(2016, 11, 20),) * 2]),
    ("Le 25 et le 26 novembre", {"year": 2021}, [(D(2021, 11, 25),) * 2, (D(2021, 11, 26),) * 2]),
    ("le 25 et 26 novembre 2021", {}, [(D(2021, 11, 25),) * 2, (D(2021, 11, 26),) * 2]),
    ("les 16, 18 et 23 novembre 2021", {},
     [(D(2021, 11, 16),) * 2, (D(2021, 11, 18),) * 2, (D(2021, 11, 23),) * 2]),
    ("Jeudi 3 novembre, 9h30-12h et 14h-17h", {"year": 2022},
     [(T(2022, 11, 3, 9, 30), T(2022, 11, 3, 12)), (T(2022, 11, 3, 14), T(2022, 11, 3, 17))]),
    ("Jeudi 3 novembre 2022. Matin : 9h30-12h ; après-midi : 14h-17h", {},
     [(T(2022, 11, 3, 9, 30), T(2022, 11, 3, 12)), (T(2022, 11, 3, 14), T(2022, 11, 3, 17))]),
    ("Matin : 9h30-12h ; après-midi : 14h-17h, le 3 novembre", {"year": 2022},
     [(T(2022, 11, 3, 9, 30), T(2022, 11, 3, 12)), (T(2022, 11, 3, 14), T(2022, 11, 3, 17))]),
    ("le 16 novembre 2021 de 9h30 à 12h et de 14h à 17h", {},
     [(T(2021, 11, 16, 9, 30), T(2021, 11, 16, 12)), (T(2021, 11, 16, 14), T(2021, 11, 16, 17))]),
    ("le 16 novembre 2021 de 9h à 12h et le 18 novembre 2021 de 14h à 17h", {},
     [(T(2021, 11, 16, 9), T(2021, 11, 16, 12)), (T(2021, 11, 18, 14), T(2021, 11, 18, 17))]),
    ("le 16 novembre à 10h et le 18 novembre à 15h", {"year": 2021},
     [(T(2021, 11, 16, 10), None), (T(2021, 11, 18, 15), None)]),
    ("16 novembre 2021 : 10h, 14h et 16h", {},
     [(T(2021, 11, 16, 10), None), (T(2021, 11, 16, 14), None), (T(2021, 11, 16, 16), None)]),
    ("du 2 au 4 novembre 2021 de 9h à 17h", {},
     [(T(2021, 11, d, 9), T(2021, 11, d, 17)) for d in (2, 3, 4)]),
    ("de 9h à 17h du 2 au 4 novembre 2021", {},
     [(T(2021, 11, d, 9), T(2021, 11, d, 17)) for d in (2, 3, 4)]),
    ("Les 16 et 17 novembre, 10h-10h40", {"year": 2021},
     [(T(2021, 11, d, 10), T(2021, 11, d, 10, 40)) for d in (16, 17)]),
    ("16/11/2021 et 18/11/2021", {}, [(D(2021, 11, 16),) * 2, (D(2021, 11, 18),) * 2]),
    ("les 30 novembre et 1er décembre 2021", {}, [(D(2021, 11, 30),) * 2, (D(2021, 12, 1),) * 2]),
    ("le 16 et le 17 novembre 2021 à 14h", {},
     [(T(2021, 11, 16, 14), None), (T(2021, 11, 17, 14), None)]),
    ("du 2 au 4 novembre et le 10 novembre 2021", {},
     [(D(2021, 11, 2), D(2021, 11, 4)), (D(2021, 11, 10),) * 2]),
    ("entre le 16 et le 18 novembre 2021, entre 14h et 16h", {},
     [(T(2021, 11, d, 14), T(2021, 11, d, 16)) for d in (16, 17, 18)]),
    ("tous les jeudis de novembre 2021", {}, [(D(2021, 11, d),) * 2 for d in (4, 11, 18, 25)]),
    ("Tous les mardis du 2 au 30 novembre, de 14h à 16h", {"year": 2021},
     [(T(2021, 11, d, 14), T(2021, 11, d, 16)) for d in (2, 9, 16, 23, 30)]),
    ("chaque lundi de novembre 2021 à 10h", {},
     [(T(2021, 11, d, 10), None) for d in (1, 8, 15, 22, 29)]),
]


@pytest.mark.parametrize(("text", "kw", "slots"), MULTI_SLOTS, ids=ids(MULTI_SLOTS))
def test_several_slots(text, kw, slots):
    when = parse_when(text, **kw)
    assert when is not None
    assert when.slots == tuple(slots)
    assert when.start == slots[0][0]
    ends = [e for _, e in slots if e is not None]
    assert when.end == (ends[-1] if ends else slots[-1][0])
    assert when.all_day is not isinstance(slots[0][0], dt.datetime)
    assert when.warnings == ()


# -- date ranges, all day ------------------------------------------------------------------
DATE_RANGES = [
    ("du 2 au 30 novembre 2021", {}, D(2021, 11, 2), D(2021, 11, 30)),
    ("du 14.11 au 16.11", {"year": 2024}, D(2024, 11, 14), D(2024, 11, 16)),
    ("Du 2 au 30 novembre 2021", {}, D(2021, 11, 2), D(2021, 11, 30)),
    ("du 4 au 30 novembre 2024", {}, D(2024, 11, 4), D(2024, 11, 30)),
    ("du 29 novembre au 3 décembre", {"year": 2021}, D(2021, 11, 29), D(2021, 12, 3)),
    ("du 29 novembre au 3 décembre 2021", {}, D(2021, 11, 29), D(2021, 12, 3)),
    ("du 15/11/2021 au 21/11/2021", {}, D(2021, 11, 15), D(2021, 11, 21)),
    ("Du lundi 15 au dimanche 21 novembre 2021", {}, D(2021, 11, 15), D(2021, 11, 21)),
    ("[Du 02/11 au 30/11]", {"year": 2022}, D(2022, 11, 2), D(2022, 11, 30)),
    ("Du 02/11 au 30/11", {"year": 2020}, D(2020, 11, 2), D(2020, 11, 30)),
    ("du 28 décembre au 3 janvier 2022", {}, D(2021, 12, 28), D(2022, 1, 3)),
    ("du 28 décembre 2021 au 3 janvier", {}, D(2021, 12, 28), D(2022, 1, 3)),
    ("du 28 décembre au 3 janvier", {"year": 2021}, D(2021, 12, 28), D(2022, 1, 3)),
    ("du 28/12 au 03/01/2022", {}, D(2021, 12, 28), D(2022, 1, 3)),
    ("16-17 novembre 2021", {}, D(2021, 11, 16), D(2021, 11, 17)),
    ("16 - 17 novembre 2021", {}, D(2021, 11, 16), D(2021, 11, 17)),
    ("16/11-18/11", {"year": 2021}, D(2021, 11, 16), D(2021, 11, 18)),
    ("entre le 16 et le 18 novembre 2021", {}, D(2021, 11, 16), D(2021, 11, 18)),
    ("du 2 jusqu'au 30 novembre 2021", {}, D(2021, 11, 2), D(2021, 11, 30)),
    ("à partir du 16 novembre jusqu'au 20 novembre 2021", {}, D(2021, 11, 16), D(2021, 11, 20)),
    ("du 12 au 18 octobre 2015", {}, D(2015, 10, 12), D(2015, 10, 18)),
    ("Du 14 au 20 novembre 2016", {}, D(2016, 11, 14), D(2016, 11, 20)),
    ("du 20 au 26 novembre 2017", {}, D(2017, 11, 20), D(2017, 11, 26)),
    ("du lundi 19 au dimanche 25 novembre 2018", {}, D(2018, 11, 19), D(2018, 11, 25)),
    ("du 25 au 30 novembre 2019", {}, D(2019, 11, 25), D(2019, 11, 30)),
    ("du 2 au 30 novembre", {"year": 2023}, D(2023, 11, 2), D(2023, 11, 30)),
    ("Semaine du 14 au 20 novembre 2016", {}, D(2016, 11, 14), D(2016, 11, 20)),
    ("2 - 30 nov. 2022", {}, D(2022, 11, 2), D(2022, 11, 30)),
    ("du 1er au 30 novembre 2022", {}, D(2022, 11, 1), D(2022, 11, 30)),
    ("du 30 novembre au 2 décembre 2021 inclus", {}, D(2021, 11, 30), D(2021, 12, 2)),
    ("du 16 novembre au 18", {"year": 2021}, D(2021, 11, 16), D(2021, 11, 18)),
    ("2021-11-02 - 2021-11-30", {}, D(2021, 11, 2), D(2021, 11, 30)),
]


@pytest.mark.parametrize(("text", "kw", "start", "end"), DATE_RANGES, ids=ids(DATE_RANGES))
def test_date_range(text, kw, start, end):
    when = parse_when(text, **kw)
    _check(when, start, end, True)
    assert when.slots == ((start, end),)
    assert when.warnings == ()


# -- whole months --------------------------------------------------------------------------
MONTHS = [
    ("novembre 2021", {}, D(2021, 11, 1), D(2021, 11, 30)),
    ("Novembre 2020", {}, D(2020, 11, 1), D(2020, 11, 30)),
    ("en novembre 2021", {}, D(2021, 11, 1), D(2021, 11, 30)),
    ("tout le mois de novembre", {"year": 2021}, D(2021, 11, 1), D(2021, 11, 30)),
    ("Tout le mois de novembre 2022", {}, D(2022, 11, 1), D(2022, 11, 30)),
    ("durant le mois de novembre", {"year": 2023}, D(2023, 11, 1), D(2023, 11, 30)),
    ("février 2024", {}, D(2024, 2, 1), D(2024, 2, 29)),
    ("février 2023", {}, D(2023, 2, 1), D(2023, 2, 28)),
    ("de novembre 2021 à janvier 2022", {}, D(2021, 11, 1), D(2022, 1, 31)),
    ("décembre 2021", {}, D(2021, 12, 1), D(2021, 12, 31)),
]


@pytest.mark.parametrize(("text", "kw", "start", "end"), MONTHS, ids=ids(MONTHS))
def test_month(text, kw, start, end):
    _check(parse_when(text, **kw), start, end, True)


# -- open bounds ---------------------------------------------------------------------------
OPEN_BOUNDS = [
    ("à partir du 16 novembre", {"year": 2021}, D(2021, 11, 16), None),
    ("A partir du 16 novembre 2021", {}, D(2021, 11, 16), None),
    ("dès le 16 novembre 2021", {}, D(2021, 11, 16), None),
    ("depuis le 2 novembre 2021", {}, D(2021, 11, 2), None),
    ("à partir du 16 novembre 2021 à 14h", {}, T(2021, 11, 16, 14), None),
    ("jusqu'au 30 novembre", {"year": 2021}, None, D(2021, 11, 30)),
    ("Jusqu’au 30 novembre 2021", {}, None, D(2021, 11, 30)),
    ("jusqu'au 1er décembre 2021", {}, None, D(2021, 12, 1)),
    ("jusqu'au 30/11/2021 à 18h", {}, None, T(2021, 11, 30, 18)),
]


@pytest.mark.parametrize(("text", "kw", "start", "end"), OPEN_BOUNDS, ids=ids(OPEN_BOUNDS))
def test_open_bound(text, kw, start, end):
    when = parse_when(text, **kw)
    _check(when, start, end, not isinstance(start or end, dt.datetime))
    assert when.slots == ((start, end),)


# -- year inference and weekdays -----------------------------------------------------------
YEARS = [
    ("mardi 16 novembre", {"years": (2020, 2021, 2022)}, D(2021, 11, 16)),
    ("lundi 7 novembre", {"years": (2021, 2022, 2023)}, D(2022, 11, 7)),
    ("Le lundi 07/11", {"years": range(2017, 2027)}, D(2022, 11, 7)),
    ("samedi 25 novembre", {"years": (2017, 2018, 2019)}, D(2017, 11, 25)),
    ("16 novembre", {"years": (2021,)}, D(2021, 11, 16)),
    ("mardi 16 novembre", {"year": 2021, "years": (2020, 2022)}, D(2021, 11, 16)),
    ("le 16 novembre", {"today": TODAY}, D(2026, 11, 16)),
    ("le 3 janvier", {"today": TODAY}, D(2027, 1, 3)),
    ("le 3 mars", {"today": TODAY}, D(2027, 3, 3)),
    ("le 3 juin", {"today": TODAY}, D(2026, 6, 3)),
    ("le 16 novembre", {"year": 2021, "today": TODAY}, D(2021, 11, 16)),
    ("le 16 novembre 2021", {"year": 2024}, D(2021, 11, 16)),
    ("le 16 novembre (Mois de l'innovation publique 2021)", {}, D(2021, 11, 16)),
    ("Édition 2021 : le 16 novembre", {"year": 2022}, D(2021, 11, 16)),
    ("du lundi 15 au dimanche 21 novembre", {"years": (2020, 2021, 2022)}, D(2021, 11, 15)),
]


@pytest.mark.parametrize(("text", "kw", "day"), YEARS, ids=ids(YEARS))
def test_year_inference(text, kw, day):
    when = parse_when(text, **kw)
    assert when is not None
    assert when.start == day
    assert when.warnings == ()


WEEKDAY_MISMATCH = [
    ("mardi 17 novembre 2021", {}, D(2021, 11, 17), "mercredi"),
    ("lundi 16 novembre 2021", {}, D(2021, 11, 16), "mardi"),
    ("Le lundi 07/11", {"year": 2021}, D(2021, 11, 7), "dimanche"),
    ("jeudi 3 novembre", {"year": 2021}, D(2021, 11, 3), "mercredi"),
    ("vendredi 24 novembre 2018 à 8h45", {}, T(2018, 11, 24, 8, 45), "samedi"),
    ("du lundi 16 au dimanche 21 novembre 2021", {}, D(2021, 11, 16), "mardi"),
]


@pytest.mark.parametrize(("text", "kw", "start", "actual"), WEEKDAY_MISMATCH,
                         ids=ids(WEEKDAY_MISMATCH))
def test_weekday_mismatch_keeps_date_and_warns(text, kw, start, actual):
    when = parse_when(text, **kw)
    assert when is not None and when.start == start
    assert len(when.warnings) == 1
    assert "weekday mismatch" in when.warnings[0] and actual in when.warnings[0]


# -- relative words need today -------------------------------------------------------------
RELATIVE = [
    ("aujourd'hui", D(2026, 11, 26)),
    ("Aujourd’hui à 14h", T(2026, 11, 26, 14)),
    ("demain", D(2026, 11, 27)),
    ("demain à 9h30", T(2026, 11, 27, 9, 30)),
    ("après-demain", D(2026, 11, 28)),
    ("hier", D(2026, 11, 25)),
    ("avant-hier", D(2026, 11, 24)),
    ("lundi prochain", D(2026, 11, 30)),
    ("jeudi prochain", D(2026, 12, 3)),
    ("vendredi prochain", D(2026, 11, 27)),
    ("mardi dernier", D(2026, 11, 24)),
    ("jeudi dernier", D(2026, 11, 19)),
    ("ce vendredi", D(2026, 11, 27)),
    ("le 28 septembre dernier", D(2026, 9, 28)),
    ("le 28 décembre dernier", D(2025, 12, 28)),
    ("le 3 décembre prochain", D(2026, 12, 3)),
    ("le 3 novembre prochain", D(2027, 11, 3)),
    ("ce soir à 19h", T(2026, 11, 26, 19)),
    ("cet après-midi de 14h à 16h", T(2026, 11, 26, 14)),
    ("demain matin à 9h", T(2026, 11, 27, 9)),
]


@pytest.mark.parametrize(("text", "start"), RELATIVE, ids=[r[0] for r in RELATIVE])
def test_relative_with_today(text, start):
    when = parse_when(text, today=TODAY)
    assert when is not None and when.start == start
    assert parse_when(text) is None  # no today: no guess


def test_dated_relative_without_today_uses_the_year_context():
    assert parse_when("le 16 novembre prochain", year=2021).start == D(2021, 11, 16)
    assert parse_when("le 16 novembre prochain") is None


CHANGES = [
    ("le 16 novembre 2021 (reporté au 23 novembre 2021)", D(2021, 11, 23), "rescheduled"),
    ("Le 23 novembre 2021 à 14h (initialement prévu le 16 novembre à 10h)",
     T(2021, 11, 23, 14), "former date"),
    ("le 23 novembre 2021 au lieu du 16 novembre", D(2021, 11, 23), "former date"),
    ("Le 16 novembre 2021 - Nouvelle date : 30 novembre 2021", D(2021, 11, 30), "rescheduled"),
]


@pytest.mark.parametrize(("text", "start", "why"), CHANGES, ids=ids(CHANGES))
def test_rescheduled_dates_keep_the_new_one(text, start, why):
    when = parse_when(text)
    assert when.start == start and len(when.slots) == 1
    assert why in when.warnings[0]


@pytest.mark.parametrize("text", [
    "Lieu : préfecture, le 16 novembre 2021",
    "Le 16 novembre 2021 en Nouvelle-Aquitaine",
])
def test_words_near_change_markers_do_not_drop_dates(text):
    assert parse_when(text).start == D(2021, 11, 16)


def test_today_may_be_an_aware_datetime():
    late = dt.datetime(2026, 11, 26, 23, 30, tzinfo=dt.UTC)  # already the 27th in Paris
    assert parse_when("demain", today=late).start == D(2026, 11, 28)


# -- forms seen on préfecture and collectivité pages: start, end, number of slots -----------
REAL_WORLD = [
    ("Mardi 16 novembre 2021 - 9h30/12h30", {}, T(2021, 11, 16, 9, 30), T(2021, 11, 16, 12, 30), 1),
    ("9h-12h / 14h-17h le 16 novembre 2021", {}, T(2021, 11, 16, 9), T(2021, 11, 16, 17), 2),
    ("24h/24 et 7j/7, le 16 novembre 2021", {}, D(2021, 11, 16), D(2021, 11, 16), 1),
    ("16 novembre → 18 novembre 2021", {}, D(2021, 11, 16), D(2021, 11, 18), 1),
    ("de 9h à 12h et de 14h à 17h, les 16 et 17 novembre 2021", {},
     T(2021, 11, 16, 9), T(2021, 11, 17, 17), 4),
    ("Date : jeudi 18 novembre 2021 Heure : 14h00 - 17h00", {},
     T(2021, 11, 18, 14), T(2021, 11, 18, 17), 1),
    ("Session 1 : 16 novembre 2021 ; Session 2 : 18 novembre 2021", {},
     D(2021, 11, 16), D(2021, 11, 18), 2),
    ("le 16 novembre 2021 de 9h à 12h puis de 14h à 17h", {},
     T(2021, 11, 16, 9), T(2021, 11, 16, 17), 2),
    ("Lundi 15 novembre au vendredi 19 novembre 2021", {}, D(2021, 11, 15), D(2021, 11, 19), 1),
    ("16 et 17/11/2021", {}, D(2021, 11, 16), D(2021, 11, 17), 2),
    ("16 nov. 2021 • 10h - 12h", {}, T(2021, 11, 16, 10), T(2021, 11, 16, 12), 1),
    ("Jeudi 18 novembre 2021 – 14h00 > 16h00", {}, T(2021, 11, 18, 14), T(2021, 11, 18, 16), 1),
    ("le 16 novembre 2021 à 9h et à 14h", {}, T(2021, 11, 16, 9), T(2021, 11, 16, 14), 2),
    ("Le 18 novembre à 14h00 (GMT+1)", {"year": 2021}, T(2021, 11, 18, 14), None, 1),
    ("le 16 novembre et le 18", {"year": 2021}, D(2021, 11, 16), D(2021, 11, 18), 2),
    ("le 16 novembre 2021 et 3 ateliers", {}, D(2021, 11, 16), D(2021, 11, 16), 1),
    ("Mercredi 17 novembre 2021 – 14h00-16h00", {}, T(2021, 11, 17, 14), T(2021, 11, 17, 16), 1),
    ("Le 16/11/2021 de 9h à 12h et le 17/11/2021 de 14h à 17h", {},
     T(2021, 11, 16, 9), T(2021, 11, 17, 17), 2),
    ("Du 15 au 19 novembre 2021, de 9h à 17h", {}, T(2021, 11, 15, 9), T(2021, 11, 19, 17), 5),
    ("MARDI 16 NOVEMBRE 2021 - 14H00 À 16H00", {}, T(2021, 11, 16, 14), T(2021, 11, 16, 16), 1),
    ("Le 16 novembre de 9h à 17h à Paris", {"year": 2021}, T(2021, 11, 16, 9), T(2021, 11, 16, 17), 1),
    ("Du 16/11/2021 09:00 au 18/11/2021 17:00", {}, T(2021, 11, 16, 9), T(2021, 11, 18, 17), 1),
    ("lundi 15, mardi 16 et mercredi 17 novembre 2021", {}, D(2021, 11, 15), D(2021, 11, 17), 3),
    ("Les 16 & 17 novembre 2021", {}, D(2021, 11, 16), D(2021, 11, 17), 2),
    ("16 au 18 novembre 2021", {}, D(2021, 11, 16), D(2021, 11, 18), 1),
    ("16-18 nov. 2021", {}, D(2021, 11, 16), D(2021, 11, 18), 1),
    ("Mardi 16 novembre 2021 à 14h30 au 3 rue Martenot", {}, T(2021, 11, 16, 14, 30), None, 1),
    ("Le 16 novembre 2021 à 14h30 et le 17 à 10h", {}, T(2021, 11, 16, 14, 30),
     T(2021, 11, 17, 10), 2),
    ("du 2/11 au 30/11/2021", {}, D(2021, 11, 2), D(2021, 11, 30), 1),
    ("Le 16 novembre 2021 à 14h, 12 rue de la Paix, 75002 Paris", {}, T(2021, 11, 16, 14), None, 1),
    ("Semaine de l'innovation publique du 19 au 25 novembre 2018", {},
     D(2018, 11, 19), D(2018, 11, 25), 1),
    ("du lundi au vendredi 19 novembre 2021", {}, D(2021, 11, 15), D(2021, 11, 19), 1),
    ("Du mardi au jeudi 18 novembre, de 9h à 17h", {"year": 2021},
     T(2021, 11, 16, 9), T(2021, 11, 18, 17), 3),
    ("lundi - vendredi 19/11/2021", {}, D(2021, 11, 15), D(2021, 11, 19), 1),
    ("du lundi au vendredi, du 2 au 30 novembre 2021", {}, D(2021, 11, 2), D(2021, 11, 30), 5),  # a slot per week
    ("jeudi 18 novembre 2021 de 9h30 à 12h30 et de 13h30 à 16h30", {},
     T(2021, 11, 18, 9, 30), T(2021, 11, 18, 16, 30), 2),
    ("18/11/2021 de 14h00 à 16h00 (UTC+1)", {}, T(2021, 11, 18, 14), T(2021, 11, 18, 16), 1),
    ("2021-11-18T13:30:00.000Z", {}, T(2021, 11, 18, 14, 30), None, 1),
    ("A partir du 2 novembre et jusqu'au 30 novembre 2021", {}, D(2021, 11, 2), D(2021, 11, 30), 1),
    ("Novembre 2021 – Janvier 2022", {}, D(2021, 11, 1), D(2022, 1, 31), 1),
    ("tout au long du mois de novembre 2021", {}, D(2021, 11, 1), D(2021, 11, 30), 1),
    ("Semaine du 15 novembre 2021", {}, D(2021, 11, 15), D(2021, 11, 21), 1),
    ("la semaine du lundi 22 novembre", {"year": 2021}, D(2021, 11, 22), D(2021, 11, 28), 1),
]


@pytest.mark.parametrize(("text", "kw", "start", "end", "count"), REAL_WORLD, ids=ids(REAL_WORLD))
def test_real_world_forms(text, kw, start, end, count):
    when = parse_when(text, **kw)
    assert when is not None
    assert (when.start, when.end, len(when.slots)) == (start, end, count)
    assert when.warnings == ()


ASIDES = [
    ("18 novembre 2021 à 14h (durée : 2h)", T(2021, 11, 18, 14), None, "duration"),
    ("le 16 novembre 2021, 14h - 15h30 (1h30)", T(2021, 11, 16, 14), T(2021, 11, 16, 15, 30),
     "duration"),
    ("Le 16 novembre 2021 à 18h30 (ouverture des portes à 18h)", T(2021, 11, 16, 18, 30), None,
     "brackets"),
    ("Jeudi 18 novembre 2021 de 14h à 17h (accueil à partir de 13h30)", T(2021, 11, 18, 14),
     T(2021, 11, 18, 17), "brackets"),
    ("le 16 novembre 2021, pendant 3h", D(2021, 11, 16), D(2021, 11, 16), "duration"),
    ("Le 16 novembre 2021 à 14h – Durée : 1h30", T(2021, 11, 16, 14), None, "duration"),
    ("le 18 novembre 2021 de 9h à 17h (pause déjeuner de 12h à 14h)", T(2021, 11, 18, 9),
     T(2021, 11, 18, 17), "brackets"),
    ("le 18 novembre 2021 de 9h à 17h, pause déjeuner de 12h à 14h", T(2021, 11, 18, 9),
     T(2021, 11, 18, 17), "break"),
    ("Le 18 novembre 2021 : 9h-17h. Pause méridienne : 12h30-13h30", T(2021, 11, 18, 9),
     T(2021, 11, 18, 17), "break"),
]


@pytest.mark.parametrize(("text", "start", "end", "why"), ASIDES, ids=ids(ASIDES))
def test_asides_are_not_slots(text, start, end, why):
    when = parse_when(text)
    assert (when.start, when.end, len(when.slots)) == (start, end, 1)
    assert why in when.warnings[0]


# -- daylight saving time ------------------------------------------------------------------
def test_dst_autumn_fold_keeps_instants_ordered():
    when = parse_when("le 30 octobre 2022 de 1h30 à 3h30")
    assert when.start.utcoffset() == dt.timedelta(hours=2)
    assert when.end.utcoffset() == dt.timedelta(hours=1)
    assert when.end.astimezone(dt.UTC) - when.start.astimezone(dt.UTC) == dt.timedelta(hours=3)


def test_dst_ambiguous_time_is_flagged():
    when = parse_when("le 30 octobre 2022 à 2h30")
    assert when.start.utcoffset() == dt.timedelta(hours=2)
    assert any("twice" in w for w in when.warnings)


def test_dst_missing_time_is_moved_and_flagged():
    when = parse_when("le 27 mars 2022 à 2h30")
    assert (when.start.hour, when.start.minute) == (3, 30)
    assert when.start.utcoffset() == dt.timedelta(hours=2)
    assert any("does not exist" in w for w in when.warnings)


@pytest.mark.parametrize(("text", "offset"), [
    ("le 29 octobre 2022 à 14h", 2), ("le 31 octobre 2022 à 14h", 1),
    ("le 26 mars 2022 à 14h", 1), ("le 28 mars 2022 à 14h", 2),
    ("16 novembre 2021 à 14h", 1), ("16 juin 2021 à 14h", 2),
])
def test_offsets_follow_paris_rules(text, offset):
    assert parse_when(text).start.utcoffset() == dt.timedelta(hours=offset)


def test_other_time_zone():
    when = parse_when("16 novembre 2021 à 14h", tz="America/Cayenne")
    assert when.start == dt.datetime(2021, 11, 16, 14, tzinfo=ZoneInfo("America/Cayenne"))


# -- texts with a problem: kept with a warning ---------------------------------------------
def test_iso_offset_applies_to_its_own_part_only():
    when = parse_when("du 2021-11-16T13:00Z au 17/11/2021 à 12h")
    assert (when.start, when.end) == (T(2021, 11, 16, 14), T(2021, 11, 17, 12))


@pytest.mark.parametrize("text", [
    "du 16 novembre 2021 à 14h au 16 novembre 2021 à 12h",
    "du 2021-11-16T15:00 au 16 novembre 2021 à 9h",
])
def test_range_ending_before_it_starts_drops_the_end(text):
    when = parse_when(text)
    assert when.end is None and "ends before it starts" in when.warnings[-1]


def test_parts_with_and_without_times_that_cannot_share_give_none():
    assert parse_when("du 16 novembre 2021 14h au 17 novembre 2021 12h, et septembre 2022") is None


def test_end_before_start_drops_the_end():
    when = parse_when("le 16 novembre 2021 de 14h à 12h")
    assert (when.start, when.end) == (T(2021, 11, 16, 14), None)
    assert "not after start" in when.warnings[0]


def test_duration_next_to_a_date_is_not_a_time():
    when = parse_when("le 16 novembre 2021, 2h45 de route")
    assert (when.start, when.all_day) == (D(2021, 11, 16), True)
    assert "duration" in when.warnings[0]


def test_invalid_hour_is_ignored_with_a_warning():
    when = parse_when("le 16 novembre 2021 à 25h")
    assert when.start == D(2021, 11, 16)
    assert "invalid time" in when.warnings[0]


def test_unused_words_are_reported():
    when = parse_when("Rendez-vous le 16 novembre 2021 à la préfecture")
    assert "prefecture" in when.unparsed_rest and when.method == "rules"


# -- texts that must give None -------------------------------------------------------------
NONE = [
    ("", {}), ("   ", {}), ("\n\t", {}), ("-", {}), ("???", {}), ("n/a", {}),
    ("à définir", {}), ("Date à venir", {}), ("TBD", {}), ("lorem ipsum dolor sit amet", {}),
    ("2h45 de route", {}), ("durée : 2h", {}), ("pendant 3h", {"year": 2021}),
    ("au 30 juin de l'année N+1", {"year": 2021}),
    ("du 1er juillet au 30 juin de l'année N+1", {"year": 2021}),
    ("10h-12h", {}), ("10h-12h", {"year": 2021}), ("de 14h à 16h30", {"year": 2021}),
    ("Horaires : de 16h à 18h", {"year": 2022}), ("10h-10h40", {"year": 2022}),
    ("Matin : 9h30-12h ; après-midi : 14h-17h", {"year": 2022}), ("à 20 h", {}),
    ("le 16 novembre", {}), ("16novembre", {}), ("16/11", {}), ("Le lundi 07/11 de 9h30 à 16h", {}),
    ("lundi", {"year": 2021}), ("lundi de 9h à 12h", {"year": 2021}),
    ("vers le 16 novembre 2021", {}), ("avant le 30 novembre 2021", {}),
    ("la semaine prochaine", {"today": TODAY}), ("le mois prochain", {"today": TODAY}),
    ("demain", {}), ("lundi prochain", {}), ("le 28 septembre dernier", {}), ("ce soir", {}),
    ("l'an prochain", {"today": TODAY}), ("du lundi au vendredi de 9h à 17h", {}),
    ("le 16 ou le 17 novembre 2021 à 14h", {}), ("31 novembre 2021", {}), ("30 février 2022", {}),
    ("29/02/2023", {}), ("32/11/2021", {}), ("16/13/2021", {}), ("le 0 novembre 2021", {}),
    ("du 30 au 2 novembre 2021", {}), ("du 16 novembre 2021 au 2 novembre 2021", {}),
    ("mardi 16 novembre", {"years": (2019, 2020)}), ("16 novembre", {"years": (2020, 2021)}),
    ("Le lundi 07/11", {"years": (2016, 2022)}),
    ("le 16 du mois de novembre", {"year": 2021}), ("tous les jeudis", {"year": 2021}),
    ("tous les lundis du 2 au 3 novembre 2021", {}), ("24h/24 et 7j/7", {"year": 2021}),
    ("2 ateliers et 3 conférences", {"year": 2021}), ("16", {"year": 2021}),
    ("Mois de l'innovation publique 2021", {}),
    ("x" * 10_000, {}), ("16 novembre 2021 " + "bla " * 2500, {}),
]


@pytest.mark.parametrize(("text", "kw"), NONE, ids=[r[0][:40] for r in NONE])
def test_unreadable_gives_none(text, kw):
    assert parse_when(text, **kw) is None


# -- publication stamps --------------------------------------------------------------------
STAMPS = [
    ("Publiée le 13 novembre 2024 · Mise à jour le 25 novembre 2024", D(2024, 11, 13), D(2024, 11, 25)),
    ("Publié le 13/11/2024", D(2024, 11, 13), None),
    ("Mise à jour le 25 novembre 2024", None, D(2024, 11, 25)),
    ("Publiée le 2 novembre 2021 | Mise à jour le 3 novembre 2021", D(2021, 11, 2), D(2021, 11, 3)),
    ("Mis en ligne le 4 octobre 2022 - Modifié le 5 octobre 2022", D(2022, 10, 4), D(2022, 10, 5)),
    ("Publiée le 13 novembre · Mise à jour le 25 novembre", None, None),
    ("Date de publication : 13/11/2024 - Dernière mise à jour : 20/11/2024", D(2024, 11, 13),
     D(2024, 11, 20)),
    ("Publié le 13 novembre 2024 à 10h15", T(2024, 11, 13, 10, 15), None),
    ("Mise à jour : 2 déc. 2024", None, D(2024, 12, 2)),
    ("rien ici", None, None),
    ("", None, None),
]


@pytest.mark.parametrize(("text", "published", "updated"), STAMPS, ids=ids(STAMPS))
def test_parse_stamps(text, published, updated):
    assert parse_stamps(text) == Stamps(published, updated)


def test_a_stamp_line_is_no_event_date():
    assert parse_when("Publiée le 13 novembre 2024 · Mise à jour le 25 novembre 2024") is None


# -- the long tail goes to dateparser ------------------------------------------------------
FALLBACK = [
    ("le 16 11 21", D(2021, 11, 16)),
    ("16 11 21", D(2021, 11, 16)),
]


@pytest.mark.parametrize(("text", "start"), FALLBACK, ids=[r[0] for r in FALLBACK])
def test_fallback_reads_what_the_rules_do_not(text, start):
    when = parse_when(text, today=TODAY)
    assert (when.start, when.method) == (start, "fallback")
    assert "fallback" in when.warnings[0]


RELATIVE_DAYS = [
    ("dans 3 jours", D(2026, 11, 29)),
    ("il y a 2 jours", D(2026, 11, 24)),
    ("dans 3 jours à 14h30", T(2026, 11, 29, 14, 30)),
    ("dans 15 jours", D(2026, 12, 11)),
    ("il y a 1 jour", D(2026, 11, 25)),
]


@pytest.mark.parametrize(("text", "start"), RELATIVE_DAYS, ids=[r[0] for r in RELATIVE_DAYS])
def test_days_from_today_are_read_by_the_rules(text, start):
    when = parse_when(text, today=TODAY)
    assert (when.start, when.method, when.warnings) == (start, "rules", ())
    assert parse_when(text) is None  # relative: no today, no guess


@pytest.mark.parametrize("text", ["dans 2 semaines", "dans 1 mois", "10h-12h", "à 14h", "2 jours",
                                  "Durée : 2 jours", "dans 10 minutes", "dans 2j", "il y a 3 heures"])
def test_fallback_refuses_vague_periods_durations_and_bare_times(text):
    assert parse_when(text, today=TODAY) is None


def test_rules_result_is_marked():
    assert parse_when("16 novembre 2021").method == "rules"


# -- arguments -----------------------------------------------------------------------------
BAD_ARGS = [
    ((None,), {}, TypeError), ((16,), {}, TypeError), ((b"16 novembre 2021",), {}, TypeError),
    (("16 novembre",), {"year": "2021"}, TypeError), (("16 novembre",), {"year": 2021.0}, TypeError),
    (("16 novembre",), {"year": True}, TypeError), (("16 novembre",), {"year": 21}, ValueError),
    (("16 novembre",), {"today": "2026-11-26"}, TypeError), (("16 novembre",), {"tz": "Mars/Olympus"}, ValueError),
    (("16 novembre",), {"tz": 1}, TypeError), (("16 novembre",), {"years": (2021, "2022")}, TypeError),
]


@pytest.mark.parametrize(("args", "kw", "error"), BAD_ARGS)
def test_wrong_arguments_raise(args, kw, error):
    with pytest.raises(error):
        parse_when(*args, **kw)


def test_when_is_frozen():
    when = parse_when("16 novembre 2021")
    with pytest.raises(AttributeError):
        when.start = None  # type: ignore[misc]
