#!/usr/bin/env python3
"""Validate caseload-sealed2: the four CSVs, README, messages.yml and limits.yml.

Checks ids, dates, Y/N flags, that no event is after today, that every window
and visit record is well formed, and that every child named in a message
(by first name, surname or a listed short form) is on the asker's caseload.
Prints OK, or every problem found and exits 1.

Usage: python3 check.py
"""
import csv
import datetime as dt
import os
import re
import sys
import unicodedata

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
TODAY = dt.date(2027, 1, 11)
ERRORS = []

# Short forms used in messages; every one must be listed in README.md.
NICKNAMES = {
    "ch-2003": ["seun"],          # Oluwaseun Adebayo
    "ch-2006": ["zoe"],           # Zoë Marsh typed without the diaeresis
    "ch-2012": ["mo"],            # Mohammed Rahman
    "ch-2015": ["ola", "wisniewska"],  # Aleksandra Wiśniewska
    "ch-2019": ["beth"],          # Bethany Walsh
    "ch-2022": ["will"],          # William Penrose
    "ch-2029": ["lily"],          # Lily-Mae Hughes
    "ch-2035": ["xander", "alex"],  # Alexander Novak
    "ch-2039": ["bex"],           # Rebecca Okoro
}
# Names that are also ordinary English words: not used to flag a child named
# off the asker's caseload (they occur in ordinary sentences), but still accepted
# as the way a message names its own child.
ORDINARY = {"may", "hope", "will", "grace", "summer", "river", "faith", "sunny", "precious",
            "ruby", "poppy", "lily", "marsh", "baker", "hill", "price", "brooks", "lee",
            "grant", "jordan", "cole", "walsh", "clarke", "hughes"}

ROLES = {"social_worker", "asye", "senior_practitioner", "practice_supervisor", "practice_manager",
         "team_manager", "community_care_worker"}
MANAGER_ROLES = {"team_manager"}
CATEGORIES = {"standard", "disability_low_risk", "disability_review", "disability", "disability_welfare"}
EVENTS = {"visit", "assessment_completed", "initial_cin_meeting", "cin_review", "plan_circulated",
          "supervision", "case_summary", "cp_plan_ended", "discharged_from_care",
          "proceedings_concluded", "case_closed"}
KINDS = {"due", "overdue", "next", "child_summary", "caseload", "team_due", "team_overdue",
         "record_visit", "refuse"}
ITEM_TYPES = {None, "visit", "review", "meeting", "plan", "assessment", "supervision",
              "case_summary", "oversight"}
LIMIT_REASONS = {"change_records", "bulk_complete", "compose_text", "other_worker", "whole_council",
                 "not_loaded", "invalid_date", "emergency", "legal", "out_of_scope"}
MANAGER_LIMIT_REASONS = {"change_records", "bulk_complete", "compose_text", "not_loaded", "legal",
                         "out_of_scope"}


def err(where, msg):
    ERRORS.append("%s: %s" % (where, msg))


def iso(s, where):
    if not isinstance(s, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        err(where, "not an ISO date: %r" % (s,))
        return None
    try:
        return dt.date.fromisoformat(s)
    except ValueError:
        err(where, "impossible date: %r" % s)
        return None


def fold(s):
    s = s.replace("ł", "l").replace("Ł", "L")
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)).lower()


def read_csv(name, header):
    path = os.path.join(HERE, name)
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    if not rows or rows[0] != header:
        err(name, "header must be %s, got %s" % (",".join(header), rows[0] if rows else None))
        return []
    out = []
    for n, r in enumerate(rows[1:], start=2):
        if len(r) != len(header):
            err("%s:%d" % (name, n), "expected %d fields, got %d" % (len(header), len(r)))
            continue
        out.append((n, dict(zip(header, r))))
    return out


