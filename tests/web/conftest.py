"""Fixtures for the dashboard tests: a seeded store, a TestClient, and for the browser tests
a real uvicorn server on a free loopback port and Debian's Chromium through Playwright."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
SEED_PRECINCTS = 1200

SERVER = """
import sys, uvicorn
from kazpolity.web.seed import seed_dashboard
from kazpolity.server import create_app
seed_dashboard(precincts={precincts})
uvicorn.run(create_app(), host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
"""


@pytest.fixture(scope="session")
def seeded_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory whose SQLite store holds the dashboard's synthetic election."""
    from kazpolity.web.seed import seed_dashboard

    directory = tmp_path_factory.mktemp("kazpolity-data")
    seed_dashboard(f"sqlite:///{directory / 'kazpolity.db'}", precincts=SEED_PRECINCTS)
    return directory


@pytest.fixture(scope="session")
def client(seeded_data_dir: Path) -> Iterator[TestClient]:
    from kazpolity.server import create_app

    app = create_app()
    app.state.administration_db_url = f"sqlite:///{seeded_data_dir / 'kazpolity.db'}"
    with TestClient(app, headers={"accept": "text/html"}) as test_client:
        yield test_client


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``kazpolity``'s app under uvicorn against a fresh data dir, seeded on start."""
    data = tmp_path_factory.mktemp("live-data")
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "KAZPOLITY_DATABASE_URL"}
    env["KAZPOLITY_DATA_DIR"] = str(data)
    log = (data / "server.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-c", SERVER.format(precincts=SEED_PRECINCTS), str(port)],
        env=env, stdout=log, stderr=subprocess.STDOUT, cwd=str(data))
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                raise RuntimeError("the server exited: "
                                   + (data / "server.log").read_text()[-2000:])
            try:
                if httpx.get(f"{base}/api/rules", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the server did not start within 90 s")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                              args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class ConsoleLog:
    """Console errors and uncaught page errors seen by one page."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.allowed_status: set[int] = set()

    def on_console(self, message: Any) -> None:
        if message.type == "error":
            text = str(message.text)
            if any(f"status of {code}" in text for code in self.allowed_status):
                return
            self.errors.append(text)

    def on_page_error(self, error: Any) -> None:
        self.errors.append(f"page error: {error}")


@pytest.fixture()
def page(browser: Any, live_server: str) -> Iterator[tuple[Any, ConsoleLog]]:
    context = browser.new_context(base_url=live_server, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(20_000)
    log = ConsoleLog()
    tab.on("console", log.on_console)
    tab.on("pageerror", log.on_page_error)
    try:
        yield tab, log
    finally:
        context.close()
    assert not log.errors, f"console errors: {log.errors}"


def screenshot(tab: Any, name: str) -> Path:
    """Save a full-page screenshot under ``test-artifacts/``."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    tab.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture(autouse=True)
def _forget_language(request: pytest.FixtureRequest) -> Iterator[None]:
    """A page visited with ``?lang=`` sets a cookie; the session client must not carry it
    into the next test."""
    yield
    if "client" in request.fixturenames:
        request.getfixturevalue("client").cookies.clear()
