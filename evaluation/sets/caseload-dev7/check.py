#!/usr/bin/env python3
"""Validate the dev7 caseload set (Medway + Kent): CSVs, messages.yml, limits.yml, README.md.

python3 check.py   -> prints counts and OK, or the problems found and exits 1.
Needs PyYAML (pip install pyyaml). Everything else is the standard library.

Besides the format checks, it recomputes every due item from events.csv with the rule in
due-dates.md (sections 1-3, Medway and Kent rows) and compares them with the hand-worked
"Due items" tables in README.md, and checks every message window against the window
conventions for today.
"""
import calendar
import collections
import csv
import datetime as dt
import os
import re
import sys
import unicodedata

try:
    import yaml
except ImportError:  # pragma: no cover
    sys.exit("PyYAML is needed: pip install pyyaml")

HERE = os.path.dirname(os.path.abspath(__file__))
ERR = []


def err(msg):
    ERR.append(msg)


def read_csv(name, header):
    path = os.path.join(HERE, name)
    with open(path, encoding="utf-8", newline="") as fh:
        r = csv.reader(fh)
        head = next(r)
        if head != header:
            err(f"{name}: header {head} != {header}")
        rows = []
        for i, row in enumerate(r, start=2):
            if len(row) != len(header):
                err(f"{name}:{i}: {len(row)} fields, expected {len(header)}")
                continue
            rows.append((i, dict(zip(header, row))))
        return rows


