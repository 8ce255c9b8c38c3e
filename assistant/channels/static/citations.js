/* Sources under an answer: one disclosure per citation, its label saying document and section. */

import { make } from "./page.js";
import { asText, firstText, isObject } from "./values.js";
import { authorityName } from "./words.js";

function looksLikeFileName(text) {
  return /^[\w.-]+\.(?:txt|md|pdf|html?|docx?)$/i.test(text);
}

/** "Medway's guidance": how the reply text names a council's documents. */
function guidanceOf(authority) {
  if (!authority) {
    return "";
  }
  if (authority === "england") {
    return "The England general guide";
  }
  const name = authorityName(authority);
  return name + (/s$/.test(name) ? "'" : "'s") + " guidance";
}

/** The same wording as the reply text: "section 10.1", a bullet as given, a heading in quotes. */
function sectionWords(section) {
  if (/^\d+(?:\.\d+)*[a-z]?$/i.test(section)) {
    return ", section " + section;
  }
  if (/^(?:section|bullet|para(?:graph)?|chapter|appendix|table|page)\b/i.test(section) || /["“”]/.test(section)) {
    return ", " + section;
  }
  return ", \u201c" + section + "\u201d";
}

/**
 * A citation's summary: "Medway CIN procedures, section 4.2". The document's
 * title when the payload has one; a bare corpus file name gives way to
 * "Medway's guidance" (as the reply text says it) when the council is known.
 */
export function citationLabel(c, withCouncil, defaultAuthority) {
  let doc = firstText(c, ["title", "document", "source"]) || "Guidance";
  const council = asText(c.authority) || asText(defaultAuthority);
  if (!firstText(c, ["title"]) && looksLikeFileName(doc) && council) {
    doc = guidanceOf(council);
    withCouncil = false;
  }
  const section = firstText(c, ["section"]);
  let label = section ? doc + sectionWords(section) : doc;
  if (withCouncil && c.authority) {
    const name = authorityName(c.authority);
    if (label.toLowerCase().indexOf(name.toLowerCase()) !== 0) {
      label = name + ": " + label;
    }
  }
  return label;
}

/** The council is named on each source only when the sources come from more than one. */
function fromSeveralCouncils(list) {
  const councils = {};
  list.forEach((c) => {
    if (c.authority) {
      councils[c.authority] = true;
    }
  });
  return Object.keys(councils).length > 1;
}

/** One source: its label, and the guidance's exact words behind a disclosure. */
function citationDetails(c, withCouncil, defaultAuthority) {
  const details = make("details", "citation");
  details.appendChild(make("summary", null, citationLabel(c, withCouncil, defaultAuthority)));
  const quote = make("blockquote");
  quote.appendChild(make("p", null, firstText(c, ["quote", "text"]) || "(No quotation was given.)"));
  details.appendChild(quote);
  const file = firstText(c, ["document"]);
  if (file && details.firstChild.textContent.indexOf(file) < 0) {
    details.appendChild(make("p", "citation-file", "Document: " + file));
  }
  return details;
}

/** The "Sources" box under a reply (nothing when the payload has no citations). */
export function addCitations(body, citations, defaultAuthority) {
  if (!Array.isArray(citations)) {
    return;
  }
  const list = citations.filter(isObject);
  if (!list.length) {
    return;
  }
  const withCouncil = fromSeveralCouncils(list);
  const box = make("div", "citations");
  box.appendChild(make("p", "citations-heading", list.length === 1 ? "Source" : "Sources (" + list.length + ")"));
  list.forEach((c) => box.appendChild(citationDetails(c, withCouncil, defaultAuthority)));
  body.appendChild(box);
}
