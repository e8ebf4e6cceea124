"""docs/parameter-files.md, rule 3: a value keyed by the day its act was signed says so.

Law No. 51-VI (10 Mar 2017) took effect on its first official publication (footnote to
Const. Art. 2, zan.gov.kz), whose day is not in the stored sources, so every value it set
is keyed by the signing day and its note must say that, until the publication day is found.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import yaml

import kazpolity.law

PARAMETERS = Path(kazpolity.law.__file__).parent / "parameters"
SIGNED = date(2017, 3, 10)


def _keyed_on(node: Any, day: date, act: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == day and isinstance(value, dict) and (
                    value.get("source") or {}).get("act") == act:
                found.append(value)
            else:
                found.extend(_keyed_on(value, day, act))
    elif isinstance(node, list):
        for item in node:
            found.extend(_keyed_on(item, day, act))
    return found


def test_values_of_law_51_vi_say_they_are_keyed_by_its_signing_day() -> None:
    values = [v for path in sorted(PARAMETERS.glob("*.yaml"))
              for v in _keyed_on(yaml.safe_load(path.read_text("utf-8")), SIGNED,
                                 "const-amend-2017")]
    assert len(values) >= 15
    unsaid = [v for v in values if "the day Law No. 51-VI was signed" not in (v.get("note") or "")]
    assert unsaid == []
