/* Starting the conversation afresh (Rasa's restart: slots, forms, history): the chat
 * header's "New conversation" button, and after every sign-in, so a form half filled
 * in an earlier session is not resumed by the next message. */

import { el } from "./page.js";
import { CANT_REACH, errorText, isQuiet, request } from "./server.js";
import { beginExchange, busyWith, endExchange } from "./busy.js";
import { signedIn } from "./session.js";
import { addNote, addSystemMessage, clearTranscript } from "./transcript.js";
import { cancelVoice } from "./voice.js";

const STARTED = "Started a new conversation.";
const RESTART_TIMEOUT_MS = 30000;

export function initConversation() {
  el.newConversation.addEventListener("click", onNewConversation);
}

/**
 * POST restart with the bearer token. Resolves to null when the server has
 * restarted the conversation, else to the words to show (the server's own
 * when it gave some); rejects only when the session ended or changed meanwhile.
 */
function restartOnServer() {
  return request("restart", { method: "POST", timeout: RESTART_TIMEOUT_MS }).then((result) => {
    if (result.status >= 200 && result.status < 300) {
      return null;
    }
    return errorText(result.data) || CANT_REACH;
  }, (err) => {
    if (isQuiet(err)) {
      throw err;
    }
    return CANT_REACH;
  });
}

/** After a sign-in the page is empty already: only a failure is worth a word. Never rejects. */
export function restartAfterSignIn() {
  return restartOnServer().then((failure) => {
    if (failure) {
      addSystemMessage(failure);
    }
  }, () => { /* signed out meanwhile: nothing to show */ });
}

function onNewConversation() {
  if (!signedIn()) {
    return;
  }
  const doing = busyWith();
  if (doing) {
    if (doing !== "restart") {
      el.chatStatus.textContent = "Please wait for the assistant's answer before starting a new conversation.";
    }
    return;
  }
  cancelVoice();
  waitForRestart(true);
  restartOnServer().then((failure) => {
    waitForRestart(false);
    if (failure) {
      addSystemMessage(failure);
    } else {
      showFreshStart();
    }
    el.messageInput.focus();
  }, () => { /* the session ended or changed: the page has been reset already */ });
}

/** Nothing else is sent while the restart is on its way (its answer would land in the old conversation). */
function waitForRestart(waiting) {
  if (waiting) {
    beginExchange("restart");
  } else {
    endExchange();
  }
  el.sendButton.disabled = waiting;
  el.chatStatus.textContent = waiting ? "Starting a new conversation…" : "";
  if (waiting) {
    el.messages.setAttribute("aria-busy", "true");
  } else {
    el.messages.removeAttribute("aria-busy");
  }
}

/** The old transcript goes, the example questions come back, and one line says why the log is empty. */
function showFreshStart() {
  clearTranscript();
  el.starters.hidden = false;
  addNote(STARTED);
}
