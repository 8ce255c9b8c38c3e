/* What a reply's custom payload adds under its text (docs/conversation.md): sources,
 * answer buttons for clarify questions, forms, the quiz and the induction walk-through. */

import { asText, firstText, isObject } from "./values.js";
import { addChoices } from "./transcript.js";
import { addCitations } from "./citations.js";

const YES_NO = [{ label: "Yes", send: "Yes" }, { label: "No", send: "No" }];

/** One option of a payload -> {label, send}, or null. */
function optionChoice(o, kind) {
  if (typeof o === "string" || typeof o === "number") {
    let words = asText(o);
    if (kind === "item_type") {
      words = words.replace(/_/g, " ");
    }
    return { label: words, send: words };
  }
  if (!isObject(o)) {
    return null;
  }
  let label = firstText(o, ["label", "title", "name", "text", "value"]);
  let send = firstText(o, ["send", "payload_text", "value"]) || label;
  if (o.case_id && (o.name || o.child_name)) {
    // Two children share a name: the name alone would be ambiguous again,
    // so the button shows the name and case reference and sends the reference.
    label = asText(o.name || o.child_name) + " (case " + asText(o.case_id) + ")";
    send = asText(o.case_id);
  }
  return label ? { label: label, send: send } : null;
}

/** options/suggestions of a payload -> [{label, send}]. */
function optionChoices(list, kind) {
  if (!Array.isArray(list)) {
    return [];
  }
  return list.map((o) => optionChoice(o, kind)).filter(Boolean);
}

/** A form question answered yes or no, when the payload gives no options of its own. */
function expectsYesNo(custom) {
  const expects = custom.expects;
  if (expects === true) {
    return true;
  }
  if (typeof expects === "string" && /yes|no|bool|confirm|affirm/i.test(expects)) {
    return true;
  }
  if (Array.isArray(expects)) {
    return expects.some((e) => /^(yes|no)$/i.test(asText(e)));
  }
  if (custom.status === "confirm") {
    return true;
  }
  return custom.status === "asking" && (custom.slot === "child_seen" || custom.slot === "seen_alone" || custom.slot === "visit_confirmed");
}

function renderClarify(body, custom) {
  const choices = optionChoices(custom.options, custom.reason === "unknown_item_type" ? "item_type" : "")
    .concat(optionChoices(custom.suggestions))
    .concat(optionChoices(custom.accepted));
  addChoices(body, "Suggested answers", choices);
  return false;
}

function renderQuiz(body, custom) {
  if (isObject(custom.result)) {
    addCitations(body, custom.result.citations, custom.authority);
  }
  const finished = custom.status && custom.status !== "asking";
  if (!finished) {
    const answers = optionChoices(custom.options).map((c, i) => {
      // Lettered as the question reads them out ("a) ten working days"); the words are sent.
      return i < 26 ? { label: String.fromCharCode(97 + i) + ") " + c.label, send: c.send } : c;
    });
    if (answers.length) {
      answers.push({ label: "Stop the quiz", send: "stop" });
    }
    addChoices(body, "Quiz answers", answers);
  }
  return false;
}

/** A form's answer buttons; true once it is saved (a recorded visit changes the panel). */
function renderForm(body, custom) {
  const saved = custom.saved === true || custom.status === "saved";
  if (!saved && custom.status !== "cancelled") {
    let formChoices = optionChoices(custom.options);
    if (!formChoices.length && expectsYesNo(custom)) {
      formChoices = YES_NO;
    }
    addChoices(body, "Answers", formChoices);
  }
  return saved;
}

function renderInduction(body, custom) {
  addCitations(body, custom.citations, custom.authority);
  if (custom.status === "finished") {
    addChoices(body, "What next", [{ label: "Start the quiz", send: "Start the quiz" }]);
    return false;
  }
  const steps = [];
  if (Number(custom.step) > 1) {
    steps.push({ label: "Back", send: "back" });
  }
  steps.push({ label: "Next", send: "next" });
  steps.push({ label: "Stop", send: "stop" });
  addChoices(body, "Induction steps", steps);
  return false;
}

/** An answer's sources. Other payloads (refusal, out_of_scope, smalltalk, help, ...): the text
 * says it all, but citations are still shown if one happens to carry them. */
function renderCitations(body, custom) {
  addCitations(body, custom.citations, custom.authority);
  return false;
}

const RENDERERS = {
  answer: renderCitations,
  due_items: () => false, // the text already lists the items
  clarify: renderClarify,
  quiz: renderQuiz,
  form: renderForm,
  induction: renderInduction
};

/** What a reply's custom payload adds under its text. Returns true if the panel should be refreshed. */
export function renderPayload(body, custom) {
  if (!isObject(custom)) {
    return false;
  }
  const type = asText(custom.type);
  // Own keys only: a type such as "constructor" must not find Object.prototype's.
  const render = Object.prototype.hasOwnProperty.call(RENDERERS, type) ? RENDERERS[type] : renderCitations;
  return render(body, custom);
}
