"""The signed-in channels over real HTTP: only a valid token reaches the assistant, as its worker."""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from typing import Any, Dict, Optional, Tuple

import pytest

from assistant.channels.tokens import TokenSettings, issue_token
from assistant.runtime.launcher import RunningAssistant
from tests.e2e.conftest import PASSWORDS, TODAY, payload, stored_user_messages, texts

pytestmark = pytest.mark.e2e


def call(
    url: str, method: str = "GET", body: Any = None, token: Optional[str] = None, raw: Optional[bytes] = None
) -> Tuple[int, Dict[str, str], Any]:
    """One HTTP request: (status, headers by lower-case name, JSON body or bytes), errors included."""
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            status, head, content = response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        status, head, content = exc.code, dict(exc.headers), exc.read()
    head = {k.lower(): v for k, v in head.items()}
    try:
        return status, head, json.loads(content)
    except ValueError:
        return status, head, content


def rest(assistant: RunningAssistant, message: str, token: Optional[str], **extra: Any):
    return call(assistant.webhook, "POST", {"message": message, **extra}, token)


def user_messages(assistant: RunningAssistant, worker: str) -> int:
    return stored_user_messages(assistant, worker)


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def forged_tokens(assistant: RunningAssistant) -> Dict[str, str]:
    other = TokenSettings(secret="not-the-servers-secret-" + "x" * 20, minutes=30)
    header, claims, signature = assistant.token_for("w2").split(".")
    decoded = json.loads(base64.urlsafe_b64decode(claims + "=" * (-len(claims) % 4)))
    now = int(_utcnow().replace(tzinfo=dt.timezone.utc).timestamp())
    return {
        "wrongly signed": issue_token("w1", "social_worker", other),
        "expired": issue_token("w1", "social_worker", assistant.tokens, now=_utcnow() - dt.timedelta(hours=3)),
        "forged worker": ".".join([header, _b64({**decoded, "sub": "w1"}), signature]),
        "unsigned": ".".join(
            [
                _b64({"alg": "none", "typ": "JWT"}),
                _b64({"iss": "cin-assistant", "aud": "cin-assistant", "sub": "w1", "iat": now, "exp": now + 600}),
                "",
            ]
        ),
        "garbage": "not.a.token",
    }


def test_a_message_without_a_token_gets_401_and_never_reaches_the_assistant(assistant: RunningAssistant) -> None:
    before = user_messages(assistant, "w1")
    status, headers, body = rest(assistant, "what's due this week", None, sender="w1")
    assert status == 401 and "sign in" in body["error"].lower()
    assert headers.get("www-authenticate", "").startswith("Bearer")
    assert user_messages(assistant, "w1") == before


def test_forged_expired_and_wrongly_signed_tokens_are_refused(assistant: RunningAssistant) -> None:
    before = user_messages(assistant, "w1")
    for kind, token in forged_tokens(assistant).items():
        status, _, body = rest(assistant, "what's due this week", token)
        assert status == 401, kind
        assert body == {"error": "Your session has ended. Please sign in again."}, kind
    assert user_messages(assistant, "w1") == before


def test_a_sender_in_the_body_cannot_override_the_tokens_worker(assistant: RunningAssistant) -> None:
    w1_before = user_messages(assistant, "w1")
    status, _, replies = rest(assistant, "what's due this week", assistant.token_for("w2"), sender="w1")
    assert status == 200
    cases = {item["case_id"] for item in payload(replies)["items"]}
    assert cases == {"c2"}  # w2's Zainab, not w1's Amelias
    assert user_messages(assistant, "w1") == w1_before


def test_a_valid_token_for_someone_not_in_the_case_records_is_refused(assistant: RunningAssistant) -> None:
    status, _, body = rest(assistant, "hello", issue_token("ghost", None, assistant.tokens))
    assert status == 403 and "not linked to a worker" in body["error"]


def test_rasas_http_api_is_not_served_at_all(assistant: RunningAssistant) -> None:
    for method, path in (
        ("GET", "/conversations/w1/tracker"),
        ("POST", "/model/parse"),
        ("GET", "/status"),
        ("PUT", "/model"),
        ("POST", "/model/train"),
    ):
        status, _, _ = call(f"{assistant.url}{path}", method, {"text": "hello"} if method != "GET" else None)
        assert status in (404, 405), (method, path, status)


