#!/usr/bin/env python3
"""Write the synthetic caseload (workers, children, cases, events) for the sealed5 set.

Deterministic, standard library only. Today for the set is 2028-03-02 (Thursday; 2028 is a
leap year, so 2028-02-29 exists and is a Tuesday).
Councils: Medway (one area CIN team, Strood) and Kent (one district CIN team, Swale).
Dates are written out literally, except that a few long runs of routine visits are produced
by `every()` (a fixed step from a fixed first date, weekends and bank holidays moved to the
next working day), so the output is the same on every run. README.md lists the due dates
these events produce; check.py recomputes them.
Run: python3 build_caseload.py  (writes the four CSVs next to this file)
"""
import csv
import datetime as dt
import os

HERE = os.path.dirname(os.path.abspath(__file__))

# England bank holidays (substitute days included) used when a routine visit would land on one.
BANK_HOLIDAYS = {dt.date.fromisoformat(s) for s in """
2026-01-01 2026-04-03 2026-04-06 2026-05-04 2026-05-25 2026-08-31 2026-12-25 2026-12-28
2027-01-01 2027-03-26 2027-03-29 2027-05-03 2027-05-31 2027-08-30 2027-12-27 2027-12-28
2028-01-03 2028-04-14 2028-04-17 2028-05-01 2028-05-29 2028-08-28 2028-12-25 2028-12-26
""".split()}

MW_TEAM = ("mw-strood-cin", "Medway Area Team 2 - Children in Need (Strood)")
KT_TEAM = ("kt-swale-cin", "Swale Children in Need Team (Sittingbourne)")
# worker_id, name, role, team_id, team_name, authority, manager_id
WORKERS = [
    ("mw-mgr", "Philippa Ormerod", "team_manager", *MW_TEAM, "medway", ""),
    ("mw-p1", "Kwabena Mensah", "social_worker", *MW_TEAM, "medway", "mw-mgr"),
    ("mw-p2", "Lorna Tregothnan", "social_worker", *MW_TEAM, "medway", "mw-mgr"),
    ("mw-p3", "Imogen Castellano", "asye", *MW_TEAM, "medway", "mw-mgr"),
    ("mw-p4", "Dariusz Wrobel", "senior_practitioner", *MW_TEAM, "medway", "mw-mgr"),
    ("mw-p5", "Shanice Whitlock", "social_worker", *MW_TEAM, "medway", "mw-mgr"),
    ("kt-mgr", "Graham Penhaligon", "team_manager", *KT_TEAM, "kent", ""),
    ("kt-p1", "Ayesha Qureshi", "social_worker", *KT_TEAM, "kent", "kt-mgr"),
    ("kt-p2", "Fergus Donnachie", "asye", *KT_TEAM, "kent", "kt-mgr"),
    ("kt-p3", "Beatrix Okonjo", "senior_practitioner", *KT_TEAM, "kent", "kt-mgr"),
    ("kt-p4", "Callum Redfern", "social_worker", *KT_TEAM, "kent", "kt-mgr"),
]

V = "visit"
AC, ICM, REV, PLAN = "assessment_completed", "initial_cin_meeting", "cin_review", "plan_circulated"
CPE, DFC, CLOSED = "cp_plan_ended", "discharged_from_care", "case_closed"


