/* CIN Practice Assistant: the browser page.
 *
 * Plain ES2017, no framework, no build step, nothing fetched from outside the
 * council's own server (the Content-Security-Policy allows 'self' only).
 *
 * The sign-in token lives in a variable of this closure and nowhere else: not
 * in localStorage, sessionStorage or a cookie, so a shared computer keeps
 * nothing once the tab is closed.
 *
 * Text from the server is only ever put on the page with textContent (never
 * innerHTML), so a quote or a child's name cannot inject markup.
 */
(function () {
  "use strict";

  // ------------------------------------------------------------------ constants

  var SESSION_ENDED = "Your session has ended. Please sign in again.";
  var CANT_REACH = "I can't reach the assistant just now. Please try again.";
  var SIGNED_OUT = "You have signed out.";
  var MAX_RECORDING_MS = 15000;
  var TARGET_RATE = 16000;
  var CHAT_TIMEOUT_MS = 60000;
  var VOICE_TIMEOUT_MS = 90000;
  var PANEL_TIMEOUT_MS = 30000;
  var DUE_SOON_DAYS = 2;

  /** Engine item codes in words (fallback: underscores to spaces, first letter capital). */
  var ITEM_NAMES = {
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
  var AUTHORITY_NAMES = {
    medway: "Medway",
    kent: "Kent",
    camden: "Camden",
    practice_matters: "Practice Matters",
    england: "England general guide"
  };

  var DAY_NAMES = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  var MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  // ------------------------------------------------------------------ state (memory only)

  var token = null;
  var worker = null;
  var lastWorkerId = null;
  var session = 0;            // bumped on every sign-in and sign-out: late answers of an old session are dropped
  var expiryTimer = null;
  var busy = false;           // a typed message is on its way
  var recorder = null;        // the recording in progress, if any
  var voiceBusy = false;      // a recording is being sent
  var player = null;          // the spoken reply playing, if any
  var ruleCounter = 0;

  // ------------------------------------------------------------------ elements

  function $(id) {
    return document.getElementById(id);
  }

  var el = {};

  // ------------------------------------------------------------------ small helpers

  function make(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    return node;
  }

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function asText(value) {
    if (value === undefined || value === null) {
      return "";
    }
    return typeof value === "string" ? value : String(value);
  }

  function firstText(obj, keys) {
    if (!isObject(obj)) {
      return "";
    }
    for (var i = 0; i < keys.length; i++) {
      var v = obj[keys[i]];
      if (typeof v === "string" && v.trim()) {
        return v.trim();
      }
      if (typeof v === "number") {
        return String(v);
      }
    }
    return "";
  }

  function itemName(code) {
    var key = asText(code);
    if (Object.prototype.hasOwnProperty.call(ITEM_NAMES, key)) {
      return ITEM_NAMES[key];
    }
    var words = key.replace(/_/g, " ").trim();
    return words ? words.charAt(0).toUpperCase() + words.slice(1) : "Item";
  }

  function authorityName(code) {
    var key = asText(code);
    if (Object.prototype.hasOwnProperty.call(AUTHORITY_NAMES, key)) {
      return AUTHORITY_NAMES[key];
    }
    return key.replace(/_/g, " ").replace(/\b\w/g, function (c) { return c.toUpperCase(); });
  }

  /** "2026-11-24" -> a UTC day number, or null. */
  function dayNumber(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(asText(iso));
    if (!m) {
      return null;
    }
    var ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    return isNaN(ms) ? null : Math.round(ms / 86400000);
  }

  /** "2026-11-24" -> "Tue 24 Nov" (the year added when it is not `todayIso`'s year). */
  function shortDate(iso, todayIso) {
    var n = dayNumber(iso);
    if (n === null) {
      return asText(iso);
    }
    var d = new Date(n * 86400000);
    var text = DAY_NAMES[d.getUTCDay()] + " " + d.getUTCDate() + " " + MONTH_NAMES[d.getUTCMonth()];
    var t = dayNumber(todayIso);
    if (t !== null && new Date(t * 86400000).getUTCFullYear() !== d.getUTCFullYear()) {
      text += " " + d.getUTCFullYear();
    }
    return text;
  }

  function localIsoToday() {
    var d = new Date();
    var mm = String(d.getMonth() + 1).padStart(2, "0");
    var dd = String(d.getDate()).padStart(2, "0");
    return d.getFullYear() + "-" + mm + "-" + dd;
  }

  function clockTime() {
    var d = new Date();
    return String(d.getHours()).padStart(2, "0") + ":" + String(d.getMinutes()).padStart(2, "0");
  }

  // ------------------------------------------------------------------ talking to the server

  function NetworkError(message) {
    this.name = "NetworkError";
    this.message = message || CANT_REACH;
  }
  NetworkError.prototype = Object.create(Error.prototype);

  function SessionEndedError() {
    this.name = "SessionEndedError";
    this.message = SESSION_ENDED;
  }
  SessionEndedError.prototype = Object.create(Error.prototype);

  function StaleError() {
    this.name = "StaleError";
    this.message = "answer of an earlier session";
  }
  StaleError.prototype = Object.create(Error.prototype);

  /**
   * One request. Resolves to {status, data} (data: parsed JSON or null).
   * Rejects with NetworkError (no answer, timeout), SessionEndedError (401 on
   * an authenticated request: the session is ended here) or StaleError (the
   * session changed while waiting).
   */
  function request(path, options) {
    options = options || {};
    var headers = Object.assign({}, options.headers || {});
    var auth = options.auth !== false;
    var mySession = session;
    if (auth) {
      if (!token) {
        return Promise.reject(new SessionEndedError());
      }
      headers.Authorization = "Bearer " + token;
    }
    var body = options.body;
    if (options.json !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(options.json);
    }
    headers.Accept = "application/json";
    var controller = typeof AbortController === "function" ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, options.timeout || CHAT_TIMEOUT_MS) : null;
    return fetch(path, {
      method: options.method || "GET",
      headers: headers,
      body: body,
      credentials: "same-origin",
      cache: "no-store",
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      return response.text().then(function (raw) {
        var data = null;
        if (raw) {
          try {
            data = JSON.parse(raw);
          } catch (e) {
            data = null;
          }
        }
        return { status: response.status, data: data };
      });
    }, function () {
      throw new NetworkError();
    }).then(function (result) {
      if (timer) {
        clearTimeout(timer);
      }
      if (auth && mySession !== session) {
        throw new StaleError();
      }
      if (auth && result.status === 401) {
        endSession(SESSION_ENDED);
        throw new SessionEndedError();
      }
      return result;
    }, function (err) {
      if (timer) {
        clearTimeout(timer);
      }
      if (auth && mySession !== session) {
        throw new StaleError();
      }
      throw err;
    });
  }

  function errorText(data) {
    if (isObject(data)) {
      var text = firstText(data, ["error", "message", "detail"]);
      if (text) {
        return text;
      }
    }
    return "";
  }

  // ------------------------------------------------------------------ sign in and out

  function showSignedOut(errorMessage, noticeMessage) {
    el.chat.hidden = true;
    el.panel.hidden = true;
    el.account.hidden = true;
    el.signin.hidden = false;
    el.signinError.textContent = errorMessage || "";
    el.signinNotice.textContent = noticeMessage || "";
    el.signinButton.disabled = false;
    el.signinButton.textContent = "Sign in";
    el.password.value = "";
    el.workerId.focus();
  }

  function clearWorkspace() {
    el.messages.textContent = "";
    el.chatStatus.textContent = "";
    el.starters.hidden = false;
    el.panelItems.textContent = "";
    el.panelEmpty.hidden = true;
    el.panelError.textContent = "";
    el.panelUpdated.textContent = "";
    el.panelWindow.textContent = "";
    el.panelSummary.textContent = "";
    el.workerName.textContent = "";
    el.workerRole.textContent = "";
  }

  /** Forget the session locally: token, timers, recording, audio, everything shown. */
  function forgetSession() {
    session += 1;
    token = null;
    worker = null;
    busy = false;
    voiceBusy = false;
    if (expiryTimer) {
      clearTimeout(expiryTimer);
      expiryTimer = null;
    }
    cancelRecording();
    stopPlayback();
    setMicState("idle");
    el.sendButton.disabled = false;
    el.messages.removeAttribute("aria-busy");
    el.panelItems.removeAttribute("aria-busy");
    el.panelRefresh.disabled = false;
    clearWorkspace();
  }

  /** The server said 401, or the token expired: back to the sign-in form. */
  function endSession(message) {
    if (!token) {
      return;
    }
    forgetSession();
    showSignedOut(message || SESSION_ENDED, "");
  }

  function scheduleExpiry(expiresAt) {
    if (expiryTimer) {
      clearTimeout(expiryTimer);
      expiryTimer = null;
    }
    var when = Date.parse(asText(expiresAt));
    if (isNaN(when)) {
      return;
    }
    var wait = Math.max(0, when - Date.now());
    if (wait > 2147483000) {
      return; // longer than setTimeout can wait; the server's 401 will end it
    }
    expiryTimer = setTimeout(function () {
      expiryTimer = null;
      endSession(SESSION_ENDED);
    }, wait);
  }

  function onSignIn(event) {
    event.preventDefault();
    var workerId = el.workerId.value.trim();
    var password = el.password.value;
    el.signinNotice.textContent = "";
    if (!workerId || !password) {
      el.signinError.textContent = !workerId && !password
        ? "Enter your worker ID and password."
        : (!workerId ? "Enter your worker ID." : "Enter your password.");
      (workerId ? el.password : el.workerId).focus();
      return;
    }
    el.signinError.textContent = "";
    el.signinButton.disabled = true;
    el.signinButton.textContent = "Signing in…";
    request("login", { method: "POST", auth: false, json: { worker: workerId, password: password }, timeout: PANEL_TIMEOUT_MS })
      .then(function (result) {
        var data = result.data;
        if (result.status === 200 && isObject(data) && typeof data.token === "string" && data.token) {
          startSession(data, workerId);
          return;
        }
        var message = errorText(data);
        if (result.status >= 500 || (!message && result.status !== 401 && result.status !== 429)) {
          message = CANT_REACH;
        } else if (!message) {
          message = result.status === 429
            ? "Too many sign-in attempts. Please wait a few minutes and try again."
            : "The worker ID or password is not right.";
        }
        signInFailed(message);
      }, function () {
        signInFailed(CANT_REACH);
      });
  }

  function signInFailed(message) {
    el.signinButton.disabled = false;
    el.signinButton.textContent = "Sign in";
    el.signinError.textContent = message;
    el.password.value = "";
    el.password.focus();
  }

  function startSession(data, typedId) {
    forgetSession();
    token = data.token;
    worker = isObject(data.worker) ? data.worker : { id: typedId };
    var workerId = asText(worker.id) || typedId;
    if (lastWorkerId !== null && lastWorkerId !== workerId) {
      el.messageInput.value = ""; // someone else's unsent draft is not shown to a new worker
    }
    lastWorkerId = workerId;
    scheduleExpiry(data.expires_at);

    el.workerName.textContent = asText(worker.name) || workerId;
    el.workerRole.textContent = worker.role ? roleWords(worker.role) : "";
    el.password.value = "";
    el.signinError.textContent = "";
    el.signinNotice.textContent = "";
    el.signinButton.disabled = false;
    el.signinButton.textContent = "Sign in";
    el.signin.hidden = true;
    el.account.hidden = false;
    el.chat.hidden = false;
    el.panel.hidden = false;
    // Straight to the message box for keyboard users, without scrolling a
    // phone's page past the header and the example questions.
    el.messageInput.focus({ preventScroll: true });
    window.scrollTo(0, 0);
    loadPanel();
  }

  // Roles of the exchange format (spec, assistant/casestore/exchange/csv_format.py) in words.
  var ROLE_WORDS = { asye: "ASYE (newly qualified)", iro: "IRO" };

  function roleWords(role) {
    var key = asText(role).trim().toLowerCase();
    if (ROLE_WORDS[key]) return ROLE_WORDS[key];
    var text = key.replace(/_/g, " ");
    return text ? text.charAt(0).toUpperCase() + text.slice(1) : "";
  }

  function onSignOut() {
    var hadToken = token;
    forgetSession();
    el.messageInput.value = "";
    el.workerId.value = ""; // a shared computer shows nothing of the last person after sign-out
    showSignedOut("", SIGNED_OUT);
    if (hadToken) {
      // Tell the server; whatever it answers, this page has already forgotten the session.
      fetch("logout", {
        method: "POST",
        headers: { Authorization: "Bearer " + hadToken, Accept: "application/json" },
        credentials: "same-origin",
        cache: "no-store"
      }).catch(function () { /* nothing to do: the token is gone from this page */ });
    }
  }

  // ------------------------------------------------------------------ the chat log

  function scrollToNewest(turn) {
    var box = el.messages;
    if (!turn) {
      box.scrollTop = box.scrollHeight;
      return;
    }
    // Show the start of a long reply rather than its end.
    var top = turn.offsetTop - box.offsetTop - 8;
    if (turn.offsetHeight > box.clientHeight) {
      box.scrollTop = top;
    } else {
      box.scrollTop = box.scrollHeight;
    }
  }

  function addTurn(kind, whoText) {
    var turn = make("div", "turn turn-" + kind);
    turn.appendChild(make("p", "who", whoText));
    var body = make("div", "message " + kind + "-message");
    turn.appendChild(body);
    el.messages.appendChild(turn);
    return body;
  }

  /** Server text to paragraphs and "- " bullet lists, all through textContent. */
  function renderText(container, text) {
    var lines = asText(text).split(/\r?\n/);
    var list = null;
    lines.forEach(function (line) {
      var bullet = /^\s*(?:[-•*])\s+(.*)$/.exec(line);
      if (bullet) {
        if (!list) {
          list = make("ul");
          container.appendChild(list);
        }
        list.appendChild(make("li", null, bullet[1]));
        return;
      }
      list = null;
      if (line.trim()) {
        container.appendChild(make("p", null, line));
      }
    });
  }

  function addUserMessage(text, byVoice) {
    var body = addTurn("user", byVoice ? "You (by voice)" : "You");
    if (byVoice) {
      body.classList.add("voice");
      body.appendChild(make("span", "heard", "Heard by voice:"));
    }
    body.appendChild(make("p", null, text));
    scrollToNewest();
    return body;
  }

  function addSystemMessage(text) {
    var body = addTurn("system", "Notice");
    renderText(body, text);
    scrollToNewest();
    return body;
  }

  /** Old answer buttons stop working once the conversation has moved on. */
  function retireChoices() {
    var old = el.messages.querySelectorAll(".choices .choice");
    for (var i = 0; i < old.length; i++) {
      old[i].disabled = true;
    }
  }

  function addChoices(body, label, choices) {
    var usable = choices.filter(function (c) { return c && c.label && c.send; });
    if (!usable.length) {
      return;
    }
    var group = make("div", "choices");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", label);
    usable.forEach(function (c) {
      var button = make("button", "choice", c.label);
      button.type = "button";
      button.dataset.send = c.send;
      group.appendChild(button);
    });
    body.appendChild(group);
  }

  function looksLikeFileName(text) {
    return /^[\w.-]+\.(?:txt|md|pdf|html?|docx?)$/i.test(text);
  }

  function guidanceOf(authority) {
    if (!authority) {
      return "";
    }
    if (authority === "england") {
      return "The England general guide";
    }
    var name = authorityName(authority);
    return name + (/s$/.test(name) ? "'" : "'s") + " guidance";
  }

  /**
   * A citation's summary: "Medway CIN procedures, section 4.2". The document's
   * title when the payload has one; a bare corpus file name gives way to
   * "Medway's guidance" (as the reply text says it) when the council is known.
   */
  function citationLabel(c, withCouncil, defaultAuthority) {
    var doc = firstText(c, ["title", "document", "source"]) || "Guidance";
    var council = asText(c.authority) || asText(defaultAuthority);
    if (!firstText(c, ["title"]) && looksLikeFileName(doc) && council) {
      doc = guidanceOf(council);
      withCouncil = false;
    }
    var section = firstText(c, ["section"]);
    var label = doc;
    if (section) {
      // The same wording as the reply text: "section 10.1", a bullet as given, a heading in quotes.
      if (/^\d+(?:\.\d+)*[a-z]?$/i.test(section)) {
        label += ", section " + section;
      } else if (/^(?:section|bullet|para(?:graph)?|chapter|appendix|table|page)\b/i.test(section) || /["“”]/.test(section)) {
        label += ", " + section;
      } else {
        label += ", \u201c" + section + "\u201d";
      }
    }
    if (withCouncil && c.authority) {
      var name = authorityName(c.authority);
      if (label.toLowerCase().indexOf(name.toLowerCase()) !== 0) {
        label = name + ": " + label;
      }
    }
    return label;
  }

  function addCitations(body, citations, defaultAuthority) {
    if (!Array.isArray(citations)) {
      return;
    }
    var list = citations.filter(isObject);
    if (!list.length) {
      return;
    }
    var councils = {};
    list.forEach(function (c) {
      if (c.authority) {
        councils[c.authority] = true;
      }
    });
    var withCouncil = Object.keys(councils).length > 1;
    var box = make("div", "citations");
    box.appendChild(make("p", "citations-heading", list.length === 1 ? "Source" : "Sources (" + list.length + ")"));
    list.forEach(function (c) {
      var details = make("details", "citation");
      details.appendChild(make("summary", null, citationLabel(c, withCouncil, defaultAuthority)));
      var quote = make("blockquote");
      quote.appendChild(make("p", null, firstText(c, ["quote", "text"]) || "(No quotation was given.)"));
      details.appendChild(quote);
      var file = firstText(c, ["document"]);
      if (file && details.firstChild.textContent.indexOf(file) < 0) {
        details.appendChild(make("p", "citation-file", "Document: " + file));
      }
      box.appendChild(details);
    });
    body.appendChild(box);
  }

  /** options/suggestions of a payload -> [{label, send}]. */
  function optionChoices(list, kind) {
    if (!Array.isArray(list)) {
      return [];
    }
    return list.map(function (o) {
      if (typeof o === "string" || typeof o === "number") {
        var words = asText(o);
        if (kind === "item_type") {
          words = words.replace(/_/g, " ");
        }
        return { label: words, send: words };
      }
      if (!isObject(o)) {
        return null;
      }
      var label = firstText(o, ["label", "title", "name", "text", "value"]);
      var send = firstText(o, ["send", "payload_text", "value"]) || label;
      if (o.case_id && (o.name || o.child_name)) {
        // Two children share a name: the name alone would be ambiguous again,
        // so the button shows the name and case reference and sends the reference.
        label = asText(o.name || o.child_name) + " (case " + asText(o.case_id) + ")";
        send = asText(o.case_id);
      }
      return label ? { label: label, send: send } : null;
    }).filter(Boolean);
  }

  var YES_NO = [{ label: "Yes", send: "Yes" }, { label: "No", send: "No" }];

  function expectsYesNo(custom) {
    var expects = custom.expects;
    if (expects === true) {
      return true;
    }
    if (typeof expects === "string" && /yes|no|bool|confirm|affirm/i.test(expects)) {
      return true;
    }
    if (Array.isArray(expects)) {
      return expects.some(function (e) { return /^(yes|no)$/i.test(asText(e)); });
    }
    if (custom.status === "confirm") {
      return true;
    }
    return custom.status === "asking" && (custom.slot === "child_seen" || custom.slot === "seen_alone" || custom.slot === "visit_confirmed");
  }

  /** What a reply's custom payload adds under its text. Returns true if the panel should be refreshed. */
  function renderPayload(body, custom) {
    if (!isObject(custom)) {
      return false;
    }
    var type = asText(custom.type);
    switch (type) {
      case "answer":
        addCitations(body, custom.citations, custom.authority);
        return false;

      case "due_items":
        return false; // the text already lists the items

      case "clarify": {
        var choices = optionChoices(custom.options, custom.reason === "unknown_item_type" ? "item_type" : "")
          .concat(optionChoices(custom.suggestions))
          .concat(optionChoices(custom.accepted));
        addChoices(body, "Suggested answers", choices);
        return false;
      }

      case "quiz": {
        if (isObject(custom.result)) {
          addCitations(body, custom.result.citations, custom.authority);
        }
        var finished = custom.status && custom.status !== "asking";
        if (!finished) {
          var answers = optionChoices(custom.options).map(function (c, i) {
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

      case "form": {
        var saved = custom.saved === true || custom.status === "saved";
        if (!saved && custom.status !== "cancelled") {
          var formChoices = optionChoices(custom.options);
          if (!formChoices.length && expectsYesNo(custom)) {
            formChoices = YES_NO;
          }
          addChoices(body, "Answers", formChoices);
        }
        return saved;
      }

      case "induction": {
        addCitations(body, custom.citations, custom.authority);
        if (custom.status === "finished") {
          addChoices(body, "What next", [{ label: "Start the quiz", send: "Start the quiz" }]);
        } else {
          var steps = [];
          if (Number(custom.step) > 1) {
            steps.push({ label: "Back", send: "back" });
          }
          steps.push({ label: "Next", send: "next" });
          steps.push({ label: "Stop", send: "stop" });
          addChoices(body, "Induction steps", steps);
        }
        return false;
      }

      default:
        // refusal, out_of_scope, smalltalk, help, ...: the text says it all.
        // Citations are still shown if a payload happens to carry them.
        addCitations(body, custom.citations, custom.authority);
        return false;
    }
  }

  /** "Saved: visit to ..." (assistant/dialogue/visits.py), or any "visit recorded" wording. */
  function textSaysVisitRecorded(text) {
    var t = asText(text);
    return /^saved: visit\b/im.test(t) || /\bvisit (?:was |has been |is )?(?:recorded|saved)\b/i.test(t);
  }

  /**
   * Render the webhook's list of messages: a text starts a new assistant turn;
   * the custom payload goes under the text before it.
   */
  function renderReplies(messages) {
    var list = Array.isArray(messages) ? messages : [];
    var body = null;
    var firstTurn = null;
    var refresh = false;
    list.forEach(function (m) {
      if (!isObject(m)) {
        return;
      }
      var hasText = typeof m.text === "string" && m.text.trim() !== "";
      if (hasText) {
        body = addTurn("bot", "Assistant");
        firstTurn = firstTurn || body.parentNode;
        renderText(body, m.text);
        if (textSaysVisitRecorded(m.text)) {
          refresh = true; // a spare refresh costs nothing; a stale panel would mislead
        }
      }
      if (isObject(m.custom)) {
        if (!body) {
          body = addTurn("bot", "Assistant");
          firstTurn = firstTurn || body.parentNode;
        }
        if (renderPayload(body, m.custom)) {
          refresh = true;
        }
      }
    });
    if (!firstTurn) {
      addSystemMessage("The assistant didn't send a reply. Please try again, or put it another way.");
    }
    scrollToNewest(firstTurn);
    if (refresh) {
      loadPanel();
    }
    return firstTurn;
  }

  // ------------------------------------------------------------------ sending a typed message

  function sendMessage(text, fromInput) {
    text = asText(text).trim();
    if (!text || !token) {
      return;
    }
    if (busy || voiceBusy) {
      el.chatStatus.textContent = "Please wait for the assistant's answer before sending another message.";
      return;
    }
    busy = true;
    el.sendButton.disabled = true;
    el.starters.hidden = true;
    addUserMessage(text, false);
    el.chatStatus.textContent = "The assistant is answering…";
    el.messages.setAttribute("aria-busy", "true");
    request("webhook", { method: "POST", json: { message: text }, timeout: CHAT_TIMEOUT_MS })
      .then(function (result) {
        finishSend();
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
        el.messageInput.focus();
      }, function (err) {
        if (err instanceof SessionEndedError || err instanceof StaleError) {
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

  function finishSend() {
    busy = false;
    el.sendButton.disabled = false;
    el.chatStatus.textContent = "";
    el.messages.removeAttribute("aria-busy");
  }

  function onMessageSubmit(event) {
    event.preventDefault();
    var text = el.messageInput.value.trim();
    if (!text) {
      el.messageInput.focus();
      return;
    }
    sendMessage(text, true);
  }

  function onChoiceClick(event) {
    var button = event.target.closest ? event.target.closest("button.choice") : null;
    if (!button || button.disabled || !button.dataset.send) {
      return;
    }
    sendMessage(button.dataset.send, false);
  }

  // ------------------------------------------------------------------ the "This week" panel

  function ruleWords(item, rules) {
    var parts = [];
    var ruleId = asText(item.rule);
    var ruleInfo = isObject(rules) && ruleId ? rules[ruleId] : null;
    var described = "";
    if (typeof ruleInfo === "string") {
      described = ruleInfo;
    } else if (isObject(ruleInfo)) {
      described = firstText(ruleInfo, ["text", "description", "summary", "label", "duration", "quote"]);
    }
    if (described) {
      parts.push("Rule: " + described + (ruleId && described.indexOf(ruleId) < 0 ? " (" + ruleId + ")" : "") + ".");
    } else if (ruleId) {
      parts.push("Rule: " + ruleId + ".");
    }
    var source = item.source;
    var where = "";
    if (typeof source === "string") {
      where = source;
    } else if (isObject(source)) {
      where = citationLabel(source, false, item.authority);
    } else if (isObject(ruleInfo) && (ruleInfo.document || ruleInfo.title)) {
      where = citationLabel(ruleInfo, false);
    }
    if (where) {
      parts.push("Source: " + where + ".");
    }
    if (item.authority) {
      parts.push("Council: " + authorityName(item.authority) + ".");
    }
    return parts.join(" ");
  }

  function statusFor(item, todayIso) {
    var status = asText(item.status).toLowerCase();
    if (status === "overdue") {
      return { word: "Overdue", cls: "overdue", soon: false };
    }
    var due = dayNumber(item.due);
    var today = dayNumber(todayIso);
    var soon = due !== null && today !== null && due - today >= 0 && due - today <= DUE_SOON_DAYS;
    if (status === "due" || !status) {
      return { word: soon ? "Due soon" : "Due", cls: "due", soon: soon };
    }
    return { word: status.charAt(0).toUpperCase() + status.slice(1), cls: "due", soon: soon };
  }

  function renderPanel(data) {
    var todayIso = (isObject(data) && typeof data.today === "string" && data.today) || localIsoToday();
    var items = isObject(data) && Array.isArray(data.items) ? data.items.filter(isObject) : [];
    var rules = isObject(data) && isObject(data.rules) ? data.rules : null;

    var win = isObject(data) && isObject(data.window) ? data.window : null;
    if (win && win.start && win.end) {
      el.panelWindow.textContent = shortDate(win.start, todayIso) + " to " + shortDate(win.end, todayIso) + ", and anything overdue.";
    } else {
      el.panelWindow.textContent = "";
    }

    el.panelItems.textContent = "";
    var overdue = 0;
    var due = 0;
    items.forEach(function (item) {
      var st = statusFor(item, todayIso);
      if (st.cls === "overdue") {
        overdue += 1;
      } else {
        due += 1;
      }
      var li = make("li", "item " + st.cls + (st.soon ? " due-soon" : ""));
      li.dataset.caseId = asText(item.case_id);
      li.dataset.item = asText(item.item);
      li.dataset.due = asText(item.due);
      li.dataset.status = asText(item.status);
      li.tabIndex = 0;

      var top = make("div", "item-top");
      top.appendChild(make("span", "item-child", asText(item.child_name) || asText(item.child_id) || asText(item.case_id) || "Child"));
      top.appendChild(make("span", "status-badge", st.word));
      li.appendChild(top);
      li.appendChild(make("span", "item-what", itemName(item.item)));

      var when = make("span", "item-when");
      when.appendChild(document.createTextNode(st.cls === "overdue" ? "Was due " : "Due "));
      var time = make("time", null, shortDate(item.due, todayIso));
      if (dayNumber(item.due) !== null) {
        time.setAttribute("datetime", asText(item.due).slice(0, 10));
      }
      when.appendChild(time);
      if (item.case_id) {
        when.appendChild(document.createTextNode(" · case " + asText(item.case_id)));
      }
      li.appendChild(when);

      var rule = ruleWords(item, rules);
      if (rule) {
        ruleCounter += 1;
        var ruleId = "panel-rule-" + ruleCounter;
        li.title = rule;
        var ruleNode = make("span", "item-rule", rule);
        ruleNode.id = ruleId;
        li.appendChild(ruleNode);
        li.setAttribute("aria-describedby", ruleId);
      }
      el.panelItems.appendChild(li);
    });

    el.panelEmpty.hidden = items.length > 0;
    el.panelSummary.textContent = items.length
      ? [overdue ? overdue + " overdue" : "", due ? due + " due" : ""].filter(Boolean).join(", ")
      : "";
    el.panelError.textContent = "";
    el.panelUpdated.textContent = "Updated at " + clockTime() + ".";
  }

  function loadPanel() {
    if (!token) {
      return;
    }
    el.panelItems.setAttribute("aria-busy", "true");
    el.panelRefresh.disabled = true;
    request("panel", { timeout: PANEL_TIMEOUT_MS })
      .then(function (result) {
        el.panelItems.removeAttribute("aria-busy");
        el.panelRefresh.disabled = false;
        if (result.status === 200 && isObject(result.data)) {
          renderPanel(result.data);
        } else {
          var msg = result.status >= 500 ? "" : errorText(result.data);
          el.panelError.textContent = msg || "I couldn't refresh this list just now. Please try again.";
        }
      }, function (err) {
        el.panelItems.removeAttribute("aria-busy");
        el.panelRefresh.disabled = false;
        if (err instanceof SessionEndedError || err instanceof StaleError) {
          return;
        }
        el.panelError.textContent = "I couldn't refresh this list just now. Please try again.";
      });
  }

  // ------------------------------------------------------------------ audio playback

  function stopPlayback() {
    if (player) {
      try {
        player.pause();
      } catch (e) { /* already stopped */ }
      player = null;
    }
    var controls = el.messages ? el.messages.querySelectorAll(".audio-control") : [];
    for (var i = 0; i < controls.length; i++) {
      controls[i].textContent = "Play the spoken reply";
    }
  }

  function playAudio(base64, body) {
    var src = asText(base64);
    if (!src) {
      return;
    }
    if (src.indexOf("data:") !== 0) {
      src = "data:audio/wav;base64," + src;
    }
    stopPlayback();
    var audio = new Audio();
    var control = make("button", "button button-secondary button-small audio-control", "Stop the spoken reply");
    control.type = "button";
    if (body) {
      body.appendChild(control);
    }
    function showIdle() {
      control.textContent = "Play the spoken reply";
      if (player === audio) {
        player = null;
      }
    }
    audio.addEventListener("ended", showIdle);
    audio.addEventListener("pause", showIdle);
    audio.addEventListener("error", function () {
      showIdle();
      control.disabled = true;
      control.textContent = "The spoken reply could not be played";
    });
    control.addEventListener("click", function () {
      if (player === audio && !audio.paused) {
        audio.pause();
      } else {
        stopPlayback();
        player = audio;
        control.textContent = "Stop the spoken reply";
        audio.currentTime = 0;
        audio.play().catch(showIdle);
      }
    });
    audio.src = src;
    player = audio;
    audio.play().catch(showIdle);
  }

  // ------------------------------------------------------------------ voice: recording

  function setMicState(state) {
    var button = el.micButton;
    if (!button) {
      return;
    }
    if (state === "recording") {
      button.setAttribute("aria-pressed", "true");
      el.micLabel.textContent = "Stop recording";
      button.disabled = false;
    } else if (state === "sending") {
      button.setAttribute("aria-pressed", "false");
      el.micLabel.textContent = "Sending…";
      button.disabled = true;
    } else {
      button.setAttribute("aria-pressed", "false");
      el.micLabel.textContent = "Speak";
      button.disabled = false;
    }
  }

  function micErrorText(err) {
    var name = err && err.name;
    if (name === "NotAllowedError" || name === "SecurityError" || name === "PermissionDeniedError") {
      return "Microphone access was refused, so I can't hear you. You can type your question instead, or allow the microphone in the browser's settings.";
    }
    if (name === "NotFoundError" || name === "DevicesNotFoundError" || name === "OverconstrainedError") {
      return "No microphone was found. You can type your question instead.";
    }
    if (name === "NotReadableError" || name === "TrackStartError" || name === "AbortError") {
      return "The microphone is in use by another program or could not be started. You can type your question instead.";
    }
    return "The microphone isn't available in this browser. You can type your question instead.";
  }

  function onMicClick() {
    if (recorder) {
      stopRecording(true);
      return;
    }
    if (voiceBusy || !token) {
      return;
    }
    if (busy) {
      el.chatStatus.textContent = "Please wait for the assistant's answer before recording.";
      return;
    }
    var AudioCtx = window.AudioContext || window.webkitAudioContext;
    if (!navigator.mediaDevices || typeof navigator.mediaDevices.getUserMedia !== "function" || !AudioCtx) {
      addSystemMessage(window.isSecureContext === false
        ? "The microphone isn't available on this page because it isn't served over a secure (https) connection. You can type your question instead."
        : "The microphone isn't available in this browser. You can type your question instead.");
      return;
    }
    var mySession = session;
    var pending = { starting: true, cancelled: false };
    recorder = pending;
    setMicState("recording");
    el.chatStatus.textContent = "Starting the microphone…";
    navigator.mediaDevices.getUserMedia({ audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true }, video: false })
      .then(function (stream) {
        if (pending.cancelled || mySession !== session || recorder !== pending) {
          stream.getTracks().forEach(function (t) { t.stop(); });
          return;
        }
        var ctx = new AudioCtx();
        var source = ctx.createMediaStreamSource(stream);
        var processor = ctx.createScriptProcessor(4096, 1, 1);
        var mute = ctx.createGain();
        mute.gain.value = 0;
        var chunks = [];
        var length = 0;
        processor.onaudioprocess = function (e) {
          var data = e.inputBuffer.getChannelData(0);
          chunks.push(new Float32Array(data));
          length += data.length;
        };
        source.connect(processor);
        processor.connect(mute);
        mute.connect(ctx.destination);
        if (ctx.state === "suspended" && typeof ctx.resume === "function") {
          ctx.resume().catch(function () { /* the recording will be empty and say so */ });
        }
        recorder = {
          starting: false,
          stream: stream,
          ctx: ctx,
          source: source,
          processor: processor,
          mute: mute,
          chunks: chunks,
          getLength: function () { return length; },
          timer: setTimeout(function () { stopRecording(true); }, MAX_RECORDING_MS)
        };
        el.chatStatus.textContent = "Recording. Select Stop recording when you have finished; it stops by itself after 15 seconds.";
      }, function (err) {
        if (recorder === pending) {
          recorder = null;
        }
        if (mySession !== session) {
          return;
        }
        setMicState("idle");
        el.chatStatus.textContent = "";
        addSystemMessage(micErrorText(err));
      });
  }

  /** Stop the microphone and free everything; returns the recorded samples and rate (or null). */
  function releaseRecorder() {
    var r = recorder;
    recorder = null;
    if (!r) {
      return null;
    }
    if (r.starting) {
      r.cancelled = true;
      return null;
    }
    clearTimeout(r.timer);
    try {
      r.processor.onaudioprocess = null;
      r.source.disconnect();
      r.processor.disconnect();
      r.mute.disconnect();
    } catch (e) { /* already disconnected */ }
    r.stream.getTracks().forEach(function (t) { t.stop(); });
    var rate = r.ctx.sampleRate;
    if (typeof r.ctx.close === "function") {
      r.ctx.close().catch(function () { /* closing is best effort */ });
    }
    var samples = new Float32Array(r.getLength());
    var offset = 0;
    r.chunks.forEach(function (c) {
      samples.set(c, offset);
      offset += c.length;
    });
    return { samples: samples, rate: rate };
  }

  function cancelRecording() {
    releaseRecorder();
  }

  function stopRecording(send) {
    var wasStarting = recorder && recorder.starting;
    var recorded = releaseRecorder();
    setMicState("idle");
    el.chatStatus.textContent = "";
    if (!send || wasStarting) {
      return;
    }
    if (!recorded || recorded.samples.length < recorded.rate * 0.25) {
      addSystemMessage("I didn't hear anything. Select Speak and try again, or type your question.");
      el.micButton.focus();
      return;
    }
    var pcm = downsample(recorded.samples, recorded.rate, TARGET_RATE);
    sendVoice(encodeWav(pcm, TARGET_RATE));
  }

  /** Mono float samples at `inRate` -> `outRate` (averaging each output step's input samples). */
  function downsample(input, inRate, outRate) {
    if (inRate === outRate) {
      return input;
    }
    var ratio = inRate / outRate;
    var outLength = Math.floor(input.length / ratio);
    var out = new Float32Array(outLength);
    if (ratio < 1) {
      // A microphone slower than 16 kHz (rare): linear interpolation up.
      for (var k = 0; k < outLength; k++) {
        var pos = k * ratio;
        var i0 = Math.floor(pos);
        var i1 = Math.min(i0 + 1, input.length - 1);
        var frac = pos - i0;
        out[k] = input[i0] * (1 - frac) + input[i1] * frac;
      }
      return out;
    }
    for (var i = 0; i < outLength; i++) {
      var start = Math.floor(i * ratio);
      var end = Math.min(input.length, Math.floor((i + 1) * ratio));
      var sum = 0;
      var count = 0;
      for (var j = start; j < end; j++) {
        sum += input[j];
        count += 1;
      }
      out[i] = count ? sum / count : input[start] || 0;
    }
    return out;
  }

  /** 16-bit PCM mono WAV (RIFF) from float samples in [-1, 1]. */
  function encodeWav(samples, rate) {
    var dataBytes = samples.length * 2;
    var buffer = new ArrayBuffer(44 + dataBytes);
    var view = new DataView(buffer);
    function ascii(offset, text) {
      for (var i = 0; i < text.length; i++) {
        view.setUint8(offset + i, text.charCodeAt(i));
      }
    }
    ascii(0, "RIFF");
    view.setUint32(4, 36 + dataBytes, true);
    ascii(8, "WAVE");
    ascii(12, "fmt ");
    view.setUint32(16, 16, true);      // fmt chunk size
    view.setUint16(20, 1, true);       // PCM
    view.setUint16(22, 1, true);       // mono
    view.setUint32(24, rate, true);    // sample rate
    view.setUint32(28, rate * 2, true); // byte rate
    view.setUint16(32, 2, true);       // block align
    view.setUint16(34, 16, true);      // bits per sample
    ascii(36, "data");
    view.setUint32(40, dataBytes, true);
    var offset = 44;
    for (var i = 0; i < samples.length; i++) {
      var s = Math.max(-1, Math.min(1, samples[i]));
      view.setInt16(offset, s < 0 ? s * 0x8000 : s * 0x7fff, true);
      offset += 2;
    }
    return new Blob([buffer], { type: "audio/wav" });
  }

  function sendVoice(wav) {
    if (!token) {
      return;
    }
    voiceBusy = true;
    setMicState("sending");
    el.sendButton.disabled = true;
    el.starters.hidden = true;
    el.chatStatus.textContent = "Sending your recording…";
    el.messages.setAttribute("aria-busy", "true");
    function done() {
      voiceBusy = false;
      setMicState("idle");
      el.sendButton.disabled = false;
      el.chatStatus.textContent = "";
      el.messages.removeAttribute("aria-busy");
    }
    request("../voice/webhook", {
      method: "POST",
      headers: { "Content-Type": "audio/wav" },
      body: wav,
      timeout: VOICE_TIMEOUT_MS
    }).then(function (result) {
      done();
      var data = result.data;
      if (result.status >= 200 && result.status < 300 && isObject(data)) {
        var transcript = asText(data.transcript).trim();
        if (transcript) {
          addUserMessage(transcript, true);
        }
        var messages = Array.isArray(data.messages) ? data.messages : [];
        var firstTurn = null;
        if (messages.length) {
          retireChoices();
          firstTurn = renderReplies(messages);
        } else if (!transcript) {
          addSystemMessage(errorText(data) || "I couldn't make out any words. Please try again, or type your question.");
        }
        if (data.audio) {
          var bodies = el.messages.querySelectorAll(".bot-message");
          var last = firstTurn && bodies.length ? bodies[bodies.length - 1] : null;
          playAudio(data.audio, last);
        }
      } else {
        var message = errorText(data);
        addSystemMessage(message || CANT_REACH);
      }
      el.micButton.focus();
    }, function (err) {
      if (err instanceof SessionEndedError || err instanceof StaleError) {
        return;
      }
      done();
      addSystemMessage(CANT_REACH);
      el.micButton.focus();
    });
  }

  // ------------------------------------------------------------------ start

  function init() {
    el.signin = $("signin");
    el.signinForm = $("signin-form");
    el.workerId = $("worker-id");
    el.password = $("password");
    el.signinButton = $("signin-button");
    el.signinError = $("signin-error");
    el.signinNotice = $("signin-notice");
    el.account = $("account");
    el.workerName = $("worker-name");
    el.workerRole = $("worker-role");
    el.signoutButton = $("signout-button");
    el.chat = $("chat");
    el.starters = $("starters");
    el.messages = $("messages");
    el.chatStatus = $("chat-status");
    el.messageForm = $("message-form");
    el.messageInput = $("message-input");
    el.sendButton = $("send-button");
    el.micButton = $("mic-button");
    el.micLabel = $("mic-label");
    el.panel = $("panel");
    el.panelItems = $("panel-items");
    el.panelEmpty = $("panel-empty");
    el.panelError = $("panel-error");
    el.panelUpdated = $("panel-updated");
    el.panelWindow = $("panel-window");
    el.panelSummary = $("panel-summary");
    el.panelRefresh = $("panel-refresh");

    el.signinForm.addEventListener("submit", onSignIn);
    el.signoutButton.addEventListener("click", onSignOut);
    el.messageForm.addEventListener("submit", onMessageSubmit);
    el.messages.addEventListener("click", onChoiceClick);
    el.starters.addEventListener("click", onChoiceClick);
    el.micButton.addEventListener("click", onMicClick);
    el.panelRefresh.addEventListener("click", loadPanel);

    // The skip link goes to the sign-in form or to the message box, whichever is showing.
    $("skip-link").addEventListener("click", function (event) {
      var target = token ? el.messageInput : el.workerId;
      if (target && !target.closest("[hidden]")) {
        event.preventDefault();
        target.focus();
      }
    });

    // Escape stops a recording without sending it.
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && recorder) {
        stopRecording(false);
        el.chatStatus.textContent = "Recording cancelled.";
        el.micButton.focus();
      }
    });

    // Nothing of a session survives the page: drop the microphone if the tab goes away.
    window.addEventListener("pagehide", function () {
      cancelRecording();
      stopPlayback();
    });

    el.chat.hidden = true;
    el.panel.hidden = true;
    el.account.hidden = true;
    el.signin.hidden = false;
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
