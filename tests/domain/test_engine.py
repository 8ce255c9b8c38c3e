"""The due-date engine against spec §3, one test per rule row, dates worked out by hand.

Calendar facts used below (England): Fri 25 Dec 2026 Christmas; Sat 26 Dec
Boxing Day, so Mon 28 Dec 2026 is its substitute bank holiday; Fri 1 Jan 2027
New Year's Day. 1 Nov 2026 is a Sunday.
"""

from __future__ import annotations

import datetime as dt
from itertools import count
from typing import List, Optional, Sequence, Tuple

from assistant.domain.engine import OpenItem, due_report, open_items, policy_for
from assistant.domain.records import CaseRecord, ChildRecord, EventRecord
from assistant.domain.timeframe import parse_window
from assistant.rules import policies

D = dt.date
_ids = count(1)

Event = Tuple[str, dt.date] | Tuple[str, dt.date, Optional[bool]]


def case(
    authority: str,
    events: Sequence[Event] = (),
    referral: dt.date = dt.date(2026, 1, 5),
    category: str = "standard",
) -> CaseRecord:
    """A synthetic case; a visit's third field says whether the child was seen."""
    records = []
    for e in events:
        seen = e[2] if len(e) > 2 else (True if e[0] == "visit" else None)
        records.append(EventRecord(next(_ids), e[0], e[1], seen, None, "", "csv", dt.datetime(2026, 1, 1)))
    return CaseRecord(
        case_id=f"c{next(_ids)}",
        child=ChildRecord("ch1", "Amelia", "Kestrel", None, False),
        worker_id="w1",
        authority_id=authority,
        category=category,
        referral_date=referral,
        events=tuple(sorted(records, key=lambda r: r.date)),
    )


def items(c: CaseRecord, as_of: dt.date, item: Optional[str] = None) -> List[OpenItem]:
    found = open_items(c, policy_for(c.authority_id, policies()), as_of)
    return [i for i in found if item is None or i.item == item]


def due(c: CaseRecord, as_of: dt.date, item: str) -> List[dt.date]:
    return [i.due for i in items(c, as_of, item)]


TODAY = D(2026, 11, 23)
STARTED = [("assessment_completed", D(2026, 1, 20))]  # the one-off items are behind these cases


# --- the statutory baseline ------------------------------------------------------------


def test_assessment_within_45_working_days_of_referral_skips_christmas_and_new_year():
    # From Mon 2 Nov 2026: Nov 3-6 (4), 9-13 (9), 16-20 (14), 23-27 (19), Nov 30-Dec 4 (24),
    # Dec 7-11 (29), 14-18 (34), 21-24 (38; 25 and 28 are bank holidays), 29-31 (41;
    # 1 Jan is a bank holiday), Jan 4-7 (45) -> Thu 7 Jan 2027.
    for authority in ("practice_matters", "kent", "medway", "camden", "a_council_with_no_guidance"):
        c = case(authority, referral=D(2026, 11, 2))
        [item] = items(c, TODAY, "assessment")
        assert item.due == D(2027, 1, 7)
        assert item.rule.citation.document == "003_d24a3e6a0e95c7d3.txt"


# --- practice_matters --------------------------------------------------------------------


def test_practice_matters_initial_meeting_10_working_days_after_assessment():
    # Fri 18 Dec 2026: Dec 21-24 (4), 29-31 (7), Jan 4-6 (10) -> Wed 6 Jan 2027.
    c = case("practice_matters", [("assessment_completed", D(2026, 12, 18))], referral=D(2026, 11, 2))
    assert due(c, D(2026, 12, 18), "initial_cin_meeting") == [D(2027, 1, 6)]


def test_practice_matters_reviews_six_weekly_from_the_cin_start_then_from_the_last_review():
    c = case("practice_matters", STARTED + [("initial_cin_meeting", D(2026, 11, 2))])
    assert due(c, TODAY, "cin_review") == [D(2026, 12, 14)]  # Mon 2 Nov + 42 days
    c = case("practice_matters", STARTED + [("initial_cin_meeting", D(2026, 11, 2)), ("cin_review", D(2026, 12, 14))])
    assert due(c, D(2026, 12, 14), "cin_review") == [D(2027, 1, 25)]  # Mon 14 Dec + 42 days


