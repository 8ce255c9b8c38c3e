"""Requests the assistant must not or cannot do, declined kindly with a reason and what it can do instead.

Checked before any answer, whatever the NLU made of the message (a request to
delete a visit looks like a visit to the NLU; a child in danger can look like
anything), so a refusal never comes back dressed as something else. Each kind
has its reason in the ``refusal`` payload (docs/conversation.md):

``emergency``       a child in immediate danger: a signpost (999 and police
                    protection, the manager, the out-of-hours team), no procedure quote
``legal``           liability, lawfulness, being sued or struck off: the legal team and the manager
``change_records``  delete, correct, edit, close or move a record (recording a new visit is the only write)
``bulk_complete``   mark many items done at once
``compose_text``    write an email, letter, report or notes
``not_loaded``      another nation's or council's guidance: names the councils held
``whole_council``   a list across the whole council
``other_worker``    a colleague's caseload (a manager's team questions are answered as team questions)
``invalid_date``    a date that is not in the calendar

The words are matched as requests, not topics: "how do I close a case" is a
procedure question, "close the case for Mark" is a request to change records;
"what's the legal definition of a child in need" is answered from the guidance.
Nothing here reads or writes a case record.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

from assistant.casestore import Store, UnknownWorkerError
from assistant.dialogue.reply import Reply, out_of_scope, refusal
from assistant.dialogue.visit_message import reports_a_visit
from assistant.domain.names import fold, forms_of
from assistant.domain.patterns import pattern
from assistant.domain.timeframe import impossible_date
from assistant.knowledge.answering.context import Context
from assistant.knowledge.places import places

_POLITE = r"(?:(?:please|pls|plz|just|now|ok|okay|right|so|can you|could you|would you|will you|can u|could u|"
_POLITE += r"i need you to|i want you to|i'd like you to|go ahead and|help me|you need to|you should)\s+)*"

# --- a child in danger now
_EMERGENCY = re.compile(
    r"\b(?:going to|gonna|wants? to|threaten(?:ed|ing)? to|trying to|tried to)\s+(?:hurt|harm|kill|cut)\s+"
    r"(?:him|her|them|my|him|her)?sel(?:f|ves)\b"
    r"|\bsuicid|\boverdos|\bself[- ]?harm(?:ing|ed)?\b.*\b(?:now|tonight|today)\b"
    r"|\b(?:gone|went|is|has been|reported|run|ran)\s+missing\b|\bmissing (?:since|overnight|from home)\b"
    r"|\b(?:hit|hits|hitting|beat|beats|beating|beaten|punch\w*|kick\w*|strangl\w*|chok\w*|assault\w*|raped|abused|"
    r"attack\w*|shak(?:e|es|ing)|burn\w*)\s+(?:her|him|them|me|the (?:kids?|child(?:ren)?|baby|boy|girl|toddler)|"
    r"(?:his|her|their) (?:son|daughter|kids?|child(?:ren)?|baby))\b"
    r"|\b(?:someone|somebody|dad|mum|he|she|they|stepdad|partner|boyfriend)(?:'s| is| are)?\s+(?:hurting|abusing)\b"
    r"|\bscared to go home\b|\bnot safe (?:to go home|at home|tonight|now)\b|\bin (?:immediate |imminent )?danger\b"
    r"|\b(?:passed out|unconscious|collapsed|unresponsive)\b"
    r"|\b(?:baby|toddler|infant|child|kids?)(?:'s| is| are| was| has been| have been)\s+(?:left\s+)?(?:home\s+)?"
    r"(?:alone|on (?:her|his|their) own)\b"
    r"|\bleft (?:home )?alone\b"
    r"|\b(?:a|the|an) (?:\w+ )?(?:baby|toddler|infant|child|kid|year old)\s+(?:left\s+)?home alone\b"
    # taken abroad against her will (forced marriage, cutting), and the worker threatened where they stand
    r"|\b(?:take|taking|send|sending|fly|flying) (?:her|him|them) (?:abroad|out of the country|back home to)\b"
    r"|\bthreaten(?:s|ed|ing)? (?:me|us|my colleague)\b"
    r"|\bremov\w*\b.*\b(?:right now|now|today|tonight|immediately|urgently)\b"
    r"|\b(?:threaten\w*|going|gonna|wants?) to (?:kill|stab|hurt|harm|batter)\b"
    r"|\b(?:knife|knives|gun|machete|weapon)\b.*\b(?:house|home|flat|him|her|them|kids?|child|mum|dad|now)\b"
    r"|\b(?:has|had|with|found|noticed|saw|seen|showed me|got|came in with|turned up with)\s+"
    r"(?:(?:a|an|some|fresh|new|nasty|big|bad|massive|huge) ){0,3}"
    r"(?:bruis\w+|burns?|burn marks?|black eye|broken (?:arm|leg|wrist|bone|ribs?)|injur(?:y|ies)|marks on)\b"
    r"|\bdisclos\w*\b.*\b(?:abus\w*|hit|hurt|touch\w*|rap\w*|assault\w*|beat\w*|sexual)"
    r"|\b(?:sexually|physically) abus\w+"
    r"|\bnot breathing\b|\boverdosed?\b"
    r"|\b(?:drunk|high|intoxicated|off (?:his|her|their) face|out of it)\b.*\b(?:looking after|in charge of|alone with|"
    r"with the (?:kids?|children|baby))\b"
    r"|\b(?:nobody|no one|no-one) (?:has )?(?:picked|collected|come for)\b|\bnot (?:been )?(?:picked up|collected)\b"
    r"|\babandoned\b"
    r"|\bdomestic (?:violence|abuse)\b.*\b(?:right now|now|tonight|happening|going on)\b"
    r"|\bpolice protection\b|\bemergency protection order\b|\bepo\b|\bsection 46\b|\bs46\b"
    r"|\bcall(?:ed)? (?:the )?police\b|\b999\b"
    r"|\bwants? to (?:end it|end (?:his|her|their) life|die)\b|\btake (?:his|her|their) (?:own )?life\b"
    r"|\b(?:kill|hang|drown) (?:him|her|them)sel(?:f|ves)\b"
    # about to jump, gone off with an adult, not able to go home tonight
    r"|\b(?:wants?|going|gonna|threaten\w*|about) to jump\b|\bon (?:the|a) (?:bridge|roof|ledge|railway)\b"
    r"|\b(?:went|gone|going|run|ran) off with (?:an? |some )?(?:older |grown |adult )?"
    r"(?:man|men|male|stranger|adult)s?\b"
    r"|\b(?:didn'?t|did not|hasn'?t|has not|never) (?:come|came|gone|got) home\b"
    r"|\b(?:can'?t|cannot|won'?t|will not|too scared to|afraid to|refus\w+ to) go home\b"
    # a fire or gas where a child is: "the house is full of smoke", "fire brigade aren't here yet"
    r"|\b(?:house|home|flat|kitchen|bedroom|building)\b[^.?!]{0,30}\b(?:on fire|full of smoke|smoke|flames|"
    r"burning|gas leak)\b|\bfire (?:brigade|service|engines?)\b|\bsmell(?:s|ing)? (?:of )?gas\b"
    r"|\b(?:smoke|flames)\s+(?:is |are )?(?:coming|pouring|billowing|everywhere|out of|from)\b|\bon fire\b",
    re.IGNORECASE,
)
# "is it section 47 or section 17 if dad hit him once": a question about thresholds, answered from the guidance
# (unless the danger is now)
_THRESHOLD_QUESTION = re.compile(
    r"\b(?:s\.? ?17|s\.? ?47|section 17|section 47|threshold|cin or cp|cp or cin|strategy (?:discussion|meeting))\b"
    r"|\b(?:does|would|do) (?:this|that|it) (?:meet|count|need|warrant)\b",
    re.IGNORECASE,
)
_NOW = re.compile(r"\b(?:right now|now|tonight|immediately|at the moment|currently|this minute)\b", re.IGNORECASE)
# --- the law about the worker's own position, or whether an act is lawful
_LEGAL = re.compile(
    r"\bliab(?:le|ility)\b|\bsue[ds]?\b|\bsuing\b|\blegal action\b|\bsolicitors?\b|\bstruck off\b"
    r"|\b(?:un)?lawful(?:ly)?\b|\blegally (?:allowed|obliged|required|responsible|liable|safe)\b|\blegal exposure\b"
    r"|\bprosecut\w*|\bnegligen\w*|\bdisciplinary\b|\bsocial work england\b.*\b(?:refer|report|complain)\w*"
    r"|\b(?:take|taking) (?:us|me|the council) to court\b|\bcompensation\b"
    r"|\b(?:breaking|against) the law\b|\billegal(?:ly)?\b|\blegal advice\b|\b(?:get|got|in) (?:into )?trouble\b"
    r"|\b(?:complain\w*|ombudsman)\b.*\b(?:about me|against me|my practice)\b|\bgdpr breach\b|\bdata breach\b"
    r"|\blegal (?:position|standing|footing|implications?|risk)\b|\blegally,? what\b"
    r"|\b(?:need|get|apply for|seek|go for) (?:a |an )?(?:court order|injunction|supervision order|care order|"
    r"interim care order|child arrangements order|prohibited steps order)\b|\blegal powers? to\b"
    # what a court or judge would decide, whether someone may lawfully act, who holds parental responsibility
    r"|\b(?:would|will|could|might) (?:a|the) (?:court|judge|magistrates?|bench)\b"
    r"|\b(?:court|judge|magistrates?) (?:grant|agree|back|allow|order|rule|side)\w*"
    r"|\b(?:can|could|may|are|is|would) (?:\w+'s )?(?:\w+ ){0,2}legally\b|\bjudicial review\b"
    r"|\b(?:would|could|will) (?:she|he|they|we|mum|dad) win\b"
    r"|\b(?:does|do|would|has|have|is) (?:\w+'s )?(?:\w+ ){0,2}(?:have|has|got|hold|holds) parental responsibility\b"
    # a relative's rights, who holds PR, a subject access request, a judicial review (orders are the guidance's)
    r"|\b(?:mum|dad|mother|father|parents?|grandparents?|nan|grandad|uncle|aunt)(?:'s)? (?:\w+ ){0,2}"
    r"(?:have|has|got|had) (?:a |the |any )?(?:legal )?rights? to\b"
    r"|\bentitled to (?:a copy|copies|see|access|attend|be told)\b"
    r"|\b(?:doesn'?t|does not|don'?t|do not|without) (?:have |hold )?(?:pr|parental responsibility)\b"
    r"|\bsubject access\b|\bjudicially review\w*|\bstand up (?:in court|to (?:a )?(?:legal )?challenge)\b"
    # the options open at law (the legal basis for sharing information is the guidance's own subject)
    r"|\b(?:our|my|the|their|any|what) legal (?:options?|routes?|remed(?:y|ies))\b"
    # what a court order allows, whether proceedings are warranted, going on against a parent's wishes
    r"|\b(?:give|gives|gave|giving) (?:us|me|the council|the la|them|you) (?:the )?(?:power|powers|right|"
    r"authority) to\b|\bpowers? to (?:remove|take|place|enter|stop)\b"
    r"|\bthreshold (?:for|of) (?:care |court )?proceedings\b|\b(?:issue|start|initiate|go to) (?:care )?proceedings\b"
    r"|\bchalleng\w*\b[^.?!]{0,40}\bcourt\b|\bcourt\b[^.?!]{0,40}\bchalleng\w*"
    r"|\b(?:carry on|continue|proceed|go ahead|keep going) anyway\b|\b(?:happens|stand|stands|where) legally\b"
    r"|\bcop(?:y|ies) of (?:his|her|their|the|my|our) (?:whole |full |entire |complete )?(?:case )?(?:file|records?)\b",
    re.IGNORECASE,
)
# --- many items marked done at once
_REQUEST = rf"(?:^{_POLITE}|\b(?:can|could|would|will) (?:you|u) (?:please |just )?|\b(?:please|pls|plz) )"
_BULK = re.compile(
    rf"{_REQUEST}(?:mark|tick|complete|close off|sign off|clear|set|record|log|make|update|put|bulk)\b[^.?!]*"
    r"\b(?:all|every|everything|the lot|whole lot|them all|in bulk|bulk)\b[^.?!]*"
    r"\b(?:done|complete|completed|off|finished|go away|disappear|up to date|overdue|late|outstanding|list|items?|"
    r"visits?|reviews?|plans?)\b"
    r"|\b(?:all|everything|every)\b[^.?!]*\b(?:as (?:done|complete|completed|finished)|ticked off|signed off)\b"
    r"|\bbulk[- ]?(?:close|complete|update|mark|tick|clear)\w*"
    r"|\b(?:put|add|log|record|enter|mark)\b[^.?!]{0,20}\b(?:visits?|reviews?)\b[^.?!]{0,10}\b(?:on )?for all (?:of )?"
    r"(?:my|the|our) (?:kids|children|cases|families|caseload)\b"
    r"|\b(?:overdue|due) (?:list|items?) (?:go away|disappear|cleared?)\b|\bmake (?:my|the) \w+ (?:list )?go away\b",
    re.IGNORECASE,
)
# --- a record changed, deleted, closed or moved (recording a new visit is the one write allowed)
_CHANGE_VERBS = (
    r"delete|remove|erase|wipe|edit|change|amend|correct|fix|alter|backdate|back-date|back date|undo|"
    r"close|reopen|re-open|move|reassign|re-assign|transfer|swap|rename|overwrite|update|"
    r"reschedule|re-schedule|rearrange|re-arrange|postpone|reallocate|re-allocate|allocate"
)
_RECORD = (
    r"\b(?:visits?|case|cases|record|records|note|notes|date|review|reviews|entry|entries|assessment|meeting|"
    r"plan|caseload|file|details|it|him|her|them|kids|children|child|family|families|address|phone|number|school|"
    r"gp|dob|date of birth|name|surname|[a-z]{2}-\d{3,5}|c\d+)\b"
)
_CHANGE = re.compile(
    rf"{_REQUEST}(?:{_CHANGE_VERBS})\b(?!\s+(?:panel|summary|summaries|on\b|to\s+(?:cp|cin|child|another|a\b)|or\b))"
    rf"[^.?!]*{_RECORD}"
    rf"|{_REQUEST}(?:reallocate|re-allocate|reassign|re-assign)\b"  # "reallocate efua from chloe to beatriz"
    # a date moved: "push leo's review back a fortnight", "bring the meeting forward to monday"
    rf"|{_REQUEST}(?:push|bring|put|move|shift|knock)\b[^.?!]*{_RECORD}[^.?!]*\b(?:back|forward|later|earlier)\b"
    r"|\btake (?:it|them|him|her|\w+) off (?:my|her|his|their|\w+'s) caseload\b"
    # a level, category or status changed: "change idris from cin disability to cin welfare level"
    rf"|{_REQUEST}(?:change|switch|move|update|put)\b[^.?!]{{0,40}}\bfrom\b[^.?!]{{1,40}}\bto\b[^.?!]{{1,40}}"
    r"\b(?:level|category|status|plan|cp|cin|early help|step ?down|disability|welfare|review case)\b"
    # an event other than a visit put on the record ("record charlie's initial meeting as held on the 11th")
    rf"|{_REQUEST}(?:record|log|mark|put|enter|add)\b[^.?!]*\b(?:meetings?|reviews?|assessments?|plans?|supervisions?|"
    r"summar(?:y|ies))\b[^.?!]*\b(?:as (?:held|done|complete|completed|happened|finished|sent|circulated)|"
    r"(?:was |were )?(?:held|took place|happened) on)\b"
    # a request after the reason for it: "darren still shows on my dashboard, close his case properly"
    rf"|[,;]\s*(?:please |pls |can you |could you )?(?:{_CHANGE_VERBS})\s+(?:his|her|their|the|this|that|my)\s+"
    r"(?:case|record|visit|entry|file|review|plan|meeting|assessment)s?\b"
    r"|\btake (?:\w+'s |the |that |this |my )?(?:\w+ ){0,3}off the (?:system|record|records|file)\b"
    r"|\b(?:put|mark|log|record|enter) (?:it )?(?:on|onto|in) (?:the )?(?:system|record|records|file) that\b"
    r"(?![^.?!]*\b(?:visit\w*|saw|seen)\b)",
    re.IGNORECASE,
)
# --- text written for the worker
_COMPOSE = re.compile(
    rf"{_REQUEST}(?:write|draft|compose|type up|write up|prepare|create|generate|produce)\b[^.?!]*"
    r"\b(?:email|e-mail|letter|report|log|notes?|summary|summaries|chronology|minutes|referral|message|text|"
    r"statement|essay|reflection|reflective|write[- ]?up|case recording|plan for|agenda|handover|presentation)\b"
    r"|\b(?:can|could|would|will) (?:you|u) (?:please )?(?:write|draft|compose|type up|write up)\b"
    rf"|{_REQUEST}(?:write|type) (?:up|out)\b"  # "write up my visit to Roisin for me": the recording itself
    rf"|{_REQUEST}(?:do (?:me |us )?(?:the|a|an|my|his|her|their)|put together|pull together|knock up|whip up|"
    r"turn (?:my|the|these|this|those) (?:\w+ ){0,2}into)\b[^.?!]*"
    r"\b(?:email|e-mail|letter|report|log|record|notes?|summary|summaries|chronology|minutes|referral|statement|"
    r"reflection|write[- ]?up|case recording)\b",
    re.IGNORECASE,
)
# --- a council-wide list
_WHOLE_COUNCIL = re.compile(
    r"\b(?:whole|entire|all of|across|throughout|every team in|everyone in|all the|all|every)\s+(?:the\s+)?"
    r"(?:council|authority|authority's|la|local authority|county|borough|service|department|directorate)\b"
    r"|\bin the (?:council|authority|la|local authority|county|borough)\b"
    r"|\b(?:council|authority|borough|county|la|service)[- ]wide\b"
    r"|\bevery team(?:'s)?\b|\b(?:all|across|each of|other)\s+(?:(?:of )?(?:the )?)?(?:\w+ )?teams'?(?!\w)"
    r"|\b(?:compare|comparison|compared|stack up)\w* (?:with|to|against) (?:the )?(?:other |\w+ )teams?\b",
    re.IGNORECASE,
)
_CASELOAD_WORDS = re.compile(
    r"\b(?:due|overdue|late|behind|outstanding|cases?|caseloads?|children|kids|families|visits?|reviews?|list|show|"
    r"how many|items?|plans?|meetings?|assessments?|got on|done|coming up|upcoming|lined up|workload|diary)\b",
    re.IGNORECASE,
)
_GUIDANCE_WORDS = re.compile(
    r"\b(?:guidance|procedures?|policy|policies|rules?|timescales?|say|says|said|law|legislation|"
    r"framework|standards?|expect(?:ations)?|require(?:ments?)?|under)\b",
    re.IGNORECASE,
)
#: The whole team as what is asked about ("what's overdue across the team, covering for janet"): a team question.
_WHOLE_TEAM = re.compile(r"\b(?:across|for|in) (?:the|my|our) (?:whole )?team\b|\bthe team's\b", re.IGNORECASE)
_COLLEAGUE_CUES = re.compile(
    r"\b(?:colleague|co-?worker|team ?mate|another worker|other worker|someone else)'s\s+"
    r"(?:cases?|caseload|kids|children|families|visits?|reviews?|overdue|items?|list|diary)\b",
    re.IGNORECASE,
)
#: A request to see or list things ("show me everything overdue"), never one to change them.
_ASKS_TO_SEE = re.compile(
    r"^\W*(?:(?:can|could|would) (?:you|u) |please |pls |just )*"
    r"(?:show|list|give me|tell me|what|whats|what's|which|any|how many|have i|do i|is there|are there)\b",
    re.IGNORECASE,
)
_HOW_TO = re.compile(
    r"^(?:how|when|where|why|should|do|does|is|are|can i|can we|what do i|what should)\b|\binfo\b", re.IGNORECASE
)


@dataclass(frozen=True)
class Asker:
    """Who is asking, as the limits need it: role, council, and the names that are not theirs to look at."""

    worker_id: Optional[str]
    is_manager: bool = False
    authority: Optional[str] = None
    first_name: str = ""
    colleagues: Tuple[Tuple[str, str], ...] = ()  # (worker_id, name) of the council's other workers
    children: Tuple[str, ...] = ()  # lower-case first and last names of children on cases the asker may see
    managed: Tuple[str, ...] = field(default=())  # worker ids a manager's team holds


def asker_of(store: Optional[Store], worker_id: Optional[str]) -> Asker:
    """The asker's role, council, colleagues and children's names (an unknown sender: none of them)."""
    if store is None or not worker_id:
        return Asker(worker_id)
    worker = store.worker(worker_id)
    if worker is None:
        return Asker(worker_id)
    try:
        scope = store.scope_for(worker_id)
    except UnknownWorkerError:
        return Asker(worker_id)
    names = store.open_case_names(scope)
    children = sorted({w for _, first, last in names for w in (first.lower(), last.lower()) if w})
    colleagues = tuple((w.worker_id, w.name) for w in store.workers(worker.authority_id) if w.worker_id != worker_id)
    managed = tuple(sorted(scope.worker_ids)) if scope.is_manager else ()
    first = (worker.name or "").split()[0].lower() if worker.name else ""
    return Asker(worker_id, scope.is_manager, worker.authority_id, first, colleagues, tuple(children), managed)


# --------------------------------------------------------------------------- the replies


def _emergency() -> Reply:
    return refusal(
        "emergency",
        "This sounds urgent, and it needs a person now, not this chat. If a child is in immediate danger, "
        "call 999: the police can use police protection (section 46 of the Children Act 1989). Tell your manager "
        "or the duty manager straight away, and out of hours call your council's out-of-hours (emergency duty) "
        "team. Then follow your council's child protection procedures (a strategy discussion under section 47).",
        signposts=[
            {"who": "Police", "when": "a child is in immediate danger", "how": "999"},
            {"who": "Your manager or the duty manager", "when": "now"},
            {"who": "The out-of-hours (emergency duty) team", "when": "out of office hours"},
            {"who": "Your council's child protection procedures", "when": "a strategy discussion (section 47)"},
        ],
    )


def _legal() -> Reply:
    return refusal(
        "legal",
        "I can't give legal advice. For questions about liability, what is lawful, complaints or legal action, "
        "talk to your manager and your council's legal team (and your union or professional body about your own "
        "position). I can tell you what your council's guidance says a procedure is.",
        signposts=[
            {"who": "Your manager", "when": "first"},
            {"who": "Your council's legal team", "when": "whether something is lawful, or legal action"},
        ],
    )


def _change_records() -> Reply:
    return refusal(
        "change_records",
        "I can't change, correct, close or delete records: the only thing I write is a new visit you record with "
        "me. Make the change in the case recording system, or ask your manager or business support to. "
        "I can show you what's open on the case.",
    )


def _bulk_complete() -> Reply:
    return refusal(
        "bulk_complete",
        "I can't mark items as done in bulk: an item is done when what it asks for happens and is recorded "
        "(a visit, a review), one by one. I can list what's overdue so you can plan it, or record a visit with you.",
    )


def _compose_text() -> Reply:
    return refusal(
        "compose_text",
        "I can't write emails, letters, reports or case notes for you: they need your own professional account. "
        "I can tell you what your council's guidance says they should contain, or what's due on the case.",
    )


def _not_loaded(place: str, loaded: Sequence[str]) -> Reply:
    held = ", ".join(loaded[:-1]) + f" and {loaded[-1]}" if len(loaded) > 1 else "".join(loaded)
    return refusal(
        "not_loaded",
        f"I don't hold {place}'s guidance, so I can't say what it sets. I hold the guidance of {held}, and the "
        f"England general guide. Check {place}'s own procedures, or ask their children's services. I can tell you "
        "what your own council's guidance says.",
        place=place,
        loaded=list(loaded),
    )


def _whole_council(asker: Asker) -> Reply:
    mine = "your own caseload, or your team's as its manager" if asker.is_manager else "your own caseload"
    return refusal(
        "whole_council",
        f"I can only show {mine}, not the whole council's: council-wide lists are for the council's "
        "performance reports. Ask me what's due or overdue on your caseload instead.",
    )


def _other_worker(name: str, asker: Asker) -> Reply:
    return refusal(
        "other_worker",
        f"I can only show your own cases, not {name}'s. Ask {name}, or your manager, about theirs. "
        "I can tell you what's due on your own caseload.",
        colleague=name,
    )


def _invalid_date(why: str) -> Reply:
    return refusal("invalid_date", f"{why[0].upper()}{why[1:]}. Which date did you mean?")


# --------------------------------------------------------------------------- the check


def check(
    text: str,
    today: dt.date,
    asker: Asker,
    loaded: Dict[str, Sequence[str]],
    learned: Optional[Tuple[str, float]] = None,
) -> Optional[Reply]:
    """The refusal for ``text``, or None when it is not a request the assistant must decline.

    ``loaded``: each loaded council's code and the names people call it
    (a council held is never "not loaded"). ``learned``: the NLU's guess from the
    message's meaning (:mod:`assistant.dialogue.limit_examples`), weighed after the patterns.
    """
    said = " ".join(text.replace("\u2019", "'").split())
    if not said:
        return None
    if _EMERGENCY.search(said) and _danger_now(said):
        return _emergency()
    if _LEGAL.search(said):
        return _legal()
    why = impossible_date(said, today)
    if why:
        return _invalid_date(why)
    if _BULK.search(said):
        return _bulk_complete()
    if _CHANGE.search(said) and _asks_for_change(said):
        return _change_records()
    if _COMPOSE.search(said):
        return _compose_text()
    sure = _sure_guess(said, learned, today)
    if sure is not None:
        return sure
    place = _foreign_place(said, loaded)
    if place:
        return _not_loaded(place, [names[0].title() if names else code for code, names in loaded.items()])
    if _WHOLE_COUNCIL.search(said) and _CASELOAD_WORDS.search(said) and not _asks_guidance(said):
        return _whole_council(asker)
    if _council_as_scope(said, loaded) and not _GUIDANCE_WORDS.search(said):
        return _whole_council(asker)
    colleague = None if _WHOLE_TEAM.search(said) else _colleague_named(said, asker)  # the team's list is asked for
    if colleague:
        return _other_worker(colleague, asker)
    if _OUTSIDE.search(said):
        return out_of_scope()
    return None


#: The worker's own affairs and everyday tasks no guidance covers: phrasebook translation, pay and pensions.
_OUTSIDE = re.compile(
    r"\bhow (?:do|would|can) (?:you|i|we) say\b[^?]{0,60}\bin (?:[a-z]+ish|[a-z]+ese|[a-z]+ian|[a-z]+ic|french|"
    r"dutch|greek|thai|urdu|hindi|punjabi|bengali|farsi|pashto|tigrinya|somali|twi|yoruba|igbo)\b"
    r"|\bpension (?:scheme|pot|contributions?)\b|\b(?:opt out of|pay into) (?:the |my )?pension\b"
    r"|\bmy (?:pay ?slip|salary)\b",
    re.IGNORECASE,
)


#: How sure the NLU's guess must be before it declines a message no pattern caught (measured on the
#: development sets: caseload requests and procedure questions must not lose answers to it).
SURE_LIMIT = 0.9


def _sure_guess(said: str, learned: Optional[Tuple[str, float]], today: dt.date) -> Optional[Reply]:
    """The refusal the NLU's guess calls for when it is sure and the patterns' own guards let it through."""
    if learned is None or learned[1] < SURE_LIMIT:
        return None
    kind = learned[0]
    if kind == "emergency" and _danger_now(said) and not _plain_visit_report(said, today):
        return _emergency()
    if kind == "legal" and not _GUIDANCE_WORDS.search(said):
        return _legal()
    if _ASKS_TO_SEE.search(said):
        return None  # "show me everything overdue": a list asked for, whatever else it sounds like
    if kind == "bulk_complete":
        return _bulk_complete()
    if kind == "change_records" and _asks_for_change(said):
        return _change_records()
    if kind == "compose_text" and not _HOW_TO.search(said):
        return _compose_text()
    return None


#: Some word of harm or danger: without one, a visit reported is never taken for an emergency on the learned
#: guess alone ("popped round this morning, he was there with mum and nan": family present is not danger).
_HARM_WORDS = re.compile(
    r"\b(?:hurt\w*|harm\w*|swollen|swelling|fractur\w*|broken|hit|hitting|beat\w*|"
    r"batter\w*|punch\w*|kick\w*|slap\w*|injur\w*|bruis\w*|burn\w*|"
    r"bleed\w*|blood\w*|marks?|wounds?|cuts?|danger\w*|unsafe|safe|scared|terrified|frightened|afraid|threat\w*|"
    r"kill\w*|die|dying|dead|suicid\w*|overdos\w*|tablets|pills|end it|missing|run away|ran away|knife|knives|"
    r"weapon\w*|gun|drunk|high|intoxicated|off (?:his|her|their) face|out of it|wasted|stoned|"
    r"unconscious|collapsed|floppy|not breathing|ambulance|a&e|hospital|police|"
    r"999|abus\w*|assault\w*|attack\w*|rap\w*|touch\w*|violen\w*|fight\w*|screaming|smash\w*|alone|left|"
    r"abandon\w*|locked|strangl\w*|chok\w*|shak\w*|neglect\w*|starv\w*|urgent\w*|emergency|help)\b",
    re.IGNORECASE,
)


def _plain_visit_report(said: str, today: dt.date) -> bool:
    """A visit reported with no word of harm in it."""
    return reports_a_visit(said, today) and not _HARM_WORDS.search(said)


def _asks_guidance(said: str) -> bool:
    """Words of a question about the guidance; "out of timescale" (late) is the caseload's own word."""
    return bool(_GUIDANCE_WORDS.search(re.sub(r"\b(?:out of|outside(?: of)?) timescales?\b", " ", said)))


