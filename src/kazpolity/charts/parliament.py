"""Parliament arch diagrams: seats on concentric half-circles, coloured by party.

The geometry follows parliamentarch (G. Gouvernathor's hemicycle layout) and is documented in
``docs/parliament-geometry.md``. In short, in unit coordinates (the arch spans x ∈ [0, 2],
y ∈ [0, 1], its centre at (1, 0), outer radius 1):

* ``n`` rows, row thickness ``t = 1 / (4n − 2)``; row ``r`` (0 = innermost) has radius
  ``R_r = ½ + 2rt`` and room for ``⌊π(n + r − ½)⌋`` seats;
* ``n`` is the smallest number of rows whose rooms hold every seat;
* seats are shared among rows in proportion to their rooms by largest remainder (exact
  integers, ties to the outer row), so no row gets more seats than it has room for;
* in a row of ``k`` seats, seat ``j`` sits at angle ``θ_j = m + j(π − 2m)/(k − 1)`` from the
  right with margin ``m = asin(t / R_r)`` (a single seat sits at the top, ``θ = π/2``);
* every seat is a circle of radius ``0.8 t``;
* seats are ordered left to right by angle (ties: inner row first) and handed to the seat
  groups in their given order, so each party is one wedge of the arch.

``arch_layout`` is pure geometry; ``arch_svg`` draws a layout with a legend.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from fractions import Fraction

from kazpolity.charts import svg
from kazpolity.charts.palette import distinct_colours, party_colour, text_colour
from kazpolity.errors import InputError

SEAT_RADIUS_FACTOR = Fraction(4, 5)
"""A seat's radius as a share of the row thickness."""

MAX_SEATS = 2000


@dataclass(frozen=True)
class Seat:
    """One seat: its centre and radius in unit coordinates, its row and its angle."""

    x: float
    y: float
    radius: float
    row: int
    angle: float


@dataclass(frozen=True)
class ArchLayout:
    """Seats of a chamber in left-to-right order, with the rows that hold them."""

    seats: tuple[Seat, ...]
    rows: int
    row_seats: tuple[int, ...]
    row_capacity: tuple[int, ...]
    thickness: float


@dataclass(frozen=True)
class SeatGroup:
    """A run of seats drawn in one colour: a party, the APK deputies, or "unknown"."""

    name: str
    seats: int
    colour: str | None = None
    label: str | None = None
    """The name as shown (e.g. in the reader's language); ``name`` stays the identifier."""

    @property
    def fill(self) -> str:
        return self.colour or party_colour(self.name)

    @property
    def shown(self) -> str:
        return self.label or self.name


def with_distinct_colours(groups: Sequence[SeatGroup]) -> list[SeatGroup]:
    """The groups with no two parties in one colour (``palette.distinct_colours``); colours
    set on a group are kept unless an earlier group already has them."""
    colours = distinct_colours([g.name for g in groups],
                               {g.name: g.colour for g in groups if g.colour})
    return [replace(group, colour=colours[group.name]) for group in groups]


def row_capacities(rows: int) -> tuple[int, ...]:
    """Room per row, innermost first: ``⌊π(n + r − ½)⌋`` (one seat for a single row)."""
    if rows < 1:
        raise InputError("rows", f"must be at least 1, got {rows}")
    return tuple(math.floor(math.pi * (rows + r - 0.5)) for r in range(rows))


def rows_for(seats: int) -> int:
    """The smallest number of rows whose rooms hold ``seats`` seats."""
    _check_seats(seats)
    rows = 1
    while sum(row_capacities(rows)) < seats:
        rows += 1
    return rows


def _check_seats(seats: object) -> int:
    if isinstance(seats, bool) or not isinstance(seats, int) or not 1 <= seats <= MAX_SEATS:
        raise InputError("seats", f"must be a whole number from 1 to {MAX_SEATS}, got {seats!r}")
    return seats


def _share_among_rows(seats: int, capacity: Sequence[int]) -> tuple[int, ...]:
    """Largest remainder over the rows' rooms: exact, and never above a row's room."""
    room = sum(capacity)
    quotas = [Fraction(seats * c, room) for c in capacity]
    shares = [math.floor(q) for q in quotas]
    left = seats - sum(shares)
    order = sorted(range(len(capacity)), key=lambda r: (-(quotas[r] - shares[r]), -r))
    for r in order[:left]:
        shares[r] += 1
    return tuple(shares)