def test_practice_matters_low_risk_disability_reviews_three_monthly_at_a_month_end():
    # Mon 30 Nov 2026 + 3 months = Sun 28 Feb 2027 -> brought forward to Fri 26 Feb.
    c = case("practice_matters", STARTED + [("initial_cin_meeting", D(2026, 11, 30))], category="disability_low_risk")
    assert due(c, D(2026, 12, 1), "cin_review") == [D(2027, 2, 26)]


def test_practice_matters_visits_six_weekly_from_the_last_visit_the_child_was_seen():
    # Fri 13 Nov 2026 + 42 days = Fri 25 Dec (Christmas) -> Thu 24 Dec. The later visit
    # where the child was not seen does not reset the clock.
    c = case(
        "practice_matters",
        STARTED
        + [
            ("initial_cin_meeting", D(2026, 10, 1)),
            ("visit", D(2026, 11, 13), True),
            ("visit", D(2026, 11, 20), False),
        ],
    )
    assert due(c, TODAY, "visit") == [D(2026, 12, 24)]


def test_practice_matters_supervision_every_two_months_from_a_month_end():
    # Mon 31 Aug 2026 + 2 months = Sat 31 Oct -> Fri 30 Oct 2026 (overdue on 23 Nov).
    c = case("practice_matters", STARTED + [("initial_cin_meeting", D(2026, 8, 3)), ("supervision", D(2026, 8, 31))])
    [item] = items(c, TODAY, "supervision")
    assert item.due == D(2026, 10, 30) and item.status(TODAY) == "overdue"


def test_practice_matters_six_month_oversight_is_listed_in_its_window_and_never_overdue():
    c = case("practice_matters", STARTED + [("initial_cin_meeting", D(2026, 6, 1))])
    assert due(c, TODAY, "oversight") == [D(2026, 12, 1)]  # Mon 1 Jun + 6 months = Tue 1 Dec
    listed = due_report([c], TODAY, parse_window("a fortnight", TODAY), policies(), item="oversight")
    assert [i.due for i in listed.items] == [D(2026, 12, 1)]
    later = D(2026, 12, 10)
    assert due_report([c], later, parse_window("this month", later), policies(), item="oversight").items == ()


# --- kent ----------------------------------------------------------------------------------


def test_kent_plan_circulated_within_10_calendar_days_of_the_meeting():
    # Tue 15 Dec 2026 + 10 days = Fri 25 Dec (Christmas) -> Thu 24 Dec.
    c = case("kent", STARTED + [("initial_cin_meeting", D(2026, 12, 15))])
    assert due(c, D(2026, 12, 15), "plan_circulation") == [D(2026, 12, 24)]


def test_kent_first_review_three_months_after_the_initial_meeting_then_six_monthly():
    c = case("kent", STARTED + [("initial_cin_meeting", D(2026, 11, 30))])
    assert due(c, D(2026, 12, 1), "cin_review") == [D(2027, 2, 26)]  # Sun 28 Feb 2027 -> Fri 26 Feb
    c = case("kent", STARTED + [("initial_cin_meeting", D(2026, 11, 30)), ("cin_review", D(2027, 2, 26))])
    assert due(c, D(2027, 3, 1), "cin_review") == [D(2027, 8, 26)]  # Fri 26 Feb + 6 months = Thu 26 Aug


# --- medway ---------------------------------------------------------------------------------


def test_medway_initial_meeting_10_working_days_after_assessment_with_the_table_conflict():
    # Mon 23 Nov 2026: Nov 24-27 (4), Nov 30-Dec 4 (9), Dec 7 (10) -> Mon 7 Dec.
    c = case("medway", [("assessment_completed", D(2026, 11, 23))], referral=D(2026, 10, 1))
    [item] = items(c, TODAY, "initial_cin_meeting")
    assert item.due == D(2026, 12, 7)
    assert item.conflicts and "decision" in item.conflicts[0].citation.quote


def test_medway_plan_circulated_within_3_working_days_over_christmas():
    # Wed 23 Dec 2026: Thu 24 (1); 25, 28 bank holidays; Tue 29 (2), Wed 30 (3).
    c = case("medway", STARTED + [("initial_cin_meeting", D(2026, 12, 23))])
    assert due(c, D(2026, 12, 23), "plan_circulation") == [D(2026, 12, 30)]