def test_a_bad_body_gets_a_clear_400(assistant: RunningAssistant) -> None:
    token = assistant.token_for("w1")
    status, _, body = call(assistant.webhook, "POST", raw=b"{not json", token=token)
    assert status == 400 and "message" in body["error"]
    status, _, body = call(assistant.webhook, "POST", {"message": 42}, token)
    assert status == 400


# --------------------------------------------------------------------------- the web channel


def web(assistant: RunningAssistant, path: str = "") -> str:
    return f"{assistant.url}/webhooks/web/{path}"


def sign_in(assistant: RunningAssistant, worker: str) -> Dict[str, Any]:
    status, _, body = call(web(assistant, "login"), "POST", {"worker": worker, "password": PASSWORDS[worker]})
    assert status == 200, body
    return body


def test_the_page_is_served_with_its_own_files_and_a_strict_content_policy(assistant: RunningAssistant) -> None:
    status, headers, page = call(web(assistant))
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert b'id="signin-form"' in page and b"static/app.js" in page
    policy = headers["content-security-policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    for name, kind in (("app.js", "javascript"), ("style.css", "text/css")):
        status, headers, _ = call(web(assistant, f"static/{name}"))
        assert status == 200 and kind in headers["content-type"]
    status, _, _ = call(web(assistant, "static/..%2F..%2Fweb.py"))
    assert status == 404


def test_signing_in_gives_a_short_lived_token_for_the_worker(assistant: RunningAssistant) -> None:
    body = sign_in(assistant, "w1")
    assert body["worker"] == {"id": "w1", "name": "Sam Testworker", "role": "social_worker"}
    expires = dt.datetime.fromisoformat(body["expires_at"]).replace(tzinfo=None)
    assert dt.timedelta(minutes=25) < expires - _utcnow() <= dt.timedelta(minutes=31)
    status, _, replies = call(web(assistant, "webhook"), "POST", {"message": "how often do i visit"}, body["token"])
    assert status == 200 and payload(replies)["type"] == "answer"


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(assistant: RunningAssistant) -> None:
    status, _, body = call(web(assistant, "login"), "POST", {"worker": "w1", "password": "not w1's passphrase"})
    assert status == 401
    status2, _, body2 = call(web(assistant, "login"), "POST", {"worker": "nobody", "password": "whatever it is"})
    assert (status2, body2) == (status, body)


def test_the_panel_lists_what_cin_assistant_due_json_lists(assistant: RunningAssistant, chat_store_url: str) -> None:
    token = sign_in(assistant, "w2")["token"]
    status, _, panel = call(web(assistant, "panel"), token=token)
    assert status == 200
    printed = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "due", "--worker", "w2", "--json"],
        env={**os.environ, "CIN_DATABASE_URL": chat_store_url, "CIN_TODAY": TODAY},
        capture_output=True,
        text=True,
        check=True,
    )
    assert panel == json.loads(printed.stdout)
    assert {i["case_id"] for i in panel["items"]} == {"c2"}
    assert any(i["status"] == "overdue" for i in panel["items"])


def test_the_panel_needs_a_token(assistant: RunningAssistant) -> None:
    assert call(web(assistant, "panel"))[0] == 401


def test_signing_out_revokes_the_token(assistant: RunningAssistant) -> None:
    token = sign_in(assistant, "m1")["token"]
    assert call(web(assistant, "panel"), token=token)[0] == 200
    assert call(web(assistant, "logout"), "POST", {}, token)[0] == 200
    for status, _, body in (
        call(web(assistant, "panel"), token=token),
        call(web(assistant, "webhook"), "POST", {"message": "hi"}, token),
        call(assistant.webhook, "POST", {"message": "hi"}, token),
    ):
        assert status == 401 and "session has ended" in body["error"]


def test_texts_and_payloads_arrive_as_separate_messages(assistant: RunningAssistant) -> None:
    replies = assistant.send("w4", "hello")
    assert texts(replies) and payload(replies)
