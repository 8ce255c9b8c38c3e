/* Signing in and out, and the session's end when the token expires.
 *
 * The sign-in token lives in a variable of this module and nowhere else: not
 * in localStorage, sessionStorage or a cookie, so a shared computer keeps
 * nothing once the tab is closed.
 */

import { el } from "./page.js";
import { asText, isObject } from "./values.js";
import { roleWords } from "./words.js";
import { CANT_REACH, SESSION_ENDED, errorText, postAndForget, request, useAuth } from "./server.js";

const SIGNED_OUT = "You have signed out.";
const SIGN_IN_TIMEOUT_MS = 30000;
const LONGEST_TIMER_MS = 2147483000; // setTimeout cannot wait longer

let token = null;
let lastWorkerId = null;
let session = 0;            // bumped on every sign-in and sign-out: late answers of an old session are dropped
let expiryTimer = null;
let hooks = { start: () => Promise.resolve(), forget: () => {} };

/**
 * Wire the sign-in form and the sign-out button. `given.start()` runs after a
 * sign-in and before the workspace shows (a promise); `given.forget()` makes
 * the other modules drop what they were doing and showing.
 */
export function initSession(given) {
  hooks = given;
  useAuth({ token: () => token, session: () => session, ended: endSession });
  el.signinForm.addEventListener("submit", onSignIn);
  el.signoutButton.addEventListener("click", onSignOut);
  showWorkspace(false);
}

export function signedIn() {
  return Boolean(token);
}

/** The current session's number: work started in an earlier one is dropped. */
export function sessionNumber() {
  return session;
}

/** Either the sign-in form or the chat, panel and account bar: never both. */
function showWorkspace(visible) {
  el.chat.hidden = !visible;
  el.panel.hidden = !visible;
  el.account.hidden = !visible;
  el.signin.hidden = visible;
}

function showSignedOut(errorMessage, noticeMessage) {
  showWorkspace(false);
  el.signinError.textContent = errorMessage || "";
  el.signinNotice.textContent = noticeMessage || "";
  resetSignInButton();
  el.password.value = "";
  el.workerId.focus();
}

function resetSignInButton() {
  el.signinButton.disabled = false;
  el.signinButton.textContent = "Sign in";
}

/** Forget the session locally: token, timers, recording, audio, everything shown. */
function forgetSession() {
  session += 1;
  token = null;
  clearExpiry();
  hooks.forget();
  el.workerName.textContent = "";
  el.workerRole.textContent = "";
}

/** The server said 401, or the token expired: back to the sign-in form. */
function endSession(message) {
  if (!token) {
    return;
  }
  forgetSession();
  showSignedOut(message || SESSION_ENDED, "");
}

function clearExpiry() {
  if (expiryTimer) {
    clearTimeout(expiryTimer);
    expiryTimer = null;
  }
}

/** End the session on this page when the token expires, rather than at the next refused request. */
function scheduleExpiry(expiresAt) {
  clearExpiry();
  const when = Date.parse(asText(expiresAt));
  if (isNaN(when)) {
    return;
  }
  const wait = Math.max(0, when - Date.now());
  if (wait > LONGEST_TIMER_MS) {
    return; // the server's 401 will end it
  }
  expiryTimer = setTimeout(() => {
    expiryTimer = null;
    endSession(SESSION_ENDED);
  }, wait);
}

function onSignIn(event) {
  event.preventDefault();
  const workerId = el.workerId.value.trim();
  const password = el.password.value;
  el.signinNotice.textContent = "";
  if (!workerId || !password) {
    askForMissing(workerId, password);
    return;
  }
  el.signinError.textContent = "";
  el.signinButton.disabled = true;
  el.signinButton.textContent = "Signing in…";
  request("login", { method: "POST", auth: false, json: { worker: workerId, password: password }, timeout: SIGN_IN_TIMEOUT_MS })
    .then((result) => {
      const data = result.data;
      if (result.status === 200 && isObject(data) && typeof data.token === "string" && data.token) {
        startSession(data, workerId);
        return;
      }
      signInFailed(refusalText(result));
    }, () => {
      signInFailed(CANT_REACH);
    });
}

/** Say which field is empty and put the cursor there. */
function askForMissing(workerId, password) {
  el.signinError.textContent = !workerId && !password
    ? "Enter your worker ID and password."
    : (!workerId ? "Enter your worker ID." : "Enter your password.");
  (workerId ? el.password : el.workerId).focus();
}

/** The server's own words for a refused sign-in; ours when it gave none or failed. */
function refusalText(result) {
  const message = errorText(result.data);
  if (result.status >= 500 || (!message && result.status !== 401 && result.status !== 429)) {
    return CANT_REACH;
  }
  if (message) {
    return message;
  }
  return result.status === 429
    ? "Too many sign-in attempts. Please wait a few minutes and try again."
    : "The worker ID or password is not right.";
}

function signInFailed(message) {
  resetSignInButton();
  el.signinError.textContent = message;
  el.password.value = "";
  el.password.focus();
}

/** Keep the new token, then show the workspace once `hooks.start` (the fresh conversation) is done. */
function startSession(data, typedId) {
  forgetSession();
  token = data.token;
  const worker = isObject(data.worker) ? data.worker : { id: typedId };
  const workerId = asText(worker.id) || typedId;
  if (lastWorkerId !== null && lastWorkerId !== workerId) {
    el.messageInput.value = ""; // someone else's unsent draft is not shown to a new worker
  }
  lastWorkerId = workerId;
  scheduleExpiry(data.expires_at);
  el.workerName.textContent = asText(worker.name) || workerId;
  el.workerRole.textContent = worker.role ? roleWords(worker.role) : "";
  el.password.value = "";
  const mySession = session;
  const show = () => {
    if (mySession === session) { // not signed out (or expired) meanwhile
      showSignedIn();
    }
  };
  hooks.start().then(show, show);
}

function showSignedIn() {
  el.signinError.textContent = "";
  el.signinNotice.textContent = "";
  resetSignInButton();
  showWorkspace(true);
  // Straight to the message box for keyboard users, without scrolling a
  // phone's page past the header and the example questions.
  el.messageInput.focus({ preventScroll: true });
  window.scrollTo(0, 0);
}

function onSignOut() {
  const hadToken = token;
  forgetSession();
  el.messageInput.value = "";
  el.workerId.value = ""; // a shared computer shows nothing of the last person after sign-out
  showSignedOut("", SIGNED_OUT);
  if (hadToken) {
    // Tell the server; whatever it answers, this page has already forgotten the session.
    postAndForget("logout", hadToken);
  }
}
