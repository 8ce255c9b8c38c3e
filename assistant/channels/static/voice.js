/* The microphone: record up to 15 seconds, send it as 16 kHz mono WAV to the
 * voice channel, show what was heard and the replies, and play the spoken answer. */

import { el } from "./page.js";
import { asText, isObject } from "./values.js";
import { CANT_REACH, errorText, isQuiet, request } from "./server.js";
import { beginExchange, busyWith, endExchange } from "./busy.js";
import { sessionNumber, signedIn } from "./session.js";
import { addSystemMessage, addUserMessage, retireChoices } from "./transcript.js";
import { renderReplies } from "./replies.js";
import { playAudio, stopPlayback } from "./playback.js";
import { downsample, encodeWav } from "./wav.js";

const MAX_RECORDING_MS = 15000;
const TARGET_RATE = 16000;
const VOICE_TIMEOUT_MS = 90000;
const SHORTEST_SECONDS = 0.25; // less than this is a click, not a question

let recorder = null; // the recording in progress (or starting), if any

export function initVoice() {
  el.micButton.addEventListener("click", onMicClick);
  // Escape stops a recording without sending it.
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && recorder) {
      stopRecording(false);
      el.chatStatus.textContent = "Recording cancelled.";
      el.micButton.focus();
    }
  });
  // Nothing of a session survives the page: drop the microphone if the tab goes away.
  window.addEventListener("pagehide", () => {
    releaseRecorder();
    stopPlayback();
  });
}

/** Signed out or in again: no microphone, no sound, the button back to "Speak". */
export function resetVoice() {
  releaseRecorder();
  stopPlayback();
  setMicState("idle");
}

/** A new conversation: a recording or a spoken reply of the old one is dropped, not sent or finished. */
export function cancelVoice() {
  if (recorder) {
    stopRecording(false);
  }
  stopPlayback();
}

/** The button's pressed state and words: "Speak", "Stop recording" or "Sending…". */
function setMicState(state) {
  const button = el.micButton;
  if (!button) {
    return;
  }
  button.setAttribute("aria-pressed", state === "recording" ? "true" : "false");
  el.micLabel.textContent = state === "recording" ? "Stop recording" : (state === "sending" ? "Sending…" : "Speak");
  button.disabled = state === "sending";
}

function micErrorText(err) {
  const name = err && err.name;
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

/** Start recording, or stop and send the recording in progress. */
function onMicClick() {
  if (recorder) {
    stopRecording(true);
    return;
  }
  const doing = busyWith();
  if (doing === "voice" || !signedIn()) {
    return;
  }
  if (doing) {
    el.chatStatus.textContent = "Please wait for the assistant's answer before recording.";
    return;
  }
  const AudioCtx = window.AudioContext || window.webkitAudioContext;
  if (!navigator.mediaDevices || typeof navigator.mediaDevices.getUserMedia !== "function" || !AudioCtx) {
    addSystemMessage(window.isSecureContext === false
      ? "The microphone isn't available on this page because it isn't served over a secure (https) connection. You can type your question instead."
      : "The microphone isn't available in this browser. You can type your question instead.");
    return;
  }
  startMicrophone(AudioCtx);
}

/** Ask for the microphone; until the browser answers, the recording is "starting" and can be cancelled. */
function startMicrophone(AudioCtx) {
  const mySession = sessionNumber();
  const pending = { starting: true, cancelled: false };
  recorder = pending;
  setMicState("recording");
  el.chatStatus.textContent = "Starting the microphone…";
  navigator.mediaDevices.getUserMedia({ audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true }, video: false })
    .then((stream) => {
      if (pending.cancelled || mySession !== sessionNumber() || recorder !== pending) {
        stream.getTracks().forEach((t) => t.stop());
        return;
      }
      recorder = capture(stream, new AudioCtx());
      el.chatStatus.textContent = "Recording. Select Stop recording when you have finished; it stops by itself after 15 seconds.";
    }, (err) => {
      if (recorder === pending) {
        recorder = null;
      }
      if (mySession !== sessionNumber()) {
        return;
      }
      setMicState("idle");
      el.chatStatus.textContent = "";
      addSystemMessage(micErrorText(err));
    });
}

