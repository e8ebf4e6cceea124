"""Forensics on an election in the administration store (``store:ELECTION_ID``).

The store path is checked against an independent one: the same protocols exported to CSV
by ``kazpolity admin export-protocols`` and read back by the file loader with a column map.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from kazpolity.cli.app import main
from kazpolity.cli.progress import Step, progress_bar
from kazpolity.errors import InputError
from kazpolity.forensics.store_source import StoreElectionSource, parse_source, table_from_state
from kazpolity.forensics.table import ColumnMap, PrecinctTable
from kazpolity.web.seed import SEED_ELECTION_ID, seed_dashboard

PRECINCTS = 400
STORE = f"store:{SEED_ELECTION_ID}"


@pytest.fixture(scope="module")
def store_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store holding the dashboard's synthetic election, mid-count (some precincts have
    no protocol yet)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'kazpolity.db'}"
    seed_dashboard(url, precincts=PRECINCTS)
    return url


@pytest.fixture(scope="module")
def exported(store_url: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "protocols.csv"
    assert main(["admin", "export-protocols", "--election", SEED_ELECTION_ID, "--db", store_url,
                 "--out", str(path)]) == 0
    return path


def csv_map(path: Path, store_url: str) -> list[str]:
    """The column map that reads the exported file as the store source reads the store:
    leader = the option column with the most votes, every other option a party named as
    on the ballot."""
    frame = pd.read_csv(path)
    options = [c for c in frame.columns if c.startswith("votes.")]
    leader = max(options, key=lambda c: (int(frame[c].sum()), c))
    issued = [c for c in ("ballots_issued_in_room", "ballots_issued_outside",
                          "ballots_issued_early") if c in frame.columns]
    names = {o.id: o.name for o in
             StoreElectionSource(SEED_ELECTION_ID, store_url).state().election.options}
    items = ["registered=voters_on_list", f"issued={'+'.join(issued)}",
             "ballots=ballots_found", "valid=ballots_valid", "invalid=ballots_invalid",
             f"leader={leader}"]
    items += [f"party:{names[c.removeprefix('votes.')]}={c}" for c in options if c != leader]
    return [arg for item in items for arg in ("--map", item)]


def run_json(args: list[str], capsys: pytest.CaptureFixture[str]) -> Any:
    code = main([*args, "--json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return json.loads(captured.out)


@pytest.mark.parametrize("command", [
    ["forensics", "integer-percent", "--replicates", "50", "--seed", "4"],
    ["forensics", "fingerprint", "--bins", "40"],
    ["forensics", "digits", "--replicates", "20", "--seed", "2"],
])
def test_store_and_exported_csv_give_the_same_numbers(
    command: list[str], store_url: str, exported: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    from_store = run_json([*command, STORE, "--db", store_url], capsys)
    from_csv = run_json([*command, str(exported), *csv_map(exported, store_url)], capsys)
    assert from_store == from_csv
    n = len(pd.read_csv(exported))
    assert PRECINCTS // 2 < n < PRECINCTS  # mid-count: not every precinct has reported


def test_leader_can_be_named_by_option_id_or_name(store_url: str) -> None:
    source = StoreElectionSource(SEED_ELECTION_ID, store_url)
    default = source.load_named()
    state = source.state()
    second = next(o for o in state.election.options if o.name != default.leader)
    by_id = source.load_named(ColumnMap.parse([f"leader={second.id}"]))
    by_name = source.load_named(ColumnMap.parse([f"leader={second.name}"]))
    assert by_id.leader == by_name.leader == second.name
    assert (by_id.table.leader == by_name.table.leader).all()
    assert default.leader in by_id.table.parties and second.name not in by_id.table.parties
    both = table_from_state(state, [second.id, default.leader])
    assert (both.table.leader == by_id.table.leader + default.table.leader).all()
    assert source.load(ColumnMap({})).registered.tolist() == default.table.registered.tolist()
    with pytest.raises(InputError, match="only leader=OPTION"):
        source.load(ColumnMap.parse(["registered=voters_on_list"]))
    assert isinstance(parse_source("store:x", "sqlite:///y"), StoreElectionSource)
    assert parse_source("a/b.csv") == Path("a/b.csv")


def test_plot_fingerprint_from_the_store(store_url: str, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "fp.svg"
    result = run_json(["plot", "fingerprint", STORE, "--db", store_url, "-o", str(out)], capsys)
    assert out.read_text(encoding="utf-8").lstrip().startswith(("<?xml", "<svg"))
    assert "</svg>" in out.read_text(encoding="utf-8")
    assert result["output"] == str(out) and PRECINCTS // 2 < result["precincts"] < PRECINCTS


def one_line_error(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and len(err.strip().splitlines()) == 1, err
    return err


def test_bad_store_sources_are_one_line_exit_2(store_url: str, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    err = one_line_error(["forensics", "integer-percent", "store:no-such-election", "--db",
                          store_url], capsys)
    assert "no-such-election" in err
    one_line_error(["plot", "fingerprint", "store:no-such-election", "--db", store_url, "-o",
                    str(tmp_path / "x.svg")], capsys)
    missing = tmp_path / "missing.db"
    assert "no store at" in one_line_error(
        ["forensics", "digits", STORE, "--db", f"sqlite:///{missing}"], capsys)
    assert not missing.exists()  # reading never creates a store
    assert "only leader=OPTION" in one_line_error(
        ["forensics", "shpilkin", STORE, "--db", store_url, "--map", "registered=x"], capsys)
    assert "applies only to" in one_line_error(
        ["forensics", "shpilkin", "file.csv", "--db", store_url], capsys)
    # An election whose precincts have not reported yet.
    empty = f"sqlite:///{tmp_path / 'empty.db'}"
    assert main(["admin", "seed-election", "--synthetic", "--date", "2023-03-19", "--db", empty,
                 "--precincts", "25", "--election-id", "fresh", "--credentials-out",
                 str(tmp_path / "cred.json"), "--json"]) == 0
    capsys.readouterr()
    assert "no precinct protocol yet" in one_line_error(
        ["forensics", "fingerprint", "store:fresh", "--db", empty], capsys)


def test_web_page_reads_the_store_through_the_source(store_url: str) -> None:
    from fastapi.testclient import TestClient

    import kazpolity.web.forensics_pages as pages
    from kazpolity.server import create_app

    assert not hasattr(pages, "table_from_store")
    app = create_app()
    app.state.administration_db_url = store_url
    with TestClient(app, headers={"accept": "text/html"}) as client:
        response = client.get("/forensics", params={"source": STORE})
    assert response.status_code == 200
    leader = StoreElectionSource(SEED_ELECTION_ID, store_url).load_named().leader
    assert leader in response.text


def test_progress_callbacks_count_the_steps(store_url: str) -> None:
    from kazpolity.administration.store.verify import verify_store
    from kazpolity.forensics.digits import battery_steps, eft_battery
    from kazpolity.forensics.report import build_report, report_steps

    table = StoreElectionSource(SEED_ELECTION_ID, store_url).load(ColumnMap({}))
    with progress_bar("test", None, enabled=False) as step:
        rows = eft_battery(table, by="region", replicates=5, on_step=step)
    assert isinstance(step, Step) and step.done == len(rows) == battery_steps(table, "region")
    assert battery_steps(table, "region") > battery_steps(table) > 1

    step = Step()
    build_report(table, replicates=20, klimek_repeats=2, on_step=step)
    assert step.done == report_steps(table, klimek_repeats=2)
    assert table.ballots is not None
    leaderless = PrecinctTable.build({"registered": table.registered, "ballots": table.ballots})
    step = Step()
    build_report(leaderless, replicates=20, on_step=step)
    assert step.done == report_steps(leaderless) == battery_steps(leaderless) + 3

    started: list[int] = []
    step = Step()
    report = verify_store(store_url, on_start=started.append, on_step=step)
    assert report["ok"] and started == [1] and step.done == 1


def test_copies_against_the_store(store_url: str, exported: Path, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    """Observers' copies (here: the exported protocols with the leader's count in the first
    precinct lowered by 100 and the ballots received in the second raised by 5) against the
    protocols in the store: exactly those two differences; the store's ballots-received line
    is read, so issued <= received is checked."""
    frame = pd.read_csv(exported)
    options = [c for c in frame.columns if c.startswith("votes.")]
    leader = max(options, key=lambda c: (int(frame[c].sum()), c))
    frame.loc[0, leader] -= 100
    frame.loc[1, "ballots_received"] += 5
    copies = tmp_path / "copies.csv"
    frame.to_csv(copies, index=False)
    issued = "+".join(c for c in ("ballots_issued_in_room", "ballots_issued_outside",
                                  "ballots_issued_early") if c in frame.columns)
    cmap = ["precinct=commission_id", "registered=voters_on_list", "received=ballots_received",
            f"issued={issued}", "ballots=ballots_found", "valid=ballots_valid",
            "invalid=ballots_invalid", f"leader={leader}"]
    args = [arg for item in cmap for arg in ("--copies-map", item)]
    capsys.readouterr()
    assert main(["forensics", "copies", STORE, "--db", store_url, "--copies", str(copies),
                 *args, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    got = {(d["precinct"], d["line"], d["official_minus_copy"]) for d in out["differences"]}
    first, second = str(frame.loc[0, "commission_id"]), str(frame.loc[1, "commission_id"])
    assert got == {(first, "leader", 100), (second, "received", -5)}
    assert out["compared"] == len(frame) and out["not_in_official"] == []
    table = StoreElectionSource(SEED_ELECTION_ID, store_url).load(ColumnMap({}))
    assert table.received is not None
