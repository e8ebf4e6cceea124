"""Arch geometry: row counts, seats per row, no overlaps, everything inside the arch, seat
order, and byte-for-byte SVG snapshots for chambers of 7 to 450 seats."""

from __future__ import annotations

import math
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kazpolity.charts.parliament import (
    PAD,
    SCALE,
    SeatGroup,
    arch_layout,
    arch_svg,
    assign,
    row_capacities,
    rows_for,
)
from kazpolity.errors import InputError

SNAPSHOTS = Path(__file__).with_name("snapshots")
SVG = "{http://www.w3.org/2000/svg}"
SIZES = (7, 50, 98, 107, 145, 450)


def parliamentarch_rows(nrows: int) -> list[int]:
    """parliamentarch's ``get_rows_from_nrows`` (180°), written out independently."""
    rad = 1 / (4 * nrows - 2)
    return [int(math.pi * (0.5 + 2 * r * rad) / (2 * rad)) for r in range(nrows)]


def parliamentarch_nrows(seats: int) -> int:
    n = 1
    while sum(parliamentarch_rows(n)) < seats:
        n += 1
    return n


def check_geometry(seats: int) -> None:
    layout = arch_layout(seats)
    assert len(layout.seats) == seats
    assert layout.rows == parliamentarch_nrows(seats)
    assert list(layout.row_capacity) == parliamentarch_rows(layout.rows)
    assert sum(layout.row_seats) == seats
    room = sum(layout.row_capacity)
    for count, capacity in zip(layout.row_seats, layout.row_capacity, strict=True):
        assert count <= capacity
        assert abs(count - seats * capacity / room) < 1
    xy = np.array([(s.x, s.y) for s in layout.seats])
    radius = layout.seats[0].radius
    assert math.isclose(radius, 0.8 * layout.thickness)
    if seats > 1:
        gaps = np.sqrt(((xy[:, None, :] - xy[None, :, :]) ** 2).sum(axis=2))
        np.fill_diagonal(gaps, np.inf)
        assert gaps.min() >= 2 * radius - 1e-9, "two seats overlap"
    centre_distance = np.hypot(xy[:, 0] - 1, xy[:, 1])
    assert (centre_distance + radius <= 1 + 1e-9).all(), "a seat leaves the outer arc"
    assert (centre_distance - radius >= 0.5 - layout.thickness - 1e-9).all()
    assert (xy[:, 1] - radius >= -1e-9).all(), "a seat falls below the baseline"
    angles = [round(s.angle, 9) for s in layout.seats]
    assert angles == sorted(angles, reverse=True), "seats are not ordered left to right"


@pytest.mark.parametrize("seats", [*range(1, 121), 145, 177, 300, 450, 600, 1000])
def test_geometry(seats: int) -> None:
    check_geometry(seats)


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=1, max_value=2000))
def test_geometry_any_size(seats: int) -> None:
    check_geometry(seats)


def test_documented_rows() -> None:
    # docs/parliament-geometry.md, table of examples
    assert arch_layout(7).row_seats == (3, 4)
    assert arch_layout(98).row_seats == (14, 17, 20, 22, 25)
    assert arch_layout(145).row_capacity == (17, 20, 23, 26, 29, 32)
    assert rows_for(450) == 11
    assert row_capacities(1) == (1,)


@pytest.mark.parametrize("bad", [0, -3, 2001, True, 2.5])
def test_bad_seat_counts(bad: object) -> None:
    with pytest.raises(InputError):
        arch_layout(bad)  # type: ignore[arg-type]


def test_groups_are_wedges_in_order() -> None:
    layout = arch_layout(98)
    groups = [SeatGroup("A", 62), SeatGroup("B", 8), SeatGroup("C", 28)]
    owners = [group.name for _, group in assign(layout, groups)]
    assert owners == ["A"] * 62 + ["B"] * 8 + ["C"] * 28
    with pytest.raises(InputError):
        assign(layout, [SeatGroup("A", 97)])


def groups_for(seats: int) -> list[SeatGroup]:
    """A fixed split: about half, a third, the rest, and an unknown remainder."""
    first = seats // 2
    second = seats // 3
    third = max(0, seats - first - second - 1)
    return [SeatGroup("Amanat", first), SeatGroup("Ak Zhol", second),
            SeatGroup("Auyl", third), SeatGroup("unknown", seats - first - second - third)]


@pytest.mark.parametrize("seats", SIZES)
def test_svg_snapshot(seats: int) -> None:
    text = arch_svg(groups_for(seats), title=f"{seats} seats")
    path = SNAPSHOTS / f"arch-{seats}.svg"
    if os.environ.get("KAZPOLITY_UPDATE_SNAPSHOTS"):
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{path.name} changed"


@pytest.mark.parametrize("seats", SIZES)
def test_svg_circles(seats: int) -> None:
    """Read the drawn SVG back: exact seats per party, no overlap, inside the arch."""
    root = ET.fromstring(arch_svg(groups_for(seats), title="t"))
    circles = root.findall(f".//{SVG}circle")
    assert len(circles) == seats
    by_party: dict[str, int] = {}
    for circle in circles:
        by_party[circle.get("data-party", "")] = by_party.get(circle.get("data-party", ""), 0) + 1
    assert by_party == {g.name: g.seats for g in groups_for(seats) if g.seats}
    xy = np.array([(float(c.get("cx", "0")), float(c.get("cy", "0"))) for c in circles])
    r = float(circles[0].get("r", "0"))
    gaps = np.sqrt(((xy[:, None, :] - xy[None, :, :]) ** 2).sum(axis=2))
    np.fill_diagonal(gaps, np.inf)
    assert gaps.min() >= 2 * r - 0.02  # coordinates are rounded to 0.01 px
    distance = np.hypot(xy[:, 0] - (PAD + SCALE), xy[:, 1] - (PAD + SCALE))
    assert (distance + r <= SCALE + 0.02).all()
    assert (xy[:, 1] + r <= PAD + SCALE + 0.02).all()
