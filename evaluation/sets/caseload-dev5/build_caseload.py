#!/usr/bin/env python3
"""Write the synthetic caseload (workers, children, cases, events) for the dev5 set.

Deterministic, standard library only. Today for the set is 2027-10-14 (Thursday).
Councils: Medway (one area CIN team) and Kent (one district CIN team).
Dates are written out literally, except that a few long runs of routine visits are
produced by `every()` (a fixed step from a fixed first date, bank holidays moved to the
next working day), so the output is the same on every run. README.md lists the due
dates these events produce; check.py recomputes them.
Run: python3 build_caseload.py  (writes the four CSVs next to this file)
"""
import csv
import datetime as dt
import os

HERE = os.path.dirname(os.path.abspath(__file__))

# England bank holidays used when a routine visit would land on one (2026-2027 only).
BANK_HOLIDAYS = {dt.date.fromisoformat(s) for s in """
2026-01-01 2026-04-03 2026-04-06 2026-05-04 2026-05-25 2026-08-31 2026-12-25 2026-12-28
2027-01-01 2027-03-26 2027-03-29 2027-05-03 2027-05-31 2027-08-30 2027-12-27 2027-12-28
""".split()}

MW_TEAM = ("mw-cin-chatham", "Medway Children in Need Team (Chatham)")
KT_TEAM = ("kt-cin-canterbury", "Canterbury Children in Need Team")
# worker_id, name, role, team_id, team_name, authority, manager_id
WORKERS = [
    ("mw-tm", "Janet Holloway", "team_manager", *MW_TEAM, "medway", ""),
    ("mw-sw1", "Priya Raman", "social_worker", *MW_TEAM, "medway", "mw-tm"),
    ("mw-sw2", "Tomasz Nowicki", "social_worker", *MW_TEAM, "medway", "mw-tm"),
    ("mw-asye", "Hannah Oyelaran", "asye", *MW_TEAM, "medway", "mw-tm"),
    ("mw-sp", "Grace McAvoy", "senior_practitioner", *MW_TEAM, "medway", "mw-tm"),
    ("mw-sw3", "Declan Furlong", "social_worker", *MW_TEAM, "medway", "mw-tm"),
    ("kt-tm", "Marcus Ellington", "team_manager", *KT_TEAM, "kent", ""),
    ("kt-sw1", "Funmilayo Adeyemi", "social_worker", *KT_TEAM, "kent", "kt-tm"),
    ("kt-asye", "Ollie Brackenbury", "asye", *KT_TEAM, "kent", "kt-tm"),
    ("kt-sp", "Nasreen Akhtar", "senior_practitioner", *KT_TEAM, "kent", "kt-tm"),
    ("kt-sw2", "Gemma Tolhurst", "social_worker", *KT_TEAM, "kent", "kt-tm"),
]

V = "visit"
AC, ICM, REV, PLAN = "assessment_completed", "initial_cin_meeting", "cin_review", "plan_circulated"
CPE, DFC, CLOSED = "cp_plan_ended", "discharged_from_care", "case_closed"


def every(first, last, step=21, alone=("Y", "N")):
    """Routine visits, child seen, from `first` every `step` days up to `last` inclusive.
    seen_alone cycles through `alone`. A date on a bank holiday moves to the next day."""
    d, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    out, i = [], 0
    while d <= end:
        x = d
        while x in BANK_HOLIDAYS or x.weekday() > 4:
            x += dt.timedelta(days=1)
        out.append((V, x.isoformat(), "Y", alone[i % len(alone)]))
        d += dt.timedelta(days=step)
        i += 1
    return out