# --------------------------------------------------------------------------- CSVs
def check_csvs():
    workers, children, cases, events = {}, {}, {}, {}
    for n, r in read_csv("workers.csv", ["worker_id", "name", "role", "team_id", "team_name", "authority",
                                         "manager_id"]):
        w = "workers.csv:%d" % n
        if r["worker_id"] in workers:
            err(w, "duplicate worker_id " + r["worker_id"])
        if not re.fullmatch(r"(mw|cm)\d{2}", r["worker_id"]):
            err(w, "bad worker_id " + r["worker_id"])
        if r["role"] not in ROLES:
            err(w, "unknown role " + r["role"])
        if r["authority"] not in {"medway", "camden"}:
            err(w, "authority must be medway or camden")
        if not r["name"].strip():
            err(w, "empty name")
        workers[r["worker_id"]] = r
    teams = {}
    for wid, r in workers.items():
        teams.setdefault(r["team_id"], set()).add((r["team_name"], r["authority"]))
        if r["manager_id"]:
            m = workers.get(r["manager_id"])
            if not m:
                err("workers.csv", "%s: unknown manager %s" % (wid, r["manager_id"]))
            elif m["role"] not in MANAGER_ROLES or m["team_id"] != r["team_id"]:
                err("workers.csv", "%s: manager %s is not the team manager of its team" % (wid, r["manager_id"]))
        elif r["role"] not in MANAGER_ROLES:
            err("workers.csv", "%s: practitioner without a manager" % wid)
    for t, v in teams.items():
        if len(v) != 1:
            err("workers.csv", "team %s has inconsistent name/authority %s" % (t, v))

    for n, r in read_csv("children.csv", ["child_id", "first_name", "last_name", "birth_date", "disabled"]):
        w = "children.csv:%d" % n
        if r["child_id"] in children:
            err(w, "duplicate child_id " + r["child_id"])
        if not re.fullmatch(r"ch-2\d{3}", r["child_id"]):
            err(w, "bad child_id " + r["child_id"])
        b = iso(r["birth_date"], w)
        if b and not (TODAY.replace(year=TODAY.year - 18) < b <= TODAY):
            err(w, "birth date makes the child not a child on %s" % TODAY)
        if r["disabled"] not in ("Y", "N"):
            err(w, "disabled must be Y/N")
        if not r["first_name"].strip() or not r["last_name"].strip():
            err(w, "empty name")
        children[r["child_id"]] = r

    used_children = set()
    for n, r in read_csv("cases.csv", ["case_id", "child_id", "worker_id", "category", "referral_date"]):
        w = "cases.csv:%d" % n
        if r["case_id"] in cases:
            err(w, "duplicate case_id " + r["case_id"])
        if r["child_id"] not in children:
            err(w, "unknown child " + r["child_id"])
        if r["child_id"] in used_children:
            err(w, "child on two cases " + r["child_id"])
        used_children.add(r["child_id"])
        wk = workers.get(r["worker_id"])
        if not wk:
            err(w, "unknown worker " + r["worker_id"])
        else:
            prefix = {"medway": r"MW-60\d{2}", "camden": r"CM-70\d{2}"}[wk["authority"]]
            if not re.fullmatch(prefix, r["case_id"]):
                err(w, "case id %s does not match its worker's authority" % r["case_id"])
            if wk["authority"] == "camden" and r["category"] != "standard":
                err(w, "Camden guidance has no disability categories")
        if r["category"] not in CATEGORIES:
            err(w, "unknown category " + r["category"])
        if r["category"].startswith("disability") and children.get(r["child_id"], {}).get("disabled") != "Y":
            err(w, "disability category for a child not flagged disabled")
        ref = iso(r["referral_date"], w)
        if ref and ref > TODAY:
            err(w, "referral after today")
        cases[r["case_id"]] = dict(r, referral=ref)
    if set(children) != used_children:
        err("children.csv", "children without a case: %s" % sorted(set(children) - used_children))

    seen_rows = set()
    for n, r in read_csv("events.csv", ["case_id", "event", "date", "child_seen", "seen_alone", "note"]):
        w = "events.csv:%d" % n
        c = cases.get(r["case_id"])
        if not c:
            err(w, "unknown case " + r["case_id"])
            continue
        if r["event"] not in EVENTS:
            err(w, "unknown event " + r["event"])
        d = iso(r["date"], w)
        if d is None:
            continue
        if d > TODAY:
            err(w, "event after today (%s)" % d)
        if c["referral"] and d < c["referral"]:
            err(w, "event before the referral date")
        if r["event"] == "visit":
            if r["child_seen"] not in ("Y", "N") or r["seen_alone"] not in ("Y", "N"):
                err(w, "visit needs child_seen and seen_alone Y/N")
            if r["child_seen"] == "N" and r["seen_alone"] == "Y":
                err(w, "seen alone but not seen")
        elif r["child_seen"] or r["seen_alone"]:
            err(w, "child_seen/seen_alone must be empty for %s" % r["event"])
        key = (r["case_id"], r["event"], r["date"])
        if key in seen_rows:
            err(w, "duplicate event %s" % (key,))
        seen_rows.add(key)
        events.setdefault(r["case_id"], []).append((r["event"], d, r["child_seen"]))
    for cid, evs in events.items():
        closed = [d for e, d, _ in evs if e == "case_closed"]
        if len(closed) > 1:
            err("events.csv", "%s closed twice" % cid)
        if closed and any(d > closed[0] for e, d, _ in evs):
            err("events.csv", "%s has events after case_closed" % cid)
    return workers, children, cases, events