def test_medway_reviews_every_12_weeks_and_the_8_week_passage_is_reported():
    c = case("medway", STARTED + [("initial_cin_meeting", D(2026, 11, 2))])
    [item] = items(c, TODAY, "cin_review")
    assert item.due == D(2027, 1, 25)  # Mon 2 Nov + 84 days
    assert any(conflict.citation.section == "13.2" for conflict in item.conflicts)
    as_json = item.to_json(TODAY)
    assert as_json["conflicts"] and "8 weeks" in as_json["conflicts"][0]["quote"]
    c = case("medway", STARTED + [("initial_cin_meeting", D(2026, 11, 2)), ("cin_review", D(2027, 1, 25))])
    assert due(c, D(2027, 1, 25), "cin_review") == [D(2027, 4, 19)]  # + 84 days


def test_medway_visits_every_15_working_days_across_christmas():
    # Thu 17 Dec 2026: Dec 18 (1), 21-24 (5), 29-31 (8), Jan 4-8 (13), Jan 11-12 (15) -> Tue 12 Jan.
    c = case("medway", STARTED + [("initial_cin_meeting", D(2026, 11, 2)), ("visit", D(2026, 12, 17), True)])
    [item] = items(c, D(2026, 12, 17), "visit")
    assert item.due == D(2027, 1, 12)
    assert item.to_json(TODAY)["source"] == {"document": "002_dcf06b917ba11a67.txt", "section": "10.1"}


def test_medway_review_level_disability_visit_and_review_yearly_from_a_leap_day():
    # Tue 29 Feb 2028 + 12 months = Wed 28 Feb 2029 for both.
    c = case("medway", STARTED + [("initial_cin_meeting", D(2028, 2, 29))], category="disability_review")
    assert due(c, D(2028, 3, 1), "visit") == [D(2029, 2, 28)]
    assert due(c, D(2028, 3, 1), "cin_review") == [D(2029, 2, 28)]


def test_medway_cin_disability_visits_12_weekly_reviews_6_monthly():
    # Visit Mon 5 Oct 2026 + 84 days = Mon 28 Dec (Boxing Day substitute) -> Thu 24 Dec.
    # Meeting Mon 31 Aug 2026 + 6 months = Sun 28 Feb 2027 -> Fri 26 Feb.
    c = case(
        "medway",
        STARTED + [("initial_cin_meeting", D(2026, 8, 31)), ("visit", D(2026, 10, 5), True)],
        category="disability",
    )
    assert due(c, TODAY, "visit") == [D(2026, 12, 24)]
    assert due(c, TODAY, "cin_review") == [D(2027, 2, 26)]


def test_medway_cin_welfare_visits_3_weekly_reviews_12_weekly():
    # Visit Fri 4 Dec 2026 + 21 days = Fri 25 Dec -> Thu 24 Dec. Meeting Mon 2 Nov + 84 = Mon 25 Jan.
    c = case(
        "medway",
        STARTED + [("initial_cin_meeting", D(2026, 11, 2)), ("visit", D(2026, 12, 4), True)],
        category="disability_welfare",
    )
    assert due(c, D(2026, 12, 4), "visit") == [D(2026, 12, 24)]
    assert due(c, D(2026, 12, 4), "cin_review") == [D(2027, 1, 25)]


def test_medway_oversight_area_manager_at_6_months_head_of_service_at_9():
    c = case("medway", STARTED + [("initial_cin_meeting", D(2026, 6, 1))])
    found = {i.rule.who: i.due for i in items(c, TODAY, "oversight")}
    assert sorted(found.values()) == [D(2026, 12, 1), D(2027, 3, 1)]
    assert any("Area Manager" in who for who in found) and any("Head of Service" in who for who in found)


# --- camden ----------------------------------------------------------------------------------


def test_camden_first_home_visit_within_7_days_of_referral_closed_by_any_visit():
    # Fri 18 Dec 2026 + 7 days = Fri 25 Dec -> Thu 24 Dec.
    c = case("camden", referral=D(2026, 12, 18))
    assert due(c, D(2026, 12, 18), "first_home_visit") == [D(2026, 12, 24)]
    c = case("camden", [("visit", D(2026, 12, 21), False)], referral=D(2026, 12, 18))
    assert due(c, D(2026, 12, 22), "first_home_visit") == []


