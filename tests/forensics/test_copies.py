"""Observers' protocol copies against official protocols: hand-made differences found per
precinct and line, summed by region, reported; copies of unknown precincts listed."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from kazpolity.cli.app import main
from kazpolity.errors import InputError
from kazpolity.forensics.copies import compare_copies
from kazpolity.forensics.table import PrecinctTable
from kazpolity.simulate.election import ElectionSpec, generate_election


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    e = generate_election(ElectionSpec(n_regions=3, precincts_per_region=40), 2)
    official = pd.DataFrame({"uik": [f"U{i}" for i in range(e.registered.size)],
                             "region": e.region, "registered": e.registered,
                             "issued": e.issued, "valid": e.valid, "leader": e.votes[:, 0],
                             "other": e.votes[:, 1]})
    copies = official.sample(n=60, random_state=1).copy()
    # the official file gave the leader 25 more votes than the copy in U3 (region R01) and
    # 7 more in U50 (R02), taken from "other" in U50; the copies also hold an unknown U999
    official.loc[official.uik == "U3", "leader"] += 25
    official.loc[official.uik == "U50", ["leader", "other"]] += [7, -7]
    copies = pd.concat([copies, official[official.uik.isin(["U3", "U50"])]
                        .assign(leader=lambda f: f.leader - np.array([25, 7]),
                                other=lambda f: f.other + np.array([0, 7]))])
    copies = copies.drop_duplicates("uik", keep="last")
    extra = copies.iloc[[0]].assign(uik="U999")
    copies = pd.concat([copies, extra])
    root = tmp_path_factory.mktemp("copies")
    official.to_csv(root / "official.csv", index=False)
    copies.to_csv(root / "copies.csv", index=False)
    return root / "official.csv", root / "copies.csv"


MAP = ["--map", "precinct=uik", "--map", "party:other=other"]


def test_differences_per_line_and_region(files: tuple[Path, Path],
                                         capsys: pytest.CaptureFixture[str]) -> None:
    official, copies = files
    capsys.readouterr()
    assert main(["forensics", "copies", str(official), "--copies", str(copies), *MAP,
                 "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    got = {(d["precinct"], d["line"], d["official_minus_copy"]) for d in out["differences"]}
    assert got == {("U3", "leader", 25), ("U50", "leader", 7), ("U50", "party:other", -7)}
    assert out["differences"][0]["precinct"] == "U3"  # largest first
    assert out["differing"] == 2 and out["not_in_official"] == ["U999"]
    regions = {r["region"]: r for r in out["by_region"]}
    assert regions["R01"]["leader_official_minus_copy"] == 25
    assert regions["R02"]["leader_official_minus_copy"] == 7
    assert sum(r["compared"] for r in out["by_region"]) == out["compared"] == 62


def test_text_and_html_report(files: tuple[Path, Path], tmp_path: Path,
                              capsys: pytest.CaptureFixture[str]) -> None:
    official, copies = files
    page = tmp_path / "copies.html"
    assert main(["forensics", "copies", str(official), "--copies", str(copies), *MAP,
                 "--html", str(page)]) == 0
    text = capsys.readouterr().out
    assert "2 precinct(s) differ" in text and "U3 (R01) leader: official" in text
    html = page.read_text(encoding="utf-8")
    assert "<details>" in html and "+25" in html


def test_copies_need_precinct_ids() -> None:
    t = PrecinctTable.build({"registered": [10, 20], "leader": [1, 2]})
    with pytest.raises(InputError, match="precinct"):
        compare_copies(t, t)
