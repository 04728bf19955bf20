"""The server-rendered pages, driven without a browser (forms and redirects only)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from backcheck.interfaces.http.app import create_app
from backcheck.knowledge.base import KnowledgeBase


@pytest.fixture(scope="module")
def client(kb: KnowledgeBase) -> Iterator[TestClient]:
    with TestClient(create_app(kb=kb, database_url="sqlite://")) as c:
        yield c


def _field(html: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]+)"', html)
    assert match, f"no {name} in the page"
    return match.group(1)


def _walk(client: TestClient, first: str, *, tick: str | None = None, max_steps: int = 30) -> tuple[str, str]:
    """Answer every question ("none of these", or the first option) until the result page."""
    url = first
    for _ in range(max_steps):
        page = client.get(url)
        if "/result" in str(page.url):
            return str(page.url), page.text
        question = _field(page.text, "question")
        form: dict[str, str | list[str]] = {"question": question}
        if 'name="item"' in page.text:
            if tick and f'value="{tick}"' in page.text:
                form["item"] = [tick]
            else:
                form["none"] = "1"
        elif 'name="value" value=' in page.text:
            form["value"] = _field(page.text, "value")
        else:
            form["dont_know"] = "1"
        client.post(f"{url}/answer", data=form)
    raise AssertionError("the interview did not end")


def test_start_page_in_each_language(client: TestClient) -> None:
    en = client.get("/").text
    assert '<html lang="en" dir="ltr">' in en and 'for="text"' in en
    ar = client.get("/?lang=ar").text
    assert '<html lang="ar" dir="rtl">' in ar and "ما الذي يحدث في ظهري" in ar
    zh = client.get("/?lang=zh").text
    assert '<html lang="zh" dir="ltr">' in zh and "我的腰" in zh


def test_english_interview_to_a_self_care_result(client: TestClient) -> None:
    form = {"lang": "en", "text": "sore lower back after lifting", "age": "30", "sex": "male"}
    started = client.post("/start", data=form)
    assert started.status_code == 200 and "/s/" in str(started.url)
    url = str(started.url).split("?")[0].replace("http://testserver", "")
    _, html = _walk(client, url)
    assert 'class="banner self_care"' in html
    assert "not a diagnosis" in html.lower() and "ICD-10" in html
    assert "<ol>" in html  # exercise steps and sources are lists


def test_arabic_interview_reaches_an_emergency_in_rtl(client: TestClient) -> None:
    started = client.post("/start", data={"lang": "ar", "age": "45", "sex": "male"})
    url = str(started.url).split("?")[0].replace("http://testserver", "")
    _, html = _walk(client, url, tick="saddle_anaesthesia")
    assert '<html lang="ar" dir="rtl">' in html
    assert 'class="banner emergency' in html


def test_back_button_and_missing_answer(client: TestClient) -> None:
    started = client.post("/start", data={"lang": "en", "age": "40", "sex": "male"})
    url = str(started.url).replace("http://testserver", "")
    first = _field(client.get(url).text, "question")
    nothing = client.post(f"{url}/answer", data={"question": first})
    assert 'role="alert"' in nothing.text  # asked again, not guessed
    client.post(f"{url}/answer", data={"question": first, "dont_know": "1"})
    assert _field(client.get(url).text, "question") != first
    client.post(f"{url}/answer", data={"back": "1"})
    assert _field(client.get(url).text, "question") == first


def test_delete_my_answers(client: TestClient) -> None:
    started = client.post("/start", data={"lang": "zh", "age": "40", "sex": "female"})
    url = str(started.url).replace("http://testserver", "")
    gone = client.post(f"{url}/delete")
    assert gone.status_code == 200 and 'lang="zh"' in gone.text
    assert client.get(url).status_code == 404