def _danger_now(said: str) -> bool:
    """Not a threshold question about harm in the past ("is it s47 if dad hit him once"), unless the danger is now."""
    return not (_THRESHOLD_QUESTION.search(said) and not _NOW.search(said))


def _asks_for_change(said: str) -> bool:
    """A request to change something, not a question about how changes are made ("how do I close a case")."""
    return not _HOW_TO.search(said) and not _terse_question(said)


def _terse_question(said: str) -> bool:
    """ "Transfer CIN case?": a topic asked about, not a request (a request says "you" or "please")."""
    return said.endswith("?") and not re.search(r"\b(?:you|u|please|pls|plz)\b", said, re.IGNORECASE)


# How things are done there: "how often", "when", "how does Devon run them".
_ASKS_HOW = re.compile(
    r"\b(?:how often|how long|how quickly|how soon|how do(?:es)?|when|within|timescales?|do you have to|should|must|"
    r"frequency|frequently)\b"
)
# A place as where a family moves or lives, not whose guidance is asked about.
_MOVING = r"\b(?:to|from|into|out to|lives? in|living in|based in|moved? (?:to|from)|moving (?:to|from))\s+"


def _foreign_place(said: str, loaded: Dict[str, Sequence[str]]) -> Optional[str]:
    """A place whose guidance is not held, named as the guidance asked about (not just where a family lives)."""
    held = [code.replace("_", " ") for code in loaded] + [n for names in loaded.values() for n in names]
    place = places().named_in(said, held)
    if place is None:
        return None
    lowered = said.lower()
    if _GUIDANCE_WORDS.search(said):
        return place  # "moving to East Sussex, what are their rules": that council's guidance
    if re.search(_MOVING + re.escape(place.lower()) + r"\b", lowered):
        return None  # where a family goes or comes from: the worker's own council's transfer rules apply
    return place if _ASKS_HOW.search(lowered) else None


