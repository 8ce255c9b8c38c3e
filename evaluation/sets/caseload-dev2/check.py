#!/usr/bin/env python3
"""Validate caseload-dev2: CSVs, messages.yml, limits.yml.  Prints OK when all is well.

    python3 check.py            validate; print OK or the list of problems
    python3 check.py --items    also print every open item per case (own re-implementation of
                                shared/spec/due-dates.md for Kent and Camden, for eyeballing the spread)
"""
import csv
import datetime as dt
import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict

import yaml
from dateutil.relativedelta import relativedelta

HERE = os.path.dirname(os.path.abspath(__file__))
problems = []


def bad(msg):
    problems.append(msg)


def read_today():
    with open(os.path.join(HERE, "README.md"), encoding="utf-8") as fh:
        m = re.search(r"CIN_TODAY=(\d{4}-\d{2}-\d{2})", fh.read())
    return dt.date.fromisoformat(m.group(1))


TODAY = read_today()
ROLES = {"social_worker", "asye", "senior_practitioner", "practice_supervisor", "practice_manager",
         "team_manager", "community_care_worker"}
MANAGER_ROLES = {"team_manager"}
CATEGORIES = {"standard", "disability_low_risk", "disability_review", "disability", "disability_welfare"}
EVENTS = {"visit", "assessment_completed", "initial_cin_meeting", "cin_review", "plan_circulated",
          "supervision", "case_summary", "cp_plan_ended", "discharged_from_care", "proceedings_concluded",
          "case_closed"}
STEP_DOWN = {"cp_plan_ended", "discharged_from_care", "proceedings_concluded"}


