/* Sending a typed message (or an answer button's words) and showing the assistant's replies. */

import { el } from "./page.js";
import { asText } from "./values.js";
import { CANT_REACH, errorText, isQuiet, request } from "./server.js";
import { beginExchange, busyWith, endExchange } from "./busy.js";
import { signedIn } from "./session.js";
import { addSystemMessage, addUserMessage, clearTranscript, retireChoices } from "./transcript.js";
import { renderReplies } from "./replies.js";

const CHAT_TIMEOUT_MS = 60000;

export function initChat() {
  el.messageForm.addEventListener("submit", onMessageSubmit);
  el.messages.addEventListener("click", onChoiceClick);
  el.starters.addEventListener("click", onChoiceClick);
}

/** Signed out or in again: nothing on its way, nothing shown, the example questions back. */
export function resetChat() {
  endExchange();
  el.sendButton.disabled = false;
  el.messages.removeAttribute("aria-busy");
  el.chatStatus.textContent = "";
  clearTranscript();
  el.starters.hidden = false;
}

function sendMessage(text, fromInput) {
  text = asText(text).trim();
  if (!text || !signedIn()) {
    return;
  }
  if (busyWith()) {
    el.chatStatus.textContent = "Please wait for the assistant's answer before sending another message.";
    return;
  }
  startSending(text);
  request("webhook", { method: "POST", json: { message: text }, timeout: CHAT_TIMEOUT_MS })
    .then((result) => {
      finishSend();
      showAnswer(result, text, fromInput);
      el.messageInput.focus();
    }, (err) => {
      if (isQuiet(err)) {
        return;
      }
      finishSend();
      addSystemMessage(CANT_REACH);
      if (!fromInput && !el.messageInput.value.trim()) {
        el.messageInput.value = text; // a button's words stay available to send again
      }
      el.messageInput.focus();
    });
}

/** The worker's words on the page at once, and the log marked busy until the answer comes. */
function startSending(text) {
  beginExchange("message");
  el.sendButton.disabled = true;
  el.starters.hidden = true;
  addUserMessage(text, false);
  el.chatStatus.textContent = "The assistant is answering…";
  el.messages.setAttribute("aria-busy", "true");
}

function finishSend() {
  endExchange();
  el.sendButton.disabled = false;
  el.chatStatus.textContent = "";
  el.messages.removeAttribute("aria-busy");
}

/** The replies, or the server's refusal in its own words (ours for a server error). */
function showAnswer(result, text, fromInput) {
  if (result.status >= 200 && result.status < 300 && Array.isArray(result.data)) {
    if (fromInput && el.messageInput.value.trim() === text) {
      el.messageInput.value = "";
    }
    retireChoices();
    renderReplies(result.data);
  } else if (result.status >= 500 || result.status < 200) {
    addSystemMessage(CANT_REACH);
  } else {
    addSystemMessage(errorText(result.data) || CANT_REACH);
  }
}

function onMessageSubmit(event) {
  event.preventDefault();
  const text = el.messageInput.value.trim();
  if (!text) {
    el.messageInput.focus();
    return;
  }
  sendMessage(text, true);
}

/** An answer button or an example question: its words are sent as if typed. */
function onChoiceClick(event) {
  const button = event.target.closest ? event.target.closest("button.choice") : null;
  if (!button || button.disabled || !button.dataset.send) {
    return;
  }
  sendMessage(button.dataset.send, false);
}
