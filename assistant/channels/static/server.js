/* Talking to the server: JSON requests, with the bearer token when signed in.
 *
 * The token is held by session.js, which hands this module a way to read it
 * (useAuth), so the two do not import each other.
 */

import { firstText, isObject } from "./values.js";

export const SESSION_ENDED = "Your session has ended. Please sign in again.";
export const CANT_REACH = "I can't reach the assistant just now. Please try again.";
const DEFAULT_TIMEOUT_MS = 60000;

/** No answer at all (the network, or the request timed out). */
export class NetworkError extends Error {
  constructor(message) {
    super(message || CANT_REACH);
    this.name = "NetworkError";
  }
}

/** A 401 on a signed-in request: the session has been ended here already. */
export class SessionEndedError extends Error {
  constructor() {
    super(SESSION_ENDED);
    this.name = "SessionEndedError";
  }
}

/** The worker signed out or in again while waiting: the answer belongs to nobody on screen now. */
export class StaleError extends Error {
  constructor() {
    super("answer of an earlier session");
    this.name = "StaleError";
  }
}

let auth = { token: () => null, session: () => 0, ended: () => {} };

/** Where the token, the session's number and "the session has ended" come from (session.js). */
export function useAuth(provider) {
  auth = provider;
}

/** Errors after which a caller shows nothing: the page has already been reset. */
export function isQuiet(err) {
  return err instanceof SessionEndedError || err instanceof StaleError;
}

/**
 * One request. Resolves to {status, data} (data: parsed JSON or null).
 * Rejects with NetworkError (no answer, timeout), SessionEndedError (401 on
 * an authenticated request: the session is ended here) or StaleError (the
 * session changed while waiting).
 */
export function request(path, options = {}) {
  const withAuth = options.auth !== false;
  const mySession = auth.session();
  const token = withAuth ? auth.token() : null;
  if (withAuth && !token) {
    return Promise.reject(new SessionEndedError());
  }
  const timer = abortAfter(options.timeout || DEFAULT_TIMEOUT_MS);
  return fetch(path, fetchOptions(options, token, timer.signal))
    .then(readAnswer, () => {
      throw new NetworkError();
    })
    .then((result) => {
      timer.clear();
      return checkAnswer(result, withAuth, mySession);
    }, (err) => {
      timer.clear();
      if (withAuth && mySession !== auth.session()) {
        throw new StaleError();
      }
      throw err;
    });
}

/** fetch's options: JSON body and headers, never a cookie's worth of state, nothing cached. */
function fetchOptions(options, token, signal) {
  const headers = Object.assign({}, options.headers || {});
  if (token) {
    headers.Authorization = "Bearer " + token;
  }
  let body = options.body;
  if (options.json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(options.json);
  }
  headers.Accept = "application/json";
  return {
    method: options.method || "GET",
    headers: headers,
    body: body,
    credentials: "same-origin",
    cache: "no-store",
    signal: signal
  };
}

/** A timeout that aborts the request, so a hung server ends in "can't reach" rather than waiting for ever. */
function abortAfter(ms) {
  const controller = typeof AbortController === "function" ? new AbortController() : null;
  const timer = controller ? setTimeout(() => controller.abort(), ms) : null;
  return {
    signal: controller ? controller.signal : undefined,
    clear: () => {
      if (timer) {
        clearTimeout(timer);
      }
    }
  };
}

/** The status and the body as JSON (null when it is empty or not JSON: a proxy's error page, say). */
function readAnswer(response) {
  return response.text().then((raw) => {
    let data = null;
    if (raw) {
      try {
        data = JSON.parse(raw);
      } catch (e) {
        data = null;
      }
    }
    return { status: response.status, data: data };
  });
}

/** Drop an answer that outlived its session; a 401 ends the session (the token expired or was revoked). */
function checkAnswer(result, withAuth, mySession) {
  if (withAuth && mySession !== auth.session()) {
    throw new StaleError();
  }
  if (withAuth && result.status === 401) {
    auth.ended(SESSION_ENDED);
    throw new SessionEndedError();
  }
  return result;
}

/** The sentence a refusal carries for the user ({"error": ...}), or "". */
export function errorText(data) {
  return isObject(data) ? firstText(data, ["error", "message", "detail"]) : "";
}

/** A POST nobody waits for (sign-out: the page has already forgotten the token, whatever the answer). */
export function postAndForget(path, token) {
  fetch(path, {
    method: "POST",
    headers: { Authorization: "Bearer " + token, Accept: "application/json" },
    credentials: "same-origin",
    cache: "no-store"
  }).catch(() => { /* nothing to do: the token is gone from this page */ });
}
