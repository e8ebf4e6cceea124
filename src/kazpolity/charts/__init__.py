"""Charts drawn as plain SVG text: parliament arches and the regions cartogram.

Geometry and drawing are separate: ``parliament.arch_layout`` computes seat centres in unit
coordinates (see ``docs/parliament-geometry.md``); ``parliament.arch_svg`` draws them.
No plotting library is needed and every chart is deterministic text (snapshot-tested).
"""

from kazpolity.charts.palette import APK_COLOUR, UNKNOWN_COLOUR, party_colour
from kazpolity.charts.parliament import (
    ArchLayout,
    Seat,
    SeatGroup,
    arch_layout,
    arch_svg,
    row_capacities,
    rows_for,
)
from kazpolity.charts.regions_map import TileValue, regions_map_svg

__all__ = [
    "APK_COLOUR",
    "UNKNOWN_COLOUR",
    "ArchLayout",
    "Seat",
    "SeatGroup",
    "TileValue",
    "arch_layout",
    "arch_svg",
    "party_colour",
    "regions_map_svg",
    "row_capacities",
    "rows_for",
]
