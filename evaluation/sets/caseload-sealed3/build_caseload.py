#!/usr/bin/env python3
"""Write the synthetic CIN caseload for this evaluation set (CIN_TODAY=2027-02-05).

Two councils, one team each:
  medway            - Medway Area Team 3 (manager mw-tm01, four practitioners)
  practice_matters  - the unnamed 'Practice Matters' authority, CIN Team North
                      (manager pm-tm01, four practitioners)

Plain Python, standard library only, deterministic: running it twice writes
byte-identical workers.csv, children.csv, cases.csv and events.csv next to
this file (exchange format of due-dates.md section 4).
"""
import csv
import os

TODAY = "2027-02-05"
HERE = os.path.dirname(os.path.abspath(__file__))

# worker_id, name, role, team_id, team_name, authority, manager_id
WORKERS = [
    ("mw-tm01", "Joanne Pritchard", "team_manager", "MW-T3", "Medway Area Team 3", "medway", ""),
    ("mw-sw01", "Priya Natarajan", "social_worker", "MW-T3", "Medway Area Team 3", "medway", "mw-tm01"),
    ("mw-sw02", "Daniel Osei", "social_worker", "MW-T3", "Medway Area Team 3", "medway", "mw-tm01"),
    ("mw-sp01", "Tomasz Zieliński", "senior_practitioner", "MW-T3", "Medway Area Team 3", "medway", "mw-tm01"),
    ("mw-asye01", "Chloe Barnes", "asye", "MW-T3", "Medway Area Team 3", "medway", "mw-tm01"),
    ("pm-tm01", "Sandra Whitfield", "team_manager", "PM-TN", "CIN Team North", "practice_matters", ""),
    ("pm-sw01", "Adaeze Nwosu", "social_worker", "PM-TN", "CIN Team North", "practice_matters", "pm-tm01"),
    ("pm-sp01", "Imran Haq", "senior_practitioner", "PM-TN", "CIN Team North", "practice_matters", "pm-tm01"),
    ("pm-asye01", "Ellie Marsh", "asye", "PM-TN", "CIN Team North", "practice_matters", "pm-tm01"),
    ("pm-ccw01", "Ciarán Walsh", "community_care_worker", "PM-TN", "CIN Team North", "practice_matters", "pm-tm01"),
]

