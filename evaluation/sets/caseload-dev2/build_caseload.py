#!/usr/bin/env python3
"""Build the synthetic caseload for caseload-dev2 (TODAY = Thu 2026-12-10).

Deterministic: every row below is written out by hand; running the script
again produces byte-identical CSVs. All people, children and events are invented.
"""
import csv
import os

HERE = os.path.dirname(os.path.abspath(__file__))

WORKERS = [
    # worker_id, name, role, team_id, team_name, authority, manager_id
    ("kt-w01", "Margaret Oyelaran", "team_manager", "kt-cin-east", "Kent CIN East (Canterbury)", "kent", ""),
    ("kt-w02", "Priya Chandran", "social_worker", "kt-cin-east", "Kent CIN East (Canterbury)", "kent", "kt-w01"),
    ("kt-w03", "Tom Whitfield", "senior_practitioner", "kt-cin-east", "Kent CIN East (Canterbury)", "kent", "kt-w01"),
    ("kt-w04", "Chloe Marsh", "asye", "kt-cin-east", "Kent CIN East (Canterbury)", "kent", "kt-w01"),
    ("kt-w05", "Dele Adeyemi", "community_care_worker", "kt-cin-east", "Kent CIN East (Canterbury)", "kent", "kt-w01"),
    ("cm-w01", "Rosa Delgado", "team_manager", "cm-cin-kt", "Camden CIN (Kentish Town)", "camden", ""),
    ("cm-w02", "Priya Nair", "social_worker", "cm-cin-kt", "Camden CIN (Kentish Town)", "camden", "cm-w01"),
    ("cm-w03", "Tom Gallagher", "social_worker", "cm-cin-kt", "Camden CIN (Kentish Town)", "camden", "cm-w01"),
    ("cm-w04", "Aisha Rahman", "senior_practitioner", "cm-cin-kt", "Camden CIN (Kentish Town)", "camden", "cm-w01"),
]

# Event shorthands: V(date, seen, alone, note) for visits, E(event, date, note) otherwise.
def V(date, seen, alone, note=""):
    return ("visit", date, seen, alone, note)


def E(event, date, note=""):
    return (event, date, "", "", note)


