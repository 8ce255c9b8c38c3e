"""A read document's sections cut into passages: quotable runs of sentences with stable ids.

A paragraph up to :data:`MAX_PASSAGE_CHARS` (and four sentences) stays whole;
a longer one is cut into runs of up to three sentences. A lead-in ending ":"
is quoted with the list it introduces, and a heading's short bullets are one
passage. A trailing advert is left out
(:mod:`.adverts`). Ids are ``<prefix>/<section-key>/<n>``: the section's number,
else its heading's slug (``-2`` for a second section of the same key), then
the passage's place in that section; they depend only on the document's text.
"""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Tuple

from assistant.knowledge.adverts import advert_start
from assistant.knowledge.document_meta import DocumentMeta
from assistant.knowledge.line_patterns import heading_like, slug, words
from assistant.knowledge.passages import GAP, Passage, collapse_ws
from assistant.knowledge.sections import Block, Section
from assistant.knowledge.sentences import split_sentences

MAX_PASSAGE_CHARS = 600  # a paragraph up to this long (and <= 4 sentences) stays whole
CHUNK_CHARS = 450  # longer paragraphs are cut into runs of <= 3 sentences about this long
LEAD_WITH_ITEMS_CHARS = 1500  # "The plan must be: o updated ... o circulated ...": a lead-in and its list, whole
LIST_PARAGRAPH_WORDS = 60  # an unmarked line after a lead-in is one of its items when no longer than this
SHORT_BULLET_WORDS = 20  # bullets under a heading with no lead-in are one passage when each is this short


def _chunks(text: str) -> List[str]:
    """A paragraph as passage-sized runs of 1-4 sentences."""
    sentences = split_sentences(text)
    if len(sentences) <= 4 and len(text) <= MAX_PASSAGE_CHARS:
        return [text]
    out: List[str] = []
    run: List[str] = []
    for sentence in sentences:
        if run and (len(run) >= 3 or len(" ".join(run + [sentence])) > CHUNK_CHARS):
            out.append(" ".join(run))
            run = []
        run.append(sentence)
    if run:
        out.append(" ".join(run))
    return out


def _cell_heading(block: Block) -> bool:
    """A table cell's sub-heading ("Key responsibilities"): not quoted on its own, and it ends a list."""
    return (
        block.kind == "item" and heading_like(block.text) and words(block.text) <= 3 and not block.text.startswith("[")
    )


def _item_kind(block: Block) -> str:
    """What kind of list a block can be an item of: plain lines, bullets (or table-cell lines), links."""
    if block.text.startswith("[") and block.kind == "item":
        return "link"
    return "para" if block.kind == "para" else "bullet"


def _list_end(blocks: Sequence[Block], lead: int) -> int:
    """Where the list a lead-in (``blocks[lead]``, ending ":") introduces ends: the first block after it
    that is not one of its items (a new lead-in, a sub-heading, a long paragraph), within the size budget."""
    first = lead + 1
    total = len(blocks[lead].text)
    kind = _item_kind(blocks[first]) if first < len(blocks) else ""  # unmarked lines, bullets, or links
    k = first
    while k < len(blocks):
        block = blocks[k]
        if block.text.endswith(":") or _cell_heading(block) or _item_kind(block) != kind:
            break
        if kind == "para" and words(block.text) > LIST_PARAGRAPH_WORDS:
            break
        if not block.adjacent and (block.kind == "para" or (k > first and block.kind != blocks[k - 1].kind)):
            break  # something was dropped here and the list does not visibly go on
        if k > first and total + len(block.raw) > LEAD_WITH_ITEMS_CHARS:
            break
        total += len(block.raw) + 1
        k += 1
    return k


def _bullet_run_end(blocks: Sequence[Block], start: int) -> int:
    """Where a run of short bullets with no lead-in ("What the Plan Should Include" then "- Clear,
    measurable objectives", "- Services to be provided", ...) that begins at ``start`` ends: the list is
    one passage, as a checklist is asked about whole. ``start`` itself when no such run begins there."""
    k = start
    total = 0
    while k < len(blocks):
        block = blocks[k]
        if block.kind != "bullet" or block.text.endswith(":") or words(block.text) > SHORT_BULLET_WORDS:
            break
        if k > start and not block.adjacent:
            break
        if total + len(block.raw) > MAX_PASSAGE_CHARS:
            break
        total += len(block.raw) + 1
        k += 1
    return k if k - start >= 2 else start