# Each case: (case_id, child_id, first_name, last_name, birth_date, disabled,
#             worker_id, category, referral_date, [events])
# An event is "code date" or, for visits, "visit date SEEN ALONE | note".
CASES = [
    # ---------------- Medway: Priya Natarajan (mw-sw01) ----------------
    ("MW-7001", "MWC-7001", "Grace", "Adebayo", "2016-03-14", "N", "mw-sw01", "standard", "2026-07-06", [
        "assessment_completed 2026-08-20", "initial_cin_meeting 2026-09-03", "plan_circulated 2026-09-07",
        "visit 2026-11-27 Y Y | home visit", "cin_review 2026-11-19", "plan_circulated 2026-11-23",
        "visit 2026-12-18 Y Y | home visit", "visit 2027-01-15 Y Y | home visit - sibling group seen together then Grace alone",
    ]),
    ("MW-7002", "MWC-7002", "Samuel", "Adebayo", "2019-06-02", "N", "mw-sw01", "standard", "2026-07-06", [
        "assessment_completed 2026-08-20", "initial_cin_meeting 2026-09-03", "plan_circulated 2026-09-07",
        "cin_review 2026-11-19", "plan_circulated 2026-11-23",
        "visit 2026-12-18 Y N | home visit", "visit 2027-01-15 Y N | home visit with siblings",
        "visit 2027-01-22 Y Y | seen alone at school",
    ]),
    ("MW-7003", "MWC-7003", "Precious", "Adebayo", "2023-01-27", "N", "mw-sw01", "standard", "2026-07-06", [
        "assessment_completed 2026-08-20", "initial_cin_meeting 2026-09-03", "plan_circulated 2026-09-07",
        "cin_review 2026-11-19", "plan_circulated 2026-11-23",
        "visit 2026-12-18 Y N | home visit with mum", "visit 2027-01-15 N N | Precious at nursery - not seen",
    ]),
    ("MW-7004", "MWC-7004", "Oliwia", "Wójcik", "2012-09-30", "N", "mw-sw01", "standard", "2025-10-13", [
        "assessment_completed 2025-11-28", "initial_cin_meeting 2025-12-10", "plan_circulated 2025-12-12",
        "cp_plan_ended 2026-12-09", "visit 2026-12-16 Y Y | first CIN visit after CP plan ended",
        "visit 2027-01-06 Y Y | home visit", "visit 2027-01-27 Y N | home visit - mum present throughout",
    ]),
    ("MW-7005", "MWC-7005", "Alfred", "Turner", "2018-11-21", "N", "mw-sw01", "standard", "2026-12-07", [
        "visit 2026-12-10 Y Y | assessment visit", "visit 2027-01-28 Y Y | assessment visit at school",
    ]),
    ("MW-7006", "MWC-7006", "Siobhán", "Byrne", "2014-05-08", "Y", "mw-sw01", "disability", "2025-03-03", [
        "assessment_completed 2025-04-14", "initial_cin_meeting 2025-04-25", "plan_circulated 2025-04-29",
        "cin_review 2025-10-22", "plan_circulated 2025-10-24", "cin_review 2026-04-20", "plan_circulated 2026-04-22",
        "visit 2026-08-27 Y N | home visit", "cin_review 2026-10-14", "plan_circulated 2026-10-16",
        "visit 2026-11-20 Y N | home visit - seen with carer",
    ]),
    ("MW-7007", "MWC-7007", "Jack", "Whitmore", "2011-02-17", "N", "mw-sw01", "standard", "2026-08-03", [
        "assessment_completed 2026-09-14", "initial_cin_meeting 2026-09-24", "plan_circulated 2026-09-28",
        "cin_review 2026-12-10", "visit 2026-12-29 Y Y | home visit", "visit 2027-01-19 Y Y | seen alone at school",
    ]),
    ("MW-7008", "MWC-7008", "Ryan", "Castle", "2010-04-05", "N", "mw-sw01", "standard", "2026-02-02", [
        "assessment_completed 2026-03-13", "initial_cin_meeting 2026-03-25", "plan_circulated 2026-03-27",
        "cin_review 2026-06-17", "plan_circulated 2026-06-19", "cin_review 2026-09-09", "plan_circulated 2026-09-11",
        "visit 2026-11-26 Y Y | closing visit", "cin_review 2026-12-02", "plan_circulated 2026-12-04",
        "case_closed 2026-12-15",
    ]),
    # ---------------- Medway: Daniel Osei (mw-sw02) ----------------
    ("MW-7009", "MWC-7009", "Leah", "Pearce", "2013-07-19", "N", "mw-sw02", "standard", "2026-05-11", [
        "assessment_completed 2026-06-22", "initial_cin_meeting 2026-07-02", "plan_circulated 2026-07-06",
        "cin_review 2026-09-24", "plan_circulated 2026-09-28", "cin_review 2026-12-17", "plan_circulated 2026-12-21",
        "visit 2027-01-04 Y Y | home visit", "visit 2027-01-22 Y Y | home visit",
    ]),
    ("MW-7010", "MWC-7010", "Leah", "Mensah-Clarke", "2015-12-03", "N", "mw-sw02", "standard", "2026-06-01", [
        "assessment_completed 2026-07-13", "initial_cin_meeting 2026-07-24", "plan_circulated 2026-07-29",
        "cin_review 2026-10-15", "plan_circulated 2026-10-19", "visit 2026-11-26 Y Y | home visit",
        "visit 2026-12-17 N N | no answer at the door", "cin_review 2027-01-07", "plan_circulated 2027-01-11",
        "visit 2027-01-14 N N | Leah at grandmother's - not seen",
    ]),
    ("MW-7011", "MWC-7011", "Hope", "Fairweather", "2017-10-11", "N", "mw-sw02", "standard", "2026-11-16", [
        "visit 2026-11-20 Y Y | assessment visit", "visit 2027-01-26 Y Y | assessment visit",
        "assessment_completed 2027-01-29",
    ]),
    ("MW-7012", "MWC-7012", "Mohammed", "Rahman", "2010-08-25", "Y", "mw-sw02", "disability_welfare", "2026-03-02", [
        "assessment_completed 2026-04-10", "initial_cin_meeting 2026-04-22", "plan_circulated 2026-04-24",
        "cin_review 2026-07-09", "plan_circulated 2026-07-13", "cin_review 2026-09-30", "plan_circulated 2026-10-02",
        "cin_review 2026-12-16", "plan_circulated 2026-12-18", "visit 2026-12-22 Y N | home visit",
        "visit 2027-01-15 Y N | home visit - dad present",
    ]),
    ("MW-7013", "MWC-7013", "Tyrese", "Campbell", "2011-01-09", "N", "mw-sw02", "standard", "2025-09-01", [
        "assessment_completed 2025-10-10", "initial_cin_meeting 2025-10-22", "plan_circulated 2025-10-24",
        "discharged_from_care 2026-11-12", "visit 2026-11-19 Y Y | first visit home after discharge",
        "visit 2026-12-09 Y Y | home visit", "visit 2027-01-04 Y Y | home visit", "visit 2027-01-25 Y Y | seen alone at school",
    ]),
    ("MW-7014", "MWC-7014", "Zoë", "Lambert", "2012-04-16", "Y", "mw-sw02", "disability_review", "2025-01-13", [
        "assessment_completed 2025-02-21", "initial_cin_meeting 2025-03-04", "plan_circulated 2025-03-06",
        "visit 2026-02-19 Y N | yearly visit", "cin_review 2026-02-24", "plan_circulated 2026-02-26",
    ]),
    # ---------------- Medway: Tomasz Zieliński (mw-sp01) ----------------
    ("MW-7015", "MWC-7015", "Katarzyna", "Nowak", "2011-06-23", "N", "mw-sp01", "standard", "2026-09-07", [
        "assessment_completed 2026-10-26", "initial_cin_meeting 2026-11-05", "plan_circulated 2026-11-09",
        "visit 2026-12-15 Y Y | home visit", "visit 2027-01-20 Y Y | home visit", "cin_review 2027-02-03",
    ]),
    ("MW-7016", "MWC-7016", "Jakub", "Nowak", "2014-02-11", "N", "mw-sp01", "standard", "2026-09-07", [
        "assessment_completed 2026-10-26", "initial_cin_meeting 2026-11-05", "plan_circulated 2026-11-09",
        "visit 2026-12-15 Y N | home visit", "visit 2027-01-20 N N | Kuba at football - not seen",
        "visit 2027-01-29 Y Y | seen alone at school", "cin_review 2027-02-03",
    ]),
    ("MW-7017", "MWC-7017", "Sky", "Donovan", "2017-08-08", "N", "mw-sp01", "standard", "2026-04-06", [
        "assessment_completed 2026-05-18", "initial_cin_meeting 2026-05-28", "plan_circulated 2026-06-01",
        "cin_review 2026-08-20", "plan_circulated 2026-08-24", "cin_review 2026-11-19", "plan_circulated 2026-11-23",
        "visit 2026-11-30 Y Y | home visit", "visit 2026-12-21 N N | Sky asleep - not seen",
        "visit 2027-01-18 N N | family out - card left",
    ]),
    ("MW-7018", "MWC-7018", "Harpreet", "Sandhu", "2012-12-01", "N", "mw-sp01", "standard", "2026-06-15", [
        "assessment_completed 2026-07-24", "initial_cin_meeting 2026-08-05", "plan_circulated 2026-08-07",
        "cin_review 2026-10-28", "plan_circulated 2026-10-30", "visit 2027-01-05 Y Y | home visit",
        "visit 2027-01-26 Y Y | home visit",
    ]),
    ("MW-7019", "MWC-7019", "William", "Jennings", "2009-09-12", "Y", "mw-sp01", "disability", "2025-11-03", [
        "assessment_completed 2025-12-12", "initial_cin_meeting 2025-12-22", "plan_circulated 2025-12-23",
        "cin_review 2026-06-18", "plan_circulated 2026-06-22", "visit 2026-08-26 Y N | home visit",
        "visit 2026-11-18 Y N | home visit", "cin_review 2026-12-10", "plan_circulated 2026-12-14",
    ]),
    # ---------------- Medway: Chloe Barnes (mw-asye01) ----------------
    ("MW-7020", "MWC-7020", "Summer", "Reid", "2019-05-29", "N", "mw-asye01", "standard", "2026-11-02", [
        "visit 2026-11-05 Y N | assessment visit", "visit 2026-12-14 Y Y | assessment visit",
        "assessment_completed 2027-01-15", "visit 2027-01-21 Y Y | home visit", "initial_cin_meeting 2027-01-27",
    ]),
    ("MW-7021", "MWC-7021", "Kofi", "Asante", "2016-02-07", "N", "mw-asye01", "standard", "2026-12-14", [
        "visit 2026-12-17 Y Y | assessment visit", "visit 2027-01-27 Y Y | assessment visit",
    ]),
    ("MW-7022", "MWC-7022", "Rose", "Kelly", "2020-03-03", "N", "mw-asye01", "standard", "2026-07-20", [
        "assessment_completed 2026-08-28", "initial_cin_meeting 2026-09-10", "plan_circulated 2026-09-14",
        "cin_review 2026-12-02", "plan_circulated 2026-12-04", "visit 2026-12-21 Y Y | home visit",
        "visit 2027-01-18 Y Y | home visit",
    ]),
    ("MW-7023", "MWC-7023", "Daniyal", "Hussain", "2014-10-20", "N", "mw-asye01", "standard", "2025-06-02", [
        "assessment_completed 2025-07-11", "initial_cin_meeting 2025-07-23", "plan_circulated 2025-07-25",
        "cp_plan_ended 2026-11-26", "visit 2026-12-10 Y Y | home visit", "visit 2027-01-13 Y Y | home visit",
    ]),
    ("MW-7024", "MWC-7024", "Faith", "Okonkwo", "2015-01-31", "N", "mw-asye01", "standard", "2026-04-20", [
        "assessment_completed 2026-06-01", "initial_cin_meeting 2026-06-11", "plan_circulated 2026-06-15",
        "cin_review 2026-09-03", "plan_circulated 2026-09-07", "cin_review 2026-11-25", "plan_circulated 2026-11-27",
        "visit 2027-01-08 Y Y | home visit", "visit 2027-01-29 Y Y | home visit",
    ]),
    # ---------------- Practice Matters: Adaeze Nwosu (pm-sw01) ----------------
    ("PM-7001", "PMC-7001", "Joy", "Okeke", "2014-04-04", "N", "pm-sw01", "standard", "2026-09-14", [
        "assessment_completed 2026-10-23", "initial_cin_meeting 2026-11-04", "visit 2026-11-25 Y Y | home visit",
        "supervision 2026-12-10", "cin_review 2026-12-16", "visit 2026-12-22 Y Y | home visit",
        "cin_review 2027-01-06", "visit 2027-01-06 Y Y | home visit after the review",
    ]),
    ("PM-7002", "PMC-7002", "Chidera", "Okeke", "2017-09-18", "N", "pm-sw01", "standard", "2026-09-14", [
        "assessment_completed 2026-10-23", "initial_cin_meeting 2026-11-04", "visit 2026-11-25 Y N | home visit",
        "supervision 2026-12-10", "cin_review 2026-12-16", "visit 2026-12-22 Y N | home visit",
        "cin_review 2027-01-06", "visit 2027-01-06 N N | Chi off sick at nan's - not seen",
    ]),
    ("PM-7003", "PMC-7003", "Aisha", "Begum", "2012-11-27", "N", "pm-sw01", "standard", "2026-06-08", [
        "assessment_completed 2026-07-20", "initial_cin_meeting 2026-07-31", "cin_review 2026-09-10",
        "cin_review 2026-10-22", "cin_review 2026-12-03", "supervision 2026-12-03",
        "visit 2026-12-29 Y Y | home visit", "cin_review 2027-01-14",
    ]),
    ("PM-7004", "PMC-7004", "Aisha", "Patel", "2016-07-09", "Y", "pm-sw01", "disability_low_risk", "2025-08-04", [
        "assessment_completed 2025-09-12", "initial_cin_meeting 2025-09-24", "cin_review 2025-12-17",
        "cin_review 2026-03-12", "cin_review 2026-06-04", "cin_review 2026-09-03", "cin_review 2026-11-26",
        "supervision 2026-12-15", "visit 2027-01-08 Y N | home visit - seen with mum",
    ]),
    ("PM-7005", "PMC-7005", "Thomas", "Gallagher", "2013-03-22", "N", "pm-sw01", "standard", "2025-05-12", [
        "assessment_completed 2025-06-20", "initial_cin_meeting 2025-07-02", "cp_plan_ended 2027-01-13",
        "supervision 2027-01-20", "visit 2027-01-21 Y Y | first CIN visit after CP plan ended",
    ]),
    ("PM-7006", "PMC-7006", "Reign", "Bailey-Francis", "2019-12-12", "N", "pm-sw01", "standard", "2026-10-05", [
        "assessment_completed 2026-11-16", "initial_cin_meeting 2026-11-27", "supervision 2026-12-07",
        "visit 2026-12-24 Y Y | home visit", "cin_review 2027-01-08",
    ]),
    ("PM-7007", "PMC-7007", "Florin", "Popescu", "2011-05-15", "N", "pm-sw01", "standard", "2026-11-23", [
        "visit 2026-11-26 Y Y | assessment visit", "visit 2027-01-19 Y Y | assessment visit",
    ]),
    ("PM-7008", "PMC-7008", "Megan", "Hart", "2012-08-01", "N", "pm-sw01", "standard", "2026-03-09", [
        "assessment_completed 2026-04-17", "initial_cin_meeting 2026-04-29", "cin_review 2026-06-10",
        "cin_review 2026-07-22", "cin_review 2026-09-02", "cin_review 2026-10-14",
        "visit 2026-11-18 Y Y | final visit", "cin_review 2026-11-25", "case_closed 2026-11-30",
    ]),
    # ---------------- Practice Matters: Imran Haq (pm-sp01) ----------------
    ("PM-7009", "PMC-7009", "Rebecca", "Thornton", "2010-10-30", "N", "pm-sp01", "standard", "2026-02-09", [
        "assessment_completed 2026-03-20", "initial_cin_meeting 2026-04-01", "cin_review 2026-05-13",
        "cin_review 2026-06-24", "cin_review 2026-08-05", "cin_review 2026-09-16", "cin_review 2026-10-28",
        "supervision 2026-11-19", "cin_review 2026-12-09", "visit 2026-12-30 Y Y | home visit",
        "visit 2027-01-20 Y Y | seen alone at college",
    ]),
    ("PM-7010", "PMC-7010", "Małgorzata", "Kamińska", "2012-01-06", "N", "pm-sp01", "standard", "2026-07-27", [
        "assessment_completed 2026-09-04", "initial_cin_meeting 2026-09-16", "cin_review 2026-10-28",
        "cin_review 2026-12-09", "supervision 2026-12-16", "visit 2026-12-31 Y Y | home visit",
        "cin_review 2027-01-20",
    ]),
    ("PM-7011", "PMC-7011", "Oluwafemi", "Adeyemi", "2011-11-02", "N", "pm-sp01", "standard", "2026-08-10", [
        "assessment_completed 2026-09-18", "initial_cin_meeting 2026-10-01", "cin_review 2026-11-12",
        "supervision 2026-12-08", "cin_review 2026-12-23", "visit 2026-12-29 Y Y | home visit",
        "visit 2027-01-15 Y Y | seen alone at school",
    ]),
    ("PM-7012", "PMC-7012", "Tolulope", "Adeyemi", "2015-04-28", "N", "pm-sp01", "standard", "2026-08-10", [
        "assessment_completed 2026-09-18", "initial_cin_meeting 2026-10-01", "cin_review 2026-11-12",
        "supervision 2026-12-08", "cin_review 2026-12-23", "visit 2026-12-29 Y N | home visit with Femi",
    ]),
    ("PM-7013", "PMC-7013", "Declan", "Murphy", "2016-06-19", "Y", "pm-sp01", "disability_low_risk", "2025-11-10", [
        "assessment_completed 2025-12-19", "initial_cin_meeting 2026-01-07", "cin_review 2026-04-08",
        "cin_review 2026-07-08", "cin_review 2026-10-08", "supervision 2026-12-17",
        "visit 2027-01-14 Y N | home visit - seen with dad",
    ]),
    ("PM-7014", "PMC-7014", "Zara", "Khan", "2009-07-07", "N", "pm-sp01", "standard", "2025-03-10", [
        "assessment_completed 2025-04-22", "initial_cin_meeting 2025-05-02", "discharged_from_care 2026-12-18",
        "visit 2026-12-21 Y Y | first visit home after discharge", "supervision 2027-01-11",
        "cin_review 2027-01-28", "visit 2027-01-28 Y N | home visit after the review",
    ]),
    # ---------------- Practice Matters: Ellie Marsh (pm-asye01) ----------------
    ("PM-7015", "PMC-7015", "Frederick", "Cole", "2020-09-25", "N", "pm-asye01", "standard", "2026-12-07", [
        "visit 2026-12-09 Y N | assessment visit", "visit 2027-01-21 Y Y | assessment visit at school",
    ]),
    ("PM-7016", "PMC-7016", "Shanice", "Gordon", "2013-02-14", "N", "pm-asye01", "standard", "2026-11-30", [
        "visit 2026-12-03 Y Y | assessment visit", "visit 2027-01-13 Y Y | assessment visit",
        "assessment_completed 2027-01-22",
    ]),
    ("PM-7017", "PMC-7017", "Bartosz", "Lewandowski", "2010-12-19", "N", "pm-asye01", "standard", "2026-05-04", [
        "assessment_completed 2026-06-12", "initial_cin_meeting 2026-06-24", "cin_review 2026-08-05",
        "cin_review 2026-09-16", "cin_review 2026-10-28", "supervision 2026-12-02", "cin_review 2026-12-09",
        "visit 2026-12-30 Y Y | home visit", "cin_review 2027-01-20",
    ]),
    ("PM-7018", "PMC-7018", "Amara", "Eze", "2019-03-08", "N", "pm-asye01", "standard", "2026-08-24", [
        "assessment_completed 2026-10-02", "initial_cin_meeting 2026-10-14", "visit 2026-11-11 Y Y | home visit",
        "cin_review 2026-11-25", "visit 2026-12-16 N N | no one home", "cin_review 2027-01-06",
        "supervision 2027-01-12", "visit 2027-01-20 N N | mum said Amara was at her aunt's - not seen",
    ]),
    ("PM-7019", "PMC-7019", "River", "Ashworth", "2017-01-23", "N", "pm-asye01", "standard", "2026-09-28", [
        "assessment_completed 2026-11-06", "initial_cin_meeting 2026-11-19", "supervision 2026-12-18",
        "cin_review 2026-12-31", "visit 2027-01-07 Y Y | home visit",
    ]),
    # ---------------- Practice Matters: Ciarán Walsh (pm-ccw01) ----------------
    ("PM-7020", "PMC-7020", "Isabella", "Fletcher-Dunn", "2014-08-17", "N", "pm-ccw01", "standard", "2026-06-29", [
        "assessment_completed 2026-08-07", "initial_cin_meeting 2026-08-19", "cin_review 2026-09-30",
        "cin_review 2026-11-11", "supervision 2026-12-09", "cin_review 2026-12-23",
        "visit 2026-12-30 Y Y | home visit",
    ]),
    ("PM-7021", "PMC-7021", "Blessing", "Okoro", "2012-02-26", "N", "pm-ccw01", "standard", "2026-03-16", [
        "assessment_completed 2026-04-24", "initial_cin_meeting 2026-05-06", "cin_review 2026-06-17",
        "cin_review 2026-07-29", "cin_review 2026-09-09", "cin_review 2026-10-21", "cin_review 2026-12-02",
        "supervision 2026-12-11", "cin_review 2027-01-13", "visit 2027-01-13 Y Y | home visit",
    ]),
    ("PM-7022", "PMC-7022", "Síofra", "Quinn", "2015-10-05", "Y", "pm-ccw01", "disability_low_risk", "2025-09-22", [
        "assessment_completed 2025-10-31", "initial_cin_meeting 2025-11-12", "cin_review 2026-02-11",
        "cin_review 2026-05-11", "cin_review 2026-08-10", "cin_review 2026-11-09",
        "visit 2026-12-29 Y N | home visit", "supervision 2027-01-07",
    ]),
    ("PM-7023", "PMC-7023", "Arjun", "Sharma", "2013-06-30", "N", "pm-ccw01", "standard", "2026-08-03", [
        "assessment_completed 2026-09-11", "initial_cin_meeting 2026-09-23", "cin_review 2026-11-04",
        "supervision 2026-11-30", "cin_review 2026-12-16", "visit 2026-12-17 Y Y | home visit",
        "cin_review 2027-01-27",
    ]),
    ("PM-7024", "PMC-7024", "Kyle", "Brown", "2011-09-09", "N", "pm-ccw01", "standard", "2026-07-06", [
        "assessment_completed 2026-07-24", "initial_cin_meeting 2026-08-05", "cin_review 2026-09-16",
        "cin_review 2026-10-28", "cin_review 2026-12-09", "supervision 2026-12-14",
        "visit 2027-01-08 Y Y | home visit", "cin_review 2027-01-20",
    ]),
    ("PM-7025", "PMC-7025", "Jordan", "Powell", "2010-05-13", "N", "pm-ccw01", "standard", "2026-10-19", [
        "assessment_completed 2026-11-27", "initial_cin_meeting 2026-12-10", "visit 2027-01-04 Y Y | home visit",
        "cin_review 2027-01-21",
    ]),
]


def parse_event(text):
    head, _, note = text.partition("|")
    parts = head.split()
    code, date = parts[0], parts[1]
    seen = alone = ""
    if code == "visit":
        seen, alone = parts[2], parts[3]
    return code, date, seen, alone, note.strip()


def write(name, header, rows):
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def main():
    write("workers.csv", ["worker_id", "name", "role", "team_id", "team_name", "authority", "manager_id"], WORKERS)
    write("children.csv", ["child_id", "first_name", "last_name", "birth_date", "disabled"],
          [(c[1], c[2], c[3], c[4], c[5]) for c in CASES])
    write("cases.csv", ["case_id", "child_id", "worker_id", "category", "referral_date"],
          [(c[0], c[1], c[6], c[7], c[8]) for c in CASES])
    rows = []
    for c in CASES:
        evs = [parse_event(e) for e in c[9]]
        evs.sort(key=lambda e: e[1])  # stable: same-day events keep their listed order
        rows.extend((c[0],) + e for e in evs)
    write("events.csv", ["case_id", "event", "date", "child_seen", "seen_alone", "note"], rows)
    print("wrote %d workers, %d children/cases, %d events" % (len(WORKERS), len(CASES), len(rows)))


if __name__ == "__main__":
    main()
