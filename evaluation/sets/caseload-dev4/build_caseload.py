#!/usr/bin/env python3
"""Write the synthetic caseload (workers, children, cases, events) for the dev4 set.

Deterministic, standard library only. Today for the set is 2027-05-19 (Wednesday).
Every date below is written out literally; README.md lists the due dates they produce.
Run: python3 build_caseload.py  (writes the four CSVs next to this file)
"""
import csv
import os

HERE = os.path.dirname(os.path.abspath(__file__))

# worker_id, name, role, team_id, team_name, authority, manager_id
CM_TEAM = ("cm-cin-holborn", "Holborn and St Pancras CIN Team")
KT_TEAM = ("kt-cin-swale", "Swale Children in Need Team")
WORKERS = [
    ("cm-tm", "Olusegun Bakare", "team_manager", *CM_TEAM, "camden", ""),
    ("cm-sw1", "Beatriz Carvalho", "social_worker", *CM_TEAM, "camden", "cm-tm"),
    ("cm-sw2", "Daniel Eze", "social_worker", *CM_TEAM, "camden", "cm-tm"),
    ("cm-asye", "Chloe Fairbairn", "asye", *CM_TEAM, "camden", "cm-tm"),
    ("cm-sp", "Rhys Llewellyn-Jones", "senior_practitioner", *CM_TEAM, "camden", "cm-tm"),
    ("kt-tm", "Sandra Whitlock", "team_manager", *KT_TEAM, "kent", ""),
    ("kt-sw", "Kwame Asante-Boateng", "social_worker", *KT_TEAM, "kent", "kt-tm"),
    ("kt-asye", "Zainab Qureshi", "asye", *KT_TEAM, "kent", "kt-tm"),
    ("kt-sp", "Eilidh MacLeod", "senior_practitioner", *KT_TEAM, "kent", "kt-tm"),
    ("kt-ccw", "Lorraine Pickering", "community_care_worker", *KT_TEAM, "kent", "kt-tm"),
]

# case_id: (first, last, birth, disabled, worker, category, referral, [events])
# event tuples: (event, date) or ("visit", date, seen, alone[, note])
V = "visit"
AC, ICM, REV, PLAN, SUM = ("assessment_completed", "initial_cin_meeting", "cin_review",
                           "plan_circulated", "case_summary")
