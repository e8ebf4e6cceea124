"""A tile-grid cartogram of Kazakhstan's first-level units on a date.

Each unit in force is one square at its ``Region.tile`` (column 0 = west, row 0 = north):
the shapes are schematic, the neighbourhoods roughly right. A unit is coloured by a value
when one is given (a sequential scale from the smallest to the largest value shown), else
drawn neutral; the caption says which.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kazpolity.charts import svg
from kazpolity.charts.palette import text_colour
from kazpolity.geo import Region
from kazpolity.names.labels import place_code

TILE = 112.0
GAP = 6.0
PAD = 10.0
NEUTRAL = "#e6ebf0"
LOW = (224, 243, 248)
HIGH = (8, 81, 156)
CAPITAL_STROKE = "#b36b00"



CAPTIONS: dict[str, dict[str, str]] = {
    "en": {"values": "{name}: lighter = lower, darker = higher ({n} of {total} units have a "
                     "value)", "value": "value",
           "none": "{total} units in force; no regional values for this view",
           "capital": "outlined: the capital"},
    "kk": {"values": "{name}: ашығырақ — төмен, қоюырақ — жоғары ({total} бірліктің {n} "
                     "мәні бар)", "value": "мәні",
           "none": "күшіндегі {total} бірлік; бұл көріністе өңірлік мәндер жоқ",
           "capital": "жиегі бөлінген — елорда"},
    "ru": {"values": "{name}: светлее — ниже, темнее — выше (значение есть у {n} из {total} "
                     "единиц)", "value": "значение",
           "none": "{total} единиц на эту дату; региональных значений в этом виде нет",
           "capital": "обведена столица"},
}
"""The map's caption in each language."""


@dataclass(frozen=True)
class TileValue:
    """A unit's value on the map and how to print it (``"54.3%"``, ``"12 of 40"``)."""

    value: float
    label: str




def _lines(name: str, width: int = 14) -> list[str]:
    """Break a name into at most three lines of about ``width`` characters."""
    words = re.split(r"(?<=-)|\s+", name)
    lines: list[str] = []
    for word in (w for w in words if w):
        if lines and len(lines[-1]) + len(word) + (0 if lines[-1].endswith("-") else 1) <= width:
            joiner = "" if lines[-1].endswith("-") else " "
            lines[-1] += joiner + word
        else:
            lines.append(word)
    if len(lines) > 3:
        lines = [*lines[:2], lines[2] + "…"]
    return lines


def _mix(share: float) -> str:
    red, green, blue = (round(lo + (hi - lo) * share) for lo, hi in zip(LOW, HIGH, strict=True))
    return f"#{red:02x}{green:02x}{blue:02x}"


def _tile(
    region: Region, lang: str, value: TileValue | None, low: float, high: float
) -> list[str]:
    """One region's tile: its shade by value, its code, its name and its value's label."""
    parts: list[str] = []
    x = PAD + region.tile.col * (TILE + GAP)
    y = PAD + region.tile.row * (TILE + GAP)
    if value is None:
        fill = NEUTRAL
    else:
        share = 0.5 if high == low else (value.value - low) / (high - low)
        fill = _mix(0.15 + 0.85 * share)
    ink = text_colour(fill)
    capital = region.kind == "capital"
    tooltip = region.name(lang) + (f": {value.label}" if value else "")
    stroke = (f'stroke="{CAPITAL_STROKE}" stroke-width="3"' if capital
              else 'stroke="#9aa5b1" stroke-width="1"')
    parts.append(
        f'<g class="tile" data-code="{region.code}" data-kind="{region.kind}">'
        f"<title>{svg.text(tooltip)}</title>"
        f'<rect x="{svg.num(x)}" y="{svg.num(y)}" width="{svg.num(TILE)}" '
        f'height="{svg.num(TILE)}" rx="8" fill="{fill}" {stroke}/>'
        f'<text x="{svg.num(x + 8)}" y="{svg.num(y + 20)}" font-size="15" '
        f'font-weight="700" fill="{ink}">{svg.text(place_code(region.code, lang))}</text>'
    )
    for index, line in enumerate(_lines(region.name(lang))):
        parts.append(
            f'<text x="{svg.num(x + 8)}" y="{svg.num(y + 40 + 14 * index)}" '
            f'font-size="11" fill="{ink}">{svg.text(line)}</text>'
        )
    if value is not None:
        parts.append(
            f'<text class="value" x="{svg.num(x + TILE - 8)}" y="{svg.num(y + TILE - 10)}" '
            f'font-size="14" font-weight="700" text-anchor="end" fill="{ink}">'
            f"{svg.text(value.label)}</text>"
        )
    parts.append("</g>")
    return parts


def regions_map_svg(
    regions: Sequence[Region],
    *,
    title: str,
    lang: str = "en",
    values: Mapping[str, TileValue] | None = None,
    value_name: str | None = None,
) -> str:
    """The cartogram of ``regions`` (the units in force on one date) as an SVG document."""
    values = values or {}
    columns = max((r.tile.col for r in regions), default=0) + 1
    rows = max((r.tile.row for r in regions), default=0) + 1
    width = 2 * PAD + columns * TILE + (columns - 1) * GAP
    height = 2 * PAD + rows * TILE + (rows - 1) * GAP + 30
    shown = [v.value for code, v in values.items() if any(r.code == code for r in regions)]
    low, high = (min(shown), max(shown)) if shown else (0.0, 0.0)
    body: list[str] = ['<g class="tiles" font-family="sans-serif">']
    for region in sorted(regions, key=lambda r: (r.tile.row, r.tile.col)):
        body.extend(_tile(region, lang, values.get(region.code), low, high))
    body.append("</g>")
    caption_y = height - PAD - 6
    words = CAPTIONS.get(lang, CAPTIONS["en"])
    if shown:
        caption = words["values"].format(name=value_name or words["value"], n=len(shown),
                                         total=len(regions))
    else:
        caption = words["none"].format(total=len(regions))
    body.append(
        f'<text class="caption" x="{svg.num(PAD)}" y="{svg.num(caption_y)}" font-size="13" '
        f'font-family="sans-serif" fill="#5b6673">{svg.text(caption)} · '
        f'{svg.text(words["capital"])}</text>'
    )
    return svg.document(width, height, body, label=title, css_class="cartogram")