def _lead_with_items(block: Block, items: Sequence[Block]) -> Tuple[str, str]:
    """(text before the lead-in sentence, the lead-in sentence with its items) for one passage."""
    sentences = split_sentences(block.text)
    k = len(sentences) - 1
    while k > 0 and words(" ".join(sentences[k:])) < 6:  # "However:" needs its sentence
        k -= 1
    lead = " ".join(sentences[k:])
    parts = [lead]
    for item in items:
        parts.append((GAP if not item.adjacent else " ") + item.raw)
    return block.text[: len(block.text) - len(lead)].strip(), "".join(parts)


def _section_texts(section: Section) -> List[Tuple[str, int]]:
    """(passage text, reading-order seq) for a section's blocks.

    A lead-in ending with ":" is never quoted alone: it and the list it
    introduces (bullets, table-cell lines, or the short unmarked lines of a
    plain-text list) are one passage, so an answer that quotes "A child is in
    need if:" quotes the conditions too; so is a run of short bullets under a
    heading with no lead-in (a checklist). Where a running header was dropped
    between two items the passage marks the gap with " … ".
    """
    blocks = section.blocks
    out: List[Tuple[str, int]] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if block.text.endswith(":"):
            j = _list_end(blocks, i)
            earlier, together = _lead_with_items(block, blocks[i + 1 : j])
            if earlier:
                out.extend((c, block.seq) for c in _chunks(earlier))
            if j > i + 1:  # a lead-in with nothing to introduce (its list was cut off) is not quoted at all
                out.append((together, block.seq))
            i = max(j, i + 1)
            continue
        run = _bullet_run_end(blocks, i)
        if run > i:
            out.append((" ".join(b.raw for b in blocks[i:run]), block.seq))
            i = run
            continue
        if not _cell_heading(block):
            out.extend((c, block.seq) for c in _chunks(block.text))
        i += 1
    return [(t, seq) for t, seq in out if words(t) >= 3]


def document_passages(
    sections: Sequence[Section],
    *,
    document: str,
    meta: DocumentMeta,
    id_prefix: str,
) -> Tuple[List[Passage], Optional[str]]:
    """Passages of a read document, and the heading the advert (if any) was cut from."""
    cut = advert_start(sections, meta.exclude_from)
    excluded = None
    if cut is not None:
        excluded = sections[cut].heading or (sections[cut].blocks[0].text if sections[cut].blocks else "")
        sections = sections[:cut]
    drafts: List[Tuple[int, str, Section, str]] = []  # (seq, key, section, text)
    keys_seen: Dict[str, int] = {}
    for section in sections:
        texts = _section_texts(section)
        if not texts:
            continue
        base = section.number or (slug(section.heading) if section.heading else "preamble")
        keys_seen[base] = keys_seen.get(base, 0) + 1
        key = base if keys_seen[base] == 1 else f"{base}-{keys_seen[base]}"
        for text, seq in texts:
            drafts.append((seq, key, section, text))
    counters: Dict[str, int] = {}
    numbered: List[Tuple[int, int, str, Section, str]] = []
    for position, (seq, key, section, text) in enumerate(drafts):
        counters[key] = counters.get(key, 0) + 1
        numbered.append((seq, position, f"{id_prefix}/{key}/{counters[key]}", section, text))
    numbered.sort(key=lambda t: (t[0], t[1]))  # reading order (a section resumed after a table)
    passages = [
        Passage(
            id=pid,
            document=document,
            authority=meta.authority,
            title=collapse_ws(meta.title),
            kind=meta.kind,
            section=section.cite(),
            heading=section.table if section.row and section.table else section.heading,
            text=text,
            order=order,
        )
        for order, (_seq, _pos, pid, section, text) in enumerate(numbered)
    ]
    return passages, excluded


__all__ = [
    "CHUNK_CHARS",
    "LEAD_WITH_ITEMS_CHARS",
    "LIST_PARAGRAPH_WORDS",
    "MAX_PASSAGE_CHARS",
    "SHORT_BULLET_WORDS",
    "document_passages",
]
