#!/usr/bin/env python3
"""Build the synthetic caseload for caseload-sealed2 (deterministic, no randomness).

All people, children, cases and events are invented. Today for this set is
Monday 11 January 2027; no event is dated after it.

Writes workers.csv, children.csv, cases.csv, events.csv next to this script in
the exchange format (UTF-8, header row, ISO dates; visits carry child_seen /
seen_alone Y/N, every other event leaves them empty).

Usage: python3 build_caseload.py
"""
import csv
import datetime as dt
import os

HERE = os.path.dirname(os.path.abspath(__file__))
TODAY = dt.date(2027, 1, 11)

# England bank holidays needed to keep generated visit histories on working days.
BANK_HOLIDAYS = {dt.date.fromisoformat(x) for x in (
    "2025-01-01 2025-04-18 2025-04-21 2025-05-05 2025-05-26 2025-08-25 2025-12-25 2025-12-26 "
    "2026-01-01 2026-04-03 2026-04-06 2026-05-04 2026-05-25 2026-08-31 2026-12-25 2026-12-28 "
    "2027-01-01").split()}


def d(s):
    return dt.date.fromisoformat(s)


def working(day):
    return day.weekday() < 5 and day not in BANK_HOLIDAYS


def minus_working_days(day, n):
    while n > 0:
        day -= dt.timedelta(days=1)
        if working(day):
            n -= 1
    return day


# --------------------------------------------------------------------------- workers
WORKERS = [
    # worker_id, name, role, team_id, team_name, authority, manager_id
    ("mw01", "Helen Achterberg", "team_manager", "mw-chatham-2", "Chatham Area Team 2", "medway", ""),
    ("mw02", "Sam Adeyemi", "senior_practitioner", "mw-chatham-2", "Chatham Area Team 2", "medway", "mw01"),
    ("mw03", "Ruth Mensah", "social_worker", "mw-chatham-2", "Chatham Area Team 2", "medway", "mw01"),
    ("mw04", "Connor Blake", "asye", "mw-chatham-2", "Chatham Area Team 2", "medway", "mw01"),
    ("mw05", "Dawn Pettifer", "community_care_worker", "mw-chatham-2", "Chatham Area Team 2", "medway", "mw01"),
    ("cm01", "Farida Osei", "team_manager", "cm-fh-west", "Family Help West", "camden", ""),
    ("cm02", "Sam Lindqvist", "social_worker", "cm-fh-west", "Family Help West", "camden", "cm01"),
    ("cm03", "Ines Carvalho", "senior_practitioner", "cm-fh-west", "Family Help West", "camden", "cm01"),
]

# --------------------------------------------------------------------------- cases
# Each case: case_id, child (first, last, birth, disabled), worker, category, referral,
# events: list of (event, date, seen, alone, note) written explicitly, plus an optional
# generated visit history ("history": (first_date, before_date, step_in_working_days)).
CASES = []


def case(case_id, child, worker, category, referral, events, history=None):
    CASES.append(dict(case_id=case_id, child=child, worker=worker, category=category,
                      referral=referral, events=events, history=history))


def V(date, seen="Y", alone="Y", note=""):
    return ("visit", date, seen, alone, note)


def E(event, date, note=""):
    return (event, date, "", "", note)


# ---- Medway, mw02 Sam Adeyemi (senior practitioner)
case("MW-6001", ("Leo", "Marchetti", "2016-03-02", "N"), "mw02", "standard", "2026-06-15", [
    V("2026-06-18", note="assessment visit"),
    E("assessment_completed", "2026-07-24"),
    E("initial_cin_meeting", "2026-08-05"),
    E("plan_circulated", "2026-08-07"),
    E("cin_review", "2026-10-28"),
    E("plan_circulated", "2026-10-30"),
    E("supervision", "2026-11-19"),
    V("2026-12-18", note="school holiday plan discussed"),
], history=("2026-08-12", "2026-12-18", 14))

case("MW-6002", ("Leo", "Ashworth-Byrne", "2012-09-17", "N"), "mw02", "standard", "2026-06-08", [
    V("2026-06-11", note="assessment visit"),
    E("assessment_completed", "2026-07-14"),
    E("initial_cin_meeting", "2026-07-28"),
    E("plan_circulated", "2026-07-30"),
    E("cin_review", "2026-10-20"),
    E("plan_circulated", "2026-10-22"),
    V("2026-12-10"),
    V("2027-01-06", seen="N", alone="N", note="no answer at the door; card left"),
], history=("2026-08-04", "2026-12-10", 14))

