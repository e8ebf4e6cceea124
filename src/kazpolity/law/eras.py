"""Constitutional eras: named spans of the rulebook, for timelines, labels and procedures.

The one table of eras (``eras.yaml``): each era opens with an act that amended or replaced
the Constitution (the acts are in ``law/parameters/acts.yaml``) and lasts until the next.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from kazpolity.datafile import YamlReader

ERAS_FILE = Path(__file__).with_name("eras.yaml")
ERA_KEYS = frozenset({"start", "code", "label", "url"})


@dataclass(frozen=True)
class Era:
    """An era starts with the act that opened it and lasts until the next one starts."""

    start: date
    code: str
    label: str
    url: str


@cache
def eras() -> tuple[Era, ...]:
    """All eras, in order; the file is read strictly (every key required, dates in order)."""
    reader = YamlReader(ERAS_FILE)
    result: list[Era] = []
    for index, node in enumerate(reader.sequence(reader.compose(), "", non_empty=True)):
        key = f"[{index}]"
        fields = reader.mapping(node, key, ERA_KEYS, ERA_KEYS)
        era = Era(reader.day(fields["start"][1], f"{key}.start"),
                  reader.text(fields["code"][1], f"{key}.code"),
                  reader.text(fields["label"][1], f"{key}.label"),
                  reader.url(fields["url"][1], f"{key}.url"))
        if result and era.start <= result[-1].start:
            raise reader.fail(node, f"{key}.start", "eras must be in order")
        result.append(era)
    return tuple(result)


def era_at(on: date) -> Era:
    """The era in force on a date (the first era for dates before it)."""
    current = eras()[0]
    for era in eras():
        if era.start <= on:
            current = era
    return current
