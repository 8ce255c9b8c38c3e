"""How people say a child's name: short forms, and spellings without accents.

A worker says "Alfie" for Alfred, "Liz" for Elizabeth, "Seun" for Oluwaseun,
and types "Wisniewski" for Wiśniewski. The chat matches what was said against
the names on the worker's own cases only (assistant.dialogue.children); this
module only says which forms a name has.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Dict, FrozenSet, Tuple

#: Short forms and the full first names they stand for (English usage, and some common in UK caseloads).
SHORT_FORMS: Dict[str, Tuple[str, ...]] = {
    "toby": ("tobias",), "tobes": ("tobias",), "jaz": ("jasmine", "jasmin", "jasmina"),
    "jazz": ("jasmine", "jasmin", "jasmina"), "barty": ("bartholomew",), "bart": ("bartholomew", "bartosz"),
    "clemmie": ("clementine",), "clem": ("clementine", "clement"),
    "abbie": ("abigail",), "abby": ("abigail",), "abi": ("abigail",), "al": ("alan", "albert", "alfred"),
    "alex": ("alexander", "alexandra", "alexis", "alexandru", "aleksander", "aleksandra", "oleksandr"),
    "alfie": ("alfred",), "alfy": ("alfred",),
    "andy": ("andrew",), "archie": ("archibald",), "becky": ("rebecca",), "becca": ("rebecca",),
    "bella": ("isabella", "isabelle", "arabella"), "ben": ("benjamin", "benedict"), "benji": ("benjamin", "benedict"),
    "beth": ("elizabeth", "bethany"), "betsy": ("elizabeth",), "bill": ("william",), "billy": ("william",),
    "bob": ("robert",), "bobby": ("robert",), "cal": ("callum", "calvin"), "cam": ("cameron",),
    "charlie": ("charles", "charlotte"), "chris": ("christopher", "christina", "christine"), "dan": ("daniel",),
    "danny": ("daniel",), "dani": ("daniella", "danielle"), "dave": ("david",), "davey": ("david",),
    "ed": ("edward",), "eddie": ("edward",), "ellie": ("eleanor", "ellen", "elena", "elizabeth"),
    "em": ("emma", "emily"), "evie": ("eve", "evelyn"), "fi": ("fiona",), "fran": ("frances", "francesca"),
    "freddie": ("frederick", "alfred"), "freddy": ("frederick", "alfred"), "gabe": ("gabriel",),
    "gabby": ("gabriella", "gabrielle"), "gina": ("georgina",), "harry": ("henry", "harrison", "harold"),
    "izzy": ("isabella", "isabelle", "isobel"), "issy": ("isabella", "isabelle", "isobel"),
    "jack": ("john", "jackson"), "jake": ("jacob",), "jamie": ("james",), "jim": ("james",),
    "jimmy": ("james",), "jess": ("jessica",), "jessie": ("jessica",), "joe": ("joseph",), "joey": ("joseph",),
    "jojo": ("joanna", "josephine"), "jon": ("jonathan",), "josh": ("joshua",), "kasia": ("katarzyna",),
    "kate": ("katherine", "catherine", "kathryn", "katarzyna"), "katie": ("katherine", "catherine", "kathryn"),
    "kat": ("katherine", "catherine"), "kit": ("christopher",), "lexi": ("alexis", "alexandra"),
    "liz": ("elizabeth",), "lizzie": ("elizabeth",), "lizzy": ("elizabeth",), "lottie": ("charlotte",),
    "lou": ("louise", "louis"), "maddie": ("madison", "madeleine", "madeline"), "maggie": ("margaret",),
    "matt": ("matthew",), "max": ("maximilian", "maxwell"), "meg": ("megan", "margaret"),
    "mick": ("michael",), "mike": ("michael",), "millie": ("amelia", "millicent", "camilla"),
    "mo": ("mohammed", "mohammad", "muhammad", "mohamed", "mohamud", "maurice"), "nate": ("nathaniel", "nathan"),
    "nat": ("natalie", "nathaniel", "nathan", "natasha"), "nick": ("nicholas",), "nicky": ("nicholas", "nicola"),
    "olly": ("oliver",), "ollie": ("oliver", "olivia"), "pat": ("patrick", "patricia"), "pete": ("peter",),
    "phil": ("philip", "phillip"), "rob": ("robert",), "robbie": ("robert",), "ron": ("ronald", "ronan"),
    "rosie": ("rose", "rosemary", "rosalind"), "sam": ("samuel", "samantha"), "sammy": ("samuel", "samantha"),
    "seun": ("oluwaseun",), "shay": ("shayla", "shea"), "sophie": ("sophia",), "steve": ("stephen", "steven"),
    "stevie": ("stephen", "steven", "stephanie"), "teddy": ("edward", "theodore"), "theo": ("theodore",),
    "tilly": ("matilda",), "tom": ("thomas",), "tommy": ("thomas",), "tony": ("anthony",),
    "tobi": ("oluwatobi", "tobias"), "tobe": ("tobias",), "tunde": ("babatunde",), "vicky": ("victoria",),
    "will": ("william",), "wills": ("william",), "xander": ("alexander",), "zac": ("zachary",),
    "zach": ("zachary",), "zak": ("zachary",), "dayo": ("adedayo", "oladayo"), "femi": ("oluwafemi",),
    "bartek": ("bartlomiej",), "kuba": ("jakub",), "gosia": ("malgorzata",), "basia": ("barbara",),
    "zosia": ("zofia",), "tomek": ("tomasz",), "wojtek": ("wojciech",), "franek": ("franciszek",),
    "frankie": ("francesca", "frances", "francis", "franklin"), "stas": ("stanislaw",), "ola": ("aleksandra",),
    "tayo": ("temitayo", "omotayo"), "bayo": ("adebayo",), "kemi": ("oluwakemi", "akemi"), "ade": ("adebayo",),
    "libby": ("elizabeth",), "eliza": ("elizabeth",), "betty": ("elizabeth",), "bess": ("elizabeth",),
    "bessie": ("elizabeth",), "elsie": ("elizabeth",), "lilibet": ("elizabeth",), "peggy": ("margaret",),
    "molly": ("mary",), "polly": ("mary",), "annie": ("anne", "anna", "annabel", "annabelle"),
    "cathy": ("catherine",), "kathy": ("katherine", "kathryn"), "kitty": ("katherine", "catherine"),
    "susie": ("susan", "susannah"), "suzy": ("susan", "susannah"), "jen": ("jennifer",), "jenny": ("jennifer",),
    "nell": ("eleanor", "helen", "ellen"), "nellie": ("eleanor", "helen", "ellen"), "hattie": ("harriet",),
    "hetty": ("harriet", "henrietta"), "ella": ("eleanor", "gabriella", "isabella"), "lola": ("dolores",),
    "mandy": ("amanda",), "steph": ("stephanie",), "vic": ("victoria", "victor"), "tori": ("victoria",),
    "pippa": ("philippa",), "lottie-mae": ("charlotte-mae",), "livvy": ("olivia",), "liv": ("olivia",),
    "gracie": ("grace",), "rosa": ("rosalind",), "georgie": ("georgia", "georgina", "george"),
    "ned": ("edward",), "ted": ("edward", "theodore"), "fred": ("frederick", "alfred"),
    "ricky": ("richard", "ricardo"), "rick": ("richard",), "richie": ("richard",), "greg": ("gregory",),
    "benny": ("benjamin", "benedict"), "lenny": ("leonard",), "len": ("leonard",),
    "leo": ("leonardo", "leon", "leonard"),
    "mikey": ("michael",), "mickey": ("michael",), "nico": ("nicholas", "nicolas", "nicolás"),
    "johnny": ("john", "jonathan"), "jonny": ("jonathan", "john"), "tommo": ("thomas",),
    "seb": ("sebastian",), "sebby": ("sebastian",), "ollie-jay": ("oliver-jay",), "fin": ("finley", "finlay"),
    "finn": ("finley", "finlay", "finnian"), "zeke": ("ezekiel",), "eli": ("elijah", "elias"), "manny": ("emmanuel",),
    "ronnie": ("ronan", "ronald", "veronica"), "sasha": ("alexander", "alexandra",
    "aleksandr", "aleksandra", "oleksandr", "oleksandra"), "sacha": ("alexander", "alexandra"),
    "dami": ("oluwadamilare", "damilola", "damilare", "oluwadamilola"), "shiv": ("siobhan",),
    "bobbi": ("roberta",), "tash": ("natasha",), "tasha": ("natasha",), "rach": ("rachel",), "nicki": ("nicola",),
    "debs": ("deborah",), "jules": ("julian", "juliet", "julia"), "bex": ("rebecca",), "fliss": ("felicity",),
    "kris": ("kristian", "krzysztof"), "josie": ("josephine",), "jo": ("joanna", "josephine", "joanne"),
}  # fmt: skip


def plain(text: str) -> str:
    """Without accents, capitals kept ("Wiśniewski" -> "Wisniewski")."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L").replace("ø", "o"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Lower case without accents ("Wiśniewski" -> "wisniewski"), so a name typed plainly still matches."""
    return plain(text).lower()


@lru_cache(maxsize=1)
def _full_to_short() -> Dict[str, FrozenSet[str]]:
    out: Dict[str, set] = {}
    for short, fulls in SHORT_FORMS.items():
        for full in fulls:
            out.setdefault(full, set()).add(short)
    return {k: frozenset(v) for k, v in out.items()}


def one_edit_apart(a: str, b: str) -> bool:
    """One letter added, dropped, changed or two swapped ("milo" and "mylo", "kadence" and "kaydence")."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diffs) == 1 or (
            len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(short == long[:i] + long[i + 1 :] for i in range(len(long)))


def forms_of(first_name: str) -> FrozenSet[str]:
    """The folded first name and the short forms people use for it ("alfred" -> alfred, alfie, alfy, al...)."""
    name = fold(first_name).strip()
    forms = {name} | set(_full_to_short().get(name, ()))
    parts = [p for p in re.split(r"[\s-]+", name) if p]
    if len(parts) > 1:  # "Lily-Rose" typed "lilyrose"; "Alfie-James" called "AJ" (never an initials-word: "am")
        forms.add("".join(parts))
        initials = "".join(p[0] for p in parts)
        if initials not in _WORDS_AS_INITIALS:
            forms.add(initials)
    return frozenset(forms)


_WORDS_AS_INITIALS = frozenset(
    "am an as at be by do go he hi if in is it me my no of oh ok on or so to up us we ya".split()
)


__all__ = ["SHORT_FORMS", "fold", "forms_of", "one_edit_apart", "plain"]
