/* The chat log: turns of the worker, the assistant and the page, their text, and answer buttons. */

import { el, make } from "./page.js";
import { asText } from "./values.js";

/** Bring the newest turn into view: the start of a long reply rather than its end. */
export function scrollToNewest(turn) {
  const box = el.messages;
  if (!turn) {
    box.scrollTop = box.scrollHeight;
    return;
  }
  const top = turn.offsetTop - box.offsetTop - 8;
  if (turn.offsetHeight > box.clientHeight) {
    box.scrollTop = top;
  } else {
    box.scrollTop = box.scrollHeight;
  }
}

/** A new turn ("user", "bot" or "system") headed by who said it; returns the body to fill. */
export function addTurn(kind, whoText) {
  const turn = make("div", "turn turn-" + kind);
  turn.appendChild(make("p", "who", whoText));
  const body = make("div", "message " + kind + "-message");
  turn.appendChild(body);
  el.messages.appendChild(turn);
  return body;
}

/** Server text to paragraphs and "- " bullet lists, all through textContent. */
export function renderText(container, text) {
  let list = null;
  asText(text).split(/\r?\n/).forEach((line) => {
    const bullet = /^\s*(?:[-•*])\s+(.*)$/.exec(line);
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

/** What the worker typed, or what the recogniser heard (marked so, as it may be wrong). */
export function addUserMessage(text, byVoice) {
  const body = addTurn("user", byVoice ? "You (by voice)" : "You");
  if (byVoice) {
    body.classList.add("voice");
    body.appendChild(make("span", "heard", "Heard by voice:"));
  }
  body.appendChild(make("p", null, text));
  scrollToNewest();
  return body;
}

/** The page's own notice (an error, the microphone refused), told apart from the assistant's words. */
export function addSystemMessage(text) {
  const body = addTurn("system", "Notice");
  renderText(body, text);
  scrollToNewest();
  return body;
}

/** A one-line note, not a turn: the log's live region reads it out all the same. */
export function addNote(text) {
  const note = make("p", "conversation-note", text);
  el.messages.appendChild(note);
  scrollToNewest();
  return note;
}

/** An empty log (the starters' place is the caller's to decide). */
export function clearTranscript() {
  el.messages.textContent = "";
}

/** Old answer buttons stop working once the conversation has moved on. */
export function retireChoices() {
  const old = el.messages.querySelectorAll(".choices .choice");
  for (let i = 0; i < old.length; i++) {
    old[i].disabled = true;
  }
}

/** Answer buttons ({label, send}) under a reply; a click sends the words (chat.js listens on the log). */
export function addChoices(body, label, choices) {
  const usable = choices.filter((c) => c && c.label && c.send);
  if (!usable.length) {
    return;
  }
  const group = make("div", "choices");
  group.setAttribute("role", "group");
  group.setAttribute("aria-label", label);
  usable.forEach((c) => {
    const button = make("button", "choice", c.label);
    button.type = "button";
    button.dataset.send = c.send;
    group.appendChild(button);
  });
  body.appendChild(group);
}