/** Collect the microphone's samples (through a muted node, so nothing is heard back) until stopped. */
function capture(stream, ctx) {
  const source = ctx.createMediaStreamSource(stream);
  const processor = ctx.createScriptProcessor(4096, 1, 1);
  const mute = ctx.createGain();
  mute.gain.value = 0;
  const chunks = [];
  let length = 0;
  processor.onaudioprocess = (e) => {
    const data = e.inputBuffer.getChannelData(0);
    chunks.push(new Float32Array(data));
    length += data.length;
  };
  source.connect(processor);
  processor.connect(mute);
  mute.connect(ctx.destination);
  if (ctx.state === "suspended" && typeof ctx.resume === "function") {
    ctx.resume().catch(() => { /* the recording will be empty and say so */ });
  }
  return {
    starting: false,
    stream: stream,
    ctx: ctx,
    source: source,
    processor: processor,
    mute: mute,
    chunks: chunks,
    getLength: () => length,
    timer: setTimeout(() => stopRecording(true), MAX_RECORDING_MS)
  };
}

/** Stop the microphone and free everything; returns the recorded samples and rate (or null). */
function releaseRecorder() {
  const r = recorder;
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
  r.stream.getTracks().forEach((t) => t.stop());
  const rate = r.ctx.sampleRate;
  if (typeof r.ctx.close === "function") {
    r.ctx.close().catch(() => { /* closing is best effort */ });
  }
  return { samples: joined(r.chunks, r.getLength()), rate: rate };
}

function joined(chunks, length) {
  const samples = new Float32Array(length);
  let offset = 0;
  chunks.forEach((c) => {
    samples.set(c, offset);
    offset += c.length;
  });
  return samples;
}

/** Stop recording; with `send`, post what was recorded (unless it was too short to hold a question). */
function stopRecording(send) {
  const wasStarting = recorder && recorder.starting;
  const recorded = releaseRecorder();
  setMicState("idle");
  el.chatStatus.textContent = "";
  if (!send || wasStarting) {
    return;
  }
  if (!recorded || recorded.samples.length < recorded.rate * SHORTEST_SECONDS) {
    addSystemMessage("I didn't hear anything. Select Speak and try again, or type your question.");
    el.micButton.focus();
    return;
  }
  const pcm = downsample(recorded.samples, recorded.rate, TARGET_RATE);
  sendVoice(encodeWav(pcm, TARGET_RATE));
}

function sendVoice(wav) {
  if (!signedIn()) {
    return;
  }
  startSending();
  request("../voice/webhook", {
    method: "POST",
    headers: { "Content-Type": "audio/wav" },
    body: wav,
    timeout: VOICE_TIMEOUT_MS
  }).then((result) => {
    finishSending();
    showVoiceAnswer(result);
    el.micButton.focus();
  }, (err) => {
    if (isQuiet(err)) {
      return;
    }
    finishSending();
    addSystemMessage(CANT_REACH);
    el.micButton.focus();
  });
}

function startSending() {
  beginExchange("voice");
  setMicState("sending");
  el.sendButton.disabled = true;
  el.starters.hidden = true;
  el.chatStatus.textContent = "Sending your recording…";
  el.messages.setAttribute("aria-busy", "true");
}

function finishSending() {
  endExchange();
  setMicState("idle");
  el.sendButton.disabled = false;
  el.chatStatus.textContent = "";
  el.messages.removeAttribute("aria-busy");
}

/** What was heard (as the worker's turn), the replies, and the spoken answer under the last of them. */
function showVoiceAnswer(result) {
  const data = result.data;
  if (!(result.status >= 200 && result.status < 300 && isObject(data))) {
    addSystemMessage(errorText(data) || CANT_REACH);
    return;
  }
  const transcript = asText(data.transcript).trim();
  if (transcript) {
    addUserMessage(transcript, true);
  }
  const messages = Array.isArray(data.messages) ? data.messages : [];
  let firstTurn = null;
  if (messages.length) {
    retireChoices();
    firstTurn = renderReplies(messages);
  } else if (!transcript) {
    addSystemMessage(errorText(data) || "I couldn't make out any words. Please try again, or type your question.");
  }
  if (data.audio) {
    const bodies = el.messages.querySelectorAll(".bot-message");
    const last = firstTurn && bodies.length ? bodies[bodies.length - 1] : null;
    playAudio(data.audio, last);
  }
}
