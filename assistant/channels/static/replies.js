/* The webhook's list of messages on the page: a text starts a new assistant turn,
 * the custom payload goes under the text before it. */

import { asText, isObject } from "./values.js";
import { addSystemMessage, addTurn, renderText, scrollToNewest } from "./transcript.js";
import { renderPayload } from "./payloads.js";
import { loadPanel } from "./panel.js";

/** "Saved: visit to ..." (assistant/dialogue/visits.py), or any "visit recorded" wording. */
function textSaysVisitRecorded(text) {
  const t = asText(text);
  return /^saved: visit\b/im.test(t) || /\bvisit (?:was |has been |is )?(?:recorded|saved)\b/i.test(t);
}

/** Render the replies; returns the first new turn (null if there was none) so the caller can add to it. */
export function renderReplies(messages) {
  const list = Array.isArray(messages) ? messages : [];
  const state = { body: null, firstTurn: null, refresh: false };
  list.forEach((m) => {
    if (isObject(m)) {
      renderReply(m, state);
    }
  });
  if (!state.firstTurn) {
    addSystemMessage("The assistant didn't send a reply. Please try again, or put it another way.");
  }
  scrollToNewest(state.firstTurn);
  if (state.refresh) {
    loadPanel(); // a spare refresh costs nothing; a stale panel would mislead
  }
  return state.firstTurn;
}

/** One message of the list: its text as a new turn, its payload under the current one. */
function renderReply(m, state) {
  const hasText = typeof m.text === "string" && m.text.trim() !== "";
  if (hasText) {
    newTurn(state);
    renderText(state.body, m.text);
    if (textSaysVisitRecorded(m.text)) {
      state.refresh = true;
    }
  }
  if (isObject(m.custom)) {
    if (!state.body) {
      newTurn(state);
    }
    if (renderPayload(state.body, m.custom)) {
      state.refresh = true;
    }
  }
}

function newTurn(state) {
  state.body = addTurn("bot", "Assistant");
  state.firstTurn = state.firstTurn || state.body.parentNode;
}
