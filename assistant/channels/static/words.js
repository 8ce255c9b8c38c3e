/* The server's codes (items, councils, roles) in the words a worker reads. */

import { asText } from "./values.js";

/** Engine item codes in words (fallback: underscores to spaces, first letter capital). */
const ITEM_NAMES = {
  assessment: "Assessment",
  first_home_visit: "First home visit",
  initial_cin_meeting: "Initial CIN meeting",
  plan_circulation: "CIN plan circulation",
  visit: "Visit",
  cin_review: "CIN review",
  supervision: "Supervision",
  case_summary: "Case summary",
  oversight: "Oversight milestone"
};

/** Authority codes in words, for citations when an answer compares councils. */
const AUTHORITY_NAMES = {
  medway: "Medway",
  kent: "Kent",
  camden: "Camden",
  practice_matters: "Practice Matters",
  england: "England general guide"
};

/** Roles of the exchange format (spec, assistant/casestore/exchange/csv_format.py) that are not just capitalised. */
const ROLE_WORDS = { asye: "ASYE (newly qualified)", iro: "IRO" };

/** Own keys only, so a code such as "constructor" is not read off Object.prototype. */
function known(table, key) {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : null;
}

/** "cin_review" -> "Cin review": an unknown code still reads as words. */
function capitalised(code) {
  const words = code.replace(/_/g, " ").trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : "";
}

export function itemName(code) {
  const key = asText(code);
  return known(ITEM_NAMES, key) || capitalised(key) || "Item";
}

export function authorityName(code) {
  const key = asText(code);
  return known(AUTHORITY_NAMES, key) || key.replace(/_/g, " ").replace(/\b\w/g, (c) => c.toUpperCase());
}

export function roleWords(role) {
  const key = asText(role).trim().toLowerCase();
  return known(ROLE_WORDS, key) || capitalised(key);
}