case("MW-6003", ("Oluwaseun", "Adebayo", "2011-05-23", "Y"), "mw02", "disability_welfare", "2026-06-01", [
    V("2026-06-04", note="assessment visit"),
    E("assessment_completed", "2026-07-20"),
    E("initial_cin_meeting", "2026-08-03"),
    E("plan_circulated", "2026-08-05"),
    E("cin_review", "2026-10-26"),
    E("plan_circulated", "2026-10-28"),
    V("2026-11-09"),
    V("2026-11-30", alone="N", note="carer present throughout"),
    V("2026-12-21"),
])

case("MW-6004", ("Hope", "Baker", "2014-12-05", "Y"), "mw02", "disability_review", "2025-12-01", [
    V("2025-12-04", note="assessment visit"),
    E("assessment_completed", "2026-01-13"),
    V("2026-01-22", note="respite package agreed"),
    E("initial_cin_meeting", "2026-01-27"),
    E("plan_circulated", "2026-01-29"),
])

case("MW-6005", ("Kacper", "Nowicki", "2018-08-30", "Y"), "mw02", "disability", "2026-03-23", [
    V("2026-03-26", note="assessment visit"),
    E("assessment_completed", "2026-04-28"),
    E("initial_cin_meeting", "2026-05-12"),
    E("plan_circulated", "2026-05-14"),
    V("2026-07-21"),
    E("cin_review", "2026-11-10"),
    E("plan_circulated", "2026-11-12"),
    V("2026-10-16", note="OT assessment booked"),
])

case("MW-6006", ("Zoë", "Marsh", "2019-01-14", "N"), "mw02", "standard", "2025-10-06", [
    V("2025-10-09", note="assessment visit"),
    E("assessment_completed", "2025-11-17"),
    E("initial_cin_meeting", "2025-11-28"),
    E("plan_circulated", "2025-12-02"),
    E("cp_plan_ended", "2026-12-09", "RCPC: plan ended, CIN plan agreed"),
    V("2026-12-14"),
    V("2026-12-30"),
])

case("MW-6007", ("Ibrahim", "Haidari", "2013-04-08", "N"), "mw02", "standard", "2026-11-16", [
    V("2026-11-19", note="assessment visit with interpreter"),
    V("2026-12-10", alone="N"),
])

case("MW-6008", ("Poppy", "Fairweather", "2020-06-25", "N"), "mw02", "standard", "2026-11-02", [
    V("2026-11-05", note="assessment visit"),
    V("2026-11-26"),
    E("assessment_completed", "2026-12-14"),
    V("2026-12-17"),
    E("initial_cin_meeting", "2027-01-05"),
])

case("MW-6009", ("Jayden", "Cole", "2010-02-11", "N"), "mw02", "standard", "2026-02-09", [
    V("2026-02-12", note="assessment visit"),
    E("assessment_completed", "2026-03-02"),
    E("initial_cin_meeting", "2026-03-10"),
    E("plan_circulated", "2026-03-12"),
    E("cin_review", "2026-06-02"),
    E("plan_circulated", "2026-06-04"),
    E("cin_review", "2026-08-25"),
    E("plan_circulated", "2026-08-27"),
    E("cin_review", "2026-11-17", "agreed to close; step down to Early Help"),
    E("plan_circulated", "2026-11-19"),
    V("2026-11-24", note="closing visit"),
    E("case_closed", "2026-12-02"),
], history=("2026-03-17", "2026-11-24", 14))

# ---- Medway, mw03 Ruth Mensah (social worker)
case("MW-6010", ("Chidera", "Okonkwo", "2015-07-19", "N"), "mw03", "standard", "2026-08-03", [
    V("2026-08-06", note="assessment visit, siblings seen together"),
    E("assessment_completed", "2026-09-01"),
    E("initial_cin_meeting", "2026-09-15"),
    E("plan_circulated", "2026-09-17"),
    V("2026-11-26"),
    E("cin_review", "2026-12-08"),
    E("plan_circulated", "2026-12-10"),
    V("2026-12-15", note="after-school visit"),
], history=("2026-09-22", "2026-11-26", 14))

