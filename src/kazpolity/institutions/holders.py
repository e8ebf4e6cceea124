"""Office-holders by date, from the bundled ``data/office_holders.yaml`` (with sources).

Gaps are data, not guesses: an interval with no holder is either *vacant* (the body had
not met, or was dissolved) or *unknown* (the sources found do not say who held it).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

from kazpolity.data import EXTRA_HOLDERS, extra_record_file
from kazpolity.datafile import read_data
from kazpolity.errors import DataFileError, NotFound
from kazpolity.law.calendar import add_years

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "office_holders.yaml"

OFFICES = (
    "president", "vice_president", "prime_minister", "senate_chair", "majilis_chair",
    "kurultai_chair", "constitutional_council_chair", "constitutional_court_chair", "cec_chair",
    "security_council_chair",
)


@dataclass(frozen=True)
class Tenure:
    """One interval ``[start, end)`` of an office: a holder, a vacancy, or an unknown gap."""

    holder: str | None
    start: date
    end: date | None
    vacant: bool
    acting: bool
    from_exact: bool
    sources: tuple[str, ...]
    note: str | None

    def covers(self, on: date) -> bool:
        return self.start <= on and (self.end is None or on < self.end)


class HolderStatus(StrEnum):
    """Whether the office was held on the day, and how far the record knows."""

    HELD = "held"
    VACANT = "vacant"
    UNKNOWN = "unknown"
    """No record for the day (the answer says UNKNOWN, never a guess)."""
    NO_OFFICE = "no-office"
    """The day lies outside the office's existence."""


@dataclass(frozen=True)
class HolderAnswer:
    """Who held an office on a day, and how sure the data is."""

    office: str
    title: str
    on: date
    holder: str | None
    status: HolderStatus
    certain: bool
    tenure: Tenure | None

    def text(self) -> str:
        if self.status is HolderStatus.NO_OFFICE:
            return "(the office did not exist)"
        if self.status is HolderStatus.VACANT:
            return "vacant" + (f" ({self.tenure.note})" if self.tenure and self.tenure.note else "")
        if self.status is HolderStatus.UNKNOWN or self.holder is None:
            return "UNKNOWN (not in the sources)"
        suffix = " (acting)" if self.tenure and self.tenure.acting else ""
        if not self.certain:
            suffix += " (start date not exact)"
        return self.holder + suffix


@dataclass(frozen=True)
class Dissolution:
    body: str
    on: date
    unverified: bool
    sources: tuple[str, ...]
    note: str | None


@dataclass(frozen=True)
class PresidentialTerm:
    """A presidential mandate from an election; ``ends`` is exact only when law fixed it."""

    president: str
    elected: date
    ends: date
    ends_exact: bool
    term_years: int | None
    sources: tuple[str, ...]
    note: str | None


@dataclass(frozen=True)
class HolderData:
    titles: dict[str, str]
    tenures: dict[str, tuple[Tenure, ...]]
    dissolutions: tuple[Dissolution, ...]
    terms: tuple[PresidentialTerm, ...]


def _fail(key: str, message: str, path: Path = DATA_FILE) -> DataFileError:
    return DataFileError(str(path), None, key, message)


def _day(value: Any, key: str, path: Path = DATA_FILE) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise _fail(key, f"expected a date YYYY-MM-DD, got {value!r}", path) from None


def _sources(raw: Any, key: str, path: Path = DATA_FILE) -> tuple[str, ...]:
    if not isinstance(raw, list) or not raw or not all(isinstance(s, str) for s in raw):
        raise _fail(key, "every entry needs a non-empty list of sources", path)
    return tuple(raw)


def _tenures(office: str, raw: Any, path: Path = DATA_FILE) -> tuple[Tenure, ...]:
    if not isinstance(raw, list) or not raw:
        raise _fail(f"offices.{office}.holders", "expected a non-empty list", path)
    result: list[Tenure] = []
    for index, item in enumerate(raw):
        key = f"offices.{office}.holders[{index}]"
        if not isinstance(item, dict):
            raise _fail(key, "expected a mapping", path)
        holder = item.get("holder")
        if holder is not None and not isinstance(holder, str):
            raise _fail(f"{key}.holder", "expected a name or null", path)
        vacant = bool(item.get("vacant", False))
        note = item.get("note")
        if holder is None and not note:
            raise _fail(f"{key}.note", "a gap needs a note saying why it is vacant or unknown",
                        path)
        start = _day(item.get("from"), f"{key}.from", path)
        end = None if item.get("until") is None else _day(item["until"], f"{key}.until", path)
        if end is not None and end <= start:
            raise _fail(f"{key}.until", "must be after 'from'", path)
        if result:
            previous = result[-1]
            if previous.end is None or previous.end != start:
                raise _fail(f"{key}.from", "entries must follow each other without gaps or "
                            "overlaps (record an unknown gap with holder: null)", path)
        result.append(Tenure(holder, start, end, vacant, bool(item.get("acting", False)),
                             bool(item.get("from_exact", True)),
                             _sources(item.get("sources"), f"{key}.sources", path),
                             str(note) if note else None))
    return tuple(result)


def _is_unknown(tenure: Tenure) -> bool:
    return tenure.holder is None and not tenure.vacant