def every(first, last, step=14, alone=("Y",)):
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
    # ---------- Kwabena Mensah (mw-p1) ----------
    "MW-4101": ("Ruby", "Ashdown", "2013-05-19", "N", "mw-p1", "standard", "2027-05-10", [
        (V, "2027-05-13", "Y", "Y"), (AC, "2027-06-28"), (ICM, "2027-07-08"), (PLAN, "2027-07-12"),
        *every("2027-07-15", "2028-01-27", alone=("Y", "N")),
        (REV, "2027-09-28"), (PLAN, "2027-09-30"), (REV, "2027-12-14"), (PLAN, "2027-12-16"),
        (V, "2028-02-15", "Y", "Y"),
    ]),
    "MW-4102": ("Ruby", "Penfold", "2019-02-03", "N", "mw-p1", "standard", "2027-11-15", [
        (AC, "2028-01-14"), (ICM, "2028-01-27"), (PLAN, "2028-02-03"),
        (V, "2028-02-01", "Y", "N"), (V, "2028-02-22", "Y", "N", "mum present throughout"),
    ]),
    "MW-4103": ("Cian", "Doherty", "2010-09-14", "N", "mw-p1", "standard", "2027-08-02", [
        (V, "2027-08-04", "Y", "Y"), (AC, "2027-09-10"), (ICM, "2027-09-23"), (PLAN, "2027-09-27"),
        *every("2027-09-30", "2028-01-13", alone=("Y",)),
        (REV, "2027-12-09"), (PLAN, "2027-12-14"), (V, "2028-01-19", "Y", "Y"),
        (V, "2028-02-09", "N", "N", "no answer, card left"),
    ]),
    "MW-4104": ("Oluwaseun", "Adebayo", "2012-11-30", "N", "mw-p1", "standard", "2027-12-13", [
        (V, "2027-12-16", "N", "N", "mum only, Seun at school"), (AC, "2028-02-21"),
    ]),
    "MW-4105": ("Harley", "Gosden", "2015-08-08", "N", "mw-p1", "standard", "2027-03-01", [
        (V, "2027-03-03", "Y", "Y"), (AC, "2027-04-12"), (ICM, "2027-04-26"), (PLAN, "2027-04-28"),
        *every("2027-04-29", "2027-07-22", alone=("Y",)),
        (CPE, "2028-01-10"), (V, "2028-01-17", "Y", "Y"), (V, "2028-02-07", "Y", "N"),
        (V, "2028-02-24", "Y", "Y"),
    ]),
    # ---------- Lorna Tregothnan (mw-p2) ----------
    "MW-4110": ("Isla", "Fennimore", "2012-04-27", "N", "mw-p2", "standard", "2027-06-14", [
        (V, "2027-06-16", "Y", "Y"), (AC, "2027-07-26"), (ICM, "2027-08-05"), (PLAN, "2027-08-09"),
        *every("2027-08-12", "2028-02-03", alone=("Y",)),
        (REV, "2027-10-26"), (PLAN, "2027-10-28"), (REV, "2028-01-18"),
        (V, "2028-02-21", "Y", "Y"),
    ]),
    "MW-4111": ("Jude", "Fennimore", "2015-01-09", "N", "mw-p2", "standard", "2027-06-14", [
        (V, "2027-06-16", "Y", "N"), (AC, "2027-07-26"), (ICM, "2027-08-05"), (PLAN, "2027-08-09"),
        *every("2027-08-12", "2028-02-03", alone=("Y", "N")),
        (REV, "2027-10-26"), (PLAN, "2027-10-28"), (REV, "2028-01-18"),
        (V, "2028-02-21", "Y", "N"),
    ]),
    "MW-4112": ("Rafferty", "Fennimore", "2020-10-02", "N", "mw-p2", "standard", "2027-06-14", [
        (V, "2027-06-16", "Y", "N"), (AC, "2027-07-26"), (ICM, "2027-08-05"), (PLAN, "2027-08-09"),
        *every("2027-08-12", "2028-01-20", alone=("N",)),
        (REV, "2027-10-26"), (PLAN, "2027-10-28"), (REV, "2028-01-18"),
        (V, "2028-02-07", "Y", "N"), (V, "2028-02-21", "N", "N", "Raff at nursery"),
    ]),
    "MW-4113": ("Tiegan", "Blewitt", "2011-03-22", "N", "mw-p2", "standard", "2028-01-10", []),
    "MW-4114": ("Mehmet", "Yildiz", "2014-06-12", "N", "mw-p2", "standard", "2027-09-20", [
        (V, "2027-09-22", "Y", "Y"), (AC, "2027-11-05"), (ICM, "2027-11-18"), (PLAN, "2027-11-22"),
        *every("2027-11-25", "2028-02-10", alone=("Y", "Y", "N")),
        (REV, "2028-02-08"), (PLAN, "2028-02-10"), (V, "2028-02-29", "Y", "Y"),
    ]),
    # ---------- Imogen Castellano (mw-p3, ASYE) ----------
    "MW-4120": ("Lacey", "Carrington", "2016-07-25", "N", "mw-p3", "standard", "2027-10-04", [
        (V, "2027-10-06", "Y", "N"), (AC, "2027-11-22"), (ICM, "2027-12-02"), (PLAN, "2027-12-07"),
        *every("2027-12-09", "2028-02-03", alone=("N", "Y")),
        (V, "2028-02-17", "Y", "N"),
    ]),
    "MW-4121": ("Dmitri", "Volkov", "2013-02-18", "N", "mw-p3", "standard", "2027-04-19", [
        (V, "2027-04-21", "Y", "Y"), (AC, "2027-06-01"), (ICM, "2027-06-14"), (PLAN, "2027-06-16"),
        *every("2027-06-17", "2028-02-10", alone=("Y",)),
        (REV, "2027-09-06"), (PLAN, "2027-09-08"), (REV, "2027-11-29"), (PLAN, "2027-12-01"),
        (REV, "2028-02-22"), (V, "2028-03-01", "Y", "Y"),
    ]),
    "MW-4122": ("Saffron", "Whitehouse", "2011-10-05", "N", "mw-p3", "standard", "2027-12-01", [
        (AC, "2028-01-31"), (ICM, "2028-02-14"), (PLAN, "2028-02-16"), (V, "2028-02-18", "Y", "Y"),
    ]),
    "MW-4123": ("Kobe", "Anyanwu", "2017-03-14", "N", "mw-p3", "standard", "2027-07-12", [
        (V, "2027-07-14", "Y", "N"), (AC, "2027-08-20"), (ICM, "2027-09-02"), (PLAN, "2027-09-07"),
        *every("2027-09-09", "2028-01-13", alone=("N", "Y")),
        (REV, "2027-11-23"), (PLAN, "2027-11-25"), (V, "2028-01-26", "Y", "N"),
    ]),
    "MW-4124": ("Elowen", "Pascoe", "2018-12-01", "N", "mw-p3", "standard", "2027-05-24", [
        (V, "2027-05-26", "Y", "N"), (AC, "2027-07-05"), (ICM, "2027-07-15"), (PLAN, "2027-07-19"),
        *every("2027-07-22", "2028-01-13", alone=("N", "Y")),
        (REV, "2027-10-05"), (PLAN, "2027-10-07"), (REV, "2027-12-21"), (PLAN, "2027-12-23"),
        (CLOSED, "2028-01-28"),
    ]),
    # ---------- Dariusz Wrobel (mw-p4, senior practitioner) ----------
    "MW-4130": ("Finlay", "Rusk", "2012-01-23", "Y", "mw-p4", "disability", "2027-02-08", [
        (V, "2027-02-10", "Y", "N"), (AC, "2027-03-19"), (ICM, "2027-04-01"), (PLAN, "2027-04-05"),
        (V, "2027-04-20", "Y", "N"), (V, "2027-07-13", "Y", "N"), (REV, "2027-09-30"),
        (PLAN, "2027-10-04"), (V, "2027-10-05", "Y", "Y"), (V, "2027-12-21", "Y", "N"),
    ]),
    "MW-4131": ("Amara", "Nwosu", "2010-07-30", "Y", "mw-p4", "disability_review", "2026-03-02", [
        (V, "2026-03-04", "Y", "N"), (AC, "2026-04-10"), (ICM, "2026-04-23"), (PLAN, "2026-04-27"),
        (V, "2027-03-18", "Y", "N"), (REV, "2027-03-18"), (PLAN, "2027-03-22"),
    ]),
    "MW-4132": ("Toby", "Maitland", "2016-11-11", "Y", "mw-p4", "disability_welfare", "2027-06-07", [
        (V, "2027-06-09", "Y", "N"), (AC, "2027-07-16"), (ICM, "2027-07-29"), (PLAN, "2027-08-02"),
        *every("2027-08-05", "2028-01-20", step=21, alone=("N",)),
        (REV, "2027-10-19"), (PLAN, "2027-10-21"), (REV, "2028-01-11"), (PLAN, "2028-01-13"),
        (V, "2028-02-10", "Y", "N", "carer present throughout"),
    ]),
    "MW-4133": ("Zofia", "Kaminska", "2014-09-03", "N", "mw-p4", "standard", "2027-01-11", [
        (V, "2027-01-13", "Y", "Y"), (AC, "2027-02-22"), (ICM, "2027-03-04"), (PLAN, "2027-03-08"),
        *every("2027-03-10", "2028-02-09", alone=("Y",)),
        (REV, "2027-05-25"), (PLAN, "2027-05-27"), (REV, "2027-08-17"), (PLAN, "2027-08-19"),
        (REV, "2027-11-09"), (PLAN, "2027-11-11"), (REV, "2028-01-31"), (PLAN, "2028-02-02"),
        (V, "2028-02-23", "Y", "Y"),
    ]),
    "MW-4134": ("Ishaan", "Bhatt", "2011-04-16", "N", "mw-p4", "standard", "2026-11-02", [
        (V, "2026-11-04", "Y", "Y"), (AC, "2026-12-14"), (ICM, "2027-01-05"), (PLAN, "2027-01-07"),
        (V, "2027-01-20", "Y", "Y"), (V, "2027-02-03", "Y", "Y"),
        (DFC, "2028-02-07"), (V, "2028-02-14", "Y", "Y"),
    ]),
    "MW-4135": ("Alfie", "Hazeldene", "2019-06-28", "N", "mw-p4", "standard", "2028-02-21", []),
    # ---------- Shanice Whitlock (mw-p5) ----------
    "MW-4140": ("Deshawn", "Pryor", "2010-12-09", "N", "mw-p5", "standard", "2027-10-18", [
        (V, "2027-10-20", "Y", "Y"), (AC, "2027-12-03"), (ICM, "2027-12-16"),
        *every("2027-12-20", "2028-02-10", alone=("Y",)),
        (V, "2028-02-24", "Y", "Y"),
    ]),
    "MW-4141": ("Maisie", "Tomkins", "2014-08-21", "N", "mw-p5", "standard", "2027-11-22", [
        (V, "2027-11-24", "Y", "Y"), (AC, "2028-01-07"), (ICM, "2028-01-20"), (PLAN, "2028-01-25"),
        (V, "2028-02-03", "Y", "Y"), (V, "2028-02-22", "Y", "Y"),
    ]),
    "MW-4142": ("Reuben", "Tomkins", "2017-12-30", "N", "mw-p5", "standard", "2027-11-22", [
        (V, "2027-11-24", "Y", "N"), (AC, "2028-01-07"), (ICM, "2028-01-20"), (PLAN, "2028-01-25"),
        (V, "2028-02-03", "Y", "N"), (V, "2028-02-22", "Y", "N"),
    ]),
    "MW-4143": ("Nathaniel", "Brightwell", "2011-05-06", "N", "mw-p5", "standard", "2027-08-30", [
        (V, "2027-09-01", "Y", "Y"), (AC, "2027-10-08"), (ICM, "2027-10-21"), (PLAN, "2027-10-26"),
        *every("2027-10-28", "2028-01-20", alone=("Y",)),
        (REV, "2028-01-13"), (PLAN, "2028-01-18"), (V, "2028-02-08", "Y", "Y"),
        (V, "2028-02-25", "N", "N", "not in, mum said he was at his gran's"),
    ]),
    "MW-4144": ("Gracie", "Lunn", "2019-09-17", "N", "mw-p5", "standard", "2027-12-06", [
        (AC, "2028-02-18"), (ICM, "2028-02-28"), (V, "2028-03-01", "Y", "N"),
    ]),
    # ================= KENT =================
    # ---------- Ayesha Qureshi (kt-p1) ----------
    "KT-7101": ("Harrison", "Swaine", "2011-06-02", "N", "kt-p1", "standard", "2027-08-09", [
        (V, "2027-08-11", "Y", "Y"), (AC, "2027-10-01"), (ICM, "2027-10-14"), (PLAN, "2027-10-21"),
        (V, "2027-11-17", "Y", "Y"), (V, "2027-12-15", "Y", "Y"), (REV, "2028-01-13"),
        (PLAN, "2028-01-21"), (V, "2028-02-02", "Y", "Y"), (V, "2028-02-23", "Y", "N"),
    ]),
    "KT-7102": ("Daisy", "Swaine", "2016-02-14", "N", "kt-p1", "standard", "2027-08-09", [
        (V, "2027-08-11", "Y", "N"), (AC, "2027-10-01"), (ICM, "2027-10-14"), (PLAN, "2027-10-21"),
        (V, "2027-11-17", "Y", "N"), (V, "2027-12-15", "Y", "Y"), (REV, "2028-01-13"),
        (PLAN, "2028-01-21"), (V, "2028-02-02", "Y", "N"), (V, "2028-02-23", "Y", "Y"),
    ]),
    "KT-7103": ("Kofi", "Boateng", "2013-10-28", "N", "kt-p1", "standard", "2027-12-20", [
        (V, "2027-12-22", "Y", "Y"), (V, "2028-01-26", "Y", "N"),
    ]),
    "KT-7104": ("Leighton", "Frewer", "2010-11-21", "N", "kt-p1", "standard", "2027-03-08", [
        (V, "2027-03-10", "Y", "Y"), (AC, "2027-04-23"), (CPE, "2027-08-02"), (ICM, "2027-08-02"),
        (PLAN, "2027-08-10"), (V, "2027-09-15", "Y", "Y"), (REV, "2027-11-02"),
        (PLAN, "2027-11-10"), (V, "2027-12-08", "Y", "Y"), (V, "2028-02-16", "Y", "Y"),
    ]),
    "KT-7105": ("Niamh", "Costigan", "2015-03-31", "N", "kt-p1", "standard", "2027-10-25", [
        (V, "2027-10-27", "Y", "N"), (AC, "2027-11-26"), (ICM, "2027-12-02"), (PLAN, "2027-12-09"),
        (V, "2028-01-12", "Y", "Y"), (V, "2028-02-22", "Y", "N"),
    ]),
    # ---------- Fergus Donnachie (kt-p2, ASYE) ----------
    "KT-7110": ("Connor", "Whiddett", "2012-12-04", "N", "kt-p2", "standard", "2027-09-13", [
        (V, "2027-09-15", "Y", "Y"), (AC, "2027-11-01"), (ICM, "2027-11-30"), (PLAN, "2027-12-08"),
        (V, "2028-01-05", "Y", "Y"), (V, "2028-02-09", "Y", "N"),
    ]),
    "KT-7111": ("Precious", "Dube", "2014-04-09", "N", "kt-p2", "standard", "2028-01-17", [
        (V, "2028-01-19", "Y", "N"), (V, "2028-02-15", "Y", "Y"),
    ]),
    "KT-7112": ("Leonard", "Gilbey", "2017-08-26", "N", "kt-p2", "standard", "2027-10-11", [
        (V, "2027-10-13", "Y", "N"), (AC, "2027-12-10"), (ICM, "2028-02-22"),
        (V, "2028-02-24", "Y", "N"),
    ]),
    "KT-7113": ("Maya", "Lingard", "2010-08-15", "N", "kt-p2", "standard", "2027-03-15", [
        (V, "2027-03-17", "Y", "Y"), (AC, "2027-05-07"), (ICM, "2027-05-20"), (PLAN, "2027-05-28"),
        (V, "2027-07-07", "Y", "Y"), (REV, "2027-08-19"), (PLAN, "2027-08-27"),
        (V, "2027-10-20", "Y", "Y"), (V, "2028-01-11", "Y", "Y"),
    ]),
    "KT-7114": ("Ebony", "Roper", "2013-01-27", "N", "kt-p2", "standard", "2027-07-05", [
        (V, "2027-07-07", "Y", "Y"), (AC, "2027-08-25"), (ICM, "2027-09-08"), (PLAN, "2027-09-16"),
        (V, "2027-10-27", "Y", "Y"), (REV, "2027-12-08"), (PLAN, "2027-12-15"),
        (V, "2028-01-31", "Y", "Y"),
    ]),
    # ---------- Beatrix Okonjo (kt-p3, senior practitioner) ----------
    "KT-7120": ("Noah", "Catt", "2012-07-07", "N", "kt-p3", "standard", "2027-04-26", [
        (V, "2027-04-28", "Y", "Y"), (AC, "2027-06-18"), (ICM, "2027-07-01"), (PLAN, "2027-07-09"),
        (V, "2027-08-18", "Y", "Y"), (REV, "2027-10-01"), (PLAN, "2027-10-08"),
        (V, "2027-11-24", "Y", "Y"), (V, "2028-02-01", "Y", "Y"),
    ]),
    "KT-7121": ("Noah", "Wickens", "2016-05-25", "N", "kt-p3", "standard", "2027-11-01", [
        (V, "2027-11-03", "Y", "N"), (AC, "2028-01-05"), (ICM, "2028-01-19"), (PLAN, "2028-01-27"),
        (V, "2028-02-17", "Y", "N"),
    ]),
    "KT-7122": ("Jasmine", "Oduya", "2011-01-19", "N", "kt-p3", "standard", "2027-04-12", [
        (V, "2027-04-14", "Y", "Y"), (AC, "2027-06-07"), (ICM, "2027-06-21"), (PLAN, "2027-06-29"),
        (V, "2027-08-04", "Y", "Y"), (REV, "2027-09-20"), (V, "2027-11-10", "Y", "Y"),
        (V, "2028-01-19", "Y", "Y"),
    ]),
    "KT-7123": ("Stanley", "Foord", "2018-10-10", "N", "kt-p3", "standard", "2027-05-17", [
        (V, "2027-05-19", "Y", "N"), (AC, "2027-07-01"), (ICM, "2027-07-14"), (PLAN, "2027-07-21"),
        (V, "2027-08-25", "Y", "N"), (REV, "2027-10-14"), (PLAN, "2027-10-21"),
        (V, "2027-12-01", "Y", "N"), (V, "2028-02-08", "Y", "N"),
    ]),
    "KT-7124": ("Keziah", "Mallory", "2010-10-30", "N", "kt-p3", "standard", "2027-02-15", [
        (V, "2027-02-17", "Y", "Y"), (AC, "2027-04-09"), (ICM, "2027-04-22"), (PLAN, "2027-04-29"),
        (V, "2027-06-09", "Y", "Y"), (REV, "2027-07-22"), (PLAN, "2027-07-29"),
        (V, "2027-10-06", "Y", "Y"), (CLOSED, "2027-12-15"),
    ]),
    "KT-7125": ("Paige", "Hobden", "2013-12-12", "N", "kt-p3", "standard", "2028-02-14", [
        (V, "2028-02-16", "Y", "Y"),
    ]),
    # ---------- Callum Redfern (kt-p4) ----------
    "KT-7130": ("Brodie", "Quigley", "2012-02-29", "N", "kt-p4", "standard", "2027-10-04", [
        (V, "2027-10-06", "Y", "Y"), (AC, "2027-11-26"), (ICM, "2027-12-09"), (PLAN, "2027-12-17"),
        (V, "2028-01-12", "Y", "Y"), (V, "2028-02-16", "Y", "Y"),
    ]),
    "KT-7131": ("Skylar", "Quigley", "2015-09-19", "N", "kt-p4", "standard", "2027-10-04", [
        (V, "2027-10-06", "Y", "N"), (AC, "2027-11-26"), (ICM, "2027-12-09"), (PLAN, "2027-12-17"),
        (V, "2028-01-12", "Y", "N"), (V, "2028-02-16", "Y", "Y"),
    ]),
    "KT-7132": ("Yusuf", "Demir", "2011-07-24", "N", "kt-p4", "standard", "2027-09-06", [
        (V, "2027-09-08", "Y", "Y"), (AC, "2027-10-29"), (ICM, "2027-11-12"), (PLAN, "2027-11-22"),
        (V, "2027-12-14", "Y", "Y"), (V, "2028-01-25", "Y", "Y"), (REV, "2028-02-10"),
    ]),
    "KT-7133": ("Lola", "Gransden", "2016-04-04", "N", "kt-p4", "standard", "2028-01-04", [
        (V, "2028-01-06", "Y", "N"), (V, "2028-02-01", "Y", "Y"), (AC, "2028-02-24"),
    ]),
    "KT-7134": ("Aaron", "Sillitoe", "2010-05-13", "N", "kt-p4", "standard", "2027-01-18", [
        (V, "2027-01-20", "Y", "Y"), (AC, "2027-03-12"), (ICM, "2027-03-25"), (PLAN, "2027-04-02"),
        (V, "2027-05-12", "Y", "Y"), (REV, "2027-06-24"), (PLAN, "2027-07-01"),
        (V, "2027-09-08", "Y", "Y"), (REV, "2027-12-21"), (PLAN, "2027-12-31"),
        (V, "2028-02-03", "Y", "Y"),
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
