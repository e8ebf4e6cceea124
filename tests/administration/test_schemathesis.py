"""Property-based requests against the published OpenAPI document: never a 5xx.

Requests come both without a credential and with a precinct's, territorial's and the
central commission's tokens (the first seeded election is real, so some paths exist).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kazpolity.administration.store.repository import AdministrationStore
from kazpolity.administration.synthetic import synthetic_definition
from kazpolity.server import create_app

from .helpers import seed


@pytest.fixture(scope="module")
def api_schema() -> Iterator[schemathesis.BaseSchema]:
    directory = Path(tempfile.mkdtemp(prefix="kazpolity-schemathesis-"))
    store = AdministrationStore(f"sqlite:///{directory / 'api.db'}")
    definition = synthetic_definition(date(2023, 3, 19), election_id="e1", precincts=30)
    tokens = seed(store, definition)
    app = create_app()
    app.state.administration_store = store
    app.state.schemathesis_tokens = [tokens.token("PEC-ABA-0001"), tokens.token("TEC-ABA"),
                                     tokens.token("CEC")]
    loaded = schemathesis.openapi.from_asgi("/openapi.json", app)
    yield loaded.include(path_regex="^/api/v1/elections")
    store.close()
    shutil.rmtree(directory, ignore_errors=True)


REAL_IDS = ["CEC", "TEC-ABA", "PEC-ABA-0001", "PEC-ABA-0002", "TEC-AKM"]


def checker(strategy: st.SearchStrategy[schemathesis.Case], tokens: list[str],
            seen: dict[int, int]) -> Callable[[], None]:
    @given(data=st.data())
    @settings(max_examples=8, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    def run(data: st.DataObject) -> None:
        case = data.draw(strategy)
        params = case.path_parameters or {}
        # Point most requests at the real election and real commissions.
        if "election_id" in params and data.draw(st.integers(0, 3)):
            params["election_id"] = "e1"
        if "commission_id" in params and data.draw(st.booleans()):
            params["commission_id"] = data.draw(st.sampled_from(REAL_IDS))
        for token in (None, *tokens):
            headers = {"Authorization": f"Bearer {token}"} if token else None
            response = case.call(headers=headers)
            seen[response.status_code] = seen.get(response.status_code, 0) + 1
            assert response.status_code < 500, (
                case.method, case.formatted_path, response.text[:500])

    return run


def test_no_request_gets_a_server_error(api_schema: schemathesis.BaseSchema) -> None:
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 10
    tokens = api_schema.app.state.schemathesis_tokens
    seen: dict[int, int] = {}
    for operation in operations:
        checker(operation.as_strategy(), tokens, seen)()
    # The requests reached the election, not only the 404 of unknown ids.
    assert seen.get(200, 0) > 10 and seen.get(422, 0) + seen.get(403, 0) > 10, seen
