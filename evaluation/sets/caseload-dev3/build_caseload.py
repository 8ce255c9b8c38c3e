#!/usr/bin/env python3
"""Write the synthetic caseload (workers, children, cases, events) for the dev3 set.

Deterministic, standard library only. Today for the set is 2027-03-02 (Tuesday).
Every date below is written out literally; README.md lists the due dates they produce.
Run: python3 build_caseload.py  (writes the four CSVs next to this file)
"""
import csv
import os

HERE = os.path.dirname(os.path.abspath(__file__))

# worker_id, name, role, team_id, team_name, authority, manager_id
PM_TEAM = ("pm-cin-east", "CIN Team East")
KT_TEAM = ("kt-cin-canterbury", "Canterbury Children in Need Team")
WORKERS = [
    ("pm-tm", "Deborah Ashworth", "team_manager", *PM_TEAM, "practice_matters", ""),
    ("pm-sw", "Tomasz Wiśniewski", "social_worker", *PM_TEAM, "practice_matters", "pm-tm"),
    ("pm-asye", "Aisha Rahman", "asye", *PM_TEAM, "practice_matters", "pm-tm"),
    ("pm-sp", "Ciarán Doyle", "senior_practitioner", *PM_TEAM, "practice_matters", "pm-tm"),
    ("pm-ccw", "Marcia Campbell", "community_care_worker", *PM_TEAM, "practice_matters", "pm-tm"),
    ("kt-tm", "Gareth Pryce", "team_manager", *KT_TEAM, "kent", ""),
    ("kt-sw1", "Funmilayo Adeyemi", "social_worker", *KT_TEAM, "kent", "kt-tm"),
    ("kt-sw2", "Hannah Kowalczyk", "social_worker", *KT_TEAM, "kent", "kt-tm"),
    ("kt-asye", "Priya Mistry", "asye", *KT_TEAM, "kent", "kt-tm"),
    ("kt-sp", "Seán Gallagher", "senior_practitioner", *KT_TEAM, "kent", "kt-tm"),
]

