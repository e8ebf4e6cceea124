"""Constitutional eras: named spans of the rulebook, for timelines and labels."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import yaml

from kazpolity.errors import DataFileError

ERAS_FILE = Path(__file__).with_name("eras.yaml")


@dataclass(frozen=True)
class Era:
    """An era starts with the act that opened it and lasts until the next one starts."""

    start: date
    code: str
    label: str
    url: str


@cache
def eras() -> tuple[Era, ...]:
    """All eras, in order (kz-institutions.md §0)."""
    raw = yaml.safe_load(ERAS_FILE.read_text(encoding="utf-8"))
    result: list[Era] = []
    for index, item in enumerate(raw):
        if not isinstance(item, dict) or not isinstance(item.get("start"), date):
            raise DataFileError(str(ERAS_FILE), None, f"[{index}]", "needs a start date")
        era = Era(item["start"], str(item["code"]), str(item["label"]), str(item["url"]))
        if result and era.start <= result[-1].start:
            raise DataFileError(str(ERAS_FILE), None, f"[{index}]", "eras must be in order")
        result.append(era)
    return tuple(result)


def era_at(on: date) -> Era:
    """The era in force on a date (the first era for dates before it)."""
    current = eras()[0]
    for era in eras():
        if era.start <= on:
            current = era
    return current
