"""Dated institutional events that are not rules (``data/institutional_events.yaml``).

Rules say what the law allowed; events say what happened with it: the 2011 initiative to
extend the presidency by referendum that the Constitutional Council found unconstitutional,
the Security Council's chair changing hands before the law did, the Elbasy law's repeal.
Procedures and pages place these on their timelines next to the rules in force.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from kazpolity.data import record_list
from kazpolity.errors import DataFileError

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "institutional_events.yaml"

EVENT_KINDS = ("initiative", "ruling", "handover", "repeal", "dissolution")


@dataclass(frozen=True)
class InstitutionalEvent:
    """One dated event, with the bodies it concerns and its sources."""

    on: date
    kind: str
    bodies: tuple[str, ...]
    what: str
    outcome: str
    sources: tuple[str, ...]
    date_exact: bool = True
    note: str | None = None



def _fail(key: str, message: str) -> DataFileError:
    return DataFileError(str(DATA_FILE), None, key, message)


def _text(item: Mapping[str, object], key: str, where: str) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _fail(f"{where}.{key}", "required text")
    return value.strip()


def _event(item: Any, where: str) -> InstitutionalEvent:
    if not isinstance(item, dict):
        raise _fail(where, "expected a mapping")
    day = item.get("date")
    if not isinstance(day, date):
        raise _fail(f"{where}.date", f"expected a date YYYY-MM-DD, got {day!r}")
    kind = _text(item, "kind", where)
    if kind not in EVENT_KINDS:
        raise _fail(f"{where}.kind", f"expected one of {', '.join(EVENT_KINDS)}, got {kind!r}")
    bodies, sources = item.get("bodies"), item.get("sources")
    if not isinstance(bodies, list) or not bodies or not all(isinstance(b, str) for b in bodies):
        raise _fail(f"{where}.bodies", "a non-empty list of body names")
    if not isinstance(sources, list) or not sources or not all(
        isinstance(s, str) and s.startswith(("http://", "https://")) for s in sources
    ):
        raise _fail(f"{where}.sources", "a non-empty list of http(s) URLs")
    return InstitutionalEvent(day, kind, tuple(bodies), _text(item, "what", where),
                              _text(item, "outcome", where), tuple(sources),
                              bool(item.get("date_exact", True)), item.get("note"))


@cache
def institutional_events() -> tuple[InstitutionalEvent, ...]:
    """Every recorded event, in date order (the file is validated once)."""
    items = record_list(DATA_FILE, "events")
    events = [_event(item, f"events[{index}]") for index, item in enumerate(items)]
    return tuple(sorted(events, key=lambda event: event.on))


def events_between(
    start: date, end: date, body: str | None = None
) -> tuple[InstitutionalEvent, ...]:
    """Events with ``start <= date < end``, optionally only those concerning ``body``."""
    return tuple(
        event for event in institutional_events()
        if start <= event.on < end and (body is None or body in event.bodies)
    )
