#!/usr/bin/env python3
"""Write the synthetic caseload (workers, children, cases, events) for the dev6 set.

Deterministic, standard library only. Today for the set is 2028-01-12 (Wednesday).
Councils: Medway (one area CIN team, Gillingham) and Camden (one CIN team, Kentish Town).
All names are invented for this set.
Dates are written out literally, except that a few long runs of routine visits are
produced by `every()` (a fixed step from a fixed first date, weekends and bank holidays moved
to the next working day), so the output is the same on every run. README.md lists the due
dates these events produce; check.py recomputes them.
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
2028-01-03 2028-04-14 2028-04-17
""".split()}

MW_TEAM = ("mw-cin-gillingham", "Medway Children in Need Team (Gillingham)")
CM_TEAM = ("cm-cin-kentishtown", "Camden Child in Need Team (Kentish Town)")
# worker_id, name, role, team_id, team_name, authority, manager_id
WORKERS = [
    ("mw-tm", "Beverley Ashdown", "team_manager", *MW_TEAM, "medway", ""),
    ("mw-sw1", "Kwame Ofori", "social_worker", *MW_TEAM, "medway", "mw-tm"),
    ("mw-sw2", "Lucy Pemberton", "social_worker", *MW_TEAM, "medway", "mw-tm"),
    ("mw-asye", "Jamie Kowalczyk", "asye", *MW_TEAM, "medway", "mw-tm"),
    ("mw-sp", "Rhiannon Pritchard", "senior_practitioner", *MW_TEAM, "medway", "mw-tm"),
    ("mw-sw3", "Samir Haddad", "social_worker", *MW_TEAM, "medway", "mw-tm"),
    ("cm-tm", "Frances O'Dowd", "team_manager", *CM_TEAM, "camden", ""),
    ("cm-sw1", "Tobias Reinholt", "social_worker", *CM_TEAM, "camden", "cm-tm"),
    ("cm-asye", "Chloe Marchetti", "asye", *CM_TEAM, "camden", "cm-tm"),
    ("cm-sp", "Yusuf Demir", "senior_practitioner", *CM_TEAM, "camden", "cm-tm"),
    ("cm-sw2", "Aoife Brannigan", "social_worker", *CM_TEAM, "camden", "cm-tm"),
]

V = "visit"
AC, ICM, REV, PLAN = "assessment_completed", "initial_cin_meeting", "cin_review", "plan_circulated"
CPE, DFC, PROC, CLOSED = "cp_plan_ended", "discharged_from_care", "proceedings_concluded", "case_closed"
CS = "case_summary"


