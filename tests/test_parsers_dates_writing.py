"""parsers.dates on the date writing of real organisers' pages (invented here in their manner):
numeric and abbreviated dates, ISO stamps, noon and midnight, open bounds, weekdays that
filter a range ("du lundi au vendredi", "sauf le week-end"), English month names."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from parsers.dates import parse_when

D = dt.date


def T(y, mo, d, h=0, mi=0):
    return dt.datetime(y, mo, d, h, mi, tzinfo=ZoneInfo("Europe/Paris"))


def ids(table):
    return [row[0][:60] for row in table]


# (text, context year, start, end, precision)
ONE_SPAN = [
    ("Jeudi 14/11 – 9h30/12h", 2024, T(2024, 11, 14, 9, 30), T(2024, 11, 14, 12), "minute"),
    ("14 nov. 2024, 10h-12h", None, T(2024, 11, 14, 10), T(2024, 11, 14, 12), "minute"),
    ("le 14.11.2024", None, D(2024, 11, 14), D(2024, 11, 14), "day"),
    ("2024-11-14", None, D(2024, 11, 14), D(2024, 11, 14), "day"),
    ("2024-11-14T09:30", None, T(2024, 11, 14, 9, 30), None, "minute"),
    ("2024-11-14 09:30:00", None, T(2024, 11, 14, 9, 30), None, "minute"),
    ("mercredi 20 novembre de 14 h à 16 h 30", 2024, T(2024, 11, 20, 14), T(2024, 11, 20, 16, 30), "minute"),
    ("le 14 novembre à partir de 9h", 2024, T(2024, 11, 14, 9), None, "minute"),
    ("le 14 novembre 2024 dès 9h", None, T(2024, 11, 14, 9), None, "minute"),
    ("jusqu'au 30 novembre", 2024, None, D(2024, 11, 30), "day"),
    ("à partir du 4 novembre 2024", None, D(2024, 11, 4), None, "day"),
    ("le 14 novembre à midi", 2024, T(2024, 11, 14, 12), None, "minute"),
    ("le 14 novembre de 9h à midi", 2024, T(2024, 11, 14, 9), T(2024, 11, 14, 12), "minute"),
    ("le 14 novembre de midi à 14h", 2024, T(2024, 11, 14, 12), T(2024, 11, 14, 14), "minute"),
    ("le 14 novembre de 20h à minuit", 2024, T(2024, 11, 14, 20), T(2024, 11, 15), "minute"),
    ("le 14 novembre, midi et demi", 2024, T(2024, 11, 14, 12, 30), None, "minute"),
    ("le 14 novembre le matin", 2024, D(2024, 11, 14), D(2024, 11, 14), "day"),
    ("le 14 novembre 9h-17h30", 2024, T(2024, 11, 14, 9), T(2024, 11, 14, 17, 30), "minute"),
    ("14 novembre 2024 9 h 00 – 12 h 00", None, T(2024, 11, 14, 9), T(2024, 11, 14, 12), "minute"),
    ("Du lundi 18 au vendredi 22 novembre 2024", None, D(2024, 11, 18), D(2024, 11, 22), "day"),
    ("18-22/11/2024", None, D(2024, 11, 18), D(2024, 11, 22), "day"),
    ("18 au 22.11", 2024, D(2024, 11, 18), D(2024, 11, 22), "day"),
    ("18/11 au 22/11", 2024, D(2024, 11, 18), D(2024, 11, 22), "day"),
    ("18.11.2024 - 22.11.2024", None, D(2024, 11, 18), D(2024, 11, 22), "day"),
    ("Du 18 au 22 novembre 2024 inclus", None, D(2024, 11, 18), D(2024, 11, 22), "day"),
    ("novembre 2024 (date à préciser)", None, D(2024, 11, 1), D(2024, 11, 30), "month"),
    ("Date : 14/11/2024 Heure : 10h00", None, T(2024, 11, 14, 10), None, "minute"),
    ("Date : jeudi 14 novembre 2024 - Horaire : 14h00 - 16h00", None,
     T(2024, 11, 14, 14), T(2024, 11, 14, 16), "minute"),
    ("mar. 19 nov. 2024", None, D(2024, 11, 19), D(2024, 11, 19), "day"),
    ("Jeu. 14/11, 18h30", 2024, T(2024, 11, 14, 18, 30), None, "minute"),
    ("14-nov-2024", None, D(2024, 11, 14), D(2024, 11, 14), "day"),
    ("14/nov/2024", None, D(2024, 11, 14), D(2024, 11, 14), "day"),
    ("le 14/Nov/2024 à 10h", None, T(2024, 11, 14, 10), None, "minute"),
    ("14 NOV 2024 · 9:30 > 12:00", None, T(2024, 11, 14, 9, 30), T(2024, 11, 14, 12), "minute"),
    ("Rendez-vous le 14 novembre 2024 à 9 h 30 précises", None, T(2024, 11, 14, 9, 30), None, "minute"),
    ("14 novembre 2024 à 9h00 (accueil café à 8h30)", None, T(2024, 11, 14, 9), None, "minute"),
    ("aoû 2025", None, D(2025, 8, 1), D(2025, 8, 31), "month"),
    # English names, met in feeds and bilingual pages
    ("Nov 14, 2024", None, D(2024, 11, 14), D(2024, 11, 14), "day"),
    ("November 14, 2024", None, D(2024, 11, 14), D(2024, 11, 14), "day"),
    ("14 November 2024", None, D(2024, 11, 14), D(2024, 11, 14), "day"),
    ("Nov. 14th 2024", None, D(2024, 11, 14), D(2024, 11, 14), "day"),
    ("Thu 14 Nov 2024 09:30", None, T(2024, 11, 14, 9, 30), None, "minute"),
    ("Thursday, November 14, 2024, 2:00 PM - 4:00 PM", None, T(2024, 11, 14, 14), T(2024, 11, 14, 16), "minute"),
    ("Wednesday 20 November 2024, 10:00 am", None, T(2024, 11, 20, 10), None, "minute"),
    ("jeudi, novembre 14, 2024", None, D(2024, 11, 14), D(2024, 11, 14), "day"),
    # quarters of an hour in words, a two-digit year before the time
    ("le 14 novembre 2024 à 8 heures et demie", None, T(2024, 11, 14, 8, 30), None, "minute"),
    ("le 14 novembre 2024 à 14h et quart", None, T(2024, 11, 14, 14, 15), None, "minute"),
    ("le 14 novembre 2024 à 14h moins le quart", None, T(2024, 11, 14, 13, 45), None, "minute"),
    ("le 14 novembre 2024 de 9h et demie à 11 h moins le quart", None,
     T(2024, 11, 14, 9, 30), T(2024, 11, 14, 10, 45), "minute"),
    ("16 nov. 21 à 10h", 2024, T(2021, 11, 16, 10), None, "minute"),
    ("le 14 nov 24 de 9h à 10h", 2021, T(2024, 11, 14, 9), T(2024, 11, 14, 10), "minute"),
    # machine-like stamps written by people: a time range after an ISO date, labelled ends
    ("2024-11-19 09:30-12:30", None, T(2024, 11, 19, 9, 30), T(2024, 11, 19, 12, 30), "minute"),
    ("2024-11-19 09:30 - 12:30", None, T(2024, 11, 19, 9, 30), T(2024, 11, 19, 12, 30), "minute"),
    ("2024-11-19T09:30-04:00", None, T(2024, 11, 19, 14, 30), None, "minute"),
    ("2024-11-19 09:30:00-04:00", None, T(2024, 11, 19, 14, 30), None, "minute"),
    ("Date de début : 14/11/2024 11:00 Date de fin : 14/11/2024 12:00", None,
     T(2024, 11, 14, 11), T(2024, 11, 14, 12), "minute"),
    ("Début : 14 novembre 2024, 11h. Fin : 15 novembre 2024, 17h.", None,
     T(2024, 11, 14, 11), T(2024, 11, 15, 17), "minute"),
    ("Début : 14 novembre 2024 Fin : 16 novembre 2024", None, D(2024, 11, 14), D(2024, 11, 16), "day"),
    ("19 > 21 novembre 2024", None, D(2024, 11, 19), D(2024, 11, 21), "day"),
    ("mardi 19 novembre 2024 à partir de 9h30 et jusqu'à 12h30", None,
     T(2024, 11, 19, 9, 30), T(2024, 11, 19, 12, 30), "minute"),
    # decades: a period of ten years
    ("dans les années 1990", None, D(1990, 1, 1), D(1999, 12, 31), "year"),
    ("les années 90", None, D(1990, 1, 1), D(1999, 12, 31), "year"),
    ("Un laboratoire né au début des années 2010", None, D(2010, 1, 1), D(2019, 12, 31), "year"),
    ("depuis les années 2000", None, D(2000, 1, 1), None, "year"),
]


@pytest.mark.parametrize(("text", "year", "start", "end", "precision"), ONE_SPAN, ids=ids(ONE_SPAN))
def test_forms_organisers_write(text, year, start, end, precision):
    when = parse_when(text, year=year)
    assert when is not None and (when.start, when.end, when.precision) == (start, end, precision)
    assert when.method == "rules"


def _weekdays(first, last, allowed):
    days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    return [d for d in days if d.weekday() in allowed]


def _runs(days):
    runs = []
    for d in days:
        if runs and runs[-1][1] == d - dt.timedelta(days=1):
            runs[-1] = (runs[-1][0], d)
        else:
            runs.append((d, d))
    return runs


WORKDAYS = range(5)
# weekdays beside a range say which of its days: timed ones are a slot per day, all-day ones a
# slot per run of consecutive days
FILTERED = [
    ("Du 4 au 29 novembre 2024, du lundi au vendredi de 9h à 17h", D(2024, 11, 4), D(2024, 11, 29), WORKDAYS, (9, 17)),
    ("du lundi au vendredi de 9h à 17h, du 4 au 29 novembre 2024", D(2024, 11, 4), D(2024, 11, 29), WORKDAYS, (9, 17)),
    ("du lundi au vendredi, du 4 au 15 novembre 2024", D(2024, 11, 4), D(2024, 11, 15), WORKDAYS, None),
    ("du 4 au 8 novembre 2024, du lundi au vendredi", D(2024, 11, 4), D(2024, 11, 8), WORKDAYS, None),
    ("du 18 au 29 novembre 2024, mardi et jeudi de 14h à 16h", D(2024, 11, 18), D(2024, 11, 29), (1, 3), (14, 16)),
    ("du 4 au 8 novembre 2024, mardi de 14h à 17h", D(2024, 11, 4), D(2024, 11, 8), (1,), (14, 17)),
    ("du 4 au 29 novembre 2024 (sauf le week-end)", D(2024, 11, 4), D(2024, 11, 29), WORKDAYS, None),
    ("du 4 au 15 novembre 2024, en semaine, de 9h à 17h", D(2024, 11, 4), D(2024, 11, 15), WORKDAYS, (9, 17)),
    ("du 4 au 15 novembre 2024, sauf le mercredi", D(2024, 11, 4), D(2024, 11, 15), (0, 1, 3, 4, 5, 6), None),
    ("du 4 au 15 novembre 2024 sauf samedi et dimanche", D(2024, 11, 4), D(2024, 11, 15), WORKDAYS, None),
    ("du 4 au 15 novembre 2024 hors week-ends", D(2024, 11, 4), D(2024, 11, 15), WORKDAYS, None),
    ("du 4 au 15 novembre 2024, jours ouvrés", D(2024, 11, 4), D(2024, 11, 15), WORKDAYS, None),
    ("tous les lundis et jeudis de novembre 2024", D(2024, 11, 1), D(2024, 11, 30), (0, 3), None),
    ("Du 2 au 13 décembre 2024, du vendredi au lundi", D(2024, 12, 2), D(2024, 12, 13), (4, 5, 6, 0), None),
]


@pytest.mark.parametrize(("text", "first", "last", "allowed", "hours"), FILTERED, ids=ids(FILTERED))
def test_weekdays_beside_a_range_say_which_days(text, first, last, allowed, hours):
    when = parse_when(text)
    days = _weekdays(first, last, set(allowed))
    if hours:
        expected = tuple((T(d.year, d.month, d.day, hours[0]), T(d.year, d.month, d.day, hours[1])) for d in days)
    else:
        expected = tuple(_runs(days))
    assert when is not None and when.slots == expected and when.warnings == ()
    assert when.precision == ("minute" if hours else "day")


@pytest.mark.parametrize(("text", "slots"), [
    ("14/11/2024 de 11h à 12h - 21/11/2024 de 11h à 12h",
     ((T(2024, 11, 14, 11), T(2024, 11, 14, 12)), (T(2024, 11, 21, 11), T(2024, 11, 21, 12)))),
    ("14 novembre 2024, 9h-12h – 21 novembre 2024, 14h-17h",
     ((T(2024, 11, 14, 9), T(2024, 11, 14, 12)), (T(2024, 11, 21, 14), T(2024, 11, 21, 17)))),
    # with "au", times at both ends stay one span
    ("du 14 novembre 2024 (9h-12h) au 21 novembre 2024 (14h-17h)", ((T(2024, 11, 14, 9), T(2024, 11, 21, 17)),)),
])
def test_timed_days_joined_by_a_dash_are_sessions(text, slots):
    assert parse_when(text).slots == slots


def test_a_weekday_range_before_one_day_still_ends_on_it():
    """"du lundi au vendredi 19 novembre" is that week, not a filter."""
    when = parse_when("du lundi au vendredi 19 novembre 2021")
    assert when.slots == ((D(2021, 11, 15), D(2021, 11, 19)),)


@pytest.mark.parametrize("text", ["en semaine", "sauf le week-end", "tous les jours de 9h à 12h"])
def test_a_weekday_filter_alone_is_no_date(text):
    assert parse_when(text, year=2024) is None


# -- dates v2: forms the first reading got wrong, each with the answer a careful reader gives --
# (text, context year, slots, precision, a word every warning list must hold or None for none)
READ_RIGHT = [
    # a named day
    ("le jour de l'an 2025", None, ((D(2025, 1, 1), D(2025, 1, 1)),), "day", None),
    ("Fermé le jour de l'an", 2025, ((D(2025, 1, 1), D(2025, 1, 1)),), "day", None),
    # "créé le" dates the page only when the page is its subject
    ("Le lab a été créé le 12 mars 2019", None, ((D(2019, 3, 12), D(2019, 3, 12)),), "day", None),
    ("Un atelier créé le 12 mars 2019 et animé depuis", None, ((D(2019, 3, 12), D(2019, 3, 12)),), "day", None),
    ("Le lab, créé le 12 mars 2019, anime des ateliers", None, ((D(2019, 3, 12), D(2019, 3, 12)),), "day", None),
    ("Le lab (créé le 12 mars 2019) anime des ateliers", None, ((D(2019, 3, 12), D(2019, 3, 12)),), "day", None),
    # English ordinals before "of"; a day after a month when the year came first
    ("16th of November 2024", None, ((D(2024, 11, 16), D(2024, 11, 16)),), "day", None),
    ("the 16th of November", 2024, ((D(2024, 11, 16), D(2024, 11, 16)),), "day", None),
    ("December 4th", 2024, ((D(2024, 12, 4), D(2024, 12, 4)),), "day", None),
    ("the 1st of December, 2024", None, ((D(2024, 12, 1), D(2024, 12, 1)),), "day", None),
    ("2021 novembre 16", None, ((D(2021, 11, 16), D(2021, 11, 16)),), "day", None),
    ("2024, novembre 14", None, ((D(2024, 11, 14), D(2024, 11, 14)),), "day", None),
    # ISO 8601 intervals
    ("2024-11-14/2024-11-16", None, ((D(2024, 11, 14), D(2024, 11, 16)),), "day", None),
    ("2024-11-14T09:00/12:00", None, ((T(2024, 11, 14, 9), T(2024, 11, 14, 12)),), "minute", None),
    ("2024-11-14T09:00/2024-11-15T17:30", None, ((T(2024, 11, 14, 9), T(2024, 11, 15, 17, 30)),), "minute", None),
    # an open decade
    ("dès les années 2000", None, ((D(2000, 1, 1), None),), "year", None),
    ("au début des années 2010", None, ((D(2010, 1, 1), D(2019, 12, 31)),), "year", None),
    # either day: the span holding both, flagged
    ("le 16 ou le 17 novembre", 2024, ((D(2024, 11, 16), D(2024, 11, 17)),), "day", "alternative"),
    ("le 2 ou 3 décembre 2024", None, ((D(2024, 12, 2), D(2024, 12, 3)),), "day", "alternative"),
    # "report du …", "en remplacement du …": the former date
    ("le 14/11 (report du 7/11)", 2024, ((D(2024, 11, 14), D(2024, 11, 14)),), "day", "former"),
    ("Le 21 novembre 2024, en remplacement de la séance du 7 novembre", None,
     ((D(2024, 11, 21), D(2024, 11, 21)),), "day", "former"),
    # a year before 1900 after its month (corpora of historical dates)
    ("14 juillet 1789", None, ((D(1789, 7, 14), D(1789, 7, 14)),), "day", None),
    ("le 4 août 1789 à minuit", None, ((T(1789, 8, 4), None),), "minute", None),
    ("le 14 juillet 1789 à Paris", None, ((D(1789, 7, 14), D(1789, 7, 14)),), "day", None),
    ("Le 14 novembre 1200 agents se réunissent", 2024, ((D(2024, 11, 14), D(2024, 11, 14)),), "day", None),
    # "2/3 décembre": two days of the month written after them
    ("les 2/3 décembre 2024", None, ((D(2024, 12, 2), D(2024, 12, 2)), (D(2024, 12, 3), D(2024, 12, 3))), "day", None),
    # "›" between two times is a range, like ">"
    ("jeudi 14 novembre 2024 — 9h30 › 12h", None, ((T(2024, 11, 14, 9, 30), T(2024, 11, 14, 12)),), "minute", None),
    # centuries: the calendar's hundred years (the 20th is 1901–2000)
    ("au XXe siècle", None, ((D(1901, 1, 1), D(2000, 12, 31)),), "year", None),
    ("au 21ème siècle", None, ((D(2001, 1, 1), D(2100, 12, 31)),), "year", None),
    ("le vingtième siècle", None, ((D(1901, 1, 1), D(2000, 12, 31)),), "year", None),
    ("le XIX° siècle", None, ((D(1801, 1, 1), D(1900, 12, 31)),), "year", None),
    ("à la fin du XIXe siècle", None, ((D(1801, 1, 1), D(1900, 12, 31)),), "year", "century"),
    # a relative word between a weekday and its date: the date says which
    ("jeudi prochain 14 novembre", 2024, ((D(2024, 11, 14), D(2024, 11, 14)),), "day", None),
    # ISO year and month (not a school year "2011-12")
    ("2024-09", None, ((D(2024, 9, 1), D(2024, 9, 30)),), "month", None),
    ("Période : 2024-11", None, ((D(2024, 11, 1), D(2024, 11, 30)),), "month", None),
    # "à compter du" opens a range like "à partir du"
    ("à compter du 1er janvier 2025", None, ((D(2025, 1, 1), None),), "day", None),
    ("à compter de janvier 2025", None, ((D(2025, 1, 1), None),), "month", None),
    # "week-end du …" runs to the Sunday, like "semaine du …"
    ("le week-end du 23 novembre 2024", None, ((D(2024, 11, 23), D(2024, 11, 24)),), "day", None),
    ("week-end du vendredi 22 novembre 2024", None, ((D(2024, 11, 22), D(2024, 11, 24)),), "day", None),
    # "de l'an 800": that year, not the context's
    ("le 25 décembre de l'an 800", 2024, ((D(800, 12, 25), D(800, 12, 25)),), "day", None),
    # the welcome beside a time already given is an aside, like one in brackets
    ("Le 3 décembre 2024 à 18h30, accueil dès 18h", None, ((T(2024, 12, 3, 18, 30), None),), "minute", "welcome"),
    ("3 décembre 2024 à 18h30 - ouverture des portes 18h", None, ((T(2024, 12, 3, 18, 30), None),), "minute", "welcome"),
    # "pour 2h" after a time is its length; before any time, "pour 14h" is the time
    ("le 3 décembre 2024 à 14h pour 2h", None, ((T(2024, 12, 3, 14), None),), "minute", "duration"),
    ("rendez-vous pour 14h le 3 décembre 2024", None, ((T(2024, 12, 3, 14), None),), "minute", None),
    # the n-th weekday of a month and year
    ("le premier mardi de décembre 2024", None, ((D(2024, 12, 3), D(2024, 12, 3)),), "day", None),
    ("le dernier jeudi de novembre 2024", None, ((D(2024, 11, 28), D(2024, 11, 28)),), "day", None),
    ("le 3e mardi de décembre 2024", None, ((D(2024, 12, 17), D(2024, 12, 17)),), "day", None),
    ("le 2e jeudi du mois de novembre 2024 à 14h", None, ((T(2024, 11, 14, 14), None),), "minute", None),
    # "prévue le …" then "aura lieu le …" / "se tiendra le …": moved
    ("La rencontre prévue le 26 novembre aura lieu le 3 décembre 2024", None,
     ((D(2024, 12, 3), D(2024, 12, 3)),), "day", "rescheduled"),
    ("Prévue le 26 novembre, la rencontre se tiendra finalement le 3 décembre 2024", None,
     ((D(2024, 12, 3), D(2024, 12, 3)),), "day", "rescheduled"),
    # a welcome time written before the event's own time
    ("Accueil à 8h30, le 3 décembre 2024 à 9h", None, ((T(2024, 12, 3, 9), None),), "minute", "welcome"),
    ("Accueil : 8h30 - Début : 9h - le 3 décembre 2024", None, ((T(2024, 12, 3, 9), None),), "minute", "welcome"),
    # half months: the days holding the event, flagged
    ("la première quinzaine de décembre 2024", None, ((D(2024, 12, 1), D(2024, 12, 15)),), "day", "quinzaine"),
    ("la seconde quinzaine de février 2024", None, ((D(2024, 2, 16), D(2024, 2, 29)),), "day", "quinzaine"),
    # a year in Roman numerals after its month
    ("14 février MMXXIV", None, ((D(2024, 2, 14), D(2024, 2, 14)),), "day", None),
    ("le 9 décembre MCMV", None, ((D(1905, 12, 9), D(1905, 12, 9)),), "day", None),
    # the day before or after a date written
    ("le lendemain du 3 décembre 2024", None, ((D(2024, 12, 4), D(2024, 12, 4)),), "day", None),
    ("la veille du 1er janvier 2025", None, ((D(2024, 12, 31), D(2024, 12, 31)),), "day", None),
    ("l'avant-veille du mardi 3 décembre 2024 à 18h", None, ((T(2024, 12, 1, 18), None),), "minute", None),
    ("le surlendemain du 30 novembre 2024", None, ((D(2024, 12, 2), D(2024, 12, 2)),), "day", None),
    # "d'ici …" closes a range like "jusqu'au"
    ("d'ici décembre 2024", None, ((None, D(2024, 12, 31)),), "month", None),
    ("d'ici le 30 novembre 2024", None, ((None, D(2024, 11, 30)),), "day", None),
    # "un mardi sur deux" names weekdays like "tous les mardis"
    ("un mardi sur deux à partir du 3 décembre 2024", None, ((D(2024, 12, 3), None),), "day", None),
]


@pytest.mark.parametrize(("text", "year", "slots", "precision", "warning"), READ_RIGHT, ids=ids(READ_RIGHT))
def test_forms_read_right(text, year, slots, precision, warning):
    when = parse_when(text, year=year)
    assert when is not None and (when.slots, when.precision) == (slots, precision)
    if warning is None:
        assert when.warnings == ()
    else:
        assert any(warning in w for w in when.warnings)


@pytest.mark.parametrize("text", [
    "le 16 ou le 17 novembre 2024 à 14h",            # timed: which session is unknown
    "du 4 au 8 ou du 18 au 22 novembre 2024",        # more than two dates
    "Créé le 3 mars 2024",                           # the page's own stamp
    "Page créée le 3 mars 2024",
    "saison 2011-12",                                # a school year, not December 2011
    "20 siècles d'histoire",                         # a count of centuries
    "Accueil à 8h30",                                # a welcome time and no date
    "chaque premier mardi du mois",                  # a weekday of every month
    "le 2e jeudi de chaque mois à 14h",
])
def test_still_no_event_date(text):
    assert parse_when(text) is None


@pytest.mark.parametrize(("text", "year", "expected"), [
    ("le premier mardi de décembre", 2024, (D(2024, 12, 1), D(2024, 12, 31))),   # no year written: the month
    ("la première quinzaine de décembre", 2024, (D(2024, 12, 1), D(2024, 12, 31))),
    ("le 14 février MCMXCIXX", 2024, (D(2024, 2, 14), D(2024, 2, 14))),          # not a Roman numeral
])
def test_coarser_without_the_year_written(text, year, expected):
    when = parse_when(text, year=year)
    assert when is not None and (when.start, when.end) == expected