# case_id: (first, last, birth, disabled, worker, category, referral, [events])
# event tuples: (event, date) or ("visit", date, seen, alone[, note])
CASES = {
    # ================= MEDWAY =================
    # ---------- Priya Raman (mw-sw1) ----------
    "MW-3101": ("Jayden", "Clarke", "2012-03-09", "N", "mw-sw1", "standard", "2026-11-02", [
        (V, "2026-11-05", "Y", "Y"), (AC, "2026-12-18"), (ICM, "2027-01-05"), (PLAN, "2027-01-07"),
        *every("2027-01-07", "2027-09-16", alone=("Y", "Y", "N")),
        (REV, "2027-03-30"), (PLAN, "2027-04-01"), (REV, "2027-06-22"), (PLAN, "2027-06-24"),
        (REV, "2027-09-14"), (PLAN, "2027-09-16"), (V, "2027-09-28", "Y", "Y"),
    ]),
    "MW-3102": ("Jayden", "Okafor", "2017-07-21", "N", "mw-sw1", "standard", "2027-06-07", [
        (V, "2027-06-10", "Y", "N"), (AC, "2027-07-23"), (ICM, "2027-08-05"), (PLAN, "2027-08-10"),
        (V, "2027-08-19", "Y", "Y"), (V, "2027-09-08", "Y", "N"), (V, "2027-09-30", "Y", "Y"),
    ]),
    "MW-3103": ("Siobhán", "Mulcahy", "2010-05-02", "N", "mw-sw1", "standard", "2026-08-17", [
        (V, "2026-08-19", "Y", "Y"), (AC, "2026-09-28"), (ICM, "2026-10-12"), (PLAN, "2026-10-14"),
        *every("2026-10-14", "2027-09-02", alone=("Y",)),
        (REV, "2027-01-04"), (PLAN, "2027-01-06"), (REV, "2027-03-25"), (PLAN, "2027-03-30"),
        (REV, "2027-07-20"), (PLAN, "2027-07-22"), (V, "2027-09-23", "Y", "Y"),
    ]),
    "MW-3104": ("Amelia", "Kerrigan", "2015-12-12", "N", "mw-sw1", "standard", "2027-08-23", [
        (AC, "2027-09-23"), (ICM, "2027-10-07"), (V, "2027-10-11", "Y", "N"),
    ]),
    "MW-3105": ("Kai", "Thornbury", "2011-01-28", "N", "mw-sw1", "standard", "2026-12-01", [
        (V, "2026-12-03", "Y", "Y"), (AC, "2027-01-20"), (ICM, "2027-02-01"), (PLAN, "2027-02-03"),
        *every("2027-03-10", "2027-07-28", step=28, alone=("Y",)),
        (CPE, "2027-08-12"), (V, "2027-08-19", "Y", "Y"), (V, "2027-09-09", "Y", "N"),
        (V, "2027-09-29", "N", "N", "no answer at the door, card left"),
    ]),
    # ---------- Tomasz Nowicki (mw-sw2) ----------
    "MW-3110": ("Poppy", "Hartley", "2013-04-18", "N", "mw-sw2", "standard", "2027-03-15", [
        (V, "2027-03-17", "Y", "Y"), (AC, "2027-05-07"), (ICM, "2027-05-20"), (PLAN, "2027-05-25"),
        *every("2027-05-27", "2027-09-09", alone=("Y",)),
        (REV, "2027-08-10"), (PLAN, "2027-08-16"), (V, "2027-09-24", "Y", "Y"),
        (V, "2027-10-06", "Y", "Y", "seen at school"),
    ]),
    "MW-3111": ("Ronan", "Hartley", "2016-09-02", "N", "mw-sw2", "standard", "2027-03-15", [
        (V, "2027-03-17", "Y", "N"), (AC, "2027-05-07"), (ICM, "2027-05-20"), (PLAN, "2027-05-25"),
        *every("2027-05-27", "2027-09-09", alone=("N", "Y")),
        (REV, "2027-08-10"), (PLAN, "2027-08-16"), (V, "2027-09-24", "Y", "Y"),
    ]),
    "MW-3112": ("Archie", "Hartley", "2020-11-25", "N", "mw-sw2", "standard", "2027-03-15", [
        (V, "2027-03-17", "Y", "N"), (AC, "2027-05-07"), (ICM, "2027-05-20"), (PLAN, "2027-05-25"),
        *every("2027-05-27", "2027-09-09", alone=("N",)),
        (REV, "2027-08-10"), (PLAN, "2027-08-16"), (V, "2027-09-24", "Y", "N"),
    ]),
    "MW-3113": ("Mateo", "Ramírez", "2010-02-11", "N", "mw-sw2", "standard", "2027-08-31", [
        (AC, "2027-10-04"),
    ]),
    "MW-3114": ("Keeley", "Marsh", "2012-06-30", "N", "mw-sw2", "standard", "2026-05-05", [
        (V, "2026-05-07", "Y", "Y"), (AC, "2026-06-16"), (ICM, "2026-06-30"), (PLAN, "2026-07-02"),
        *every("2026-07-02", "2027-09-16", alone=("Y", "N")),
        (REV, "2026-09-22"), (PLAN, "2026-09-24"), (REV, "2026-12-15"), (PLAN, "2026-12-17"),
        (REV, "2027-03-09"), (PLAN, "2027-03-11"), (REV, "2027-06-01"), (PLAN, "2027-06-03"),
        (REV, "2027-09-07"), (V, "2027-10-12", "Y", "Y"),
    ]),
    # ---------- Hannah Oyelaran (mw-asye) ----------
    "MW-3120": ("Theodore", "Lindqvist", "2018-02-14", "N", "mw-asye", "standard", "2027-05-04", [
        (AC, "2027-06-25"), (ICM, "2027-07-08"), (PLAN, "2027-07-13"), (V, "2027-07-15", "Y", "N"),
        (V, "2027-08-05", "Y", "N"), (V, "2027-08-26", "Y", "Y"), (V, "2027-09-21", "Y", "N"),
    ]),
    "MW-3121": ("Tyrese", "Mwangi", "2011-08-08", "N", "mw-asye", "standard", "2027-02-01", [
        (V, "2027-02-03", "Y", "Y"), (AC, "2027-03-19"), (ICM, "2027-04-01"), (PLAN, "2027-04-06"),
        *every("2027-04-08", "2027-09-16", alone=("Y",)),
        (REV, "2027-06-22"), (PLAN, "2027-06-24"), (REV, "2027-09-14"), (PLAN, "2027-09-17"),
        (V, "2027-10-04", "Y", "Y"),
    ]),
    "MW-3122": ("Leah", "Gutteridge", "2014-10-30", "N", "mw-asye", "standard", "2027-08-02", [
        (AC, "2027-09-13"), (ICM, "2027-09-24"), (PLAN, "2027-09-29"), (V, "2027-09-30", "Y", "Y"),
        (V, "2027-10-08", "N", "N", "family out, dad said Leah at nan's"),
    ]),
    "MW-3123": ("Bailey", "Greenhalgh", "2016-01-19", "N", "mw-asye", "standard", "2026-09-07", [
        (V, "2026-09-09", "Y", "N"), (AC, "2026-10-20"), (ICM, "2026-11-03"), (PLAN, "2026-11-05"),
        *every("2026-11-10", "2027-09-07", alone=("N", "Y")),
        (REV, "2027-01-26"), (PLAN, "2027-01-28"), (REV, "2027-04-20"), (PLAN, "2027-04-22"),
        (REV, "2027-07-27"), (PLAN, "2027-07-29"), (V, "2027-10-01", "Y", "Y"),
    ]),
    # ---------- Grace McAvoy (mw-sp) ----------
    "MW-3130": ("Ellis", "Fairbrother", "2012-09-14", "Y", "mw-sp", "disability", "2026-10-05", [
        (V, "2026-10-07", "Y", "N"), (AC, "2026-11-12"), (ICM, "2026-11-25"), (PLAN, "2026-11-30"),
        (V, "2026-12-10", "Y", "N"), (V, "2027-03-01", "Y", "N"), (REV, "2027-05-20"),
        (PLAN, "2027-05-24"), (V, "2027-05-13", "Y", "N"), (V, "2027-08-05", "Y", "N"),
    ]),
    "MW-3131": ("Sana", "Mirza", "2010-12-03", "Y", "mw-sp", "disability_review", "2025-09-01", [
        (V, "2025-09-03", "Y", "N"), (AC, "2025-10-10"), (ICM, "2025-10-23"), (PLAN, "2025-10-27"),
        (V, "2026-10-21", "Y", "N"), (REV, "2026-10-21"), (PLAN, "2026-10-26"),
    ]),
    "MW-3132": ("Harvey", "Ashworth", "2015-03-03", "Y", "mw-sp", "disability_welfare", "2027-01-11", [
        (V, "2027-01-13", "Y", "N"), (AC, "2027-02-22"), (ICM, "2027-03-04"), (PLAN, "2027-03-09"),
        *every("2027-03-11", "2027-09-16", alone=("N",)),
        (REV, "2027-05-25"), (PLAN, "2027-05-27"), (REV, "2027-08-17"), (PLAN, "2027-08-19"),
        (V, "2027-09-30", "Y", "N"),
    ]),
    "MW-3133": ("Aleksandra", "Zielińska", "2013-05-27", "N", "mw-sp", "standard", "2026-11-16", [
        (V, "2026-11-18", "Y", "Y"), (AC, "2027-01-05"), (ICM, "2027-01-18"), (PLAN, "2027-01-20"),
        *every("2027-01-25", "2027-09-06", alone=("Y",)),
        (REV, "2027-04-12"), (PLAN, "2027-04-14"), (REV, "2027-07-05"), (PLAN, "2027-07-07"),
        (REV, "2027-09-27"), (V, "2027-09-27", "Y", "Y"),
    ]),
    "MW-3134": ("Reggie", "Dunmore", "2019-08-08", "N", "mw-sp", "standard", "2027-09-20", []),
    "MW-3135": ("Nadia", "Hussain", "2011-07-07", "N", "mw-sp", "standard", "2025-06-02", [
        (V, "2025-06-04", "Y", "Y"), (AC, "2025-07-14"), (ICM, "2025-07-28"), (PLAN, "2025-07-31"),
        (DFC, "2027-07-30"), (V, "2027-08-06", "Y", "Y"), (V, "2027-08-25", "Y", "Y"),
        (V, "2027-09-14", "Y", "N"), (V, "2027-10-05", "Y", "Y"),
    ]),
    # ---------- Declan Furlong (mw-sw3) ----------
    "MW-3140": ("Brandon", "Oakes", "2010-04-04", "N", "mw-sw3", "standard", "2026-10-19", [
        (V, "2026-10-21", "Y", "Y"), (AC, "2026-11-30"), (ICM, "2026-12-14"), (PLAN, "2026-12-16"),
        *every("2026-12-21", "2027-08-10", alone=("Y",)),
        (REV, "2027-03-08"), (PLAN, "2027-03-10"), (REV, "2027-06-01"), (PLAN, "2027-06-03"),
        (REV, "2027-08-24"), (PLAN, "2027-08-26"), (V, "2027-08-31", "Y", "Y"),
        (V, "2027-09-20", "N", "N", "not home, mum says he was at his dad's"),
    ]),
    "MW-3141": ("Abena", "Adjei", "2014-02-20", "N", "mw-sw3", "standard", "2027-04-12", [
        (V, "2027-04-14", "Y", "Y"), (AC, "2027-05-21"), (ICM, "2027-06-07"), (PLAN, "2027-06-09"),
        *every("2027-06-10", "2027-09-23", alone=("Y",)),
        (REV, "2027-08-26"), (PLAN, "2027-08-31"), (V, "2027-10-13", "Y", "Y"),
    ]),
    "MW-3142": ("Lewis", "Pryce", "2016-06-06", "N", "mw-sw3", "standard", "2027-07-05", [
        (AC, "2027-08-20"), (ICM, "2027-09-03"), (PLAN, "2027-09-08"), (V, "2027-09-21", "Y", "N"),
    ]),
    "MW-3143": ("Chiamaka", "Okoro", "2012-12-12", "N", "mw-sw3", "standard", "2027-02-22", [
        (V, "2027-02-24", "Y", "Y"), (AC, "2027-04-06"), (ICM, "2027-04-20"), (PLAN, "2027-04-22"),
        *every("2027-04-27", "2027-09-21", alone=("Y", "N")),
        (REV, "2027-07-13"), (PLAN, "2027-07-15"), (V, "2027-10-04", "Y", "Y"),
    ]),
    "MW-3144": ("Darren", "Kettley", "2011-11-20", "N", "mw-sw3", "standard", "2026-09-14", [
        (V, "2026-09-16", "Y", "Y"), (AC, "2026-10-26"), (ICM, "2026-11-09"), (PLAN, "2026-11-11"),
        *every("2026-11-16", "2027-08-30", alone=("Y",)),
        (REV, "2027-02-01"), (PLAN, "2027-02-03"), (REV, "2027-04-26"), (PLAN, "2027-04-28"),
        (REV, "2027-07-19"), (PLAN, "2027-07-21"), (CLOSED, "2027-09-10"),
    ]),
    # ================= KENT =================
    # ---------- Funmilayo Adeyemi (kt-sw1) ----------
    "KT-6101": ("Malik", "Chaudhry", "2012-08-19", "N", "kt-sw1", "standard", "2027-04-05", [
        (V, "2027-04-08", "Y", "Y"), (AC, "2027-06-04"), (ICM, "2027-06-21"), (PLAN, "2027-06-29"),
        (V, "2027-07-14", "Y", "Y"), (V, "2027-08-25", "Y", "Y"), (REV, "2027-09-21"),
        (V, "2027-09-29", "Y", "Y"),
    ]),
    "KT-6102": ("Inaya", "Chaudhry", "2016-03-03", "N", "kt-sw1", "standard", "2027-04-05", [
        (V, "2027-04-08", "Y", "N"), (AC, "2027-06-04"), (ICM, "2027-06-21"), (PLAN, "2027-06-29"),
        (V, "2027-07-14", "Y", "N"), (V, "2027-08-25", "Y", "Y"), (REV, "2027-09-21"),
        (V, "2027-09-29", "Y", "N"),
    ]),
    "KT-6103": ("Oluwadamilare", "Ogunleye", "2011-05-15", "N", "kt-sw1", "standard", "2026-12-07", [
        (V, "2026-12-09", "Y", "Y"), (AC, "2027-02-10"), (ICM, "2027-02-24"), (PLAN, "2027-03-04"),
        (V, "2027-03-18", "Y", "Y"), (V, "2027-05-12", "Y", "Y"), (REV, "2027-05-24"),
        (PLAN, "2027-06-01"), (V, "2027-07-07", "Y", "Y"), (V, "2027-09-01", "Y", "N"),
    ]),
    "KT-6104": ("Evie", "Cartwright", "2019-01-30", "N", "kt-sw1", "standard", "2027-08-16", [
        (V, "2027-08-19", "Y", "N"), (V, "2027-09-23", "Y", "N"),
    ]),
    "KT-6105": ("Jordan", "Sutcliffe", "2010-10-01", "N", "kt-sw1", "standard", "2026-07-20", [
        (V, "2026-07-22", "Y", "Y"), (AC, "2026-09-08"), (ICM, "2026-09-21"), (PLAN, "2026-09-29"),
        (REV, "2026-12-17"), (PLAN, "2026-12-23"), (V, "2027-02-10", "Y", "Y"),
        (V, "2027-05-05", "Y", "Y"), (REV, "2027-06-15"), (PLAN, "2027-06-24"),
        (V, "2027-08-04", "Y", "Y"), (V, "2027-10-06", "Y", "Y"),
    ]),
    "KT-6106": ("Inês", "Tavares", "2013-09-25", "N", "kt-sw1", "standard", "2027-06-28", [
        (V, "2027-06-30", "Y", "Y"), (AC, "2027-08-20"), (ICM, "2027-09-06"), (V, "2027-09-13", "Y", "N"),
        (PLAN, "2027-09-20"), (V, "2027-10-04", "Y", "Y"),
    ]),
    # ---------- Ollie Brackenbury (kt-asye) ----------
    "KT-6110": ("Alexander", "Petrov", "2014-11-08", "N", "kt-asye", "standard", "2027-07-19", [
        (V, "2027-07-21", "Y", "Y"), (V, "2027-08-18", "Y", "N"), (AC, "2027-09-17"),
        (ICM, "2027-10-04"), (V, "2027-10-07", "Y", "Y"),
    ]),
    "KT-6111": ("Kayden", "Whitmore", "2017-04-22", "N", "kt-asye", "standard", "2027-05-24", [
        (V, "2027-05-26", "Y", "N"), (AC, "2027-07-30"), (ICM, "2027-08-12"), (PLAN, "2027-08-19"),
        (V, "2027-08-26", "Y", "N"), (V, "2027-09-30", "Y", "Y"),
    ]),
    "KT-6112": ("Rebecca", "Osborne", "2010-12-19", "N", "kt-asye", "standard", "2027-03-01", [
        (V, "2027-03-03", "Y", "Y"), (AC, "2027-04-30"), (ICM, "2027-05-13"), (PLAN, "2027-05-20"),
        (V, "2027-06-09", "Y", "Y"), (V, "2027-07-21", "Y", "Y"), (V, "2027-09-15", "Y", "N"),
    ]),
    "KT-6113": ("Charlie", "Ndlovu", "2015-07-07", "N", "kt-asye", "standard", "2027-08-09", [
        (V, "2027-08-11", "Y", "N"), (V, "2027-09-08", "Y", "Y"), (AC, "2027-10-06"),
    ]),
    # ---------- Nasreen Akhtar (kt-sp) ----------
    "KT-6120": ("Tayla", "Pett", "2011-02-17", "N", "kt-sp", "standard", "2026-10-12", [
        (V, "2026-10-14", "Y", "Y"), (AC, "2026-12-10"), (ICM, "2026-12-22"), (PLAN, "2026-12-30"),
        (V, "2027-01-20", "Y", "Y"), (REV, "2027-03-22"), (PLAN, "2027-03-30"),
        (V, "2027-04-21", "Y", "Y"), (V, "2027-06-30", "Y", "Y"), (V, "2027-09-08", "Y", "Y"),
    ]),
    "KT-6121": ("Mason", "Pett", "2014-06-09", "N", "kt-sp", "standard", "2026-10-12", [
        (V, "2026-10-14", "Y", "N"), (AC, "2026-12-10"), (ICM, "2026-12-22"), (PLAN, "2026-12-30"),
        (V, "2027-01-20", "Y", "N"), (REV, "2027-03-22"), (PLAN, "2027-03-30"),
        (V, "2027-04-21", "Y", "Y"), (V, "2027-06-30", "Y", "N"), (V, "2027-09-08", "Y", "Y"),
    ]),
    "KT-6122": ("Aurélie", "Duval", "2012-12-01", "N", "kt-sp", "standard", "2027-06-14", [
        (V, "2027-06-16", "Y", "Y"), (AC, "2027-08-12"), (ICM, "2027-08-24"), (PLAN, "2027-08-31"),
        (V, "2027-09-15", "Y", "Y"),
    ]),
    "KT-6123": ("Kacey", "Lambourne", "2009-12-30", "N", "kt-sp", "standard", "2025-11-17", [
        (V, "2025-11-19", "Y", "Y"), (AC, "2026-01-20"), (ICM, "2026-02-02"), (PLAN, "2026-02-10"),
        (REV, "2026-05-01"), (PLAN, "2026-05-08"), (V, "2026-07-15", "Y", "Y"),
        (REV, "2026-10-29"), (PLAN, "2026-11-05"), (V, "2027-01-27", "Y", "Y"),
        (REV, "2027-04-27"), (PLAN, "2027-05-04"), (V, "2027-07-21", "Y", "Y"),
        (V, "2027-09-29", "Y", "Y"),
    ]),
    "KT-6124": ("Bilal", "Rashid", "2016-10-12", "N", "kt-sp", "standard", "2027-07-05", [
        (V, "2027-07-07", "Y", "N"), (V, "2027-08-11", "Y", "Y"), (V, "2027-09-22", "Y", "N"),
    ]),
    "KT-6125": ("Freya", "Lockwood", "2018-05-05", "N", "kt-sp", "standard", "2027-05-10", [
        (V, "2027-05-12", "Y", "N"), (AC, "2027-07-01"), (ICM, "2027-07-14"), (PLAN, "2027-07-26"),
        (V, "2027-08-04", "Y", "N"), (V, "2027-09-15", "Y", "Y"),
    ]),
    "KT-6126": ("Liam", "Gorringe", "2012-03-28", "N", "kt-sp", "standard", "2026-11-02", [
        (V, "2026-11-04", "Y", "Y"), (AC, "2026-12-18"), (ICM, "2027-01-11"), (PLAN, "2027-01-19"),
        (V, "2027-02-24", "Y", "Y"), (REV, "2027-04-12"), (PLAN, "2027-04-20"),
        (V, "2027-06-16", "Y", "Y"), (CLOSED, "2027-08-20"),
    ]),
    # ---------- Gemma Tolhurst (kt-sw2) ----------
    "KT-6130": ("Zara", "Khalid", "2013-01-11", "N", "kt-sw2", "standard", "2027-01-18", [
        (V, "2027-01-20", "Y", "Y"), (AC, "2027-03-19"), (ICM, "2027-04-01"), (PLAN, "2027-04-09"),
        (V, "2027-05-05", "Y", "Y"), (REV, "2027-07-01"), (PLAN, "2027-07-08"),
        (V, "2027-08-18", "Y", "Y"), (V, "2027-10-06", "Y", "N"),
    ]),
    "KT-6131": ("Tyler", "Beckwith", "2011-09-09", "N", "kt-sw2", "standard", "2027-09-01", [
        (V, "2027-09-03", "Y", "Y"), (V, "2027-09-29", "Y", "N"),
    ]),
    "KT-6132": ("Skye", "Hollingsworth", "2016-12-24", "N", "kt-sw2", "standard", "2027-05-17", [
        (V, "2027-05-19", "Y", "N"), (AC, "2027-07-13"), (ICM, "2027-07-27"), (PLAN, "2027-08-05"),
        (V, "2027-08-24", "Y", "N"), (V, "2027-09-28", "Y", "Y"),
    ]),
    "KT-6133": ("Jessica", "Nunn", "2012-04-26", "N", "kt-sw2", "standard", "2027-07-26", [
        (V, "2027-07-28", "Y", "Y"), (AC, "2027-09-15"), (ICM, "2027-09-29"), (PLAN, "2027-10-08"),
    ]),
    "KT-6134": ("Keira", "Bassett", "2010-07-16", "N", "kt-sw2", "standard", "2026-07-13", [
        (V, "2026-07-15", "Y", "Y"), (AC, "2026-09-08"), (ICM, "2026-09-21"), (PLAN, "2026-09-28"),
        (REV, "2026-12-21"), (PLAN, "2026-12-30"), (V, "2027-02-17", "Y", "Y"),
        (V, "2027-04-28", "Y", "Y"), (REV, "2027-06-28"), (PLAN, "2027-07-06"),
        (V, "2027-08-11", "Y", "Y"), (V, "2027-10-05", "Y", "Y"),
    ]),
}


