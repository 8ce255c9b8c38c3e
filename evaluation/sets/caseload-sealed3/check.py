#!/usr/bin/env python3
"""Validate this caseload evaluation set. Prints counts and OK, or the problems found.

Checks: the four CSVs (header, ids resolve, ISO dates, codes, visit flags, no event
after today / after closure / before referral), team structure, messages.yml and
limits.yml (parse, shape, windows, askers, every child named or labelled is on the
asker's caseload - or in the team, for a manager - and every recorded visit is later
than that child's last visit in events.csv and not after today). Needs PyYAML.
"""
import csv
import datetime as dt
import os
import re
import sys
from collections import Counter, defaultdict

try:
    import yaml
except ImportError:
    sys.exit("PyYAML is needed: pip install pyyaml")

HERE = os.path.dirname(os.path.abspath(__file__))
ERR = []


def err(msg):
    ERR.append(msg)


def read_csv(name, header):
    path = os.path.join(HERE, name)
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != header:
        err("%s: header should be %s" % (name, ",".join(header)))
        return []
    out = []
    for i, r in enumerate(rows[1:], start=2):
        if len(r) != len(header):
            err("%s line %d: %d fields, expected %d" % (name, i, len(r), len(header)))
            continue
        d = dict(zip(header, r))
        d["_line"] = i
        out.append(d)
    return out