def every(first, last, step=21, alone=("Y", "N")):
    """Routine visits, child seen, from `first` every `step` days up to `last` inclusive.
    seen_alone cycles through `alone`. A date on a weekend or bank holiday moves to the next
    working day."""
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
    # ---------- Kwame Ofori (mw-sw1) ----------
    "MW-5101": ("Rosie", "Penhaligon", "2014-02-17", "N", "mw-sw1", "standard", "2027-04-12", [
        (AC, "2027-05-24"), (ICM, "2027-06-07"), (PLAN, "2027-06-09"),
        *every("2027-06-10", "2027-11-25", alone=("Y",)),
        (REV, "2027-08-31"), (PLAN, "2027-09-02"), (REV, "2027-11-22"), (PLAN, "2027-11-24"),
        (V, "2027-12-20", "Y", "Y"),
    ]),
    "MW-5102": ("Alfie", "Penhaligon", "2018-10-03", "N", "mw-sw1", "standard", "2027-04-12", [
        (AC, "2027-05-24"), (ICM, "2027-06-07"), (PLAN, "2027-06-09"),
        *every("2027-06-10", "2027-11-25", alone=("N",)),
        (REV, "2027-08-31"), (PLAN, "2027-09-02"), (REV, "2027-11-22"), (PLAN, "2027-11-24"),
        (V, "2027-12-20", "Y", "N"),
    ]),
    "MW-5103": ("Kayla", "Drummond", "2011-07-29", "N", "mw-sw1", "standard", "2027-06-21", [
        (AC, "2027-08-06"), (ICM, "2027-08-18"), (PLAN, "2027-08-20"),
        *every("2027-08-23", "2027-12-06", alone=("Y", "Y", "N")),
        (REV, "2027-11-10"), (PLAN, "2027-11-12"), (V, "2027-12-22", "Y", "Y"),
        (REV, "2028-01-05"), (V, "2028-01-06", "Y", "Y"),
    ]),
    "MW-5104": ("Oscar", "Featherstone", "2016-04-08", "N", "mw-sw1", "standard", "2027-11-15", []),
    "MW-5105": ("Dylan", "Mace", "2013-09-30", "N", "mw-sw1", "standard", "2027-09-13", [
        (AC, "2027-10-22"), (ICM, "2027-11-03"), (PLAN, "2027-11-05"),
        (V, "2027-11-08", "Y", "Y"), (V, "2027-11-26", "Y", "Y"), (V, "2027-12-15", "Y", "N"),
        (V, "2028-01-04", "Y", "Y"),
    ]),
    "MW-5106": ("Dylan", "Ruddock", "2010-12-14", "N", "mw-sw1", "standard", "2027-03-01", [
        (AC, "2027-04-21"), (ICM, "2027-05-04"), (PLAN, "2027-05-06"),
        *every("2027-05-10", "2027-11-22", alone=("Y",)),
        (REV, "2027-07-27"), (PLAN, "2027-07-29"), (REV, "2027-10-19"), (PLAN, "2027-10-21"),
        (V, "2027-12-16", "Y", "Y"),
        (V, "2028-01-07", "N", "N", "no answer, neighbour says family away for new year"),
    ]),
    # ---------- Lucy Pemberton (mw-sw2) ----------
    "MW-5110": ("Harley", "Quennell", "2012-05-21", "N", "mw-sw2", "standard", "2027-02-08", [
        (AC, "2027-03-26"), (ICM, "2027-04-12"), (PLAN, "2027-04-14"),
        *every("2027-04-15", "2027-11-18", alone=("Y", "N")),
        (REV, "2027-07-05"), (PLAN, "2027-07-07"), (REV, "2027-09-27"), (PLAN, "2027-09-29"),
        (V, "2027-12-10", "Y", "Y"), (REV, "2027-12-20"), (PLAN, "2027-12-22"),
        (V, "2027-12-31", "N", "N", "mum said Harley at his nan's in Chatham"),
    ]),
    "MW-5111": ("Precious", "Adebayo-Hart", "2015-06-11", "N", "mw-sw2", "standard", "2027-11-01", [
        (AC, "2028-01-04"),
    ]),
    "MW-5112": ("Connor", "Baptiste", "2010-08-26", "N", "mw-sw2", "standard", "2027-05-10", [
        (AC, "2027-06-18"), (ICM, "2027-07-01"), (PLAN, "2027-07-05"),
        (V, "2027-07-08", "Y", "Y"), (V, "2027-07-28", "Y", "Y"),
        (CPE, "2027-11-22"), (V, "2027-11-25", "Y", "Y"), (V, "2027-12-14", "Y", "N"),
        (V, "2028-01-07", "Y", "Y"),
    ]),
    "MW-5113": ("Lottie", "Scarisbrick", "2017-03-02", "N", "mw-sw2", "standard", "2027-07-05", [
        (AC, "2027-08-13"), (ICM, "2027-08-26"), (PLAN, "2027-08-31"),
        *every("2027-09-01", "2027-12-15", alone=("N",)),
        (V, "2028-01-10", "Y", "N"),
    ]),
    "MW-5114": ("Reuben", "Ashcroft", "2011-01-15", "N", "mw-sw2", "standard", "2027-02-22", [
        (AC, "2027-04-06"), (ICM, "2027-04-19"), (PLAN, "2027-04-21"),
        *every("2027-04-22", "2027-11-25", alone=("Y",)),
        (REV, "2027-07-12"), (PLAN, "2027-07-14"), (REV, "2027-10-04"), (PLAN, "2027-10-06"),
        (CLOSED, "2027-12-15"),
    ]),
    # ---------- Jamie Kowalczyk (mw-asye) ----------
    "MW-5120": ("Skyla", "Moffatt", "2019-11-23", "N", "mw-asye", "standard", "2027-11-08", [
        (AC, "2027-12-21"), (ICM, "2028-01-10"),
    ]),
    "MW-5121": ("Thomas", "Vella", "2013-04-04", "N", "mw-asye", "standard", "2027-08-16", [
        (AC, "2027-09-24"), (ICM, "2027-10-07"), (PLAN, "2027-10-11"),
        (V, "2027-10-14", "Y", "Y"), (V, "2027-11-03", "Y", "Y"), (V, "2027-11-24", "Y", "N"),
        (V, "2027-12-17", "Y", "Y"), (REV, "2027-12-29"), (PLAN, "2027-12-31"),
    ]),
    "MW-5122": ("Nevaeh", "Oduya", "2016-02-09", "N", "mw-asye", "standard", "2027-10-25", []),
    "MW-5123": ("Jaxon", "Prentice", "2012-11-30", "N", "mw-asye", "standard", "2027-05-17", [
        (AC, "2027-07-06"), (ICM, "2027-07-14"), (PLAN, "2027-07-16"),
        *every("2027-07-22", "2027-12-13", alone=("Y", "N")),
        (REV, "2027-10-04"), (PLAN, "2027-10-06"), (REV, "2027-12-23"), (PLAN, "2027-12-30"),
        (V, "2028-01-05", "Y", "N"),
    ]),
    # ---------- Rhiannon Pritchard (mw-sp) ----------
    "MW-5130": ("Isla", "Cathcart", "2014-08-19", "Y", "mw-sp", "disability", "2026-11-02", [
        (AC, "2026-12-11"), (ICM, "2027-01-14"), (PLAN, "2027-01-18"), (V, "2027-01-20", "Y", "N"),
        (V, "2027-04-12", "Y", "N"), (V, "2027-07-01", "Y", "N"), (REV, "2027-07-26"),
        (PLAN, "2027-07-28"), (V, "2027-09-22", "Y", "N"), (V, "2027-12-08", "Y", "N"),
    ]),
    "MW-5131": ("Benedict", "Okwu", "2011-03-27", "Y", "mw-sp", "disability_review", "2026-01-12", [
        (AC, "2026-02-20"), (ICM, "2026-03-05"), (PLAN, "2026-03-09"), (V, "2026-03-05", "Y", "N"),
        (V, "2027-02-08", "Y", "N"), (REV, "2027-02-18"), (PLAN, "2027-02-22"),
    ]),
    "MW-5132": ("Maisie", "Trelawney", "2016-10-10", "Y", "mw-sp", "disability_welfare", "2027-03-15", [
        (AC, "2027-04-30"), (ICM, "2027-05-13"), (PLAN, "2027-05-17"),
        *every("2027-05-20", "2027-11-25", alone=("N",)),
        (REV, "2027-08-05"), (PLAN, "2027-08-09"), (REV, "2027-10-28"), (PLAN, "2027-11-01"),
        (V, "2027-12-16", "Y", "N"),
    ]),
    "MW-5133": ("Ayaan", "Siddiqui", "2013-06-05", "N", "mw-sp", "standard", "2026-12-06", [
        (V, "2026-12-08", "Y", "Y"), (AC, "2027-01-22"), (ICM, "2027-02-03"), (PLAN, "2027-02-05"),
        (V, "2027-02-17", "Y", "Y"), (V, "2027-03-10", "Y", "Y"),
        (DFC, "2027-12-01"), (V, "2027-12-03", "Y", "Y"), (V, "2027-12-17", "Y", "Y"),
        (V, "2028-01-11", "Y", "Y"),
    ]),
    "MW-5134": ("Georgie", "Halvorsen", "2010-09-12", "N", "mw-sp", "standard", "2027-03-08", [
        (AC, "2027-04-15"), (ICM, "2027-04-27"), (PLAN, "2027-04-29"),
        *every("2027-05-03", "2027-12-01", alone=("Y",)),
        (REV, "2027-07-22"), (PLAN, "2027-07-26"), (REV, "2027-10-21"), (PLAN, "2027-10-25"),
        (V, "2027-12-23", "Y", "Y"),
    ]),
    # ---------- Samir Haddad (mw-sw3) ----------
    "MW-5140": ("Demi", "Castellano", "2012-01-26", "N", "mw-sw3", "standard", "2027-09-20", [
        (AC, "2027-10-29"), (ICM, "2027-11-10"), (PLAN, "2027-11-12"),
        (V, "2027-11-15", "Y", "Y"), (V, "2027-12-03", "Y", "Y"), (V, "2027-12-21", "Y", "Y"),
        (V, "2028-01-07", "Y", "Y"),
    ]),
    "MW-5141": ("Leon", "Castellano", "2015-07-14", "N", "mw-sw3", "standard", "2027-09-20", [
        (AC, "2027-10-29"), (ICM, "2027-11-10"), (PLAN, "2027-11-12"),
        (V, "2027-11-15", "Y", "N"), (V, "2027-12-03", "Y", "Y"), (V, "2027-12-21", "Y", "N"),
        (V, "2028-01-07", "N", "N", "Leon at his dad's for the week"),
    ]),
    "MW-5142": ("Imogen", "Blaydon", "2011-04-18", "N", "mw-sw3", "standard", "2027-01-25", [
        (AC, "2027-03-12"), (ICM, "2027-03-25"), (PLAN, "2027-03-29"),
        *every("2027-03-30", "2027-12-08", alone=("Y",)),
        (REV, "2027-06-17"), (PLAN, "2027-06-21"), (REV, "2027-09-09"), (PLAN, "2027-09-13"),
        (REV, "2027-12-02"), (V, "2027-12-30", "Y", "Y"),
    ]),
    "MW-5143": ("Riley", "Stanbridge", "2017-12-01", "N", "mw-sw3", "standard", "2027-12-06", []),
    "MW-5144": ("Zainab", "Kargbo", "2014-05-03", "N", "mw-sw3", "standard", "2027-10-04", [
        (AC, "2027-11-15"), (ICM, "2027-11-26"), (PLAN, "2027-12-01"),
        (V, "2027-12-06", "Y", "Y"),
        (V, "2027-12-22", "N", "N", "nobody in, card left"),
    ]),
    # ================= CAMDEN =================
    # ---------- Tobias Reinholt (cm-sw1) ----------
    "CM-8101": ("Ruby", "Mensah", "2013-03-14", "N", "cm-sw1", "standard", "2026-12-07", [
        (V, "2026-12-10", "Y", "Y"), (AC, "2027-01-29"), (ICM, "2027-02-10"), (PLAN, "2027-02-17"),
        (REV, "2027-05-06"), (PLAN, "2027-05-18"), (CS, "2027-05-10"),
        (REV, "2027-08-04"), (PLAN, "2027-08-13"), (CS, "2027-07-26"),
        (REV, "2027-10-28"), (PLAN, "2027-11-05"), (CS, "2027-10-20"),
        *every("2027-02-15", "2027-12-20", step=28, alone=("Y",)),
    ]),
    "CM-8102": ("Kofi", "Mensah", "2016-09-08", "N", "cm-sw1", "standard", "2026-12-07", [
        (V, "2026-12-10", "Y", "N"), (AC, "2027-01-29"), (ICM, "2027-02-10"), (PLAN, "2027-02-17"),
        (REV, "2027-05-06"), (PLAN, "2027-05-18"), (CS, "2027-05-10"),
        (REV, "2027-08-04"), (PLAN, "2027-08-13"), (CS, "2027-07-26"),
        (REV, "2027-10-28"), (PLAN, "2027-11-05"), (CS, "2027-10-20"),
        *every("2027-02-15", "2027-12-20", step=28, alone=("N", "Y")),
    ]),
    "CM-8103": ("Ellie-Mae", "Stratton", "2011-11-02", "N", "cm-sw1", "standard", "2027-10-25", [
        (V, "2027-10-28", "Y", "Y"), (V, "2027-12-09", "Y", "Y"), (AC, "2027-12-17"),
        (ICM, "2027-12-30"), (V, "2028-01-06", "Y", "N"),
    ]),
    "CM-8104": ("Nico", "Ferreira", "2018-06-22", "N", "cm-sw1", "standard", "2028-01-07", []),
    "CM-8105": ("Jude", "Halloran", "2010-04-27", "N", "cm-sw1", "standard", "2026-10-05", [
        (V, "2026-10-07", "Y", "Y"), (AC, "2026-11-20"), (ICM, "2026-12-02"), (PLAN, "2026-12-10"),
        (V, "2027-01-13", "Y", "Y"), (DFC, "2027-12-20"), (V, "2027-12-22", "Y", "Y"),
        (V, "2028-01-05", "Y", "Y"),
    ]),
    "CM-8106": ("Harrison", "Tebbutt", "2012-02-29", "N", "cm-sw1", "standard", "2027-10-18", [
        (V, "2027-10-22", "Y", "Y"), (V, "2027-11-19", "Y", "Y"), (AC, "2027-12-17"),
    ]),
    # ---------- Chloe Marchetti (cm-asye) ----------
    "CM-8110": ("Lola", "Abernethy", "2017-01-31", "N", "cm-asye", "standard", "2027-11-22", [
        (V, "2027-11-26", "Y", "N"), (V, "2027-12-14", "Y", "Y"), (AC, "2028-01-06"),
    ]),
    "CM-8111": ("Mohammed", "Jalloh", "2012-10-16", "N", "cm-asye", "standard", "2027-06-14", [
        (V, "2027-06-17", "Y", "Y"), (AC, "2027-08-02"), (ICM, "2027-08-12"), (PLAN, "2027-08-20"),
        (V, "2027-09-15", "Y", "Y"), (V, "2027-10-20", "Y", "Y"), (CS, "2027-11-08"),
        (REV, "2027-11-09"), (V, "2027-12-08", "Y", "N"),
    ]),
    "CM-8112": ("Sienna", "Kaczmarek", "2015-05-25", "N", "cm-asye", "standard", "2027-02-15", [
        (V, "2027-02-17", "Y", "N"), (AC, "2027-03-30"), (ICM, "2027-04-12"), (PLAN, "2027-04-22"),
        (CPE, "2027-10-14"), (V, "2027-10-27", "Y", "Y"), (V, "2027-11-24", "Y", "Y"),
        (V, "2027-12-20", "Y", "N"),
    ]),
    "CM-8113": ("Tegan", "Rourke", "2011-08-07", "N", "cm-asye", "standard", "2027-03-01", [
        (V, "2027-03-04", "Y", "Y"), (AC, "2027-04-16"), (ICM, "2027-04-28"), (PLAN, "2027-05-07"),
        (REV, "2027-07-26"), (PLAN, "2027-08-04"), (CS, "2027-07-22"), (REV, "2027-10-21"),
        (PLAN, "2027-11-01"), (CS, "2027-10-19"), (CLOSED, "2027-11-30"),
    ]),
    "CM-8114": ("Ezra", "Bloomfield", "2019-03-18", "N", "cm-asye", "standard", "2027-12-29", [
        (V, "2028-01-07", "Y", "N"),
    ]),
    # ---------- Yusuf Demir (cm-sp) ----------
    "CM-8120": ("Maryam", "Haidari", "2013-12-05", "N", "cm-sp", "standard", "2027-03-22", [
        (V, "2027-03-24", "Y", "Y"), (AC, "2027-05-12"), (ICM, "2027-05-24"), (PLAN, "2027-06-04"),
        (REV, "2027-08-19"), (PLAN, "2027-08-27"), (CS, "2027-08-20"),
        (REV, "2027-11-16"), (PLAN, "2027-11-26"), (CS, "2027-11-17"),
        (V, "2027-12-13", "Y", "Y"),
    ]),
    "CM-8121": ("Maryam", "Osei", "2016-07-19", "N", "cm-sp", "standard", "2027-08-09", [
        (V, "2027-08-11", "Y", "N"), (AC, "2027-09-30"), (ICM, "2027-10-18"), (PLAN, "2027-10-29"),
        (V, "2027-11-17", "Y", "Y"), (V, "2027-12-15", "Y", "Y"),
    ]),
    "CM-8122": ("Kenzie", "Dawlish", "2010-06-30", "N", "cm-sp", "standard", "2026-09-07", [
        (V, "2026-09-09", "Y", "Y"), (AC, "2026-10-20"), (ICM, "2026-11-02"), (PLAN, "2026-11-12"),
        (PROC, "2027-12-15"), (V, "2027-12-17", "Y", "Y"), (V, "2028-01-04", "Y", "Y"),
    ]),
    "CM-8123": ("Sebastian", "Varga", "2014-01-21", "N", "cm-sp", "standard", "2027-01-11", [
        (V, "2027-01-13", "Y", "Y"), (AC, "2027-02-26"), (ICM, "2027-03-08"), (PLAN, "2027-03-17"),
        (REV, "2027-06-03"), (PLAN, "2027-06-15"), (CS, "2027-06-04"),
        (REV, "2027-09-01"), (PLAN, "2027-09-10"), (CS, "2027-09-02"),
        (REV, "2027-11-25"), (PLAN, "2027-12-06"), (CS, "2027-11-29"),
        (V, "2027-12-21", "Y", "Y"),
    ]),
    "CM-8124": ("Aaliyah", "Brightwell", "2012-09-03", "N", "cm-sp", "standard", "2026-11-15", [
        (V, "2026-11-17", "Y", "Y"), (AC, "2027-01-08"), (ICM, "2027-01-20"), (PLAN, "2027-01-29"),
        (CPE, "2027-10-20"), (CS, "2027-11-03"), (V, "2027-11-10", "Y", "Y"),
        (V, "2027-12-09", "Y", "Y"),
    ]),
    "CM-8125": ("Callum", "Ridgeway", "2011-05-09", "N", "cm-sp", "standard", "2027-12-20", [
        (V, "2027-12-22", "Y", "Y"),
    ]),
    # ---------- Aoife Brannigan (cm-sw2) ----------
    "CM-8130": ("Destiny", "Amankwah", "2011-12-12", "N", "cm-sw2", "standard", "2027-04-05", [
        (V, "2027-04-08", "Y", "Y"), (AC, "2027-05-19"), (ICM, "2027-06-01"), (PLAN, "2027-06-10"),
        (REV, "2027-08-25"), (PLAN, "2027-09-03"), (CS, "2027-08-27"),
        (REV, "2027-11-22"), (PLAN, "2027-12-10"), (V, "2027-12-16", "Y", "Y"),
    ]),
    "CM-8131": ("Rio", "Amankwah", "2015-02-04", "N", "cm-sw2", "standard", "2027-04-05", [
        (V, "2027-04-08", "Y", "N"), (AC, "2027-05-19"), (ICM, "2027-06-01"), (PLAN, "2027-06-10"),
        (REV, "2027-08-25"), (PLAN, "2027-09-03"), (CS, "2027-08-27"),
        (REV, "2027-11-22"), (PLAN, "2027-12-10"), (V, "2027-12-16", "Y", "Y"),
    ]),
    "CM-8132": ("Blessing", "Amankwah", "2020-05-27", "N", "cm-sw2", "standard", "2027-04-05", [
        (V, "2027-04-08", "Y", "N"), (AC, "2027-05-19"), (ICM, "2027-06-01"), (PLAN, "2027-06-10"),
        (REV, "2027-08-25"), (PLAN, "2027-09-03"), (CS, "2027-08-27"),
        (REV, "2027-11-22"), (PLAN, "2027-12-10"), (V, "2027-12-16", "Y", "N"),
    ]),
    "CM-8133": ("Hugo", "Stavros", "2014-10-01", "N", "cm-sw2", "standard", "2028-01-04", []),
    "CM-8134": ("Willow", "Tranter", "2015-08-08", "N", "cm-sw2", "standard", "2026-11-29", [
        (V, "2026-12-01", "Y", "Y"), (AC, "2027-01-13"), (ICM, "2027-01-25"), (PLAN, "2027-02-03"),
        (REV, "2027-04-22"), (PLAN, "2027-04-30"), (CS, "2027-04-23"),
        (REV, "2027-07-20"), (PLAN, "2027-07-29"), (CS, "2027-07-21"),
        (REV, "2027-10-18"), (PLAN, "2027-10-27"), (CS, "2027-10-15"),
        (V, "2027-11-30", "Y", "Y"), (V, "2028-01-05", "Y", "Y"),
    ]),
    "CM-8135": ("Amir", "Hosseini", "2013-02-14", "N", "cm-sw2", "standard", "2027-07-19", [
        (V, "2027-07-21", "Y", "Y"), (AC, "2027-09-10"), (ICM, "2027-09-22"), (PLAN, "2027-10-01"),
        (V, "2027-10-27", "Y", "Y"), (CS, "2027-12-20"), (V, "2027-12-21", "Y", "N"),
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
