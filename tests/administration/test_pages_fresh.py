"""The administration web pages are no staler than the log head: two server processes
(two apps, each with its own store object) on one database, a write through one is on
the other's pages at once (issue 11: reads in any process catch up with the log)."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from kazpolity.administration.election import ElectionDefinition
from kazpolity.administration.store.repository import AdministrationStore
from kazpolity.server import create_app

from .test_api import make_world


def _entries_on_index(client: TestClient, election_id: str) -> int:
    page = client.get("/administration").text
    row = page[page.index(f"/administration/{election_id}"):]
    found = re.search(r'<td class="num">([\d\s\u202f\u00a0,]+)</td></tr>', row)
    assert found, row[:2000]
    return int(re.sub(r"\D", "", found.group(1)))


def test_a_write_through_one_app_is_on_the_other_apps_pages(
    tmp_path: Path, small_definition: ElectionDefinition,
) -> None:
    url = f"sqlite:///{tmp_path / 'two.db'}"
    writer, writer_store = make_world(url, small_definition)
    reader_store = AdministrationStore(url, migrate_schema=False)
    reader_app = create_app()
    reader_app.state.administration_store = reader_store
    reader = TestClient(reader_app)
    try:
        eid, p1 = small_definition.id, writer.p1
        before = _entries_on_index(reader, eid)
        status_page = f"/administration/{eid}/commissions/{p1}"
        assert 'class="pstatus none"' in reader.get(status_page).text
        response = writer.post(f"/protocols/{p1}", p1, writer.body(p1))
        assert response.status_code in (200, 201), response.text
        assert _entries_on_index(reader, eid) == before + 1
        assert reader_store.runtime(eid).state.commissions[p1].version == 1
        page = reader.get(status_page).text
        assert 'class="pstatus submitted"' in page
        assert response.json()["payload_hash"][:16] in page
    finally:
        reader_store.close()
        writer_store.close()