def test_camden_initial_meeting_within_2_weeks_of_assessment():
    # Mon 14 Dec 2026 + 14 days = Mon 28 Dec (bank holiday) -> Thu 24 Dec.
    c = case(
        "camden", [("visit", D(2026, 11, 20)), ("assessment_completed", D(2026, 12, 14))], referral=D(2026, 11, 16)
    )
    assert due(c, D(2026, 12, 14), "initial_cin_meeting") == [D(2026, 12, 24)]


def test_camden_reviews_within_3_months_of_the_initial_meeting_then_every_3_months():
    c = case("camden", STARTED + [("initial_cin_meeting", D(2026, 11, 30))])
    assert due(c, D(2026, 12, 1), "cin_review") == [D(2027, 2, 26)]  # Sun 28 Feb -> Fri 26 Feb
    c = case("camden", STARTED + [("initial_cin_meeting", D(2026, 11, 30)), ("cin_review", D(2027, 2, 26))])
    assert due(c, D(2027, 3, 1), "cin_review") == [D(2027, 5, 26)]  # Wed 26 May 2027


def test_camden_step_down_from_cp_first_review_3_months_after_the_plan_ended():
    # Fri 30 Oct 2026 + 3 months = Sat 30 Jan 2027 -> Fri 29 Jan.
    c = case("camden", [("cp_plan_ended", D(2026, 10, 30))], referral=D(2026, 10, 30))
    [item] = items(c, TODAY, "cin_review")
    assert item.due == D(2027, 1, 29) and item.anchor == "cp_plan_ended"


def test_camden_step_down_from_care_first_review_within_4_weeks_of_discharge():
    # Mon 30 Nov 2026 + 28 days = Mon 28 Dec (bank holiday) -> Thu 24 Dec.
    c = case("camden", [("discharged_from_care", D(2026, 11, 30))], referral=D(2026, 11, 30))
    assert due(c, D(2026, 11, 30), "cin_review") == [D(2026, 12, 24)]


def test_camden_after_proceedings_first_review_within_4_weeks_of_their_conclusion():
    # Fri 4 Dec 2026 + 28 days = Fri 1 Jan 2027 (New Year's Day) -> Thu 31 Dec.
    c = case("camden", [("proceedings_concluded", D(2026, 12, 4))], referral=D(2026, 12, 4))
    assert due(c, D(2026, 12, 4), "cin_review") == [D(2026, 12, 31)]


def test_camden_review_record_distributed_within_10_working_days_of_the_meeting():
    # Fri 18 Dec 2026: Dec 21-24 (4), 29-31 (7), Jan 4-6 (10) -> Wed 6 Jan 2027.
    c = case(
        "camden",
        STARTED
        + [
            ("initial_cin_meeting", D(2026, 10, 1)),
            ("plan_circulated", D(2026, 10, 9)),
            ("cin_review", D(2026, 12, 18)),
        ],
    )
    assert due(c, D(2026, 12, 18), "plan_circulation") == [D(2027, 1, 6)]
    # Without the October circulation, the initial meeting's plan is still outstanding too:
    # Thu 1 Oct 2026 + 10 working days = Thu 15 Oct.
    c = case("camden", STARTED + [("initial_cin_meeting", D(2026, 10, 1)), ("cin_review", D(2026, 12, 18))])
    assert due(c, D(2026, 12, 18), "plan_circulation") == [D(2026, 10, 15), D(2027, 1, 6)]


def test_camden_case_summary_every_90_days():
    # Mon 2 Nov 2026 + 90 days = Sun 31 Jan 2027 -> Fri 29 Jan.
    c = case("camden", STARTED + [("initial_cin_meeting", D(2026, 10, 1)), ("case_summary", D(2026, 11, 2))])
    assert due(c, TODAY, "case_summary") == [D(2027, 1, 29)]


def test_camden_12_month_oversight_and_no_visit_item_without_its_home_visits_policy():
    c = case("camden", STARTED + [("initial_cin_meeting", D(2025, 12, 1))])
    assert due(c, TODAY, "oversight") == [D(2026, 12, 1)]  # Mon 1 Dec 2025 + 12 months = Tue 1 Dec 2026
    assert due(c, TODAY, "visit") == []  # the guidance sets no visiting timescale: no invented item


