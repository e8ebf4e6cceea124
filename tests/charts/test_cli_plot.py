"""``kazpolity plot``: SVG files from the CLI, errors as one line and exit 2."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kazpolity.cli.app import main
from kazpolity.elections.official import official_election

SVG = "{http://www.w3.org/2000/svg}"
ALBANIA = Path(__file__).resolve().parents[1] / "data" / "forensics" / \
    "albania_2013_parliament.csv.zip"


def test_plot_parliament(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "majilis.svg"
    assert main(["plot", "parliament", "majilis-2023", "-o", str(out), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    circles = ET.parse(out).getroot().findall(f".//{SVG}circle")
    assert len(circles) == report["seats"] == 98
    amanat = next(r for r in official_election("majilis-2023").rows if r.name == "Amanat")
    assert sum(1 for c in circles if c.get("data-party") == "Amanat") == amanat.seats_total


def test_plot_map_in_kazakh(tmp_path: Path) -> None:
    out = tmp_path / "map.svg"
    assert main(["plot", "map", "--on", "2023-03-19", "--lang", "kk", "-o", str(out)]) == 0
    assert "Ұлытау облысы" in out.read_text(encoding="utf-8")


def test_plot_fingerprint(tmp_path: Path) -> None:
    out = tmp_path / "fp.svg"
    assert main(["plot", "fingerprint", str(ALBANIA), "--map", "leader=C050", "-o",
                 str(out)]) == 0
    assert ET.parse(out).getroot().tag == f"{SVG}svg"


@pytest.mark.parametrize("argv", [
    ["plot", "parliament", "president-2022", "-o", "x.svg"],
    ["plot", "parliament", "nope", "-o", "x.svg"],
    ["plot", "map", "--on", "1990-01-01", "-o", "x.svg"],
    ["plot", "map", "--on", "2020-01-01", "--lang", "de", "-o", "x.svg"],
    ["plot", "map", "--on", "2020-01-01", "-o", "x.png"],
])
def test_bad_input_is_one_line_and_exit_2(argv: list[str], tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    argv = [a if not a.startswith("x.") else str(tmp_path / a) for a in argv]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("error:") and len(err.strip().splitlines()) == 1
