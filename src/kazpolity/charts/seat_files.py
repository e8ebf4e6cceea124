"""Seat groups from a CSV file, and an arch written as SVG, PNG or PDF.

A seats CSV has a header with ``party`` (or ``name``) and ``seats``, and optionally
``colour`` (or ``color``, ``#rrggbb``) and ``label``; rows are drawn left to right in file
order. Any chamber can be drawn this way, not only the bundled elections.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from pathlib import Path

from kazpolity.charts.parliament import SeatGroup, arch_layout, arch_svg, assign
from kazpolity.charts.parliament import with_distinct_colours as distinct
from kazpolity.errors import InputError

FORMATS = (".svg", ".png", ".pdf")
HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


def _column(header: Sequence[str], *names: str, required: bool = True) -> str | None:
    for name in names:
        if name in header:
            return name
    if required:
        raise InputError("FILE", f"the header needs a {' or '.join(names)!s} column "
                                 f"(found: {', '.join(header) or 'nothing'})")
    return None


def read_seat_groups(path: Path) -> list[SeatGroup]:
    """The groups of a seats CSV in file order; a bad row names its line and column."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError("FILE", f"no such file: {path}") from None
    except (OSError, UnicodeDecodeError) as err:
        raise InputError("FILE", f"cannot read {path}: {err}") from None
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in reader.fieldnames or []]
    reader.fieldnames = header
    name_col = _column(header, "party", "name")
    seats_col = _column(header, "seats")
    colour_col = _column(header, "colour", "color", required=False)
    label_col = _column(header, "label", required=False)
    groups: list[SeatGroup] = []
    for line, row in enumerate(reader, start=2):
        name = (row.get(name_col or "") or "").strip()
        raw = (row.get(seats_col or "") or "").strip()
        if not name:
            raise InputError(f"FILE line {line}", f"{name_col} is empty")
        if not raw.isdigit():
            raise InputError(f"FILE line {line}", f"seats must be a whole number >= 0, "
                                                  f"got {raw!r}")
        colour = (row.get(colour_col) or "").strip() if colour_col else ""
        if colour and not HEX_COLOUR.fullmatch(colour):
            raise InputError(f"FILE line {line}", f"colour must be #rrggbb, got {colour!r}")
        label = (row.get(label_col) or "").strip() if label_col else ""
        groups.append(SeatGroup(name, int(raw), colour or None, label or None))
    if not any(group.seats for group in groups):
        raise InputError("FILE", "no seats to draw (every row has 0 seats, or no rows)")
    return distinct(groups)


def write_arch(groups: Sequence[SeatGroup], title: str, output: Path) -> None:
    """Write the arch to ``output``: SVG as drawn for the web, PNG or PDF via matplotlib."""
    suffix = output.suffix.lower()
    if suffix not in FORMATS:
        raise InputError("--output", f"must end in {', '.join(FORMATS)}, got {output.name!r}")
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        if suffix == ".svg":
            output.write_text(arch_svg(groups, title=title), encoding="utf-8")
        else:
            _write_raster(groups, title, output)
    except OSError as err:
        raise InputError("--output", f"cannot write {output}: {err.strerror}") from err


def _write_raster(groups: Sequence[SeatGroup], title: str, output: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    from matplotlib.patches import Circle, Patch

    shown = [g for g in groups if g.seats > 0]
    layout = arch_layout(sum(g.seats for g in shown))
    figure = Figure(figsize=(8, 5.2))
    axes = figure.add_subplot()
    for seat, group in assign(layout, shown):
        axes.add_patch(Circle((seat.x, seat.y), seat.radius, color=group.fill, lw=0))
    axes.text(1, 0.05, str(len(layout.seats)), ha="center", fontsize=26, fontweight="bold")
    axes.set_xlim(-0.02, 2.02)
    axes.set_ylim(-0.02, 1.02)
    axes.set_aspect("equal")
    axes.axis("off")
    axes.set_title(title)
    handles = [Patch(color=g.fill, label=f"{g.seats} · {g.shown}") for g in shown]
    figure.legend(handles=handles, loc="lower center", ncol=2, frameon=False, fontsize=9)
    figure.subplots_adjust(bottom=0.08 + 0.045 * ((len(handles) + 1) // 2))
    figure.savefig(output, format=output.suffix.lower().lstrip("."), dpi=150)
