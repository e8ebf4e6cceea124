from __future__ import annotations

from pathlib import Path

import pytest

from kazpolity.forensics.loaders import load_precincts
from kazpolity.forensics.table import ColumnMap, PrecinctTable

DATA = Path(__file__).resolve().parents[1] / "data" / "forensics"
RU2011 = DATA / "ru_duma_2011.csv.zip"
RU2018 = DATA / "ru_president_2018.csv.zip"
ALBANIA = DATA / "albania_2013_parliament.csv.zip"
UR_2011 = '6. Всероссийская политическая партия "ЕДИНАЯ РОССИЯ"'
PUTIN_2018 = "Путин Владимир Владимирович"


@pytest.fixture(scope="session")
def ru2011() -> PrecinctTable:
    return load_precincts(RU2011, ColumnMap.parse([f"leader={UR_2011}"]))


@pytest.fixture(scope="session")
def ru2018() -> PrecinctTable:
    return load_precincts(RU2018, ColumnMap.parse([f"leader={PUTIN_2018}"]))


@pytest.fixture(scope="session")
def albania() -> PrecinctTable:
    return load_precincts(
        ALBANIA,
        ColumnMap.parse(["registered=Registered", "ballots=Ballots", "region=Prefectures",
                         "party:C035=C035", "party:C050=C050"]),
    )
