#!/usr/bin/env python3
"""Validate the dev3 caseload set: CSVs, messages.yml, limits.yml, README.md.

python3 check.py   -> prints counts and OK, or the problems found and exits 1.
Needs PyYAML (pip install pyyaml).
"""
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
readme = open(os.path.join(HERE, "README.md"), encoding="utf-8").read().splitlines()
if not readme or not readme[0].startswith("#"):
    err("README.md: first line must be a title")
m = re.fullmatch(r"\s*CIN_TODAY=(\d{4}-\d{2}-\d{2})\s*", readme[1] if len(readme) > 1 else "")
if not m:
    m = re.fullmatch(r"\s*CIN_TODAY=(\d{4}-\d{2}-\d{2})\s*", readme[2] if len(readme) > 2 else "")
if not m:
    sys.exit("README.md: line 2 (or 3 after a blank) must be CIN_TODAY=YYYY-MM-DD")
TODAY = dt.date.fromisoformat(m.group(1))

# ------------------------------------------------------------------ CSVs
ROLES = {"social_worker", "asye", "senior_practitioner", "practice_supervisor",
         "practice_manager", "team_manager", "community_care_worker"}
PRACTITIONER_ROLES = {"social_worker", "asye", "senior_practitioner", "community_care_worker"}
CATS = {"standard", "disability_low_risk", "disability_review", "disability", "disability_welfare"}
EVENTS = {"visit", "assessment_completed", "initial_cin_meeting", "cin_review", "plan_circulated",
          "supervision", "case_summary", "cp_plan_ended", "discharged_from_care",
          "proceedings_concluded", "case_closed"}
AUTHS = {"practice_matters": "PM", "kent": "KT"}

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
team_of = {m: {w for w, r in workers.items() if r["manager_id"] == m} for m in managers}
for m_, ws in team_of.items():
    if not 3 <= len(ws) <= 5:
        err(f"team of {m_} has {len(ws)} practitioners (3-5 wanted)")
    for w in ws:
        if workers[w]["role"] not in PRACTITIONER_ROLES:
            err(f"{w}: role {workers[w]['role']} is not a practitioner role")

children = {}
for i, r in read_csv("children.csv", ["child_id", "first_name", "last_name", "birth_date",
                                      "disabled"]):
    if r["child_id"] in children:
        err(f"children.csv:{i}: duplicate {r['child_id']}")
    b = iso(r["birth_date"], f"children.csv:{i}")
    if b and b > TODAY:
        err(f"children.csv:{i}: born after today")
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
    elif r["worker_id"] in managers:
        err(f"cases.csv:{i}: a team manager holds {cid}")
    else:
        pref = AUTHS[workers[r["worker_id"]]["authority"]]
        if not re.fullmatch(pref + r"-6\d{3}", cid):
            err(f"cases.csv:{i}: {cid} should be {pref}-6xxx for its authority")
    if r["category"] not in CATS:
        err(f"cases.csv:{i}: bad category {r['category']}")
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
    ref = cases[cid]["_ref"]
    for e in evs:
        if ref and e["_d"] < ref and e["event"] not in ("visit",):
            pass  # histories before the referral are not used
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


# ------------------------------------------------------------------ names in messages
NICK = {"PM-6013": ["alfie"], "PM-6020": ["kasia"], "PM-6033": ["danny"], "KT-6030": ["nate"],
        "KT-6022": ["alex"], "PM-6005": ["ellie"], "KT-6013": ["amelia"], "PM-6026": ["jay"]}
WORDS = {"hope", "grace", "faith", "rose", "sky", "will", "jack", "joy", "summer", "precious",
         "reign", "favour", "blessing", "grant", "cole", "marsh", "gill", "price", "mae", "may",
         "clarke", "jordan", "francis"}
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


def check_names(where, asker, text, named):
    t_found = mentioned(text)
    for cid in named:
        if not (case_tokens[cid] & t_found):
            err(f"{where}: {cid} expected but no name of that child in the text")
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
            if s and s < TODAY and not (s.day == 1 and s.month == TODAY.month):
                err(f"{where}: window starts before today")
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
    if "clarify" in e and e["clarify"] is not True:
        err(f"{where}: clarify must be true when present")
    if k in ("next", "child_summary") and not named:
        err(f"{where}: {k} needs child_case_id")
    if k == "record_visit":
        vs = e.get("visits") if "visits" in e else [e.get("visit")]
        if ("visit" in e) == ("visits" in e):
            err(f"{where}: exactly one of visit / visits")
        if "visits" in e and len(vs) < 2:
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
                lv = last_visit.get(v["case_id"])
                if d and lv and d <= lv:
                    err(f"{where}: {v['case_id']} visit {d} not later than last visit {lv}")
            for f in ("child_seen", "seen_alone"):
                if f in v and not isinstance(v[f], bool):
                    err(f"{where}: {f} must be true/false")
            if v.get("child_seen") is False and v.get("seen_alone") is not False:
                err(f"{where}: child not seen entails seen_alone: false")
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
dups = [t for t, n in texts.items() if n > 1]
if dups:
    err(f"repeated texts from the same asker {dups}")
if len(msgs["messages"]) < 160:
    err("messages.yml: fewer than 160 messages")

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
    if reason_count[r] < 7:
        err(f"limits.yml: only {reason_count[r]} of {r}")
if len(lims["limits"]) < 70:
    err("limits.yml: fewer than 70 limits")

# ------------------------------------------------------------------ report
print(f"today {TODAY}  workers {len(workers)}  children {len(children)}  cases {len(cases)} "
      f"(open {len(open_cases)}, closed {len(closed)})  events {sum(map(len, events.values()))}")
print("messages", len(msgs["messages"]), dict(sorted(kind_count.items())))
print("askers", dict(sorted(asker_count.items())))
print("limits", len(lims["limits"]), dict(sorted(reason_count.items())))
if ERR:
    print(f"{len(ERR)} problem(s):")
    for x in ERR:
        print("  -", x)
    sys.exit(1)
print("OK")
