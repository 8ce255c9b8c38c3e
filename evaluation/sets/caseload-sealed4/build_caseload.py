#!/usr/bin/env python3
"""Write the synthetic caseload (workers, children, cases, events) for caseload-sealed4.

Deterministic, standard library only. Today for the set is 2027-11-29 (Monday).
Two councils, one CIN team each: Medway (Chatham Area CIN Team) and Camden
(Kentish Town and Gospel Oak CIN Team). Every name is invented.
Every date below is written out literally; README.md lists the due dates they produce.
Run: python3 build_caseload.py  (writes the four CSVs next to this file)
"""
import csv
import os

HERE = os.path.dirname(os.path.abspath(__file__))

# worker_id, name, role, team_id, team_name, authority, manager_id
MD_TEAM = ("md-cin-chatham", "Chatham Area CIN Team")
CM_TEAM = ("cm-cin-kentish", "Kentish Town and Gospel Oak CIN Team")
WORKERS = [
    ("med-tm", "Deborah Fairweather", "team_manager", *MD_TEAM, "medway", ""),
    ("med-sw1", "Tomasz Nowicki", "social_worker", *MD_TEAM, "medway", "med-tm"),
    ("med-sw2", "Priya Raman", "social_worker", *MD_TEAM, "medway", "med-tm"),
    ("med-sw3", "Hollie Brennan", "social_worker", *MD_TEAM, "medway", "med-tm"),
    ("med-asye", "Jade Whittaker", "asye", *MD_TEAM, "medway", "med-tm"),
    ("med-sp", "Graham Osei", "senior_practitioner", *MD_TEAM, "medway", "med-tm"),
    ("cam-tm", "Patricia Nwachukwu", "team_manager", *CM_TEAM, "camden", ""),
    ("cam-sw1", "Oliver Brightwell", "social_worker", *CM_TEAM, "camden", "cam-tm"),
    ("cam-sw2", "Sinéad Gallagher", "social_worker", *CM_TEAM, "camden", "cam-tm"),
    ("cam-asye", "Hassan Mahmoud", "asye", *CM_TEAM, "camden", "cam-tm"),
    ("cam-sp", "Francesca Moretti", "senior_practitioner", *CM_TEAM, "camden", "cam-tm"),
]

# case_id: (first, last, birth, disabled, worker, category, referral, [events])
# event tuples: (event, date) or ("visit", date, seen, alone[, note])
V = "visit"
AC, ICM, REV, PLAN, SUM = ("assessment_completed", "initial_cin_meeting", "cin_review",
                           "plan_circulated", "case_summary")
CPE, DFC, PRC, CLOSED = ("cp_plan_ended", "discharged_from_care", "proceedings_concluded",
                         "case_closed")