# case_id: (first, last, birth, disabled, worker, category, referral, [events])
# event tuples: (event, date) or ("visit", date, seen, alone[, note])
V = "visit"
CASES = {
    # ---------------- practice_matters: Tomasz Wiśniewski (pm-sw) ----------------
    "PM-6001": ("Grace", "Adebayo", "2014-06-11", "N", "pm-sw", "standard", "2026-07-06", [
        ("assessment_completed", "2026-08-10"), ("initial_cin_meeting", "2026-08-19"),
        (V, "2026-08-25", "Y", "Y"), ("cin_review", "2026-09-30"), (V, "2026-10-01", "Y", "Y"),
        ("supervision", "2026-10-13"), ("cin_review", "2026-11-11"), (V, "2026-11-10", "Y", "N"),
        ("supervision", "2026-12-08"), (V, "2026-12-15", "Y", "Y"), ("cin_review", "2026-12-16"),
        (V, "2027-01-19", "Y", "Y"), ("cin_review", "2027-01-27"), ("supervision", "2027-01-12"),
    ]),
    "PM-6002": ("Precious", "Adebayo", "2019-02-03", "N", "pm-sw", "standard", "2026-07-06", [
        ("assessment_completed", "2026-08-10"), ("initial_cin_meeting", "2026-08-19"),
        (V, "2026-08-25", "Y", "N"), ("cin_review", "2026-09-30"), (V, "2026-10-01", "Y", "N"),
        ("supervision", "2026-10-13"), ("cin_review", "2026-11-11"), (V, "2026-11-10", "Y", "N"),
        ("supervision", "2026-12-08"), (V, "2026-12-15", "Y", "N"), ("cin_review", "2026-12-16"),
        (V, "2027-01-19", "N", "N", "at nursery, not seen"), ("cin_review", "2027-01-27"),
        ("supervision", "2027-01-12"),
    ]),
    "PM-6003": ("Oliwia", "Kamińska", "2012-09-30", "N", "pm-sw", "standard", "2026-04-13", [
        ("assessment_completed", "2026-05-20"), ("initial_cin_meeting", "2026-06-02"),
        (V, "2026-06-09", "Y", "Y"), ("cin_review", "2026-07-14"), (V, "2026-07-16", "Y", "Y"),
        ("supervision", "2026-08-04"), (V, "2026-08-25", "Y", "Y"), ("cin_review", "2026-08-25"),
        ("supervision", "2026-10-06"), (V, "2026-10-06", "Y", "Y"), ("cin_review", "2026-10-06"),
        ("cin_review", "2026-11-17"), (V, "2026-11-17", "Y", "N"), ("supervision", "2026-12-14"),
        (V, "2026-12-08", "Y", "Y"), ("cin_review", "2026-12-29"),
        (V, "2027-01-20", "N", "N", "no answer at the door"),
        ("cin_review", "2027-02-10"), (V, "2027-02-17", "N", "N", "Oliwia at her dad's, mum seen"),
    ]),
    "PM-6004": ("Jack", "Thornton", "2011-03-08", "Y", "pm-sw", "disability_low_risk", "2025-09-01", [
        ("assessment_completed", "2025-10-13"), ("initial_cin_meeting", "2025-10-24"),
        ("cin_review", "2026-01-20"), ("cin_review", "2026-04-16"), ("cin_review", "2026-07-09"),
        ("cin_review", "2026-09-29"), ("cin_review", "2026-12-08"),
        ("supervision", "2026-11-24"), ("supervision", "2027-01-26"),
        (V, "2026-11-12", "Y", "N"), (V, "2026-12-22", "Y", "N"), (V, "2027-02-03", "Y", "N"),
    ]),
    "PM-6005": ("Ellie-Mae", "Fletcher-Hughes", "2016-12-01", "N", "pm-sw", "standard", "2027-01-04", [
        (V, "2027-01-08", "Y", "N"), (V, "2027-02-10", "Y", "Y"),
    ]),
    "PM-6006": ("Ryan", "O'Sullivan", "2010-05-17", "N", "pm-sw", "standard", "2025-09-08", [
        ("assessment_completed", "2025-10-20"), ("initial_cin_meeting", "2025-10-30"),
        ("cp_plan_ended", "2026-09-03"),
        (V, "2026-09-10", "Y", "Y"), ("supervision", "2026-10-06"), ("cin_review", "2026-10-15"),
        (V, "2026-10-20", "Y", "Y"), ("cin_review", "2026-11-26"), (V, "2026-12-01", "Y", "Y"),
        ("supervision", "2026-12-08"), ("cin_review", "2027-01-07"), (V, "2027-01-05", "Y", "Y"),
        (V, "2027-02-02", "Y", "Y"), ("supervision", "2027-02-09"), ("cin_review", "2027-02-18"),
    ]),
    "PM-6007": ("Kai", "Thompson", "2016-08-08", "N", "pm-sw", "standard", "2027-01-05", [
        (V, "2027-01-07", "Y", "Y"), (V, "2027-02-04", "Y", "N"),
        ("assessment_completed", "2027-02-16"),
    ]),
    "PM-6009": ("Will", "Hargreaves", "2012-02-29", "N", "pm-sw", "standard", "2026-07-13", [
        ("assessment_completed", "2026-08-20"), ("initial_cin_meeting", "2026-09-02"),
        (V, "2026-09-09", "Y", "Y"), ("cin_review", "2026-10-14"), (V, "2026-10-21", "Y", "Y"),
        ("supervision", "2026-11-03"), ("cin_review", "2026-11-25"), (V, "2026-12-02", "Y", "Y"),
        ("cin_review", "2027-01-06"), ("supervision", "2027-01-07"), (V, "2027-01-12", "Y", "Y"),
        (V, "2027-02-11", "Y", "Y"), ("cin_review", "2027-02-17"),
    ]),
    # ---------------- practice_matters: Aisha Rahman (pm-asye) ----------------
    "PM-6010": ("Zara", "Hussain", "2013-03-21", "N", "pm-asye", "standard", "2026-08-03", [
        ("assessment_completed", "2026-09-14"), ("initial_cin_meeting", "2026-09-24"),
        (V, "2026-09-29", "Y", "Y"), ("supervision", "2026-10-08"), ("cin_review", "2026-11-05"),
        (V, "2026-11-03", "Y", "Y"), ("supervision", "2026-12-10"), (V, "2026-12-15", "Y", "Y"),
        ("cin_review", "2026-12-17"), ("cin_review", "2027-01-28"), (V, "2027-02-09", "Y", "Y"),
    ]),
    "PM-6011": ("Ayaan", "Hussain", "2016-10-01", "N", "pm-asye", "standard", "2026-08-03", [
        ("assessment_completed", "2026-09-14"), ("initial_cin_meeting", "2026-09-24"),
        (V, "2026-09-29", "Y", "N"), ("supervision", "2026-10-08"), ("cin_review", "2026-11-05"),
        (V, "2026-11-03", "Y", "N"), ("supervision", "2026-12-10"), (V, "2026-12-15", "Y", "Y"),
        ("cin_review", "2026-12-17"), ("cin_review", "2027-01-28"), (V, "2027-02-09", "Y", "N"),
    ]),
    "PM-6012": ("Hope", "Mensah", "2011-12-24", "N", "pm-asye", "standard", "2026-06-01", [
        ("assessment_completed", "2026-07-06"), ("initial_cin_meeting", "2026-07-16"),
        (V, "2026-07-21", "Y", "Y"), ("cin_review", "2026-08-27"), (V, "2026-08-26", "Y", "Y"),
        ("supervision", "2026-09-10"), ("cin_review", "2026-10-08"), (V, "2026-10-06", "Y", "Y"),
        ("supervision", "2026-11-12"), ("cin_review", "2026-11-19"), (V, "2026-11-24", "Y", "Y"),
        ("cin_review", "2026-12-31"), ("supervision", "2027-01-14"), (V, "2027-01-20", "Y", "Y"),
        ("cin_review", "2027-02-12"),
    ]),
    "PM-6013": ("Alfred", "Barker", "2015-11-11", "N", "pm-asye", "standard", "2026-04-01", [
        ("assessment_completed", "2026-04-30"), ("initial_cin_meeting", "2026-05-12"),
        ("cin_review", "2026-06-23"), ("cin_review", "2026-08-04"), ("cin_review", "2026-09-15"),
        ("cin_review", "2026-10-27"), ("cin_review", "2026-11-24"), ("cin_review", "2027-01-05"),
        ("supervision", "2026-12-03"), ("supervision", "2027-02-04"),
        (V, "2026-12-10", "Y", "Y"), (V, "2027-01-14", "Y", "Y"), (V, "2027-02-23", "Y", "Y"),
    ]),
    "PM-6014": ("Summer", "Lewis", "2020-06-21", "N", "pm-asye", "standard", "2026-12-01", [
        (V, "2026-12-04", "Y", "N"), (V, "2027-01-13", "Y", "N"),
    ]),
    "PM-6015": ("Dylan", "Moore", "2012-07-07", "N", "pm-asye", "standard", "2026-05-04", [
        ("assessment_completed", "2026-06-10"), ("initial_cin_meeting", "2026-06-19"),
        (V, "2026-07-01", "Y", "Y"), ("cin_review", "2026-07-31"), (V, "2026-08-12", "Y", "Y"),
        ("cin_review", "2026-09-11"), (V, "2026-09-22", "Y", "Y"), ("cin_review", "2026-10-23"),
        (V, "2026-11-03", "Y", "Y"), ("cin_review", "2026-12-04"), (V, "2027-01-12", "Y", "Y"),
        ("cin_review", "2027-01-22"), ("case_closed", "2027-02-05"),
    ]),
    # ---------------- practice_matters: Ciarán Doyle (pm-sp) ----------------
    "PM-6020": ("Katarzyna", "Nowak", "2010-10-31", "N", "pm-sp", "standard", "2026-03-02", [
        ("assessment_completed", "2026-04-08"), ("initial_cin_meeting", "2026-04-21"),
        ("cin_review", "2026-06-02"), ("cin_review", "2026-07-14"), ("cin_review", "2026-08-25"),
        ("cin_review", "2026-10-06"), ("cin_review", "2026-11-17"), ("cin_review", "2026-12-22"),
        ("cin_review", "2027-02-03"), ("supervision", "2026-11-19"), ("supervision", "2027-01-19"),
        (V, "2026-11-04", "Y", "Y"), (V, "2026-12-10", "Y", "Y"), (V, "2027-01-27", "Y", "Y"),
    ]),
    "PM-6021": ("Reign", "Okafor", "2013-04-09", "N", "pm-sp", "standard", "2025-01-13", [
        ("assessment_completed", "2025-02-24"), ("initial_cin_meeting", "2025-03-06"),
        ("discharged_from_care", "2027-01-21"),
        (V, "2027-01-28", "Y", "Y"), (V, "2027-02-18", "Y", "Y"),
    ]),
    "PM-6022": ("Faith", "Okafor", "2016-01-27", "N", "pm-sp", "standard", "2025-01-13", [
        ("assessment_completed", "2025-02-24"), ("initial_cin_meeting", "2025-03-06"),
        ("discharged_from_care", "2027-01-21"),
        (V, "2027-01-28", "Y", "N"), (V, "2027-02-18", "Y", "N"),
    ]),
    "PM-6023": ("Liam", "Byrne", "2009-04-14", "Y", "pm-sp", "disability_low_risk", "2025-04-07", [
        ("assessment_completed", "2025-05-15"), ("initial_cin_meeting", "2025-05-23"),
        ("cin_review", "2026-02-19"), ("cin_review", "2026-05-19"), ("cin_review", "2026-08-18"),
        ("cin_review", "2026-11-19"), ("supervision", "2026-12-03"), ("supervision", "2027-02-01"),
        (V, "2026-12-01", "Y", "N"), (V, "2027-01-05", "Y", "N"), (V, "2027-02-16", "Y", "N"),
    ]),
    "PM-6024": ("Liam", "Patel", "2014-08-30", "N", "pm-sp", "standard", "2026-08-24", [
        ("assessment_completed", "2026-10-01"), ("initial_cin_meeting", "2026-10-13"),
        (V, "2026-10-20", "Y", "Y"), ("cin_review", "2026-11-24"), (V, "2026-12-03", "Y", "Y"),
        ("supervision", "2026-12-15"), ("cin_review", "2027-01-05"), (V, "2027-01-21", "Y", "Y"),
        ("cin_review", "2027-02-16"),
    ]),
    "PM-6025": ("Siobhán", "Murphy", "2012-01-09", "N", "pm-sp", "standard", "2026-02-02", [
        ("assessment_completed", "2026-03-12"), ("initial_cin_meeting", "2026-03-24"),
        (V, "2026-09-24", "Y", "Y"), (V, "2026-11-05", "Y", "Y"),
        (V, "2026-12-16", "N", "N", "not in, mum says at a friend's"),
        (V, "2027-01-26", "N", "N", "Siobhán refused to come downstairs"),
        (V, "2027-02-22", "N", "N", "family out"),
        ("cin_review", "2026-12-03"), ("cin_review", "2027-01-14"), ("cin_review", "2027-02-25"),
        ("supervision", "2026-12-10"), ("supervision", "2027-02-11"),
    ]),
    "PM-6026": ("Jayden", "Clarke", "2011-05-05", "N", "pm-sp", "standard", "2026-07-27", [
        ("assessment_completed", "2026-08-24"), ("initial_cin_meeting", "2026-09-04"),
        (V, "2026-09-11", "Y", "Y"), ("cin_review", "2026-10-16"), (V, "2026-10-22", "Y", "Y"),
        ("supervision", "2026-11-04"), ("cin_review", "2026-11-27"), (V, "2026-12-03", "Y", "Y"),
        ("cin_review", "2027-01-08"), ("supervision", "2027-01-05"), (V, "2027-01-14", "Y", "Y"),
        ("cin_review", "2027-02-19"), (V, "2027-02-24", "Y", "Y"),
    ]),
    # ---------------- practice_matters: Marcia Campbell (pm-ccw) ----------------
    "PM-6030": ("Rose", "Walsh", "2014-04-04", "N", "pm-ccw", "standard", "2026-05-11", [
        ("assessment_completed", "2026-06-11"), ("initial_cin_meeting", "2026-06-23"),
        ("cin_review", "2026-12-10"), ("cin_review", "2027-01-07"), ("cin_review", "2027-02-04"),
        ("supervision", "2026-11-19"), ("supervision", "2027-01-21"),
        (V, "2026-11-26", "Y", "Y"), (V, "2026-12-21", "Y", "Y"), (V, "2027-02-01", "Y", "Y"),
    ]),
    "PM-6031": ("Connor", "Walsh", "2011-01-17", "N", "pm-ccw", "standard", "2026-05-11", [
        ("assessment_completed", "2026-06-11"), ("initial_cin_meeting", "2026-06-23"),
        ("cin_review", "2026-12-10"), ("cin_review", "2027-01-07"), ("cin_review", "2027-02-04"),
        ("supervision", "2026-11-19"), ("supervision", "2027-01-21"),
        (V, "2026-11-26", "Y", "Y"), (V, "2026-12-21", "Y", "N"), (V, "2027-02-01", "Y", "Y"),
    ]),
    "PM-6032": ("Joy", "Asante", "2017-02-02", "N", "pm-ccw", "standard", "2026-06-15", [
        ("assessment_completed", "2026-07-20"), ("initial_cin_meeting", "2026-07-30"),
        ("cin_review", "2026-10-29"), ("cin_review", "2026-12-10"), ("cin_review", "2027-01-21"),
        ("supervision", "2026-11-05"), ("supervision", "2027-01-07"),
        (V, "2026-12-02", "Y", "N"), (V, "2027-01-11", "Y", "N"), (V, "2027-02-15", "Y", "N"),
    ]),
    "PM-6033": ("Daniel", "Reid", "2009-09-09", "Y", "pm-ccw", "disability_low_risk", "2025-11-03", [
        ("assessment_completed", "2025-12-12"), ("initial_cin_meeting", "2025-12-18"),
        ("cin_review", "2026-03-17"), ("cin_review", "2026-06-16"), ("cin_review", "2026-09-03"),
        ("cin_review", "2026-12-03"), ("supervision", "2026-12-17"), ("supervision", "2027-02-18"),
        (V, "2026-10-21", "Y", "N"), (V, "2026-12-02", "Y", "N"), (V, "2027-01-13", "Y", "N"),
    ]),
    "PM-6034": ("Amara", "Nwosu", "2016-03-12", "N", "pm-ccw", "standard", "2026-09-07", [
        ("assessment_completed", "2026-10-15"), ("initial_cin_meeting", "2026-10-27"),
        ("cin_review", "2026-12-08"), ("cin_review", "2027-02-08"), ("supervision", "2026-11-10"),
        ("supervision", "2027-01-11"), (V, "2026-11-03", "Y", "Y"), (V, "2026-12-14", "Y", "Y"),
        (V, "2027-01-20", "Y", "Y"), (V, "2027-02-25", "Y", "Y"),
    ]),
    # ---------------- kent: Funmilayo Adeyemi (kt-sw1) ----------------
    "KT-6001": ("Sky", "Bennett", "2015-04-22", "N", "kt-sw1", "standard", "2026-09-14", [
        ("assessment_completed", "2026-11-09"), ("initial_cin_meeting", "2026-12-02"),
        ("plan_circulated", "2026-12-09"), (V, "2026-12-10", "Y", "Y"), (V, "2027-01-14", "Y", "Y"),
        (V, "2027-02-11", "Y", "N"),
    ]),
    "KT-6002": ("Jordan", "Bennett", "2012-08-09", "N", "kt-sw1", "standard", "2026-09-14", [
        ("assessment_completed", "2026-11-09"), ("initial_cin_meeting", "2026-12-02"),
        ("plan_circulated", "2026-12-09"), (V, "2026-12-10", "Y", "Y"), (V, "2027-01-14", "Y", "Y"),
        (V, "2027-02-11", "Y", "Y"),
    ]),
    "KT-6003": ("Chidera", "Okoro", "2009-01-15", "N", "kt-sw1", "standard", "2026-04-20", [
        ("assessment_completed", "2026-06-15"), ("initial_cin_meeting", "2026-06-26"),
        ("plan_circulated", "2026-07-02"), ("cin_review", "2026-09-24"),
        ("plan_circulated", "2026-10-01"), ("cin_review", "2027-02-22"),
        (V, "2026-12-08", "Y", "Y"), (V, "2027-02-09", "Y", "Y"),
    ]),
    "KT-6004": ("Maja", "Dąbrowska", "2013-11-02", "N", "kt-sw1", "standard", "2026-12-31", [
        (V, "2027-01-06", "Y", "N"), (V, "2027-02-03", "Y", "Y"),
    ]),
    "KT-6005": ("Oisín", "Kelly", "2011-07-19", "N", "kt-sw1", "standard", "2025-12-01", [
        ("assessment_completed", "2026-01-27"), ("initial_cin_meeting", "2026-02-19"),
        ("plan_circulated", "2026-02-26"), ("cin_review", "2026-05-19"),
        ("plan_circulated", "2026-05-27"), ("cin_review", "2026-08-20"),
        ("plan_circulated", "2026-08-27"), (V, "2026-11-25", "Y", "Y"), (V, "2027-01-28", "Y", "Y"),
    ]),
    "KT-6006": ("Leon", "Grant", "2008-10-10", "N", "kt-sw1", "standard", "2026-11-16", [
        ("assessment_completed", "2026-12-21"), ("initial_cin_meeting", "2027-01-13"),
        ("plan_circulated", "2027-01-20"), (V, "2027-01-26", "Y", "Y"), (V, "2027-02-16", "Y", "Y"),
    ]),
    # ---------------- kent: Hannah Kowalczyk (kt-sw2) ----------------
    "KT-6010": ("Blessing", "Osei", "2014-02-14", "N", "kt-sw2", "standard", "2026-12-07", [
        ("assessment_completed", "2027-02-02"), ("initial_cin_meeting", "2027-02-17"),
        (V, "2026-12-10", "Y", "Y"), (V, "2027-01-21", "Y", "Y"),
    ]),
    "KT-6011": ("Favour", "Osei", "2017-05-30", "N", "kt-sw2", "standard", "2026-12-07", [
        ("assessment_completed", "2027-02-02"), ("initial_cin_meeting", "2027-02-17"),
        (V, "2026-12-10", "Y", "N"), (V, "2027-01-21", "Y", "N"),
    ]),
    "KT-6012": ("Kacper", "Zieliński", "2012-12-12", "N", "kt-sw2", "standard", "2026-01-12", [
        ("assessment_completed", "2026-03-05"), ("initial_cin_meeting", "2026-03-17"),
        ("plan_circulated", "2026-03-24"), ("cin_review", "2026-06-16"),
        ("plan_circulated", "2026-06-23"), ("cin_review", "2026-09-10"),
        ("plan_circulated", "2026-09-17"), (V, "2026-12-15", "Y", "Y"), (V, "2027-02-10", "Y", "Y"),
    ]),
    "KT-6013": ("Amelia-Rose", "Harding-Price", "2018-03-03", "N", "kt-sw2", "standard", "2026-11-16", [
        (V, "2026-11-19", "Y", "N"), (V, "2026-12-17", "Y", "N"),
    ]),
    "KT-6014": ("Isaac", "Johnson", "2010-01-25", "N", "kt-sw2", "standard", "2026-03-02", [
        ("assessment_completed", "2026-04-20"), ("cp_plan_ended", "2026-12-03"),
        ("initial_cin_meeting", "2026-12-03"), ("plan_circulated", "2026-12-10"),
        (V, "2026-12-16", "Y", "Y"), (V, "2027-02-04", "Y", "Y"),
    ]),
    "KT-6015": ("Harvey", "Cole", "2016-06-06", "N", "kt-sw2", "standard", "2026-02-02", [
        ("assessment_completed", "2026-03-16"), ("initial_cin_meeting", "2026-03-26"),
        ("plan_circulated", "2026-04-01"), ("cin_review", "2026-06-25"),
        ("plan_circulated", "2026-07-02"), ("cin_review", "2026-09-15"),
        ("plan_circulated", "2026-09-22"), (V, "2026-11-11", "Y", "Y"), (V, "2027-01-20", "Y", "N"),
    ]),
    "KT-6016": ("Lily", "Marsh", "2013-08-19", "N", "kt-sw2", "standard", "2026-05-18", [
        ("assessment_completed", "2026-06-29"), ("initial_cin_meeting", "2026-07-09"),
        ("plan_circulated", "2026-07-15"), ("cin_review", "2026-10-08"),
        ("plan_circulated", "2026-10-15"), (V, "2026-12-03", "Y", "Y"), ("case_closed", "2027-02-12"),
    ]),
    # ---------------- kent: Priya Mistry (kt-asye) ----------------
    "KT-6020": ("Mia", "Robinson", "2017-10-10", "N", "kt-asye", "standard", "2026-10-05", [
        ("assessment_completed", "2026-11-27"), ("initial_cin_meeting", "2026-12-09"),
        ("plan_circulated", "2026-12-16"), (V, "2026-12-14", "Y", "N"), (V, "2027-02-02", "Y", "Y"),
    ]),
    "KT-6021": ("Mia", "Sandhu", "2013-01-29", "N", "kt-asye", "standard", "2026-03-23", [
        ("assessment_completed", "2026-05-11"), ("initial_cin_meeting", "2026-06-30"),
        ("plan_circulated", "2026-07-07"), ("cin_review", "2026-10-05"),
        ("plan_circulated", "2026-10-12"), (V, "2026-12-09", "Y", "Y"), (V, "2027-02-17", "Y", "Y"),
    ]),
    "KT-6022": ("Alexandru", "Popescu", "2011-04-04", "N", "kt-asye", "standard", "2027-02-08", [
        (V, "2027-02-11", "Y", "Y"),
    ]),
    "KT-6023": ("Ama", "Boateng", "2019-09-09", "N", "kt-asye", "standard", "2026-12-14", [
        (V, "2026-12-18", "Y", "N"), ("assessment_completed", "2027-02-12"),
        ("initial_cin_meeting", "2027-02-25"), (V, "2027-02-25", "Y", "N"),
    ]),
    "KT-6024": ("Hope", "Fairweather", "2014-07-07", "Y", "kt-asye", "standard", "2026-01-19", [
        ("assessment_completed", "2026-03-10"), ("initial_cin_meeting", "2026-03-31"),
        ("plan_circulated", "2026-04-08"), ("cin_review", "2026-06-30"),
        ("plan_circulated", "2026-07-06"), ("cin_review", "2026-09-29"),
        ("plan_circulated", "2026-10-06"), (V, "2026-11-18", "Y", "N"), (V, "2027-01-27", "Y", "N"),
    ]),
    # ---------------- kent: Seán Gallagher (kt-sp) ----------------
    "KT-6030": ("Nathaniel", "Francis", "2010-03-03", "N", "kt-sp", "standard", "2026-02-09", [
        ("assessment_completed", "2026-03-27"), ("initial_cin_meeting", "2026-04-14"),
        ("plan_circulated", "2026-04-21"), ("cin_review", "2026-07-14"),
        ("plan_circulated", "2026-07-20"), ("cin_review", "2027-03-01"),
        (V, "2026-12-01", "Y", "Y"), (V, "2027-02-15", "Y", "Y"),
    ]),
    "KT-6031": ("Shanice", "Francis", "2012-11-20", "N", "kt-sp", "standard", "2026-02-09", [
        ("assessment_completed", "2026-03-27"), ("initial_cin_meeting", "2026-04-14"),
        ("plan_circulated", "2026-04-21"), ("cin_review", "2026-07-14"),
        ("plan_circulated", "2026-07-20"), ("cin_review", "2027-03-01"),
        (V, "2026-12-01", "Y", "Y"), (V, "2027-02-15", "Y", "N"),
    ]),
    "KT-6032": ("Zofia", "Wójcik", "2009-06-18", "N", "kt-sp", "standard", "2025-11-10", [
        ("assessment_completed", "2026-01-08"), ("initial_cin_meeting", "2026-01-22"),
        ("plan_circulated", "2026-01-29"), ("cin_review", "2026-04-22"),
        ("plan_circulated", "2026-04-28"), ("cin_review", "2026-07-30"),
        ("plan_circulated", "2026-08-06"), (V, "2026-10-14", "Y", "Y"), (V, "2026-12-09", "Y", "Y"),
        (V, "2027-02-08", "Y", "Y"),
    ]),
    "KT-6033": ("Harpreet", "Gill", "2015-02-28", "N", "kt-sp", "standard", "2026-09-21", [
        ("assessment_completed", "2026-11-13"), ("initial_cin_meeting", "2026-11-26"),
        ("plan_circulated", "2026-12-03"), (V, "2026-12-07", "Y", "Y"), (V, "2027-01-25", "Y", "Y"),
    ]),
    "KT-6034": ("Tomás", "Brennan", "2013-05-05", "N", "kt-sp", "standard", "2026-01-05", [
        ("assessment_completed", "2026-02-23"), ("initial_cin_meeting", "2026-03-05"),
        ("plan_circulated", "2026-03-12"), ("cin_review", "2026-06-05"),
        ("plan_circulated", "2026-06-11"), ("cin_review", "2026-09-30"),
        ("plan_circulated", "2026-10-07"), (V, "2026-12-02", "Y", "Y"), (V, "2027-02-10", "Y", "Y"),
    ]),
    "KT-6035": ("Ifeoma", "Nwachukwu", "2016-09-15", "N", "kt-sp", "standard", "2027-01-18", [
        (V, "2027-01-21", "Y", "Y"), (V, "2027-02-19", "Y", "N"),
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
