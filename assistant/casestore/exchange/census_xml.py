"""Reading a census file: its encoding, its root and reference date, its elements, paths and dates.

The file's own encoding is honoured (its byte-order mark or XML declaration);
bytes that do not match it, or an encoding the parser cannot read, refuse the
file with the line and what to do. A DTD or entity declaration refuses the
file (defusedxml finds one in any encoding). Element paths are walked with a
stack, not recursion, so no nesting depth ends in a RecursionError.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Iterator, List, Optional, Tuple

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from assistant.casestore.exchange.census_report import CensusImportError, CensusProblem

#: Leaf elements that hold a date although "Date" is not in their name.
EXTRA_DATE_ELEMENTS: Tuple[str, ...] = ("InitialCPCtarget",)
#: Blocks that may repeat; their path segments always carry a position ("CINdetails[2]").
REPEATED_BLOCKS: Tuple[str, ...] = (
    "Child",
    "CINdetails",
    "Assessments",
    "CINPlanDates",
    "Section47",
    "ChildProtectionPlans",
    "Disability",
)

_XS_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:Z|[+-]\d{2}:\d{2})?$")


# --- reading the XML ------------------------------------------------------------------


def local_name(tag: object) -> str:
    """An element's name without its namespace (``{ns}Child`` -> ``Child``)."""
    text = tag if isinstance(tag, str) else ""
    return text.rsplit("}", 1)[-1]


def text_of(element: Optional[ET.Element]) -> str:
    return "" if element is None else (element.text or "").strip()


def children_named(parent: Optional[ET.Element], name: str) -> List[ET.Element]:
    return [] if parent is None else [child for child in parent if local_name(child.tag) == name]


def first_named(parent: Optional[ET.Element], name: str) -> Optional[ET.Element]:
    found = children_named(parent, name)
    return found[0] if found else None


def segment(parent: ET.Element, element: ET.Element) -> str:
    """This element's path segment, with its position among same-named siblings where it matters."""
    name = local_name(element.tag)
    same = [child for child in parent if local_name(child.tag) == name]
    if name in REPEATED_BLOCKS or len(same) > 1:
        return f"{name}[{same.index(element) + 1}]"
    return name


def walk(element: ET.Element, path: str) -> Iterator[Tuple[ET.Element, str]]:
    """Every descendant of ``element`` with its path, in document order.

    With a stack rather than recursion: a file nested thousands of levels deep
    is refused for its content, not by a RecursionError.
    """
    stack: List[Tuple[ET.Element, str]] = []

    def push_children(parent: ET.Element, parent_path: str) -> None:
        children = [child for child in parent if isinstance(child.tag, str)]  # not comments, PIs
        stack.extend((child, f"{parent_path}/{segment(parent, child)}") for child in reversed(children))

    push_children(element, path)
    while stack:
        node, node_path = stack.pop()
        yield node, node_path
        push_children(node, node_path)


def is_date_element(element: ET.Element) -> bool:
    name = local_name(element.tag)
    leaf = not any(isinstance(child.tag, str) for child in element)
    return leaf and ("Date" in name or name in EXTRA_DATE_ELEMENTS)


def parse_census_date(text: str) -> dt.date:
    """An ``xs:date`` (``YYYY-MM-DD``, optionally with a time zone, which is ignored); ValueError if not."""
    match = _XS_DATE.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not a date as YYYY-MM-DD")
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        raise ValueError(f"{text!r} is not a real date") from None


# --- the file ---------------------------------------------------------------------------------


_XML_ENCODING = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")


def _declared_encoding(raw: bytes) -> str:
    """The encoding a file's byte-order mark or XML declaration gives it (XML's default: UTF-8)."""
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "UTF-32"),
        (codecs.BOM_UTF32_BE, "UTF-32"),
        (codecs.BOM_UTF8, "UTF-8"),
        (codecs.BOM_UTF16_LE, "UTF-16"),
        (codecs.BOM_UTF16_BE, "UTF-16"),
    ):
        if raw.startswith(bom):
            return encoding
    match = _XML_ENCODING.match(raw.lstrip()[:200])
    return match.group(1).decode("ascii") if match else "UTF-8"


def _encoding_problem(raw: bytes) -> Optional[str]:
    """Why an unparseable file is not text in the encoding it declares (None if it is, or is unknown)."""
    declared = _declared_encoding(raw)
    if declared == "UTF-32":
        return "the file is UTF-32, which the importer cannot read; save it as UTF-8"
    try:
        raw.decode(declared)
    except LookupError:
        return None
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return (
            f"line {line}: byte 0x{raw[exc.start]:02x} is not {declared}, the encoding the file "
            f"{'declares' if _XML_ENCODING.match(raw.lstrip()[:200]) else 'must have without a declaration'}; "
            f"save it as UTF-8 (or declare the encoding it is in)"
        )
    return None


def parse_message(xml_path: Path) -> Tuple[ET.Element, dt.date]:
    """The document's root and its reference date, or CensusImportError."""
    name = xml_path.name

    def refuse(path: str, reason: str) -> CensusImportError:
        return CensusImportError([CensusProblem("file", path or name, reason)])

    try:
        raw = xml_path.read_bytes()
    except OSError as exc:
        raise refuse(name, f"cannot read the census file: {exc.strerror or exc}") from None
    try:
        # The parser, not a search of the bytes, refuses a DTD: it sees one in any encoding (UTF-16 too).
        root = SafeET.fromstring(raw, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:  # a ValueError, so caught before the encoding errors below
        raise refuse(
            name, "the file declares a DTD or entities; a census return has neither, so it is refused"
        ) from None
    except ET.ParseError as exc:
        raise refuse(name, _encoding_problem(raw) or f"not well-formed XML: {exc}") from None
    except (LookupError, ValueError):  # an encoding Python does not know, or expat cannot read
        raise refuse(
            name, f"the file declares the encoding {_declared_encoding(raw)!r}, which cannot be read; save it as UTF-8"
        ) from None
    if local_name(root.tag) != "Message":
        raise refuse(local_name(root.tag), f"the root element is {local_name(root.tag)!r}, not a census 'Message'")
    collection = first_named(first_named(first_named(root, "Header"), "CollectionDetails"), "Collection")
    if collection is not None and text_of(collection).upper() != "CIN":
        raise refuse(
            "Message/Header/CollectionDetails/Collection",
            f"collection {text_of(collection)!r} is not a Children in Need census (CIN)",
        )
    reference = first_named(first_named(first_named(root, "Header"), "CollectionDetails"), "ReferenceDate")
    where = "Message/Header/CollectionDetails/ReferenceDate"
    if reference is None or not text_of(reference):
        raise refuse(where, "no ReferenceDate: the collection's end date is needed to check the children's dates")
    try:
        reference_date = parse_census_date(text_of(reference))
    except ValueError as exc:
        raise refuse(where, f"ReferenceDate {exc}") from None
    if first_named(root, "Children") is None:
        raise refuse("Message/Children", "no Children element")
    return root, reference_date
