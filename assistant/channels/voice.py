"""The voice channel: a spoken question in (WAV), the reply out as text and speech.

``POST /webhooks/voice/webhook`` with the bearer token and a 16 kHz mono
16-bit WAV body (the page records one with Web Audio). The server transcribes
it offline with the recogniser ``CIN_VOICE_RECOGNISER`` names (by default
both Whisper tiny.en, told the names on the worker's caseload, and
pocketsphinx with the assistant's own language model; or either alone:
:mod:`assistant.voice.listening`, docs/voice.md), lets the NLU choose among
the readings, runs the words through the assistant
as that worker, and answers ``{"transcript", "messages", "audio"}``:
``messages`` as the REST channel's, ``audio`` the reply's text spoken in the
``CIN_VOICE_REPLY`` voice (espeak-ng's British English, or the natural voice)
as a base64 WAV (null if speech is unavailable: the text still arrives).
"""

from __future__ import annotations

import asyncio
import base64
import logging
import threading
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from assistant.channels.base import SignedChannel
from assistant.channels.gate import Caller, Gate, Refused
from assistant.channels.http import caller_of, error, json_answer, refused
from assistant.channels.turn import agent_of, converse
from assistant.voice.audio import AudioError, read_wav
from assistant.voice.language_model import caseload_names as names_of
from assistant.voice.listening import Listener, make_listener
from assistant.voice.rescoring import Reading, choose_async
from assistant.voice.settings import recogniser_setting, reply_voice_setting
from assistant.voice.speech import SpeechError, speak_as

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 2_000_000  # 30 s of 16 kHz 16-bit mono is under 1 MB; stereo 48 kHz uploads are resampled
NOT_HEARD = "Sorry, I didn't catch that. Please try again, or type your question."


class _Speech:
    """The recogniser the settings name, loaded once, on the first recording."""

    def __init__(self) -> None:
        self._listener: Optional[Listener] = None
        self._lock = threading.Lock()

    def listener(self) -> Listener:
        with self._lock:
            if self._listener is None:
                self._listener = make_listener(recogniser_setting())
                logger.info("voice: listening with %s", self._listener.name)
            return self._listener


def caseload_names(gate: Gate, worker_id: str) -> List[str]:
    """The names of the children the worker may ask about, so the recogniser knows them."""
    try:
        return names_of(gate.store.open_case_names(gate.store.scope_for(worker_id)))
    except Exception:  # noqa: BLE001 - without names the question is still heard, names less well
        logger.warning("caseload names unavailable for speech recognition", exc_info=True)
        return []


def reply_text(messages: List[Dict[str, Any]]) -> str:
    """The words to speak: the reply's text messages, in order."""
    return "\n".join(m["text"] for m in messages if isinstance(m.get("text"), str))


def spoken(text: str, voice: Optional[str] = None) -> Optional[str]:
    """The reply as a base64 WAV in the reply voice (``CIN_VOICE_REPLY`` unless ``voice`` is given),
    or None if speech cannot be made here (the text still goes)."""
    if not text.strip():
        return None
    try:
        return base64.b64encode(speak_as(text, voice or reply_voice_setting())).decode("ascii")
    except SpeechError:
        logger.warning("speech output unavailable", exc_info=True)
        return None


@dataclass(frozen=True)
class Heard:
    """The reading to send on, and the NLU's parse of it (None when there was no NLU to ask): the
    turn hands the parse to Rasa, so the chosen words are not parsed a second time."""

    text: str
    parse_data: Optional[Dict[str, Any]] = None


async def best_reading(readings: List[str], agent: Optional[Any]) -> Heard:
    """The reading the assistant's NLU makes most sense of (assistant.voice.rescoring); the first without an agent."""
    if not readings or not readings[0].strip() or agent is None:
        return Heard(readings[0] if readings else "")
    parsed: Dict[str, Dict[str, Any]] = {}

    async def parse(text: str) -> Reading:
        parsed[text] = await agent.parse_message(text)
        intent = parsed[text].get("intent") or {}
        return Reading(text, intent.get("name"), float(intent.get("confidence") or 0.0))

    try:
        chosen = (await choose_async(readings, parse)).text
    except Exception:  # noqa: BLE001 - a failed look at the alternatives must not lose the question
        logger.warning("could not compare the recogniser's readings; using its best", exc_info=True)
        return Heard(readings[0])
    return Heard(chosen, parsed.get(chosen))


class VoiceInput(SignedChannel):
    """``voice``: a recording in, the reply as text and speech out, for a signed-in worker."""

    def __init__(self, gate: Optional[Gate] = None) -> None:
        super().__init__(gate)
        recogniser_setting(), reply_voice_setting()  # a mistyped setting stops the server here, by name
        self._speech = _Speech()

    @classmethod
    def name(cls) -> Text:
        return "voice"

    def _transcribe(self, caller: Caller, audio: bytes) -> List[str]:
        """The recogniser's readings of the worker's words, best first, as the assistant reads them
        ([""] when nothing was heard; AudioError for a bad recording)."""
        pcm = read_wav(audio)
        heard = self._speech.listener().hear(pcm, caseload_names(self.gate, caller.worker_id))
        logger.info("voice: %.1f s of audio decoded in %.2f s", heard.audio_seconds, heard.decode_seconds)
        return list(heard.readings)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        voice = Blueprint("cin_voice", __name__)

        @voice.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @voice.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                caller = caller_of(request, self.gate)
            except Refused as exc:
                return refused(exc, self.name())
            audio = request.body or b""
            if len(audio) > MAX_UPLOAD_BYTES:
                return error(413, "That recording is too long. Please ask one short question at a time.")
            loop = asyncio.get_running_loop()
            try:  # decoding takes a fraction of the audio's length: off the event loop
                readings = await loop.run_in_executor(None, self._transcribe, caller, audio)
            except AudioError as exc:
                return error(400, str(exc))
            except Exception:  # noqa: BLE001 - the typed chat still works; say so
                logger.error("speech recognition failed", exc_info=True)
                return error(503, "Voice isn't working just now. Please type your question.")
            heard = await best_reading(readings, agent_of(request))
            text = heard.text
            if not text.strip():
                return json_answer(
                    {
                        "transcript": "",
                        "messages": [
                            {"recipient_id": caller.worker_id, "text": NOT_HEARD},
                            {"recipient_id": caller.worker_id, "custom": {"type": "clarify", "reason": "not_heard"}},
                        ],
                        "audio": await loop.run_in_executor(None, spoken, NOT_HEARD),
                    }
                )
            messages = await converse(
                on_new_message, caller, text, self.name(), agent=agent_of(request), parse_data=heard.parse_data
            )
            audio_reply = await loop.run_in_executor(None, spoken, reply_text(messages))
            return json_answer({"transcript": text, "messages": messages, "audio": audio_reply})

        return voice


__all__ = [
    "MAX_UPLOAD_BYTES",
    "NOT_HEARD",
    "Heard",
    "VoiceInput",
    "best_reading",
    "caseload_names",
    "reply_text",
    "spoken",
]