CASES = {
    # ---------------- camden: Beatriz Carvalho (cm-sw1) ----------------
    "CM-7001": ("Leo", "Marchetti", "2015-02-11", "N", "cm-sw1", "standard", "2026-08-03", [
        (V, "2026-08-06", "Y", "Y"), (AC, "2026-09-24"), (ICM, "2026-10-06"), (PLAN, "2026-10-13"),
        (V, "2026-11-10", "Y", "Y"), (SUM, "2026-12-15"), (REV, "2027-01-05"), (PLAN, "2027-01-12"),
        (V, "2027-01-20", "Y", "Y"), (SUM, "2027-03-15"), (V, "2027-03-30", "Y", "N"),
        (REV, "2027-04-01"), (PLAN, "2027-04-09"), (V, "2027-05-04", "Y", "Y"),
    ]),
    "CM-7002": ("Leo", "Whitfield", "2019-06-30", "N", "cm-sw1", "standard", "2026-12-07", [
        (V, "2026-12-10", "Y", "N"), (AC, "2027-02-09"), (ICM, "2027-02-23"), (PLAN, "2027-03-02"),
        (V, "2027-03-18", "Y", "N"), (V, "2027-04-22", "Y", "Y"),
    ]),
    "CM-7003": ("Róisín", "Keane", "2011-08-21", "N", "cm-sw1", "standard", "2025-12-01", [
        (V, "2025-12-04", "Y", "Y"), (AC, "2026-01-22"), (ICM, "2026-02-03"), (PLAN, "2026-02-10"),
        (REV, "2026-04-28"), (PLAN, "2026-05-05"), (SUM, "2026-05-12"), (V, "2026-06-16", "Y", "Y"),
        (REV, "2026-07-21"), (PLAN, "2026-07-28"), (SUM, "2026-08-04"), (V, "2026-09-09", "Y", "Y"),
        (REV, "2026-10-13"), (PLAN, "2026-10-20"), (SUM, "2026-11-03"), (V, "2026-12-02", "Y", "Y"),
        (REV, "2027-01-12"), (PLAN, "2027-01-19"), (SUM, "2027-01-28"), (V, "2027-02-17", "Y", "Y"),
        (REV, "2027-04-06"), (PLAN, "2027-04-13"), (V, "2027-04-21", "Y", "N"),
    ]),
    "CM-7004": ("Mohamed", "Abdi", "2013-03-14", "N", "cm-sw1", "standard", "2026-04-13", [
        (V, "2026-04-16", "Y", "Y"), (AC, "2026-05-07"), (ICM, "2026-05-20"), (PLAN, "2026-05-27"),
        (REV, "2026-08-18"), (PLAN, "2026-08-25"), (SUM, "2026-08-18"), (V, "2026-09-22", "Y", "Y"),
        (REV, "2026-11-10"), (SUM, "2026-11-12"), (PLAN, "2026-11-17"), (V, "2026-12-15", "Y", "Y"),
        (REV, "2027-02-09"), (PLAN, "2027-02-16"), (SUM, "2027-02-25"), (V, "2027-03-09", "Y", "Y"),
        (V, "2027-04-27", "Y", "Y"), (REV, "2027-05-06"),
    ]),
    "CM-7005": ("Ivy", "Pemberton", "2020-01-09", "N", "cm-sw1", "standard", "2027-03-22", [
        (V, "2027-03-25", "Y", "N"), (V, "2027-04-29", "Y", "N"),
    ]),
    "CM-7006": ("Zoë", "Castellanos-Reid", "2009-11-30", "N", "cm-sw1", "standard", "2025-06-02", [
        (V, "2025-06-05", "Y", "Y"), (AC, "2025-07-14"), (ICM, "2025-07-24"), (PLAN, "2025-07-31"),
        ("cp_plan_ended", "2027-03-04"),
        (V, "2027-03-11", "Y", "Y"), (V, "2027-04-15", "Y", "Y"), (V, "2027-05-06", "Y", "Y"),
    ]),
    # ---------------- camden: Daniel Eze (cm-sw2) ----------------
    "CM-7010": ("Amira", "Haddad", "2012-05-05", "N", "cm-sw2", "standard", "2026-06-01", [
        (V, "2026-06-04", "Y", "Y"), (AC, "2026-07-16"), (ICM, "2026-07-28"), (PLAN, "2026-08-04"),
        (V, "2026-09-15", "Y", "Y"), (SUM, "2026-10-20"), (REV, "2026-10-27"), (PLAN, "2026-11-03"),
        (V, "2026-12-08", "Y", "Y"), (SUM, "2027-01-19"), (REV, "2027-01-26"), (PLAN, "2027-02-02"),
        (V, "2027-03-03", "Y", "Y"), (SUM, "2027-04-15"), (V, "2027-04-22", "Y", "Y"),
        (REV, "2027-04-28"), (V, "2027-05-10", "Y", "Y"),
    ]),
    "CM-7011": ("Yusuf", "Haddad", "2016-09-17", "N", "cm-sw2", "standard", "2026-06-01", [
        (V, "2026-06-04", "Y", "N"), (AC, "2026-07-16"), (ICM, "2026-07-28"), (PLAN, "2026-08-04"),
        (V, "2026-09-15", "Y", "N"), (SUM, "2026-10-20"), (REV, "2026-10-27"), (PLAN, "2026-11-03"),
        (V, "2026-12-08", "Y", "Y"), (SUM, "2027-01-19"), (REV, "2027-01-26"), (PLAN, "2027-02-02"),
        (V, "2027-03-03", "Y", "N"), (SUM, "2027-04-15"), (V, "2027-04-22", "Y", "N"),
        (REV, "2027-04-28"), (V, "2027-05-10", "Y", "Y"),
    ]),
    "CM-7012": ("Frederick", "Ashcombe", "2014-12-02", "N", "cm-sw2", "standard", "2025-02-03", [
        (V, "2025-02-06", "Y", "Y"), (AC, "2025-03-20"), (ICM, "2025-04-01"), (PLAN, "2025-04-08"),
        ("proceedings_concluded", "2027-04-28"), (V, "2027-05-05", "Y", "Y"),
    ]),
    "CM-7013": ("Autumn", "Reece", "2018-10-21", "N", "cm-sw2", "standard", "2027-03-01", [
        (V, "2027-03-04", "Y", "N"), (V, "2027-04-08", "Y", "N"), (AC, "2027-04-29"),
    ]),
    "CM-7014": ("Tiago", "Fernandes", "2010-07-07", "N", "cm-sw2", "standard", "2026-09-07", [
        (V, "2026-09-10", "Y", "Y"), (AC, "2026-10-22"), (ICM, "2026-11-03"), (PLAN, "2026-11-10"),
        (V, "2026-12-01", "Y", "Y"), (SUM, "2027-02-01"), (V, "2027-02-11", "Y", "Y"),
        (REV, "2027-02-19"), (PLAN, "2027-02-26"), (V, "2027-04-13", "Y", "Y"),
    ]),
    "CM-7015": ("Bethany", "Lowe", "2010-04-03", "N", "cm-sw2", "standard", "2026-03-09", [
        (V, "2026-03-12", "Y", "Y"), (AC, "2026-04-23"), (ICM, "2026-05-05"), (PLAN, "2026-05-12"),
        (SUM, "2026-08-03"), (REV, "2026-08-04"), (PLAN, "2026-08-11"), (V, "2026-09-29", "Y", "Y"),
        (REV, "2026-11-03"), (PLAN, "2026-11-10"), (SUM, "2026-12-01"), (V, "2027-01-12", "Y", "Y"),
        (REV, "2027-02-17"), (PLAN, "2027-02-24"), (SUM, "2027-03-02"), (V, "2027-03-23", "Y", "Y"),
        (V, "2027-05-07", "Y", "N"),
    ]),
    "CM-7016": ("Harrison", "Pike", "2012-10-14", "N", "cm-sw2", "standard", "2026-07-06", [
        (V, "2026-07-08", "Y", "Y"), (AC, "2026-08-20"), (ICM, "2026-09-01"), (PLAN, "2026-09-08"),
        (REV, "2026-11-24"), (PLAN, "2026-12-01"), (REV, "2027-02-16"), (PLAN, "2027-02-23"),
        (V, "2027-03-10", "Y", "Y"), ("case_closed", "2027-04-16"),
    ]),
    # ---------------- camden: Chloe Fairbairn (cm-asye) ----------------
    "CM-7020": ("Ruby-Jo", "Dempsey", "2016-02-29", "N", "cm-asye", "standard", "2026-10-05", [
        (V, "2026-10-08", "Y", "N"), (AC, "2026-11-19"), (ICM, "2026-12-01"), (PLAN, "2026-12-08"),
        (V, "2027-01-14", "Y", "Y"), (SUM, "2027-02-26"), (REV, "2027-03-01"), (PLAN, "2027-03-08"),
        (V, "2027-03-17", "Y", "Y"), (V, "2027-04-28", "Y", "Y"),
    ]),
    "CM-7021": ("Kofi", "Mensah-Darko", "2011-01-30", "N", "cm-asye", "standard", "2024-09-02", [
        (V, "2024-09-05", "Y", "Y"), (AC, "2024-10-17"), (ICM, "2024-10-29"), (PLAN, "2024-11-05"),
        ("discharged_from_care", "2027-04-23"),
        (V, "2027-04-30", "Y", "Y"), (V, "2027-05-11", "Y", "Y"),
    ]),
    "CM-7022": ("Zuzanna", "Wróbel", "2013-06-06", "N", "cm-asye", "standard", "2026-01-12", [
        (V, "2026-01-15", "Y", "Y"), (AC, "2026-02-26"), (ICM, "2026-03-10"), (PLAN, "2026-03-17"),
        (SUM, "2026-06-08"), (REV, "2026-06-09"), (PLAN, "2026-06-16"), (V, "2026-07-22", "Y", "Y"),
        (SUM, "2026-09-03"), (REV, "2026-09-08"), (PLAN, "2026-09-15"), (V, "2026-10-27", "Y", "Y"),
        (SUM, "2026-12-03"), (REV, "2026-12-08"), (PLAN, "2026-12-15"), (REV, "2027-01-19"),
        (PLAN, "2027-01-26"), (V, "2027-02-03", "Y", "Y"), (V, "2027-03-31", "Y", "N"),
        (V, "2027-05-05", "N", "N", "no answer, neighbour says family away"),
    ]),
    "CM-7023": ("Aarav", "Shah", "2017-12-12", "N", "cm-asye", "standard", "2027-04-01", [
        (V, "2027-04-06", "Y", "N"), (V, "2027-04-27", "Y", "Y"), (AC, "2027-05-10"),
    ]),
    "CM-7024": ("Efua", "Boakye", "2021-03-19", "N", "cm-asye", "standard", "2027-05-13", []),
    # ---------------- camden: Rhys Llewellyn-Jones (cm-sp) ----------------
    "CM-7030": ("Fatmata", "Kamara", "2010-12-25", "N", "cm-sp", "standard", "2026-04-20", [
        (V, "2026-04-23", "Y", "Y"), (AC, "2026-05-14"), (ICM, "2026-05-27"), (PLAN, "2026-06-03"),
        (V, "2026-07-14", "Y", "Y"), (SUM, "2026-08-24"), (REV, "2026-08-25"), (PLAN, "2026-09-01"),
        (V, "2026-10-13", "Y", "Y"), (SUM, "2026-11-20"), (REV, "2026-11-24"), (PLAN, "2026-12-01"),
        (V, "2027-01-19", "Y", "Y"), (SUM, "2027-02-18"), (REV, "2027-02-25"), (PLAN, "2027-03-04"),
        (V, "2027-03-16", "Y", "Y"), (V, "2027-04-29", "Y", "Y"),
    ]),
    "CM-7031": ("Ibrahim", "Kamara", "2014-04-18", "N", "cm-sp", "standard", "2026-04-20", [
        (V, "2026-04-23", "Y", "N"), (AC, "2026-05-14"), (ICM, "2026-05-27"), (PLAN, "2026-06-03"),
        (V, "2026-07-14", "Y", "N"), (SUM, "2026-08-24"), (REV, "2026-08-25"), (PLAN, "2026-09-01"),
        (V, "2026-10-13", "Y", "Y"), (SUM, "2026-11-20"), (REV, "2026-11-24"), (PLAN, "2026-12-01"),
        (V, "2027-01-19", "Y", "N"), (SUM, "2027-02-18"), (REV, "2027-02-25"), (PLAN, "2027-03-04"),
        (V, "2027-03-16", "Y", "Y"), (V, "2027-04-29", "Y", "Y"),
    ]),
    "CM-7032": ("Dominic", "Fitzgerald", "2012-03-03", "N", "cm-sp", "standard", "2025-01-06", [
        (V, "2025-01-09", "Y", "Y"), (AC, "2025-02-20"), (ICM, "2025-03-04"), (PLAN, "2025-03-11"),
        ("cp_plan_ended", "2026-06-18"), (V, "2026-07-02", "Y", "Y"),
        (SUM, "2026-09-14"), (REV, "2026-09-15"), (PLAN, "2026-09-22"), (V, "2026-10-28", "Y", "Y"),
        (SUM, "2026-12-09"), (REV, "2026-12-10"), (PLAN, "2026-12-17"), (V, "2027-01-26", "Y", "Y"),
        (SUM, "2027-03-08"), (REV, "2027-03-09"), (PLAN, "2027-03-16"), (V, "2027-03-24", "Y", "Y"),
        (V, "2027-05-12", "Y", "N"),
    ]),
    "CM-7033": ("Renée", "Toussaint", "2015-08-08", "N", "cm-sp", "standard", "2027-02-15", [
        (V, "2027-02-18", "Y", "Y"), (V, "2027-03-25", "Y", "Y"), (V, "2027-05-04", "Y", "N"),
    ]),
    "CM-7034": ("Callum", "Byrne", "2011-01-20", "N", "cm-sp", "standard", "2025-09-01", [
        (V, "2025-09-03", "Y", "Y"), (AC, "2025-10-09"), (ICM, "2025-10-21"), (PLAN, "2025-10-28"),
        ("proceedings_concluded", "2027-03-31"), (V, "2027-04-07", "Y", "Y"),
        (V, "2027-04-27", "N", "N", "at football training"), (REV, "2027-04-27"),
        (PLAN, "2027-05-11"),
    ]),
    "CM-7035": ("Elizabeth", "Greaves", "2016-05-30", "N", "cm-sp", "standard", "2026-09-28", [
        (V, "2026-10-01", "Y", "Y"), (AC, "2026-11-05"), (ICM, "2026-11-17"), (PLAN, "2026-11-24"),
        (V, "2027-01-21", "Y", "Y"), (REV, "2027-02-16"), (PLAN, "2027-02-23"), (SUM, "2027-03-18"),
        (V, "2027-03-30", "Y", "Y"), (V, "2027-05-13", "Y", "N"), (REV, "2027-05-17"),
    ]),
    "CM-7036": ("Maisie", "O'Connell", "2019-07-22", "N", "cm-sp", "standard", "2027-05-07", []),
    # ---------------- kent: Kwame Asante-Boateng (kt-sw) ----------------
    "KT-7001": ("River", "Ashdown", "2013-09-09", "N", "kt-sw", "standard", "2026-06-15", [
        (V, "2026-06-18", "Y", "Y"), (AC, "2026-08-10"), (ICM, "2026-08-24"), (PLAN, "2026-09-01"),
        (V, "2026-10-12", "Y", "Y"), (REV, "2026-11-23"), (PLAN, "2026-11-30"),
        (V, "2027-01-28", "Y", "Y"), (V, "2027-04-01", "Y", "N"),
    ]),
    "KT-7002": ("Marley", "Doherty", "2012-02-14", "N", "kt-sw", "standard", "2027-02-22", [
        (V, "2027-02-25", "Y", "Y"), (V, "2027-04-07", "Y", "Y"), (AC, "2027-04-28"),
        (ICM, "2027-05-12"),
    ]),
    "KT-7003": ("Shay", "Doherty", "2015-11-03", "N", "kt-sw", "standard", "2027-02-22", [
        (V, "2027-02-25", "Y", "N"), (V, "2027-04-07", "Y", "Y"), (AC, "2027-04-28"),
        (ICM, "2027-05-12"),
    ]),
    "KT-7004": ("Oluwaseun", "Adebisi", "2010-10-10", "N", "kt-sw", "standard", "2026-10-19", [
        (V, "2026-10-22", "Y", "Y"), (AC, "2026-12-15"), (ICM, "2026-12-29"), (PLAN, "2027-01-07"),
        (V, "2027-02-10", "Y", "Y"), (V, "2027-04-20", "Y", "Y"),
    ]),
    "KT-7005": ("Noémie", "Laurent", "2019-04-14", "N", "kt-sw", "standard", "2027-03-24", [
        (V, "2027-03-30", "Y", "N"), (V, "2027-04-28", "Y", "N"),
    ]),
    "KT-7006": ("Connor", "McAllister", "2009-12-12", "N", "kt-sw", "standard", "2026-12-14", [
        (V, "2026-12-17", "Y", "Y"), (AC, "2027-02-10"), (ICM, "2027-02-24"), (PLAN, "2027-03-03"),
        (V, "2027-03-22", "Y", "Y"), (V, "2027-05-06", "Y", "Y"),
    ]),
    # ---------------- kent: Zainab Qureshi (kt-asye) ----------------
    "KT-7010": ("Destiny", "Campbell", "2014-07-19", "N", "kt-asye", "standard", "2027-02-08", [
        (V, "2027-02-11", "Y", "Y"), (AC, "2027-04-15"), (V, "2027-04-20", "Y", "N"),
        (ICM, "2027-05-04"),
    ]),
    "KT-7011": ("Maximilian", "Brandt", "2012-01-01", "N", "kt-asye", "standard", "2026-06-08", [
        (V, "2026-06-10", "Y", "Y"), (AC, "2026-08-05"), (ICM, "2026-08-19"), (PLAN, "2026-08-27"),
        (REV, "2026-11-19"), (PLAN, "2026-11-26"), (V, "2026-12-02", "Y", "Y"),
        (V, "2027-03-10", "Y", "Y"),
    ]),
    "KT-7012": ("Hamza", "Iqbal", "2016-06-16", "N", "kt-asye", "standard", "2027-01-25", [
        (V, "2027-01-28", "Y", "Y"), (V, "2027-03-03", "Y", "N"), (V, "2027-04-21", "Y", "Y"),
    ]),
    "KT-7013": ("Tegan", "Price-Williams", "2011-11-11", "N", "kt-asye", "standard", "2026-01-12", [
        (V, "2026-01-14", "Y", "Y"), (AC, "2026-03-05"), (ICM, "2026-03-16"), (PLAN, "2026-03-24"),
        (REV, "2026-06-16"), (PLAN, "2026-06-24"), (V, "2026-09-30", "Y", "Y"),
        (REV, "2026-12-15"), (PLAN, "2026-12-22"), (V, "2027-02-17", "Y", "Y"),
        (V, "2027-04-14", "Y", "N"),
    ]),
    "KT-7014": ("Kyle", "Jennings", "2010-05-27", "N", "kt-asye", "standard", "2026-09-07", [
        (V, "2026-09-10", "Y", "Y"), (AC, "2026-11-05"), (ICM, "2026-11-18"), (PLAN, "2026-11-26"),
        (V, "2027-01-13", "Y", "Y"), (REV, "2027-02-18"), (PLAN, "2027-02-25"),
        (V, "2027-04-12", "Y", "Y"), (REV, "2027-05-18"),
    ]),
    # ---------------- kent: Eilidh MacLeod (kt-sp) ----------------
    "KT-7020": ("Sunny", "Barlow", "2017-08-08", "N", "kt-sp", "standard", "2026-03-30", [
        (V, "2026-04-01", "Y", "Y"), (AC, "2026-05-20"), (ICM, "2026-06-02"), (PLAN, "2026-06-10"),
        (REV, "2026-09-01"), (PLAN, "2026-09-09"), (V, "2027-01-13", "Y", "N"),
        (V, "2027-03-24", "Y", "N"), (V, "2027-05-05", "Y", "N"),
    ]),
    "KT-7021": ("Thomas", "Gallacher", "2013-10-31", "N", "kt-sp", "standard", "2026-06-01", [
        (V, "2026-06-03", "Y", "Y"), (AC, "2026-07-23"), ("cp_plan_ended", "2027-02-26"),
        (ICM, "2027-02-26"), (PLAN, "2027-03-05"), (V, "2027-03-10", "Y", "Y"),
        (V, "2027-04-22", "Y", "Y"),
    ]),
    "KT-7022": ("Ayesha", "Begum", "2009-09-29", "N", "kt-sp", "standard", "2026-12-01", [
        (V, "2026-12-03", "Y", "Y"), (AC, "2027-02-08"), (ICM, "2027-02-25"), (PLAN, "2027-03-04"),
        (V, "2027-03-31", "Y", "Y"), (V, "2027-05-06", "Y", "Y"),
    ]),
    "KT-7023": ("Sumaiya", "Begum", "2012-03-17", "N", "kt-sp", "standard", "2026-12-01", [
        (V, "2026-12-03", "Y", "Y"), (AC, "2027-02-08"), (ICM, "2027-02-25"), (PLAN, "2027-03-04"),
        (V, "2027-03-31", "Y", "Y"), (V, "2027-05-06", "Y", "N"),
    ]),
    "KT-7024": ("Rayyan", "Begum", "2018-12-05", "N", "kt-sp", "standard", "2026-12-01", [
        (V, "2026-12-03", "Y", "N"), (AC, "2027-02-08"), (ICM, "2027-02-25"), (PLAN, "2027-03-04"),
        (V, "2027-03-31", "Y", "N"), (V, "2027-05-06", "Y", "N"),
    ]),
    "KT-7025": ("Siân", "Pritchard", "2010-06-24", "N", "kt-sp", "standard", "2025-11-03", [
        (V, "2025-11-05", "Y", "Y"), (AC, "2025-12-18"), (ICM, "2026-01-06"), (PLAN, "2026-01-13"),
        (REV, "2026-04-07"), (PLAN, "2026-04-14"), (REV, "2026-10-06"), (PLAN, "2026-10-13"),
        (V, "2026-12-09", "Y", "Y"), (V, "2027-02-24", "Y", "Y"), (REV, "2027-04-06"),
        (V, "2027-04-29", "Y", "Y"),
    ]),
    "KT-7026": ("Kieran", "Holt", "2011-02-08", "N", "kt-sp", "standard", "2026-02-02", [
        (V, "2026-02-04", "Y", "Y"), (AC, "2026-03-26"), (ICM, "2026-04-09"), (PLAN, "2026-04-16"),
        (REV, "2026-07-09"), (PLAN, "2026-07-16"), (V, "2026-11-11", "Y", "Y"),
        (REV, "2027-01-07"), (PLAN, "2027-01-14"), ("case_closed", "2027-03-19"),
    ]),
    # ---------------- kent: Lorraine Pickering (kt-ccw) ----------------
    "KT-7030": ("Jacob", "Whitehead", "2015-01-15", "N", "kt-ccw", "standard", "2027-01-04", [
        (V, "2027-01-06", "Y", "Y"), (AC, "2027-02-25"), (ICM, "2027-03-08"), (PLAN, "2027-03-16"),
        (V, "2027-04-13", "Y", "Y"),
    ]),
    "KT-7031": ("Mercy", "Owusu", "2018-02-02", "N", "kt-ccw", "standard", "2026-06-01", [
        (V, "2026-06-03", "Y", "N"), (AC, "2026-07-29"), (ICM, "2026-08-11"), (PLAN, "2026-08-19"),
        (REV, "2026-11-11"), (PLAN, "2026-11-19"), (V, "2027-01-20", "Y", "N"),
        (V, "2027-04-08", "Y", "Y"), (REV, "2027-05-11"),
    ]),
    "KT-7032": ("Dawid", "Kaczmarek", "2011-05-09", "N", "kt-ccw", "standard", "2027-03-15", [
        (V, "2027-03-17", "Y", "Y"), (V, "2027-04-15", "Y", "Y"),
    ]),
    "KT-7033": ("Lacey-Ann", "Fowler", "2014-09-03", "N", "kt-ccw", "standard", "2026-03-16", [
        (V, "2026-03-18", "Y", "Y"), (AC, "2026-04-30"), (ICM, "2026-05-13"), (PLAN, "2026-05-21"),
        (REV, "2026-08-13"), (PLAN, "2026-08-20"), (V, "2027-01-05", "Y", "Y"),
        (REV, "2027-02-11"), (PLAN, "2027-02-19"), (V, "2027-03-09", "Y", "Y"),
        (V, "2027-05-04", "Y", "N"),
    ]),
    "KT-7034": ("Isla", "Henderson", "2020-11-30", "N", "kt-ccw", "standard", "2026-12-07", [
        (V, "2026-12-09", "Y", "N"), (AC, "2027-02-04"), (ICM, "2027-02-18"), (PLAN, "2027-02-26"),
        (V, "2027-03-25", "Y", "N"), (V, "2027-05-10", "Y", "N"),
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