# --------------------------------------------------------------------------- messages
def name_index(children, cases):
    """token -> set of case ids whose child is called that."""
    child_case = {c["child_id"]: cid for cid, c in cases.items()}
    idx = {}
    for chid, ch in children.items():
        toks = {fold(ch["first_name"]), fold(ch["last_name"])}
        toks |= set(NICKNAMES.get(chid, []))
        for t in toks:
            idx.setdefault(t, set()).add(child_case[chid])
    return idx


def tokens_in(text, idx):
    t = fold(text)
    found = set()
    for tok in idx:
        if re.search(r"(?<![a-z])" + re.escape(tok) + r"(?![a-z])", t) or \
                re.search(r"(?<![a-z])" + re.escape(tok) + r"s(?![a-z])", t):   # plural surname: the haddads
            found.add(tok)
    return found


def check_window(win, where):
    if not isinstance(win, dict) or set(win) != {"start", "end"}:
        err(where, "window must be {start, end}")
        return
    s, e = iso(win["start"], where), iso(win["end"], where)
    if s and e:
        if s > e:
            err(where, "window start after end")
        if s < TODAY:
            err(where, "window starts before today")


def check_file(fname, listkey, workers, children, cases, events, idx):
    path = os.path.join(HERE, fname)
    raw = open(path, encoding="utf-8").read()
    data = yaml.safe_load(raw)
    if str(data.get("today")) != TODAY.isoformat() or "today: '2027-01-11'" not in raw:
        err(fname, "top-level today must be '2027-01-11'")
    entries = data.get(listkey) or []
    ids = set()
    caseload = {}
    for cid, c in cases.items():
        caseload.setdefault(c["worker_id"], set()).add(cid)
    for i, m in enumerate(entries):
        w = "%s[%s]" % (fname, m.get("id", i))
        extra = set(m) - {"id", "asker", "message", "expect", "note"}
        if extra:
            err(w, "unexpected keys %s" % extra)
        if m.get("id") in ids:
            err(w, "duplicate id")
        ids.add(m.get("id"))
        want = r"m\d{3}" if listkey == "messages" else r"l\d{3}"
        if not re.fullmatch(want, str(m.get("id"))):
            err(w, "bad id")
        asker = m.get("asker")
        if asker not in workers:
            err(w, "unknown asker %r" % asker)
            continue
        is_mgr = workers[asker]["role"] in MANAGER_ROLES
        msg = m.get("message")
        if not isinstance(msg, str) or not msg.strip():
            err(w, "empty message")
            continue
        ex = m.get("expect") or {}
        kind = ex.get("kind")
        if kind not in KINDS:
            err(w, "unknown kind %r" % kind)
            continue
        mine = caseload.get(asker, set())

        # every child named in the text must be on the asker's caseload
        for tok in tokens_in(msg, idx):
            if tok in ORDINARY:
                continue
            if not (idx[tok] & mine):
                err(w, "names %r, a child not on %s's caseload (%s)" % (tok, asker, sorted(idx[tok])))

        # the children the label points at must be named in the text and be the asker's
        cc = ex.get("child_case_id")
        targets = cc if isinstance(cc, list) else ([cc] if cc else [])
        if isinstance(cc, list) and len(cc) < 2:
            err(w, "a child_case_id list needs at least two cases")
        for cid in targets:
            if cid not in cases:
                err(w, "unknown case %s" % cid)
                continue
            if cid not in mine:
                err(w, "case %s is not on %s's caseload" % (cid, asker))
            ch = children[cases[cid]["child_id"]]
            toks = {fold(ch["first_name"]), fold(ch["last_name"])} | set(NICKNAMES.get(ch["child_id"], []))
            if not (toks & tokens_in(msg, {t: None for t in toks})):
                err(w, "case %s's child is not named in the message" % cid)

        if listkey == "limits":
            if kind != "refuse" or ex.get("reason") not in LIMIT_REASONS or set(ex) != {"kind", "reason"}:
                err(w, "limits entries are {kind: refuse, reason: R}")
            elif is_mgr and ex["reason"] not in MANAGER_LIMIT_REASONS:
                err(w, "reason %s is only asked by non-managers" % ex["reason"])
            continue

        allowed = {
            "due": {"kind", "window", "item_type"},
            "team_due": {"kind", "window", "item_type"},
            "overdue": {"kind", "item_type"},
            "team_overdue": {"kind", "item_type"},
            "next": {"kind", "child_case_id", "item_type", "clarify"},
            "child_summary": {"kind", "child_case_id"},
            "caseload": {"kind"},
            "record_visit": {"kind", "visit", "visits"},
            "refuse": {"kind", "reason"},
        }[kind]
        if set(ex) - allowed:
            err(w, "keys %s not allowed for %s" % (set(ex) - allowed, kind))
        if kind in ("due", "team_due", "overdue", "team_overdue", "next") and "item_type" not in ex:
            err(w, "item_type missing (use null for all types)")
        if "item_type" in ex and ex["item_type"] not in ITEM_TYPES:
            err(w, "unknown item_type %r" % ex["item_type"])
        if kind in ("due", "team_due"):
            check_window(ex.get("window"), w)
        if kind in ("team_due", "team_overdue") and not is_mgr:
            err(w, "team query labelled %s for a non-manager (should be refuse/not_a_manager)" % kind)
        if kind == "refuse":
            if ex.get("reason") != "not_a_manager":
                err(w, "messages.yml refusals are not_a_manager; other reasons belong in limits.yml")
            if is_mgr:
                err(w, "not_a_manager asked by a manager")
        if is_mgr and kind not in ("team_due", "team_overdue"):
            err(w, "managers here hold no cases: only team queries expected")
        if kind in ("next", "child_summary"):
            if ex.get("clarify"):
                if cc:
                    err(w, "clarify entries leave child_case_id out")
                firsts = {}
                for cid in mine:
                    firsts.setdefault(fold(children[cases[cid]["child_id"]]["first_name"]), []).append(cid)
                amb = [t for t in tokens_in(msg, idx) if len(firsts.get(t, [])) >= 2]
                if not amb:
                    err(w, "clarify: the message names no first name shared by two of the asker's children")
            elif not cc:
                err(w, "%s needs child_case_id" % kind)
        elif "clarify" in ex:
            err(w, "clarify only on next/child_summary")
        if kind in ("due", "overdue", "caseload") and cc:
            err(w, "child_case_id on a %s query" % kind)
        if kind == "record_visit":
            vs = ex.get("visits") if "visits" in ex else [ex.get("visit")]
            if ("visit" in ex) == ("visits" in ex):
                err(w, "record_visit needs exactly one of visit / visits")
            if "visits" in ex and len(vs) < 2:
                err(w, "visits: is for two or more children")
            for v in vs:
                if not isinstance(v, dict) or set(v) - {"case_id", "date", "child_seen", "seen_alone"}:
                    err(w, "bad visit mapping %r" % (v,))
                    continue
                cid = v.get("case_id")
                if cid not in mine:
                    err(w, "visit case %s not on %s's caseload" % (cid, asker))
                    continue
                ch = children[cases[cid]["child_id"]]
                toks = {fold(ch["first_name"]), fold(ch["last_name"])} | set(NICKNAMES.get(ch["child_id"], []))
                if not (toks & tokens_in(msg, {t: None for t in toks})):
                    err(w, "visit case %s's child is not named in the message" % cid)
                d = iso(v.get("date"), w)
                if d is None:
                    err(w, "record_visit messages must give a date")
                    continue
                if d > TODAY:
                    err(w, "visit date after today")
                last = max([x[1] for x in events.get(cid, []) if x[0] == "visit"], default=None)
                if last and d <= last:
                    err(w, "visit date %s not after the last recorded visit %s for %s" % (d, last, cid))
                if any(x[0] == "case_closed" for x in events.get(cid, [])):
                    err(w, "visit recorded on a closed case")
                for f in ("child_seen", "seen_alone"):
                    if f in v and not isinstance(v[f], bool):
                        err(w, "%s must be true/false" % f)
                if v.get("child_seen") is False and v.get("seen_alone") is not False:
                    err(w, "child not seen: seen_alone false is entailed")
                if v.get("seen_alone") is True and v.get("child_seen") is not True:
                    err(w, "seen alone implies child_seen true")
        if kind in ("next", "child_summary") and targets and "note" not in m:
            for cid in targets:
                if any(x[0] == "case_closed" for x in events.get(cid, [])):
                    err(w, "question about a closed case should carry a note")
    return entries


