"""Adding records published after the bundled data: an extra directory, validated, reproduced.

The fixture (tests/data/extra_records/) is fictional: it stands for the first Kurultai election
of 23 August 2026, whose results no stored source has (docs/adding-records.md).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from kazpolity.cli.app import main
from kazpolity.data import EXTRA_RECORDS_ENV
from kazpolity.elections.official import official_election, official_elections
from kazpolity.elections.reproduce import Checked, reproduce
from kazpolity.errors import DataFileError, NotFound
from kazpolity.institutions.holders import holder_data, holder_on

FIXTURE = Path(__file__).parents[1] / "data" / "extra_records"


def _clear() -> None:
    official_elections.cache_clear()
    holder_data.cache_clear()


@pytest.fixture
def extra(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv(EXTRA_RECORDS_ENV, str(FIXTURE))
    _clear()
    yield FIXTURE
    _clear()


@pytest.fixture
def extra_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv(EXTRA_RECORDS_ENV, str(tmp_path))
    _clear()
    yield tmp_path
    _clear()


def test_without_the_variable_there_is_no_kurultai_result() -> None:
    _clear()
    with pytest.raises(NotFound):
        official_election("kurultai-2026")
    assert holder_on("kurultai_chair", date(2026, 11, 1)).status == "unknown"


def test_an_added_kurultai_election_is_loaded_and_reproduced(extra: Path) -> None:
    election = official_election("kurultai-2026")
    assert election.body == "kurultai" and election.result_status == "final"
    # Worked by hand: lists plus against-all = 6,510,000, 5% = 325,500, so E (200,000) is
    # out; A+B+C+D = 6,010,000 share 145 seats, Hare quota 41,448.28: quotients 96.506,
    # 24.127, 14.476, 9.892 -> floors 96/24/14/9 = 143; the two largest remainders go to
    # D (.892) and A (.506): 97/24/14/10.
    row = reproduce(election)
    assert row.status == "match"
    assert row.official == row.computed == "97/24/14/10"
    assert row.checked is Checked.LIST_SEATS and row.seats == 145


def test_an_added_office_holder_closes_only_the_unknown_stretch(extra: Path) -> None:
    assert holder_on("kurultai_chair", date(2026, 9, 1)).holder == "Fixture Chair"
    assert holder_on("kurultai_chair", date(2026, 8, 1)).status == "vacant"  # bundled
    assert holder_on("kurultai_chair", date(2026, 8, 25)).status == "unknown"  # bundled gap
    assert holder_on("prime_minister", date(2026, 9, 3)).holder == "Fixture Prime Minister"
    assert holder_on("prime_minister", date(2026, 8, 1)).holder == "Oljas Bektenov"
    assert holder_on("vice_president", date(2026, 9, 5)).holder == "Fixture Vice President"


def test_the_cli_reproduces_the_added_election(
    extra: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["elections", "reproduce", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["summary"]["mismatch"] == 0
    assert {"id": "kurultai-2026", "status": "match"}.items() <= next(
        r for r in data["rows"] if r["id"] == "kurultai-2026"
    ).items()


def test_a_wrong_seat_count_is_a_mismatch(extra_dir: Path) -> None:
    data = json.loads((FIXTURE / "elections.json").read_text(encoding="utf-8"))
    data["elections"][0]["results"][0]["seats_pr"] = 98
    (extra_dir / "elections.json").write_text(json.dumps(data), encoding="utf-8")
    assert reproduce(official_election("kurultai-2026")).status == "mismatch"


def test_an_extra_file_may_not_overwrite_a_sourced_tenure(extra_dir: Path) -> None:
    (extra_dir / "office_holders.yaml").write_text(
        "offices:\n  prime_minister:\n    holders:\n"
        "      - {holder: Someone, from: 2025-01-01, until: null, sources: [https://x.kz]}\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError, match=r"prime_minister.*Oljas Bektenov"):
        holder_data()


@pytest.mark.parametrize(
    ("content", "key"),
    [
        ('{"elections": [{"id": "maj-2023", "date": "2023-03-19", "sources": ["x"]}]}',
         "majilis-2023: duplicate id"),
        ('{"elections": [{"id": "xyz-2026", "date": "2026-08-23"}]}', "xyz-2026.id"),
        ('{"elections": [{"id": "kur-2026", "date": "23.08.2026"}]}', "kur-2026.date"),
        ('{"elections": [{"id": "kur-2026", "date": "2026-08-23", "results": [{"votes": 1}]}]}',
         "kur-2026.results[0].name"),
        ('{"elections": [{"id": "kur-2026", "date": "2026-08-23", "sources": []}]}',
         "kur-2026.sources"),
        ('{"elections": [{"id": "kur-2026", "date": "2026-08-23", "registered_voters": -1,'
         ' "sources": ["x"]}]}', "kur-2026.registered_voters"),
        ('{"elections": [{"id": "kur-2026", "date": "2026-08-23", "result_status": "official",'
         ' "sources": ["x"]}]}', "kur-2026.result_status"),
        ("[1, 2]", "elections"),
    ],
)
def test_a_bad_extra_elections_file_names_the_field(
    extra_dir: Path, content: str, key: str
) -> None:
    (extra_dir / "elections.json").write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        official_elections()
    assert str(extra_dir / "elections.json") in str(caught.value)
    assert key in str(caught.value)


def test_the_cli_reports_a_bad_extra_file_in_one_line(
    extra_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (extra_dir / "elections.json").write_text("{not json", encoding="utf-8")
    code = main(["elections", "reproduce", "--json"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "elections.json" in err


def test_a_variable_naming_no_directory_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(EXTRA_RECORDS_ENV, "/nonexistent/records")
    _clear()
    try:
        with pytest.raises(DataFileError, match=EXTRA_RECORDS_ENV):
            official_elections()
    finally:
        _clear()


def test_an_extra_tenure_inside_an_unknown_stretch_keeps_both_ends_unknown(
    extra_dir: Path,
) -> None:
    # The bundled record has the CEC's chair UNKNOWN from 1991-12-16 to 1996.
    (extra_dir / "office_holders.yaml").write_text(
        "offices:\n  cec_chair:\n    holders:\n"
        "      - {holder: Early Chair, from: 1993-01-01, until: 1994-01-01,"
        " sources: [https://example.kz/decree]}\n",
        encoding="utf-8",
    )
    assert holder_on("cec_chair", date(1992, 6, 1)).status == "unknown"
    assert holder_on("cec_chair", date(1993, 6, 1)).holder == "Early Chair"
    assert holder_on("cec_chair", date(1995, 6, 1)).status == "unknown"
    assert holder_on("cec_chair", date(1998, 1, 1)).holder == "Zagipa Baliyeva"
