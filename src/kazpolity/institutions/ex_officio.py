"""Offices held by virtue of another office or a status: the Security Council's chair, the
Supreme Commander-in-Chief, the First President's status.

The rule comes from the rulebook (``security_council``, ``armed_forces``, ``first_president``
parameter files); the person from the office-holders data. Where the two part ways (Tokayev
took the Security Council's chair on 5 January 2022 while the law still gave it to the First
President for life) the answer says so instead of choosing one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kazpolity.institutions.events import InstitutionalEvent, events_between
from kazpolity.institutions.holders import holder_on
from kazpolity.law import rules_at

FIRST_PRESIDENT = "Nursultan Nazarbayev"
"""The only holder of the First President status (Constitutional Law No. 83-II of 2000)."""


@dataclass(frozen=True)
class ExOfficioAnswer:
    """Who the law names for an office on a day, who held it, and whether they agree."""

    office: str
    on: date
    by_law: str | None  # "president" | "first-president" | None (no such office)
    holder: str | None
    agrees_with_law: bool | None
    events: tuple[InstitutionalEvent, ...] = ()


def first_president_status(on: date) -> dict[str, bool] | None:
    """What the First President - Elbasy status gave on ``on`` (None outside 2000-2023)."""
    book = rules_at(on)
    if not book.exists("first_president"):
        return None
    names = ("immunity_for_acts_as_president", "leader_of_the_nation_title",
             "family_property_inviolable", "chairs_security_council_for_life")
    return {name: bool(book.value(f"first_president.{name}")) for name in names}


def _expected_holder(by_law: str, on: date) -> str | None:
    return FIRST_PRESIDENT if by_law == "first-president" else holder_on("president", on).holder


def security_council_chair(on: date) -> ExOfficioAnswer:
    """The Security Council's chair by law (Law No. 178-VI Art. 1) and in fact."""
    book = rules_at(on)
    by_law = book.str_("security_council.chair") if book.exists("security_council") else None
    held = holder_on("security_council_chair", on).holder
    if by_law is None:
        return ExOfficioAnswer("security_council_chair", on, None, held, None)
    expected = _expected_holder(by_law, on)
    agrees = None if held is None or expected is None else held == expected
    events = events_between(date(on.year - 1, 1, 1), date(on.year + 1, 1, 1), "security_council")
    return ExOfficioAnswer("security_council_chair", on, by_law, held, agrees,
                           tuple(e for e in events if e.on <= on))


def commander_in_chief(on: date) -> ExOfficioAnswer:
    """The Supreme Commander-in-Chief: the President (Constitution 1995 Art. 44(12))."""
    book = rules_at(on)
    by_law = book.str_("armed_forces.supreme_commander")
    held = holder_on("president", on).holder if by_law == "president" else None
    return ExOfficioAnswer("supreme_commander", on, by_law, held, True if held else None)