def rows():
    workers = [dict(zip(("worker_id", "name", "role", "team_id", "team_name", "authority",
                         "manager_id"), w)) for w in WORKERS]
    children, cases, events = [], [], []
    for case_id, (first, last, birth, disabled, worker, cat, referral, evs) in CASES.items():
        child_id = "CH-" + case_id.replace("-", "")
        children.append({"child_id": child_id, "first_name": first, "last_name": last,
                         "birth_date": birth, "disabled": disabled})
        cases.append({"case_id": case_id, "child_id": child_id, "worker_id": worker,
                      "category": cat, "referral_date": referral})
        out = []
        for ev in evs:
            if ev[0] == V:
                note = ev[4] if len(ev) > 4 else ""
                out.append({"case_id": case_id, "event": V, "date": ev[1], "child_seen": ev[2],
                            "seen_alone": ev[3], "note": note})
            else:
                out.append({"case_id": case_id, "event": ev[0], "date": ev[1], "child_seen": "",
                            "seen_alone": "", "note": ""})
        out.sort(key=lambda r: r["date"])  # stable: same-day order kept as written
        events.extend(out)
    return workers, children, cases, events


def write(name, fields, data):
    with open(os.path.join(HERE, name), "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(data)


def main():
    workers, children, cases, events = rows()
    write("workers.csv", ["worker_id", "name", "role", "team_id", "team_name", "authority",
                          "manager_id"], workers)
    write("children.csv", ["child_id", "first_name", "last_name", "birth_date", "disabled"],
          children)
    write("cases.csv", ["case_id", "child_id", "worker_id", "category", "referral_date"], cases)
    write("events.csv", ["case_id", "event", "date", "child_seen", "seen_alone", "note"], events)
    print(f"workers {len(workers)}, children {len(children)}, cases {len(cases)}, "
          f"events {len(events)}")


if __name__ == "__main__":
    main()
