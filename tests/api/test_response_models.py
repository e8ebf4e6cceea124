"""Every JSON answer of the API has a schema in /openapi.json, and the models keep the shape."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from kazpolity.server import create_app


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return create_app().openapi()


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app())


def _resolved(schema: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if ref is None:
        return schema
    name = ref.rsplit("/", 1)[-1]
    resolved: dict[str, Any] = spec["components"]["schemas"][name]
    return resolved


def _described(schema: dict[str, Any], spec: dict[str, Any]) -> bool:
    """A schema that says something: an object with properties, or an array of such."""
    schema = _resolved(schema, spec)
    if schema.get("type") == "array":
        return _described(schema.get("items", {}), spec)
    return bool(schema.get("properties"))


def _json_answers(spec: dict[str, Any]) -> list[tuple[str, str, str, dict[str, Any]]]:
    answers = []
    for path, item in spec["paths"].items():
        if not path.startswith("/api"):
            continue
        for method, operation in item.items():
            for code, response in operation.get("responses", {}).items():
                if code.startswith("2"):
                    schema = response.get("content", {}).get("application/json", {}).get(
                        "schema", {})
                    answers.append((method, path, code, schema))
    return answers


def test_every_json_answer_of_every_api_route_has_a_schema(spec: dict[str, Any]) -> None:
    answers = _json_answers(spec)
    assert len({(m, p) for m, p, _, _ in answers}) >= 25
    missing = [f"{m.upper()} {p} {c}" for m, p, c, s in answers if not _described(s, spec)]
    assert missing == []


def test_the_write_answers_document_both_their_codes(spec: dict[str, Any]) -> None:
    submit = spec["paths"]["/api/v1/elections/{election_id}/protocols/{commission_id}"]["post"]
    for code in ("200", "201"):
        schema = submit["responses"][code]["content"]["application/json"]["schema"]
        assert schema == {"$ref": "#/components/schemas/WriteAnswerJson"}


def test_a_rule_s_note_appears_only_where_the_rule_has_one(client: TestClient) -> None:
    book = client.get("/api/rules", params={"on": "2023-03-19"}).json()
    assert "note" in book["majilis"]["seats_total"]
    assert "note" not in book["majilis"]["term_years"]
    assert next(iter(book)) == "on"
    assert list(book["majilis"]["seats_total"]) == ["value", "from", "until", "source",
                                                    "unverified", "note"]


def test_a_rule_explained_keeps_its_declaration_first(client: TestClient) -> None:
    one = client.get("/api/rules/majilis.threshold_percent", params={"on": "2010-01-01"})
    assert list(one.json()) == ["key", "description", "unit", "value", "from", "until",
                                "source", "unverified", "history"]
    assert one.json()["value"] == 7


def test_a_rerun_keeps_its_outcome_s_own_fields(client: TestClient) -> None:
    data = client.get("/api/v1/official/president-2022/rerun",
                      params={"under": "2022-11-20"}).json()
    assert list(data)[:4] == ["id", "under", "official", "status"]
    assert data["winner"].startswith("Kassym-Jomart Tokayev")