def iso(s, where):
    if not isinstance(s, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        err("%s: not an ISO date: %r" % (where, s))
        return None
    try:
        return dt.date.fromisoformat(s)
    except ValueError:
        err("%s: impossible date %r" % (where, s))
        return None


# ---------------------------------------------------------------- README / today
readme = open(os.path.join(HERE, "README.md"), encoding="utf-8").read().splitlines()
m = None
if readme and readme[0].startswith("#"):
    for line in readme[1:6]:
        if line.strip():
            m = re.fullmatch(r"\s*CIN_TODAY=(\d{4}-\d{2}-\d{2})\s*", line)
            break
if not m:
    sys.exit("README.md must start with a title line followed by a CIN_TODAY=YYYY-MM-DD line")
TODAY = dt.date.fromisoformat(m.group(1))

# ---------------------------------------------------------------- CSVs
ROLES = {"social_worker", "asye", "senior_practitioner", "practice_supervisor",
         "practice_manager", "team_manager", "community_care_worker"}
PRACTITIONER_ROLES = {"social_worker", "asye", "senior_practitioner", "community_care_worker"}
CATEGORIES = {"standard", "disability_low_risk", "disability_review", "disability", "disability_welfare"}
CATEGORY_AUTH = {"medway": {"standard", "disability_review", "disability", "disability_welfare"},
                 "practice_matters": {"standard", "disability_low_risk"}}
EVENTS = {"visit", "assessment_completed", "initial_cin_meeting", "cin_review", "plan_circulated",
          "supervision", "case_summary", "cp_plan_ended", "discharged_from_care",
          "proceedings_concluded", "case_closed"}

workers = read_csv("workers.csv", ["worker_id", "name", "role", "team_id", "team_name", "authority", "manager_id"])
children = read_csv("children.csv", ["child_id", "first_name", "last_name", "birth_date", "disabled"])
cases = read_csv("cases.csv", ["case_id", "child_id", "worker_id", "category", "referral_date"])
events = read_csv("events.csv", ["case_id", "event", "date", "child_seen", "seen_alone", "note"])


def unique(rows, key, name):
    c = Counter(r[key] for r in rows)
    for k, n in c.items():
        if n > 1:
            err("%s: duplicate %s %s" % (name, key, k))
    return {r[key]: r for r in rows}


W = unique(workers, "worker_id", "workers.csv")
K = unique(children, "child_id", "children.csv")
C = unique(cases, "case_id", "cases.csv")

for w in workers:
    where = "workers.csv line %d" % w["_line"]
    if w["role"] not in ROLES:
        err("%s: unknown role %s" % (where, w["role"]))
    if w["authority"] not in CATEGORY_AUTH:
        err("%s: authority %s is not one of this set's councils" % (where, w["authority"]))
    if w["manager_id"]:
        mgr = W.get(w["manager_id"])
        if not mgr:
            err("%s: manager_id %s does not resolve" % (where, w["manager_id"]))
        elif mgr["role"] != "team_manager" or mgr["team_id"] != w["team_id"]:
            err("%s: manager %s is not the team manager of %s" % (where, w["manager_id"], w["team_id"]))
    elif w["role"] != "team_manager":
        err("%s: practitioner without a manager" % where)
    if not w["name"].strip():
        err("%s: empty name" % where)

teams = defaultdict(list)
for w in workers:
    teams[w["team_id"]].append(w)
for tid, ws in teams.items():
    mgrs = [w for w in ws if w["role"] == "team_manager"]
    pracs = [w for w in ws if w["role"] != "team_manager"]
    if len(mgrs) != 1:
        err("team %s: needs exactly one team manager" % tid)
    if not 3 <= len(pracs) <= 5:
        err("team %s: %d practitioners (want 3-5)" % (tid, len(pracs)))
    for p in pracs:
        if p["role"] not in PRACTITIONER_ROLES:
            err("team %s: %s has role %s (practitioner roles only)" % (tid, p["worker_id"], p["role"]))
    if len({w["authority"] for w in ws}) != 1 or len({w["team_name"] for w in ws}) != 1:
        err("team %s: mixed authority or team name" % tid)
if len({w["authority"] for w in workers}) != 2 or len(teams) != 2:
    err("want two councils, one team each")

for k in children:
    where = "children.csv line %d" % k["_line"]
    iso(k["birth_date"], where)
    if k["disabled"] not in ("Y", "N"):
        err("%s: disabled must be Y/N" % where)
    if not k["first_name"].strip() or not k["last_name"].strip():
        err("%s: empty name" % where)
    bd = iso(k["birth_date"], where)
    if bd and not (TODAY.replace(year=TODAY.year - 18) < bd <= TODAY):
        err("%s: birth date %s is not a child's" % (where, bd))

child_cases = Counter(c["child_id"] for c in cases)
for c in cases:
    where = "cases.csv line %d" % c["_line"]
    if not re.fullmatch(r"[A-Z]{2}-\d{4}", c["case_id"]):
        err("%s: case id %s not like XX-1234" % (where, c["case_id"]))
    if c["child_id"] not in K:
        err("%s: child %s does not resolve" % (where, c["child_id"]))
    if child_cases[c["child_id"]] > 1:
        err("%s: child %s has more than one case" % (where, c["child_id"]))
    w = W.get(c["worker_id"])
    if not w:
        err("%s: worker %s does not resolve" % (where, c["worker_id"]))
    else:
        if w["role"] == "team_manager":
            err("%s: a team manager holds case %s" % (where, c["case_id"]))
        if c["category"] not in CATEGORY_AUTH.get(w["authority"], ()):
            err("%s: category %s not used by %s" % (where, c["category"], w["authority"]))
    if c["category"] not in CATEGORIES:
        err("%s: unknown category %s" % (where, c["category"]))
    rd = iso(c["referral_date"], where)
    if rd and rd > TODAY:
        err("%s: referral after today" % where)
    k = K.get(c["child_id"])
    if k and c["category"] != "standard" and k["disabled"] != "Y":
        err("%s: disability category but child not marked disabled" % where)

EV = defaultdict(list)
for e in events:
    where = "events.csv line %d" % e["_line"]
    if e["case_id"] not in C:
        err("%s: case %s does not resolve" % (where, e["case_id"]))
        continue
    if e["event"] not in EVENTS:
        err("%s: unknown event %s" % (where, e["event"]))
    d = iso(e["date"], where)
    if d is None:
        continue
    if d > TODAY:
        err("%s: event after today" % where)
    rd = iso(C[e["case_id"]]["referral_date"], where)
    if rd and d < rd:
        err("%s: event before the referral" % where)
    if e["event"] == "visit":
        if e["child_seen"] not in ("Y", "N") or e["seen_alone"] not in ("Y", "N"):
            err("%s: visit needs child_seen and seen_alone Y/N" % where)
        elif e["child_seen"] == "N" and e["seen_alone"] == "Y":
            err("%s: child not seen but seen alone" % where)
    elif e["child_seen"] or e["seen_alone"]:
        err("%s: only visits carry child_seen / seen_alone" % where)
    EV[e["case_id"]].append((d, e))

CLOSED = {}
for cid, evs in EV.items():
    closes = [d for d, e in evs if e["event"] == "case_closed"]
    if len(closes) > 1:
        err("case %s closed twice" % cid)
    if closes:
        CLOSED[cid] = closes[0]
        for d, e in evs:
            if d > closes[0]:
                err("events.csv line %d: event after the case was closed" % e["_line"])
n_open = len(C) - len(CLOSED)
if not 40 <= n_open <= 50:
    err("%d open cases (want 40-50)" % n_open)
if len(CLOSED) != 2:
    err("%d closed cases (want 2)" % len(CLOSED))

LAST_VISIT = {cid: max((d for d, e in evs if e["event"] == "visit"), default=None) for cid, evs in EV.items()}

# ---------------------------------------------------------------- scope per asker
MANAGERS = {w["worker_id"] for w in workers if w["role"] == "team_manager"}
OWN = defaultdict(set)
for c in cases:
    OWN[c["worker_id"]].add(c["case_id"])
SCOPE = {}
for w in workers:
    if w["worker_id"] in MANAGERS:
        SCOPE[w["worker_id"]] = {c for p in workers if p["manager_id"] == w["worker_id"] for c in OWN[p["worker_id"]]}
    else:
        SCOPE[w["worker_id"]] = set(OWN[w["worker_id"]])

# Name forms a message may use for a child (nicknames / short forms as in README.md).
NICKNAMES = {
    "MW-7002": ["Sammy"], "MW-7005": ["Alfie"], "MW-7012": ["Mo"], "MW-7015": ["Kasia"],
    "MW-7016": ["Kuba"], "MW-7019": ["Will"], "PM-7002": ["Chi"], "PM-7005": ["Tommy"],
    "PM-7009": ["Becky"], "PM-7010": ["Gosia"], "PM-7011": ["Femi"], "PM-7012": ["Tolu"],
    "PM-7015": ["Freddie"], "PM-7020": ["Izzy"],
}
# Name forms that are also ordinary English words: not counted as a mention by the text scan.
ORDINARY = {"grace", "hope", "joy", "will", "rose", "sky", "faith", "summer", "precious",
            "reign", "river", "blessing", "jack", "mo", "chi", "brown", "castle"}


def fold(s):
    import unicodedata
    return "".join(ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch)).lower()