def _close_unknown(
    office: str, bundled: tuple[Tenure, ...], extra: tuple[Tenure, ...], path: Path
) -> tuple[Tenure, ...]:
    """Splice extra tenures into the bundled record; they may only replace unknown stretches.

    Why: records published after the bundled data (the Kurultai's chair, the Vice President)
    close gaps the bundled file marks UNKNOWN; they never overwrite a sourced tenure.
    """
    start, end = extra[0].start, extra[-1].end
    key = f"offices.{office}.holders[0].from"
    before = [t for t in bundled if t.end is not None and t.end <= start]
    after = [t for t in bundled if end is not None and t.start >= end]
    overlapped = [t for t in bundled if t not in before and t not in after]
    if not overlapped or start < bundled[0].start:
        raise _fail(key, f"{start} does not continue the bundled record of {office}", path)
    for tenure in overlapped:
        if not _is_unknown(tenure):
            recorded = tenure.holder or "vacant"
            raise _fail(key, f"the extra entries overlap a recorded tenure ({recorded} from "
                        f"{tenure.start}); they may only fill an UNKNOWN stretch", path)
    head = [replace(overlapped[0], end=start)] if overlapped[0].start < start else []
    last = overlapped[-1]
    tail = ([replace(last, start=end)] if end is not None and (last.end is None or last.end > end)
            else [])
    return (*before, *head, *extra, *tail, *after)


def _read(path: Path) -> dict[str, Any]:
    try:
        raw = read_data(path)
    except OSError as err:
        raise _fail("(file)", f"cannot read: {err}", path) from err
    if not isinstance(raw, dict) or not isinstance(raw.get("offices"), dict):
        raise _fail("offices", "required: a mapping of office to holders", path)
    return raw


def _dissolutions(raw: Mapping[str, object], path: Path) -> tuple[Dissolution, ...]:
    items = raw.get("dissolutions") or []
    if not isinstance(items, list):
        raise _fail("dissolutions", "expected a list of dissolutions", path)
    out = []
    for item in items:
        if not isinstance(item, dict):
            raise _fail("dissolutions", "expected a mapping per dissolution", path)
        note = item.get("note")
        if note is not None and not isinstance(note, str):
            raise _fail("dissolutions.note", f"expected text, got {note!r}", path)
        out.append(Dissolution(
            str(item.get("body")), _day(item.get("date"), "dissolutions.date", path),
            bool(item.get("unverified", False)),
            _sources(item.get("sources"), "dissolutions.sources", path), note))
    return tuple(out)


@cache
def holder_data() -> HolderData:
    """Load and validate the office-holders file once, with the extra records if any.

    Extra records (``$KAZPOLITY_EXTRA_RECORDS/office_holders.yaml``) may only close stretches
    the bundled file marks UNKNOWN (docs/adding-records.md).
    """
    raw = _read(DATA_FILE)
    titles: dict[str, str] = {}
    tenures: dict[str, tuple[Tenure, ...]] = {}
    for office, body in raw["offices"].items():
        if office not in OFFICES:
            raise _fail(f"offices.{office}", f"unknown office (known: {', '.join(OFFICES)})")
        titles[office] = str(body.get("title", office))
        tenures[office] = _tenures(office, body.get("holders"))
    dissolutions = _dissolutions(raw, DATA_FILE)
    extra_path = extra_record_file(EXTRA_HOLDERS)
    if extra_path is not None:
        extra = _read(extra_path)
        for office, body in (extra.get("offices") or {}).items():
            if office not in OFFICES:
                raise _fail(f"offices.{office}", f"unknown office (known: {', '.join(OFFICES)})",
                            extra_path)
            added = _tenures(office, (body or {}).get("holders"), extra_path)
            tenures[office] = _close_unknown(office, tenures[office], added, extra_path)
        dissolutions += _dissolutions(extra, extra_path)
    terms: list[PresidentialTerm] = []
    for index, item in enumerate(raw.get("presidential_terms", [])):
        key = f"presidential_terms[{index}]"
        elected = _day(item.get("elected"), f"{key}.elected")
        years = item.get("term_years")
        if "ends" in item:
            ends, exact = _day(item["ends"], f"{key}.ends"), True
        elif isinstance(years, int):
            ends, exact = add_years(elected, years), False
        else:
            raise _fail(key, "needs 'ends' or 'term_years'")
        terms.append(PresidentialTerm(str(item["president"]), elected, ends, exact,
                                      years if isinstance(years, int) else None,
                                      _sources(item.get("sources"), f"{key}.sources"),
                                      item.get("note")))
    terms.sort(key=lambda term: term.elected)
    return HolderData(titles, tenures, tuple(sorted(dissolutions, key=lambda d: d.on)),
                      tuple(terms))


def holder_on(office: str, on: date) -> HolderAnswer:
    """Who held ``office`` on ``on`` (``unknown`` where the data has no record)."""
    data = holder_data()
    if office not in data.tenures:
        raise NotFound("office", f"unknown office {office!r} (known: {', '.join(OFFICES)})")
    title = data.titles[office]
    for tenure in data.tenures[office]:
        if tenure.covers(on):
            if tenure.holder is None:
                status = HolderStatus.VACANT if tenure.vacant else HolderStatus.UNKNOWN
                return HolderAnswer(office, title, on, None, status, True, tenure)
            certain = tenure.from_exact or on.year != tenure.start.year
            return HolderAnswer(office, title, on, tenure.holder, HolderStatus.HELD, certain,
                                tenure)
    tenures = data.tenures[office]
    if on < tenures[0].start or (tenures[-1].end is not None and on >= tenures[-1].end):
        return HolderAnswer(office, title, on, None, HolderStatus.NO_OFFICE, True, None)
    return HolderAnswer(office, title, on, None, HolderStatus.UNKNOWN, False, None)


def dissolutions_before(on: date) -> tuple[Dissolution, ...]:
    """Recorded dissolutions strictly before ``on``."""
    return tuple(d for d in holder_data().dissolutions if d.on < on)


def presidential_term_on(on: date) -> PresidentialTerm | None:
    """The mandate in course on ``on``: the last presidential election on or before it."""
    current = None
    for term in holder_data().terms:
        if term.elected <= on:
            current = term
    return current
