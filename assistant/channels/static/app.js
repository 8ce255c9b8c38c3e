/* CIN Practice Assistant: the browser page's entry. It wires the modules and does nothing else.
 *
 * Plain ES modules (ES2017), no framework, no bundler, no build step, nothing
 * fetched from outside the council's own server (the Content-Security-Policy
 * allows 'self' only, no inline script). Each module has one job:
 *
 *   session.js       sign-in, the token (in memory only), sign-out, expiry
 *   conversation.js  "New conversation", and a fresh conversation after each sign-in
 *   chat.js          sending typed messages; replies.js, payloads.js, citations.js and
 *                    transcript.js put the replies and their custom payloads on the page
 *   panel.js         the "This week" panel
 *   voice.js         the microphone (wav.js: 16 kHz mono WAV; playback.js: the spoken reply)
 *   server.js        requests with the bearer token; busy.js: one exchange at a time
 *   page.js, values.js, words.js, dates.js: elements, safe JSON reading, codes and dates in words
 */

import { el, findElements } from "./page.js";
import { initSession, signedIn } from "./session.js";
import { initChat, resetChat } from "./chat.js";
import { initPanel, loadPanel, resetPanel } from "./panel.js";
import { initVoice, resetVoice } from "./voice.js";
import { initConversation, restartAfterSignIn } from "./conversation.js";

/** After a sign-in: the panel loads while the conversation restarts; the page shows once that is done. */
function startWorkspace() {
  loadPanel();
  return restartAfterSignIn();
}

/** Signed out, expired or signed in again: every module forgets what it was doing and showing. */
function forgetWorkspace() {
  resetVoice();
  resetChat();
  resetPanel();
}

/** The skip link goes to the sign-in form or to the message box, whichever is showing. */
function onSkipLink(event) {
  const target = signedIn() ? el.messageInput : el.workerId;
  if (target && !target.closest("[hidden]")) {
    event.preventDefault();
    target.focus();
  }
}

function init() {
  findElements();
  initSession({ start: startWorkspace, forget: forgetWorkspace });
  initChat();
  initPanel();
  initVoice();
  initConversation();
  el.skipLink.addEventListener("click", onSkipLink);
}

// A module script runs once the document has been parsed, so every element is there.
init();