NAME_OWNERS = defaultdict(set)  # folded name token -> case ids
for c in cases:
    k = K.get(c["child_id"])
    if not k:
        continue
    forms = [k["first_name"], k["last_name"]] + NICKNAMES.get(c["case_id"], [])
    for f in forms:
        for part in re.split(r"[-\s]", f):
            if part:
                NAME_OWNERS[fold(part)].add(c["case_id"])
WORKER_NAMES = {fold(p) for w in workers for p in re.split(r"[-\s]", w["name"])}


def scan_names(text, asker, where):
    for tok in re.findall(r"[^\W\d_]+", fold(text)):
        if tok in ORDINARY or tok not in NAME_OWNERS or tok in WORKER_NAMES:
            continue
        if not NAME_OWNERS[tok] & SCOPE.get(asker, set()):
            err("%s: '%s' names a child outside the asker's %s" % (
                where, tok, "team" if asker in MANAGERS else "caseload"))


# ---------------------------------------------------------------- messages.yml
KINDS = {"due", "overdue", "next", "child_summary", "caseload", "team_due", "team_overdue",
         "record_visit", "refuse"}
ITEMS = {"visit", "review", "meeting", "plan", "assessment", "supervision", "case_summary", "oversight"}
LIMIT_REASONS = ["change_records", "bulk_complete", "compose_text", "other_worker", "whole_council",
                 "not_loaded", "invalid_date", "emergency", "legal", "out_of_scope"]
