"""End to end in headless Chromium (Debian's, driven by playwright): English and Arabic (RTL).

The server is the real one (uvicorn in a subprocess, sessions in memory). Screenshots go to
``test-artifacts/``. Skipped only outside CI when /usr/bin/chromium is missing.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parents[2] / "test-artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip

SERVE = "from backcheck.interfaces.cli.app import main; main()"

if not CHROMIUM.exists():
    if os.environ.get("CI"):
        raise RuntimeError("CI must install Debian's chromium (see .ci/run)")
    pytest.skip("Debian's chromium is not installed", allow_module_level=True)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "BACKCHECK_DATABASE_URL": "sqlite://"}
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from backcheck.interfaces.cli.app import main; main()",
            "serve",
            "--port",
            str(port),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    else:
        process.kill()
        raise RuntimeError(f"server did not start: {process.stderr.read() if process.stderr else ''}")
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)
    if process.stderr is not None:
        process.stderr.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()


def _answer_all(page: object, *, tick: str | None = None) -> None:
    """Tick ``tick`` when shown, "none of these" on other checklists, the first option otherwise."""
    for _ in range(30):
        if "/result" in page.url:  # type: ignore[attr-defined]
            return
        boxes = page.locator('input[name="item"]')  # type: ignore[attr-defined]
        if boxes.count():
            wanted = page.locator(f'input[name="item"][value="{tick}"]')  # type: ignore[attr-defined]
            if tick and wanted.count():
                wanted.check()
            else:
                page.locator('input[name="none"]').check()  # type: ignore[attr-defined]
        else:
            page.locator('input[name="value"]').first.check()  # type: ignore[attr-defined]
        page.locator('button[name="next"]').click()  # type: ignore[attr-defined]
        page.wait_for_load_state()  # type: ignore[attr-defined]
    raise AssertionError("the interview did not end")


def test_english_interview_in_the_browser(server: str, browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(server + "/")
    page.fill("#text", "My lower back hurts after lifting a heavy box yesterday")
    page.fill("#age", "34")
    page.check('input[name="sex"][value="male"]')
    page.click('button[type="submit"]')
    page.wait_for_selector("legend")
    # Go back once after the first answer, then answer everything.
    page.locator('button[name="dont_know"]').click()
    page.locator('button[name="back"]').click()
    assert page.locator('button[name="back"]').count() == 0, "back to the first question"
    _answer_all(page)
    banner = page.locator(".banner")
    assert "self_care" in (banner.get_attribute("class") or "")
    assert page.locator("h2").count() >= 4
    assert "not a diagnosis" in page.content().lower()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "result-en.png"), full_page=True)
    page.close()


def test_arabic_interview_right_to_left(server: str, browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(server + "/?lang=ar")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.fill("#age", "45")
    page.check('input[name="sex"][value="male"]')
    page.click('button[type="submit"]')
    page.wait_for_selector("legend")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "question-ar.png"), full_page=True)
    direction = page.evaluate("getComputedStyle(document.querySelector('legend')).direction")
    assert direction == "rtl"
    _answer_all(page, tick="saddle_anaesthesia")
    assert "emergency" in (page.locator(".banner").get_attribute("class") or "")
    assert page.locator("html").get_attribute("lang") == "ar"
    page.screenshot(path=str(ARTIFACTS / "result-ar.png"), full_page=True)
    page.close()


def test_a_crisis_leads_the_result_in_chinese(server: str, browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(server + "/?lang=zh")
    page.fill("#age", "38")
    page.check('input[name="sex"][value="female"]')
    page.click('button[type="submit"]')
    page.wait_for_selector("legend")
    _answer_all(page, tick="suicidal_intent")
    first = page.locator("main section").first
    assert first.get_attribute("aria-label") == "crisis"
    assert "12356" in first.inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "result-zh-crisis.png"), full_page=True)
    page.close()


def test_a_child_gets_the_childrens_answer(server: str, browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(server + "/")
    page.fill("#text", "My back hurts after football")
    page.fill("#age", "9")
    page.check('input[name="sex"][value="male"]')
    page.click('button[type="submit"]')
    page.wait_for_selector("legend")
    _answer_all(page)
    scope = page.locator('section[aria-label="scope"]')
    assert scope.count() == 1 and "16" in scope.inner_text()
    assert "self_care" not in (page.locator(".banner").last.get_attribute("class") or "")
    page.close()