_HOW_MANY_ITEMS = re.compile(
    r"how many (?:\w+ ){0,3}(?:cases|children|kids|families|reviews|visits|items|assessments|plans|meetings)\b"
)


_LISTED = r"(?:cases?|children|kids|families|reviews?|visits?|items?|assessments?|plans?|meetings?)"


def _council_as_scope(said: str, loaded: Dict[str, Sequence[str]]) -> bool:
    """ "everything overdue for Camden", "all of Kent this week": a council as the scope of a caseload list."""
    lowered = said.lower()
    names = [n for code, ns in loaded.items() for n in [code.replace("_", " "), *ns] if len(n) > 2]
    if _HOW_TO.search(lowered) and not _HOW_MANY_ITEMS.match(lowered):
        return False  # a question about how things are done there, not a list
    listing = (
        r"\b(?:list|show|give me)\b[^.?!]*\b(?:cases|children|kids|families|reviews|visits|items)\b"
        r"|\b(?:every|all(?: of)? the|all)\s+(?:(?:open|cin|overdue|outstanding|late|due|current|active|allocated|"
        r"upcoming|kent|medway|camden)\s+){0,3}"
        r"(?:cases?|children|kids|families|reviews?|visits?|items?|assessments?|plans?|meetings?)\b"
        r"(?!\s+(?:plans?|meetings?|minutes|chairs?|forms?|records?|notes?)\b)"
        r"|\beverything\s+(?:that's\s+|that is\s+)?(?:due|overdue|outstanding|late)\b"
        r"|\bhow many (?:\w+ ){0,3}(?:cases|children|kids|families|reviews|visits|assessments|plans)\b"
    )
    for name in names:
        scope = (
            rf"\b(?:for|across|all of|whole of|throughout|in all of|in the whole of)\s+(?:the\s+)?{re.escape(name)}\b"
        )
        if pattern(scope).search(lowered) and re.search(
            r"\b(?:due|overdue|cases|children|kids|reviews|visits|assessments|plans|meetings|late|over \d+ days)\b",
            lowered,
        ):
            return True
        if pattern(rf"\b{re.escape(name)}[- ]wide\b").search(lowered):
            return True  # "kent-wide list of children with reviews in july"
        if pattern(rf"\b(?:in|of) {re.escape(name)}\b").search(lowered) and pattern(listing).search(lowered):
            return True
        if _HOW_MANY_ITEMS.match(lowered) and pattern(rf"\b(?:has|have|does|do|is|are) {re.escape(name)}\b").search(
            lowered
        ):
            return True  # "how many cin cases has camden got in total"
        if pattern(rf"\b(?:every|all)\s+(?:the\s+)?{re.escape(name)}\b").search(lowered) and pattern(listing).search(
            lowered
        ):
            return True  # "all Kent CIN reviews due in january"
        if pattern(rf"\b(?:every|all)\s+(?:the\s+)?{re.escape(name)}\s+(?:\w+\s+){{0,2}}{_LISTED}\b").search(lowered):
            return True  # "all medway disability cases with reviews due in feb"
    return False