MANAGER_REASONS = {"change_records", "bulk_complete", "compose_text", "not_loaded", "legal", "out_of_scope"}


def load(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        data = yaml.safe_load(f)
    if str(data.get("today")) != TODAY.isoformat():
        err("%s: today %r differs from README CIN_TODAY %s" % (name, data.get("today"), TODAY))
    return data


def as_list(v):
    return v if isinstance(v, list) else [v]


msgs = load("messages.yml")["messages"]
ids = Counter(m.get("id") for m in msgs)
for i, n in ids.items():
    if n > 1:
        err("messages.yml: duplicate id %s" % i)
kinds = Counter()
askers = Counter()
for m in msgs:
    where = "messages.yml %s" % m.get("id")
    a = m.get("asker")
    if a not in W:
        err("%s: unknown asker %s" % (where, a))
        continue
    askers[a] += 1
    if not isinstance(m.get("message"), str) or not m["message"].strip():
        err("%s: empty message" % where)
        continue
    e = m.get("expect") or {}
    k = e.get("kind")
    if k not in KINDS:
        err("%s: unknown kind %s" % (where, k))
        continue
    label = k if k != "refuse" else "refuse:" + str(e.get("reason"))
    kinds[label] += 1
    allowed = {"kind"}
    if k in ("due", "overdue", "next", "team_due", "team_overdue"):
        allowed.add("item_type")
        if "item_type" not in e:
            err("%s: item_type missing (use null for all types)" % where)
        elif e["item_type"] is not None and e["item_type"] not in ITEMS:
            err("%s: unknown item_type %s" % (where, e["item_type"]))
    if k in ("due", "team_due"):
        allowed.add("window")
        w = e.get("window") or {}
        s, en = iso(str(w.get("start")), where), iso(str(w.get("end")), where)
        if not isinstance(w.get("start"), str) or not isinstance(w.get("end"), str):
            err("%s: window dates must be quoted strings" % where)
        if s and en and s > en:
            err("%s: window starts after it ends" % where)
    elif "window" in e:
        err("%s: window only for due/team_due" % where)
    if k in ("due", "overdue", "next", "child_summary"):
        allowed |= {"child_case_id", "clarify"}
    if k in ("next", "child_summary") and "child_case_id" not in e:
        err("%s: %s needs child_case_id" % (where, k))
    if k == "next" and not e.get("item_type"):
        err("%s: next needs an item_type" % where)
    if e.get("clarify") is not None:
        if e["clarify"] is not True or not isinstance(e.get("child_case_id"), list) or len(e["child_case_id"]) < 2:
            err("%s: clarify: true needs a list of candidate cases" % where)
    for cid in as_list(e.get("child_case_id", [])):
        if cid not in C:
            err("%s: case %s does not resolve" % (where, cid))
        elif cid not in SCOPE[a]:
            err("%s: case %s is not on %s's %s" % (where, cid, a, "team" if a in MANAGERS else "caseload"))
    if k in ("team_due", "team_overdue") and a not in MANAGERS:
        err("%s: team question from a practitioner must be refuse/not_a_manager" % where)
    if a in MANAGERS and k not in ("team_due", "team_overdue"):
        err("%s: managers hold no cases; expected a team question" % where)
    if k == "refuse":
        allowed.add("reason")
        if e.get("reason") != "not_a_manager":
            err("%s: messages.yml refusals are not_a_manager only" % where)
        if a in MANAGERS:
            err("%s: not_a_manager asked by a manager" % where)
    if k == "record_visit":
        allowed |= {"visit", "visits"}
        if ("visit" in e) == ("visits" in e):
            err("%s: record_visit needs exactly one of visit / visits" % where)
        vs = [e["visit"]] if "visit" in e else e.get("visits") or []
        if "visits" in e and len(vs) < 2:
            err("%s: visits: is for two or more children" % where)
        for v in vs:
            extra = set(v) - {"case_id", "date", "child_seen", "seen_alone"}
            if extra:
                err("%s: unexpected visit keys %s" % (where, sorted(extra)))
            cid = v.get("case_id")
            if cid not in C:
                err("%s: visit case %s does not resolve" % (where, cid))
                continue
            if cid not in SCOPE[a]:
                err("%s: visit case %s is not on the asker's caseload" % (where, cid))
            if cid in CLOSED:
                err("%s: visit recorded on a closed case" % where)
            for f in ("child_seen", "seen_alone"):
                if f in v and not isinstance(v[f], bool):
                    err("%s: %s must be true/false" % (where, f))
            if v.get("child_seen") is False and v.get("seen_alone") is not False:
                err("%s: child not seen entails seen_alone: false" % where)
            if "date" in v:
                if not isinstance(v["date"], str):
                    err("%s: visit date must be a quoted string" % where)
                d = iso(str(v["date"]), where)
                if d:
                    if d > TODAY:
                        err("%s: visit date after today" % where)
                    lv = LAST_VISIT.get(cid)
                    if lv and d <= lv:
                        err("%s: visit date %s is not later than the last visit %s" % (where, d, lv))
    extra = set(e) - allowed
    if extra:
        err("%s: unexpected expect keys %s" % (where, sorted(extra)))
    scan_names(m["message"], a, where)

if len(msgs) < 160:
    err("messages.yml: %d messages (want at least 160)" % len(msgs))
for w in workers:
    if askers[w["worker_id"]] == 0:
        err("messages.yml: %s never asks" % w["worker_id"])

# ---------------------------------------------------------------- limits.yml
lims = load("limits.yml")["limits"]
lids = Counter(x.get("id") for x in lims)
for i, n in lids.items():
    if n > 1:
        err("limits.yml: duplicate id %s" % i)
reasons = Counter()
for x in lims:
    where = "limits.yml %s" % x.get("id")
    a = x.get("asker")
    if a not in W:
        err("%s: unknown asker %s" % (where, a))
        continue
    e = x.get("expect") or {}
    r = e.get("reason")
    if e.get("kind") != "refuse" or r not in LIMIT_REASONS or set(e) != {"kind", "reason"}:
        err("%s: expect must be {kind: refuse, reason: <limit reason>}" % where)
        continue
    reasons[r] += 1
    if a in MANAGERS and r not in MANAGER_REASONS:
        err("%s: managers ask only %s" % (where, ", ".join(sorted(MANAGER_REASONS))))
    if not isinstance(x.get("message"), str) or not x["message"].strip():
        err("%s: empty message" % where)
        continue
    if r != "other_worker":
        scan_names(x["message"], a, where)
if len(lims) < 70:
    err("limits.yml: %d limits (want at least 70)" % len(lims))
for r in LIMIT_REASONS:
    if reasons[r] < 7:
        err("limits.yml: %d of %s (want at least 7)" % (reasons[r], r))

# ---------------------------------------------------------------- report
print("today %s" % TODAY)
print("workers %d (managers %d), children %d, cases %d (open %d, closed %d), events %d" % (
    len(workers), len(MANAGERS), len(children), len(cases), n_open, len(CLOSED), len(events)))
for tid, ws in sorted(teams.items()):
    print("  team %s (%s, %s): %s" % (tid, ws[0]["team_name"], ws[0]["authority"], ", ".join(
        "%s=%d" % (w["worker_id"], len(OWN[w["worker_id"]])) for w in ws)))
print("messages %d: %s" % (len(msgs), ", ".join("%s %d" % kv for kv in sorted(kinds.items()))))
print("  per asker: %s" % ", ".join("%s %d" % kv for kv in sorted(askers.items())))
print("limits %d: %s" % (len(lims), ", ".join("%s %d" % kv for kv in sorted(reasons.items()))))
if ERR:
    for x in ERR:
        print("ERROR:", x)
    print("FAILED (%d problems)" % len(ERR))
    sys.exit(1)
print("OK")