case("MW-6011", ("Amara", "Okonkwo", "2018-01-03", "N"), "mw03", "standard", "2026-08-03", [
    V("2026-08-06", note="assessment visit, siblings seen together"),
    E("assessment_completed", "2026-09-01"),
    E("initial_cin_meeting", "2026-09-15"),
    E("plan_circulated", "2026-09-17"),
    V("2026-11-26"),
    E("cin_review", "2026-12-08"),
    E("plan_circulated", "2026-12-10"),
    V("2026-12-15", seen="N", alone="N", note="Amara at a friend's house"),
], history=("2026-09-22", "2026-11-26", 14))

case("MW-6012", ("Mohammed", "Rahman", "2009-10-29", "N"), "mw03", "standard", "2026-05-18", [
    V("2026-05-21", note="assessment visit"),
    E("assessment_completed", "2026-06-16"),
    E("initial_cin_meeting", "2026-06-30"),
    E("plan_circulated", "2026-07-02"),
    E("cin_review", "2026-09-22"),
    E("plan_circulated", "2026-09-24"),
    V("2026-10-20"),
    V("2026-11-18", seen="N", alone="N", note="Mohammed out; mum seen"),
    E("cin_review", "2026-12-15", "Mohammed did not attend"),
    V("2026-12-16", seen="N", alone="N", note="no one home"),
], history=("2026-07-07", "2026-10-20", 15))

case("MW-6013", ("May", "Hill", "2017-05-01", "N"), "mw03", "standard", "2026-06-29", [
    V("2026-07-02", note="assessment visit"),
    E("assessment_completed", "2026-07-28"),
    E("initial_cin_meeting", "2026-08-11"),
    E("plan_circulated", "2026-08-13"),
    E("cin_review", "2026-11-03"),
    E("plan_circulated", "2026-11-05"),
    E("supervision", "2026-12-03"),
    V("2026-12-22"),
], history=("2026-08-18", "2026-12-22", 14))

case("MW-6014", ("River", "Doyle", "2012-11-21", "N"), "mw03", "standard", "2025-09-15", [
    V("2025-09-18", note="assessment visit"),
    E("assessment_completed", "2025-10-21"),
    E("initial_cin_meeting", "2025-11-04"),
    E("plan_circulated", "2025-11-06"),
    E("discharged_from_care", "2026-12-21", "returned home to dad after s20"),
    V("2026-12-23", note="first visit home"),
])

case("MW-6015", ("Aleksandra", "Wiśniewska", "2011-08-12", "N"), "mw03", "standard", "2026-11-02", [
    V("2026-11-05", note="assessment visit"),
    V("2026-12-02", alone="N"),
])

case("MW-6016", ("Tyler", "Brooks", "2009-12-30", "Y"), "mw03", "disability_welfare", "2026-09-28", [
    V("2026-10-01", note="assessment visit"),
    E("assessment_completed", "2026-10-26"),
    E("initial_cin_meeting", "2026-11-09"),
    E("plan_circulated", "2026-11-11"),
    V("2026-11-16"),
    V("2026-12-07"),
    V("2026-12-29", alone="N", note="college friend present"),
])

case("MW-6017", ("Amir", "Sadeghi", "2014-02-06", "N"), "mw03", "standard", "2026-06-08", [
    V("2026-06-11", note="assessment visit"),
    E("assessment_completed", "2026-07-09"),
    E("initial_cin_meeting", "2026-07-23"),
    E("plan_circulated", "2026-07-27"),
    E("cin_review", "2026-10-22"),
    E("plan_circulated", "2026-10-26"),
    V("2026-12-29"),
], history=("2026-07-30", "2026-12-29", 14))

case("MW-6018", ("Summer", "Lee", "2016-10-10", "N"), "mw03", "standard", "2025-06-02", [
    V("2025-06-05", note="assessment visit"),
    E("assessment_completed", "2025-07-08"),
    E("initial_cin_meeting", "2025-07-21"),
    E("plan_circulated", "2025-07-23"),
    E("proceedings_concluded", "2026-11-25", "supervision order made"),
    V("2026-11-30"),
    V("2026-12-15"),
    V("2027-01-04", alone="N"),
])

