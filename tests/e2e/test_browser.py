"""The page in real headless Chromium (Debian's, driven by Playwright) against the real servers.

Sign in, ask a procedure question and see the cited answer, ask what is due
and see the panel agree with `cin-assistant due --json`, sign out. Screenshots
are saved under results/screenshots/ (desk and phone size) for a person to look at.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Iterator, List

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from assistant.config import PROJECT_ROOT
from assistant.runtime.launcher import RunningAssistant
from tests.e2e.conftest import PASSWORDS, TODAY, payload, restart

pytestmark = pytest.mark.e2e

CHROMIUM = os.environ.get("CIN_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = PROJECT_ROOT / "results" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), (
        f"{CHROMIUM} is missing: `make test` installs Debian's chromium (scripts/system-packages)"
    )
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


def _open(browser: Browser, assistant: RunningAssistant, width: int, height: int) -> Page:
    page = browser.new_page(viewport={"width": width, "height": height})
    page.errors: List[str] = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))  # type: ignore[attr-defined]
    page.on(
        "console",
        lambda msg: (
            page.errors.append(msg.text)  # type: ignore[attr-defined]
            if msg.type == "error" and "Failed to load resource" not in msg.text
            else None
        ),
    )
    page.goto(f"{assistant.url}/webhooks/web/")
    return page


def _sign_in(page: Page, worker: str) -> None:
    page.get_by_label("Worker ID").fill(worker)
    page.get_by_label("Password").fill(PASSWORDS[worker])
    page.locator("#signin-button").click()
    expect(page.locator("#chat")).to_be_visible()


def _ask(page: Page, question: str) -> None:
    replies = page.locator(".bot-message")
    before = replies.count()
    page.locator("#message-input").fill(question)
    page.locator("#message-input").press("Enter")
    expect(replies).to_have_count(before + 1, timeout=30_000)


def _reply_to(page: Page, question: str) -> List[dict]:
    """Ask as _ask does; the webhook's JSON answer that the page rendered."""
    with page.expect_response(
        lambda r: r.url.endswith("/webhooks/web/webhook") and r.request.method == "POST"
    ) as answer:
        _ask(page, question)
    assert answer.value.status == 200
    return answer.value.json()


def _starts_a_visit_form(page: Page) -> None:
    """w2 reports seeing Zainab (c2): the visit form asks whether she was seen."""
    asking = payload(_reply_to(page, "i visited zainab today"))
    assert (asking["type"], asking["status"], asking["slot"]) == ("form", "asking", "child_seen")


def _is_a_fresh_conversation(page: Page) -> None:
    """A follow-up with nothing before it gets "not sure what that follows on from", and no more.

    Mid-form the same clarify comes back followed by the form's question again ("Did you see the child?")."""
    replies = _reply_to(page, "and next week?")
    assert not any(r.get("custom", {}).get("type") == "form" for r in replies), replies
    clarify = payload(replies)
    assert (clarify["type"], clarify["reason"]) == ("clarify", "no_previous_question")
    expect(page.locator(".bot-message")).to_have_count(1)  # the transcript held only this reply
    expect(page.locator(".bot-message").last).to_contain_text("not sure what that follows on from")
    expect(page.locator("#messages")).not_to_contain_text("Did you see the child?")


@pytest.fixture
def w2_restarted_after(assistant: RunningAssistant) -> Iterator[None]:
    """These tests leave w2 mid-form if they fail: other modules start from a fresh conversation regardless."""
    yield
    restart(assistant, "w2")


def _due_json(worker: str, store_url: str) -> dict:
    printed = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "due", "--worker", worker, "--json"],
        env={**os.environ, "CIN_DATABASE_URL": store_url, "CIN_TODAY": TODAY},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(printed.stdout)


def test_sign_in_ask_see_citations_and_the_panel_then_sign_out(
    browser: Browser,
    assistant: RunningAssistant,
    chat_store_url: str,
) -> None:
    page = _open(browser, assistant, 1280, 800)
    expect(page.locator("#chat")).to_be_hidden()
    _sign_in(page, "w1")
    expect(page.locator("#worker-name")).to_contain_text("Sam Testworker")

    _ask(page, "how often do i have to visit a child in need")
    answer = page.locator(".bot-message").last
    expect(answer).to_contain_text("15 working days")  # Medway's rule, w1's council
    citation = answer.locator("details.citation").first
    # Medway's document (knowledge/sources/MANIFEST.yml) and a section number
    expect(citation.locator("summary")).to_contain_text(re.compile(r"Child in Need Policy and Procedures.*section \d"))
    expect(citation.locator("blockquote")).to_be_hidden()
    citation.locator("summary").click()
    expect(citation.locator("blockquote")).to_be_visible()
    expect(citation.locator("blockquote")).to_contain_text("15 working days")

    _ask(page, "what's due this week")
    due = _due_json("w1", chat_store_url)
    rows = page.locator("#panel-items li.item")
    expect(rows).to_have_count(len(due["items"]))
    shown = [
        {k: rows.nth(n).get_attribute(f"data-{k.replace('_', '-')}") for k in ("case_id", "item", "due", "status")}
        for n in range(rows.count())
    ]
    assert shown == [{k: i[k] for k in ("case_id", "item", "due", "status")} for i in due["items"]]
    assert due["items"], "the fixture gives w1 items this week"
    for n, item in enumerate(due["items"]):  # the colour class follows the status
        assert item["status"] in (rows.nth(n).get_attribute("class") or "").split()

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "desk-signed-in.png"), full_page=True)

    page.locator("#signout-button").click()
    expect(page.locator("#signin-form")).to_be_visible()
    expect(page.locator("#chat")).to_be_hidden()
    assert page.locator(".bot-message").count() == 0  # nothing left on a shared screen
    assert page.evaluate("() => localStorage.length + sessionStorage.length") == 0
    assert page.errors == []  # type: ignore[attr-defined]
    page.close()


