/* The spoken reply: one playing at a time, with a button under the reply to stop or replay it. */

import { el, make } from "./page.js";
import { asText } from "./values.js";

const PLAY = "Play the spoken reply";
const STOP = "Stop the spoken reply";

let player = null; // the spoken reply playing, if any

/** Stop whatever is playing; every reply's button goes back to "Play". */
export function stopPlayback() {
  if (player) {
    try {
      player.pause();
    } catch (e) { /* already stopped */ }
    player = null;
  }
  const controls = el.messages ? el.messages.querySelectorAll(".audio-control") : [];
  for (let i = 0; i < controls.length; i++) {
    controls[i].textContent = PLAY;
  }
}

/** Play the server's WAV (base64 or a data: URL) at once, with its control under `body`. */
export function playAudio(base64, body) {
  let src = asText(base64);
  if (!src) {
    return;
  }
  if (src.indexOf("data:") !== 0) {
    src = "data:audio/wav;base64," + src;
  }
  stopPlayback();
  const audio = new Audio();
  const control = make("button", "button button-secondary button-small audio-control", STOP);
  control.type = "button";
  if (body) {
    body.appendChild(control);
  }
  wireControl(audio, control);
  audio.src = src;
  player = audio;
  audio.play().catch(() => showIdle(audio, control));
}

function showIdle(audio, control) {
  control.textContent = PLAY;
  if (player === audio) {
    player = null;
  }
}

/** The button follows the audio (ended, paused, failed) and toggles it. */
function wireControl(audio, control) {
  const idle = () => showIdle(audio, control);
  audio.addEventListener("ended", idle);
  audio.addEventListener("pause", idle);
  audio.addEventListener("error", () => {
    idle();
    control.disabled = true;
    control.textContent = "The spoken reply could not be played";
  });
  control.addEventListener("click", () => {
    if (player === audio && !audio.paused) {
      audio.pause();
      return;
    }
    stopPlayback();
    player = audio;
    control.textContent = STOP;
    audio.currentTime = 0;
    audio.play().catch(idle);
  });
}