# ---- Medway, mw04 Connor Blake (ASYE)
case("MW-6019", ("Bethany", "Walsh", "2013-06-14", "N"), "mw04", "standard", "2026-06-29", [
    V("2026-07-02", note="assessment visit"),
    E("assessment_completed", "2026-07-30"),
    E("initial_cin_meeting", "2026-08-13"),
    E("plan_circulated", "2026-08-17"),
    E("cin_review", "2026-11-05"),
    E("plan_circulated", "2026-11-09"),
    V("2026-12-16"),
], history=("2026-08-20", "2026-12-16", 14))

case("MW-6020", ("Kai", "Thompson", "2019-11-02", "N"), "mw04", "standard", "2026-11-09", [
    V("2026-11-12", note="assessment visit"),
    V("2026-12-10"),
    E("assessment_completed", "2026-12-21"),
])

case("MW-6021", ("Rosa", "Delgado", "2015-03-27", "N"), "mw04", "standard", "2026-11-23", [
    V("2026-11-26", note="assessment visit"),
    V("2026-12-18", alone="N", note="Rosa wanted mum to stay"),
])

case("MW-6022", ("William", "Penrose", "2011-01-20", "N"), "mw04", "standard", "2026-08-24", [
    V("2026-08-27", note="assessment visit"),
    E("assessment_completed", "2026-09-22"),
    E("initial_cin_meeting", "2026-10-06"),
    E("plan_circulated", "2026-10-08"),
    V("2026-10-21"),
    V("2026-11-11"),
    V("2026-12-09", seen="N", alone="N", note="William at football training"),
])

case("MW-6023", ("Jasmine", "Akhtar", "2016-12-09", "N"), "mw04", "standard", "2026-10-26", [
    V("2026-10-29", note="assessment visit"),
    E("assessment_completed", "2026-12-03"),
    E("initial_cin_meeting", "2026-12-17"),
    V("2026-12-30"),
])

case("MW-6024", ("Ellis", "Grant", "2017-09-04", "Y"), "mw04", "disability", "2026-05-26", [
    V("2026-05-28", note="assessment visit"),
    E("assessment_completed", "2026-07-02"),
    E("initial_cin_meeting", "2026-07-16"),
    E("plan_circulated", "2026-07-20"),
    V("2026-08-03"),
    V("2026-10-26"),
])

# ---- Medway, mw05 Dawn Pettifer (community care worker)
case("MW-6025", ("Ruby", "Shah", "2012-04-16", "N"), "mw05", "standard", "2026-07-13", [
    V("2026-07-16", note="assessment visit"),
    E("assessment_completed", "2026-08-11"),
    E("initial_cin_meeting", "2026-08-25"),
    E("plan_circulated", "2026-08-27"),
    E("cin_review", "2026-11-17"),
    E("plan_circulated", "2026-11-19"),
    V("2026-12-31"),
], history=("2026-09-01", "2026-12-31", 14))

case("MW-6026", ("Noah", "Clarke", "2015-08-08", "Y"), "mw05", "disability_review", "2024-12-02", [
    V("2024-12-05", note="assessment visit"),
    E("assessment_completed", "2025-01-21"),
    E("initial_cin_meeting", "2025-02-04"),
    E("plan_circulated", "2025-02-06"),
    V("2025-02-11"),
    E("cin_review", "2026-02-03"),
    E("plan_circulated", "2026-02-05"),
    V("2026-02-10", note="direct payments reviewed"),
])

case("MW-6027", ("Faith", "Oyelaran", "2010-07-07", "N"), "mw05", "standard", "2026-06-08", [
    V("2026-06-11", note="assessment visit"),
    E("assessment_completed", "2026-07-08"),
    E("initial_cin_meeting", "2026-07-22"),
    E("plan_circulated", "2026-07-24"),
    E("cin_review", "2026-10-14"),
    E("plan_circulated", "2026-10-16"),
    V("2026-12-17"),
], history=("2026-07-29", "2026-12-17", 14))

case("MW-6028", ("Dylan", "Price", "2014-05-19", "N"), "mw05", "standard", "2026-10-19", [
    V("2026-10-22", note="assessment visit"),
    E("assessment_completed", "2026-11-23"),
    E("initial_cin_meeting", "2026-12-07"),
    E("plan_circulated", "2026-12-09"),
    V("2026-12-14"),
    V("2027-01-06"),
])

