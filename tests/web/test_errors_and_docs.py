"""Errors on HTML routes are pages (whatever the client accepts); under /api they stay JSON.
The API documentation pages load their scripts from this server, never from a CDN."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def plain() -> TestClient:
    """A client that says nothing about what it accepts (like curl)."""
    from kazpolity.server import create_app

    return TestClient(create_app())


@pytest.mark.parametrize(("path", "status", "text"), [
    ("/?on=2030-01-01", 422, "2030-01-01"),
    ("/elections/majilis-2030", 404, "majilis-2030"),
    ("/rules?on=bad", 422, "on"),
    ("/no/such/page", 404, "/no/such/page"),
    ("/institutions?date=1900-01-01", 422, "1900-01-01"),
])
@pytest.mark.parametrize("accept", ["*/*", "application/json", "text/html"])
def test_html_routes_answer_errors_as_pages(plain: TestClient, path: str, status: int,
                                            text: str, accept: str) -> None:
    answer = plain.get(path, headers={"accept": accept})
    assert answer.status_code == status
    assert answer.headers["content-type"].startswith("text/html")
    assert 'id="error-message"' in answer.text and text in answer.text
    assert "Traceback" not in answer.text


def test_error_pages_explain_in_the_readers_language(plain: TestClient) -> None:
    page = plain.get("/?on=2030-01-01&lang=ru").text
    assert "Неверный ввод" in page and "Значение в адресе нарушает правило" in page


@pytest.mark.parametrize("accept", ["*/*", "text/html"])
def test_api_errors_stay_json(plain: TestClient, accept: str) -> None:
    answer = plain.get("/api/rules", params={"on": "2030-01-01"}, headers={"accept": accept})
    assert answer.status_code == 422
    assert answer.json()["error"]["field"] == "on"


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_api_docs_use_local_assets(plain: TestClient, path: str) -> None:
    page = plain.get(path)
    assert page.status_code == 200
    assets = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert assets and all(a.startswith("/") for a in assets), assets
    assert "cdn.jsdelivr" not in page.text and "fonts.googleapis" not in page.text
    for asset in assets:
        fetched = plain.get(asset)
        assert fetched.status_code == 200 and len(fetched.content) > 100, asset