def load(name, header):
    with open(os.path.join(HERE, name), encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    if rows[0] != header:
        bad(f"{name}: header {rows[0]} != {header}")
    out = []
    for i, r in enumerate(rows[1:], start=2):
        if len(r) != len(header):
            bad(f"{name}:{i}: {len(r)} fields")
            continue
        out.append((i, dict(zip(header, r))))
    return out


def iso(s, where):
    try:
        d = dt.date.fromisoformat(s)
        if d.isoformat() != s:
            raise ValueError
        return d
    except ValueError:
        bad(f"{where}: bad date {s!r}")
        return None


# ------------------------------------------------------------------ CSVs
workers = {}
for i, r in load("workers.csv", ["worker_id", "name", "role", "team_id", "team_name", "authority", "manager_id"]):
    w = f"workers.csv:{i}"
    if r["worker_id"] in workers:
        bad(f"{w}: duplicate worker_id")
    if r["role"] not in ROLES:
        bad(f"{w}: role {r['role']}")
    if r["authority"] not in {"kent", "camden"}:
        bad(f"{w}: authority {r['authority']}")
    workers[r["worker_id"]] = r
for wid, r in workers.items():
    m = r["manager_id"]
    if r["role"] in MANAGER_ROLES:
        if m:
            bad(f"worker {wid}: a team manager with a manager_id")
    else:
        if m not in workers or workers[m]["role"] not in MANAGER_ROLES:
            bad(f"worker {wid}: manager_id {m!r} is not a team manager")
        elif workers[m]["authority"] != r["authority"] or workers[m]["team_id"] != r["team_id"]:
            bad(f"worker {wid}: manager in another team")
managers = {w for w, r in workers.items() if r["role"] in MANAGER_ROLES}
team_of = {w: r["team_id"] for w, r in workers.items()}

children = {}
for i, r in load("children.csv", ["child_id", "first_name", "last_name", "birth_date", "disabled"]):
    w = f"children.csv:{i}"
    if r["child_id"] in children:
        bad(f"{w}: duplicate child_id")
    if not re.fullmatch(r"ch-1\d{3}", r["child_id"]):
        bad(f"{w}: child id pattern")
    b = iso(r["birth_date"], w)
    if b and not (TODAY - relativedelta(years=18) < b < TODAY):
        bad(f"{w}: child not under 18 on TODAY")
    if r["disabled"] not in {"Y", "N"}:
        bad(f"{w}: disabled flag {r['disabled']!r}")
    children[r["child_id"]] = r

cases = {}
child_used = Counter()
for i, r in load("cases.csv", ["case_id", "child_id", "worker_id", "category", "referral_date"]):
    w = f"cases.csv:{i}"
    if r["case_id"] in cases:
        bad(f"{w}: duplicate case_id")
    if r["child_id"] not in children:
        bad(f"{w}: unknown child {r['child_id']}")
    child_used[r["child_id"]] += 1
    if r["worker_id"] not in workers:
        bad(f"{w}: unknown worker {r['worker_id']}")
    elif r["worker_id"] in managers:
        bad(f"{w}: case held by a manager")
    else:
        auth = workers[r["worker_id"]]["authority"]
        prefix = {"kent": "KT-4", "camden": "CM-5"}[auth]
        if not re.fullmatch(re.escape(prefix) + r"\d{3}", r["case_id"]):
            bad(f"{w}: case id {r['case_id']} does not fit authority {auth}")
    if r["category"] not in CATEGORIES:
        bad(f"{w}: category {r['category']}")
    r["ref"] = iso(r["referral_date"], w)
    if r["ref"] and r["ref"] > TODAY:
        bad(f"{w}: referral after today")
    cases[r["case_id"]] = r
for c, n in child_used.items():
    if n != 1:
        bad(f"child {c} is on {n} cases (one child per case)")
for c in children:
    if c not in child_used:
        bad(f"child {c} has no case")

events = defaultdict(list)
seen_rows = set()
for i, r in load("events.csv", ["case_id", "event", "date", "child_seen", "seen_alone", "note"]):
    w = f"events.csv:{i}"
    if r["case_id"] not in cases:
        bad(f"{w}: unknown case {r['case_id']}")
        continue
    if r["event"] not in EVENTS:
        bad(f"{w}: unknown event {r['event']}")
    d = iso(r["date"], w)
    if d is None:
        continue
    if d > TODAY:
        bad(f"{w}: event after TODAY")
    if cases[r["case_id"]]["ref"] and d < cases[r["case_id"]]["ref"]:
        bad(f"{w}: event before referral")
    if r["event"] == "visit":
        if r["child_seen"] not in {"Y", "N"} or r["seen_alone"] not in {"Y", "N"}:
            bad(f"{w}: visit flags must be Y/N")
        if r["child_seen"] == "N" and r["seen_alone"] == "Y":
            bad(f"{w}: seen alone but not seen")
    elif r["child_seen"] or r["seen_alone"]:
        bad(f"{w}: flags on a non-visit event")
    key = (r["case_id"], r["event"], r["date"])
    if key in seen_rows:
        bad(f"{w}: duplicate event")
    seen_rows.add(key)
    events[r["case_id"]].append((d, r["event"], r["child_seen"], r["seen_alone"]))
for cid in cases:
    evs = sorted(events[cid])
    events[cid] = evs
    closed = [d for d, e, *_ in evs if e == "case_closed"]
    if len(closed) > 1:
        bad(f"{cid}: closed twice")
    if closed and any(d > closed[0] for d, *_ in evs):
        bad(f"{cid}: events after case_closed")
    for d, e, *_ in evs:
        if e == "plan_circulated" and not any(e2 in {"initial_cin_meeting", "cin_review"} and d2 <= d
                                             for d2, e2, *_ in evs):
            bad(f"{cid}: plan_circulated {d} before any meeting")
        if e in {"initial_cin_meeting", "cin_review"} and not any(
                e2 == "assessment_completed" and d2 <= d for d2, e2, *_ in evs):
            bad(f"{cid}: {e} {d} before assessment_completed")

open_cases = {c for c in cases if not any(e == "case_closed" for _, e, *_ in events[c])}
caseload = defaultdict(set)
for c, r in cases.items():
    caseload[r["worker_id"]].add(c)

# ------------------------------------------------------------------ due-date rules (own version)
BANK = {dt.date.fromisoformat(s) for s in [
    "2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26",
    "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28",
    "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28"]}
try:  # prefer the real calendar when the package is installed
    import holidays  # type: ignore
    BANK = set(holidays.UK(subdiv="ENG", years=range(2024, 2030)))
except ImportError:
    pass


def working(d):
    return d.weekday() < 5 and d not in BANK


def add_wd(d, n):
    while n:
        d += dt.timedelta(days=1)
        if working(d):
            n -= 1
    return d


def back(d):
    while not working(d):
        d -= dt.timedelta(days=1)
    return d


def cal(d, days=0, months=0):
    return back(d + dt.timedelta(days=days) + relativedelta(months=months))


def items_for(cid):
    r = cases[cid]
    auth = workers[r["worker_id"]]["authority"]
    evs = events[cid]
    if cid not in open_cases:
        return []
    out = []

    def last(kind, pred=lambda x: True):
        ds = [d for d, e, s, a in evs if e == kind and pred((d, e, s, a))]
        return max(ds) if ds else None

    ref = r["ref"]
    done = last("assessment_completed")
    if not done:
        out.append(("assessment", add_wd(ref, 45)))
    if auth == "camden" and not any(e == "visit" and d >= ref for d, e, *_ in evs):
        out.append(("first_home_visit", cal(ref, days=7)))
    initial = last("initial_cin_meeting")
    sd = [(d, e) for d, e, *_ in evs if e in STEP_DOWN]
    sd = max(sd) if sd else None
    if auth == "camden" and done and not initial and not sd:
        out.append(("initial_cin_meeting", cal(done, days=14)))
    starts = [x for x in [initial, sd[0] if sd else None] if x]
    start = max(starts) if starts else None
    meetings = [d for d, e, *_ in evs if e in {"initial_cin_meeting", "cin_review"}]
    if meetings:
        m = max(meetings)
        if not any(e == "plan_circulated" and d >= m for d, e, *_ in evs):
            out.append(("plan_circulation", cal(m, days=10) if auth == "kent" else add_wd(m, 10)))
    if start:
        lr = last("cin_review")
        if lr and lr >= start:
            due = cal(lr, months=6) if auth == "kent" else cal(lr, months=3)
        else:
            route = sd[1] if sd and sd[0] == start else "initial"
            if auth == "kent":
                due = cal(start, months=3)
            elif route in {"discharged_from_care", "proceedings_concluded"}:
                due = cal(start, days=28)
            else:
                due = cal(start, months=3)
        out.append(("cin_review", due))
        if auth == "camden":
            cs = last("case_summary")
            anchor = cs if cs and cs >= start else start
            out.append(("case_summary", cal(anchor, days=90)))
            ov = cal(start, months=12)
            if ov >= TODAY:
                out.append(("oversight", ov))
    return out


# ------------------------------------------------------------------ messages / limits
def fold(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return s.replace("ł", "l").replace("Ł", "L")


NICK = {}  # short form -> case id, parsed from README ("| Mo | Mohammed Hassan | KT-4003 |")
with open(os.path.join(HERE, "README.md"), encoding="utf-8") as fh:
    for m in re.finditer(r"^\|\s*([^|]+?)\s*\|\s*([^|]+?)\s*\|\s*((?:KT|CM)-\d{4})\s*\|\s*$", fh.read(), re.M):
        NICK.setdefault(m.group(1), set()).add(m.group(3))

# ordinary English words that are also names here: matched only when written with a capital letter
WORDY = {"Hope", "River", "Glory", "Rose", "Sky", "Sunny", "Mercy", "Patience", "Grace", "Joy", "Blessing",
         "Destiny", "Autumn", "Baker", "Stone", "Hart", "Ward", "Price", "Brooks", "Grant", "Turner", "Reid",
         "Kit", "Will", "Mo", "Jess", "Amira", "Harvey"}
name_index = defaultdict(set)
for cid, r in cases.items():
    ch = children[r["child_id"]]
    for n in [ch["first_name"], ch["last_name"]] + ch["first_name"].split("-"):
        name_index[fold(n)].add(cid)
for n, cids in NICK.items():
    name_index[fold(n)] |= cids
WORKER_TOKENS = {fold(p) for r in workers.values() for p in r["name"].split()}


def names_in(text, loose=False):
    found = {}
    t = fold(text)
    for n, cids in name_index.items():
        flags = 0 if (n in WORDY and not loose) else re.I
        if re.search(r"(?<![A-Za-z])" + re.escape(n) + r"(?![A-Za-z])", t, flags):
            found[n] = cids
    return found


def date_or_none(v, where):
    if v is None:
        return None
    s = v.isoformat() if isinstance(v, dt.date) else str(v)
    return iso(s, where)


KINDS = {"due", "overdue", "next", "child_summary", "caseload", "team_due", "team_overdue", "record_visit",
         "refuse"}
ITEM_TYPES = {None, "visit", "review", "meeting", "plan", "assessment", "supervision", "case_summary", "oversight"}
REASONS = {"change_records", "bulk_complete", "compose_text", "other_worker", "whole_council", "not_loaded",
           "invalid_date", "emergency", "legal", "out_of_scope"}
MANAGER_OK = {"change_records", "bulk_complete", "compose_text", "not_loaded", "legal", "out_of_scope"}


def check_messages():
    with open(os.path.join(HERE, "messages.yml"), encoding="utf-8") as fh:
        doc = yaml.safe_load(fh)
    msgs = doc["messages"]
    ids = Counter(m["id"] for m in msgs)
    for k, n in ids.items():
        if n > 1:
            bad(f"messages: duplicate id {k}")
    texts = Counter(m["message"].strip().lower() for m in msgs)
    for k, n in texts.items():
        if n > 1:
            bad(f"messages: duplicate text {k!r}")
    kinds = Counter()
    for m in msgs:
        w = f"messages {m.get('id')}"
        if set(m) - {"id", "asker", "message", "expect", "note"}:
            bad(f"{w}: unexpected keys {set(m)}")
        a, x = m["asker"], m["expect"]
        if a not in workers:
            bad(f"{w}: unknown asker {a}")
            continue
        k = x.get("kind")
        kinds[k if k != "refuse" else f"refuse/{x.get('reason')}"] += 1
        if k not in KINDS:
            bad(f"{w}: kind {k}")
        if k == "refuse":
            if x.get("reason") != "not_a_manager" or a in managers:
                bad(f"{w}: only not_a_manager refusals (from practitioners) belong in messages.yml")
        if k in {"team_due", "team_overdue"} and a not in managers:
            bad(f"{w}: team query from a non-manager must be refuse/not_a_manager")
        if "item_type" in x and x["item_type"] not in ITEM_TYPES:
            bad(f"{w}: item_type {x['item_type']}")
        if k in {"due", "overdue", "next", "team_due", "team_overdue"} and "item_type" not in x:
            bad(f"{w}: item_type missing (use null for all)")
        if k in {"due", "team_due"}:
            win = x.get("window")
            if not win:
                bad(f"{w}: window missing")
            else:
                s, e = date_or_none(win.get("start"), w), date_or_none(win.get("end"), w)
                if s and e and (s > e or e < TODAY or (s < TODAY)):
                    bad(f"{w}: window {s}..{e} not on/after TODAY or reversed")
        elif "window" in x:
            bad(f"{w}: window on a {k} message")
        cc = x.get("child_case_id")
        cids = cc if isinstance(cc, list) else ([cc] if cc else [])
        for c in cids:
            if c not in cases:
                bad(f"{w}: unknown case {c}")
            elif c not in caseload[a]:
                bad(f"{w}: {c} is not on {a}'s caseload")
        if k in {"child_summary", "next"} and not cids:
            bad(f"{w}: {k} without child_case_id")
        if x.get("clarify") and not (isinstance(cc, list) and len(cc) > 1):
            bad(f"{w}: clarify needs the candidate cases")
        # every child named in the message is on the asker's caseload
        for n, hit in names_in(m["message"]).items():
            if not hit & caseload[a] and fold(n) not in WORKER_TOKENS:
                bad(f"{w}: names {n!r}, not on {a}'s caseload")
        # the labelled children are the ones the message names (any spelling in the README's short forms)
        named = set().union(*names_in(m["message"], loose=True).values()) if names_in(m["message"], loose=True) else set()
        vcases = [v.get("case_id") for v in (x.get("visits") or ([x["visit"]] if x.get("visit") else []))]
        for c in cids + vcases:
            if c not in named:
                bad(f"{w}: labelled {c} but the message does not name that child")
        if k == "record_visit":
            vs = x.get("visits") or ([x["visit"]] if x.get("visit") else [])
            if not vs:
                bad(f"{w}: record_visit without visit")
            for v in vs:
                c = v.get("case_id")
                if c not in caseload[a]:
                    bad(f"{w}: visit case {c} not on caseload")
                    continue
                if c not in open_cases:
                    bad(f"{w}: visit on a closed case")
                d = date_or_none(v.get("date"), w)
                if d is None:
                    bad(f"{w}: visit without a date")
                    continue
                if d > TODAY:
                    bad(f"{w}: visit in the future")
                lv = [e[0] for e in events[c] if e[1] == "visit"]
                if lv and d <= max(lv):
                    bad(f"{w}: visit {d} not after last visit {max(lv)} on {c}")
                if d < cases[c]["ref"]:
                    bad(f"{w}: visit before referral")
                if set(v) - {"case_id", "date", "child_seen", "seen_alone"}:
                    bad(f"{w}: unexpected visit keys")
                if v.get("child_seen") is False and v.get("seen_alone") is not False:
                    bad(f"{w}: child not seen => seen_alone false")
                if v.get("seen_alone") is True and v.get("child_seen") is not True:
                    bad(f"{w}: alone implies seen")
        elif "visit" in x or "visits" in x:
            bad(f"{w}: visit on a {k} message")
    return msgs, kinds


def check_limits():
    with open(os.path.join(HERE, "limits.yml"), encoding="utf-8") as fh:
        doc = yaml.safe_load(fh)
    lims = doc["limits"]
    ids = Counter(m["id"] for m in lims)
    for k, n in ids.items():
        if n > 1:
            bad(f"limits: duplicate id {k}")
    texts = Counter(m["message"].strip().lower() for m in lims)
    for k, n in texts.items():
        if n > 1:
            bad(f"limits: duplicate text {k!r}")
    reasons = Counter()
    for m in lims:
        w = f"limits {m.get('id')}"
        a, x = m["asker"], m["expect"]
        if a not in workers:
            bad(f"{w}: unknown asker")
            continue
        if x.get("kind") != "refuse" or x.get("reason") not in REASONS:
            bad(f"{w}: expect {x}")
            continue
        r = x["reason"]
        reasons[r] += 1
        if a in managers and r not in MANAGER_OK:
            bad(f"{w}: a manager asking {r}")
        if r != "other_worker":
            for n, hit in names_in(m["message"]).items():
                if not hit & caseload[a] and fold(n) not in WORKER_TOKENS and a not in managers:
                    bad(f"{w}: names {n!r}, not on {a}'s caseload")
    return lims, reasons


def main():
    msgs = lims = None
    if os.path.exists(os.path.join(HERE, "messages.yml")):
        msgs, kinds = check_messages()
    else:
        bad("messages.yml missing")
    if os.path.exists(os.path.join(HERE, "limits.yml")):
        lims, reasons = check_limits()
    else:
        bad("limits.yml missing")
    if "--items" in sys.argv:
        for cid in sorted(cases):
            r = cases[cid]
            ch = children[r["child_id"]]
            its = items_for(cid)
            desc = ", ".join(f"{k} {d} {'OVERDUE' if d < TODAY and k != 'oversight' else ''}".strip()
                             for k, d in sorted(its, key=lambda t: t[1]))
            print(f"{cid} {r['worker_id']} {ch['first_name']} {ch['last_name']}: "
                  f"{'CLOSED' if cid not in open_cases else desc or '(nothing)'}")
    if msgs is not None:
        print(f"messages: {len(msgs)}  " + ", ".join(f"{k}={n}" for k, n in sorted(kinds.items())))
    if lims is not None:
        print(f"limits: {len(lims)}  " + ", ".join(f"{k}={n}" for k, n in sorted(reasons.items())))
    print(f"cases: {len(cases)} ({len(open_cases)} open), events: {sum(len(v) for v in events.values())}")
    if problems:
        for p in problems:
            print("PROBLEM:", p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