case("MW-6029", ("Lily-Mae", "Hughes", "2020-02-28", "N"), "mw05", "standard", "2025-11-03", [
    V("2025-11-06", note="assessment visit"),
    E("assessment_completed", "2025-12-08"),
    E("initial_cin_meeting", "2025-12-19"),
    E("plan_circulated", "2025-12-23"),
    E("cp_plan_ended", "2026-10-14", "RCPC: stepped down to CIN"),
    E("cin_review", "2027-01-06", "first review after step-down"),
    V("2027-01-07"),
], history=("2026-10-20", "2027-01-07", 14))

# ---- Camden, cm02 Sam Lindqvist (social worker)
for cid, child, summary_done in (
        ("CM-7001", ("Yusuf", "Haddad", "2012-02-22", "N"), True),
        ("CM-7002", ("Layla", "Haddad", "2015-06-30", "N"), False),
        ("CM-7003", ("Nour", "Haddad", "2019-04-12", "N"), False)):
    evs = [
        V("2026-08-27", note="home visit after referral, siblings seen"),
        E("assessment_completed", "2026-09-30"),
        E("initial_cin_meeting", "2026-10-13"),
        E("plan_circulated", "2026-10-22"),
        V("2026-11-12"),
        V("2026-12-10", alone="N" if cid == "CM-7003" else "Y"),
    ]
    if summary_done:
        evs.append(E("case_summary", "2026-11-20", "completed before school move"))
    case(cid, child, "cm02", "standard", "2026-08-24", evs)

case("CM-7004", ("Amir", "Farouk", "2010-11-15", "N"), "cm02", "standard", "2025-08-04", [
    V("2025-08-07", note="home visit after referral"),
    E("assessment_completed", "2025-09-15"),
    E("initial_cin_meeting", "2025-09-26"),
    E("plan_circulated", "2025-10-08"),
    E("discharged_from_care", "2026-12-23", "returned home to mum"),
    V("2027-01-05"),
])

case("CM-7005", ("Grace", "Baptiste", "2013-10-03", "N"), "cm02", "standard", "2026-01-12", [
    V("2026-01-15", note="home visit after referral"),
    E("assessment_completed", "2026-02-17"),
    E("initial_cin_meeting", "2026-03-03"),
    E("plan_circulated", "2026-03-12"),
    E("cin_review", "2026-06-02"),
    E("plan_circulated", "2026-06-11"),
    E("case_summary", "2026-06-10"),
    E("cin_review", "2026-09-01"),
    E("plan_circulated", "2026-09-10"),
    E("case_summary", "2026-10-20"),
    E("cin_review", "2026-12-01"),
    V("2026-12-09"),
])

case("CM-7006", ("Alexander", "Novak", "2016-01-25", "N"), "cm02", "standard", "2027-01-05", [])

case("CM-7007", ("Precious", "Mbeki", "2009-09-09", "N"), "cm02", "standard", "2025-12-01", [
    V("2025-12-04", note="home visit after referral"),
    E("assessment_completed", "2026-01-08"),
    E("initial_cin_meeting", "2026-01-20"),
    E("plan_circulated", "2026-01-29"),
    E("case_summary", "2026-04-15"),
    E("cin_review", "2026-04-20"),
    E("plan_circulated", "2026-04-29"),
    E("case_summary", "2026-07-14"),
    E("cin_review", "2026-07-20"),
    E("plan_circulated", "2026-07-29"),
    E("case_summary", "2026-10-12"),
    E("cin_review", "2026-10-20"),
    E("plan_circulated", "2026-10-29"),
    V("2026-12-02"),
])

case("CM-7008", ("Harvey", "Lam", "2011-03-18", "N"), "cm02", "standard", "2026-02-02", [
    V("2026-02-05", note="home visit after referral"),
    E("assessment_completed", "2026-03-09"),
    E("initial_cin_meeting", "2026-03-20"),
    E("plan_circulated", "2026-03-31"),
    E("cin_review", "2026-06-18"),
    E("plan_circulated", "2026-06-30"),
    E("cin_review", "2026-09-17"),
    E("plan_circulated", "2026-09-29"),
    E("cin_review", "2026-11-19", "outcomes met; closure agreed"),
    E("case_closed", "2026-11-26"),
])