def test_the_page_works_on_a_phone_sized_screen_by_keyboard(browser: Browser, assistant: RunningAssistant) -> None:
    page = _open(browser, assistant, 375, 740)
    page.keyboard.press("Tab")  # the skip link, then the form, all by keyboard
    page.locator("#worker-id").focus()
    page.keyboard.type("w2")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORDS["w2"])
    page.keyboard.press("Enter")
    expect(page.locator("#chat")).to_be_visible()
    expect(page.locator("#panel-items li.item").first).to_be_visible()
    overdue = page.locator("#panel-items li.item.overdue").first
    expect(overdue).to_contain_text("Overdue")  # said in words, not by colour alone
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    for control in ("#message-input", "#send-button", "#mic-button", "#new-conversation", "#signout-button"):
        label = page.locator(control).evaluate(
            "el => el.labels && el.labels.length ? el.labels[0].textContent : (el.getAttribute('aria-label') || el.textContent)"
        )
        assert label and label.strip(), f"{control} has no accessible name"
    expect(page.locator("#messages")).to_have_attribute("aria-live", "polite")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "phone-signed-in.png"), full_page=True)
    page.close()


def test_a_wrong_password_shows_the_servers_message(browser: Browser, assistant: RunningAssistant) -> None:
    page = _open(browser, assistant, 1280, 800)
    page.get_by_label("Worker ID").fill("w1")
    page.get_by_label("Password").fill("not the password at all")
    page.locator("#signin-button").click()
    expect(page.locator("#signin-error")).to_contain_text("not recognised")
    expect(page.locator("#chat")).to_be_hidden()
    page.close()


def test_recording_a_visit_in_the_chat_refreshes_the_panel(
    browser: Browser,
    assistant: RunningAssistant,
    chat_store_url: str,
) -> None:
    """w5 (alone in Medway South) has Noah's visit overdue; after recording one today it is no longer listed."""
    page = _open(browser, assistant, 1280, 800)
    _sign_in(page, "w5")
    overdue = page.locator('#panel-items li.item[data-case-id="c6"][data-item="visit"]')
    expect(overdue).to_have_attribute("data-status", "overdue")
    for message in ("i visited noah today", "yes", "yes", "yes"):  # child and day; seen, seen alone, confirm
        _ask(page, message)
    expect(page.locator(".bot-message").last).to_contain_text("Next visit due")
    expect(overdue).to_have_count(0)  # the panel refreshed itself
    due = _due_json("w5", chat_store_url)
    rows = page.locator("#panel-items li.item")
    expect(rows).to_have_count(len(due["items"]))
    assert not any(i["item"] == "visit" and i["status"] == "overdue" for i in due["items"])
    page.close()


def test_new_conversation_forgets_a_half_filled_form(
    browser: Browser,
    assistant: RunningAssistant,
    w2_restarted_after: None,
) -> None:
    """The chat header's button restarts the worker's conversation (POST restart with the token) and clears the page."""
    page = _open(browser, assistant, 1280, 800)
    _sign_in(page, "w2")
    _starts_a_visit_form(page)
    button = page.locator("#new-conversation")
    expect(button).to_have_accessible_name("New conversation")

    # A refusal: the server's words are shown and the transcript stays (nothing was restarted).
    refusal = {"error": "I can't restart the conversation just now."}
    page.route("**/webhooks/web/restart", lambda route: route.fulfill(status=503, json=refusal))
    button.click()
    expect(page.locator(".system-message").last).to_contain_text(refusal["error"])
    expect(page.locator(".bot-message")).to_have_count(1)
    page.unroute("**/webhooks/web/restart")

    # By keyboard: from the account bar, Tab reaches it next; Enter presses it.
    page.locator("#signout-button").focus()
    page.keyboard.press("Tab")
    expect(button).to_be_focused()
    with page.expect_response(lambda r: r.url.endswith("/webhooks/web/restart")) as restarted:
        page.keyboard.press("Enter")
    assert restarted.value.status == 200 and restarted.value.json() == {"restarted": True}
    assert restarted.value.request.method == "POST"
    assert restarted.value.request.headers["authorization"].startswith("Bearer ")
    expect(page.locator("#messages .turn")).to_have_count(0)
    expect(page.locator("#messages")).to_have_text("Started a new conversation.")
    expect(page.locator("#starters")).to_be_visible()
    expect(page.locator("#message-input")).to_be_focused()

    _is_a_fresh_conversation(page)
    assert page.errors == []  # type: ignore[attr-defined]
    page.close()


def test_signing_in_again_starts_a_new_conversation(
    browser: Browser,
    assistant: RunningAssistant,
    w2_restarted_after: None,
) -> None:
    """A form half filled before signing out is not resumed after the next sign-in."""
    page = _open(browser, assistant, 1280, 800)
    _sign_in(page, "w2")
    _starts_a_visit_form(page)
    page.locator("#signout-button").click()
    expect(page.locator("#signin-form")).to_be_visible()

    with page.expect_response(lambda r: r.url.endswith("/webhooks/web/restart")) as restarted:
        _sign_in(page, "w2")
    assert restarted.value.status == 200
    expect(page.locator("#messages .turn")).to_have_count(0)  # nothing to say on a fresh page
    expect(page.locator("#message-input")).to_be_focused()

    _is_a_fresh_conversation(page)
    assert page.errors == []  # type: ignore[attr-defined]
    page.close()