# case_id, child_id, first, last, birth, disabled, worker, category, referral, events
CASES = [
    # ---------------- Kent: Priya Chandran (kt-w02) ----------------
    ("KT-4001", "ch-1001", "Hope", "Baker", "2017-03-14", "N", "kt-w02", "standard", "2025-12-01", [
        V("2025-12-04", "Y", "N", "initial home visit"),
        E("assessment_completed", "2026-01-27"),
        E("initial_cin_meeting", "2026-03-10"),
        E("plan_circulated", "2026-03-18"),
        V("2026-04-22", "Y", "Y"),
        E("cin_review", "2026-06-16", "first review, held late"),
        E("plan_circulated", "2026-06-24"),
        V("2026-08-05", "Y", "Y"),
        V("2026-10-01", "Y", "N", "seen with dad"),
        V("2026-11-19", "Y", "Y"),
    ]),
    ("KT-4002", "ch-1002", "Zoë", "Kowalczyk", "2013-08-02", "N", "kt-w02", "standard", "2026-09-14", [
        V("2026-09-17", "Y", "N"),
        V("2026-10-15", "Y", "Y"),
        E("assessment_completed", "2026-11-05"),
        E("initial_cin_meeting", "2026-11-17"),
        V("2026-11-24", "Y", "Y"),
    ]),
    ("KT-4003", "ch-1003", "Mohammed", "Hassan", "2011-05-20", "N", "kt-w02", "standard", "2025-09-29", [
        E("assessment_completed", "2025-11-10"),
        E("cp_plan_ended", "2026-09-11", "CP plan discontinued at review conference; step down to CIN"),
        V("2026-09-24", "Y", "Y"),
        V("2026-10-29", "Y", "N"),
        V("2026-11-26", "Y", "Y"),
    ]),
    ("KT-4004", "ch-1004", "Lily-Mae", "Ferris", "2020-01-09", "N", "kt-w02", "standard", "2026-11-09", [
        V("2026-11-12", "Y", "N"),
        V("2026-11-30", "Y", "N", "nursery visit"),
    ]),
    ("KT-4005", "ch-1005", "Tobi", "Adebayo", "2014-06-11", "N", "kt-w02", "standard", "2026-06-22", [
        V("2026-06-25", "Y", "Y"),
        E("assessment_completed", "2026-08-20"),
        E("initial_cin_meeting", "2026-09-10"),
        E("plan_circulated", "2026-09-17"),
        V("2026-10-14", "Y", "Y"),
        V("2026-11-18", "Y", "N"),
    ]),
    ("KT-4006", "ch-1006", "Femi", "Adebayo", "2016-10-03", "N", "kt-w02", "standard", "2026-06-22", [
        V("2026-06-25", "Y", "N"),
        E("assessment_completed", "2026-08-20"),
        E("initial_cin_meeting", "2026-09-10"),
        E("plan_circulated", "2026-09-17"),
        V("2026-10-14", "Y", "Y"),
        V("2026-11-18", "Y", "N"),
    ]),
    ("KT-4007", "ch-1007", "River", "Doyle", "2012-02-28", "N", "kt-w02", "standard", "2025-11-17", [
        E("assessment_completed", "2026-01-15"),
        E("initial_cin_meeting", "2026-02-10"),
        E("plan_circulated", "2026-02-18"),
        V("2026-03-03", "Y", "Y"),
        E("cin_review", "2026-05-20"),
        E("plan_circulated", "2026-05-28"),
        V("2026-06-30", "Y", "Y"),
        V("2026-09-15", "Y", "Y"),
        E("supervision", "2026-10-14"),
        V("2026-11-12", "Y", "N"),
    ]),
    ("KT-4008", "ch-1008", "Jasper", "Quinn", "2015-12-01", "N", "kt-w02", "standard", "2026-07-27", [
        V("2026-07-30", "Y", "N"),
        E("assessment_completed", "2026-09-18"),
        E("initial_cin_meeting", "2026-10-05"),
        E("plan_circulated", "2026-10-14"),
        V("2026-11-03", "Y", "Y"),
        V("2026-12-01", "Y", "Y"),
    ]),
    ("KT-4026", "ch-1026", "Noah", "Fletcher", "2010-04-04", "N", "kt-w02", "standard", "2025-10-06", [
        E("assessment_completed", "2025-11-24"),
        E("initial_cin_meeting", "2025-12-09"),
        E("plan_circulated", "2025-12-17"),
        E("cin_review", "2026-03-05"),
        E("plan_circulated", "2026-03-12"),
        E("cin_review", "2026-09-03"),
        E("plan_circulated", "2026-09-10"),
        V("2026-10-20", "Y", "Y"),
        E("case_closed", "2026-11-20", "needs met; universal services"),
    ]),
    # ---------------- Kent: Tom Whitfield (kt-w03, senior practitioner) ----------------
    ("KT-4009", "ch-1009", "Amira", "Khalil", "2012-09-19", "N", "kt-w03", "standard", "2026-06-29", [
        V("2026-07-02", "Y", "N"),
        E("assessment_completed", "2026-09-03"),
        E("initial_cin_meeting", "2026-09-22"),
        E("plan_circulated", "2026-09-30"),
        V("2026-10-21", "Y", "Y"),
        V("2026-11-25", "Y", "Y"),
    ]),
    ("KT-4010", "ch-1010", "Amira", "Begum", "2018-04-30", "N", "kt-w03", "standard", "2025-10-13", [
        E("assessment_completed", "2025-12-05"),
        E("initial_cin_meeting", "2026-01-08"),
        E("plan_circulated", "2026-01-15"),
        E("cin_review", "2026-04-07"),
        E("plan_circulated", "2026-04-14"),
        V("2026-09-09", "Y", "Y"),
        V("2026-11-04", "Y", "Y"),
        E("cin_review", "2026-11-30", "review held late"),
    ]),
    ("KT-4011", "ch-1011", "Taras", "Petrenko", "2014-07-07", "N", "kt-w03", "standard", "2026-10-12", [
        V("2026-10-15", "Y", "Y"),
        V("2026-11-19", "Y", "Y"),
    ]),
    ("KT-4012", "ch-1012", "Daryna", "Petrenko", "2017-02-21", "N", "kt-w03", "standard", "2026-10-12", [
        V("2026-10-15", "Y", "N"),
        V("2026-11-19", "Y", "Y"),
    ]),
    ("KT-4013", "ch-1013", "Bohdan", "Petrenko", "2021-05-30", "N", "kt-w03", "standard", "2026-10-12", [
        V("2026-10-15", "Y", "N"),
        V("2026-11-19", "Y", "N"),
    ]),
    ("KT-4014", "ch-1014", "Theodore", "Grant", "2016-11-11", "N", "kt-w03", "standard", "2026-09-21", [
        V("2026-09-24", "Y", "N"),
        V("2026-10-27", "Y", "Y"),
    ]),
    ("KT-4015", "ch-1015", "Sunny", "Patel", "2019-08-15", "Y", "kt-w03", "standard", "2025-06-02", [
        E("assessment_completed", "2025-07-18"),
        E("proceedings_concluded", "2026-10-02", "no order; support under CIN plan"),
        V("2026-10-08", "Y", "N"),
        E("initial_cin_meeting", "2026-10-15"),
        E("plan_circulated", "2026-10-23"),
        V("2026-11-11", "Y", "Y"),
        V("2026-12-02", "Y", "N"),
    ]),
    # ---------------- Kent: Chloe Marsh (kt-w04, ASYE) ----------------
    ("KT-4016", "ch-1016", "Glory", "Mensah", "2013-01-25", "N", "kt-w04", "standard", "2026-09-07", [
        V("2026-09-10", "Y", "N"),
        E("assessment_completed", "2026-11-13"),
        V("2026-11-25", "Y", "Y"),
        E("initial_cin_meeting", "2026-12-03"),
    ]),
    ("KT-4017", "ch-1017", "Harvey", "Stone", "2012-10-30", "N", "kt-w04", "standard", "2025-08-18", [
        E("assessment_completed", "2025-10-08"),
        E("cp_plan_ended", "2026-09-17", "step down from CP"),
        V("2026-10-01", "Y", "Y"),
        V("2026-11-05", "Y", "N"),
        V("2026-12-01", "Y", "Y"),
    ]),
    ("KT-4018", "ch-1018", "Łucja", "Wiśniewska", "2016-03-03", "N", "kt-w04", "standard", "2026-10-26", [
        V("2026-10-29", "Y", "Y"),
        V("2026-11-26", "Y", "N"),
    ]),
    ("KT-4019", "ch-1019", "Christopher", "Lawson", "2011-12-12", "N", "kt-w04", "standard", "2025-07-07", [
        E("assessment_completed", "2025-08-28"),
        E("initial_cin_meeting", "2025-09-12"),
        E("plan_circulated", "2025-09-19"),
        E("cin_review", "2026-03-12"),
        E("plan_circulated", "2026-03-20"),
        V("2026-05-14", "Y", "Y"),
        V("2026-08-20", "Y", "Y"),
        E("supervision", "2026-09-30"),
        V("2026-10-30", "N", "N", "no answer at the door"),
    ]),
    ("KT-4020", "ch-1020", "Rose", "Kaplan", "2010-06-06", "N", "kt-w04", "standard", "2025-03-10", [
        E("assessment_completed", "2025-04-25"),
        E("discharged_from_care", "2026-10-20", "returned home from s20 accommodation"),
        V("2026-10-22", "Y", "Y"),
        V("2026-11-17", "Y", "Y"),
    ]),
    # ---------------- Kent: Dele Adeyemi (kt-w05, community care worker) ----------------
    ("KT-4021", "ch-1021", "Sky", "Turner", "2015-09-09", "N", "kt-w05", "standard", "2025-09-01", [
        E("assessment_completed", "2025-10-20"),
        E("initial_cin_meeting", "2025-11-04"),
        E("plan_circulated", "2025-11-12"),
        E("cin_review", "2026-02-03"),
        E("plan_circulated", "2026-02-10"),
        E("cin_review", "2026-06-11"),
        E("plan_circulated", "2026-06-18"),
        V("2026-09-22", "Y", "Y"),
        V("2026-11-10", "Y", "N"),
    ]),
    ("KT-4022", "ch-1022", "Alfie", "Brooks", "2019-02-14", "Y", "kt-w05", "standard", "2025-11-03", [
        E("assessment_completed", "2025-12-15"),
        E("cp_plan_ended", "2026-09-14", "step down from CP"),
        V("2026-10-06", "Y", "N"),
        V("2026-11-16", "Y", "N"),
    ]),
    ("KT-4023", "ch-1023", "Bartłomiej", "Wójcik", "2013-11-27", "N", "kt-w05", "standard", "2025-12-15", [
        E("assessment_completed", "2026-02-05"),
        E("initial_cin_meeting", "2026-02-19"),
        E("plan_circulated", "2026-02-26"),
        E("cin_review", "2026-05-19"),
        E("plan_circulated", "2026-05-27"),
        V("2026-10-07", "Y", "Y"),
        V("2026-11-20", "Y", "Y"),
        E("cin_review", "2026-11-25"),
        E("plan_circulated", "2026-12-01"),
    ]),
    ("KT-4024", "ch-1024", "Jayden", "Reid", "2010-10-10", "N", "kt-w05", "standard", "2026-06-15", [
        E("assessment_completed", "2026-08-10"),
        E("initial_cin_meeting", "2026-09-03"),
        E("plan_circulated", "2026-09-10"),
        V("2026-09-29", "Y", "N"),
        V("2026-11-09", "Y", "Y"),
    ]),
    ("KT-4025", "ch-1025", "Ellie", "Hart", "2018-07-19", "N", "kt-w05", "standard", "2026-06-08", [
        E("assessment_completed", "2026-08-14"),
        E("initial_cin_meeting", "2026-09-07"),
        E("plan_circulated", "2026-09-15"),
        V("2026-10-12", "Y", "Y"),
        V("2026-11-23", "Y", "Y"),
        E("cin_review", "2026-12-07"),
    ]),
    # ---------------- Camden: Priya Nair (cm-w02) ----------------
    ("CM-5001", "ch-1027", "Hope", "Adjei", "2022-04-18", "N", "cm-w02", "standard", "2026-12-07", []),
    ("CM-5002", "ch-1028", "Abdirahman", "Warsame", "2012-03-09", "N", "cm-w02", "standard", "2026-10-05", [
        V("2026-10-08", "Y", "Y"),
        V("2026-11-12", "Y", "N"),
        E("assessment_completed", "2026-12-02"),
    ]),
    ("CM-5003", "ch-1029", "Mercy", "Owusu", "2014-12-22", "N", "cm-w02", "standard", "2026-04-13", [
        V("2026-04-16", "Y", "N"),
        E("assessment_completed", "2026-05-29"),
        E("initial_cin_meeting", "2026-06-15"),
        E("plan_circulated", "2026-06-26"),
        E("case_summary", "2026-09-14"),
        E("cin_review", "2026-09-15"),
        E("plan_circulated", "2026-09-25"),
        V("2026-10-20", "Y", "Y"),
        V("2026-11-24", "Y", "Y"),
    ]),
    ("CM-5004", "ch-1030", "Oliver", "Hughes", "2011-01-30", "N", "cm-w02", "standard", "2024-05-20", [
        E("assessment_completed", "2024-07-01"),
        E("discharged_from_care", "2026-11-16", "returned home to mum"),
        V("2026-11-18", "Y", "Y"),
        V("2026-12-01", "Y", "Y"),
    ]),
    ("CM-5005", "ch-1031", "Jessica", "Ward", "2009-09-01", "N", "cm-w02", "standard", "2025-07-14", [
        V("2025-07-16", "Y", "Y"),
        E("assessment_completed", "2025-09-08"),
        E("initial_cin_meeting", "2025-09-22"),
        E("plan_circulated", "2025-10-01"),
        E("case_summary", "2025-12-10"),
        E("cin_review", "2025-12-18"),
        E("plan_circulated", "2026-01-06"),
        E("case_summary", "2026-03-05"),
        E("cin_review", "2026-03-17"),
        E("plan_circulated", "2026-03-27"),
        E("case_summary", "2026-05-28"),
        E("cin_review", "2026-06-09"),
        E("plan_circulated", "2026-06-19"),
        V("2026-07-29", "Y", "Y"),
        E("cin_review", "2026-08-05"),
        E("plan_circulated", "2026-08-14"),
        E("case_summary", "2026-08-20"),
        V("2026-09-30", "Y", "Y"),
        V("2026-11-02", "N", "N", "Jess out; spoke to mum only"),
    ]),
    ("CM-5006", "ch-1032", "Katarzyna", "Nowicka", "2015-05-05", "N", "cm-w02", "standard", "2025-10-20", [
        V("2025-10-23", "Y", "N"),
        E("assessment_completed", "2025-12-04"),
        E("initial_cin_meeting", "2025-12-17"),
        E("plan_circulated", "2025-12-31"),
        E("cin_review", "2026-03-17"),
        E("case_summary", "2026-03-20"),
        E("plan_circulated", "2026-03-25"),
        E("cin_review", "2026-06-17"),
        E("case_summary", "2026-06-18"),
        E("plan_circulated", "2026-06-26"),
        E("cin_review", "2026-09-16"),
        E("plan_circulated", "2026-09-28"),
        E("case_summary", "2026-10-01"),
        V("2026-10-08", "Y", "Y"),
        V("2026-11-12", "Y", "Y"),
        V("2026-12-03", "Y", "N"),
    ]),
    ("CM-5007", "ch-1033", "Patience", "Boateng", "2019-10-10", "N", "cm-w02", "standard", "2026-09-28", [
        V("2026-10-01", "Y", "N"),
        V("2026-11-04", "Y", "N"),
    ]),
    # ---------------- Camden: Tom Gallagher (cm-w03) ----------------
    ("CM-5008", "ch-1034", "Grace", "Ferreira", "2013-04-12", "N", "cm-w03", "standard", "2025-02-03", [
        E("assessment_completed", "2025-03-20"),
        E("proceedings_concluded", "2026-11-20", "supervision order; CIN plan"),
        V("2026-11-24", "Y", "Y"),
        V("2026-12-02", "Y", "N"),
    ]),
    ("CM-5009", "ch-1035", "Joy", "Ferreira", "2016-08-08", "N", "cm-w03", "standard", "2025-02-03", [
        E("assessment_completed", "2025-03-20"),
        E("proceedings_concluded", "2026-11-20", "supervision order; CIN plan"),
        V("2026-11-24", "Y", "N"),
        V("2026-12-02", "Y", "N"),
    ]),
    ("CM-5010", "ch-1036", "Daniel", "McBride", "2012-12-03", "N", "cm-w03", "standard", "2025-04-07", [
        E("assessment_completed", "2025-05-19"),
        E("cp_plan_ended", "2026-09-10", "step down from CP"),
        V("2026-09-30", "Y", "Y"),
        V("2026-11-05", "Y", "Y"),
        V("2026-11-27", "Y", "N"),
    ]),
    ("CM-5011", "ch-1037", "Ibrahim", "Sesay", "2010-05-16", "N", "cm-w03", "standard", "2026-09-21", [
        V("2026-09-24", "Y", "Y"),
        E("assessment_completed", "2026-11-09"),
        V("2026-11-17", "Y", "Y"),
        E("initial_cin_meeting", "2026-11-24"),
    ]),
    ("CM-5012", "ch-1038", "Autumn", "Price", "2020-11-02", "N", "cm-w03", "standard", "2026-11-30", []),
    ("CM-5013", "ch-1039", "Nicolás", "Herrera", "2014-02-17", "N", "cm-w03", "standard", "2026-08-03", [
        V("2026-08-06", "Y", "Y"),
        E("assessment_completed", "2026-09-28"),
        E("initial_cin_meeting", "2026-10-12"),
        E("plan_circulated", "2026-10-21"),
        V("2026-11-10", "Y", "Y"),
        V("2026-11-26", "Y", "N"),
    ]),
    ("CM-5014", "ch-1040", "Francesca", "Rossi", "2017-06-25", "N", "cm-w03", "standard", "2026-09-14", [
        V("2026-09-16", "Y", "N"),
        V("2026-10-20", "Y", "Y"),
        E("assessment_completed", "2026-11-20"),
    ]),
    ("CM-5021", "ch-1047", "Reggie", "Barnes", "2011-07-01", "N", "cm-w03", "standard", "2025-09-01", [
        V("2025-09-04", "Y", "Y"),
        E("assessment_completed", "2025-10-14"),
        E("initial_cin_meeting", "2025-10-27"),
        E("plan_circulated", "2025-11-05"),
        E("case_summary", "2026-01-20"),
        E("cin_review", "2026-01-22"),
        E("plan_circulated", "2026-02-03"),
        E("case_summary", "2026-04-15"),
        E("cin_review", "2026-04-21"),
        E("plan_circulated", "2026-04-30"),
        E("case_summary", "2026-07-10"),
        E("cin_review", "2026-07-16", "agreed step down to Early Help"),
        E("plan_circulated", "2026-07-28"),
        V("2026-09-14", "Y", "Y"),
        E("case_closed", "2026-10-30", "stepped down to Early Help"),
    ]),
    # ---------------- Camden: Aisha Rahman (cm-w04, senior practitioner) ----------------
    ("CM-5015", "ch-1041", "Blessing", "Nwosu", "2016-01-20", "N", "cm-w04", "standard", "2026-02-02", [
        V("2026-02-05", "Y", "Y"),
        E("assessment_completed", "2026-03-19"),
        E("initial_cin_meeting", "2026-03-31"),
        E("plan_circulated", "2026-04-10"),
        E("cin_review", "2026-06-23"),
        E("case_summary", "2026-06-26"),
        E("plan_circulated", "2026-07-03"),
        E("cin_review", "2026-09-21"),
        E("case_summary", "2026-09-25"),
        E("plan_circulated", "2026-10-01"),
        V("2026-10-28", "Y", "Y"),
        V("2026-11-25", "Y", "N"),
    ]),
    ("CM-5016", "ch-1042", "Oluwaseun", "Adebola", "2011-03-28", "N", "cm-w04", "standard", "2026-09-01", [
        V("2026-09-03", "Y", "Y"),
        E("assessment_completed", "2026-11-18"),
        V("2026-11-26", "Y", "Y"),
        E("initial_cin_meeting", "2026-12-01"),
    ]),
    ("CM-5017", "ch-1043", "Elizabeth", "Cartwright", "2013-10-05", "Y", "cm-w04", "standard", "2026-05-11", [
        V("2026-05-13", "Y", "N"),
        E("assessment_completed", "2026-06-22"),
        E("initial_cin_meeting", "2026-07-06"),
        E("plan_circulated", "2026-07-16"),
        V("2026-09-02", "Y", "Y"),
        E("cin_review", "2026-10-08"),
        E("case_summary", "2026-10-14"),
        E("plan_circulated", "2026-10-16"),
        V("2026-11-18", "Y", "Y"),
    ]),
    ("CM-5018", "ch-1044", "Ayaan", "Chowdhury", "2012-08-14", "N", "cm-w04", "standard", "2026-03-23", [
        V("2026-03-26", "Y", "Y"),
        E("assessment_completed", "2026-04-28"),
        E("initial_cin_meeting", "2026-05-12"),
        E("plan_circulated", "2026-05-22"),
        E("case_summary", "2026-06-01"),
        V("2026-07-06", "Y", "Y"),
        E("cin_review", "2026-08-11"),
        E("plan_circulated", "2026-08-21"),
        V("2026-09-01", "Y", "Y"),
        V("2026-10-15", "N", "N", "family away"),
        E("cin_review", "2026-11-10"),
        V("2026-11-10", "N", "N", "Ayaan at football; parents only"),
        E("plan_circulated", "2026-11-19"),
    ]),
    ("CM-5019", "ch-1045", "Maryam", "Siddiqui", "2018-09-12", "N", "cm-w04", "standard", "2026-10-08", [
        V("2026-10-12", "Y", "N"),
        V("2026-11-16", "Y", "Y"),
    ]),
    ("CM-5020", "ch-1046", "Destiny", "Clarke", "2010-01-28", "N", "cm-w04", "standard", "2025-10-27", [
        V("2025-10-29", "Y", "Y"),
        E("assessment_completed", "2025-12-31"),
        E("initial_cin_meeting", "2026-01-14"),
        E("plan_circulated", "2026-01-26"),
        E("case_summary", "2026-04-10"),
        E("cin_review", "2026-04-14"),
        E("plan_circulated", "2026-04-24"),
        E("case_summary", "2026-07-08"),
        E("cin_review", "2026-07-14"),
        E("plan_circulated", "2026-07-24"),
        V("2026-10-06", "Y", "Y"),
        E("cin_review", "2026-10-13"),
        E("plan_circulated", "2026-10-23"),
        E("case_summary", "2026-11-02"),
        V("2026-11-19", "Y", "Y"),
    ]),
]


def write(name, header, rows):
    with open(os.path.join(HERE, name), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def main():
    write("workers.csv", ["worker_id", "name", "role", "team_id", "team_name", "authority", "manager_id"], WORKERS)
    cases = sorted(CASES, key=lambda c: c[0])
    write("children.csv", ["child_id", "first_name", "last_name", "birth_date", "disabled"],
          sorted(((c[1], c[2], c[3], c[4], c[5]) for c in cases), key=lambda r: r[0]))
    write("cases.csv", ["case_id", "child_id", "worker_id", "category", "referral_date"],
          [(c[0], c[1], c[6], c[7], c[8]) for c in cases])
    rows = []
    for c in cases:
        for ev in sorted(c[9], key=lambda e: e[1]):
            rows.append((c[0],) + ev)
    write("events.csv", ["case_id", "event", "date", "child_seen", "seen_alone", "note"], rows)
    print(f"wrote {len(WORKERS)} workers, {len(cases)} cases, {len(rows)} events")


if __name__ == "__main__":
    main()