CASES = {
    # ================= MEDWAY: Tomasz Nowicki (med-sw1) =================
    "MD-4101": ("Alfie", "Brookes", "2014-03-22", "N", "med-sw1", "standard", "2027-03-01", [
        (V, "2027-03-04", "Y", "N"), (AC, "2027-04-20"), (ICM, "2027-04-29"), (PLAN, "2027-05-04"),
        (V, "2027-05-12", "Y", "Y"), (V, "2027-06-01", "Y", "Y"), (V, "2027-06-21", "Y", "N"),
        (V, "2027-07-08", "Y", "Y"), (REV, "2027-07-15"), (PLAN, "2027-07-19"),
        (V, "2027-07-29", "Y", "Y"), (V, "2027-08-18", "Y", "Y"), (V, "2027-09-08", "Y", "Y"),
        (REV, "2027-10-07"), (PLAN, "2027-10-11"), (V, "2027-09-29", "Y", "Y"),
        (V, "2027-10-20", "Y", "Y"), (V, "2027-11-12", "Y", "Y"),
    ]),
    "MD-4102": ("Poppy", "Hughes", "2016-07-04", "N", "med-sw1", "standard", "2027-05-10", [
        (V, "2027-05-13", "Y", "N"), (AC, "2027-06-28"), (ICM, "2027-07-08"), (PLAN, "2027-07-12"),
        (V, "2027-07-22", "Y", "Y"), (V, "2027-08-11", "Y", "Y"), (V, "2027-09-01", "Y", "Y"),
        (V, "2027-09-22", "Y", "Y"), (REV, "2027-09-30"), (PLAN, "2027-10-06"),
        (V, "2027-10-13", "Y", "Y"), (V, "2027-11-03", "Y", "Y"),
    ]),
    "MD-4103": ("Ellis", "Hughes", "2019-10-27", "Y", "med-sw1", "standard", "2027-05-10", [
        (V, "2027-05-13", "Y", "N"), (AC, "2027-06-28"), (ICM, "2027-07-08"), (PLAN, "2027-07-12"),
        (V, "2027-07-22", "Y", "N"), (V, "2027-08-11", "Y", "N"), (V, "2027-09-01", "Y", "N"),
        (V, "2027-09-22", "Y", "N"), (REV, "2027-09-30"), (PLAN, "2027-10-06"),
        (V, "2027-10-13", "Y", "N"), (V, "2027-11-03", "Y", "N"),
    ]),
    "MD-4104": ("Tyler-James", "Hughes", "2012-12-09", "N", "med-sw1", "standard", "2027-05-10", [
        (V, "2027-05-13", "Y", "Y"), (AC, "2027-06-28"), (ICM, "2027-07-08"), (PLAN, "2027-07-12"),
        (V, "2027-07-22", "Y", "Y"), (V, "2027-08-11", "Y", "Y"), (V, "2027-09-01", "Y", "Y"),
        (V, "2027-09-22", "Y", "Y"), (REV, "2027-09-30"), (PLAN, "2027-10-06"),
        (V, "2027-10-13", "Y", "Y"), (V, "2027-11-03", "Y", "Y"),
        (V, "2027-11-17", "Y", "Y", "seen at school"),
    ]),
    "MD-4105": ("Lily-Mae", "Carter", "2021-05-18", "N", "med-sw1", "standard", "2027-10-04", [
        (V, "2027-10-06", "Y", "N"), (V, "2027-10-27", "Y", "N"),
    ]),
    "MD-4106": ("Nathaniel", "Oduya", "2013-08-30", "Y", "med-sw1", "disability", "2026-11-02", [
        (V, "2026-11-05", "Y", "N"), (AC, "2026-12-14"), (ICM, "2026-12-22"), (PLAN, "2026-12-24"),
        (V, "2027-03-10", "Y", "N"), (V, "2027-05-26", "Y", "Y"), (REV, "2027-06-17"),
        (PLAN, "2027-06-21"), (V, "2027-08-11", "Y", "Y"), (V, "2027-10-27", "Y", "N"),
    ]),
    # ================= MEDWAY: Priya Raman (med-sw2) =================
    "MD-4111": ("Anaïs", "Dubois", "2013-04-02", "N", "med-sw2", "standard", "2027-01-11", [
        (V, "2027-01-13", "Y", "Y"), (AC, "2027-03-08"), (ICM, "2027-03-18"), (PLAN, "2027-03-22"),
        (V, "2027-04-06", "Y", "Y"), (V, "2027-04-27", "Y", "Y"), (V, "2027-05-18", "Y", "Y"),
        (V, "2027-06-08", "Y", "Y"), (REV, "2027-06-10"), (PLAN, "2027-06-14"),
        (V, "2027-06-29", "Y", "Y"), (V, "2027-07-20", "Y", "Y"), (V, "2027-08-10", "Y", "Y"),
        (REV, "2027-09-02"), (PLAN, "2027-09-06"), (V, "2027-08-31", "Y", "Y"),
        (V, "2027-09-21", "Y", "Y"), (V, "2027-10-12", "Y", "Y"), (V, "2027-11-02", "Y", "Y"),
        (V, "2027-11-15", "Y", "Y"),
        (V, "2027-11-24", "N", "N", "no answer, curtains drawn"),
    ]),
    "MD-4112": ("Jayden", "Clarke", "2011-06-19", "N", "med-sw2", "standard", "2026-04-06", [
        (V, "2026-04-08", "Y", "Y"), (AC, "2026-05-20"), (ICM, "2026-06-03"), (PLAN, "2026-06-05"),
        (V, "2026-06-24", "Y", "Y"), (CPE, "2027-10-14"), (V, "2027-10-21", "Y", "Y"),
        (V, "2027-11-10", "Y", "Y"),
    ]),
    "MD-4113": ("Maya", "Kowalczyk", "2015-01-28", "N", "med-sw2", "standard", "2027-08-02", [
        (V, "2027-08-04", "Y", "N"), (V, "2027-08-26", "Y", "Y"), (AC, "2027-09-20"),
        (ICM, "2027-10-01"), (PLAN, "2027-10-05"), (V, "2027-10-14", "Y", "Y"),
        (V, "2027-11-04", "Y", "Y"), (V, "2027-11-22", "Y", "N"),
    ]),
    "MD-4114": ("Oscar", "Pennington", "2010-12-15", "Y", "med-sw2", "disability_review",
                "2025-09-01", [
        (V, "2025-09-04", "Y", "N"), (AC, "2025-10-10"), (ICM, "2025-10-20"), (PLAN, "2025-10-22"),
        (V, "2025-11-26", "Y", "N"), (REV, "2026-12-02"), (PLAN, "2026-12-04"),
        (V, "2026-12-09", "Y", "N"),
    ]),
    "MD-4115": ("Zara", "Akhtar", "2012-09-09", "N", "med-sw2", "standard", "2027-06-07", [
        (V, "2027-06-09", "Y", "Y"), (AC, "2027-07-26"), (ICM, "2027-08-05"), (PLAN, "2027-08-09"),
        (V, "2027-08-19", "Y", "Y"), (V, "2027-09-09", "Y", "Y"), (V, "2027-09-30", "Y", "Y"),
        (V, "2027-10-21", "Y", "Y"), (REV, "2027-10-28"), (V, "2027-11-11", "Y", "Y"),
    ]),
    "MD-4116": ("Kacper", "Zieliński", "2014-02-11", "N", "med-sw2", "standard", "2026-09-07", [
        (V, "2026-09-09", "Y", "Y"), (AC, "2026-10-26"), (ICM, "2026-11-05"), (PLAN, "2026-11-09"),
        (REV, "2027-01-28"), (PLAN, "2027-02-01"), (REV, "2027-04-22"), (PLAN, "2027-04-26"),
        (REV, "2027-07-15"), (PLAN, "2027-07-19"), (V, "2027-09-30", "Y", "Y"),
        (REV, "2027-10-07"), (PLAN, "2027-10-11"), (CLOSED, "2027-10-21"),
    ]),
    # ================= MEDWAY: Hollie Brennan (med-sw3) =================
    "MD-4121": ("Jessica", "Thornton", "2010-02-03", "N", "med-sw3", "standard", "2027-02-15", [
        (V, "2027-02-17", "Y", "Y"), (AC, "2027-04-06"), (ICM, "2027-04-15"), (PLAN, "2027-04-19"),
        (V, "2027-05-05", "Y", "Y"), (V, "2027-05-26", "Y", "Y"), (V, "2027-06-16", "Y", "Y"),
        (REV, "2027-07-08"), (PLAN, "2027-07-12"), (V, "2027-07-07", "Y", "Y"),
        (V, "2027-07-28", "Y", "Y"), (V, "2027-08-18", "Y", "Y"), (V, "2027-09-08", "Y", "Y"),
        (V, "2027-09-29", "Y", "Y"), (REV, "2027-09-30"), (PLAN, "2027-10-04"),
        (V, "2027-10-20", "Y", "Y"), (V, "2027-11-18", "Y", "Y"),
    ]),
    "MD-4122": ("Jessica", "Okafor", "2017-03-12", "N", "med-sw3", "standard", "2027-07-05", [
        (V, "2027-07-07", "Y", "N"), (AC, "2027-08-23"), (ICM, "2027-09-02"), (PLAN, "2027-09-06"),
        (V, "2027-09-16", "Y", "N"), (V, "2027-10-07", "Y", "Y"), (V, "2027-10-28", "Y", "N"),
        (V, "2027-11-12", "N", "N", "no answer, mum texted later to say at nan's"),
        (REV, "2027-11-25"),
    ]),
    "MD-4123": ("Rocco", "Bianchi", "2012-11-01", "N", "med-sw3", "standard", "2025-03-03", [
        (V, "2025-03-05", "Y", "Y"), (AC, "2025-04-14"), (ICM, "2025-04-24"), (PLAN, "2025-04-28"),
        (V, "2025-05-14", "Y", "Y"), (DFC, "2027-09-13"), (V, "2027-09-20", "Y", "Y"),
        (V, "2027-10-08", "Y", "Y"), (V, "2027-10-29", "Y", "Y"), (V, "2027-11-19", "Y", "Y"),
    ]),
    "MD-4124": ("Summer", "Whitmore", "2015-06-21", "N", "med-sw3", "standard", "2027-09-20", [
        (V, "2027-09-22", "Y", "N"), (V, "2027-10-20", "Y", "Y"), (AC, "2027-11-22"),
    ]),
    "MD-4125": ("Isaac", "Mensah", "2014-10-05", "Y", "med-sw3", "disability_welfare",
                "2027-01-04", [
        (V, "2027-01-06", "Y", "N"), (AC, "2027-02-22"), (ICM, "2027-03-04"), (PLAN, "2027-03-08"),
        (V, "2027-03-18", "Y", "N"), (V, "2027-04-07", "Y", "N"), (V, "2027-04-28", "Y", "N"),
        (V, "2027-05-19", "Y", "N"), (REV, "2027-05-27"), (PLAN, "2027-06-01"),
        (V, "2027-06-09", "Y", "N"), (V, "2027-06-30", "Y", "N"), (V, "2027-07-21", "Y", "N"),
        (V, "2027-08-11", "Y", "N"), (REV, "2027-08-19"), (PLAN, "2027-08-23"),
        (V, "2027-09-01", "Y", "N"), (V, "2027-09-22", "Y", "N"), (V, "2027-10-13", "Y", "N"),
        (V, "2027-11-03", "Y", "N"), (V, "2027-11-08", "Y", "N"), (REV, "2027-11-11"),
        (PLAN, "2027-11-15"),
    ]),
    # ================= MEDWAY: Jade Whittaker (med-asye) =================
    "MD-4131": ("Harley", "Dunn", "2016-08-14", "N", "med-asye", "standard", "2027-06-21", [
        (V, "2027-06-23", "Y", "N"), (AC, "2027-08-09"), (ICM, "2027-08-19"), (PLAN, "2027-08-23"),
        (V, "2027-08-31", "Y", "Y"), (V, "2027-09-21", "Y", "Y"), (V, "2027-10-12", "Y", "Y"),
        (V, "2027-11-01", "Y", "Y"), (REV, "2027-11-11"), (PLAN, "2027-11-17"),
    ]),
    "MD-4132": ("Amelia-Rose", "Sutton", "2019-02-25", "N", "med-asye", "standard", "2027-09-06", [
        (V, "2027-09-08", "Y", "N"), (V, "2027-10-06", "Y", "N"), (AC, "2027-11-10"),
    ]),
    "MD-4133": ("Idris", "Khan", "2011-04-16", "N", "med-asye", "standard", "2027-10-25", [
        (V, "2027-10-27", "Y", "Y"),
    ]),
    "MD-4134": ("Faith", "Olawale", "2013-11-21", "N", "med-asye", "standard", "2026-10-05", [
        (V, "2026-10-07", "Y", "Y"), (AC, "2026-11-20"), (ICM, "2026-12-02"), (PLAN, "2026-12-04"),
        (V, "2026-12-16", "Y", "Y"), (REV, "2027-02-24"), (PLAN, "2027-02-26"),
        (V, "2027-03-03", "Y", "Y"), (REV, "2027-05-19"), (PLAN, "2027-05-21"),
        (V, "2027-06-02", "Y", "Y"), (REV, "2027-08-11"), (PLAN, "2027-08-13"),
        (V, "2027-09-15", "Y", "Y"), (V, "2027-10-06", "Y", "Y"), (V, "2027-10-26", "Y", "Y"),
        (REV, "2027-11-03"), (PLAN, "2027-11-05"), (V, "2027-11-16", "Y", "Y"),
    ]),
    # ================= MEDWAY: Graham Osei (med-sp) =================
    "MD-4141": ("Bradley", "Simms", "2010-05-05", "N", "med-sp", "standard", "2027-01-11", [
        (V, "2027-01-13", "Y", "Y"), (AC, "2027-02-25"), (ICM, "2027-03-08"), (PLAN, "2027-03-10"),
        (V, "2027-03-24", "Y", "Y"), (REV, "2027-05-27"), (PLAN, "2027-06-01"),
        (V, "2027-06-15", "Y", "Y"), (REV, "2027-08-19"), (PLAN, "2027-08-23"),
        (V, "2027-09-14", "Y", "Y"), (V, "2027-10-05", "Y", "Y"), (V, "2027-10-26", "Y", "Y"),
        (REV, "2027-11-11"), (PLAN, "2027-11-15"), (V, "2027-11-23", "Y", "Y"),
    ]),
    "MD-4142": ("Reggie", "Marsh", "2013-01-30", "N", "med-sp", "standard", "2027-04-12", [
        (V, "2027-04-14", "Y", "Y"), (AC, "2027-05-24"), (ICM, "2027-06-07"), (PLAN, "2027-06-09"),
        (V, "2027-06-23", "Y", "Y"), (V, "2027-07-14", "Y", "Y"), (V, "2027-08-04", "Y", "Y"),
        (REV, "2027-08-26"), (PLAN, "2027-08-31"), (V, "2027-09-15", "Y", "Y"),
        (V, "2027-10-06", "Y", "Y"), (V, "2027-10-27", "Y", "Y"), (V, "2027-11-09", "Y", "Y"),
        (REV, "2027-11-18"), (PLAN, "2027-11-22"), (V, "2027-11-25", "Y", "Y", "seen at school"),
    ]),
    "MD-4143": ("Esmé", "Hollands", "2012-07-07", "Y", "med-sp", "disability", "2027-03-15", [
        (V, "2027-03-17", "Y", "N"), (AC, "2027-04-26"), (ICM, "2027-05-06"), (PLAN, "2027-05-10"),
        (V, "2027-06-10", "Y", "N"), (V, "2027-08-26", "Y", "Y"), (REV, "2027-11-04"),
        (PLAN, "2027-11-08"),
    ]),
    "MD-4144": ("Daisy", "Marsh", "2017-05-23", "N", "med-sp", "standard", "2027-04-12", [
        (V, "2027-04-14", "Y", "N"), (AC, "2027-05-24"), (ICM, "2027-06-07"), (PLAN, "2027-06-09"),
        (V, "2027-06-23", "Y", "N"), (V, "2027-07-14", "Y", "Y"), (V, "2027-08-04", "Y", "N"),
        (REV, "2027-08-26"), (PLAN, "2027-08-31"), (V, "2027-09-15", "Y", "N"),
        (V, "2027-10-06", "Y", "Y"), (V, "2027-10-27", "Y", "N"), (V, "2027-11-09", "Y", "N"),
        (REV, "2027-11-18"), (PLAN, "2027-11-22"),
    ]),
    "MD-4145": ("Shanice", "Barrett", "2011-03-03", "N", "med-sp", "standard", "2025-11-03", [
        (V, "2025-11-05", "Y", "Y"), (AC, "2025-12-15"), (ICM, "2026-01-06"), (PLAN, "2026-01-08"),
        (V, "2026-01-21", "Y", "Y"), (PRC, "2027-11-10"), (V, "2027-11-17", "Y", "Y"),
    ]),
    # ================= CAMDEN: Oliver Brightwell (cam-sw1) =================
    "CM-5201": ("Yasmin", "El-Amin", "2012-08-17", "N", "cam-sw1", "standard", "2027-02-01", [
        (V, "2027-02-04", "Y", "Y"), (AC, "2027-03-25"), (ICM, "2027-04-06"), (PLAN, "2027-04-15"),
        (V, "2027-05-20", "Y", "Y"), (SUM, "2027-07-01"), (REV, "2027-07-06"), (PLAN, "2027-07-15"),
        (V, "2027-08-12", "Y", "Y"), (SUM, "2027-09-28"), (REV, "2027-10-05"), (PLAN, "2027-10-14"),
        (V, "2027-11-04", "Y", "Y"),
    ]),
    "CM-5202": ("Omar", "El-Amin", "2015-12-01", "N", "cam-sw1", "standard", "2027-02-01", [
        (V, "2027-02-04", "Y", "N"), (AC, "2027-03-25"), (ICM, "2027-04-06"), (PLAN, "2027-04-15"),
        (V, "2027-05-20", "Y", "Y"), (SUM, "2027-07-01"), (REV, "2027-07-06"), (PLAN, "2027-07-15"),
        (V, "2027-08-12", "Y", "N"), (REV, "2027-10-05"), (PLAN, "2027-10-14"), (SUM, "2027-10-20"),
        (V, "2027-11-04", "Y", "Y"),
    ]),
    "CM-5203": ("Theodore", "Rowe", "2018-04-09", "N", "cam-sw1", "standard", "2026-09-28", [
        (V, "2026-10-01", "Y", "N"), (AC, "2026-11-23"), (ICM, "2026-12-07"), (PLAN, "2026-12-17"),
        (V, "2027-01-20", "Y", "N"), (SUM, "2027-03-01"), (REV, "2027-03-04"), (PLAN, "2027-03-16"),
        (V, "2027-04-22", "Y", "Y"), (SUM, "2027-05-27"), (REV, "2027-06-03"), (PLAN, "2027-06-15"),
        (V, "2027-07-13", "Y", "Y"), (SUM, "2027-08-24"), (REV, "2027-08-31"), (PLAN, "2027-09-10"),
        (V, "2027-10-19", "Y", "N"),
    ]),
    "CM-5204": ("Precious", "Nwosu", "2022-01-26", "N", "cam-sw1", "standard", "2027-11-23", []),
    "CM-5205": ("Finn", "O'Sullivan", "2014-10-30", "N", "cam-sw1", "standard", "2026-03-02", [
        (V, "2026-03-05", "Y", "Y"), (AC, "2026-04-16"), (ICM, "2026-04-28"), (PLAN, "2026-05-07"),
        (V, "2026-06-02", "Y", "Y"), (CPE, "2027-09-02"), (V, "2027-09-09", "Y", "Y"),
        (V, "2027-10-20", "Y", "Y"), (V, "2027-11-15", "Y", "N"),
    ]),
    # ================= CAMDEN: Sinéad Gallagher (cam-sw2) =================
    "CM-5211": ("Gabriel", "Santos", "2011-02-20", "N", "cam-sw2", "standard", "2027-05-04", [
        (V, "2027-05-07", "Y", "Y"), (AC, "2027-06-24"), (ICM, "2027-07-06"), (PLAN, "2027-07-19"),
        (V, "2027-08-17", "Y", "Y"), (SUM, "2027-09-30"), (V, "2027-10-14", "Y", "Y"),
        (REV, "2027-11-17"), (V, "2027-11-18", "Y", "Y"),
    ]),
    "CM-5212": ("Aisha", "Farah", "2016-01-13", "N", "cam-sw2", "standard", "2027-08-16", [
        (V, "2027-08-19", "Y", "N"), (AC, "2027-10-11"), (ICM, "2027-10-22"), (PLAN, "2027-11-02"),
        (V, "2027-11-09", "Y", "Y"),
    ]),
    "CM-5213": ("Lukas", "Novák", "2012-05-27", "N", "cam-sw2", "standard", "2025-06-02", [
        (V, "2025-06-05", "Y", "Y"), (AC, "2025-07-14"), (ICM, "2025-07-24"), (PLAN, "2025-08-05"),
        (V, "2025-09-02", "Y", "Y"), (DFC, "2027-11-08"), (V, "2027-11-10", "Y", "Y"),
    ]),
    "CM-5214": ("Rosie", "Tran", "2020-09-02", "N", "cam-sw2", "standard", "2027-09-27", [
        (V, "2027-09-30", "Y", "N"), (V, "2027-10-28", "Y", "N"),
    ]),
    "CM-5215": ("Elijah", "Forde", "2013-07-15", "N", "cam-sw2", "standard", "2026-10-12", [
        (V, "2026-10-14", "Y", "Y"), (AC, "2026-12-03"), (ICM, "2026-12-15"), (PLAN, "2026-12-24"),
        (SUM, "2027-03-10"), (REV, "2027-03-11"), (PLAN, "2027-03-22"), (SUM, "2027-06-03"),
        (REV, "2027-06-08"), (PLAN, "2027-06-17"), (V, "2027-08-25", "Y", "Y"),
        (REV, "2027-09-07"), (PLAN, "2027-09-16"), (CLOSED, "2027-10-28"),
    ]),
    "CM-5216": ("Delphine", "Kabongo", "2014-11-11", "N", "cam-sw2", "standard", "2027-07-12", [
        (V, "2027-07-19", "Y", "Y"), (AC, "2027-09-06"), (ICM, "2027-09-23"), (PLAN, "2027-10-05"),
        (V, "2027-10-21", "Y", "Y"), (V, "2027-11-16", "Y", "N"),
    ]),
    # ================= CAMDEN: Hassan Mahmoud (cam-asye) =================
    "CM-5221": ("Kai", "Thompson", "2013-09-25", "N", "cam-asye", "standard", "2027-06-01", [
        (V, "2027-06-04", "Y", "Y"), (AC, "2027-07-20"), (ICM, "2027-07-29"), (PLAN, "2027-08-10"),
        (V, "2027-09-08", "Y", "Y"), (SUM, "2027-10-18"), (REV, "2027-10-28"),
        (V, "2027-11-11", "Y", "Y"),
    ]),
    "CM-5222": ("Nia", "Thompson", "2016-06-08", "N", "cam-asye", "standard", "2027-06-01", [
        (V, "2027-06-04", "Y", "N"), (AC, "2027-07-20"), (ICM, "2027-07-29"), (PLAN, "2027-08-10"),
        (V, "2027-09-08", "Y", "N"), (REV, "2027-10-28"), (V, "2027-11-11", "Y", "Y"),
    ]),
    "CM-5223": ("Chidera", "Okeke", "2010-06-30", "N", "cam-asye", "standard", "2027-11-15", [
        (V, "2027-11-19", "Y", "Y"),
    ]),
    "CM-5224": ("Benjamin", "Sterling", "2019-12-19", "N", "cam-asye", "standard", "2027-09-06", [
        (V, "2027-09-16", "Y", "N"), (V, "2027-10-14", "Y", "N"), (AC, "2027-10-29"),
    ]),
    # ================= CAMDEN: Francesca Moretti (cam-sp) =================
    "CM-5231": ("Saoirse", "Doyle", "2011-01-08", "N", "cam-sp", "standard", "2026-05-04", [
        (V, "2026-05-06", "Y", "Y"), (AC, "2026-06-17"), (ICM, "2026-06-29"), (PLAN, "2026-07-09"),
        (SUM, "2026-09-21"), (REV, "2026-09-24"), (PLAN, "2026-10-06"), (V, "2026-11-10", "Y", "Y"),
        (SUM, "2026-12-15"), (REV, "2026-12-17"), (PLAN, "2027-01-05"), (V, "2027-02-09", "Y", "Y"),
        (SUM, "2027-03-11"), (REV, "2027-03-16"), (PLAN, "2027-03-26"), (V, "2027-05-04", "Y", "Y"),
        (SUM, "2027-06-07"), (REV, "2027-06-10"), (PLAN, "2027-06-22"), (V, "2027-07-27", "Y", "Y"),
        (SUM, "2027-09-02"), (REV, "2027-09-07"), (PLAN, "2027-09-17"), (V, "2027-10-26", "Y", "Y"),
    ]),
    "CM-5232": ("Mustafa", "Yilmaz", "2013-02-14", "N", "cam-sp", "standard", "2025-10-06", [
        (V, "2025-10-08", "Y", "Y"), (AC, "2025-11-20"), (ICM, "2025-12-02"), (PLAN, "2025-12-12"),
        (V, "2026-01-14", "Y", "Y"), (PRC, "2027-11-19"), (V, "2027-11-23", "Y", "Y"),
    ]),
    "CM-5233": ("Harriet", "Lomax", "2015-10-03", "N", "cam-sp", "standard", "2027-03-08", [
        (V, "2027-03-11", "Y", "N"), (AC, "2027-04-22"), (ICM, "2027-05-04"), (PLAN, "2027-05-14"),
        (V, "2027-06-15", "Y", "Y"), (SUM, "2027-07-29"), (REV, "2027-08-03"), (PLAN, "2027-08-13"),
        (V, "2027-09-21", "Y", "Y"), (SUM, "2027-10-26"), (REV, "2027-11-02"), (PLAN, "2027-11-12"),
        (V, "2027-11-17", "Y", "Y"),
    ]),
    "CM-5234": ("Arlo", "Fenwick", "2017-04-20", "N", "cam-sp", "standard", "2027-08-23", [
        (V, "2027-08-27", "Y", "N"), (V, "2027-09-29", "Y", "Y"), (V, "2027-11-03", "Y", "N"),
    ]),
    "CM-5235": ("Jamal", "Richards", "2012-12-28", "N", "cam-sp", "standard", "2026-11-15", [
        (V, "2026-11-18", "Y", "Y"), (AC, "2027-01-07"), (ICM, "2027-01-19"), (PLAN, "2027-01-29"),
        (V, "2027-03-02", "Y", "Y"), (SUM, "2027-04-13"), (REV, "2027-04-15"), (PLAN, "2027-04-27"),
        (V, "2027-06-08", "Y", "Y"), (SUM, "2027-07-08"), (REV, "2027-07-13"), (PLAN, "2027-07-23"),
        (V, "2027-08-31", "Y", "Y"), (SUM, "2027-10-05"), (REV, "2027-10-12"), (PLAN, "2027-10-22"),
        (V, "2027-11-10", "Y", "Y"),
    ]),
    "CM-5236": ("Matilda", "Greenwood", "2020-03-16", "N", "cam-sp", "standard", "2027-10-11", [
        (V, "2027-10-14", "Y", "N"), (V, "2027-11-08", "Y", "N"), (AC, "2027-11-18"),
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
