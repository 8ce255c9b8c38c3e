/* Dates and times as the page shows them. Server dates are ISO days, read as UTC so no time zone moves them. */

import { asText } from "./values.js";

const DAY_NAMES = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAY_MS = 86400000;

/** "2026-11-24" -> a UTC day number, or null: days compare and subtract as numbers. */
export function dayNumber(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(asText(iso));
  if (!m) {
    return null;
  }
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return isNaN(ms) ? null : Math.round(ms / DAY_MS);
}

/** "2026-11-24" -> "Tue 24 Nov" (the year added when it is not `todayIso`'s year). */
export function shortDate(iso, todayIso) {
  const n = dayNumber(iso);
  if (n === null) {
    return asText(iso);
  }
  const d = new Date(n * DAY_MS);
  let text = DAY_NAMES[d.getUTCDay()] + " " + d.getUTCDate() + " " + MONTH_NAMES[d.getUTCMonth()];
  const t = dayNumber(todayIso);
  if (t !== null && new Date(t * DAY_MS).getUTCFullYear() !== d.getUTCFullYear()) {
    text += " " + d.getUTCFullYear();
  }
  return text;
}

/** Today on this computer's calendar, for a panel answer that does not say which day it is. */
export function localIsoToday() {
  const d = new Date();
  const mm = String(d.getMonth() + 1).padStart(2, "0");
  const dd = String(d.getDate()).padStart(2, "0");
  return d.getFullYear() + "-" + mm + "-" + dd;
}

/** "14:05": when the panel was last brought up to date. */
export function clockTime() {
  const d = new Date();
  return String(d.getHours()).padStart(2, "0") + ":" + String(d.getMinutes()).padStart(2, "0");
}