# --- a history walked through time -----------------------------------------------------------


def test_a_medway_case_walked_through_its_history_opens_and_closes_items():
    c = case(
        "medway",
        [
            ("assessment_completed", D(2026, 11, 23)),
            ("initial_cin_meeting", D(2026, 12, 4)),
            ("plan_circulated", D(2026, 12, 8)),
            ("visit", D(2026, 12, 10), False),
            ("visit", D(2026, 12, 15), True),
            ("case_closed", D(2026, 12, 20)),
        ],
        referral=D(2026, 11, 2),
    )

    def open_on(day: dt.date) -> dict:
        return {i.item: i.due for i in items(c, day) if i.item != "oversight"}

    assert open_on(D(2026, 11, 2)) == {"assessment": D(2027, 1, 7)}
    assert open_on(D(2026, 11, 23)) == {"initial_cin_meeting": D(2026, 12, 7)}
    # The meeting on Fri 4 Dec starts the plan: circulation Dec 7-9 -> Wed 9 Dec;
    # visits 15 working days from the CIN start -> Tue 29 Dec; review 84 days -> Fri 26 Feb 2027.
    assert open_on(D(2026, 12, 4)) == {
        "plan_circulation": D(2026, 12, 9),
        "visit": D(2026, 12, 29),
        "cin_review": D(2027, 2, 26),
    }
    assert "plan_circulation" not in open_on(D(2026, 12, 8))
    assert open_on(D(2026, 12, 10))["visit"] == D(2026, 12, 29)  # child not seen: no reset
    # Seen on Tue 15 Dec: Dec 16-18 (3), 21-24 (7), 29-31 (10), Jan 4-8 (15) -> Fri 8 Jan.
    assert open_on(D(2026, 12, 15))["visit"] == D(2027, 1, 8)
    assert items(c, D(2026, 12, 20)) == []  # closed: nothing is due


# --- the report --------------------------------------------------------------------------------


def test_report_lists_the_window_plus_everything_overdue_sorted_by_date():
    overdue_visit = case(
        "practice_matters", STARTED + [("initial_cin_meeting", D(2026, 8, 3)), ("visit", D(2026, 9, 1))]
    )
    due_this_week = case("medway", [("assessment_completed", D(2026, 11, 13))], referral=D(2026, 10, 1))
    far_off = case("kent", STARTED + [("initial_cin_meeting", D(2026, 11, 20))])
    report = due_report([far_off, due_this_week, overdue_visit], TODAY, parse_window("this week", TODAY), policies())
    got = [(i.item, i.due, i.status(TODAY)) for i in report.items]
    # practice_matters visit: Tue 1 Sep + 42 days = Tue 13 Oct (overdue); its supervision is due
    # every two months from the CIN start (Mon 3 Aug -> Sat 3 Oct -> Fri 2 Oct, overdue) and its
    # first review 6 weeks from 3 Aug (Mon 14 Sep, overdue).
    # medway meeting: Fri 13 Nov + 10 working days = Fri 27 Nov (this week).
    assert got == [
        ("cin_review", D(2026, 9, 14), "overdue"),
        ("supervision", D(2026, 10, 2), "overdue"),
        ("visit", D(2026, 10, 13), "overdue"),
        ("initial_cin_meeting", D(2026, 11, 27), "due"),
    ]
    data = report.to_json(worker_id="w1")
    assert data["window"] == {"start": "2026-11-23", "end": "2026-11-29"}
    assert set(data["items"][0]) >= {
        "case_id",
        "child_id",
        "child_name",
        "item",
        "due",
        "status",
        "authority",
        "rule",
        "source",
    }
    assert data["items"][0]["child_name"] == "Amelia K"


def test_report_filters_by_item_and_overdue_only():
    c = case("practice_matters", STARTED + [("initial_cin_meeting", D(2026, 8, 3)), ("visit", D(2026, 9, 1))])
    window = parse_window("next week", TODAY)
    assert [i.item for i in due_report([c], TODAY, window, policies(), item="visit").items] == ["visit"]
    assert all(
        i.status(TODAY) == "overdue" for i in due_report([c], TODAY, window, policies(), overdue_only=True).items
    )
