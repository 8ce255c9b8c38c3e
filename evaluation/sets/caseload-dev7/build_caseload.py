#!/usr/bin/env python3
"""Write the synthetic caseload (workers, children, cases, events) for the dev7 set.

Deterministic, standard library only. Today for the set is 2028-06-21 (Wednesday).
Councils: Medway (one area CIN team, Gillingham) and Kent (one district CIN team, Thanet).
Every child, worker and team name is invented for this set.
Dates are written out literally, except that a few long runs of routine visits are
produced by `every()` (a fixed step from a fixed first date; a weekend or bank holiday
moves to the next working day), so the output is the same on every run. README.md lists
the due dates these events produce; check.py recomputes them.
Run: python3 build_caseload.py  (writes the four CSVs next to this file)
"""
import csv
import datetime as dt
import os

HERE = os.path.dirname(os.path.abspath(__file__))

# England bank holidays used when a routine visit would land on one (2026-2028).
BANK_HOLIDAYS = {dt.date.fromisoformat(s) for s in """
2026-01-01 2026-04-03 2026-04-06 2026-05-04 2026-05-25 2026-08-31 2026-12-25 2026-12-28
2027-01-01 2027-03-26 2027-03-29 2027-05-03 2027-05-31 2027-08-30 2027-12-27 2027-12-28
2028-01-03 2028-04-14 2028-04-17 2028-05-01 2028-05-29 2028-08-28 2028-12-25 2028-12-26
""".split()}

MW_TEAM = ("mw-cin-gillingham", "Medway Children in Need Team (Gillingham)")
KT_TEAM = ("kt-cin-thanet", "Thanet Children in Need Team")
# worker_id, name, role, team_id, team_name, authority, manager_id
WORKERS = [
    ("mw-tm", "Bernadette Quayle", "team_manager", *MW_TEAM, "medway", ""),
    ("mw-sw1", "Kofi Mensah-Larbi", "social_worker", *MW_TEAM, "medway", "mw-tm"),
    ("mw-sw2", "Lucy Pemberton", "social_worker", *MW_TEAM, "medway", "mw-tm"),
    ("mw-asye", "Ffion Haddow", "asye", *MW_TEAM, "medway", "mw-tm"),
    ("mw-sp", "Rajinder Sandhu", "senior_practitioner", *MW_TEAM, "medway", "mw-tm"),
    ("mw-sw3", "Callum Whitlock", "social_worker", *MW_TEAM, "medway", "mw-tm"),
    ("kt-tm", "Yvonne Castellano", "team_manager", *KT_TEAM, "kent", ""),
    ("kt-sw1", "Adaeze Nwosu", "social_worker", *KT_TEAM, "kent", "kt-tm"),
    ("kt-asye", "Jake Mortimer", "asye", *KT_TEAM, "kent", "kt-tm"),
    ("kt-sp", "Siân Pritchard", "senior_practitioner", *KT_TEAM, "kent", "kt-tm"),
    ("kt-sw2", "Tamsin Rowe", "social_worker", *KT_TEAM, "kent", "kt-tm"),
]

V = "visit"
AC, ICM, REV, PLAN = "assessment_completed", "initial_cin_meeting", "cin_review", "plan_circulated"
CPE, DFC, PC, CLOSED = "cp_plan_ended", "discharged_from_care", "proceedings_concluded", "case_closed"


