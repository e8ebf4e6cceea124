"""The HTTP face of the rulebook, and the fail-closed access-policy check."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from kazpolity.http.access import AccessPolicyMissing, assert_every_route_has_policy
from kazpolity.server import create_app


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app())


def test_rules_json(client: TestClient) -> None:
    data = client.get("/api/rules", params={"on": "2011-04-03"}).json()
    assert data["majilis"]["seats_total"]["value"] == 107
    assert data["kurultai"] is None


def test_rules_diff_and_key(client: TestClient) -> None:
    diff = client.get("/api/rules/diff", params={"from": "2007-05-01", "to": "2007-06-01"})
    assert diff.status_code == 200
    assert any(c["key"] == "majilis.seats_total" for c in diff.json()["changes"])
    one = client.get("/api/rules/senate.seats_total", params={"on": "2020-08-12"}).json()
    assert one["value"] == 49


@pytest.mark.parametrize(
    ("path", "params", "status", "field"),
    [
        ("/api/rules", {"on": "1990-01-01"}, 422, "on"),
        ("/api/rules", {"on": "not-a-date"}, 422, "on"),
        ("/api/rules/nobody.seats", {}, 404, "key"),
        ("/api/rules/diff", {"from": "2011-01-01"}, 422, "query.to"),
    ],
)
def test_bad_input_is_a_4xx_naming_the_field(client: TestClient, path: str,
                                             params: dict[str, str], status: int,
                                             field: str) -> None:
    response = client.get(path, params=params)
    assert response.status_code == status
    assert response.json()["error"]["field"] == field


def test_rules_page_and_compare(client: TestClient) -> None:
    page = client.get("/rules", params={"on": "2011-04-03", "compare": "2026-08-01"})
    assert page.status_code == 200
    assert "Rules in force on" in page.text and "2011-04-03" in page.text
    assert "majilis.seats_total" in page.text
    home = client.get("/")
    assert home.status_code == 200


def test_bad_date_in_browser_is_an_error_page(client: TestClient) -> None:
    page = client.get("/rules", params={"on": "bad"}, headers={"accept": "text/html"})
    assert page.status_code == 422
    assert 'id="error-message"' in page.text and "Traceback" not in page.text


def test_every_route_declares_a_policy() -> None:
    app = create_app()
    assert_every_route_has_policy(app)


def test_app_without_a_policy_refuses_to_start() -> None:
    app = FastAPI()

    @app.get("/open")
    def open_door() -> dict[str, str]:
        return {}

    with pytest.raises(AccessPolicyMissing, match="/open"):
        assert_every_route_has_policy(app)