def arch_layout(seats: int) -> ArchLayout:
    """Seat centres of a ``seats``-seat chamber, ordered left to right."""
    _check_seats(seats)
    rows = rows_for(seats)
    capacity = row_capacities(rows)
    per_row = _share_among_rows(seats, capacity)
    thickness = 1 / (4 * rows - 2)
    radius = float(SEAT_RADIUS_FACTOR) * thickness
    placed: list[Seat] = []
    for row, count in enumerate(per_row):
        arc = 0.5 + 2 * row * thickness
        if count == 0:
            continue
        if count == 1:
            placed.append(Seat(1.0, arc, radius, row, math.pi / 2))
            continue
        margin = math.asin(min(1.0, thickness / arc))
        step = (math.pi - 2 * margin) / (count - 1)
        for j in range(count):
            angle = margin + j * step
            placed.append(Seat(1 + arc * math.cos(angle), arc * math.sin(angle), radius, row,
                               angle))
    placed.sort(key=lambda seat: (-round(seat.angle, 9), seat.row))
    return ArchLayout(tuple(placed), rows, per_row, capacity, thickness)


def assign(layout: ArchLayout, groups: Sequence[SeatGroup]) -> list[tuple[Seat, SeatGroup]]:
    """Hand the seats, left to right, to the groups in order; their seats must add up."""
    total = sum(group.seats for group in groups)
    if total != len(layout.seats):
        raise InputError("groups", f"the groups hold {total} seats, the arch has "
                                   f"{len(layout.seats)}")
    owners: list[tuple[Seat, SeatGroup]] = []
    index = 0
    for group in groups:
        if group.seats < 0:
            raise InputError("groups", f"{group.name} has a negative number of seats")
        for _ in range(group.seats):
            owners.append((layout.seats[index], group))
            index += 1
    return owners


SCALE = 300.0
"""SVG pixels per unit: the arch is 600 × 300 px."""

PAD = 8.0
LEGEND_LINE = 20.0


def arch_svg(groups: Sequence[SeatGroup], *, title: str, legend: bool = True) -> str:
    """The arch of the groups' seats as an SVG document, with the total in the middle and
    a legend (name, seats) below. Empty groups appear in the legend only."""
    groups = list(groups)
    total = sum(group.seats for group in groups)
    layout = arch_layout(total)
    width = 2 * SCALE + 2 * PAD
    shown = [group for group in groups if group.seats > 0] if legend else []
    legend_rows = math.ceil(len(shown) / 2)
    height = SCALE + 2 * PAD + (legend_rows * LEGEND_LINE + 10 if legend_rows else 0)
    body: list[str] = ['<g class="seats">']
    for seat, group in assign(layout, [g for g in groups if g.seats > 0]):
        cx = PAD + seat.x * SCALE
        cy = PAD + (1 - seat.y) * SCALE
        body.append(
            f'<circle class="seat" cx="{svg.num(cx)}" cy="{svg.num(cy)}" '
            f'r="{svg.num(seat.radius * SCALE)}" fill="{group.fill}" '
            f"data-party={svg.attr(group.name)}><title>{svg.text(group.shown)}</title></circle>"
        )
    body.append("</g>")
    body.append(
        f'<text class="total" x="{svg.num(PAD + SCALE)}" y="{svg.num(PAD + SCALE - 6)}" '
        f'text-anchor="middle" font-size="{svg.num(min(48.0, SCALE * 0.16))}" '
        f'font-weight="700" fill="#1d2733" font-family="sans-serif">{total}</text>'
    )
    if shown:
        body.append('<g class="legend" font-family="sans-serif" font-size="13">')
        for index, group in enumerate(shown):
            column, line = index % 2, index // 2
            x = PAD + column * SCALE
            y = PAD + SCALE + 14 + line * LEGEND_LINE
            label = f"{group.seats} · {group.shown}"
            body.append(
                f'<rect x="{svg.num(x)}" y="{svg.num(y)}" width="14" height="14" rx="3" '
                f'fill="{group.fill}" stroke="{text_colour(group.fill)}" stroke-opacity="0.2"/>'
                f'<text x="{svg.num(x + 20)}" y="{svg.num(y + 12)}" fill="#1d2733">'
                f"{svg.text(_shorten(label, 40))}</text>"
            )
        body.append("</g>")
    return svg.document(width, height, body, label=title, css_class="arch")


def _shorten(label: str, limit: int) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"