def main():
    readme = open(os.path.join(HERE, "README.md"), encoding="utf-8").read()
    if "CIN_TODAY=2027-01-11" not in readme:
        err("README.md", "must state CIN_TODAY=2027-01-11")
    for chid, nicks in NICKNAMES.items():
        for n in nicks:
            if not re.search(r"\b%s\b" % re.escape(n), fold(readme)):
                err("README.md", "short form %r (%s) not listed" % (n, chid))
    workers, children, cases, events = check_csvs()
    idx = name_index(children, cases)
    msgs = check_file("messages.yml", "messages", workers, children, cases, events, idx)
    lims = check_file("limits.yml", "limits", workers, children, cases, events, idx)

    open_cases = [c for c in cases if not any(e[0] == "case_closed" for e in events.get(c, []))]
    if len(cases) - len(open_cases) != 2:
        err("cases", "expected 2 closed cases")
    if len(msgs) < 160:
        err("messages.yml", "fewer than 160 messages")
    if len(lims) < 70:
        err("limits.yml", "fewer than 70 limits")
    reasons = {}
    for l in lims:
        reasons[l["expect"].get("reason")] = reasons.get(l["expect"].get("reason"), 0) + 1
    for r in LIMIT_REASONS:
        if reasons.get(r, 0) < 3:
            err("limits.yml", "fewer than 3 wordings for %s" % r)
    texts = [m["message"].strip().lower() for m in msgs + lims]
    dups = {t for t in texts if texts.count(t) > 1}
    if dups:
        err("messages", "duplicate message texts: %s" % sorted(dups))

    if ERRORS:
        print("\n".join(ERRORS))
        print("%d problem(s)" % len(ERRORS))
        sys.exit(1)
    kinds = {}
    for m in msgs:
        k = m["expect"]["kind"] + ("/" + m["expect"]["reason"] if m["expect"]["kind"] == "refuse" else "")
        kinds[k] = kinds.get(k, 0) + 1
    print("messages: %d  %s" % (len(msgs), ", ".join("%s=%d" % kv for kv in sorted(kinds.items()))))
    print("limits: %d  %s" % (len(lims), ", ".join("%s=%d" % kv for kv in sorted(reasons.items()))))
    print("cases: %d open, %d closed; workers %d; children %d"
          % (len(open_cases), len(cases) - len(open_cases), len(workers), len(children)))
    print("OK")


if __name__ == "__main__":
    main()
