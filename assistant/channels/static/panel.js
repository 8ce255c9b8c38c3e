/* The "This week" panel: the worker's items due this week plus everything overdue
 * (the same JSON as `cin-assistant due --json --worker ID`), each with the rule behind its date. */

import { el, make } from "./page.js";
import { asText, firstText, isObject } from "./values.js";
import { authorityName, itemName } from "./words.js";
import { clockTime, dayNumber, localIsoToday, shortDate } from "./dates.js";
import { citationLabel } from "./citations.js";
import { errorText, isQuiet, request } from "./server.js";
import { signedIn } from "./session.js";

const PANEL_TIMEOUT_MS = 30000;
const DUE_SOON_DAYS = 2;
const CANT_REFRESH = "I couldn't refresh this list just now. Please try again.";

let ruleCounter = 0; // ids for the rule sentences items are described by

export function initPanel() {
  el.panelRefresh.addEventListener("click", loadPanel);
}

/** Signed out or in again: the last worker's list is gone. */
export function resetPanel() {
  el.panelItems.removeAttribute("aria-busy");
  el.panelRefresh.disabled = false;
  el.panelItems.textContent = "";
  el.panelEmpty.hidden = true;
  el.panelError.textContent = "";
  el.panelUpdated.textContent = "";
  el.panelWindow.textContent = "";
  el.panelSummary.textContent = "";
}

/** Ask the server for the list and show it (or say it could not be had; the old list stays). */
export function loadPanel() {
  if (!signedIn()) {
    return;
  }
  el.panelItems.setAttribute("aria-busy", "true");
  el.panelRefresh.disabled = true;
  request("panel", { timeout: PANEL_TIMEOUT_MS })
    .then((result) => {
      doneLoading();
      if (result.status === 200 && isObject(result.data)) {
        renderPanel(result.data);
      } else {
        const msg = result.status >= 500 ? "" : errorText(result.data);
        el.panelError.textContent = msg || CANT_REFRESH;
      }
    }, (err) => {
      doneLoading();
      if (!isQuiet(err)) {
        el.panelError.textContent = CANT_REFRESH;
      }
    });
}

function doneLoading() {
  el.panelItems.removeAttribute("aria-busy");
  el.panelRefresh.disabled = false;
}

function renderPanel(data) {
  const todayIso = (typeof data.today === "string" && data.today) || localIsoToday();
  const items = Array.isArray(data.items) ? data.items.filter(isObject) : [];
  const rules = isObject(data.rules) ? data.rules : null;
  el.panelWindow.textContent = windowWords(data.window, todayIso);
  el.panelItems.textContent = "";
  const counts = { overdue: 0, due: 0 };
  items.forEach((item) => {
    const st = statusFor(item, todayIso);
    counts[st.cls === "overdue" ? "overdue" : "due"] += 1;
    el.panelItems.appendChild(itemRow(item, st, todayIso, rules));
  });
  el.panelEmpty.hidden = items.length > 0;
  el.panelSummary.textContent = items.length
    ? [counts.overdue ? counts.overdue + " overdue" : "", counts.due ? counts.due + " due" : ""].filter(Boolean).join(", ")
    : "";
  el.panelError.textContent = "";
  el.panelUpdated.textContent = "Updated at " + clockTime() + ".";
}

/** "Mon 23 Nov to Sun 29 Nov, and anything overdue." */
function windowWords(win, todayIso) {
  if (isObject(win) && win.start && win.end) {
    return shortDate(win.start, todayIso) + " to " + shortDate(win.end, todayIso) + ", and anything overdue.";
  }
  return "";
}

/** Overdue, due soon (within two days) or due: said in words, the colour follows the class. */
function statusFor(item, todayIso) {
  const status = asText(item.status).toLowerCase();
  if (status === "overdue") {
    return { word: "Overdue", cls: "overdue", soon: false };
  }
  const due = dayNumber(item.due);
  const today = dayNumber(todayIso);
  const soon = due !== null && today !== null && due - today >= 0 && due - today <= DUE_SOON_DAYS;
  if (status === "due" || !status) {
    return { word: soon ? "Due soon" : "Due", cls: "due", soon: soon };
  }
  return { word: status.charAt(0).toUpperCase() + status.slice(1), cls: "due", soon: soon };
}

/** One item: child and status, what is due, when, and the rule (focusable, so it is read by keyboard too). */
function itemRow(item, st, todayIso, rules) {
  const li = make("li", "item " + st.cls + (st.soon ? " due-soon" : ""));
  li.dataset.caseId = asText(item.case_id);
  li.dataset.item = asText(item.item);
  li.dataset.due = asText(item.due);
  li.dataset.status = asText(item.status);
  li.tabIndex = 0;
  const top = make("div", "item-top");
  top.appendChild(make("span", "item-child", asText(item.child_name) || asText(item.child_id) || asText(item.case_id) || "Child"));
  top.appendChild(make("span", "status-badge", st.word));
  li.appendChild(top);
  li.appendChild(make("span", "item-what", itemName(item.item)));
  li.appendChild(itemWhen(item, st, todayIso));
  addRule(li, ruleWords(item, rules));
  return li;
}

/** "Was due Thu 22 Oct · case c2", with a machine-readable <time>. */
function itemWhen(item, st, todayIso) {
  const when = make("span", "item-when");
  when.appendChild(document.createTextNode(st.cls === "overdue" ? "Was due " : "Due "));
  const time = make("time", null, shortDate(item.due, todayIso));
  if (dayNumber(item.due) !== null) {
    time.setAttribute("datetime", asText(item.due).slice(0, 10));
  }
  when.appendChild(time);
  if (item.case_id) {
    when.appendChild(document.createTextNode(" · case " + asText(item.case_id)));
  }
  return when;
}

/** The rule as a tooltip and as text the item is described by (hover, tab or select all show it). */
function addRule(li, rule) {
  if (!rule) {
    return;
  }
  ruleCounter += 1;
  const ruleId = "panel-rule-" + ruleCounter;
  li.title = rule;
  const ruleNode = make("span", "item-rule", rule);
  ruleNode.id = ruleId;
  li.appendChild(ruleNode);
  li.setAttribute("aria-describedby", ruleId);
}

/** "Rule: ... Source: ... Council: ...": why the date is what it is, and where that is written. */
function ruleWords(item, rules) {
  const parts = [];
  const ruleId = asText(item.rule);
  const ruleInfo = isObject(rules) && ruleId ? rules[ruleId] : null;
  const described = ruleDescription(ruleInfo);
  if (described) {
    parts.push("Rule: " + described + (ruleId && described.indexOf(ruleId) < 0 ? " (" + ruleId + ")" : "") + ".");
  } else if (ruleId) {
    parts.push("Rule: " + ruleId + ".");
  }
  const where = ruleSource(item, ruleInfo);
  if (where) {
    parts.push("Source: " + where + ".");
  }
  if (item.authority) {
    parts.push("Council: " + authorityName(item.authority) + ".");
  }
  return parts.join(" ");
}

function ruleDescription(ruleInfo) {
  if (typeof ruleInfo === "string") {
    return ruleInfo;
  }
  return isObject(ruleInfo) ? firstText(ruleInfo, ["text", "description", "summary", "label", "duration", "quote"]) : "";
}

function ruleSource(item, ruleInfo) {
  const source = item.source;
  if (typeof source === "string") {
    return source;
  }
  if (isObject(source)) {
    return citationLabel(source, false, item.authority);
  }
  if (isObject(ruleInfo) && (ruleInfo.document || ruleInfo.title)) {
    return citationLabel(ruleInfo, false);
  }
  return "";
}
