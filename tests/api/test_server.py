"""The composition root: settings passed in, the store opened in the lifespan, every router."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kazpolity.errors import InputError
from kazpolity.http.access import iter_routes
from kazpolity.presentation import Language
from kazpolity.server import create_app
from kazpolity.settings import Settings


def test_the_store_opens_at_start_up_and_closes_at_shut_down(tmp_path: Path) -> None:
    database = tmp_path / "store.db"
    app = create_app(Settings(database_url=f"sqlite:///{database}"))
    assert not database.exists()
    with TestClient(app) as client:
        # Opened (and migrated) by the lifespan, before any request.
        assert database.exists()
        assert app.state.administration_store is not None
        assert client.get("/api/v1/elections").json() == {"elections": []}
    assert app.state.administration_store is None


def test_the_app_keeps_the_settings_it_was_given(tmp_path: Path) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'a.db'}", lang=Language.KK)
    assert create_app(settings).state.settings is settings


def test_pages_and_api_routes_are_both_included() -> None:
    paths = {getattr(route, "path", "") for route in iter_routes(create_app().routes)}
    assert {"/api/rules", "/api/v1/elections", "/elections", "/institutions", "/static"} <= paths


def test_settings_read_from_the_environment() -> None:
    settings = Settings.from_env({"KAZPOLITY_PORT": "8123", "KAZPOLITY_LANG": "ru",
                                  "KAZPOLITY_DATABASE_URL": "sqlite:///x.db"})
    assert (settings.port, settings.lang, settings.database_url) == (8123, Language.RU,
                                                                     "sqlite:///x.db")
    assert Settings.from_env({}) == Settings()
    assert Settings.from_env({"KAZPOLITY_LANG": "de"}).lang is Language.EN


def test_a_malformed_port_names_the_variable() -> None:
    with pytest.raises(InputError) as bad:
        Settings.from_env({"KAZPOLITY_PORT": "eighty"})
    assert bad.value.field == "KAZPOLITY_PORT"


@pytest.mark.parametrize(("trusted", "scheme"), [("*", "https"), ("127.0.0.1", "http")])
def test_forwarded_headers_are_read_only_from_a_trusted_peer(tmp_path: Path, trusted: str,
                                                             scheme: str) -> None:
    """``serve`` leaves forwarded headers to the app (``server.KazpolityApp``): a trailing-
    slash redirect behind a TLS proxy keeps ``https`` when the proxy is trusted, and only
    then (the test client's peer is ``testclient``, not 127.0.0.1)."""
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'f.db'}",
                              forwarded_allow_ips=trusted))
    with TestClient(app) as client:
        answer = client.get("/api/v1/elections/", follow_redirects=False,
                            headers={"X-Forwarded-Proto": "https",
                                     "X-Forwarded-For": "203.0.113.7"})
    assert answer.status_code == 307
    assert answer.headers["location"] == f"{scheme}://testserver/api/v1/elections"


def test_the_trusted_proxies_come_from_uvicorns_variable() -> None:
    assert Settings.from_env({}).forwarded_allow_ips == "127.0.0.1"
    assert Settings.from_env({"FORWARDED_ALLOW_IPS": "10.0.0.2"}).forwarded_allow_ips == "10.0.0.2"