def _colleague_named(said: str, asker: Asker) -> Optional[str]:
    """A colleague's name used as the owner of cases ("Tom's", "what's Marek got", "for Kirsty")."""
    if _COLLEAGUE_CUES.search(said) and not _GUIDANCE_WORDS.search(said):
        return "your colleague"
    if asker.is_manager:
        return None  # a manager's questions about their team are team questions
    lowered = fold(said)
    words = set(re.findall(r"[a-z]+", lowered))
    children = {fold(c) for c in asker.children}
    for _worker, name in asker.colleagues:
        parts = [p for p in fold(name).split() if len(p) > 1]
        if not parts:
            continue
        first = parts[0]
        if first in children or first == fold(asker.first_name):
            continue  # a child on the asker's own cases has that name: the child wins
        # the colleague as people call them: "Ciaran" for Ciarán, "Funmi" for Funmilayo, "Tom" for Thomas
        called = {first, *forms_of(first), *(w for w in words if len(w) >= 4 and first.startswith(w))} - children
        said_name = "|".join(re.escape(n) for n in sorted({" ".join(parts), *called}, key=len, reverse=True))
        owner = (
            rf"\b(?:{said_name})(?:'s|s'|s)\s+"
            r"(?:cases?|caseload|kids|children|families|visits?|reviews?|overdue|items?|list|work|diary|case)\b"
            rf"|\b(?:has|is|did|does|what's|whats|what has|what is)\s+(?:{said_name})\b"
            rf"\s+(?:got|done|doing|have|had|due|behind|late|holding|carrying|working|on|"
            r"\w+ed (?:her|his|their|all|any|the)|(?:sent|written|seen|kept|been|made|caught) )"
            rf"|\b(?:for|of|on)\s+(?:{said_name})\b(?!\s+[a-z]+'s)"
            rf"|\b(?:{said_name})'s\b"
        )
        if pattern(owner).search(lowered) and (_CASELOAD_WORDS.search(said) or "'s" in lowered):
            return name.split()[0]
    return None


def loaded_councils(names: Dict[str, List[str]], codes: Sequence[str]) -> Dict[str, Sequence[str]]:
    """Each loaded council's code with the names people call it (knowledge/topics.yml ``authority_names``)."""
    return {code: tuple(names.get(code, [code.replace("_", " ")])) for code in codes if code != "england"}


def held_councils() -> Dict[str, Sequence[str]]:
    """The councils whose guidance is loaded now, with the names people call them."""
    ctx = Context(None, None, None)
    names = {code: list(words) for code, words in ctx.taxonomy.authority_names.items()}
    return loaded_councils(names, [a for a in ctx.authorities if a not in ctx.general])


def decline(
    store: Optional[Store],
    worker_id: Optional[str],
    text: str,
    today: dt.date,
    learned: Optional[Tuple[str, float]] = None,
) -> Optional[Reply]:
    """The refusal a message gets before anything else answers it, or None (see :func:`check`)."""
    return check(text, today, asker_of(store, worker_id), held_councils(), learned)


__all__ = ["Asker", "asker_of", "check", "decline", "held_councils", "loaded_councils"]
