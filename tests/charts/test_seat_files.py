"""``kazpolity plot parliament`` from any seats CSV to SVG, PNG or PDF."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kazpolity.charts.palette import party_colour
from kazpolity.charts.seat_files import read_seat_groups
from kazpolity.cli.app import main

SVG = "{http://www.w3.org/2000/svg}"


def _csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "seats.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_rows_keep_their_order_and_colours(tmp_path: Path) -> None:
    path = _csv(tmp_path, "Party,Seats,Colour\nGreens,3,#00aa00\nAuyl,8,\nAmanat,62,\n")
    groups = read_seat_groups(path)
    assert [(g.name, g.seats) for g in groups] == [("Greens", 3), ("Auyl", 8), ("Amanat", 62)]
    assert groups[0].fill == "#00aa00" and groups[2].fill == party_colour("Amanat")


def test_the_svg_hands_seats_out_left_to_right_in_file_order(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _csv(tmp_path, "name,seats\nLeft,2\nRight,3\n")
    out = tmp_path / "arch.svg"
    assert main(["plot", "parliament", str(path), "-o", str(out)]) == 0
    seats = [c for c in ET.parse(out).getroot().iter(f"{SVG}circle")]
    ordered = sorted(seats, key=lambda c: float(c.get("cx") or 0))
    assert [c.get("data-party") for c in ordered] == ["Left"] * 2 + ["Right"] * 3
    assert "wrote" in capsys.readouterr().out


@pytest.mark.parametrize(("suffix", "magic"), [(".png", b"\x89PNG"), (".pdf", b"%PDF")])
def test_png_and_pdf(tmp_path: Path, suffix: str, magic: bytes) -> None:
    path = _csv(tmp_path, "party,seats\nA,40\nB,58\n")
    out = tmp_path / f"arch{suffix}"
    assert main(["plot", "parliament", str(path), "-o", str(out)]) == 0
    assert out.read_bytes().startswith(magic) and out.stat().st_size > 5000


def test_an_election_id_still_works_to_png(tmp_path: Path) -> None:
    out = tmp_path / "m.png"
    assert main(["plot", "parliament", "majilis-2023", "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize(("text", "message"), [
    ("party,votes\nA,3\n", "seats column"),
    ("party,seats\nA,three\n", "FILE line 2: seats must be a whole number"),
    ("party,seats,colour\nA,3,green\n", "colour must be #rrggbb"),
    ("party,seats\nA,0\n", "no seats to draw"),
])
def test_a_bad_seats_file_is_one_line_and_exit_2(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, message: str) -> None:
    path = _csv(tmp_path, text)
    assert main(["plot", "parliament", str(path), "-o", str(tmp_path / "x.svg")]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1


def test_an_unknown_format_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _csv(tmp_path, "party,seats\nA,3\n")
    assert main(["plot", "parliament", str(path), "-o", str(tmp_path / "x.gif")]) == 2
    assert "--output" in capsys.readouterr().err