def every(first, last, step=21, alone=("Y", "N")):
    """Routine visits, child seen, from `first` every `step` days up to `last` inclusive.
    seen_alone cycles through `alone`. A date on a weekend or bank holiday moves to the
    next working day."""
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
    # ---------- Kofi Mensah-Larbi (mw-sw1) ----------
    "MW-3201": ("Summer", "Fenwick", "2013-08-02", "N", "mw-sw1", "standard", "2027-09-06", [
        (V, "2027-09-08", "N", "N", "mum would not let me in, summer at school"),
        (AC, "2027-10-22"), (ICM, "2027-11-03"), (PLAN, "2027-11-05"),
        *every("2027-11-08", "2028-05-08", alone=("Y", "N")),
        (REV, "2028-01-24"), (PLAN, "2028-01-26"), (REV, "2028-04-13"), (PLAN, "2028-04-18"),
        (V, "2028-06-01", "Y", "Y"),
    ]),
    "MW-3202": ("Tobias", "Venn", "2011-03-15", "N", "mw-sw1", "standard", "2027-12-06", [
        (AC, "2028-01-28"), (ICM, "2028-02-09"), (PLAN, "2028-02-11"),
        *every("2028-02-14", "2028-05-01", alone=("Y",)),
        (REV, "2028-05-02"), (V, "2028-05-24", "Y", "Y"),
    ]),
    "MW-3203": ("Ruby", "Castell", "2016-05-09", "N", "mw-sw1", "standard", "2028-02-14", [
        (AC, "2028-04-10"), (ICM, "2028-04-24"), (PLAN, "2028-04-26"),
        (V, "2028-05-04", "Y", "N"), (V, "2028-05-23", "Y", "Y"), (V, "2028-06-12", "Y", "Y"),
    ]),
    "MW-3204": ("Ruby", "Ashdown", "2012-11-30", "N", "mw-sw1", "standard", "2027-06-01", [
        (V, "2027-06-03", "N", "N", "nobody home"), (AC, "2027-07-13"), (ICM, "2027-07-26"),
        (PLAN, "2027-07-28"), *every("2027-07-29", "2028-05-15", alone=("Y", "Y", "N")),
        (REV, "2027-10-18"), (PLAN, "2027-10-20"), (REV, "2028-01-10"), (PLAN, "2028-01-12"),
        (REV, "2028-04-03"), (PLAN, "2028-04-05"), (V, "2028-06-07", "Y", "N"),
    ]),
    "MW-3205": ("Kit", "Lamb", "2019-01-20", "N", "mw-sw1", "standard", "2028-05-15", [
        (V, "2028-05-18", "N", "N", "family not in, card left"),
    ]),
    # ---------- Lucy Pemberton (mw-sw2) ----------
    "MW-3210": ("Oakley", "Bellamy", "2012-02-11", "N", "mw-sw2", "standard", "2027-08-16", [
        (AC, "2027-09-24"), (ICM, "2027-10-07"), (PLAN, "2027-10-11"),
        *every("2027-10-12", "2028-05-16", alone=("Y",)),
        (REV, "2027-12-21"), (PLAN, "2027-12-23"), (REV, "2028-03-09"), (PLAN, "2028-03-13"),
        (REV, "2028-05-30"), (V, "2028-06-08", "Y", "Y"),
    ]),
    "MW-3211": ("Lily-Rose", "Bellamy", "2015-07-19", "N", "mw-sw2", "standard", "2027-08-16", [
        (AC, "2027-09-24"), (ICM, "2027-10-07"), (PLAN, "2027-10-11"),
        *every("2027-10-12", "2028-05-16", alone=("N", "Y")),
        (REV, "2027-12-21"), (PLAN, "2027-12-23"), (REV, "2028-03-09"), (PLAN, "2028-03-13"),
        (REV, "2028-05-30"), (V, "2028-06-08", "Y", "N"),
    ]),
    "MW-3212": ("Frankie", "Bellamy", "2020-04-04", "N", "mw-sw2", "standard", "2027-08-16", [
        (AC, "2027-09-24"), (ICM, "2027-10-07"), (PLAN, "2027-10-11"),
        *every("2027-10-12", "2028-04-26", alone=("N",)), (V, "2028-05-18", "Y", "N"),
        (REV, "2027-12-21"), (PLAN, "2027-12-23"), (REV, "2028-03-09"), (PLAN, "2028-03-13"),
        (REV, "2028-05-30"), (V, "2028-06-08", "N", "N", "at nursery, not seen"),
    ]),
    "MW-3213": ("Hope", "Adeyinka", "2010-10-10", "N", "mw-sw2", "standard", "2027-06-07", [
        (V, "2027-06-09", "Y", "Y"), (AC, "2027-07-14"), (ICM, "2027-07-27"), (PLAN, "2027-07-30"),
        (V, "2027-08-12", "Y", "Y"), (CPE, "2028-05-16"), (V, "2028-05-23", "Y", "Y"),
        (V, "2028-06-13", "Y", "N"),
    ]),
    "MW-3214": ("Joaquín", "Ferreira-Walsh", "2014-06-30", "N", "mw-sw2", "standard",
                "2028-03-20", [
        (AC, "2028-05-26"),
    ]),
    # ---------- Ffion Haddow (mw-asye) ----------
    "MW-3220": ("Tegan", "Oduya", "2013-01-05", "N", "mw-asye", "standard", "2028-04-03", [
        (AC, "2028-06-09"),
    ]),
    "MW-3221": ("Alfie-James", "Corrigan", "2017-09-14", "N", "mw-asye", "standard",
                "2028-03-06", [
        (AC, "2028-04-28"), (ICM, "2028-05-11"), (PLAN, "2028-05-15"),
        (V, "2028-05-18", "Y", "Y"), (V, "2028-06-06", "Y", "N"),
    ]),
    "MW-3222": ("Precious", "Mbeki", "2011-12-01", "N", "mw-asye", "standard", "2028-04-25", []),
    "MW-3223": ("Mylo", "Stanbridge", "2015-03-03", "N", "mw-asye", "standard", "2027-09-20", [
        (AC, "2027-10-29"), (ICM, "2027-11-11"), (PLAN, "2027-11-15"),
        *every("2027-11-16", "2028-05-02", alone=("Y", "N")),
        (REV, "2028-02-01"), (PLAN, "2028-02-03"), (REV, "2028-04-25"), (PLAN, "2028-04-27"),
        (V, "2028-05-26", "Y", "Y"),
    ]),
    # ---------- Rajinder Sandhu (mw-sp) ----------
    "MW-3230": ("Nell", "Tremayne", "2012-04-22", "Y", "mw-sp", "disability_review",
                "2026-05-11", [
        (V, "2026-05-13", "Y", "N"), (AC, "2026-06-19"), (ICM, "2026-07-02"), (PLAN, "2026-07-06"),
        (V, "2027-06-28", "Y", "N"), (REV, "2027-06-28"), (PLAN, "2027-06-30"),
    ]),
    "MW-3231": ("Idris", "Kamara", "2014-08-08", "Y", "mw-sp", "disability", "2027-05-10", [
        (V, "2027-05-12", "Y", "N"), (AC, "2027-06-18"), (ICM, "2027-07-05"), (PLAN, "2027-07-07"),
        (V, "2027-09-20", "Y", "N"), (V, "2027-12-06", "Y", "N"), (REV, "2027-12-20"),
        (PLAN, "2027-12-22"), (V, "2028-02-28", "Y", "N"), (V, "2028-05-15", "Y", "N"),
    ]),
    "MW-3232": ("Zoë", "Marchetti", "2016-02-29", "Y", "mw-sp", "disability_welfare",
                "2027-11-15", [
        (V, "2027-11-17", "Y", "N"), (AC, "2027-12-20"), (ICM, "2028-01-10"), (PLAN, "2028-01-12"),
        *every("2028-01-13", "2028-05-15", alone=("N",)),
        (REV, "2028-03-27"), (PLAN, "2028-03-29"), (REV, "2028-06-19"), (V, "2028-06-05", "Y", "N"),
    ]),
    "MW-3233": ("Dexter", "Olaleye", "2011-05-05", "N", "mw-sp", "standard", "2026-09-01", [
        (V, "2026-09-03", "Y", "Y"), (AC, "2026-10-12"), (ICM, "2026-10-26"), (PLAN, "2026-10-28"),
        (V, "2026-11-16", "Y", "Y"), (DFC, "2028-04-28"), (V, "2028-05-05", "Y", "Y"),
        (V, "2028-05-24", "Y", "N"), (V, "2028-06-14", "Y", "Y"),
    ]),
    "MW-3234": ("Willow", "Ashby-Crane", "2018-09-09", "N", "mw-sp", "standard", "2027-11-08", [
        (AC, "2027-12-20"), (ICM, "2028-01-05"), (PLAN, "2028-01-07"),
        *every("2028-01-10", "2028-05-12", alone=("N",)),
        (REV, "2028-03-29"), (PLAN, "2028-03-31"), (V, "2028-06-02", "Y", "N"),
    ]),
    "MW-3235": ("Jago", "Penrose", "2010-07-07", "N", "mw-sp", "standard", "2027-06-14", [
        (V, "2027-06-16", "Y", "Y"), (AC, "2027-07-26"), (ICM, "2027-08-06"), (PLAN, "2027-08-10"),
        *every("2027-08-12", "2028-04-27", alone=("Y",)),
        (REV, "2027-10-28"), (PLAN, "2027-11-01"), (REV, "2028-01-20"), (PLAN, "2028-01-24"),
        (REV, "2028-04-12"), (PLAN, "2028-04-14"), (CLOSED, "2028-05-19"),
    ]),
    # ---------- Callum Whitlock (mw-sw3) ----------
    "MW-3240": ("Anaïs", "Kabongo", "2012-10-01", "N", "mw-sw3", "standard", "2026-11-02", [
        (V, "2026-11-04", "Y", "Y"), (AC, "2026-12-11"), (ICM, "2027-01-06"), (PLAN, "2027-01-08"),
        (V, "2027-01-20", "Y", "Y"), (PC, "2028-06-02"), (V, "2028-06-09", "Y", "Y"),
    ]),
    "MW-3241": ("Noé", "Kabongo", "2019-04-23", "N", "mw-sw3", "standard", "2026-11-02", [
        (V, "2026-11-04", "Y", "N"), (AC, "2026-12-11"), (ICM, "2027-01-06"), (PLAN, "2027-01-08"),
        (V, "2027-01-20", "Y", "N"), (PC, "2028-06-02"), (V, "2028-06-09", "Y", "N"),
    ]),
    "MW-3242": ("Storm", "Pettigrew", "2014-12-12", "N", "mw-sw3", "standard", "2027-08-02", [
        (AC, "2027-09-10"), (ICM, "2027-09-22"), (PLAN, "2027-09-26"),
        *every("2027-09-27", "2028-04-20", alone=("Y", "N")),
        (REV, "2027-12-13"), (PLAN, "2027-12-15"), (REV, "2028-03-06"), (PLAN, "2028-03-08"),
        (V, "2028-05-10", "Y", "Y"), (REV, "2028-05-30"), (PLAN, "2028-06-01"),
        (V, "2028-05-31", "N", "N", "not in"),
        (V, "2028-06-12", "N", "N", "mum said storm at her nan's"),
    ]),
    "MW-3243": ("Keziah", "Bright", "2016-06-16", "N", "mw-sw3", "standard", "2028-05-02", [
        (AC, "2028-06-16"),
    ]),
    "MW-3244": ("Tobias", "Quince", "2013-02-02", "N", "mw-sw3", "standard", "2027-10-02", [
        (V, "2027-10-05", "Y", "Y"), (AC, "2027-11-12"), (ICM, "2027-11-25"), (PLAN, "2027-11-29"),
        *every("2027-11-30", "2028-05-23", alone=("Y",)),
        (REV, "2028-02-16"), (PLAN, "2028-02-18"), (V, "2028-06-15", "Y", "Y"),
    ]),
    # ================= KENT =================
    # ---------- Adaeze Nwosu (kt-sw1) ----------
    "KT-6401": ("River", "Maddox", "2011-01-19", "N", "kt-sw1", "standard", "2027-09-13", [
        (V, "2027-09-15", "Y", "Y"), (AC, "2027-11-08"), (ICM, "2027-11-22"), (PLAN, "2027-11-30"),
        (V, "2028-01-17", "Y", "Y"), (REV, "2028-02-21"), (PLAN, "2028-02-28"),
        (V, "2028-04-03", "Y", "Y"), (V, "2028-05-30", "Y", "N"),
    ]),
    "KT-6402": ("Jasmine", "Adebayo-Frost", "2014-03-08", "N", "kt-sw1", "standard",
                "2028-01-10", [
        (V, "2028-01-12", "Y", "Y"), (AC, "2028-03-07"), (ICM, "2028-03-21"), (PLAN, "2028-03-28"),
        (V, "2028-04-19", "Y", "Y"), (V, "2028-05-31", "Y", "N"),
    ]),
    "KT-6403": ("Benedict", "Clay", "2015-11-23", "N", "kt-sw1", "standard", "2028-04-10", [
        (V, "2028-04-12", "Y", "N"), (V, "2028-05-17", "Y", "Y"),
    ]),
    "KT-6404": ("Autumn", "Sparrow", "2014-10-02", "N", "kt-sw1", "standard", "2027-03-01", [
        (V, "2027-03-03", "Y", "Y"), (AC, "2027-04-26"), (ICM, "2027-05-10"), (PLAN, "2027-05-18"),
        (REV, "2027-08-09"), (PLAN, "2027-08-17"), (V, "2027-10-13", "Y", "Y"),
        (V, "2027-12-08", "Y", "Y"), (REV, "2028-02-07"), (PLAN, "2028-02-15"),
        (V, "2028-04-05", "Y", "Y"), (V, "2028-06-07", "Y", "Y"),
    ]),
    "KT-6405": ("Jude", "Sparrow", "2017-12-27", "N", "kt-sw1", "standard", "2027-03-01", [
        (V, "2027-03-03", "Y", "N"), (AC, "2027-04-26"), (ICM, "2027-05-10"), (PLAN, "2027-05-18"),
        (REV, "2027-08-09"), (PLAN, "2027-08-17"), (V, "2027-10-13", "Y", "N"),
        (V, "2027-12-08", "Y", "Y"), (REV, "2028-02-07"), (PLAN, "2028-02-15"),
        (V, "2028-04-05", "Y", "N"), (V, "2028-06-07", "Y", "N"),
    ]),
    "KT-6406": ("Oisín", "Delaney", "2012-09-30", "N", "kt-sw1", "standard", "2028-03-13", [
        (V, "2028-03-15", "Y", "Y"), (AC, "2028-05-05"), (ICM, "2028-06-12"),
        (V, "2028-06-13", "Y", "Y"),
    ]),
    # ---------- Jake Mortimer (kt-asye) ----------
    "KT-6410": ("Maisie", "Coltrane", "2016-03-12", "N", "kt-asye", "standard", "2028-05-22", [
        (V, "2028-05-24", "Y", "N"),
    ]),
    "KT-6411": ("Reuben", "Cotterill", "2013-05-05", "N", "kt-asye", "standard", "2028-02-28", [
        (V, "2028-03-01", "Y", "Y"), (AC, "2028-04-25"), (ICM, "2028-05-09"), (PLAN, "2028-05-23"),
        (V, "2028-06-01", "Y", "Y"),
    ]),
    "KT-6412": ("Daisy", "Penhaligon", "2018-11-11", "N", "kt-asye", "standard", "2028-03-27", [
        (V, "2028-03-29", "Y", "N"), (AC, "2028-05-30"), (V, "2028-06-06", "Y", "N"),
    ]),
    "KT-6413": ("Léon", "Baptiste", "2014-01-25", "N", "kt-asye", "standard", "2027-12-06", [
        (V, "2027-12-08", "Y", "Y"), (AC, "2028-01-31"), (ICM, "2028-02-15"), (PLAN, "2028-02-28"),
        (V, "2028-03-22", "Y", "Y"), (V, "2028-05-10", "Y", "N"),
    ]),
    "KT-6414": ("Ellie-Mai", "Tucker", "2015-08-08", "N", "kt-asye", "standard", "2028-03-01", [
        (V, "2028-03-03", "Y", "N"), (AC, "2028-04-26"), (ICM, "2028-06-14"),
    ]),
    # ---------- Siân Pritchard (kt-sp) ----------
    "KT-6420": ("Bartholomew", "Finch", "2010-12-02", "N", "kt-sp", "standard", "2026-10-05", [
        (V, "2026-10-07", "Y", "Y"), (AC, "2026-11-30"), (ICM, "2026-12-14"), (PLAN, "2026-12-21"),
        (REV, "2027-03-11"), (PLAN, "2027-03-18"), (V, "2027-06-09", "Y", "Y"),
        (REV, "2027-09-09"), (PLAN, "2027-09-16"), (V, "2027-12-01", "Y", "Y"),
        (REV, "2028-03-07"), (PLAN, "2028-03-14"), (V, "2028-05-24", "Y", "Y"),
    ]),
    "KT-6421": ("Rowan", "Tilley", "2013-07-07", "N", "kt-sp", "standard", "2027-10-11", [
        (V, "2027-10-13", "Y", "Y"), (AC, "2027-12-08"), (CPE, "2028-04-05"), (ICM, "2028-04-05"),
        (PLAN, "2028-04-12"), (V, "2028-05-03", "Y", "Y"), (V, "2028-06-05", "Y", "N"),
    ]),
    "KT-6422": ("Amara-Grace", "Nkemelu", "2017-02-14", "N", "kt-sp", "standard", "2027-06-21", [
        (V, "2027-06-23", "Y", "N"), (AC, "2027-08-13"), (ICM, "2027-09-22"), (PLAN, "2027-09-30"),
        (REV, "2027-12-23"), (PLAN, "2027-12-30"), (V, "2028-02-16", "Y", "N"),
        (V, "2028-04-26", "Y", "Y"),
    ]),
    "KT-6423": ("Kaydence", "Lovell", "2012-05-05", "N", "kt-sp", "standard", "2028-04-24", [
        (V, "2028-04-26", "Y", "Y"),
    ]),
    "KT-6424": ("Fern", "Hallam", "2016-10-20", "N", "kt-sp", "standard", "2027-11-22", [
        (V, "2027-11-24", "Y", "N"), (AC, "2028-01-21"), (ICM, "2028-02-02"), (PLAN, "2028-02-16"),
        (V, "2028-03-15", "Y", "Y"), (REV, "2028-05-02"), (V, "2028-06-02", "Y", "Y"),
    ]),
    "KT-6425": ("Cosmo", "Dearlove", "2011-06-18", "N", "kt-sp", "standard", "2027-05-04", [
        (V, "2027-05-06", "Y", "Y"), (AC, "2027-06-30"), (ICM, "2027-07-12"), (PLAN, "2027-07-20"),
        (REV, "2027-10-11"), (PLAN, "2027-10-19"), (V, "2027-12-15", "Y", "Y"),
        (REV, "2028-04-06"), (PLAN, "2028-04-13"), (CLOSED, "2028-06-02"),
    ]),
    # ---------- Tamsin Rowe (kt-sw2) ----------
    "KT-6430": ("Mohammed", "Rahimi", "2011-03-03", "N", "kt-sw2", "standard", "2027-12-13", [
        (V, "2027-12-15", "Y", "Y"), (AC, "2028-03-16"), (ICM, "2028-03-30"), (PLAN, "2028-04-07"),
        (V, "2028-05-11", "Y", "Y"),
    ]),
    "KT-6431": ("Clementine", "Beaumont", "2013-09-19", "N", "kt-sw2", "standard", "2027-05-17", [
        (V, "2027-05-19", "Y", "Y"), (AC, "2027-07-12"), (ICM, "2027-07-26"), (PLAN, "2027-08-03"),
        (REV, "2027-10-25"), (PLAN, "2027-11-02"), (V, "2028-01-19", "Y", "Y"),
        (REV, "2028-04-24"), (PLAN, "2028-04-27"), (V, "2028-06-01", "Y", "Y"),
    ]),
    "KT-6432": ("Otis", "Beaumont", "2019-12-01", "N", "kt-sw2", "standard", "2027-05-17", [
        (V, "2027-05-19", "Y", "N"), (AC, "2027-07-12"), (ICM, "2027-07-26"), (PLAN, "2027-08-03"),
        (REV, "2027-10-25"), (PLAN, "2027-11-02"), (V, "2028-01-19", "Y", "N"),
        (REV, "2028-04-24"), (PLAN, "2028-04-27"), (V, "2028-06-01", "Y", "N"),
    ]),
    "KT-6433": ("Jay", "Whitfield", "2014-04-04", "N", "kt-sw2", "standard", "2028-02-07", [
        (V, "2028-02-09", "Y", "Y"), (AC, "2028-04-05"), (ICM, "2028-04-19"), (PLAN, "2028-04-28"),
        (V, "2028-05-25", "Y", "Y"),
    ]),
    "KT-6434": ("Renée", "Achebe", "2012-08-18", "N", "kt-sw2", "standard", "2028-04-17", [
        (V, "2028-04-19", "Y", "Y"),
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