def iso(s, where):
    if not isinstance(s, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        err(f"{where}: not an ISO date: {s!r}")
        return None
    try:
        return dt.date.fromisoformat(s)
    except ValueError:
        err(f"{where}: impossible date {s!r}")
        return None


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


# ------------------------------------------------------------------ README: today
README = open(os.path.join(HERE, "README.md"), encoding="utf-8").read()
readme = README.splitlines()
if not readme or not readme[0].startswith("#"):
    err("README.md: first line must be a title")
m = re.fullmatch(r"\s*CIN_TODAY=(\d{4}-\d{2}-\d{2})\s*", readme[1] if len(readme) > 1 else "")
if not m:
    m = re.fullmatch(r"\s*CIN_TODAY=(\d{4}-\d{2}-\d{2})\s*", readme[2] if len(readme) > 2 else "")
if not m:
    sys.exit("README.md: line 2 (or 3 after a blank) must be CIN_TODAY=YYYY-MM-DD")
TODAY = dt.date.fromisoformat(m.group(1))

# ------------------------------------------------------------------ calendar (due-dates.md §1)
# England bank holidays 2024-2029 as the `holidays` package lists them (UK, subdivision ENG),
# substitute days included.
BANK_HOLIDAYS = {dt.date.fromisoformat(s) for s in """
2024-01-01 2024-03-29 2024-04-01 2024-05-06 2024-05-27 2024-08-26 2024-12-25 2024-12-26
2025-01-01 2025-04-18 2025-04-21 2025-05-05 2025-05-26 2025-08-25 2025-12-25 2025-12-26
2026-01-01 2026-04-03 2026-04-06 2026-05-04 2026-05-25 2026-08-31 2026-12-25 2026-12-28
2027-01-01 2027-03-26 2027-03-29 2027-05-03 2027-05-31 2027-08-30 2027-12-27 2027-12-28
2028-01-03 2028-04-14 2028-04-17 2028-05-01 2028-05-29 2028-08-28 2028-12-25 2028-12-26
2029-01-01 2029-03-30 2029-04-02 2029-05-07 2029-05-28 2029-08-27 2029-12-25 2029-12-26
""".split()}
DAY = dt.timedelta(days=1)


def working(d):
    return d.weekday() < 5 and d not in BANK_HOLIDAYS


def add_working_days(d, n):
    while n:
        d += DAY
        if working(d):
            n -= 1
    return d


def bring_forward(d):
    while not working(d):
        d -= DAY
    return d


def add_months(d, n):
    y, mo = divmod(d.month - 1 + n, 12)
    y, mo = d.year + y, mo + 1
    return dt.date(y, mo, min(d.day, calendar.monthrange(y, mo)[1]))


def calendar_due(d, days=0, months=0):
    return bring_forward(add_months(d, months) + dt.timedelta(days=days))


# ------------------------------------------------------------------ CSVs
ROLES = {"social_worker", "asye", "senior_practitioner", "practice_supervisor",
         "practice_manager", "team_manager", "community_care_worker"}
PRACTITIONER_ROLES = {"social_worker", "asye", "senior_practitioner", "community_care_worker"}
CATS = {"standard", "disability_low_risk", "disability_review", "disability", "disability_welfare"}
EVENTS = {"visit", "assessment_completed", "initial_cin_meeting", "cin_review", "plan_circulated",
          "supervision", "case_summary", "cp_plan_ended", "discharged_from_care",
          "proceedings_concluded", "case_closed"}
AUTHS = {"medway": "MW", "kent": "KT"}
CASE_SERIES = {"medway": "3", "kent": "6"}
# Medway 12.1 levels; Kent's guidance has no categories; disability_low_risk is Practice Matters'
AUTH_CATS = {"medway": {"standard", "disability_review", "disability", "disability_welfare"},
             "kent": {"standard"}}

workers = {}
for i, r in read_csv("workers.csv", ["worker_id", "name", "role", "team_id", "team_name",
                                     "authority", "manager_id"]):
    if r["worker_id"] in workers:
        err(f"workers.csv:{i}: duplicate {r['worker_id']}")
    if r["role"] not in ROLES:
        err(f"workers.csv:{i}: bad role {r['role']}")
    if r["authority"] not in AUTHS:
        err(f"workers.csv:{i}: authority {r['authority']} not one of this set's councils")
    workers[r["worker_id"]] = r
for wid, r in workers.items():
    if r["manager_id"] and r["manager_id"] not in workers:
        err(f"workers.csv: {wid} manager {r['manager_id']} unknown")
    if r["manager_id"] and workers.get(r["manager_id"], {}).get("team_id") != r["team_id"]:
        err(f"workers.csv: {wid} managed from another team")
managers = {w for w, r in workers.items() if r["role"] == "team_manager"}
team_of = {m_: {w for w, r in workers.items() if r["manager_id"] == m_} for m_ in managers}
for m_, ws in team_of.items():
    if not 4 <= len(ws) <= 5:
        err(f"team of {m_} has {len(ws)} practitioners (4-5 wanted)")
    for w in ws:
        if workers[w]["role"] not in PRACTITIONER_ROLES:
            err(f"{w}: role {workers[w]['role']} is not a practitioner role")
    roles = {workers[w]["role"] for w in ws}
    if not {"asye", "senior_practitioner"} <= roles:
        err(f"team of {m_} needs an ASYE and a senior practitioner")
if {workers[m_]["authority"] for m_ in managers} != set(AUTHS):
    err("one team per council wanted")

children = {}
for i, r in read_csv("children.csv", ["child_id", "first_name", "last_name", "birth_date",
                                      "disabled"]):
    if r["child_id"] in children:
        err(f"children.csv:{i}: duplicate {r['child_id']}")
    b = iso(r["birth_date"], f"children.csv:{i}")
    if b and b > TODAY:
        err(f"children.csv:{i}: born after today")
    if b and add_months(b, 18 * 12) <= TODAY:
        err(f"children.csv:{i}: {r['first_name']} is 18 or over today")
    if r["disabled"] not in ("Y", "N"):
        err(f"children.csv:{i}: disabled must be Y/N")
    children[r["child_id"]] = r

cases = {}
used_children = set()
for i, r in read_csv("cases.csv", ["case_id", "child_id", "worker_id", "category",
                                   "referral_date"]):
    cid = r["case_id"]
    if not re.fullmatch(r"[A-Z]{2}-\d{4}", cid):
        err(f"cases.csv:{i}: bad case id {cid}")
    if cid in cases:
        err(f"cases.csv:{i}: duplicate {cid}")
    if r["child_id"] not in children:
        err(f"cases.csv:{i}: unknown child {r['child_id']}")
    if r["child_id"] in used_children:
        err(f"cases.csv:{i}: child {r['child_id']} on two cases")
    used_children.add(r["child_id"])
    if r["worker_id"] not in workers:
        err(f"cases.csv:{i}: unknown worker {r['worker_id']}")
        continue
    if r["worker_id"] in managers:
        err(f"cases.csv:{i}: a team manager holds {cid}")
    r["_auth"] = workers[r["worker_id"]]["authority"]
    pref = AUTHS[r["_auth"]]
    ser = CASE_SERIES[r["_auth"]]
    if not re.fullmatch(pref + "-" + ser + r"\d{3}", cid):
        err(f"cases.csv:{i}: {cid} should be {pref}-{ser}xxx for its authority")
    if r["category"] not in CATS:
        err(f"cases.csv:{i}: bad category {r['category']}")
    elif r["category"] not in AUTH_CATS[r["_auth"]]:
        err(f"cases.csv:{i}: category {r['category']} is not one of {r['_auth']}'s")
    if r["category"].startswith("disability") and children.get(r["child_id"], {}).get(
            "disabled") != "Y":
        err(f"cases.csv:{i}: disability category but the child is not marked disabled")
    r["_ref"] = iso(r["referral_date"], f"cases.csv:{i}")
    if r["_ref"] and r["_ref"] > TODAY:
        err(f"cases.csv:{i}: referral after today")
    cases[cid] = r

events = collections.defaultdict(list)
for i, r in read_csv("events.csv", ["case_id", "event", "date", "child_seen", "seen_alone",
                                    "note"]):
    if r["case_id"] not in cases:
        err(f"events.csv:{i}: unknown case {r['case_id']}")
        continue
    if r["event"] not in EVENTS:
        err(f"events.csv:{i}: unknown event {r['event']}")
    d = iso(r["date"], f"events.csv:{i}")
    if d is None:
        continue
    if d > TODAY:
        err(f"events.csv:{i}: event after today")
    if r["event"] == "visit":
        if r["child_seen"] not in ("Y", "N") or r["seen_alone"] not in ("Y", "N"):
            err(f"events.csv:{i}: visit needs child_seen/seen_alone Y/N")
        elif r["child_seen"] == "N" and r["seen_alone"] == "Y":
            err(f"events.csv:{i}: seen alone but not seen")
    elif r["child_seen"] or r["seen_alone"]:
        err(f"events.csv:{i}: {r['event']} must leave child_seen/seen_alone empty")
    if r["event"] in ("supervision", "case_summary"):
        err(f"events.csv:{i}: neither council sets a {r['event']} timescale; none recorded")
    ref = cases[r["case_id"]].get("_ref")
    if ref and d < ref:
        err(f"events.csv:{i}: event before the referral")
    r["_d"] = d
    r["_line"] = i
    events[r["case_id"]].append(r)

closed = {}
for cid, evs in events.items():
    cl = [e["_d"] for e in evs if e["event"] == "case_closed"]
    if len(cl) > 1:
        err(f"{cid}: closed twice")
    if cl:
        closed[cid] = cl[0]
        for e in evs:
            if e["_d"] > cl[0]:
                err(f"events.csv:{e['_line']}: {cid} event after closure")
open_cases = [c for c in cases if c not in closed]
if not 40 <= len(open_cases) <= 50:
    err(f"{len(open_cases)} open cases (40-50 wanted)")
if len(closed) != 2:
    err(f"{len(closed)} closed cases (2 wanted)")

last_visit = {}
for cid, evs in events.items():
    vs = [e["_d"] for e in evs if e["event"] == "visit"]
    if vs:
        last_visit[cid] = max(vs)

caseload = collections.defaultdict(set)
for cid, r in cases.items():
    caseload[r["worker_id"]].add(cid)


def scope(asker):
    if asker in managers:
        return set().union(*(caseload[w] for w in team_of[asker]))
    return caseload[asker]


# ------------------------------------------------------------------ due items (due-dates.md §2-3)
STEP_DOWN = {"cp_plan_ended": "cp", "discharged_from_care": "care",
             "proceedings_concluded": "proceedings"}
# Medway visit and review cadence by category (12.1, guidance table; 10.1 and 9.2 for standard)
#   ("wd", n) = n working days; ("d", n) = n calendar days; ("m", n) = n calendar months
MEDWAY_CADENCE = {
    "standard": {"visit": ("wd", 15), "review": ("d", 84)},
    "disability_welfare": {"visit": ("d", 21), "review": ("d", 84)},
    "disability": {"visit": ("d", 84), "review": ("m", 6)},
    "disability_review": {"visit": ("m", 12), "review": ("m", 12)},
}


def step(d, rule):
    unit, n = rule
    if unit == "wd":
        return add_working_days(d, n)
    if unit == "d":
        return calendar_due(d, days=n)
    return calendar_due(d, months=n)


def due_items(cid):
    """[(item, due date)] for one case, Medway or Kent rules only."""
    c = cases[cid]
    auth, ref = c["_auth"], c["_ref"]
    evs = events.get(cid, [])
    if cid in closed:
        return []

    def dates(code):
        return sorted(e["_d"] for e in evs if e["event"] == code)

    ac, icm, rev = dates("assessment_completed"), dates("initial_cin_meeting"), dates("cin_review")
    plans = dates("plan_circulated")
    seen = sorted(e["_d"] for e in evs if e["event"] == "visit" and e["child_seen"] == "Y")
    out = []
    # statutory baseline: assessment within 45 working days of referral
    if not ac:
        out.append(("assessment", add_working_days(ref, 45)))
    # Medway 6.2: CIN meeting within ten working days of the completion of the assessment
    # (Kent's guidance sets no timescale for the initial meeting: no item)
    if auth == "medway" and ac and not icm:
        out.append(("initial_cin_meeting", add_working_days(ac[-1], 10)))
    # plan circulation: Medway 6.2/11.1 (3 working days), Kent (10 days)
    for mt in sorted(icm + rev):
        if not [p for p in plans if p >= mt]:
            out.append(("plan_circulation", add_working_days(mt, 3) if auth == "medway"
                        else calendar_due(mt, days=10)))
    # the CIN start: initial meeting or step-down event, whichever is later
    starts = [(icm[-1], "meeting")] if icm else []
    steps = sorted((e["_d"], STEP_DOWN[e["event"]]) for e in evs if e["event"] in STEP_DOWN)
    if steps:
        starts.append(steps[-1])
    if not starts:
        if auth == "medway" and seen:
            err(f"{cid}: Medway case with seen visits but no CIN start: the visit anchor is "
                f"ambiguous (keep pre-CIN Medway cases visit-free)")
        return sorted(out, key=lambda t: (t[1], t[0]))
    start, route = max(starts)
    if [d for d in rev if d < start]:
        err(f"{cid}: a cin_review before the CIN start makes the review anchor ambiguous")
    if auth == "medway":
        cad = MEDWAY_CADENCE[c["category"]]
        if seen and seen[-1] < start:
            err(f"{cid}: last seen visit before the CIN start: the visit anchor is ambiguous")
        out.append(("visit", step(seen[-1] if seen else start, cad["visit"])))
        out.append(("cin_review", step(rev[-1] if rev else start, cad["review"])))
        # 13.3: Area Manager at 6 months, Head of Service at 9 months
        out.append(("oversight", calendar_due(start, months=6)))
        out.append(("oversight", calendar_due(start, months=9)))
    else:  # kent: first review 3 months after the initial meeting, then 6-monthly; no visit rule
        if steps and (not icm or steps[-1][0] != icm[-1]):
            err(f"{cid}: Kent step-down without a same-day initial CIN meeting")
        out.append(("cin_review", calendar_due(rev[-1], months=6) if rev
                    else calendar_due(start, months=3)))
    return sorted(out, key=lambda t: (t[1], t[0]))


LABEL = {"assessment": "assessment", "initial meeting": "initial_cin_meeting",
         "plan circulation": "plan_circulation", "visit": "visit", "review": "cin_review",
         "oversight": "oversight"}
WDAY_ = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def status(item, d):
    if d >= TODAY:
        return "due"
    return "past" if item == "oversight" else "overdue"


COMPUTED = {}
for cid in cases:
    COMPUTED[cid] = {(it, d, status(it, d)) for it, d in due_items(cid)}
if os.environ.get("DUMP_ITEMS"):  # helper for writing the README tables: DUMP_ITEMS=1
    for cid in cases:
        ch = children[cases[cid]["child_id"]]
        if cid in closed:
            body = f"closed {closed[cid]} (no items)"
        else:
            inv = {v: k for k, v in LABEL.items()}
            body = "; ".join(f"{inv[it]} {WDAY_[d.weekday()]} {d}" +
                             {"overdue": " OVERDUE", "past": " (past, not listed)"}.get(
                                 status(it, d), "")
                             for it, d in due_items(cid))
        print(f"| {cid} | {ch['first_name']} {ch['last_name']} | {cases[cid]['category']} "
              f"| {body} |")

# README tables: "| MW-3101 | Jayden Clarke | standard | visit Tue 2027-10-19; ... |"

WDAY = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
ITEM_RE = re.compile(r"^(%s) (Mon|Tue|Wed|Thu|Fri|Sat|Sun) (\d{4}-\d{2}-\d{2})"
                     r"( OVERDUE| \(past, not listed\))?( \([^)]*\))?$" % "|".join(LABEL))
readme_rows = {}
for ln, line in enumerate(readme, start=1):
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if len(cells) == 4 and re.fullmatch(r"[A-Z]{2}-\d{4}", cells[0]):
        cid = cells[0]
        if cid in readme_rows:
            err(f"README.md:{ln}: {cid} listed twice")
        got = set()
        if cells[3].startswith("none"):
            pass  # an open case with no item under the loaded guidance
        elif cells[3].startswith("closed "):
            mm = re.fullmatch(r"closed (\d{4}-\d{2}-\d{2}) \(no items\)", cells[3])
            if not mm or closed.get(cid) != dt.date.fromisoformat(mm.group(1)):
                err(f"README.md:{ln}: {cid} closure does not match events.csv")
        else:
            for part in cells[3].split(";"):
                mm = ITEM_RE.match(part.strip())
                if not mm:
                    err(f"README.md:{ln}: cannot read item '{part.strip()}'")
                    continue
                d = dt.date.fromisoformat(mm.group(3))
                if WDAY[d.weekday()] != mm.group(2):
                    err(f"README.md:{ln}: {d} is not a {mm.group(2)}")
                st = {" OVERDUE": "overdue", " (past, not listed)": "past"}.get(mm.group(4), "due")
                got.add((LABEL[mm.group(1)], d, st))
        readme_rows[cid] = got
        ch = children[cases[cid]["child_id"]] if cid in cases else None
        if ch and not cells[1].startswith(f"{ch['first_name']} {ch['last_name']}"):
            err(f"README.md:{ln}: child name {cells[1]} does not match children.csv")
        if got != COMPUTED.get(cid, set()):
            err(f"README.md:{ln}: {cid} hand-worked {sorted(got - COMPUTED.get(cid, set()))} "
                f"vs computed {sorted(COMPUTED.get(cid, set()) - got)}")
for cid in cases:
    if cid not in readme_rows:
        err(f"README.md: no due-items row for {cid}")

# ------------------------------------------------------------------ window conventions
def windows_for(today):
    """Every window the labelling conventions allow, computed from today."""
    t = today
    sunday = t + dt.timedelta(days=6 - t.weekday())
    month_end = dt.date(t.year, t.month, calendar.monthrange(t.year, t.month)[1])
    w = {(t, t), (t + DAY, t + DAY), (t, sunday), (sunday + DAY, sunday + 7 * DAY),
         (sunday + 8 * DAY, sunday + 14 * DAY), (t, month_end), (t, sunday + 7 * DAY),
         (t, dt.date(t.year, 12, 31)), (t, dt.date(t.year, 12, 24))}
    for n in (3, 5, 7, 10, 14, 21, 30, 42):  # next N days / fortnight / 3 and 6 weeks
        w.add((t, t + (n - 1) * DAY))
    for k in range(1, 8):  # by <weekday> (this week) / <weekday> alone / by next <weekday>
        d = t + k * DAY
        w.add((t, d))
        w.add((d, d))
    for day in range(t.day + 1, month_end.day + 1):  # by the Nth of this month
        w.add((t, dt.date(t.year, t.month, day)))
    nxt = dt.date(t.year + (t.month == 12), t.month % 12 + 1, 1)
    for day in range(1, calendar.monthrange(nxt.year, nxt.month)[1] + 1):
        w.add((t, nxt.replace(day=day)))  # by the Nth (of next month) / by <date> next month
    for mo in range(t.month + 1, 13):  # in <month> / between now and the end of <month>
        first = dt.date(t.year, mo, 1)
        last = dt.date(t.year, mo, calendar.monthrange(t.year, mo)[1])
        w.add((first, last))
        w.add((t, last))
    return w


WINDOWS = windows_for(TODAY)
# relative visit dates: today and the seven days before it (yesterday .. last Wednesday)
VISIT_DATES = {TODAY - k * DAY for k in range(0, 8)}

# ------------------------------------------------------------------ names in messages
NICK = {"MW-3202": ["toby", "tobes"], "MW-3211": ["lilyrose"], "MW-3214": ["joakin"],
        "MW-3221": ["aj", "alfie james"], "MW-3223": ["milo"], "MW-3233": ["dex"],
        "MW-3243": ["kez", "kezzie"], "KT-6402": ["jaz", "jazzy"],
        "KT-6403": ["benny", "ben"], "KT-6406": ["osheen"], "KT-6414": ["elliemai", "ellie-may"],
        "KT-6420": ["barty", "bart"], "KT-6423": ["kadence", "kaydance"],
        "KT-6430": ["mo", "mohammad", "mohamed"], "KT-6431": ["clemmie", "clem"]}
# child-name tokens that are also ordinary words and may appear as such in any message
WORDS = {"summer", "hope", "kit", "lamb", "precious", "storm", "bright", "willow", "crane",
         "rose", "river", "clay", "autumn", "daisy", "fern", "finch", "grace", "mo", "jay"}
token_cases = collections.defaultdict(set)
case_tokens = {}
for cid, r in cases.items():
    ch = children[r["child_id"]]
    toks = set()
    for part in (ch["first_name"], ch["last_name"]):
        f = fold(part)
        toks.add(f)
        toks.update(p for p in re.split(r"[-' ]", f) if len(p) > 1)
    toks.update(NICK.get(cid, []))
    case_tokens[cid] = toks
    for t in toks:
        token_cases[t].add(cid)
worker_tokens = set()
for w in workers.values():
    worker_tokens.update(fold(p) for p in re.split(r"[ -]", w["name"]))


def mentioned(text):
    t = fold(text)
    found = set()
    for tok in token_cases:
        if re.search(r"(?<![a-z])" + re.escape(tok) + r"(s|es)?(?![a-z])", t):
            found.add(tok)
    return found


def case_refs(text):
    """Case references typed in a message: MW-3105, mw3105, kt 6124 ..."""
    return {f"{a.upper()}-{n}" for a, n in re.findall(r"\b(mw|kt)[- ]?(\d{4})\b", text.lower())}


def check_names(where, asker, text, named):
    t_found = mentioned(text)
    refs = case_refs(text)
    for ref in refs:
        if ref not in cases or ref not in scope(asker):
            err(f"{where}: case reference {ref} is not in the asker's scope")
    for cid in named:
        if not (case_tokens[cid] & t_found) and cid not in refs:
            err(f"{where}: {cid} expected but no name or reference of that child in the text")
    for tok in t_found:
        if tok in WORDS or tok in worker_tokens:
            continue
        if not (token_cases[tok] & scope(asker)):
            err(f"{where}: name '{tok}' is not a child in the asker's scope")


# ------------------------------------------------------------------ messages.yml
KINDS = {"due", "overdue", "next", "child_summary", "caseload", "team_due", "team_overdue",
         "record_visit", "refuse"}
ITEMS = {None, "visit", "review", "meeting", "plan", "assessment", "supervision", "case_summary",
         "oversight"}
REASONS = ["change_records", "bulk_complete", "compose_text", "other_worker", "whole_council",
           "not_loaded", "invalid_date", "emergency", "legal", "out_of_scope"]
MANAGER_LIMITS = {"change_records", "bulk_complete", "compose_text", "not_loaded", "legal",
                  "out_of_scope"}

msgs = yaml.safe_load(open(os.path.join(HERE, "messages.yml"), encoding="utf-8"))
if str(msgs.get("today")) != TODAY.isoformat():
    err(f"messages.yml: today {msgs.get('today')} != README {TODAY}")
seen_ids = set()
kind_count = collections.Counter()
asker_count = collections.Counter()
texts = collections.Counter()
family_visits = 0
for m in msgs["messages"]:
    mid = m.get("id")
    where = f"messages.yml:{mid}"
    if mid in seen_ids:
        err(f"{where}: duplicate id")
    seen_ids.add(mid)
    if set(m) - {"id", "asker", "message", "expect", "note"}:
        err(f"{where}: unexpected keys {set(m) - {'id', 'asker', 'message', 'expect', 'note'}}")
    asker = m.get("asker")
    if asker not in workers:
        err(f"{where}: unknown asker {asker}")
        continue
    texts[(asker, m["message"].strip().lower())] += 1
    asker_count[asker] += 1
    e = m["expect"]
    k = e.get("kind")
    if k not in KINDS:
        err(f"{where}: bad kind {k}")
        continue
    kind_count["not_a_manager" if k == "refuse" else k] += 1
    is_mgr = asker in managers
    if k == "refuse":
        if e != {"kind": "refuse", "reason": "not_a_manager"}:
            err(f"{where}: refusals in messages.yml are only not_a_manager")
        if is_mgr:
            err(f"{where}: not_a_manager asked by a manager")
        check_names(where, asker, m["message"], [])
        continue
    if k in ("team_due", "team_overdue") and not is_mgr:
        err(f"{where}: team kind from a practitioner (should be refuse/not_a_manager)")
    if is_mgr and k not in ("team_due", "team_overdue"):
        err(f"{where}: a manager holds no cases; {k} from a manager")
    allowed = {"kind"}
    if k in ("due", "overdue", "team_due", "team_overdue"):
        allowed |= {"item_type", "child_case_id", "clarify"}
        if "item_type" not in e:
            err(f"{where}: item_type missing (null for all types)")
    if k == "next":
        allowed |= {"item_type", "child_case_id", "clarify"}
        if e.get("item_type") is None:
            err(f"{where}: next needs an item_type")
    if k == "child_summary":
        allowed |= {"child_case_id", "clarify"}
    if k in ("due", "team_due"):
        allowed.add("window")
        w = e.get("window")
        if not isinstance(w, dict) or set(w) != {"start", "end"}:
            err(f"{where}: window {{start, end}} required")
        else:
            s = iso(w["start"], where)
            en = iso(w["end"], where)
            if s and en and s > en:
                err(f"{where}: window start after end")
            if s and en and (s, en) not in WINDOWS:
                err(f"{where}: window {s}..{en} is not one of the conventions for {TODAY}")
    if k == "record_visit":
        allowed |= {"visit", "visits"}
    if set(e) - allowed:
        err(f"{where}: keys {set(e) - allowed} not allowed for {k}")
    if "item_type" in e and e["item_type"] not in ITEMS:
        err(f"{where}: bad item_type {e['item_type']}")
    named = []
    if "child_case_id" in e:
        cc = e["child_case_id"]
        named = cc if isinstance(cc, list) else [cc]
        if isinstance(cc, list) and len(cc) < 2:
            err(f"{where}: a list needs 2+ cases")
        if e.get("clarify") and not isinstance(cc, list):
            err(f"{where}: clarify needs a list of candidates")
        if e.get("clarify"):
            firsts = {fold(children[cases[c]["child_id"]]["first_name"]) for c in named
                      if c in cases}
            if len(firsts) != 1:
                err(f"{where}: clarify candidates should share a first name")
    if "clarify" in e and e["clarify"] is not True:
        err(f"{where}: clarify must be true when present")
    if k in ("next", "child_summary") and not named:
        err(f"{where}: {k} needs child_case_id")
    if k == "record_visit":
        vs = e.get("visits") if "visits" in e else [e.get("visit")]
        if ("visit" in e) == ("visits" in e):
            err(f"{where}: exactly one of visit / visits")
        if "visits" in e:
            family_visits += 1
            if len(vs) < 2:
                err(f"{where}: visits needs 2+")
        for v in vs:
            if not isinstance(v, dict) or "case_id" not in v:
                err(f"{where}: visit needs case_id")
                continue
            if set(v) - {"case_id", "date", "child_seen", "seen_alone"}:
                err(f"{where}: visit keys {set(v)}")
            named.append(v["case_id"])
            if "date" in v:
                d = iso(v["date"], where)
                if d and d > TODAY:
                    err(f"{where}: visit date after today")
                if d and d not in VISIT_DATES:
                    err(f"{where}: visit date {d} is not one of the relative dates in the README")
                lv = last_visit.get(v["case_id"])
                if d and lv and d <= lv:
                    err(f"{where}: {v['case_id']} visit {d} not later than last visit {lv}")
            for f in ("child_seen", "seen_alone"):
                if f in v and not isinstance(v[f], bool):
                    err(f"{where}: {f} must be true/false")
            if v.get("child_seen") is False and v.get("seen_alone") is not False:
                err(f"{where}: child not seen entails seen_alone: false")
            if v.get("seen_alone") is True and v.get("child_seen") is not True:
                err(f"{where}: seen alone entails child_seen: true")
            if v.get("case_id") in closed:
                err(f"{where}: recording a visit on a closed case")
    for cid in named:
        if cid not in cases:
            err(f"{where}: unknown case {cid}")
        elif cid not in scope(asker):
            err(f"{where}: {cid} is not in {asker}'s {'team' if is_mgr else 'caseload'}")
    check_names(where, asker, m["message"], [c for c in named if c in cases])

for w in workers:
    if asker_count[w] == 0:
        err(f"messages.yml: no messages from {w}")
if len(msgs["messages"]) < 200:
    err("messages.yml: fewer than 200 messages")
if kind_count["record_visit"] < 20:
    err("messages.yml: fewer than 20 record_visit messages")
if family_visits < 2:
    err("messages.yml: fewer than 2 family (visits:) reports")
for k in KINDS - {"refuse"}:
    if kind_count[k] == 0:
        err(f"messages.yml: no {k} messages")

# ------------------------------------------------------------------ limits.yml
lims = yaml.safe_load(open(os.path.join(HERE, "limits.yml"), encoding="utf-8"))
if str(lims.get("today")) != TODAY.isoformat():
    err(f"limits.yml: today {lims.get('today')} != README {TODAY}")
reason_count = collections.Counter()
lim_ids = set()
for m in lims["limits"]:
    where = f"limits.yml:{m.get('id')}"
    if m.get("id") in lim_ids or m.get("id") in seen_ids:
        err(f"{where}: duplicate id")
    lim_ids.add(m.get("id"))
    if m.get("asker") not in workers:
        err(f"{where}: unknown asker")
        continue
    if set(m) - {"id", "asker", "message", "expect", "note"}:
        err(f"{where}: unexpected keys")
    e = m["expect"]
    if set(e) != {"kind", "reason"} or e["kind"] != "refuse" or e["reason"] not in REASONS:
        err(f"{where}: expect must be {{kind: refuse, reason: <one of the ten>}}")
        continue
    reason_count[e["reason"]] += 1
    if m["asker"] in managers and e["reason"] not in MANAGER_LIMITS:
        err(f"{where}: managers do not ask {e['reason']}")
    texts[(m["asker"], m["message"].strip().lower())] += 1
    check_names(where, m["asker"], m["message"], [])
for r in REASONS:
    if reason_count[r] < 8:
        err(f"limits.yml: only {reason_count[r]} of {r}")
if len(lims["limits"]) < 80:
    err("limits.yml: fewer than 80 limits")
dups = [t for t, n in texts.items() if n > 1]
if dups:
    err(f"repeated texts from the same asker {dups}")

# ------------------------------------------------------------------ report
n_items = sum(1 for s in COMPUTED.values() for _, _, st in s if st != "past")
n_over = sum(1 for s in COMPUTED.values() for _, _, st in s if st == "overdue")
print(f"today {TODAY}  workers {len(workers)}  children {len(children)}  cases {len(cases)} "
      f"(open {len(open_cases)}, closed {len(closed)})  events {sum(map(len, events.values()))}")
print(f"due items recomputed {n_items} (overdue {n_over}), README tables agree"
      if not [x for x in ERR if x.startswith("README.md")] else "README tables disagree")
print("messages", len(msgs["messages"]), dict(sorted(kind_count.items())),
      f"family visits {family_visits}")
print("askers", dict(sorted(asker_count.items())))
print("limits", len(lims["limits"]), dict(sorted(reason_count.items())))
if ERR:
    print(f"{len(ERR)} problem(s):")
    for x in ERR:
        print("  -", x)
    sys.exit(1)
print("OK")
