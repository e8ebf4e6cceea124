"""Seat groups for the arch diagrams: who holds a chamber's seats, from published results
and the rulebook (never a number typed in here).

* A Majilis (or Supreme Council) election: each published row's total seats (list plus
  district seats, ``ResultRow.seats_total``), lists first in published order, then non-list
  rows (independents, Assembly of People deputies); seats the law has but the result does not
  split are "unknown".
* A Senate election: the seats contested on that day, the other elected seats, and the
  appointed seats, read from the rulebook (the Senate's party make-up is not published).
* A chamber on a date: the composition of its latest election on or before the date, or all
  seats "unknown" when no result of that chamber is bundled.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kazpolity.charts.election_colours import result_colour
from kazpolity.charts.palette import APK_COLOUR, INDEPENDENT_COLOUR, UNKNOWN, UNKNOWN_COLOUR
from kazpolity.charts.parliament import SeatGroup, with_distinct_colours
from kazpolity.elections.official import OfficialElection
from kazpolity.institutions.bodies import last_election
from kazpolity.law import MODEL_START, rules_at

CHAMBERS: tuple[str, ...] = ("kurultai", "majilis", "senate")
"""Bodies drawn as arches (the Supreme Council of 1994 only through its election)."""

SEAT_ELECTIONS: frozenset[str] = frozenset({"majilis", "supreme-council", "senate", "kurultai"})

ELECTED_NOW = "#0b7a75"
ELECTED_EARLIER = "#7fc8c4"
APPOINTED = "#8c6bb1"


@dataclass(frozen=True)
class Composition:
    """The seat groups of a chamber with the seat count the law sets and notes for readers."""

    chamber: str
    groups: tuple[SeatGroup, ...]
    seats_by_law: int | None
    election_id: str | None
    notes: tuple[str, ...]

    @property
    def seats(self) -> int:
        return sum(group.seats for group in self.groups)


def _law_seats(body: str, on: date) -> int | None:
    if on < MODEL_START:
        return None
    book = rules_at(on)
    if not book.exists(body):
        return None
    return book.int_(f"{body}.seats_total")


def neutral_colour(name: str) -> str | None:
    """The neutral colour of non-party seats (APK deputies, independents), else None."""
    lowered = name.lower()
    if "apk" in lowered or "assembly of people" in lowered:
        return APK_COLOUR
    if "independent" in lowered:
        return INDEPENDENT_COLOUR
    return None


def _party_groups(election: OfficialElection) -> list[SeatGroup]:
    lists: list[SeatGroup] = []
    others: list[SeatGroup] = []
    for row in election.rows:
        seats = row.seats_total
        if seats is None and (row.seats_list is not None or row.seats_district is not None):
            seats = (row.seats_list or 0) + (row.seats_district or 0)
        if not seats:
            continue
        if row.kind == "list":
            lists.append(SeatGroup(row.name, seats, result_colour(row.name)))
        else:
            others.append(SeatGroup(row.name, seats, neutral_colour(row.name)))
    return with_distinct_colours(lists + others)


def _senate_groups(election: OfficialElection | None, on: date) -> tuple[list[SeatGroup],
                                                                         list[str]]:
    book = rules_at(on)
    elected = book.int_("senate.seats_elected")
    appointed = book.int_("senate.seats_appointed")
    on_apk = book.optional_int("senate.seats_appointed_on_apk_recommendation") or 0
    groups: list[SeatGroup] = []
    notes = ["The Senate's party composition is not published: seats are shown by how they "
             "are filled (rulebook: senate.seats_elected, senate.seats_appointed)."]
    if election is not None and election.seats_contested is not None:
        contested = min(election.seats_contested, elected)
        groups.append(SeatGroup(f"Elected on {election.date.isoformat()}", contested,
                                ELECTED_NOW))
        groups.append(SeatGroup("Elected earlier (not up)", elected - contested,
                                ELECTED_EARLIER))
    else:
        groups.append(SeatGroup("Elected by maslikhat electors", elected, ELECTED_NOW))
    if on_apk:
        groups.append(SeatGroup("Appointed by the President", appointed - on_apk, APPOINTED))
        groups.append(SeatGroup("Appointed on the APK's recommendation", on_apk, APK_COLOUR))
    else:
        groups.append(SeatGroup("Appointed by the President", appointed, APPOINTED))
    return [g for g in groups if g.seats > 0], notes


def election_composition(election: OfficialElection) -> Composition | None:
    """The seats an election filled, or ``None`` for elections without seats."""
    if election.body not in SEAT_ELECTIONS:
        return None
    if election.body == "senate":
        if _law_seats("senate", election.date) is None:
            return None
        senate, senate_notes = _senate_groups(election, election.date)
        return Composition("senate", tuple(senate), _law_seats("senate", election.date),
                           election.election_id, tuple(senate_notes))
    groups = _party_groups(election)
    law = _law_seats(election.body, election.date)
    notes: list[str] = []
    filled = sum(group.seats for group in groups)
    if law is not None and filled < law:
        groups.append(SeatGroup(UNKNOWN, law - filled, UNKNOWN_COLOUR))
        notes.append(f"{law - filled} of the {law} seats are not split in the published "
                     "result: shown as unknown.")
    elif law is not None and filled > law:
        notes.append(f"The published seats ({filled}) exceed the {law} seats the rulebook "
                     f"sets on {election.date.isoformat()}.")
    if not groups:
        return None
    return Composition(election.body, tuple(groups), law, election.election_id, tuple(notes))


def chamber_composition(body: str, on: date) -> Composition | None:
    """Who holds ``body``'s seats on ``on`` (``None`` when the body does not exist then)."""
    law = _law_seats(body, on)
    if law is None:
        return None
    if body == "senate":
        groups, notes = _senate_groups(None, on)
        return Composition(body, tuple(groups), law, None, tuple(notes))
    election = last_election(body, on)
    if election is None:
        return Composition(body, (SeatGroup(UNKNOWN, law, UNKNOWN_COLOUR),), law, None, (
            f"No result of a {body} election is bundled: all {law} seats the law sets are "
            "shown as unknown.",))
    composed = election_composition(election)
    if composed is None:
        return Composition(body, (SeatGroup(UNKNOWN, law, UNKNOWN_COLOUR),), law,
                           election.election_id, ("The latest result publishes no seats.",))
    notes = list(composed.notes)
    notes.insert(0, f"As elected on {election.date.isoformat()} ({election.election_id}); "
                    "later changes of mandate are not modelled.")
    if composed.seats != law:
        notes.append(f"The rulebook sets {law} seats on {on.isoformat()}; the last election "
                     f"filled {composed.seats}.")
    return Composition(body, composed.groups, law, election.election_id, tuple(notes))
