"""A procedure's timeline: one lane per acting body, one marker per step in order.

Markers are green for a step that passed (a vote won, a deadline met), red for one that
failed, grey for a step that applies a rule without a decision; a ring marks a step that
rests on an unverified rule. The date is written under each marker where it changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from kazpolity.charts import svg

LANE = 44.0
STEP = 92.0
LEFT = 130.0
TOP = 20.0
PASSED, FAILED, NEUTRAL = "#2e8b57", "#c0262d", "#8c96a0"


@dataclass(frozen=True)
class TimelineStep:
    """One step: when, who, what, and whether it passed (``None``: no decision)."""

    on: date
    body: str
    action: str
    passed: bool | None
    unverified: bool = False


def timeline_svg(steps: Sequence[TimelineStep], *, title: str) -> str:
    """The steps as lanes (bodies, in order of first appearance) × step order."""
    lanes: list[str] = []
    for step in steps:
        if step.body not in lanes:
            lanes.append(step.body)
    width = LEFT + max(1, len(steps)) * STEP + 20
    height = TOP + len(lanes) * LANE + 40
    body: list[str] = ['<g font-family="sans-serif" font-size="12">']
    for index, lane in enumerate(lanes):
        y = TOP + index * LANE + LANE / 2
        body.append(
            f'<line x1="{svg.num(LEFT - 10)}" y1="{svg.num(y)}" x2="{svg.num(width - 10)}" '
            f'y2="{svg.num(y)}" stroke="#d9dee4"/>'
            f'<text x="{svg.num(LEFT - 16)}" y="{svg.num(y + 4)}" text-anchor="end" '
            f'fill="#1d2733">{svg.text(lane)}</text>')
    previous: tuple[float, float] | None = None
    last_day: date | None = None
    for index, step in enumerate(steps):
        x = LEFT + index * STEP + STEP / 2
        y = TOP + lanes.index(step.body) * LANE + LANE / 2
        if previous is not None:
            body.append(f'<line x1="{svg.num(previous[0])}" y1="{svg.num(previous[1])}" '
                        f'x2="{svg.num(x)}" y2="{svg.num(y)}" stroke="#9aa5b1" '
                        'stroke-dasharray="3 3"/>')
        previous = (x, y)
        fill = NEUTRAL if step.passed is None else PASSED if step.passed else FAILED
        ring = ' stroke="#b36b00" stroke-width="3"' if step.unverified else ""
        verdict = {None: "", True: " ✓", False: " ✗"}[step.passed]
        tooltip = f"{index + 1}. {step.on.isoformat()} {step.body}: {step.action}{verdict}"
        body.append(
            f'<g class="step" data-index="{index + 1}">'
            f"<title>{svg.text(tooltip)}</title>"
            f'<circle cx="{svg.num(x)}" cy="{svg.num(y)}" r="11" fill="{fill}"{ring}/>'
            f'<text x="{svg.num(x)}" y="{svg.num(y + 4)}" text-anchor="middle" fill="white" '
            f'font-weight="700">{index + 1}</text></g>')
        if step.on != last_day:
            body.append(f'<text x="{svg.num(x)}" y="{svg.num(height - 18)}" '
                        f'text-anchor="middle" fill="#5b6673" font-size="11">'
                        f"{step.on.isoformat()}</text>")
            last_day = step.on
    body.append("</g>")
    return svg.document(width, height, body, label=title, css_class="timeline")