# ---- Camden, cm03 Ines Carvalho (senior practitioner)
case("CM-7009", ("Niamh", "Gallagher", "2014-07-31", "N"), "cm03", "standard", "2025-11-03", [
    V("2025-11-06", note="home visit after referral"),
    E("assessment_completed", "2025-12-15"),
    E("initial_cin_meeting", "2026-01-05"),
    E("plan_circulated", "2026-01-14"),
    E("proceedings_concluded", "2026-12-14", "no order made; CIN plan to continue"),
    V("2026-12-21"),
])

case("CM-7010", ("Rebecca", "Okoro", "2009-04-04", "N"), "cm03", "standard", "2026-11-30", [
    V("2026-12-03", note="home visit after referral"),
    E("assessment_completed", "2026-12-29"),
])

case("CM-7011", ("Theo", "Martins", "2017-12-12", "N"), "cm03", "standard", "2026-11-09", [
    V("2026-11-13", note="home visit after referral"),
    V("2026-12-11", alone="N"),
])

case("CM-7012", ("Sunny", "Chowdhury", "2016-06-06", "N"), "cm03", "standard", "2026-04-13", [
    V("2026-04-15", note="home visit after referral"),
    E("assessment_completed", "2026-05-20"),
    E("initial_cin_meeting", "2026-06-02"),
    E("plan_circulated", "2026-06-10"),
    E("cp_plan_ended", "2026-10-22", "RCPC: plan ended, CIN plan agreed"),
    V("2026-11-05"),
    E("case_summary", "2026-12-01"),
    V("2026-12-18"),
])

case("CM-7013", ("Ellie", "Jordan", "2012-01-28", "N"), "cm03", "standard", "2025-10-13", [
    V("2025-10-16", note="home visit after referral"),
    E("assessment_completed", "2025-11-04"),
    E("initial_cin_meeting", "2025-11-18"),
    E("plan_circulated", "2025-11-27"),
    E("cin_review", "2026-02-16"),
    E("plan_circulated", "2026-02-25"),
    E("cin_review", "2026-05-14"),
    E("plan_circulated", "2026-05-26"),
    E("case_summary", "2026-06-12"),
    E("cin_review", "2026-08-13"),
    E("plan_circulated", "2026-08-25"),
    E("case_summary", "2026-09-15"),
    E("cin_review", "2026-11-10"),
    E("plan_circulated", "2026-11-20"),
    V("2026-11-24"),
])


def history_visits(first, before, step):
    """Seen visits from `first` (inclusive), every `step` working days, strictly before `before`."""
    out, day, end = [], d(first), d(before)
    i = 0
    while day < end:
        if working(day):
            alone = "N" if i % 3 == 2 else "Y"
            out.append(V(day.isoformat(), "Y", alone))
            i += 1
            nxt = day
            for _ in range(step):
                nxt += dt.timedelta(days=1)
                while not working(nxt):
                    nxt += dt.timedelta(days=1)
            day = nxt
        else:
            day += dt.timedelta(days=1)
    # keep a gap of at least 5 working days before the next explicit visit
    return [v for v in out if d(v[1]) <= minus_working_days(end, 5)]


def main():
    children, cases, events = [], [], []
    for n, c in enumerate(CASES):
        child_id = "ch-%d" % (2001 + n)
        first, last, birth, disabled = c["child"]
        children.append((child_id, first, last, birth, disabled))
        cases.append((c["case_id"], child_id, c["worker"], c["category"], c["referral"]))
        evs = list(c["events"])
        if c["history"]:
            existing = {e[1] for e in evs if e[0] == "visit"}
            evs += [v for v in history_visits(*c["history"]) if v[1] not in existing]
        evs.sort(key=lambda e: (e[1], e[0]))
        for ev, date, seen, alone, note in evs:
            events.append((c["case_id"], ev, date, seen, alone, note))

    def write(name, header, rows):
        with open(os.path.join(HERE, name), "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(header)
            w.writerows(rows)

    write("workers.csv", ["worker_id", "name", "role", "team_id", "team_name", "authority", "manager_id"], WORKERS)
    write("children.csv", ["child_id", "first_name", "last_name", "birth_date", "disabled"], children)
    write("cases.csv", ["case_id", "child_id", "worker_id", "category", "referral_date"], cases)
    write("events.csv", ["case_id", "event", "date", "child_seen", "seen_alone", "note"], events)
    print("wrote %d workers, %d children, %d cases, %d events" % (len(WORKERS), len(children), len(cases), len(events)))


if __name__ == "__main__":
    main()
